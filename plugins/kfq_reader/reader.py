"""Pelican's reader for our Markdown files: a thin adapter over kfq.frontmatter.read_source.

`invoke check` and the build read a file through the same function, so they cannot split its
front-matter, type its values or count its lines differently. What this adapter adds is
Pelican's: the Markdown body converted to HTML, and the fields turned into Pelican's metadata
by pelican-yaml-metadata's rules (dates parsed, authors as Author objects, `summary`
rendered as Markdown).

The reader also counts the text's 字数 (`zishu`): what a reader returns is what Pelican's
content cache keeps, so the editors' loop does not count 10,000 unchanged articles again.

In a full build each file is read once: the check (kfq_validate) has just read every article
file through the same function, and the reader takes what it read (kfq.frontmatter.ReadOnce,
in the build's state) while the file is unchanged. It also leaves the 字数 of each Markdown
body it read there, the count the year-end list ranks by, so kfq_yearend need not read the
files a third time.
"""

from __future__ import annotations

import os
from pathlib import Path

from markupsafe import Markup
from pelican import signals
from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader, _convert_py_to_meta

from kfq.buildstate import state
from kfq.contract import display_path
from kfq.errors import BuildStopped, ContentInvalid
from kfq.frontmatter import read_source
from kfq.markup import plain_html, same_dialect
from kfq.quick import SESSION, stamp
from kfq.text import zishu


class ArticleReader(YAMLMetadataReader):
    """Markdown with YAML front-matter, read by the core's one reader; counts 字数 too."""

    # The kfq state of the build whose articles this reader reads (see share_the_build_state).
    build: dict | None = None

    def read(self, source_path):
        session = self.settings.get(SESSION)
        if session is not None:
            # The editors' build server: a file unchanged since the last save is not read again,
            # and a newer save stops the reading of the whole site (its own page comes first).
            session.give_way()
            kept = session.reads.recall(source_path)
            if kept is not None:
                return kept[0], _copied(kept[1])
            before = stamp(source_path)
            content, metadata = self._guarded_read(source_path)
            session.reads.keep(source_path, before, (content, _copied(metadata)))
            return content, metadata
        return self._guarded_read(source_path)

    def _guarded_read(self, source_path):
        try:
            return self._read(source_path)
        except Exception as e:  # noqa: BLE001 (Pelican would print its traceback and skip the file)
            shown = _shown(source_path)
            raise BuildStopped(
                [f"{shown}:1: file: could not be read ({type(e).__name__}: {e}) — "
                 "check the file as `invoke check` does; if it passes, report this line"],
                "the build stopped at a file it could not read; nothing was published.",
            ) from None  # fmt: skip

    def _read(self, source_path):
        read = self.build.get("read") if self.build is not None else None
        src = read.take(source_path) if read is not None else None
        problems = []
        if src is None:
            src, problems = read_source(Path(source_path))
        if problems:  # read again, to name the file as the editor sees it
            src, problems = read_source(Path(source_path), _shown(source_path))
        if problems:
            # The validator has already stopped the build for a bad article; this is a page,
            # or a file changed during the build. A SystemExit, not an exception: Pelican
            # would log an exception with its traceback and skip the file.
            raise BuildStopped([str(p) for p in problems], f"{ContentInvalid(problems)}")
        metadata = self._parse_yaml_metadata(src.meta, source_path)
        # As markdown.extensions.meta would leave it, for extensions that read it.
        self._md.Meta = {k: _convert_py_to_meta(v) for k, v in src.meta.items()}
        # A body in the contract's plain form (paragraphs, headings) is written by the faster
        # engine, to the same bytes (kfq.markup); any other body by Pelican's Python-Markdown.
        content = plain_html(src.body) if same_dialect(self.settings["MARKDOWN"]) else None
        if content is None:
            content = self._md.reset().convert(src.body)
        metadata["zishu"] = zishu(Markup(content).striptags())
        if self.build is not None:
            self.build.setdefault("body_zishu", {})[source_path] = zishu(src.body)
        return content, metadata


def _shown(source_path) -> str:
    return display_path(Path(source_path), Path(os.getcwd()))


def _copied(metadata: dict) -> dict:
    # Pelican and the plugins may change a build's metadata (its lists) in place; the kept
    # copy must stay as the reader returned it.
    return {k: list(v) if isinstance(v, list) else v for k, v in metadata.items()}


def use_our_reader(readers) -> None:
    """Read every Markdown extension with ArticleReader (pelican-yaml-metadata, if loaded,
    registered its own first; readers_init runs in plugin order)."""
    for extension in ArticleReader.file_extensions:
        readers.reader_classes[extension] = ArticleReader


def share_the_build_state(generator) -> None:
    """Tell the articles generator's readers this build's kfq state (what the check read, and
    where the bodies' 字数 go). Pelican gives a reader its settings only, and no signal names
    the file being read; `Readers.readers` holds the instances (tests/test_reader.py pins it)."""
    for reader in generator.readers.readers.values():
        if isinstance(reader, ArticleReader):
            reader.build = state(generator.context)


def register() -> None:
    """Put the reader in each time Pelican sets its readers up."""
    signals.readers_init.connect(use_our_reader)
    signals.article_generator_init.connect(share_the_build_state)

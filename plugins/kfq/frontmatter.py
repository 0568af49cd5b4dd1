"""Read an article file: decode it, split the YAML front-matter, keep each field's line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kfq.errors import Problem
from kfq.text import looks_like_chinese

# The same shape pelican-yaml-metadata accepts: optional blank lines, '---', the block,
# then '---' or '...' on a line of its own.
OPEN_RE = re.compile(r"\A(\s*\n)*---[ \t]*\n")
CLOSE_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


# libyaml's parser (CSafeLoader) reads a front-matter several times faster than PyYAML's
# pure-Python one, and its nodes carry the same line marks. Without libyaml: the Python one.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]  # a base chosen at import time
    """SafeLoader that leaves timestamps as text: 2023-13-45 must become a located problem
    from the date check, not a ValueError from deep inside PyYAML."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)


def _compose_and_load(block: str) -> tuple[yaml.Node | None, object]:
    """One parse of block: its node tree (for each field's line) and the data built from it."""
    loader = _Loader(block)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


ICONV_FIX = "convert it to UTF-8, e.g. `iconv -f GB18030 -t UTF-8 {name} > tmp.md && mv tmp.md {name}`"


@dataclass
class Source:
    """An article file read back: its fields, the file line of each, and its body."""

    path: Path
    meta: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    open_line: int = 1
    body_line: int = 1

    def line(self, name: str) -> int:
        """The file line of a field, or of the opening '---' when the field is absent."""
        return self.lines.get(name, self.open_line)


def decode(path: Path, raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text of raw, or a problem that says what the encoding is and how to convert."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        try:
            guess = raw.decode("gb18030")
        except UnicodeDecodeError:
            guess = ""
        if looks_like_chinese(guess):
            return None, [
                Problem(
                    shown,
                    line,
                    "encoding",
                    "file is GB18030/GBK-encoded, not UTF-8",
                    ICONV_FIX.format(name=path.name),
                )
            ]
        return None, [
            Problem(
                shown,
                line,
                "encoding",
                f"byte 0x{raw[e.start]:02x} is not UTF-8",
                "save the file as UTF-8 in your editor",
            )
        ]
    return text.removeprefix("\ufeff"), []


def read_source(path: Path, shown: str | None = None) -> tuple[Source, list[Problem]]:
    """Parse path's front-matter; problems name the file's own lines."""
    shown = shown or str(path)
    src = Source(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        return src, [Problem(shown, 1, "file", f"cannot be read ({e.strerror})", "check its permissions")]
    text, problems = decode(path, raw, shown)
    if text is None:
        return src, problems
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    opening = OPEN_RE.match(text)
    if not opening:
        return src, [
            Problem(
                shown,
                1,
                "front-matter",
                "the file does not start with a '---' line",
                "begin the file with '---', the fields, then '---' (see README)",
            )
        ]
    src.open_line = text[: opening.end()].count("\n")
    closing = CLOSE_RE.search(text, opening.end())
    if not closing:
        return src, [
            Problem(
                shown,
                src.open_line,
                "front-matter",
                "the '---' block is never closed",
                "add a line '---' after the last field",
            )
        ]
    block = text[opening.end() : closing.start()]
    src.body = text[closing.end() :].lstrip("\n")
    src.body_line = text[: closing.end()].count("\n") + 2
    offset = src.open_line  # YAML counts lines from 0 inside the block
    try:
        node, data = _compose_and_load(block)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = offset + (mark.line + 1 if mark else 1)
        reason = getattr(e, "problem", None) or str(e).splitlines()[0]
        context, context_mark = getattr(e, "context", None), getattr(e, "context_mark", None)
        if context and context_mark is not None:
            # PyYAML notices an unclosed [ or " lines later; say where it was opened.
            reason = f"{context} (from line {offset + context_mark.line + 1}): {reason}"
        return src, [
            Problem(
                shown,
                line,
                "front-matter",
                f"YAML cannot be read: {reason}",
                "check quotes, colons and indentation on this line; "
                "quote a value that contains ': ' or starts with [ { * & ! | > ' \" %",
            )
        ]
    if data is None:
        data = {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode | None):
        return src, [
            Problem(
                shown,
                offset + 1,
                "front-matter",
                "the block is not a list of 'field: value' lines",
                "write one 'field: value' per line",
            )
        ]
    if node is not None:
        for key_node, _ in node.value:
            src.lines[str(key_node.value)] = offset + key_node.start_mark.line + 1
    src.meta = {str(k): v for k, v in data.items()}
    return src, []

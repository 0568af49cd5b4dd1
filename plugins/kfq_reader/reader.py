"""pelican-yaml-metadata's reader, with libyaml's parser instead of PyYAML's pure-Python one.

pelican-yaml-metadata parses every front-matter with yaml.safe_load: a fifth of a build's
time goes to PyYAML's pure-Python scanner. libyaml's CSafeLoader builds the same values (the
same safe constructors) several times faster. Everything else, errors included (logged, then
the file is skipped and kfq_validate stops the build), is pelican-yaml-metadata's.

The reader also counts the text's 字数 (`zishu`): what a reader returns is what Pelican's
content cache keeps, so the editors' loop does not count 10,000 unchanged articles again.
"""

from __future__ import annotations

import logging

import yaml
from markupsafe import Markup
from pelican import signals
from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader

from kfq.text import zishu

logger = logging.getLogger(__name__)

# Without libyaml (a PyYAML built without it) the reader is pelican-yaml-metadata's own.
LOADER = getattr(yaml, "CSafeLoader", None)


class LibyamlMetadataReader(YAMLMetadataReader):
    """YAMLMetadataReader whose front-matter is parsed by libyaml; it also counts 字数."""

    def read(self, source_path):
        content, metadata = super().read(source_path)
        if metadata:  # a file that was read (one whose YAML failed has none, and is not)
            metadata["zishu"] = zishu(Markup(content).striptags())
        return content, metadata

    def _load_yaml_metadata(self, text, source_path):
        try:
            # CSafeLoader: the safe constructors of yaml.safe_load, in C.
            metadata = yaml.load(text, Loader=LOADER)
        except yaml.YAMLError:
            # As pelican-yaml-metadata does: log, and return nothing; the file is not read.
            logger.error("Error parsing YAML for file '%s'", source_path, exc_info=True)
            return {}
        if not isinstance(metadata, dict):
            logger.error("YAML header didn't parse as a dict for file '%s'", source_path)
            return {}
        return self._parse_yaml_metadata(metadata, source_path)


def use_libyaml(readers) -> None:
    """Put our reader where pelican-yaml-metadata put its own (it registers first)."""
    if LOADER is None:
        return
    for extension in LibyamlMetadataReader.file_extensions:
        if readers.reader_classes.get(extension) is YAMLMetadataReader:
            readers.reader_classes[extension] = LibyamlMetadataReader


def register() -> None:
    """Swap the reader in each time Pelican sets its readers up."""
    signals.readers_init.connect(use_libyaml)

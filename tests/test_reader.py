"""kfq_reader: the articles' front-matter read by libyaml gives what pelican-yaml-metadata gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import Markup
from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader
from pelican.readers import Readers
from pelican.settings import read_settings

from conftest import ROOT, fixture_article
from kfq.text import zishu
from kfq_reader.reader import LibyamlMetadataReader, use_libyaml

ARTICLES = sorted((ROOT / "content" / "articles").rglob("*.md"))


@pytest.fixture(scope="module")
def settings() -> dict:
    return read_settings(str(ROOT / "pelicanconf.py"))


@pytest.mark.parametrize("path", [*ARTICLES, fixture_article("valid-article")], ids=lambda p: p.name)
def test_libyaml_reads_each_article_as_pelican_yaml_metadata_does(path: Path, settings):
    ours = LibyamlMetadataReader(settings).read(str(path))
    theirs = YAMLMetadataReader(settings).read(str(path))
    assert ours[0] == theirs[0]
    counted = ours[1].pop("zishu")
    assert {k: str(v) for k, v in ours[1].items()} == {k: str(v) for k, v in theirs[1].items()}
    assert ours[1]["date"] == theirs[1]["date"]
    # ... and counts the 字数 of what it read, kept in Pelican's cache with the text.
    assert counted == zishu(Markup(ours[0]).striptags()) > 0


def test_broken_yaml_is_read_as_no_metadata_as_before(settings, caplog):
    path = str(fixture_article("broken-yaml"))
    assert LibyamlMetadataReader(settings).read(path)[1] == YAMLMetadataReader(settings).read(path)[1] == {}
    assert "Error parsing YAML" in caplog.text


def test_the_reader_takes_the_place_of_pelican_yaml_metadata(settings):
    readers = Readers(settings)
    for ext in YAMLMetadataReader.file_extensions:
        readers.reader_classes[ext] = YAMLMetadataReader
    use_libyaml(readers)
    assert readers.reader_classes["md"] is LibyamlMetadataReader

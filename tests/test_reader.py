"""kfq_reader: Pelican reads an article through the core's reader, and gets what
pelican-yaml-metadata gave for every valid article."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from markupsafe import Markup
from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader
from pelican.readers import Readers
from pelican.settings import read_settings

from conftest import ROOT, fixture_article
from kfq.text import zishu
from kfq_guard import BuildStopped
from kfq_reader.reader import ArticleReader, use_our_reader

ARTICLES = sorted((ROOT / "content" / "articles").rglob("*.md"))


@pytest.fixture(scope="module")
def settings() -> dict:
    return read_settings(str(ROOT / "pelicanconf.py"))


@pytest.mark.parametrize("path", [*ARTICLES, fixture_article("valid-article")], ids=lambda p: p.name)
def test_our_reader_reads_each_article_as_pelican_yaml_metadata_does(path: Path, settings):
    ours = ArticleReader(settings).read(str(path))
    theirs = YAMLMetadataReader(settings).read(str(path))
    assert ours[0] == theirs[0]
    counted = ours[1].pop("zishu")
    assert {k: str(v) for k, v in ours[1].items()} == {k: str(v) for k, v in theirs[1].items()}
    assert ours[1]["date"] == theirs[1]["date"]
    # ... and counts the 字数 of what it read, kept in Pelican's cache with the text.
    assert counted == zishu(Markup(ours[0]).striptags()) > 0


def test_an_opening_line_with_a_trailing_space_is_read_as_the_check_reads_it(tmp_path, settings):
    path = tmp_path / "a.md"
    path.write_text("--- \ntitle: 标题\nauthors: [李恒松]\n---\n\n正文。\n", encoding="utf-8")
    content, meta = ArticleReader(settings).read(str(path))
    assert meta["title"] == "标题" and [str(a) for a in meta["authors"]] == ["李恒松"]
    assert content == "<p>正文。</p>"


def test_a_file_the_core_cannot_read_stops_the_build_with_its_line(settings, capsys):
    # A SystemExit: Pelican would log any exception with a traceback and skip the file.
    with pytest.raises(BuildStopped) as stopped:
        ArticleReader(settings).read(str(fixture_article("broken-yaml")))
    assert stopped.value.code == 1
    assert "broken-yaml.md:4: front-matter: YAML cannot be read" in capsys.readouterr().err


def test_the_reader_takes_the_place_of_pelican_yaml_metadata(settings):
    readers = Readers(settings)
    for ext in YAMLMetadataReader.file_extensions:
        readers.reader_classes[ext] = YAMLMetadataReader
    use_our_reader(readers)
    assert all(readers.reader_classes[ext] is ArticleReader for ext in YAMLMetadataReader.file_extensions)


COUNTING = r"""
import atexit, collections, json, os, sys
import kfq.contract, kfq_reader.reader, kfq_yearend.generator
from kfq.frontmatter import read_source
reads, recounted = collections.Counter(), []

def counted(path, shown=None):
    reads[os.path.abspath(path)] += 1
    return read_source(path, shown)

kfq.contract.read_source = kfq_reader.reader.read_source = counted
kfq_yearend.generator.source_zishu = lambda path: recounted.append(str(path)) or 0
atexit.register(lambda: print("COUNTS" + json.dumps([reads, recounted])))
from pelican import main
main(sys.argv[1:])
"""


def test_a_build_reads_each_article_file_once(tmp_path):
    # The check reads every article file, and the reader takes what it read instead of reading
    # the file again; the year-end list counts the bodies the reader read, without reading
    # them a third time. (Pelican gives a reader no build state: kfq_reader reaches it through
    # the generator's `readers.readers`, which this test fails without.)
    from conftest import make_content

    articles = {f"{p.parent.name}/{p.name}": p for p in ARTICLES[:4]}
    content = make_content(tmp_path, articles, data=ROOT / "content" / "data")
    argv = [str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(tmp_path / "output")]
    argv += ["-e", 'KFQ={"SEARCH_INDEX": false}']
    proc = subprocess.run(
        [sys.executable, "-c", COUNTING, *argv],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    reads, recounted = json.loads(proc.stdout.rpartition("COUNTS")[2])
    files = sorted(str((content / "articles" / rel).resolve()) for rel in articles)
    assert sorted(os.path.realpath(p) for p in reads) == files
    assert set(reads.values()) == {1}
    assert recounted == []

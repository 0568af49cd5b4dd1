"""kfq.search: the Pagefind step that `invoke build` runs after Pelican has exited."""

from __future__ import annotations

import json

import pytest

from kfq.search import SearchIndexError, build_index, pagefind_command, pagefind_executable

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{t}</title></head>
<body><nav>导航 不应被索引</nav>
<article data-pagefind-body><h1>{t}</h1><p>{body}</p></article></body></html>"""


def test_a_site_without_article_pages_is_not_indexed(tmp_path):
    (tmp_path / "index.html").write_text(PAGE.format(t="首页", body="欢迎"), encoding="utf-8")
    assert build_index(tmp_path, "articles/**/*.html") is None
    assert not (tmp_path / "pagefind").exists()


def test_article_pages_are_indexed_with_the_extended_build(tmp_path):
    page = tmp_path / "articles/2024/06/a/index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        PAGE.format(t="活性炭产业集群", body="左云经开区活性炭产业集群初具规模。"), encoding="utf-8"
    )
    (tmp_path / "index.html").write_text(PAGE.format(t="首页", body="不在索引里"), encoding="utf-8")
    assert build_index(tmp_path, "articles/**/*.html") >= 0
    entry = json.loads((tmp_path / "pagefind/pagefind-entry.json").read_text())
    assert entry["languages"]["zh-cn"]["page_count"] == 1  # the home page matched no glob


def test_the_command_reads_only_the_glob_and_runs_quietly(tmp_path):
    command = pagefind_command(tmp_path, "articles/**/*.html")
    assert command[0] == str(pagefind_executable())
    assert "extended" in command[0]
    assert command[1:5] == ["--site", str(tmp_path), "--glob", "articles/**/*.html"]
    assert command[5:] == ["--quiet", "--root-selector", "[data-pagefind-body]"]


def test_the_article_as_root_gives_the_same_index(seed_site, tmp_path):
    """Pagefind skips the page furniture around data-pagefind-body; the index must not change."""
    import shutil
    import subprocess

    trees = {}
    for name, root in (("root", "[data-pagefind-body]"), ("whole", None)):
        site = tmp_path / name
        shutil.copytree(seed_site.output / "articles", site / "articles")
        subprocess.run(pagefind_command(site, "articles/**/*.html", root_selector=root), check=True)
        index = site / "pagefind"
        trees[name] = {p.relative_to(index): p.read_bytes() for p in index.rglob("*") if p.is_file()}
    assert trees["root"] == trees["whole"]
    assert any(str(p).startswith("fragment/") for p in trees["root"])  # the seed articles are in it


def test_a_pagefind_failure_is_named(tmp_path, monkeypatch):
    page = tmp_path / "articles/a.html"
    page.parent.mkdir()
    page.write_text("<html></html>", encoding="utf-8")
    monkeypatch.setattr("kfq.search.pagefind_command", lambda site, glob: ["false"])
    with pytest.raises(SearchIndexError, match="Pagefind failed"):
        build_index(tmp_path, "articles/*.html")

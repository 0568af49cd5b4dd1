"""kfq_search in a real build: the index is made from each article's story, rendered once for
the page and the index, before the pages are written. It must say what Pagefind's index of the
written pages says, page for page, and the pages must be what they are without the index."""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

import cbor2
import pytest

from conftest import run_pelican
from kfq.search import FOLDER, MANIFEST, pagefind_command, pages_on_disk, plan

GLOB = "articles/**/*.html"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def read_cbor(path: Path):
    """A Pagefind index file: gzip of "pagefind_dcd" and the CBOR of the index."""
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd")
    return cbor2.loads(data[len(b"pagefind_dcd") :])


def index_by_page(bundle: Path) -> dict:
    """What a Pagefind index says, with each page named by its fragment (its URL, title, text,
    meta and filters, hashed) instead of its number: Pagefind numbers the pages in the order
    the site's folder lists them, which differs from one file system to another.

    pf_meta: [version, pages [[fragment, words]], word chunks, filter chunks [[name, file]],
    sorts]; pf_index: [[word, [[page, places]]]]; pf_filter: [name, [[value, [pages]]]]."""
    (meta_file,) = bundle.glob("pagefind.*.pf_meta")
    version, pages, _chunks, filters, sorts = read_cbor(meta_file)
    fragment = [hash_ for hash_, _words in pages]
    words = {
        (word, fragment[page], tuple(places))
        for chunk in (bundle / "index").glob("*.pf_index")
        for word, in_pages in read_cbor(chunk)[0]
        for page, places in in_pages
    }
    values = {
        (name, value, fragment[page])
        for chunk in (bundle / "filter").glob("*.pf_filter")
        for name, in_values in [read_cbor(chunk)]
        for value, in_pages in in_values
        for page in in_pages
    }
    entry = json.loads((bundle / "pagefind-entry.json").read_text())["languages"]["zh-cn"]
    return {
        "version": version,
        "pages": sorted(map(tuple, pages)),
        "filters": sorted(name for name, _file in filters),
        "sorts": sorted((name, tuple(sorted(fragment[p] for p in ps))) for name, ps in sorts),
        "words": words,
        "filter values": values,
        "fragments": {k: v for k, v in tree(bundle).items() if k.startswith("fragment/")},
        "page count": entry["page_count"],
    }


def pagefind_of_the_pages(site: Path, limit: int, out: Path) -> dict[str, dict]:
    """Pagefind's own command line over the written article pages, bundle by bundle."""
    indexes = {}
    for bundle in plan(pages_on_disk(site, GLOB), GLOB, limit):
        command = [*pagefind_command(site, bundle.glob), "--output-path", str(out / bundle.name)]
        subprocess.run(command, check=True)
        indexes[bundle.name] = index_by_page(out / bundle.name)
    return indexes


@pytest.fixture(scope="module")
def bundled_site(seed_site, tmp_path_factory):
    """The seed site again with bundles of at most five articles (several bundles)."""
    tmp = tmp_path_factory.mktemp("bundled")
    conf = {"DATA_DIR": "data", "SEARCH_BUNDLE": 5}
    build = run_pelican(seed_site.content, tmp / "output", KFQ=conf)
    assert build.returncode == 0, build.log
    return build


@pytest.mark.parametrize("which", ["one bundle", "bundles of five"])
def test_the_index_is_pagefinds_index_of_the_written_pages(seed_site, bundled_site, tmp_path, which):
    site, limit = (seed_site.output, 2500) if which == "one bundle" else (bundled_site.output, 5)
    built = json.loads((site / FOLDER / MANIFEST).read_text())["bundles"]
    expected = pagefind_of_the_pages(site, limit, tmp_path / "cli")
    assert built == list(expected)
    assert (len(built) == 1) == (which == "one bundle")
    for name in built:
        ours = index_by_page(site / FOLDER / name)
        assert ours["fragments"] and ours["words"] and ours["filter values"]
        assert ours["page count"] == len(ours["pages"]) == len(ours["fragments"])
        assert ours == expected[name], name


def test_article_pages_are_the_same_without_the_index(seed_site, tmp_path):
    """With the index a page shows the story rendered for it; without (the editors' loop), the
    page renders the story itself: byte for byte the same."""
    build = run_pelican(
        seed_site.content, tmp_path / "output", KFQ={"DATA_DIR": "data", "SEARCH_INDEX": False}
    )
    assert build.returncode == 0, build.log
    assert not (build.output / FOLDER).exists()
    pages = pages_on_disk(seed_site.output, GLOB)
    assert len(pages) == 14
    for page in pages:
        assert (build.output / page).read_bytes() == (seed_site.output / page).read_bytes(), page


def left_stories(*folders: Path) -> set[Path]:
    return {p for folder in folders if folder.is_dir() for p in folder.glob("kfq-search-*")}


def test_the_stories_written_for_the_index_are_removed(seed_site, tmp_path, monkeypatch):
    """The build writes the stories in /dev/shm (the temporary folder where there is none),
    one folder a build, and removes it when the index is done."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    memory = Path("/dev/shm")
    before = left_stories(memory, temporary)
    build = run_pelican(seed_site.content, tmp_path / "output")
    assert build.returncode == 0, build.log
    assert (build.output / FOLDER / MANIFEST).exists()
    assert left_stories(memory, temporary) == before


def test_relative_urls_are_refused_with_what_to_do(seed_site, tmp_path):
    build = run_pelican(seed_site.content, tmp_path / "output", RELATIVE_URLS=True)
    assert build.returncode != 0
    assert "set RELATIVE_URLS = False" in build.log
    assert "Traceback" not in build.log


def test_the_stories_go_to_memory_only_when_it_has_room():
    from kfq_search.search import _memory_folder

    assert _memory_folder(10**9) is None  # a small /dev/shm (a container's 64 MB): the disk
    assert _memory_folder(1) == ("/dev/shm" if Path("/dev/shm").is_dir() else None)

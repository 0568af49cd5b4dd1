"""kfq.search: the article pages indexed by Pagefind in year bundles, beside the build."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kfq.search import (
    FOLDER,
    MANIFEST,
    SPLIT_MIN,
    Indexer,
    SearchIndexError,
    build_index,
    group_years,
    pagefind_command,
    pagefind_executable,
    pages_on_disk,
    plan,
)

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{t}</title></head>
<body><nav>导航 不应被索引</nav>
<article data-pagefind-body><h1>{t}</h1><p>{body}</p></article></body></html>"""


def write_page(site: Path, rel: str, title: str, body: str) -> None:
    page = site / rel
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(PAGE.format(t=title, body=body), encoding="utf-8")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def bundles_of(site: Path) -> list[str]:
    return json.loads((site / FOLDER / MANIFEST).read_text())["bundles"]


@pytest.mark.parametrize(
    ("counts", "limit", "groups"),
    [
        ({"2023": 5, "2024": 9}, 2500, [("2023", "2024")]),
        ({"2023": 5, "2024": 9}, 5, [("2024",), ("2023",)]),  # 9 > 5: a year alone
        ({"2022": 3, "2023": 3, "2024": 3, "2025": 3}, 6, [("2024", "2025"), ("2022", "2023")]),
        ({"2016": 400, "2017": 400, "2018": 400, "2025": 300}, 1000, [("2018", "2025"), ("2016", "2017")]),
        ({}, 10, []),
    ],
)
def test_years_are_grouped_newest_first_within_the_limit(counts, limit, groups):
    assert group_years(counts, limit) == groups


@given(
    st.dictionaries(st.integers(1990, 2040).map(str), st.integers(1, 50), max_size=30), st.integers(1, 120)
)
def test_groups_cover_every_year_once_in_runs_of_consecutive_years(counts, limit):
    groups = group_years(counts, limit)
    years = [y for g in groups for y in g]
    assert sorted(years) == sorted(counts) and len(set(years)) == len(years)
    flat = sorted(counts, reverse=True)
    assert [y for g in groups for y in sorted(g, reverse=True)] == flat  # consecutive, newest first
    for g in groups:
        assert len(g) == 1 or sum(counts[y] for y in g) <= limit


# The bench corpus of 1,000 articles: a year of about 100 articles each, 2016-2025.
BENCH_1000 = dict(zip(map(str, range(2016, 2026)), [116, 109, 94, 92, 102, 96, 99, 95, 98, 87], strict=True))


@pytest.mark.parametrize(
    ("counts", "limit", "parts", "groups"),
    [
        # One bundle per core, as even as the years allow (475 and 513, not 475, 397 and 116).
        (BENCH_1000, 2500, 2, [tuple(map(str, range(2021, 2026))), tuple(map(str, range(2016, 2021)))]),
        (BENCH_1000, 2500, 1, [tuple(map(str, range(2016, 2026)))]),
        # A small site stays one bundle: each part would hold fewer than SPLIT_MIN articles.
        ({"2023": SPLIT_MIN - 1, "2024": SPLIT_MIN}, 2500, 2, [("2023", "2024")]),
        ({"2023": SPLIT_MIN, "2024": SPLIT_MIN}, 2500, 2, [("2024",), ("2023",)]),
        # A site above the limit is cut by the limit only: cores do not make more bundles.
        ({"2023": 2000, "2024": 2000}, 2500, 2, [("2024",), ("2023",)]),
        ({"2022": 600, "2023": 600, "2024": 600}, 2500, 4, [("2024",), ("2023",), ("2022",)]),
    ],
)
def test_a_site_within_the_limit_is_cut_into_a_bundle_per_core(counts, limit, parts, groups):
    assert group_years(counts, limit, parts) == groups


@given(
    st.dictionaries(st.integers(2000, 2030).map(str), st.integers(1, 400), min_size=1, max_size=12),
    st.integers(1, 4),
)
def test_the_cut_per_core_makes_the_largest_bundle_as_small_as_consecutive_years_allow(counts, parts):
    limit = sum(counts.values())
    groups = group_years(counts, limit, parts)
    years = sorted(counts, reverse=True)
    assert [y for g in groups for y in sorted(g, reverse=True)] == years  # every year, in runs
    split = min(parts, limit // SPLIT_MIN)
    if split <= 1:
        assert len(groups) == 1
        return
    assert len(groups) <= split
    # Every way of cutting the years into at most `split` runs: none has a smaller largest run.
    from itertools import combinations, pairwise

    def largest(cuts):
        bounds = [0, *cuts, len(years)]
        return max(sum(counts[y] for y in years[a:b]) for a, b in pairwise(bounds))

    best = min(largest(cuts) for k in range(split) for cuts in combinations(range(1, len(years)), k))
    assert max(sum(counts[y] for y in g) for g in groups) == best


def test_the_plan_bundles_the_pages_of_the_glob_only():
    pages = [
        "articles/2024/05/a/index.html",
        "articles/2024/06/b/index.html",
        "articles/2016/01/c/index.html",
        "zones/zuoyun/index.html",
        "articles/index.html",
    ]
    (newest, oldest) = plan(pages, "articles/**/*.html", 2)
    assert (newest.name, newest.glob, len(newest.pages)) == ("2024", "articles/2024/**/*.html", 2)
    assert (oldest.name, oldest.pages) == ("2016", frozenset({"articles/2016/01/c/index.html"}))
    (both,) = plan(pages, "articles/**/*.html", 2500)
    assert both.name == "2016-2024" and both.glob == "articles/{2016,2024}/**/*.html"


def test_a_glob_that_cannot_be_cut_into_years_is_refused():
    with pytest.raises(SearchIndexError, match=re.escape("'<folder>/**/*.html'")):
        plan(["articles/a.html"], "articles/*.html", 10)


def test_a_site_without_article_pages_is_not_indexed(tmp_path):
    (tmp_path / "index.html").write_text(PAGE.format(t="首页", body="欢迎"), encoding="utf-8")
    assert build_index(tmp_path, "articles/**/*.html") is None
    assert not (tmp_path / "pagefind").exists()


def test_article_pages_are_indexed_in_bundles_with_the_extended_build(tmp_path):
    write_page(
        tmp_path, "articles/2024/06/a/index.html", "活性炭产业集群", "左云经开区活性炭产业集群初具规模。"
    )
    write_page(tmp_path, "articles/2016/03/b/index.html", "标准地改革", "清徐经开区推行标准地。")
    write_page(tmp_path, "index.html", "首页", "不在索引里")
    assert build_index(tmp_path, "articles/**/*.html", limit=1) >= 0
    assert bundles_of(tmp_path) == ["2024", "2016"]
    for name in ("2024", "2016"):
        entry = json.loads((tmp_path / f"pagefind/{name}/pagefind-entry.json").read_text())
        assert entry["languages"]["zh-cn"]["page_count"] == 1  # the home page matched no glob
    assert build_index(tmp_path, "articles/**/*.html") >= 0
    assert bundles_of(tmp_path) == ["2016-2024"]
    assert not (tmp_path / "pagefind/2024").exists()  # the earlier bundles are gone


def test_the_command_reads_only_the_glob_and_runs_quietly(tmp_path):
    command = pagefind_command(tmp_path, "articles/**/*.html")
    assert command[0] == str(pagefind_executable())
    assert "extended" in command[0]
    assert command[1:5] == ["--site", str(tmp_path), "--glob", "articles/**/*.html"]
    assert command[5:] == ["--quiet", "--root-selector", "[data-pagefind-body]"]


@pytest.fixture(scope="module")
def seed_articles(seed_site, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("seed-articles")
    shutil.copytree(seed_site.output / "articles", site / "articles")
    return site


def test_the_article_as_root_gives_the_same_index(seed_articles, tmp_path):
    """Pagefind skips the page furniture around data-pagefind-body; the index must not change."""
    trees = {}
    for name, root in (("root", "[data-pagefind-body]"), ("whole", None)):
        site = tmp_path / name
        shutil.copytree(seed_articles / "articles", site / "articles")
        subprocess.run(pagefind_command(site, "articles/**/*.html", root_selector=root), check=True)
        trees[name] = tree(site / "pagefind")
    assert trees["root"] == trees["whole"]
    assert any(p.startswith("fragment/") for p in trees["root"])  # the seed articles are in it


def cli_bundle(site: Path, glob: str, out: Path) -> dict[str, bytes]:
    subprocess.run([*pagefind_command(site, glob), "--output-path", str(out)], check=True)
    return tree(out)


@pytest.mark.parametrize("newest_first", [False, True], ids=["path order", "as a build writes"])
def test_a_bundle_is_the_command_lines_index_byte_for_byte(seed_articles, tmp_path, newest_first):
    """Whatever order the build writes its pages in, a bundle is Pagefind's own index of its
    years, file for file and byte for byte."""
    site = tmp_path / "site"
    shutil.copytree(seed_articles / "articles", site / "articles")
    pages = pages_on_disk(site, "articles/**/*.html")
    (bundle,) = plan(pages, "articles/**/*.html", 2500)
    indexer = Indexer(site, [bundle])
    for page in sorted(pages, reverse=newest_first):
        indexer.written(page)
    indexer.finish()
    ours = tree(site / FOLDER / bundle.name)
    assert sum(k.startswith("fragment/") for k in ours) == len(pages) == 14
    assert ours == cli_bundle(site, bundle.glob, tmp_path / "cli")


def test_without_the_extended_binary_the_editor_is_told_to_install_it(tmp_path, monkeypatch):
    import builtins

    write_page(tmp_path, "articles/2024/a.html", "标题", "正文")
    real_import = builtins.__import__

    def no_extended(name, *args, **kwargs):
        if name == "pagefind_bin_extended":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_extended)
    with pytest.raises(SearchIndexError, match="make setup"):
        build_index(tmp_path, "articles/**/*.html")
    assert not (tmp_path / FOLDER).exists()


@pytest.mark.parametrize("binary", ["/bin/false", "/nonexistent/pagefind_extended"])
def test_a_broken_pagefind_is_named_with_what_to_do(tmp_path, monkeypatch, binary):
    write_page(tmp_path, "articles/2024/a.html", "标题", "正文")
    monkeypatch.setattr("kfq.search.pagefind_executable", lambda: Path(binary))
    with pytest.raises(SearchIndexError, match=r"Pagefind cannot run .*make setup"):
        build_index(tmp_path, "articles/**/*.html")


def logging_pagefind(tmp_path: Path) -> tuple[Path, Path]:
    """A stand-in for Pagefind that logs when each run starts and ends (the bundle by its
    --output-path), taking a moment, so a test can see which runs overlapped."""
    log = tmp_path / "runs.log"
    fake = tmp_path / "pagefind_extended"
    fake.write_text(
        "#!/bin/sh\n[ \"$1\" = --version ] && echo 'pagefind 1.4.0' && exit 0\n"
        "while [ $# -gt 0 ]; do case $1 in --output-path) out=$2;; esac; shift; done\n"
        f'name=$(basename "$out")\necho "start $name" >> {log}\nsleep 0.3\nmkdir -p "$out"\n'
        f'echo "end $name" >> {log}\n'
    )
    fake.chmod(0o755)
    return fake, log


def most_at_once(log: Path) -> int:
    running = most = 0
    for line in log.read_text().splitlines():
        running += 1 if line.startswith("start") else -1
        most = max(most, running)
    return most


@pytest.mark.parametrize(("limit", "at_once"), [(4, 2), (3, 1)], ids=["within the limit", "above it"])
def test_bundles_are_indexed_side_by_side_while_they_hold_at_most_the_limit(
    tmp_path, monkeypatch, limit, at_once
):
    """Two bundles of two articles on two cores: run at once when the four articles are within
    the memory limit, one after the other when they are not."""
    fake, log = logging_pagefind(tmp_path)
    monkeypatch.setattr("kfq.search.pagefind_executable", lambda: fake)
    site = tmp_path / "site"
    pages = [f"articles/{y}/{n}/index.html" for y in ("2023", "2024") for n in "ab"]
    bundles = plan(pages, "articles/**/*.html", 2)
    assert [b.name for b in bundles] == ["2024", "2023"]
    indexer = Indexer(site, bundles, limit=limit, workers=2)
    for page in pages:
        indexer.written(page)
    indexer.finish()
    runs = sorted(log.read_text().splitlines())
    assert runs == ["end 2023", "end 2024", "start 2023", "start 2024"]
    assert most_at_once(log) == at_once


def test_a_failing_pagefind_stops_the_index_with_a_kfq_error(tmp_path, monkeypatch):
    """The binary runs but fails on the pages: a SearchIndexError naming the bundle."""
    fake = tmp_path / "pagefind_extended"
    fake.write_text("#!/bin/sh\n[ \"$1\" = --version ] && echo 'pagefind 1.4.0' && exit 0\nexit 3\n")
    fake.chmod(0o755)
    site = tmp_path / "site"
    write_page(site, "articles/2024/a.html", "标题", "正文")
    monkeypatch.setattr("kfq.search.pagefind_executable", lambda: fake)
    with pytest.raises(SearchIndexError, match=r"bundle 2024 \(exit 3\)"):
        build_index(site, "articles/**/*.html")
    assert not (site / FOLDER / MANIFEST).exists()

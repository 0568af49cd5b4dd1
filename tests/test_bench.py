"""bench/: the Hugo peer site, the order of the timed runs, their medians and results.json.

Timings are never asserted: only what the bench writes, runs and computes from them.
"""

from __future__ import annotations

import json
import runpy
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from bench import hugo, runner
from bench.corpus import generate
from bench.estimate import exponent, extrapolate
from bench.loop import Loop, marker, saved_text
from bench.measure import Measured
from bench.report import markdown, table, targets
from bench.rounds import alternation, median_s, summary
from kfq.frontmatter import read_source

# The keys results.json had before Hugo joined, and those it adds; all are numbers.
FIRST_KEYS = {"articles", "plain_pelican_s", "plain_pagefind_s", "plain_peak_mb", "site_build_s",
              "search_index_s", "one_edit_rebuild_s", "peak_mb"}  # fmt: skip
ADDED_KEYS = {"hugo_build_s", "hugo_index_s", "build_with_index_s", "save_to_page_s", "hugo_save_to_page_s"}
MEMORY_STEPS = {"hugo_build", "hugo_index", "plain_pelican", "plain_pagefind", "site_build", "site_index",
                "livereload", "hugo_server"}  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("corpus"), 40, seed=3)


@pytest.fixture(scope="module")
def hugo_site(corpus, tmp_path_factory):
    return hugo.write_site(corpus.articles, corpus.content, tmp_path_factory.mktemp("hugo") / "site")


def hugo_front_matter(path: Path) -> tuple[dict, str]:
    _, block, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(block), body


def test_the_hugo_site_has_every_article_with_the_corpus_fields_and_taxonomies(corpus, hugo_site):
    assert len(hugo_site.articles) == len(corpus.articles) == 40
    for ours, theirs in zip(corpus.articles, hugo_site.articles, strict=True):
        meta = read_source(ours)[0].meta
        fields, body = hugo_front_matter(theirs)
        assert theirs.relative_to(hugo_site.root / "content") == ours.relative_to(corpus.content)
        assert (fields["title"], fields["slug"], str(fields["date"])) == (
            meta["title"],
            meta["slug"],
            meta["date"],
        )
        assert fields.get("kicker") == meta.get("kicker") and fields.get("subtitle") == meta.get("subtitle")
        assert hugo.taxonomies(fields) == {
            "zones": meta["zones"],
            "topics": meta["topics"],
            "authors": meta["authors"],
            "genres": [meta["genre"]],
            "themes": [meta["theme"]] if meta.get("theme") else [],
            "months": [meta["date"][:7]],
        }
        assert fields["draft"] is (meta["status"] == "draft")
        assert body.strip() == read_source(ours)[0].body.strip()


def test_the_hugo_configuration_declares_the_six_taxonomies_and_our_article_urls(hugo_site):
    config = json.loads((hugo_site.root / "hugo.json").read_text(encoding="utf-8"))
    assert sorted(config["taxonomies"].values()) == [
        "authors",
        "genres",
        "months",
        "themes",
        "topics",
        "zones",
    ]
    assert config["permalinks"] == {"articles": "/articles/:year/:month/:slug/"}
    for layout in ("_default/single.html", "_default/term.html", "_default/taxonomy.html", "index.html"):
        assert (hugo_site.root / "layouts" / layout).read_text(encoding="utf-8").startswith("{{ define")


@pytest.mark.skipif(shutil.which("hugo") is None, reason="Debian's hugo is not installed (make setup)")
def test_hugo_builds_each_published_article_where_our_site_puts_it_and_a_page_per_term(
    corpus, hugo_site, tmp_path
):
    public = tmp_path / "public"
    subprocess.run(hugo.build_command(hugo_site.root, public), check=True, capture_output=True)
    for article in corpus.articles:
        meta = read_source(article)[0].meta
        page = public / runner.page_of(article)
        assert page.exists() is (meta["status"] == "published"), article.name
        if page.exists():
            html = page.read_text(encoding="utf-8")
            assert "data-pagefind-body" in html and meta["title"] in html
    published = [m for m in (read_source(a)[0].meta for a in corpus.articles) if m["status"] == "published"]
    for taxonomy in ("zones", "authors", "months"):
        terms = {t for m in published for t in hugo.taxonomies(hugo.front_matter(m))[taxonomy]}
        assert len([p for p in (public / taxonomy).iterdir() if p.is_dir()]) == len(terms), taxonomy


@pytest.mark.parametrize(
    ("sides", "repeats", "order"),
    [
        (("A", "B"), 1, ["A", "B"]),
        (("A", "B"), 3, ["A", "B", "B", "A", "A", "B"]),
        (("hugo", "plain", "ours"), 3,
         ["hugo", "plain", "ours", "plain", "ours", "hugo", "ours", "hugo", "plain"]),
    ],
)  # fmt: skip
def test_the_sides_alternate_round_by_round(sides, repeats, order):
    assert alternation(sides, repeats) == order


@given(st.lists(st.text(min_size=1), min_size=1, max_size=5, unique=True), st.integers(1, 6))
def test_every_round_runs_every_side_once(sides, repeats):
    order = alternation(sides, repeats)
    rounds = [order[i : i + len(sides)] for i in range(0, len(order), len(sides))]
    assert len(rounds) == repeats
    assert all(sorted(r) == sorted(sides) for r in rounds)


@pytest.mark.parametrize(
    ("runs", "median"),
    [([3.0], 3.0), ([3.0, 1.0, 2.0], 2.0), ([1.0, 2.0, 3.0, 40.0], 2.5), ([0.333, 0.334], 0.33)],
)
def test_the_median_of_runs(runs, median):
    assert median_s(runs) == median


def test_no_runs_have_no_median():
    with pytest.raises(ValueError):
        median_s([])


def test_a_summary_takes_median_times_and_the_largest_peaks():
    runs = [Measured(10.0, 300.0, 0, "", 4.0, 290.0, 120.0), Measured(12.0, 200.0, 0, "", 7.0, 190.0, 150.0),
            Measured(30.0, 250.0, 0, "", 5.0, 240.0, 100.0)]  # fmt: skip
    expected = {"seconds": 12.0, "step_s": 5.0, "rest_s": 6.0}
    assert summary(runs) == {**expected, "peak_mb": 300, "step_peak_mb": 290, "rest_peak_mb": 150}


def test_each_save_writes_new_text_once():
    original = "---\ntitle: x\n---\n\n正文。\n"
    first, second = saved_text(original, 1), saved_text(original, 2)
    assert first.startswith(original.rstrip("\n")) and first.count(marker(1)) == 1
    assert marker(1) not in second and marker(2) in second and len(first) == len(second)


def test_the_plain_baseline_is_pelican_quickstarts_own_settings(tmp_path):
    conf = tmp_path / "plainconf.py"
    runner.write_plain_conf(conf)
    settings = runpy.run_path(str(conf))
    assert settings["DEFAULT_PAGINATION"] == 10 and settings["FEED_ALL_ATOM"] is None
    assert (settings["DEFAULT_LANG"], settings["TIMEZONE"]) == ("zh-CN", "Asia/Shanghai")
    assert settings["PLUGINS"] == ["yaml_metadata"]
    assert "THEME" not in settings and "ARTICLE_PATHS" not in settings


def fake_run(articles: int) -> dict:
    """The figures of a bench over made-up measurements, through the bench's own summing up."""
    bench = runner.Bench(articles, Path("/nonexistent"), repeats=3, saves=3)
    for key, seconds in [("hugo_build", 1.0), ("hugo_index", 4.0), ("plain_pelican", 4.0),
                         ("plain_pagefind", 5.0), ("check", 0.5)]:  # fmt: skip
        bench.runs[key] = [Measured(seconds * k, 100.0 * k, 0, "") for k in (1, 2, 1.5)]
    bench.runs["site"] = [Measured(9.0 * k, 400.0, 0, "", 5.0 * k, 380.0, 200.0) for k in (1, 2, 1.5)]
    loops = {"ours": Loop(3.0, 9.0, [1.0, 3.0, 2.0], 500.0), "hugo": Loop(0.5, 0.7, [0.4, 0.5, 0.6], 80.0)}
    return bench.figures(loops, 1.0, (1.0, 1.0, 1.0), alternation(runner.SIDES, 3))


def test_the_figures_are_medians_and_every_steps_memory():
    figures = fake_run(1000)
    assert FIRST_KEYS | ADDED_KEYS <= figures.keys()
    assert (figures["hugo_build_s"], figures["build_with_index_s"], figures["search_index_s"]) == (
        1.5,
        13.5,
        7.5,
    )
    assert (
        figures["site_build_s"] == 6.0 and figures["save_to_page_s"] == figures["one_edit_rebuild_s"] == 2.0
    )
    assert figures["hugo_save_to_page_s"] == 0.5
    assert figures["memory_mb"].keys() == MEMORY_STEPS
    assert figures["memory_mb"]["site_build"] == 200 and figures["memory_mb"]["site_index"] == 380
    assert figures["peak_mb"] == 500 and figures["plain_peak_mb"] == 200
    assert targets(figures)["invoke build / Hugo + Pagefind"]["value"] == round(13.5 / 7.5, 2)
    assert "Hugo + Pagefind" in table(figures)


def test_results_of_two_sizes_keep_the_larger_on_top_and_estimate_100000():
    combined = runner.combine([fake_run(10000), fake_run(1000)])
    assert combined["articles"] == 10000 and [s["articles"] for s in combined["smaller_sizes"]] == [1000]
    estimate = combined["estimate_100000"]
    assert estimate["articles"] == 100000 and estimate["estimated_from"] == [1000, 10000]
    # Same figures at both sizes: times are taken as at least linear, memory as measured (flat).
    assert estimate["build_with_index_s"] == 135.0 and estimate["peak_mb"] == 500
    header, rule, *rows = markdown(combined).splitlines()
    assert header.count("|") == rule.count("|") == rows[0].count("|") == 8


@pytest.mark.parametrize(
    ("small", "large", "b"), [((1000, 1.0), (10000, 10.0), 1.0), ((1000, 1.0), (10000, 100.0), 2.0),
                              ((1000, 2.0), (10000, 2.0), 0.0), ((1000, 0.0), (10000, 5.0), 1.0)]
)  # fmt: skip
def test_the_growth_exponent(small, large, b):
    assert exponent(small, large) == pytest.approx(b)


def test_one_size_is_not_extrapolated():
    assert "estimate_100000" not in runner.combine([fake_run(1000)])
    with pytest.raises(ValueError, match="two sizes"):
        extrapolate([fake_run(10000)], 100000)


def test_growth_measured_between_two_sizes_is_carried_to_100000():
    small, large = fake_run(1000), fake_run(10000)
    large["site_build_s"], large["peak_mb"] = small["site_build_s"] * 100, small["peak_mb"] * 2
    estimate = extrapolate([small, large], 100000)
    assert (
        estimate["exponents"]["site_build_s"] == 2.0
        and estimate["site_build_s"] == large["site_build_s"] * 100
    )
    assert estimate["peak_mb"] == small["peak_mb"] * 4


def test_the_committed_results_hold_every_key_for_every_size():
    results = json.loads((runner.ROOT / "bench" / "results.json").read_text(encoding="utf-8"))
    for figures in [results, *results["smaller_sizes"]]:
        for key in FIRST_KEYS | ADDED_KEYS:
            assert isinstance(figures[key], int | float) and figures[key] > 0, key
        assert figures["memory_mb"].keys() == MEMORY_STEPS
        assert len(figures["saves_s"]["ours"]) == len(figures["saves_s"]["hugo"]) == figures["extra"]["saves"]
        assert figures["extra"]["repeats"] >= 3


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("hugo") is None, reason="Debian's hugo is not installed (make setup)")
def test_a_small_bench_runs_every_step_end_to_end(tmp_path):
    results = runner.run([30], repeats=1, saves=2, work=tmp_path, results=tmp_path / "results.json")
    written = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(results, ensure_ascii=False))
    assert FIRST_KEYS | ADDED_KEYS <= written.keys() and written["articles"] == 30
    assert len(written["saves_s"]["ours"]) == len(written["saves_s"]["hugo"]) == 2
    assert (tmp_path / "30-hugo" / "public" / "pagefind" / "pagefind-entry.json").exists()
    assert (tmp_path / "30" / "plain-output" / "pagefind" / "pagefind-entry.json").exists()
    assert "estimate_100000" not in written  # one size


def test_a_target_set_at_10000_is_judged_only_at_10000():
    small, large = targets(fake_run(1000)), targets(fake_run(10000))
    assert small["save → rebuilt page, s"]["met"] is None and large["save → rebuilt page, s"]["met"] is False
    assert small["invoke build / Hugo + Pagefind"]["met"] is False
    assert "not judged: run --articles 10000" in table(fake_run(1000))
    assert "save → rebuilt page, s: 2.0 at 10,000 (target ≤ 0.3 at 10,000) NOT met" in table(fake_run(10000))

"""Readers search the seed site in Chinese: the right articles come back, drafts never do."""

from __future__ import annotations

import json
import runpy
import shutil
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from .conftest import screenshot

pytestmark = pytest.mark.browser


def searchable_text(seed_site) -> dict[str, str]:
    """Article URL → the text Pagefind indexes (the data-pagefind-body minus ignored parts)."""
    return texts_of(seed_site.output)


def texts_of(site) -> dict[str, str]:
    """The same for the site built in the folder site."""
    out = {}
    for path in (site / "articles").rglob("index.html"):
        body = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(
            "[data-pagefind-body]"
        )
        for ignored in body.select("[data-pagefind-ignore]"):
            ignored.decompose()
        out["/" + str(path.parent.relative_to(site)) + "/"] = body.get_text()
    return out


def results_for(page, base: str, query: str) -> list[str]:
    page.goto(f"{base}/search/?q={quote(query)}")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('。')")
    return [a.get_attribute("href") for a in page.locator("#search-results .item-title a").all()]


@pytest.mark.parametrize(
    "query",
    ["活性炭", "左云", "营商环境", "标准地", "人才", "长子经开区", "清徐", "新质生产力"],
)
def test_chinese_queries_find_every_article_that_contains_them(served_seed_site, seed_site, page, query):
    found = results_for(page, served_seed_site, query)
    containing = {url for url, text in searchable_text(seed_site).items() if query in text}
    assert containing, f"the seed articles no longer contain {query}"
    assert containing <= set(found), (query, sorted(containing - set(found)))
    assert page.console_errors == []


def test_exact_words_do_not_drag_in_unrelated_articles(served_seed_site, seed_site, page):
    texts = searchable_text(seed_site)
    for query in ("左云", "清徐", "活性炭"):
        containing = {url for url, text in texts.items() if query in text}
        assert set(results_for(page, served_seed_site, query)) == containing, query


def test_results_show_title_date_and_zones(served_seed_site, page):
    results_for(page, served_seed_site, "灵石")
    first = page.locator("#search-results li").first
    assert first.locator(".item-title").inner_text() == "规上工业增加值增速5月份由负转正"
    meta = first.locator(".meta").inner_text()
    assert "约2024年6月" in meta and "灵石经济技术开发区" in meta
    screenshot(page, "search")


def test_zone_filter_narrows_the_results(served_seed_site, page):
    everything = results_for(page, served_seed_site, "项目")
    page.select_option(
        "#filter-zone",
        label=next(
            o
            for o in page.locator("#filter-zone option").all_inner_texts()
            if o.startswith("长子经济技术开发区")
        ),
    )
    page.wait_for_function("new URLSearchParams(location.search).get('zone') !== null")
    page.wait_for_timeout(300)
    narrowed = [a.get_attribute("href") for a in page.locator("#search-results .item-title a").all()]
    assert narrowed and set(narrowed) < set(everything)
    assert all("zhangzi" in u or "zhui-xin" in u or "zhuang-da" in u for u in narrowed)


def test_the_header_search_box_leads_to_results(served_seed_site, page):
    page.goto(served_seed_site + "/")
    page.fill("#site-q", "活性炭")
    page.press("#site-q", "Enter")
    page.wait_for_url("**/search/?q=*")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('找到')")
    assert page.locator("#search-results li").count() >= 1


def test_the_draft_is_not_searchable(served_seed_site, page):
    assert results_for(page, served_seed_site, "草稿") == []


def wait_for_results(page):
    page.wait_for_function("document.getElementById('search-status').textContent.includes('。')")


def test_excerpts_read_as_chinese_with_the_match_marked(served_seed_site, page):
    for query in ("左云", "工作专班", "闫杰", "高质量发展"):
        results_for(page, served_seed_site, query)
        excerpts = page.locator("#search-results .excerpt").all()
        assert excerpts, query
        for excerpt in excerpts:
            text = excerpt.inner_text()
            assert ". " not in text and not text.startswith("——"), (query, text)
        # Whole matches mark the query; those after the partial-match divider mark its words.
        marked = page.evaluate(
            """() => { const out = [];
              for (const li of document.querySelectorAll('#search-results > li')) {
                if (li.classList.contains('search-partial')) break;
                out.push(...[...li.querySelectorAll('.excerpt mark')].map((m) => m.textContent));
              } return out; }"""
        )
        if query != "闫杰":  # a byline is matched in the metadata, not in the text
            assert marked and all(m == query for m in marked), (query, marked)
    assert page.console_errors == []


def test_a_search_is_kept_in_the_url_and_comes_back_on_reload(served_seed_site, page):
    results_for(page, served_seed_site, "项目")
    page.select_option("#filter-year", "2024")
    page.wait_for_function("new URLSearchParams(location.search).get('year') === '2024'")
    found = [a.get_attribute("href") for a in page.locator("#search-results .item-title a").all()]
    assert found and all(u.startswith("/articles/2024/") for u in found)
    counts = page.locator("#filter-year option").all_inner_texts()
    assert any(o.startswith("2023（") for o in counts) and any(o.startswith("2024（") for o in counts)
    page.reload()
    wait_for_results(page)
    assert page.input_value("#q") == "项目" and page.input_value("#filter-year") == "2024"
    assert [a.get_attribute("href") for a in page.locator("#search-results .item-title a").all()] == found


def test_filters_offer_zone_theme_genre_and_year_with_counts(served_seed_site, page):
    results_for(page, served_seed_site, "三个一批")
    total = page.locator("#search-results li").count()
    for key in ("zone", "theme", "genre", "year"):
        options = page.locator(f"#filter-{key} option").all_inner_texts()[1:]
        assert options, key
        counts = [int(o.rsplit("（", 1)[1].rstrip("）")) for o in options]
        assert all(0 < c <= total for c in counts), (key, options)
    assert page.locator("label[for=filter-zone]").inner_text() == "开发区"


def test_nothing_found_says_so_and_suggests(served_seed_site, page):
    results_for(page, served_seed_site, "火星基地")
    assert "没有找到" in page.locator("#search-status").inner_text()
    help_links = page.locator("#search-help a").all_inner_texts()
    assert "开发区" in help_links and "征稿主题" in help_links
    results_for(page, served_seed_site, "左云经开曲")
    assert "已显示“左云经开区”的结果" in page.locator("#search-status").inner_text()


def test_a_pinyin_query_says_what_it_read(served_seed_site, page):
    found = results_for(page, served_seed_site, "zuoyun")
    assert found and "拼音“zuoyun”即“左云”" in page.locator("#search-status").inner_text()


@pytest.fixture(scope="module")
def served_big_site(tmp_path_factory):
    """25 articles that all name 活性炭: more than one page of results."""
    from conftest import fixture_article, make_content, run_pelican

    from .conftest import serve

    tmp = tmp_path_factory.mktemp("big")
    text = fixture_article("valid-article").read_text(encoding="utf-8")
    articles = {
        f"2023/huo-xing-tan-{i}.md": text.replace("slug: valid-article", f"slug: huo-xing-tan-{i}")
        .replace("title: 向高而攀 蓄势前行", f"title: 活性炭项目第{i}期")
        .replace("date: 2023-11-20", f"date: 2023-11-{i:02d}")
        for i in range(1, 26)
    }
    build = run_pelican(make_content(tmp, articles), tmp / "output")
    assert build.returncode == 0, build.log
    yield from serve(build.output)


def test_more_than_twenty_results_come_twenty_at_a_time(served_big_site, page):
    results_for(page, served_big_site, "活性炭")
    assert page.locator("#search-results li").count() == 20
    assert "找到 25 篇" in page.locator("#search-status").inner_text()
    box = page.locator("#search-more").bounding_box()
    assert box and box["height"] >= 44
    page.click("#search-more")
    page.wait_for_function("document.querySelectorAll('#search-results li').length === 25")
    assert page.locator("#search-more").is_hidden()
    screenshot(page, "search-more")


@pytest.fixture(scope="module")
def served_bundled_site(seed_site, tmp_path_factory):
    """The seed articles built with at most 5 articles a search bundle: 2024 (9 articles) and
    2023 (5) are two Pagefind indexes, merged by the search page in the browser."""
    from conftest import ROOT, run_pelican

    from .conftest import serve

    tmp = tmp_path_factory.mktemp("bundled")
    shutil.copytree(seed_site.content, tmp / "content")
    conf = runpy.run_path(str(ROOT / "pelicanconf.py"))
    build = run_pelican(tmp / "content", tmp / "output", KFQ={**conf["KFQ"], "SEARCH_BUNDLE": 5})
    assert build.returncode == 0, build.log
    assert json.loads((build.output / "pagefind/bundles.json").read_text()) == {"bundles": ["2024", "2023"]}
    yield from serve(build.output)


@pytest.mark.parametrize("query", ["开发区", "项目", "活性炭", "左云", "闫杰"])
def test_a_site_in_year_bundles_finds_what_one_index_finds(
    served_bundled_site, served_seed_site, page, query
):
    bundled = results_for(page, served_bundled_site, query)
    bundled_status = page.locator("#search-status").inner_text()
    one = results_for(page, served_seed_site, query)
    # The same articles, and the same count of whole matches; Pagefind scores each bundle
    # against its own pages, so the order of equally good matches may differ.
    assert sorted(bundled) == sorted(one) and bundled
    assert bundled_status == page.locator("#search-status").inner_text()
    assert page.console_errors == []


def test_one_query_finds_an_old_year_and_a_recent_year_on_a_bundled_site(served_bundled_site, page):
    found = results_for(page, served_bundled_site, "开发区")
    years = {u.split("/")[2] for u in found}
    assert {"2023", "2024"} <= years, found  # an article of each bundle
    assert page.console_errors == []


@pytest.fixture(scope="module")
def served_large_site(tmp_path_factory):
    """A generated site of 300 articles (bench.corpus): more results for a common word than
    the search page reads to rank them (CHECKED, 200), in several bundles."""
    from bench.corpus import generate
    from conftest import run_pelican

    from .conftest import serve

    root = tmp_path_factory.mktemp("large")
    corpus = generate(root / "corpus", 300)
    build = run_pelican(corpus.content, root / "output", KFQ={"DATA_DIR": "data", "SEARCH_BUNDLE": 150})
    assert build.returncode == 0, build.log
    assert len(json.loads((build.output / "pagefind/bundles.json").read_text())["bundles"]) >= 2
    for base in serve(build.output):
        yield base, build.output


def status_says(page, start: str) -> None:
    script = "(s) => document.getElementById('search-status').textContent.startsWith(s)"
    try:
        page.wait_for_function(script, arg=start, timeout=20000)
    except Exception:  # noqa: BLE001 - say what the page said instead
        pytest.fail(f"status {page.locator('#search-status').inner_text()!r}, expected {start!r}")


def test_a_word_on_more_pages_than_are_ranked_is_counted_and_filtered_exactly(served_large_site, page):
    """Beyond the 200 results read to rank them, the rest are read after the first page shows:
    the count, the year filter's counts and a chosen year are exact (they broke the page)."""
    base, site = served_large_site
    texts = texts_of(site)
    word = next(w for w in ("开发区", "项目", "企业") if sum(w in t for t in texts.values()) > 200)
    containing = [url.split("/")[2] for url, t in texts.items() if word in t]  # their years
    page.goto(f"{base}/search/?q={quote(word)}")
    status_says(page, f"找到 {len(containing)} 篇")
    page.locator("#filter-year").wait_for(state="visible")  # once every result's data is in
    years = {o.get_attribute("value"): o.inner_text() for o in page.locator("#filter-year option").all()}
    for year in set(containing):
        assert years[year] == f"{year}（{containing.count(year)}）"
    newest = max(containing)
    page.select_option("#filter-year", newest)
    status_says(page, f"找到 {containing.count(newest)} 篇")
    assert page.console_errors == []

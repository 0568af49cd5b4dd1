"""Readers search the seed site in Chinese: the right articles come back, drafts never do."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from .conftest import screenshot

pytestmark = pytest.mark.browser


def searchable_text(seed_site) -> dict[str, str]:
    """Article URL → the text Pagefind indexes (the data-pagefind-body minus ignored parts)."""
    out = {}
    for path in (seed_site.output / "articles").rglob("index.html"):
        body = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(
            "[data-pagefind-body]"
        )
        for ignored in body.select("[data-pagefind-ignore]"):
            ignored.decompose()
        out["/" + str(path.parent.relative_to(seed_site.output)) + "/"] = body.get_text()
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

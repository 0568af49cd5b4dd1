"""What a reader of the web edition sees: issues page by page, the 来源 line, phones first."""

from __future__ import annotations

import pytest

from conftest import seed_articles

from .conftest import screenshot

ISSUE = "/issues/2024-06-17/"
ARTICLE = "/articles/2024/06/hou-sheng-neng-yuan-dao-xiang-mu-tou-chan/"
PHONE = {"width": 375, "height": 812}
NARROW = {"width": 320, "height": 640}


@pytest.fixture
def phone(browser):
    """A touch phone at 375×812 (a coarse pointer, as the 44 px rules expect)."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, locale="zh-CN")
    pg = context.new_page()
    pg.viewport_name = "375x812"
    yield pg
    context.close()


@pytest.fixture
def narrow(browser):
    context = browser.new_context(viewport=NARROW, has_touch=True, is_mobile=True, locale="zh-CN")
    pg = context.new_page()
    pg.viewport_name = "320"
    yield pg
    context.close()


def test_a_reader_goes_from_the_issues_to_an_issue_and_through_it(served_seed_site, page):
    page.goto(served_seed_site + "/")
    page.locator(".sections a", has_text="往期").click()
    assert page.locator("h1").inner_text() == "往期"
    page.locator(".issue-months a", has_text="《科学导报》 约2024年6月").click()
    assert page.url.endswith(ISSUE)
    assert page.locator(".issue-page-title").all_inner_texts() == ["版次未详"]
    titles = page.locator(".issue-page .item-title a").all_inner_texts()
    assert len(titles) == 6 and titles[2] == "厚生能源岛项目投产"
    screenshot(page, "issue")
    page.locator(".issue-page .item-title a", has_text="厚生能源岛项目投产").click()
    source = page.locator(".source-line")
    assert source.inner_text() == "来源：《科学导报》 约2024年6月"
    page.locator(".zone-nav a[rel=next]", has_text="本期").click()  # 本期 · 下一篇
    assert page.locator(".story h1").inner_text() == titles[3]
    page.locator(".source-line a").click()
    assert page.url.endswith(ISSUE)
    page.locator(".issue-nav a[rel=prev]").click()  # the issue before
    assert page.locator("h1").inner_text().split() == ["《开发区建设》周刊", "约2024年5月"]


def test_the_source_line_is_printed(served_seed_site, page):
    page.goto(served_seed_site + ARTICLE)
    page.emulate_media(media="print")
    assert page.locator(".source-line").is_visible()
    assert not page.locator(".zone-nav").is_visible()


@pytest.mark.parametrize(
    ("meta", "body"), seed_articles(), ids=lambda v: v["slug"][:24] if isinstance(v, dict) else ""
)
def test_headline_byline_and_first_paragraph_are_on_a_phones_first_screen(
    served_seed_site, phone, meta, body
):
    phone.goto(served_seed_site + meta["url"])
    box = phone.evaluate(
        """() => { const r = s => document.querySelector(s)?.getBoundingClientRect();
          const p = document.querySelector('.story .body p');
          return {h1: r('.story h1').bottom, by: (r('.byline') || r('.dateline-meta')).bottom,
                  top: p.getBoundingClientRect().top, bottom: p.getBoundingClientRect().bottom,
                  line: parseFloat(getComputedStyle(p).lineHeight), h: innerHeight}; }"""
    )
    assert box["h1"] < box["by"] < box["top"], box
    # the text starts in the upper two thirds; the whole first paragraph shows, or five lines of it
    assert box["top"] <= 0.65 * box["h"], box
    assert box["bottom"] <= box["h"] or box["top"] + 5 * box["line"] <= box["h"], box
    if meta["url"] == ARTICLE:
        screenshot(phone, "article-first-screen")


@pytest.mark.parametrize("path", ["/", ARTICLE, ISSUE, "/issues/", "/zones/", "/submit/", "/search/"])
def test_at_320_px_the_sections_are_one_row_and_nothing_overflows(served_seed_site, narrow, path):
    narrow.goto(served_seed_site + path)
    tops = narrow.evaluate(
        "[...document.querySelectorAll('.sections li')].map(li => li.getBoundingClientRect().top)"
    )
    assert len(set(tops)) == 1, tops  # one row, which scrolls sideways
    assert narrow.evaluate("document.documentElement.scrollWidth") <= 320
    wide = narrow.evaluate(
        """[...document.querySelectorAll('main *, header *, footer *')]
             .filter(e => e.getBoundingClientRect().right > 320.5 && !e.closest('.sections, .body table'))
             .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert wide == []
    # the last sections are reached by scrolling the row, not lost
    last = narrow.locator(".sections li").last
    last.scroll_into_view_if_needed()
    assert last.is_visible()
    if path in (ARTICLE, ISSUE):
        screenshot(narrow, "article" if path == ARTICLE else "issue")


@pytest.mark.parametrize("path", ["/", ISSUE, "/zones/zhangzi-jingji-jishu-kaifaqu/"])
def test_headline_phrases_keep_their_gap_on_touch_screens(served_seed_site, phone, path):
    phone.goto(served_seed_site + path)
    assert phone.evaluate("matchMedia('(pointer: coarse)').matches")
    gaps = phone.evaluate(
        """[...document.querySelectorAll('main a .phrase + .phrase')].map(p => {
             const a = p.previousElementSibling.getBoundingClientRect(), b = p.getBoundingClientRect();
             return b.top > a.bottom - 2 ? null : b.left - a.right; }).filter(g => g !== null)"""
    )
    assert gaps and all(g >= 4 for g in gaps), gaps  # a space's width, as on a desktop

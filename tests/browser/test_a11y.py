"""Accessibility of the readers' site: axe-core finds no serious or critical violation, headings
keep their order, landmarks and the skip link are there, and metadata is escaped."""

from __future__ import annotations

import itertools
import json
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

# axe-core 4.12 as the PyPI package axe-playwright-python ships it: it runs offline, in the page.
from axe_playwright_python import sync_playwright as axe_sync  # noqa: E402

PAGES = {
    "home": "/",
    "article": "/articles/2024/05/cheng-shi-er-shang-mou-tu-po-chuo-li-fen-fa-qi-xin-cheng/",
    "zone": "/zones/zuoyun-jingji-jishu-kaifaqu/",
    "guidelines": "/submit/",
    "search": "/search/?q=" + quote("左云"),
    "zones": "/zones/",
    "contributors": "/contributors/2024/",
    "theme": "/themes/keji-chuangxin/",
    "issues": "/issues/",
    "issue": "/issues/2024-06-17/",
    "not-found": "/404.html",
}


def open_page(pg, base: str, name: str) -> None:
    pg.goto(base + PAGES[name])
    if name == "search":
        pg.wait_for_function("document.getElementById('search-status').textContent.includes('。')")


@pytest.fixture(scope="module")
def axe():
    return axe_sync.Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_or_critical_violation(served_seed_site, page, axe, name, scheme):
    page.emulate_media(color_scheme=scheme)
    open_page(page, served_seed_site, name)
    results = axe.run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, results.generate_report()


@pytest.mark.parametrize("name", list(PAGES))
def test_headings_go_down_one_level_at_a_time_from_a_single_h1(served_seed_site, page, name):
    open_page(page, served_seed_site, name)
    levels = [
        int(h[1]) for h in page.eval_on_selector_all("h1, h2, h3, h4, h5, h6", "hs => hs.map(h => h.tagName)")
    ]
    assert levels.count(1) == 1 and levels[0] == 1, levels
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels


@pytest.mark.parametrize("name", list(PAGES))
def test_landmarks_language_and_skip_link(served_seed_site, page, name):
    open_page(page, served_seed_site, name)
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    for role in ("banner", "main", "contentinfo"):
        assert page.get_by_role(role).count() == 1, role
    assert page.get_by_role("navigation", name="栏目").count() == 1
    assert page.get_by_role("search").count() >= 1
    assert page.locator("a.skip").get_attribute("href") == "#main"
    assert page.locator("img:not([alt])").count() == 0


def test_metadata_of_a_hostile_title_is_escaped(served_site, page):
    page.goto(served_site + "/articles/2023/11/hostile-title/")
    title = '<script>alert("x")</script>园区&新貌'
    assert page.locator("meta[property='og:title']").get_attribute("content") == title
    assert page.locator("meta[property='og:type']").get_attribute("content") == "article"
    raw = page.locator("script[type='application/ld+json']").evaluate("s => s.textContent")
    assert "</script" not in raw.lower() and "<" not in raw  # tojson writes < as \\u003c
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle" and data["headline"] == title
    assert data["datePublished"].startswith("2023-11-")

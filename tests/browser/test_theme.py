"""The readers' site on a phone and a desktop: it fits, reads as Chinese, works by keyboard and
without JavaScript, follows the system's dark mode, prints cleanly, and articles ship no script."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from .conftest import ARTIFACTS, VIEWPORTS, screenshot

pytestmark = pytest.mark.browser

ARTICLE = "/articles/2024/05/cheng-shi-er-shang-mou-tu-po-chuo-li-fen-fa-qi-xin-cheng/"
BYLINED = "/articles/2024/06/zhi-ding-ju-you-xi-yin-li-de-biao-zhun-chang-fang-zhao-shang/"
# One page of each type the seed site has, by the name its screenshots carry.
PAGES = {
    "home": "/",
    "article": ARTICLE,
    "zone": "/zones/zuoyun-jingji-jishu-kaifaqu/",
    "zones": "/zones/",
    "theme": "/themes/keji-chuangxin/",
    "authors": "/authors/",
    "submit": "/submit/",
    "search": "/search/?q=" + quote("左云"),
    "contributors": "/contributors/2024/",
}


def open_page(pg, base: str, name: str) -> None:
    pg.goto(base + PAGES[name])
    if name == "search":  # the results arrive after the Pagefind index has loaded
        pg.wait_for_function("document.getElementById('search-status').textContent.includes('。')")


def sideways_overflow(pg) -> int:
    return pg.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def luminance(pg, selector: str, prop: str) -> float:
    """Relative luminance (0 black … 1 white) of an element's computed colour."""
    return pg.evaluate(
        """([sel, prop]) => {
          const c = getComputedStyle(document.querySelector(sel))[prop].match(/[\\d.]+/g).map(Number);
          const lin = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
          return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
        }""",
        [selector, prop],
    )


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_type_fits_logs_no_error_and_has_light_and_dark_screenshots(served_seed_site, page, name):
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        open_page(page, served_seed_site, name)
        assert sideways_overflow(page) == 0, (name, scheme)
        screenshot(page, f"{name}-{scheme}")
    assert page.console_errors == []


@pytest.mark.parametrize("width", [320, 360, 768, 1024, 1920])
def test_no_sideways_scroll_from_320_to_1920_pixels(served_seed_site, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    try:
        for name in PAGES:
            open_page(pg, served_seed_site, name)
            assert sideways_overflow(pg) == 0, (name, width)
    finally:
        context.close()


def test_nav_links_search_and_article_links_are_44px_tap_targets(served_seed_site, page):
    page.goto(served_seed_site + ARTICLE)
    targets = [
        *page.locator(".sections a").all(),
        page.locator("#site-q"),
        page.locator(".search-box button"),
    ]
    targets += [*page.locator(".breadcrumbs a").all(), *page.locator(".zone-nav a").all()]
    targets += page.locator(".colophon-links a").all()
    for target in targets:
        box = target.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, (target.inner_text() or target, box)


def test_the_navigation_works_without_javascript(served_seed_site, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    pg = context.new_page()
    try:
        pg.goto(served_seed_site + "/")
        nav = pg.get_by_role("navigation", name="栏目")
        assert nav.get_by_role("link").count() >= 8
        nav.get_by_role("link", name="开发区").click()
        pg.wait_for_url("**/zones/")
        assert pg.locator("h1").inner_text() == "开发区"
        pg.fill("#site-q", "左云")
        pg.press("#site-q", "Enter")
        pg.wait_for_url("**/search/?q=*")
        assert pg.locator(".notice").is_visible()  # the search page says where else to look
        assert not pg.locator("#search-filters").is_visible()
    finally:
        context.close()


def test_article_pages_load_no_script_and_no_font(served_seed_site, page):
    loaded = []
    page.on("request", lambda r: loaded.append((r.resource_type, r.url)))
    page.goto(served_seed_site + ARTICLE)
    page.wait_for_load_state("networkidle")
    kinds = {kind for kind, _ in loaded}
    assert not kinds & {"script", "font"}, loaded
    assert page.locator("script:not([type='application/ld+json'])").count() == 0
    sheets = [url.rsplit("/", 1)[-1] for kind, url in loaded if kind == "stylesheet"]
    assert len(sheets) == 1 and re.fullmatch(r"site\.[0-9a-f]{10}\.css", sheets[0]), sheets  # fingerprinted


def test_dark_mode_follows_the_system_setting_and_form_controls_follow(served_seed_site, page):
    page.goto(served_seed_site + ARTICLE)
    assert luminance(page, "body", "backgroundColor") > 0.8
    page.emulate_media(color_scheme="dark")
    assert luminance(page, "body", "backgroundColor") < 0.05
    assert luminance(page, ".story .body p", "color") > 0.6
    assert page.evaluate("getComputedStyle(document.documentElement).colorScheme") == "light dark"
    assert luminance(page, "#site-q", "backgroundColor") < 0.05  # the search box went dark too


def test_article_text_is_set_as_chinese(served_seed_site, page):
    page.goto(served_seed_site + ARTICLE)
    style = page.evaluate(
        """() => {
          const p = document.querySelector('.story .body p'), s = getComputedStyle(p);
          const h1 = getComputedStyle(document.querySelector('.story h1'));
          const probe = Object.assign(document.createElement('em'), {textContent: '重点'});
          p.append(probe);
          const em = getComputedStyle(probe);
          return {
            size: parseFloat(s.fontSize), lineHeight: parseFloat(s.lineHeight),
            width: p.getBoundingClientRect().width, lineBreak: s.lineBreak, indent: parseFloat(s.textIndent),
            family: s.fontFamily, h1family: h1.fontFamily, emStyle: em.fontStyle,
            emphasis: em.textEmphasisStyle || em.webkitTextEmphasisStyle,
          };
        }"""
    )
    assert 1.7 <= style["lineHeight"] / style["size"] <= 1.8
    assert style["lineBreak"] == "strict"
    assert style["indent"] == 2 * style["size"]  # paragraphs open with two full-width spaces
    assert "PingFang SC" in style["family"] and "Noto Sans CJK SC" in style["family"]
    assert "Noto Serif CJK SC" in style["h1family"]
    assert style["emStyle"] == "normal" and "dot" in style["emphasis"]  # 着重号, never italics
    if page.viewport_name == "desktop":
        assert 35 <= style["width"] / style["size"] <= 40  # 字 a line


def test_article_page_shows_a_newspaper_hierarchy(served_seed_site, page):
    page.goto(served_seed_site + BYLINED)
    head = page.locator(".story-head")
    assert head.locator(".kicker").inner_text() == "大同经济技术开发区提出"
    assert head.locator("h1").inner_text() == "制定具有吸引力的标准厂房招商引资基本政策"
    assert head.locator(".byline").inner_text() == "通讯员 付雅祺"
    meta = head.locator(".dateline-meta").inner_text()
    assert "约2024年6月" in meta and "字" in meta and "分钟" in meta
    assert page.locator(".story .body p").first.inner_text().startswith("科学导报讯")  # the dateline
    sizes = [
        page.evaluate(f"parseFloat(getComputedStyle(document.querySelector('{s}')).fontSize)")
        for s in (".story-head .kicker", ".story h1")
    ]
    assert sizes[1] > 1.4 * sizes[0]
    crumbs = page.locator(".breadcrumbs li").all_inner_texts()
    assert crumbs == ["首页", "开发区", "大同经济技术开发区", "正文"]
    assert page.locator(".story-foot a[href^='/themes/']").count() == 1
    assert page.locator(".related li").count() >= 1


def test_front_page_has_the_latest_issue_zone_strips_the_calls_themes_and_search(served_seed_site, page):
    page.goto(served_seed_site + "/")
    issue_date = page.locator(".front-issue .issue-date")
    assert issue_date.inner_text() == "约2024年6月"  # an estimate, to the month
    assert issue_date.get_attribute("datetime") == "2024-06"
    # the issue is named by its masthead and opens page by page
    link = page.locator(".front-issue .issue-link")
    assert link.inner_text() == "《科学导报》 约2024年6月"
    assert link.get_attribute("href") == "/issues/2024-06-17/"
    issue = page.locator(".front-issue h3 a").all_inner_texts()
    assert len(issue) == 6 and "壮大园区经济 加快县域发展" in issue
    strips = page.locator(".strip-title a").all_inner_texts()
    assert "左云经济技术开发区" in strips and len(strips) >= 5
    # every theme of the call, linked where it has articles (no link to an empty list)
    assert page.locator(".call-themes a").all_inner_texts() == ["“三个一批”", "人才引智", "科技创新"]
    assert page.locator(".call-themes strong").all_inner_texts() == ["优势企业", "营商环境"]
    assert page.locator("form[role=search] input[type=search]").is_visible()
    screenshot(page, "front")


def test_keyboard_reaches_the_search_from_the_top_of_the_page(served_seed_site, page):
    page.goto(served_seed_site + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert page.locator(".skip").is_visible()  # the skip link shows itself when focused
    for _ in range(4):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "site-q":
            break
    assert page.evaluate("document.activeElement.id") == "site-q"
    page.keyboard.type("活性炭")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('找到')")
    assert page.locator("#search-results li").count() >= 1


def test_keyboard_goes_through_an_article_with_a_visible_focus(served_seed_site, page):
    page.goto(served_seed_site + ARTICLE)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link moves the focus to the main content
    assert page.evaluate("document.activeElement.id") == "main"
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const e = document.activeElement, s = getComputedStyle(e);
                const part = e.closest(
                  '.breadcrumbs, .story-head, .body, .source-line, .story-foot, .zone-nav, .related');
                return {text: e.textContent.trim(), part: part && part.className.split(' ')[0],
                        outline: s.outlineStyle, width: parseFloat(s.outlineWidth),
                        inMain: !!e.closest('main'), top: e.getBoundingClientRect().top + scrollY}; }"""
        )
        if not focused["inMain"]:
            break
        assert focused["outline"] != "none" and focused["width"] >= 2, focused
        seen.append(focused)
    assert seen[0]["text"] == "首页"  # the breadcrumbs come first
    parts = list(dict.fromkeys(f["part"] for f in seen))
    expected = ["breadcrumbs", "story-head", "source-line", "story-foot", "zone-nav", "related"]
    if page.viewport_name == "phone":  # the unsigned article's head holds only the zone tag, left out
        expected.remove("story-head")  # on phones (the breadcrumb just above names the zone)
    assert parts == expected
    assert any("向高而攀" in f["text"] for f in seen)  # the previous article in the zone
    tops = [f["top"] for f in seen]
    assert tops == sorted(tops), "focus jumps back up the page"


def test_an_article_prints_cleanly(served_seed_site, page):
    page.goto(served_seed_site + ARTICLE)
    page.emulate_media(media="print")
    for hidden in (".sections", ".search-box", ".breadcrumbs", ".zone-nav", ".related", ".story-foot"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".story h1").is_visible() and page.locator(".story .body").is_visible()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    if page.viewport_name == "desktop":
        ARTIFACTS.mkdir(exist_ok=True)
        page.pdf(path=str(ARTIFACTS / "article-print.pdf"), format="A4")


HEAVIEST = "/articles/2023/09/xiang-gao-er-pan-xu-shi-qian-xing/"


@pytest.mark.parametrize("touch", [False, True], ids=["mouse", "touch"])
def test_the_heaviest_article_keeps_focus_dark_mode_print_and_tap_targets(served_seed_site, browser, touch):
    """The longest article, on its lightened page: what site.css must still give it."""
    viewport = VIEWPORTS["phone" if touch else "desktop"]
    context = browser.new_context(viewport=viewport, locale="zh-CN", has_touch=touch, is_mobile=touch)
    pg = context.new_page()
    try:
        pg.goto(served_seed_site + HEAVIEST)
        pg.keyboard.press("Tab")
        skip = pg.evaluate(
            """() => { const e = document.activeElement, s = getComputedStyle(e);
                return {cls: e.className, top: e.getBoundingClientRect().top,
                        outline: parseFloat(s.outlineWidth)}; }"""
        )
        assert skip["cls"] == "skip" and skip["top"] >= 0 and skip["outline"] >= 2
        targets = [".sections a", "#site-q", ".search-box button", ".breadcrumbs a", ".zone-nav a"]
        targets += [".colophon-links a", ".publisher a"] + ([".story-foot a", ".byline a"] if touch else [])
        # on a phone the zone's tag under the headline is left out: the breadcrumb names the zone
        assert pg.locator(".head-facets").is_visible() is not touch
        for selector in targets:
            for target in pg.locator(selector).all():
                box = target.bounding_box()
                assert box["height"] >= 44, (selector, target.inner_text(), box)
        pg.emulate_media(color_scheme="dark")
        assert luminance(pg, "body", "backgroundColor") < 0.05
        assert luminance(pg, ".story h1", "color") > 0.6 and luminance(pg, ".story .body p", "color") > 0.6
        pg.emulate_media(media="print", color_scheme="light")
        for hidden in (".sections", ".search-box", ".breadcrumbs", ".zone-nav", ".related", ".story-foot"):
            assert not pg.locator(hidden).first.is_visible(), hidden
        assert pg.locator(".story h1").is_visible() and pg.locator(".story .body h2").first.is_visible()
        assert pg.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    finally:
        context.close()


LISTING_PAGES = [
    "/",
    "/zones/",
    "/zones/zuoyun-jingji-jishu-kaifaqu/",
    "/themes/",
    "/themes/keji-chuangxin/",
    "/authors/",
    "/archives/",
    "/submit/",
    "/contributors/2024/",
]


@pytest.mark.parametrize("path", LISTING_PAGES)
def test_every_link_of_the_other_pages_is_a_44px_target_on_a_touch_screen(served_seed_site, browser, path):
    context = browser.new_context(viewport=VIEWPORTS["phone"], locale="zh-CN", has_touch=True, is_mobile=True)
    pg = context.new_page()
    try:
        pg.goto(served_seed_site + path)
        small = pg.evaluate(
            """() => [...document.querySelectorAll('main a')]
                .map(a => [a.textContent.trim(), Math.round(a.getBoundingClientRect().height)])
                .filter(([, h]) => h < 44)"""
        )
        assert small == []
        assert pg.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS["phone"]["width"]
    finally:
        context.close()


def test_search_results_are_44px_targets_on_a_touch_screen(served_seed_site, browser):
    context = browser.new_context(viewport=VIEWPORTS["phone"], locale="zh-CN", has_touch=True, is_mobile=True)
    pg = context.new_page()
    try:
        pg.goto(served_seed_site + "/search/?q=" + quote("左云"))
        pg.wait_for_function("document.getElementById('search-status').textContent.includes('。')")
        assert pg.locator("#search-results .item-title a").count() > 0
        small = pg.evaluate(
            """() => [...document.querySelectorAll('main a')]
                .map(a => [a.textContent.trim(), Math.round(a.getBoundingClientRect().height)])
                .filter(([, h]) => h < 44)"""
        )
        assert small == []
    finally:
        context.close()

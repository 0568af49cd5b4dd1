"""Issue 6's article page on a real build: HTML + CSS within 30 KB, and nothing it must show lost."""

from __future__ import annotations

import json
import re

import pytest
import tinycss2
from bs4 import BeautifulSoup

from bench.pages import BUDGET, weight
from conftest import ROOT, seed_articles
from kfq.headline import one_line
from kfq.registers import load_registers
from kfq.text import format_issue_date, minutes_for

HEAVIEST = "articles/2023/09/xiang-gao-er-pan-xu-shi-qian-xing/index.html"
# Everything on an article page but its own text: head, masthead, headline and facets, the
# 来源 line, the neighbours in the issue and the zone, related articles, the colophon with the
# publisher block, and site.css. Within it, an article of up to 14,336 bytes of text (about
# 4,700字) fits the budget. (15 KB until the web edition's 来源, issue neighbours and publisher
# block joined every article page.)
FRAME_BUDGET = 16 * 1024
# Seed articles whose text alone leaves the frame less than FRAME_BUDGET: strict, so the
# day one fits, this list must shrink.
TEXT_LONGER_THAN_THE_BUDGET_ALLOWS = {
    "xiang-gao-er-pan-xu-shi-qian-xing": "5,950字: the text alone is 17,875 bytes of UTF-8",
}
DATELINE = re.compile(r"^(本刊讯|本报讯|科学导报讯)")


# (page path, front-matter, Markdown body) of every published seed article.
SEEDS = [
    (meta["url"].lstrip("/") + "index.html", meta, body)
    for meta, body in seed_articles()
    if meta.get("status", "published") == "published"
]
IDS = [meta["slug"] for _, meta, _ in SEEDS]


def text_bytes(html: str) -> int:
    return len(BeautifulSoup(html, "html.parser").select_one(".story .body").get_text().encode())


@pytest.mark.parametrize(("rel", "meta", "body"), SEEDS, ids=IDS)
def test_article_page_frame_and_css_leave_room_for_the_text(seed_site, rel, meta, body):
    w = weight(seed_site.output, rel)
    frame = w["html_css"] - text_bytes(seed_site.page(rel))
    assert frame <= FRAME_BUDGET, f"{rel}: HTML + CSS without the article's text is {frame} bytes"


@pytest.mark.parametrize(
    ("rel", "meta", "body"),
    [
        pytest.param(
            *seed,
            marks=pytest.mark.xfail(strict=True, reason=TEXT_LONGER_THAN_THE_BUDGET_ALLOWS[seed[1]["slug"]]),
        )
        if seed[1]["slug"] in TEXT_LONGER_THAN_THE_BUDGET_ALLOWS
        else seed
        for seed in SEEDS
    ],
    ids=IDS,
)
def test_article_page_html_and_css_within_30_kb(seed_site, rel, meta, body):
    w = weight(seed_site.output, rel)
    assert w["css"] > 0  # site.css was found and counted
    assert w["html_css"] <= BUDGET, f"{rel}: {w['html']} HTML + {w['css']} CSS = {w['html_css']} bytes"


@pytest.mark.parametrize(("rel", "meta", "body"), SEEDS, ids=IDS)
def test_article_page_shows_everything_issue_6_asks_for(seed_site, rel, meta, body):
    page = BeautifulSoup(seed_site.page(rel), "html.parser")
    head = page.select_one(".story-head")
    # 引题, 主题, 副题: in that order, above the byline.
    assert head.h1.get_text() == meta["title"]
    order = [e.get("class", [e.name])[0] for e in head.find_all(["p", "h1"], recursive=False)]
    expected = (["kicker"] if meta.get("kicker") else []) + ["h1"]
    expected += ["subtitle"] if meta.get("subtitle") else []
    assert order == expected
    if meta.get("subtitle"):
        assert head.select_one(".subtitle").get_text() == "——" + meta["subtitle"]
    assert [a.get_text() for a in head.select(".byline a[rel=author]")] == meta["authors"]
    time = head.select_one(".dateline-meta time")
    # the seed pages print no date: an estimated one shows as 约2024年5月, to the month
    estimated = bool(meta.get("date_basis"))
    shown = meta["date"].isoformat()[:7] if estimated else meta["date"].isoformat()
    assert time.get_text() == format_issue_date(meta["date"], estimated) and time["datetime"] == shown
    count = re.fullmatch(r"全文 (\d+) 字 · 约 (\d+) 分钟读完", head.select_one(".count").get_text())
    assert count and int(count[2]) == minutes_for(int(count[1])) and int(count[1]) > 0
    # Zone and theme links, under the headline and in the facets Pagefind filters on.
    if meta.get("zones"):
        assert head.select_one(".head-facets a.tag-zone")["href"].startswith("/zones/")
        assert len(page.select(".story-foot a[data-pagefind-filter=zone]")) == len(meta["zones"])
        crumbs = [li.get_text() for li in page.select(".breadcrumbs li")]
        assert crumbs[:2] == ["首页", "开发区"] and crumbs[-1] == "正文" and len(crumbs) == 4
    if meta.get("theme"):
        assert head.select_one(".head-facets a[href^='/themes/']").get_text().endswith(meta["theme"])
        assert page.select_one(".story-foot a[data-pagefind-filter=theme]").get_text() == meta["theme"]
    # Section headings, and the dateline left at the start of the first paragraph.
    assert len(page.select(".story .body h2")) == len(re.findall(r"^## ", body, re.M))
    first = page.select_one(".story .body p").get_text()
    assert bool(DATELINE.match(first)) == bool(DATELINE.match(body.strip()))
    assert 1 <= len(page.select(".related li a")) <= 5
    assert page.select_one("a.skip[href='#main']") and page.select_one("main#main")
    # Open Graph and the NewsArticle JSON-LD.
    og = {m["property"]: m["content"] for m in page.select("meta[property]")}
    # the title on one line: with the kicker where the headline leaves out who (kfq.headline)
    title = one_line(meta["title"], meta.get("kicker"), load_registers(ROOT / "content/data").zone_spellings)
    assert og["og:type"] == "article" and og["og:title"] == title and og["og:description"]
    assert page.title.get_text() == f"{title} - 《开发区建设》周刊"
    assert og["article:published_time"].startswith(meta["date"].isoformat())
    ld_text = page.find("script", type="application/ld+json").string
    ld = json.loads(ld_text)
    assert ld["@type"] == "NewsArticle" and ld["headline"] == meta["title"]
    assert meta["title"] in ld_text  # Han characters as UTF-8, not \uXXXX escapes
    assert [a["name"] for a in ld["author"]] == meta["authors"]


def test_the_heaviest_article_keeps_its_neighbours_in_the_zone(seed_site):
    page = BeautifulSoup(seed_site.page(HEAVIEST), "html.parser")
    assert page.select_one(".count").get_text().startswith("全文 5950 字")
    nav = page.select_one("nav.zone-nav")
    assert [a["rel"] for a in nav.select("a")] == [["prev"], ["next"]]
    assert "左云经开区 · 上一篇" in nav.get_text()


def test_article_pages_link_site_css_only_and_it_has_dark_print_and_focus_rules(seed_site):
    page = BeautifulSoup(seed_site.page(HEAVIEST), "html.parser")
    hrefs = [link["href"] for link in page.select("link[rel=stylesheet]")]
    assert len(hrefs) == 1 and re.fullmatch(r"/theme/css/site\.[0-9a-f]{10}\.css", hrefs[0]), hrefs
    css = (seed_site.output / hrefs[0].lstrip("/")).read_text(encoding="utf-8")
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    media = [tinycss2.serialize(r.prelude).strip() for r in rules if r.type == "at-rule"]
    assert "(prefers-color-scheme:dark)" in media and "print" in media and "(pointer:coarse)" in media
    selectors = [tinycss2.serialize(r.prelude) for r in rules if r.type == "qualified-rule"]
    assert ":focus-visible" in selectors and ".skip:focus" in selectors

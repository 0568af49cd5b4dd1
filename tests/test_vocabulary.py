"""One vocabulary per meaning: 征稿主题 (the call's themes, one per article) and 话题 (topics,
several per article) each list their own articles, name each other, and no page offers a list
with nothing in it."""

from __future__ import annotations

import re
from collections import Counter

from bs4 import BeautifulSoup

from conftest import seed_articles

LISTING = re.compile(r"^/(themes|topics|genres|authors)/[^/]+/$")


def soup(build, rel: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(rel), "html.parser")


def test_no_link_anywhere_leads_to_an_empty_list(seed_site):
    targets: set[str] = set()
    for path in seed_site.output.rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        targets |= {a["href"] for a in page.select("a[href]") if LISTING.match(a["href"])}
    assert targets
    for href in targets:
        listed = soup(seed_site, href.strip("/") + "/index.html").select(".article-list .item-title a")
        assert listed, f"{href} is linked but lists nothing"
    sitemap = (seed_site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/themes/yingshang-huanjing/" not in sitemap and "/themes/youshi-qiye/" not in sitemap


def test_each_theme_and_topic_page_lists_exactly_the_articles_filed_or_tagged(seed_site):
    metas = [m for m, _ in seed_articles()]
    themes = Counter(m["theme"] for m in metas if m.get("theme"))
    topics = Counter(t for m in metas for t in m.get("topics") or [])
    index = soup(seed_site, "themes/index.html")
    shown = {li.a.get_text(): li.select_one(".count").get_text() for li in index.select(".term-list li")}
    assert shown == {name: f"{n} 篇" for name, n in themes.items()}
    assert "尚无报道的征稿主题：优势企业、营商环境" in index.get_text()  # named, not linked
    assert not (seed_site.output / "themes/yingshang-huanjing").exists()
    topic = soup(seed_site, "topics/yingshang-huanjing/index.html")
    assert len(topic.select(".article-list .item-title a")) == topics["营商环境"] == 2


def test_a_theme_and_a_topic_of_one_name_say_what_each_is_and_point_to_each_other(seed_site):
    theme = soup(seed_site, "themes/keji-chuangxin/index.html")
    topic = soup(seed_site, "topics/keji-chuangxin/index.html")
    assert "每篇报道至多归入一个" in theme.get_text() and "一篇报道可有数个" in topic.get_text()
    assert theme.select_one("a[href='/topics/keji-chuangxin/']").get_text() == "“科技创新”"
    assert topic.select_one("a[href='/themes/keji-chuangxin/']").get_text() == "“科技创新”"
    # 营商环境 is a topic with articles but a theme without: its topic page names no theme page
    assert not soup(seed_site, "topics/yingshang-huanjing/index.html").select("a[href^='/themes/ying']")


def test_the_guidelines_link_a_theme_only_once_it_has_articles(seed_site):
    page = soup(seed_site, "submit/index.html")
    linked = [a.get_text() for a in page.select(".themes a")]
    named = [s.get_text() for s in page.select(".themes strong")]
    assert linked == ["“三个一批”", "人才引智", "科技创新"] and "营商环境" in named

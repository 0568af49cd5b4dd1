"""The site's own not-found page (404.html): Chinese, a search box, the latest articles, no script."""

from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import seed_articles


def test_the_not_found_page_offers_search_and_the_latest_articles(seed_site):
    page = BeautifulSoup(seed_site.page("404.html"), "html.parser")
    assert page.html["lang"] == "zh-CN"
    assert page.h1.get_text() == "页面不存在"
    assert page.select_one("meta[name=robots]")["content"] == "noindex"
    forms = page.select("main form[role=search]")
    assert [f["action"] for f in forms] == ["/search/"]
    assert forms[0].select_one("input[name=q]")["id"] == forms[0].label["for"]
    # The newest six published articles, newest first; a draft is never among them.
    newest = sorted(seed_articles(), key=lambda a: (a[0]["date"], a[0]["slug"]), reverse=True)
    hrefs = [a["href"] for a in page.select("main .article-list .item-title a")]
    assert len(hrefs) == 6
    assert set(hrefs) <= {m["url"] for m, _ in newest}
    # An estimated date is shown (and given) as its month only: 2024-06.
    dates = [t["datetime"] for t in page.select("main .article-list time")]
    assert dates == sorted(dates, reverse=True)
    assert str(newest[0][0]["date"]).startswith(dates[0])
    # Served at any depth: every link starts from the site's root.
    # (the skip link and the publisher block's mailto: and tel: links need no root)
    assert all(
        a["href"].startswith(("/", "mailto:", "tel:")) for a in page.select("a[href]") if a["href"] != "#main"
    )
    assert not page.select("script"), "the not-found page runs no script"


def test_the_not_found_page_is_not_in_the_sitemap(seed_site):
    assert "404" not in seed_site.page("sitemap.xml")

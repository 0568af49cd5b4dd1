"""What a reader sees of the first site: the masthead, the list, an article, dates."""

from __future__ import annotations

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser


def no_sideways_scroll(pg) -> bool:
    return pg.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_home_page_lists_articles_newest_first(served_site, page):
    page.goto(served_site + "/")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert "《开发区建设》" in page.locator(".brand").inner_text()
    titles = page.locator(".article-list .item-title").all_inner_texts()
    assert titles[0] == "长子县长治市重点项目开工"
    assert "尚未发布的草稿标题" not in titles
    assert no_sideways_scroll(page)
    assert page.console_errors == []
    screenshot(page, "home")


def test_article_page_shows_the_hierarchy_and_a_chinese_date(served_site, page):
    page.goto(served_site + "/")
    # The front page links an article from the issue, its zone's strip and the full list.
    page.locator(".article-list").get_by_role("link", name="向高而攀 蓄势前行").click()
    assert page.url.endswith("/articles/2023/11/valid-article/")
    assert page.locator("h1").inner_text() == "向高而攀 蓄势前行"
    assert page.locator(".kicker").inner_text() == "左云经济技术开发区"
    assert page.locator(".story time").inner_text() == "2023年11月20日"
    assert no_sideways_scroll(page)
    assert page.console_errors == []
    screenshot(page, "article")


def test_hostile_title_runs_no_script(served_site, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(served_site + "/articles/2023/11/hostile-title/")
    assert dialogs == []
    assert page.locator("h1").inner_text() == '<script>alert("x")</script>园区&新貌'

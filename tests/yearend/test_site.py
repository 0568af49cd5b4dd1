"""kfq_yearend in a real Pelican build: /contributors/YYYY/ for every year with articles."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

import pelicanconf
from conftest import make_content, run_pelican

from .conftest import CONTENT

PLUGINS = [*pelicanconf.PLUGINS, *(["kfq_yearend"] if "kfq_yearend" not in pelicanconf.PLUGINS else [])]
HOSTILE = """---
title: <script>alert(1)</script>刘芳的稿件
authors: [刘芳]
zones: [长治经济技术开发区]
genre: 消息
date: 2024-10-01
slug: hostile-title
status: published
---

本刊讯 标题里有脚本。
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("site")
    articles = {str(p.relative_to(CONTENT / "articles")): p for p in (CONTENT / "articles").rglob("*.md")}
    articles["2024/hostile-title.md"] = HOSTILE
    content = make_content(tmp, articles, data=CONTENT / "data")
    build = run_pelican(content, tmp / "output", PLUGINS=PLUGINS)
    assert build.returncode == 0, build.log
    return build


def page(site, year: int) -> BeautifulSoup:
    return BeautifulSoup(site.page(f"contributors/{year}/index.html"), "html.parser")


def test_a_page_for_every_year_with_published_articles(site):
    years = sorted(p.parent.name for p in (site.output / "contributors").glob("*/index.html"))
    assert years == ["2023", "2024"]
    for year in (2023, 2024):
        assert page(site, year).h1.get_text() == f"{year}年度投稿人"


def test_people_by_zone_in_pinyin_order_with_their_articles_linked(site):
    doc = page(site, 2024)
    zones = [h.get_text(" ", strip=True) for h in doc.select("section h2")]
    assert zones[:6] == [
        "长治经济技术开发区",
        "大同经济技术开发区",
        "清徐经济开发区",
        "忻州经济开发区",
        "长子经济技术开发区",
        "左云经济技术开发区",
    ]  # changzhi datong qingxu xinzhou zhangzi zuoyun: the zones' official pinyin
    changzhi = doc.select_one("section#changzhi-jingji-jishu-kaifaqu")
    assert [h.contents[0].strip() for h in changzhi.select("h3")] == ["刘芳", "单田"]  # liu before shan
    links = [a["href"] for a in changzhi.select(".pieces a")]
    assert "/articles/2024/06/changzhi-liu-fang/" in links
    for href in (a["href"] for a in doc.select(".pieces a")):
        assert (site.output / href.strip("/") / "index.html").exists(), href


def test_staff_apart_and_not_ranked_drafts_and_other_years_absent(site):
    doc = page(site, 2024)
    text = doc.select_one("main").get_text()
    assert "本刊记者" in doc.select_one("section#staff h2").get_text()
    ranked = [th.get_text() for th in doc.select("#ranking tbody th")]
    assert "李恒松" not in ranked and "清徐融媒" in ranked
    assert "付雅祺" not in text  # her 2024 article is a draft; she wrote in 2023
    assert "大同经开区年终草稿" not in text
    assert "付雅祺" in page(site, 2023).select_one("main").get_text()


def test_titles_are_escaped(site):
    html = site.page("contributors/2024/index.html")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;刘芳的稿件" in html


def test_the_page_and_the_office_files_come_from_one_computation(site, tmp_path):
    # 字数 from the Markdown source, URLs from ARTICLE_URL: the page shows what the workbook says.
    from openpyxl import load_workbook

    from kfq.yearend.cli import run

    site_url = "https://kfq.example.cn"
    run(2024, CONTENT, tmp_path, siteurl=site_url, url_pattern=pelicanconf.ARTICLE_URL)
    sheet = load_workbook(tmp_path / "2024年度投稿人稿件统计表.xlsx")["篇目"]
    office = {r[2]: (r[6], r[7]) for r in sheet.iter_rows(min_row=3, values_only=True)}
    shown = {}
    for li in page(site, 2024).select(".pieces li"):
        a = li.a
        zishu = int(li.small.get_text().split("·")[-1].strip().removesuffix("字").strip())
        shown[a.get_text()] = (zishu, site_url + a["href"])
    assert {t: v for t, v in shown.items() if t in office} == office
    assert len(office) == 9


def test_the_site_counts_the_body_the_checker_reads():
    # source_zishu cuts the body without parsing YAML; it must cut where read_source does.
    from pathlib import Path

    from kfq.frontmatter import read_source
    from kfq.text import zishu
    from kfq.yearend.collect import source_zishu

    files = [*CONTENT.rglob("*.md"), *Path("content/articles").rglob("*.md")]
    assert len(files) > 20
    for path in files:
        assert source_zishu(path) == zishu(read_source(path)[0].body), path

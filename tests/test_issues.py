"""The issue register, print order and the 来源 line: the core, the check and the built site."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, seed_articles
from kfq.contract import check_article
from kfq.errors import RegisterError
from kfq.issues import Issue, Page, Placement, by_year, editions, load_issues, neighbours

D = dt.date(2024, 6, 17)


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        ({"date": "June", "publication": "科学导报"}, "write it as YYYY-MM-DD"),
        ({"date": D, "publication": "人民日报"}, "use one of 《开发区建设》周刊, 科学导报"),
        ({"date": D, "publication": "科学导报", "number": 0}, "the 期数 as a whole number"),
        ({"date": D, "publication": "科学导报", "date_basis": " "}, "what the estimated date rests on"),
        ({"date": D, "publication": "科学导报", "pages": [{"page": "三"}]}, "the 版次 as a whole number"),
        ({"date": D, "publication": "科学导报", "pages": [{"page": 3}, {"page": 3}]}, "listed twice"),
        ({"date": D, "publication": "科学导报", "pages": [{"page": 3, "editor": ""}]}, "editor must be text"),
    ],
)
def test_a_bad_register_entry_is_refused_with_the_fix(tmp_path, entry, says):
    (tmp_path / "issues.yaml").write_text(yaml.safe_dump({"issues": [entry]}, allow_unicode=True), "utf-8")
    with pytest.raises(RegisterError, match=re.escape(says)):
        load_issues(tmp_path)


def test_two_issues_of_one_date_are_refused(tmp_path):
    entry = {"date": D, "publication": "科学导报"}
    (tmp_path / "issues.yaml").write_text(yaml.safe_dump({"issues": [entry, entry]}), "utf-8")
    with pytest.raises(RegisterError, match="two issues dated 2024-06-17"):
        load_issues(tmp_path)


def test_no_register_means_no_issues(tmp_path):
    assert load_issues(tmp_path) == []


@pytest.mark.parametrize(
    ("issue", "title", "shown"),
    [
        (Issue(D, "科学导报", date_basis="6月11日"), "《科学导报》 约2024年6月", "约2024年6月"),
        (Issue(D, "科学导报"), "《科学导报》 2024年6月17日", "2024年6月17日"),
        (
            Issue(D, "《开发区建设》周刊", number=312),
            "《开发区建设》周刊 2024年6月17日 第312期",
            "2024年6月17日",
        ),
    ],
)
def test_an_estimated_issue_is_never_shown_as_a_printed_day(issue, title, shown):
    assert (issue.title, issue.shown_date) == (title, shown)
    assert issue.isodate == ("2024-06" if issue.estimated else "2024-06-17")


@dataclasses.dataclass
class Item:
    title: str
    placement: Placement | None


def test_editions_list_pages_in_print_order_and_skip_the_unplaced():
    issue = Issue(D, "科学导报", pages=(Page(1, "要闻"), Page(3, "开发区建设", "王编辑")))
    older = Issue(dt.date(2024, 6, 10), "《开发区建设》周刊")
    items = [
        Item("c", Placement(issue, issue.page(3), 2)),
        Item("x", Placement(issue, None, 1, "b.txt")),
        Item("a", Placement(issue, issue.page(1), 1)),
        Item("b", Placement(issue, issue.page(3), 1)),
        Item("w", Placement(issue, None, 1, "a.txt")),
        Item("web-only", None),
        Item("old", Placement(older)),
    ]
    eds = editions(items)
    assert [e.issue.date for e in eds] == [older.date, D]
    ed = eds[1]
    assert [g.label for g in ed.pages] == ["第1版 · 要闻", "第3版 · 开发区建设", "版次未详"]
    assert [a.title for a in ed.articles] == ["a", "b", "c", "w", "x"]
    assert (ed.older, ed.newer, eds[0].newer) == (older, None, issue)
    first, last = ed.articles[0], ed.articles[-1]
    assert neighbours(first, ed) == (None, ed.articles[1]) and neighbours(last, ed)[1] is None
    assert [(y, [m for m, _ in months]) for y, months in by_year(eds)] == [(2024, [6])]


ARTICLE = """---
title: 厚生能源岛项目投产
authors: []
date: {date}
{extra}slug: hou-sheng
---

科学导报讯 近日，项目投产。
"""


@pytest.mark.parametrize(
    ("date", "extra", "problems"),
    [
        ("2024-06-17", "issue: 2024-06-17\npage: 3\nposition: 2\n", []),
        ("2024-06-17", "issue: 2024-06-18\n", ["issue: no issue of 2024-06-18 in the issue register"]),
        (
            "2024-06-18",
            "issue: 2024-06-17\n",
            ["issue: the article is dated 2024-06-18 but its issue 2024-06-17"],
        ),
        (
            "2024-06-17",
            "issue: 2024-06-17\npage: 4\n",
            ["page: issue 2024-06-17 has no page 4 in the register (pages: 3)"],
        ),
        ("2024-06-17", "page: 3\n", ["page: is given without `issue:`"]),
        ("2024-06-17", "issue: 2024-06-17\nposition: first\n", ["position: 'first' is not a whole number"]),
        ("2024-06-17", "issue: soon\n", ["issue: 'soon' is not a date"]),
        (
            "2024-06-17",
            "issue: 2024-06-17\ndate_basis: 6月11日\n",
            [
                "date_basis: issue 2024-06-17 is confirmed in the register, "
                "but this article's date is an estimate"
            ],
        ),
    ],
)
def test_the_check_holds_issue_page_and_date_to_the_register(tmp_path, registers, date, extra, problems):
    reg = dataclasses.replace(registers, issues=[Issue(D, "科学导报", pages=(Page(3, editor="王编辑"),))])
    path = tmp_path / "2024" / "hou-sheng.md"
    path.parent.mkdir()
    path.write_text(ARTICLE.format(date=date, extra=extra), encoding="utf-8")
    found = [f"{p.field}: {p.message}" for p in check_article(path, reg).problems]
    assert found == problems


def test_an_estimated_issue_needs_an_estimated_article_date(tmp_path, registers):
    reg = dataclasses.replace(registers, issues=[Issue(D, "科学导报", date_basis="6月11日")])
    path = tmp_path / "2024" / "hou-sheng.md"
    path.parent.mkdir()
    path.write_text(ARTICLE.format(date="2024-06-17", extra="issue: 2024-06-17\n"), encoding="utf-8")
    assert [p.field for p in check_article(path, reg).problems] == ["issue"]


def test_the_register_and_the_seed_manifest_state_the_same_facts():
    manifest = yaml.safe_load((ROOT / "seeds/manifest.yaml").read_text(encoding="utf-8"))["pages"]
    issues = {i.date: i for i in load_issues(ROOT / "content/data")}
    for entry in manifest:
        issue = issues.get(entry["date"])
        assert issue is not None, f"{entry['file']}: no issue {entry['date']} in content/data/issues.yaml"
        assert issue.publication == entry["publication"], entry["file"]
        assert issue.estimated == bool(entry.get("date_basis")), entry["file"]
        assert entry.get("page") is None or issue.page(entry["page"]) is not None, entry["file"]
    assert set(issues) == {e["date"] for e in manifest}  # no issue the seeds do not know


def page(build, rel: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(rel), "html.parser")


def test_issues_index_lists_every_issue_by_year_and_month(seed_site):
    index = page(seed_site, "issues/index.html")
    assert [h.get_text() for h in index.select(".issue-year h2")] == ["2024年", "2023年"]
    links = [a["href"] for a in index.select(".issue-months a")]
    assert links == [
        "/issues/2024-06-17/",
        "/issues/2024-05-06/",
        "/issues/2023-09-04/",
        "/issues/2023-05-08/",
    ]
    assert "《科学导报》 约2024年6月" in index.get_text()


def test_an_issue_page_shows_its_articles_in_print_order_without_inventing_a_day(seed_site):
    metas = [m for m, _ in seed_articles() if str(m.get("issue")) == "2024-06-17"]
    expected = [m["url"] for m in sorted(metas, key=lambda m: m["position"])]
    issue = page(seed_site, "issues/2024-06-17/index.html")
    assert [a["href"] for a in issue.select(".issue-page .item-title a")] == expected
    text = issue.get_text()
    assert "《科学导报》" in text and "约2024年6月" in text
    assert "6月17日" not in text and "责任编辑" not in text  # an estimate; no editor on record
    nav = issue.select_one(".issue-nav")
    assert nav.select_one("a[rel=prev]")["href"] == "/issues/2024-05-06/" and not nav.select("a[rel=next]")


def test_every_seed_article_names_its_source_and_its_neighbours_in_the_issue(seed_site):
    for meta, _ in seed_articles():
        art = page(seed_site, meta["url"].strip("/") + "/index.html")
        line = art.select_one(".source-line")
        publication = "《科学导报》" if meta["source"].startswith("003_") else "《开发区建设》周刊"
        assert line.get_text() == f"来源：{publication} 约{meta['date'].year}年{meta['date'].month}月", meta[
            "url"
        ]
        assert line.a["href"] == f"/issues/{meta['issue']}/"
    # the middle article of the 科学导报 issue links both ways, in print order
    hou = page(seed_site, "articles/2024/06/hou-sheng-neng-yuan-dao-xiang-mu-tou-chan/index.html")
    nav = {a["rel"][0]: a["href"] for a in hou.select("nav.zone-nav a:not(.in-zone)")}
    assert nav == {
        "prev": "/articles/2024/06/zhi-ding-ju-you-xi-yin-li-de-biao-zhun-chang-fang-zhao-shang/",
        "next": "/articles/2024/06/zhuang-da-yuan-qu-jing-ji-jia-kuai-xian-yu-fa-zhan/",
    }


def test_an_article_of_no_registered_issue_still_publishes(build_site):
    text = Path(ROOT / "tests/fixtures/articles/valid-article.md").read_text(encoding="utf-8")
    build = build_site({"2023/valid-article.md": text})
    assert build.returncode == 0, build.log
    html = next(p for p in build.files() if "valid-article" in str(p)).read_text(encoding="utf-8")
    assert "source-line" not in html and "issue-nav" not in html

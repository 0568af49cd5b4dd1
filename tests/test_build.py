"""Real Pelican builds in tmp_path: valid sites build, bad articles stop them, drafts vanish."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import fixture_article

GOOD = {
    "2023/valid-article.md": fixture_article("valid-article"),
    "2023/zhangzi-xian-changzhi-shi-zhong-dian-xiang-mu-kai-gong.md": fixture_article(
        "zhangzi-xian-changzhi-shi-zhong-dian-xiang-mu-kai-gong"
    ),
}


def test_valid_site_builds_with_article_pages(build_site):
    build = build_site(GOOD)
    assert build.returncode == 0, build.log
    page = BeautifulSoup(build.page("articles/2023/11/valid-article/index.html"), "html.parser")
    assert page.html["lang"] == "zh-CN"
    assert page.h1.get_text() == "向高而攀 蓄势前行"
    assert "《开发区建设》" in page.select_one(".brand").get_text()
    assert page.time.get_text() == "2023年11月20日"
    assert page.select_one(".kicker").get_text() == "左云经济技术开发区"
    assert page.select_one(".subtitle").get_text() == "——左云经济技术开发区高质量发展工作纪实"
    # Column breaks were joined before Markdown: no space between Han characters.
    assert "本刊讯 左云经开区今年以来持续优化营商环境" in page.select_one(".body").get_text()
    home = BeautifulSoup(build.page("index.html"), "html.parser")
    links = [a["href"] for a in home.select(".article-list .item-title a")]
    assert links == [
        "/articles/2023/11/zhangzi-xian-changzhi-shi-zhong-dian-xiang-mu-kai-gong/",
        "/articles/2023/11/valid-article/",
    ]  # newest first


BAD = [
    ("missing-title", "missing-title.md:1: title:"),
    ("unknown-zone", "unknown-zone.md:4: zones:"),
    ("theme-outside-call", "theme-outside-call.md:5: theme:"),
    ("genre-outside-call", "genre-outside-call.md:4: genre:"),
    ("malformed-date", "malformed-date.md:4: date:"),
    ("broken-yaml", "broken-yaml.md:4: front-matter:"),
    ("gbk-encoded", "gbk-encoded.md:2: encoding:"),
    ("missing-authors", "missing-authors.md:1: authors:"),
]


@pytest.mark.parametrize("conf", ["pelicanconf.py", "publishconf.py"])
@pytest.mark.parametrize(("case", "message"), BAD)
def test_each_bad_article_stops_the_build_and_publishes_nothing(build_site, case, message, conf):
    build = build_site({**GOOD, f"2023/{case}.md": fixture_article(case)}, conf=conf)
    assert build.returncode == 1
    assert f"articles/2023/{message}" in build.log
    assert build.files() == []


def test_every_problem_of_every_file_is_listed_at_once(build_site):
    build = build_site({f"2023/{case}.md": fixture_article(case) for case, _ in BAD})
    assert build.returncode == 1
    for _, message in BAD:
        assert message in build.log
    assert "8 problem(s) in 8 article file(s)" in build.log


def test_every_file_that_would_not_become_an_article_stops_the_build_by_name(build_site):
    valid = fixture_article("valid-article")
    build = build_site(
        {
            **GOOD,
            "2023/old.markdown": "标题\n",
            "2023/shout.MD": valid,
            "2023/plain.txt": valid,
            "2023~/valid-article.md": valid,
            "loose.md": valid,
            "2023/.hidden-note.md": "ignored: hidden files are passed over",
            "2023/valid-article.md~": "ignored: an editor's backup",
        }
    )
    assert build.returncode == 1
    for message in [
        "articles/2023/old.markdown:1: file: articles are Markdown files ending in .md",
        "articles/2023/shout.MD:1: file: articles are Markdown files ending in .md, not .MD",
        "articles/2023/plain.txt:1: file: articles are Markdown files ending in .md, not .txt",
        "articles/2023~/valid-article.md:1: file: the folder '2023~' is not a year",
        "articles/loose.md:1: file: the article is not in a year folder",
    ]:
        assert message in build.log
    assert "hidden-note" not in build.log and "md~" not in build.log
    assert build.files() == []


def test_a_symlinked_year_folder_is_checked_before_it_is_published(build_site, tmp_path):
    import os

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    text = fixture_article("valid-article").read_text(encoding="utf-8")
    (elsewhere / "valid-article.md").write_text(text.replace("\ntitle:", "\ntitel:"), encoding="utf-8")
    from conftest import make_content, run_pelican

    content = make_content(tmp_path)
    os.symlink(elsewhere, content / "articles" / "2023")
    build = run_pelican(content, tmp_path / "output")
    assert build.returncode == 1
    assert "articles/2023/valid-article.md:2: titel: unknown field — did you mean 'title'?" in build.log


def test_a_draft_leaves_no_trace(build_site):
    build = build_site(
        {**GOOD, "2023/draft-article.md": fixture_article("draft-article")},
        FEED_ALL_ATOM="feeds/all.atom.xml",
    )
    assert build.returncode == 0, build.log
    assert not (build.output / "drafts").exists()
    for path in build.files():
        text = path.read_text(encoding="utf-8", errors="ignore")
        assert "draft-article" not in text, path
        assert "尚未发布的草稿标题" not in text, path
    assert (build.output / "feeds/all.atom.xml").exists()


def test_a_hostile_title_is_escaped_everywhere(build_site):
    build = build_site(
        {**GOOD, "2023/hostile-title.md": fixture_article("hostile-title")},
        FEED_ALL_ATOM="feeds/all.atom.xml",
    )
    assert build.returncode == 0, build.log
    for path in build.files():
        text = path.read_text(encoding="utf-8", errors="ignore")
        assert "<script>alert" not in text, path
        assert "<b>引题</b>" not in text, path
    page = BeautifulSoup(build.page("articles/2023/11/hostile-title/index.html"), "html.parser")
    assert page.h1.get_text() == '<script>alert("x")</script>园区&新貌'
    assert page.select_one(".kicker").get_text() == "<b>引题</b>"
    # JSON-LD holds the title as data, and no </script> can close its element early.
    ld = page.find("script", type="application/ld+json")
    assert "</script>" not in ld.string
    assert "\\u003cscript\\u003e" in ld.string


def test_a_misspelled_plugin_stops_the_build(build_site):
    build = build_site(GOOD, PLUGINS=["yaml_metadata", "sitemap", "kfq_validate", "kfq_templats"])
    assert build.returncode == 1
    assert "PLUGINS: not loaded: kfq_templates" in build.log


def test_publishconf_needs_the_public_address(tmp_path):
    import os
    import subprocess
    import sys

    from conftest import ROOT, make_content

    content = make_content(tmp_path, GOOD)
    env = {k: v for k, v in os.environ.items() if k != "KFQ_SITEURL"}
    proc = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", "publishconf.py", "-o", str(tmp_path / "out")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode != 0
    assert "KFQ_SITEURL" in proc.stdout + proc.stderr

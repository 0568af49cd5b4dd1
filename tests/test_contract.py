"""The front-matter contract: each kind of bad field, its message and the file's own line."""

from __future__ import annotations

import os

import pytest

from conftest import fixture_article
from kfq.checking import memo_key
from kfq.contract import Memo, check_article, check_articles, parse_date


def problems_of(path, registers):
    return check_article(path, registers, path.name).problems


@pytest.mark.parametrize(
    ("case", "field", "line", "words"),
    [
        ("missing-title", "title", 1, "required field is missing"),
        ("unknown-zone", "zones", 4, "did you mean '左云经济技术开发区'"),
        ("theme-outside-call", "theme", 5, "use one of: “三个一批”、营商环境"),
        ("genre-outside-call", "genre", 4, "use one of: 消息、通讯、评论"),
        ("malformed-date", "date", 4, "'2023-13-45' is not a date"),
        ("broken-yaml", "front-matter", 4, "from line 3"),
        ("gbk-encoded", "encoding", 2, "iconv -f GB18030 -t UTF-8"),
        ("missing-authors", "authors", 1, "authors: [李恒松]"),
    ],
)
def test_each_bad_article_is_named_with_line_and_field(case, field, line, words, registers):
    problems = problems_of(fixture_article(case), registers)
    assert len(problems) == 1, problems
    p = problems[0]
    assert (p.path, p.line, p.field) == (f"{case}.md", line, field)
    assert words in str(p)
    assert str(p).startswith(f"{case}.md:{line}: {field}: ")
    assert " — " in str(p)  # every message says how to fix it


@pytest.mark.parametrize(
    "case",
    [
        "valid-article",
        "draft-article",
        "hostile-title",
        "zhangzi-xian-changzhi-shi-zhong-dian-xiang-mu-kai-gong",
    ],
)
def test_good_articles_have_no_problems(case, registers):
    assert problems_of(fixture_article(case), registers) == []


def write(tmp_path, front: str, body: str = "本刊讯 正文。", name: str = "a") -> object:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / f"{name}.md"
    path.write_text(f"---\n{front}\n---\n\n{body}\n", encoding="utf-8")
    return path


BASE = "title: 标题\nauthors: [王伟]\ndate: 2023-11-20\nslug: a"


@pytest.mark.parametrize(
    ("front", "field", "line", "words"),
    [
        (BASE + "\ntitel: 错字", "titel", 6, "did you mean 'title'"),
        (BASE.replace("authors: [王伟]", "authors: 王伟"), "authors", 3, "authors: [王伟]"),
        (BASE.replace("[王伟]", "[王五]"), "authors", 3, "contributors register"),
        (BASE + "\nzones: [左云经开区, 左云开发区]", "zones", 6, "are the same zone (左云经济技术开发区)"),
        (BASE.replace("slug: a", "slug: A_b"), "slug", 5, "lowercase ASCII"),
        (BASE.replace("slug: a", "slug: b"), "slug", 5, "rename the file to b.md"),
        (BASE + "\nstatus: hidden", "status", 6, "published or draft"),
        (BASE + "\ntopics: [乡村]", "topics", 6, "topics.yaml"),
        (BASE + "\nsubtitle: ——副题", "subtitle", 6, "without the leading ——"),
        (BASE + "\nimage: images/a.jpg", "image", 6, "image_alt"),
        (BASE + "\nimage: https://x.cn/a.jpg\nimage_alt: 厂房", "image", 6, "content/images/"),
        (BASE + "\nimage_caption: 图为厂房。", "image_caption", 6, "there is no image"),
        (BASE.replace("title: 标题", "title: ''"), "title", 2, "is empty"),
        (BASE.replace("date: 2023-11-20", "date: 20.11.2023"), "date", 4, "YYYY-MM-DD"),
    ],
)
def test_field_table(tmp_path, registers, front, field, line, words):
    problems = problems_of(write(tmp_path, front), registers)
    assert [(p.field, p.line) for p in problems] == [(field, line)]
    assert words in str(problems[0])


def test_every_problem_is_reported_at_once(tmp_path, registers):
    front = "authors: 王伟\nzones: [无名区]\ngenre: 特写\ndate: 2023-99-01\nslug: a"
    fields = sorted(p.field for p in problems_of(write(tmp_path, front), registers))
    assert fields == ["authors", "date", "genre", "title", "zones"]


def test_published_article_needs_a_body(tmp_path, registers):
    problems = problems_of(write(tmp_path, BASE, body=""), registers)
    assert [p.field for p in problems] == ["body"]


def test_scaffold_hint_must_be_replaced_before_publishing(tmp_path, registers):
    path = write(tmp_path, BASE, body="本刊讯 （在这里写正文；段落之间空一行。）")
    assert [p.field for p in problems_of(path, registers)] == ["body"]
    draft = write(tmp_path, BASE + "\nstatus: draft", body="本刊讯 （在这里写正文。）")
    assert problems_of(draft, registers) == []


def test_slug_must_be_unique_across_the_site(tmp_path, registers):
    (tmp_path / "2023").mkdir()
    (tmp_path / "2024").mkdir()
    one = write(tmp_path / "2023", BASE)
    two = write(tmp_path / "2024", BASE.replace("2023-11-20", "2024-01-02"))
    checked = check_articles([one, two], registers, root=tmp_path)
    dupes = [p for c in checked for p in c.problems]
    assert [(p.path, p.field) for p in dupes] == [("2024/a.md", "slug")]
    assert "already used by 2023/a.md" in dupes[0].message


def test_year_folder_must_match_the_date(tmp_path, registers):
    (tmp_path / "2022").mkdir()
    path = write(tmp_path / "2022", BASE)
    assert [p.field for p in problems_of(path, registers)] == ["date"]


def test_a_file_without_front_matter(tmp_path, registers):
    path = tmp_path / "a.md"
    path.write_text("标题\n\n正文\n", encoding="utf-8")
    assert [p.field for p in problems_of(path, registers)] == ["front-matter"]


def test_crlf_and_bom_are_read(tmp_path, registers):
    path = tmp_path / "a.md"
    path.write_bytes(
        ("\ufeff---\r\n" + BASE.replace("\n", "\r\n") + "\r\n---\r\n\r\n本刊讯 正文。\r\n").encode()
    )
    assert problems_of(path, registers) == []


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2024-05-05", True),
        ("2024-05-05 08:30", True),
        ("2024-5-5", False),
        ("2024-02-30", False),
        (20240505, False),
    ],
)
def test_parse_date(value, ok):
    assert (parse_date(value) is not None) == ok


# The memo of the editors' loop: valid files are not read again while they are unchanged.


def test_a_memo_keeps_valid_articles_and_checks_the_others_again(tmp_path, registers):
    good = write(tmp_path, BASE, name="a")
    bad = write(tmp_path, BASE.replace("slug: a", "slug: b").replace("[王伟]", "[王五]"), name="b")
    memo = Memo("k")
    first = check_articles([good, bad], registers, root=tmp_path, memo=memo)
    assert list(memo.files) == [str(good)]
    # A kept file is recalled without being read: its text no longer matters while its
    # size and time are the same.
    stat = good.stat()
    good.write_text(good.read_text(encoding="utf-8").replace("标题", "题目"), encoding="utf-8")
    os.utime(good, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = check_articles([good, bad], registers, root=tmp_path, memo=memo)
    assert [c.problems for c in again] == [c.problems for c in first]
    assert again[0].source.meta == {"slug": "a"}


def test_a_memo_notices_an_edit_that_breaks_a_kept_article(tmp_path, registers):
    good = write(tmp_path, BASE)
    memo = Memo("k")
    check_articles([good], registers, root=tmp_path, memo=memo)
    write(tmp_path, BASE.replace("date: 2023-11-20", "date: 2023-13-45"))
    checked = check_articles([good], registers, root=tmp_path, memo=memo)
    assert [p.field for p in checked[0].problems] == ["date"]
    assert memo.files == {}


def test_a_memo_still_finds_a_slug_used_twice(tmp_path, registers):
    (tmp_path / "2023").mkdir()
    (tmp_path / "2024").mkdir()
    one = write(tmp_path / "2023", BASE)
    memo = Memo("k")
    check_articles([one], registers, root=tmp_path, memo=memo)
    two = write(tmp_path / "2024", BASE.replace("2023-11-20", "2024-01-02"))
    checked = check_articles([one, two], registers, root=tmp_path, memo=memo)
    assert [(p.path, p.field) for c in checked for p in c.problems] == [("2024/a.md", "slug")]
    assert list(memo.files) == [str(one)]


def test_the_memo_key_follows_the_registers(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "zones.yaml").write_text("zones: []\n", encoding="utf-8")
    before = memo_key(data)
    assert memo_key(data) == before
    (data / "zones.yaml").write_text("zones: [] # 新增\n", encoding="utf-8")
    assert memo_key(data) != before


@pytest.mark.parametrize(
    "title", ["【标题待定】由长治经济技术开发区举办的系列讲座", "【待定】项目开工", "标题待定", "TBD"]
)
def test_a_draft_may_carry_a_placeholder_title(tmp_path, registers, title):
    # that a published one may not is in test_the_contract_is_closed_and_typed
    draft = write(tmp_path, BASE.replace("title: 标题", f"title: {title}") + "\nstatus: draft")
    assert problems_of(draft, registers) == []


def test_a_draft_may_list_its_doubts_and_an_estimated_date_may_be_published(tmp_path, registers):
    draft = BASE + "\nstatus: draft\ndoubts:\n  - 'byline: no byline found'"
    assert problems_of(write(tmp_path, draft), registers) == []
    estimated = BASE + "\ndate_basis: 'latest event reported: 2023年11月'"
    assert problems_of(write(tmp_path / "published", estimated), registers) == []


@pytest.mark.parametrize(
    ("front", "field", "line", "words"),
    [
        # Strings are strings: YAML reads these as a number, yes/no and a date.
        (BASE.replace("title: 标题", "title: 2024"), "title", 2, "YAML reads the value as a number"),
        (BASE.replace("title: 标题", "title: yes"), "title", 2, "yes/no"),
        (BASE.replace("title: 标题", "title: 2024-05-05"), "title", 2, '`title: "2024-05-05"`'),
        (BASE + "\nsummary: 2024", "summary", 6, "must be text"),
        (BASE + "\nsource: 123.txt\nsummary: [甲]", "summary", 7, "must be text, not a list"),
        (BASE + "\nsource: 1.5", "source", 6, "must be text"),
        (BASE + "\nimage: 2024\nimage_alt: 图", "image", 6, "must be text"),
        (BASE + "\nkicker: |\n  第一行\n  第二行", "kicker", 6, "runs over several lines"),
        (BASE + "\nmodified: 上周五", "modified", 6, "'上周五' is not a date"),
        (BASE + "\ngenre: 1", "genre", 6, "must be text"),
        (BASE.replace("slug: a", "slug: 2024"), "slug", 5, "must be text"),
        (BASE + "\nstatus: true", "status", 6, "must be text"),
        (BASE.replace("date: 2023-11-20", "date: 20231120"), "date", 4, "is not a date"),
        # A field written twice: the second is the problem, wherever it is.
        (BASE + "\nstatus: published\nstatus: draft", "status", 7, "written twice (first on line 6)"),
        # Control characters, raw or written as an escape.
        (BASE.replace("title: 标题", "title: 标\x07题"), "title", 2, "control character (U+0007)"),
        (BASE.replace("title: 标题", 'title: "标\\x1b题"'), "title", 2, "control character (U+001B)"),
        (BASE.replace("title: 标题", "title: 标\u2028题"), "title", 2, "control character (U+2028)"),
        # The importer's keys.
        (BASE + '\ndoubts: ["title: 标题待核"]', "doubts", 6, "resolve them with `invoke review`"),
        (BASE + "\ndoubts: 标题", "doubts", 6, "must be a list of texts"),
        (BASE + "\nstatus: draft\ndoubts: [1]", "doubts", 7, "must be a list of texts"),
        (BASE + "\ndate_basis: ''", "date_basis", 6, "rests on"),
        (BASE + "\ndate_basis: [甲]", "date_basis", 6, "must be text"),
        # A published article needs a real headline.
        (BASE.replace("title: 标题", "title: 【标题待定】园区新貌"), "title", 2, "is a placeholder"),
        (BASE.replace("title: 标题", "title: 【待定】"), "title", 2, "is a placeholder"),
        (BASE.replace("title: 标题", "title: 标题待定"), "title", 2, "is a placeholder"),
        (BASE.replace("title: 标题", "title: 待定标题"), "title", 2, "is a placeholder"),
        (BASE.replace("title: 标题", "title: TBD"), "title", 2, "is a placeholder"),
        (BASE + "\nTitle: 又一个", "Title", 6, "did you mean 'title'"),
        (BASE + "\nsave_as: x.html", "save_as", 6, "unknown field"),
    ],
)
def test_the_contract_is_closed_and_typed(tmp_path, registers, front, field, line, words):
    problems = problems_of(write(tmp_path, front), registers)
    assert [(p.field, p.line) for p in problems] == [(field, line)], problems
    assert words in str(problems[0]) and " — " in str(problems[0])


@pytest.mark.parametrize(
    "front",
    [
        BASE + '\nsummary: "本刊讯 概要"',
        BASE + "\ndate_basis: 据版面所载最近事件推定",
        BASE + '\nstatus: draft\ndoubts: ["title: 标题待核", "byline: 作者待核"]',
        BASE.replace("title: 标题", "title: 【标题待定】园区新貌") + "\nstatus: draft",
        BASE + "\ndoubts: []",
        BASE.replace("title: 标题", 'title: "2024"'),
        BASE + "\nmodified: 2023-11-21",
    ],
)
def test_what_the_contract_allows(tmp_path, registers, front):
    assert problems_of(write(tmp_path, front), registers) == []


def test_an_opening_line_with_trailing_space_is_an_opening_line(tmp_path, registers):
    path = tmp_path / "a.md"
    path.write_text(f"--- \n{BASE}\n---  \n\n本刊讯 正文。\n", encoding="utf-8")
    assert problems_of(path, registers) == []


def test_an_alias_bomb_is_refused_fast(tmp_path, registers):
    import time

    bomb = 'source: &a ["x","x","x","x","x","x","x","x","x"]\n' + "\n".join(
        f"k{i}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]"
        for i in range(9)
    )
    path = write(tmp_path, BASE + "\n" + bomb)
    assert path.stat().st_size < 1000
    start = time.perf_counter()
    problems = problems_of(path, registers)
    assert time.perf_counter() - start < 0.5
    assert [(p.field, p.line) for p in problems] == [("front-matter", 1)]
    assert "aliases" in str(problems[0])


def test_a_yaml_error_names_the_files_own_line(tmp_path, registers):
    path = tmp_path / "a.md"
    path.write_text(f"\n\n---\n{BASE}\nzones: [左云\n---\n\n正文。\n", encoding="utf-8")
    [problem] = problems_of(path, registers)
    assert problem.field == "front-matter" and problem.line in (8, 9)
    assert "from line 8" in problem.message

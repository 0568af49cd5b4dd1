"""write.py, conserve.py, pipeline.py: safe re-import, the review, no character lost."""

from __future__ import annotations

import datetime as dt

import markdown as md
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kfq.house_style import tidy
from kfq.importer import CharactersLost, conserve, import_pages
from kfq.importer.pipeline import read_page
from kfq.importer.write import edited, escape_start

from .conftest import SEEDS, write_manifest
from .pages import BRIEF_A, BRIEF_B, column

PAGE = (
    "长子经开区召开项目推进会\n"
    + column(BRIEF_A + " 李恒松")
    + "左云经开区三家企业集中签约\n"
    + column(BRIEF_B + " 清徐融媒")
)


@pytest.fixture
def seeds(tmp_path):
    src = tmp_path / "seeds"
    src.mkdir()
    (src / "page.txt").write_text(PAGE, encoding="utf-8")
    (src / "manifest.yaml").write_text(
        "pages:\n  - file: page.txt\n    publication: 《开发区建设》周刊\n    date: 2024-05-05\n"
        "    page: 2\n",
        encoding="utf-8",
    )
    return src


def test_import_writes_the_contract_front_matter(seeds, tmp_path, small_registers):
    report = import_pages(seeds, tmp_path / "out", small_registers)
    path = tmp_path / "out" / "2024" / "zhangzi-jing-kai-qu-zhao-kai-xiang-mu-tui-jin-hui.md"
    assert path in report.outcome("created")
    text = path.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert list(meta)[:4] == ["title", "authors", "zones", "topics"]
    assert meta["authors"] == ["李恒松"] and meta["zones"] == ["长子经济技术开发区"]
    assert meta["date"] == dt.date(2024, 5, 5) and meta["status"] == "published"
    assert meta["genre"] == "消息" and meta["source"] == "page.txt"
    body = text.split("---\n", 2)[2]
    assert body.startswith("\n本刊讯 近日，长子经济技术开发区召开项目推进会") and "李恒松" not in body


def test_second_import_is_byte_identical(seeds, tmp_path, small_registers):
    out = tmp_path / "out"
    import_pages(seeds, out, small_registers)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    report = import_pages(seeds, out, small_registers)
    assert len(report.outcome("unchanged")) == 2
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_an_edited_article_is_skipped_unless_forced(seeds, tmp_path, small_registers):
    out = tmp_path / "out"
    import_pages(seeds, out, small_registers)
    path = next(out.rglob("zhangzi*.md"))
    edited_text = path.read_text(encoding="utf-8").replace("召开项目推进会，", "召开项目推进大会，")
    path.write_text(edited_text, encoding="utf-8")
    assert edited(edited_text)
    report = import_pages(seeds, out, small_registers)
    assert report.skipped == [path] and path.read_text(encoding="utf-8") == edited_text
    assert "--force" in report.review_path.read_text(encoding="utf-8")
    report = import_pages(seeds, out, small_registers, force=True)
    assert path in report.outcome("updated") and "推进大会" not in path.read_text(encoding="utf-8")


def test_a_page_without_a_date_waits_in_the_seeds_and_the_run_says_why(seeds, tmp_path, small_registers):
    (seeds / "manifest.yaml").unlink()
    report = import_pages(seeds, tmp_path / "out", small_registers)
    assert report.written == [] and not list((tmp_path / "out").rglob("*.md"))
    assert report.errors and all("manifest.yaml gives none" in e for e in report.errors)
    assert any(r.kind == "date" for r in report.review)


def test_review_lists_corrections_and_furniture(tmp_path, small_registers):
    src = tmp_path / "seeds"
    src.mkdir()
    text = "科学导报\n第3版\n\n电厂项目投产\n" + column(
        "本刊讯 日前，电厂项目建成投产，计划再建设2伊100万千瓦机组，总投资超过四十亿元，预计明年开工。 李恒松"
    )
    (src / "p.txt").write_text(text, encoding="utf-8")
    write_manifest(src, {"p.txt": "2024-05-06"})
    report = import_pages(src, tmp_path / "out", small_registers)
    kinds = sorted(r.kind for r in report.review)
    assert kinds.count("furniture") == 2 and "correction" in kinds
    assert "2×100" in report.written[0].path.read_text(encoding="utf-8")


def test_conservation_fails_loudly_when_text_is_lost(small_registers, monkeypatch):
    from kfq.importer.decode import decode

    page = decode(PAGE.encode(), "page.txt")
    split, found = read_page(page.name, page.text, small_registers)
    conserve.check(page, split, found)  # nothing lost
    found[0].paragraphs = found[0].paragraphs[:0]
    with pytest.raises(CharactersLost, match=r"page\.txt"):
        conserve.check(page, split, found)


def test_an_article_an_editor_deleted_is_not_created_again(tmp_path, project_registers):
    out = tmp_path / "out"
    import_pages(SEEDS, out, project_registers)
    victim = sorted(out.rglob("*.md"))[0]
    victim.unlink()
    report = import_pages(SEEDS, out, project_registers)
    assert not victim.exists() and len(list(out.rglob("*.md"))) == 13
    assert [w.path for w in report.written if w.outcome == "left deleted"] == [victim]
    assert any(r.kind == "skipped" and "deleted by an editor" in r.message for r in report.review)
    import_pages(SEEDS, out, project_registers, force=True)  # --force brings it back
    assert victim.exists()


def test_an_article_an_editor_renamed_is_not_published_twice(tmp_path, project_registers):
    out = tmp_path / "out"
    import_pages(SEEDS, out, project_registers)
    old = sorted(out.rglob("*.md"))[0]
    new = old.with_name("an-editors-slug.md")
    old.rename(new)
    report = import_pages(SEEDS, out, project_registers)
    assert not old.exists() and new.exists() and len(list(out.rglob("*.md"))) == 14
    assert any(r.kind == "skipped" and "renamed by an editor" in r.message for r in report.review)


# Chinese text with the characters YAML cares about mixed in, and any text at all.
_TEXT = st.one_of(
    st.text(alphabet="左云开发区项目：: #'\",[]{}-—1２ 年", max_size=20),
    st.sampled_from(["yes", "no", "on", "null", "published", "xiang-gao-er-pan", "a-1"]),
    st.text(max_size=20),
)


@given(st.one_of(_TEXT, st.lists(_TEXT, max_size=4)))
@settings(max_examples=300, deadline=None)
def test_every_front_matter_value_reads_back_as_written(value):
    from kfq.importer.write import _scalar

    assert yaml.safe_load(f"k: {_scalar(value)}")["k"] == value


@pytest.mark.parametrize(
    "value",
    [
        "乘势而上谋突破 踔厉奋发启新程",
        "左云: 开发区",
        "标题 #1",
        ["左云经济技术开发区", "清徐经济开发区"],
        ["甲,乙"],
    ],
)
def test_chinese_values_are_written_plain_and_others_quoted(value):
    from kfq.importer.write import _scalar

    assert yaml.safe_load(f"k: {_scalar(value)}")["k"] == value


@pytest.mark.parametrize(
    "text",
    [
        "1. 加快项目建设。",
        "2）优化营商环境。",
        "# 号楼已封顶。",
        "- 新签约项目五个。",
        ": 冒号开头。",
        "——见闻",
    ],
)
def test_a_paragraph_starting_like_markdown_markup_reaches_the_reader_as_printed(text):
    html = md.markdown(escape_start(tidy(text)), extensions=["extra"])
    assert html == f"<p>{tidy(text)}</p>"

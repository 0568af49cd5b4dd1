"""The review gate: doubts keep an article a draft until an editor's recorded decision settles them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil

import pytest

from kfq.frontmatter import read_source
from kfq.importer import decisions, import_pages
from kfq.importer.errors import DecisionError
from kfq.importer.resolve import ask, decide, open_articles

from .conftest import SEEDS
from .pages import BRIEF_A, BRIEF_B, column


def _seeds_without_decisions(tmp_path):
    pages = tmp_path / "pages"
    shutil.copytree(SEEDS, pages)
    (pages / decisions.FILE).unlink()
    return pages


def _answers(**by_kind):
    def prompt(question: str) -> str:
        return by_kind.get(question.strip().split(":", 1)[0], "")

    return prompt


@pytest.mark.parametrize(
    ("answers", "fields", "accepted"),
    [
        ({"title": "长治经开区举办专题讲座"}, {"title": "长治经开区举办专题讲座"}, []),
        ({"date": "2024-06-17"}, {"date": "2024-06-17"}, []),
        ({"date": "estimate"}, {}, ["date"]),
        ({"byline": "王芳、李明"}, {"authors": ["王芳", "李明"]}, []),
        ({"byline": "-"}, {"authors": []}, []),
        ({"byline": "ok"}, {}, ["byline"]),
        ({"zone": "长治经济技术开发区"}, {"zones": ["长治经济技术开发区"]}, []),
        ({"boundary": "ok"}, {}, ["boundary"]),
        ({}, {}, []),  # Enter leaves every doubt open
    ],
)
def test_an_editors_answers_become_a_decision(tmp_path, project_registers, answers, fields, accepted):
    pages = _seeds_without_decisions(tmp_path)
    import_pages(pages, tmp_path / "out", project_registers)
    untitled = next(a for a in open_articles(tmp_path / "out") if a.title.startswith("【标题待定】"))
    every_kind = [f"{k}: ?" for k in ("title", "date", "byline", "zone", "boundary")]
    all_kinds = dataclasses.replace(untitled, doubts=every_kind)
    assert ask(all_kinds, _answers(**answers)) == (fields, accepted)


def test_a_decision_publishes_the_article_and_a_new_import_keeps_it(tmp_path, project_registers):
    pages, out = _seeds_without_decisions(tmp_path), tmp_path / "out"
    import_pages(pages, out, project_registers)
    pending = open_articles(out)
    assert len(pending) == 14  # every seed date is an estimate
    untitled = next(a for a in pending if a.title.startswith("【标题待定】"))
    assert untitled.kinds == ["title", "date"]
    decide(pages, untitled, {"title": "长治经开区举办专题讲座"}, ["date"], note="an editor's headline")
    import_pages(pages, out, project_registers)
    settled = [read_source(p)[0].meta for p in out.rglob("*.md")]
    published = [m for m in settled if m["status"] == "published"]
    assert [m["title"] for m in published] == ["长治经开区举办专题讲座"]
    assert published[0]["date_basis"] and "doubts" not in published[0]  # still shown as an estimate
    assert len(open_articles(out)) == 13 and len(list(out.rglob("*.md"))) == 14  # no duplicate file
    # the decision is in the pages' decisions.yaml, which the next import reads again
    assert decisions.load(pages)[0].values == {"title": "长治经开区举办专题讲座"}


def test_a_printed_date_settles_the_estimate(tmp_path, project_registers):
    pages, out = _seeds_without_decisions(tmp_path), tmp_path / "out"
    import_pages(pages, out, project_registers)
    first = open_articles(out)[0]
    decide(pages, first, {"date": "2024-05-13"}, ["byline"])
    import_pages(pages, out, project_registers)
    meta = next(read_source(p)[0].meta for p in (out / "2024").glob("*.md") if "乘势而上" in p.read_text())
    assert meta["date"] == "2024-05-13" or meta["date"] == dt.date(2024, 5, 13)
    assert "date_basis" not in meta and meta["status"] == "published"


def test_a_page_that_prints_its_running_head_gives_its_own_date(tmp_path, small_registers):
    pages = tmp_path / "pages"
    pages.mkdir()
    head = "2024年5月6日 星期一\n开发区建设 第3版\n"
    text = head + "项目推进会召开\n" + column(BRIEF_A) + "签约仪式举行\n" + column(BRIEF_B)
    (pages / "p.txt").write_text(text, encoding="utf-8")
    report = import_pages(pages, tmp_path / "out", small_registers)
    metas = [read_source(p)[0].meta for p in (tmp_path / "out").rglob("*.md")]
    assert len(metas) == 2
    assert all(str(m["date"]) == "2024-05-06" and "date_basis" not in m for m in metas)
    assert not [r for r in report.review if r.kind == "date"]


def test_a_malformed_decisions_file_is_named(tmp_path, project_registers):
    pages = _seeds_without_decisions(tmp_path)
    (pages / decisions.FILE).write_text("decisions:\n  - source: x.txt\n    set: {colour: red}\n", "utf-8")
    with pytest.raises(DecisionError, match=r"decisions\.yaml"):
        import_pages(pages, tmp_path / "out", project_registers)

"""The real seeds with the real registers: what ships in content/articles, and the command line."""

from __future__ import annotations

import shutil
import subprocess
import sys

from kfq.checking import check_content
from kfq.frontmatter import read_source
from kfq.importer import import_pages
from kfq.importer.write import edited

from .conftest import ROOT, SEEDS


def test_every_imported_seed_article_passes_the_contract(tmp_path, project_registers):
    out = tmp_path / "content" / "articles"
    report = import_pages(SEEDS, out, project_registers)
    assert len(report.written) == 14 and not report.errors
    checked = check_content(tmp_path / "content", project_registers, ("articles",))
    assert [str(p) for c in checked for p in c.problems] == []
    assert all(c.source.meta["status"] == "published" for c in checked)


def test_estimated_dates_stay_marked_after_the_editors_accept_them(tmp_path, project_registers):
    import_pages(SEEDS, tmp_path / "out", project_registers)
    for path in (tmp_path / "out").rglob("*.md"):
        meta = read_source(path)[0].meta
        assert meta["date_basis"], path  # the seeds print no date: readers see 约2024年5月
        assert "doubts" not in meta and meta["status"] == "published", path


def test_without_the_editors_decisions_nothing_the_importer_doubted_is_published(tmp_path, project_registers):
    pages = tmp_path / "pages"
    shutil.copytree(SEEDS, pages)
    (pages / "decisions.yaml").unlink()
    import_pages(pages, tmp_path / "out", project_registers)
    metas = [read_source(p)[0].meta for p in sorted((tmp_path / "out").rglob("*.md"))]
    assert len(metas) == 14
    # every seed date is an estimate: every article waits for an editor, and says why
    assert all(m["status"] == "draft" and any(d.startswith("date:") for d in m["doubts"]) for m in metas)
    untitled = [m for m in metas if m["title"].startswith("【标题待定】")]
    assert len(untitled) == 1 and any(d.startswith("title:") for d in untitled[0]["doubts"])


def test_shipped_articles_are_the_import_or_an_editors_edit(tmp_path, project_registers):
    import_pages(SEEDS, tmp_path / "out", project_registers)
    fresh = {p.relative_to(tmp_path / "out"): p.read_text(encoding="utf-8")
             for p in (tmp_path / "out").rglob("*.md")}  # fmt: skip
    shipped = ROOT / "content" / "articles"
    for rel, text in fresh.items():
        path = shipped / rel
        assert path.exists(), f"{rel} is imported but not in content/articles: run `invoke import-seeds`"
        current = path.read_text(encoding="utf-8")
        assert current == text or edited(current), f"{rel} differs from the import without an editor's edit"


def test_invoke_import_seeds_prints_the_review_and_the_count(tmp_path):
    invoke = [sys.executable, "-m", "invoke", "--search-root", str(ROOT)]
    cmd = [*invoke, "import-seeds", "--dest", str(tmp_path)]
    first = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert "14 created" in first.stdout and "none lost" in first.stdout
    assert "correction:" in first.stdout  # what was put right is listed for the editors
    assert "[5/5] 004_4d37290c3898b9a3.txt" in first.stderr  # the progress line
    second = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert "14 unchanged" in second.stdout

"""The real seeds with the real registers: what ships in content/articles, and the command line."""

from __future__ import annotations

import subprocess
import sys

from kfq.checking import check_content
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


def test_estimated_dates_stay_in_the_review(tmp_path, project_registers):
    report = import_pages(SEEDS, tmp_path / "out", project_registers)
    flagged = [item for item in report.review if item.kind == "date" and "estimated" in item.message]
    assert len(flagged) == 14


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
    assert "【标题待定】" in first.stdout or "no headline printed" in first.stdout
    assert "[5/5] 004_4d37290c3898b9a3.txt" in first.stderr  # the progress line
    second = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert "14 unchanged" in second.stdout

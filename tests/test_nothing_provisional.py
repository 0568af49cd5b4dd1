"""From a fresh import to the site and the office files: nothing provisional reaches readers or
the office, and no estimated date is shown as a printed day."""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, run_pelican
from kfq.contract import parse_date
from kfq.frontmatter import read_source
from kfq.importer import decisions, import_pages
from kfq.registers import load_registers
from kfq.text import format_date

PLACEHOLDER = "【标题待定】"


def _fresh_content(tmp: Path, with_decisions: bool) -> Path:
    """content/ with the registers of the project and the seed pages imported afresh."""
    content = tmp / "content"
    shutil.copytree(ROOT / "content" / "data", content / "data")
    (content / "pages").mkdir()
    pages = tmp / "pages"
    shutil.copytree(ROOT / "seeds", pages)
    if not with_decisions:
        (pages / decisions.FILE).unlink()
    import_pages(pages, content / "articles", load_registers(content / "data"))
    return content


def _texts(root: Path) -> dict[Path, str]:
    """Every output file's text: pages, feeds, sitemap, the search index (its fragments are
    gzip-compressed), and the XML inside office files."""
    out: dict[Path, str] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        if path.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(path) as z:
                out[path] = "".join(
                    z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml")
                )
            continue
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        out[path] = raw.decode("utf-8", "replace")
    return out


@pytest.fixture(scope="module")
def undecided(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("undecided")
    content = _fresh_content(tmp, with_decisions=False)
    return content, run_pelican(content, tmp / "output")


@pytest.fixture(scope="module")
def decided(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("decided")
    content = _fresh_content(tmp, with_decisions=True)
    build = run_pelican(content, tmp / "output")
    office = tmp / "office"
    for year in (2023, 2024):
        cmd = [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "contributors",
               "--year", str(year), "--content", str(content), "--out", str(office / str(year))]  # fmt: skip
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600,
                              env={"KFQ_SITEURL": "https://kfq.test", "PATH": "/usr/bin:/bin"})  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
    return content, build, office


def test_an_undecided_import_publishes_nothing_it_doubted(undecided):
    content, build = undecided
    assert build.returncode == 0, build.log
    metas = [read_source(p)[0].meta for p in (content / "articles").rglob("*.md")]
    assert metas and all(m["status"] == "draft" for m in metas)  # every seed date is an estimate
    texts = _texts(build.output)
    for m in metas:
        leaked = [p for p, t in texts.items() if m["title"] in t]
        assert leaked == [], f"draft «{m['title']}» reached {leaked[:3]}"
    assert not (build.output / "drafts").exists()


def test_after_the_editors_decisions_no_output_shows_a_placeholder_or_a_guessed_day(decided):
    content, build, office = decided
    assert build.returncode == 0, build.log
    metas = [read_source(p)[0].meta for p in (content / "articles").rglob("*.md")]
    assert all(m["status"] == "published" for m in metas)
    estimated_days = {format_date(parse_date(m["date"])) for m in metas if m.get("date_basis")}
    assert estimated_days  # the seeds print no date: every date is an estimate
    texts = {**_texts(build.output), **_texts(office)}
    assert any(p.suffix == ".docx" for p in texts) and any(p.suffix == ".xlsx" for p in texts)
    for path, text in texts.items():
        assert PLACEHOLDER not in text, path
        shown = [d for d in estimated_days if d in text]
        assert shown == [], f"{path} shows the estimated date(s) {shown} as printed days"

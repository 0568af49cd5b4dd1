"""`invoke intake` as an editor types it: several attachments in one command, one of them bad."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from kfq.frontmatter import read_source
from kfq.intake import intake_files
from kfq.intake.sources import expand
from tests.intake.submissions import Piece, photo_bytes, write_docx, write_eml
from tests.intake.test_intake import FEATURE, PLAIN, ROOT, registers_copy


def invoke(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def drafts(content: Path) -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in sorted((content / "articles").rglob("*.md"))}


@pytest.mark.render
def test_several_files_in_one_command_with_a_bad_one_among_them(tmp_path, site_registers):
    sent = tmp_path / "附件"
    feature = write_docx(FEATURE, sent / "新材料 项目 (1).docx", photo_bytes())  # spaces, as mail saves
    plain = write_docx(PLAIN, sent / "招聘会.docx")
    mailed = write_docx(
        Piece(title="清徐经济开发区开展安全生产检查", paragraphs=[PLAIN.paragraphs[1]]),
        tmp_path / "mail" / "检查.docx",
    )
    eml = write_eml(sent / "投稿.eml", "李小红", "lixh@example.com", "投稿", "见附件。", [mailed])
    bad = sent / "坏稿.wps"
    bad.write_bytes(bytes(range(256)) * 4)
    content = registers_copy(tmp_path)
    # An editor's earlier intake of the same 招聘会 file: its draft and photo stay as they are.
    (earlier,) = intake_files([plain], content, site_registers, dt.date(2024, 5, 7)).drafts
    before = drafts(content)

    result = invoke(
        "intake", str(eml), "--content", str(content), "--", str(bad), str(plain), str(feature),
        str(sent / "不存在.docx"),
    )  # fmt: skip

    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "error: 坏稿.wps: is not a WPS Writer document LibreOffice can read" in out
    assert "save it as .docx" in out
    assert f"error: {sent / '不存在.docx'}: no submission found" in out
    assert "3 draft(s) written, 3 with doubts to settle; 2 file(s) not read." in out
    after = drafts(content)
    for path, text in before.items():
        assert after[path] == text, f"{path} was overwritten"
    new = {p: t for p, t in after.items() if p not in before}
    titles = sorted(read_source(p)[0].meta["title"] for p in new)
    assert titles == sorted([FEATURE.title, PLAIN.title, "清徐经济开发区开展安全生产检查"])
    again = next(p for p in new if read_source(p)[0].meta["title"] == PLAIN.title)
    assert again.stem == earlier.path.stem + "-2"
    assert "(from 新材料 项目 (1).docx)" in out and "photo: " in out
    assert "(from 投稿.eml/检查.docx)" in out
    assert not (content / "articles" / "2024" / "坏稿.md").exists()


def test_all_good_files_exit_zero_and_a_folder_and_pattern_still_work(tmp_path):
    sent = tmp_path / "投稿"
    write_docx(PLAIN, sent / "招聘会.docx")
    (sent / "招聘会.txt").write_bytes("\n".join([PLAIN.title, *PLAIN.paragraphs]).encode("gb18030"))
    (sent / "readme.pdf").write_bytes(b"%PDF-1.4")  # not a submission: a folder skips it
    other = write_docx(FEATURE, tmp_path / "别处" / "新材料.docx")
    content = registers_copy(tmp_path)
    result = invoke("intake", str(sent), "--content", str(content), "--", str(tmp_path / "别处" / "*.docx"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 draft(s) written" in result.stdout and "error:" not in result.stdout
    assert len(drafts(content)) == 3
    assert other.exists()


def test_names_expand_to_files_once_each_in_order(tmp_path):
    folder = tmp_path / "投稿"
    folder.mkdir()
    for name in ("b.docx", "a.eml", ".~lock.a.docx#", "c.pdf", ".hidden.docx"):
        (folder / name).write_bytes(b"x")
    single = tmp_path / "稿件.odt"
    single.write_bytes(b"x")
    found = expand([str(single), str(folder), str(folder / "*.docx"), str(tmp_path / "无.doc")])
    assert found.paths == [single, folder / "a.eml", folder / "b.docx"]
    assert found.missing == [
        f"{tmp_path / '无.doc'}: no submission found — name a file, a folder or a pattern ('投稿/*.docx')"
    ]


def test_the_help_says_how_to_name_several_files():
    result = invoke("--help", "intake")
    assert result.returncode == 0
    assert "invoke intake 稿件.docx -- 投稿.eml 图文.wps" in result.stdout

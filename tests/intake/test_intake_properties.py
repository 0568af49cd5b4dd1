"""Generated paragraphs survive a Word file and the intake: the same paragraphs, every Han
character, whatever the soft line breaks and typed indentation."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kfq.frontmatter import read_source
from kfq.intake import intake_files
from kfq.registers import load_registers
from tests.intake.submissions import Piece, write_docx

ROOT = Path(__file__).resolve().parents[2]
# GB2312 level 1: the 3,755 commonest characters, most of what news prose is written in.
HAN = "".join(
    bytes([hi, lo]).decode("gb2312")
    for hi in range(0xB0, 0xD8)
    for lo in range(0xA1, 0xFF)
    if (hi, lo) < (0xD7, 0xFA)
)
# Han and digits (a number broken at a line end is one number again); Latin words are left
# out: a break between two of them is a space, which a break inside a word cannot be told from.
clause = st.text(alphabet=HAN + "0123456789.%", min_size=4, max_size=30)
sentence = st.lists(clause, min_size=1, max_size=4).map(lambda cs: "，".join(cs) + "。")
paragraph = st.lists(sentence, min_size=2, max_size=5).map("".join).filter(lambda p: len(p) > 40)


REGISTERS = load_registers(ROOT / "content" / "data")


@settings(max_examples=25, deadline=None)
@given(paragraphs=st.lists(paragraph, min_size=1, max_size=6), indent=st.booleans())
def test_generated_paragraphs_survive_word_and_intake(paragraphs, indent):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        content = folder / "content"
        shutil.copytree(ROOT / "content" / "data", content / "data")
        (content / "articles").mkdir()
        piece = Piece(title="开发区项目建设综述", paragraphs=paragraphs, indent=indent)
        path = write_docx(piece, folder / "稿.docx")
        report = intake_files([path], content, REGISTERS, dt.date(2024, 5, 8))
        (draft,) = report.drafts
        src, problems = read_source(draft.path)
        assert not problems
        assert src.meta["title"] == piece.title
        assert src.body.strip().split("\n\n") == paragraphs
        assert not any("characters not in the draft" in w for w in draft.warnings)

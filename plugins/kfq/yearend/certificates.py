"""The 《优秀撰稿人》 certificates: one landscape page for each contributor in the top places."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from kfq.yearend import paper
from kfq.yearend.order import stroke_key
from kfq.yearend.rank import Standing

AWARD = "优秀撰稿人"
HEADING = "荣誉证书"
TEXT_SIZE = 22  # 二号: a certificate is read at arm's length, framed


def certificate_title(year: int) -> str:
    """The certificates file's title."""
    return f"{year}年度《{AWARD}》证书"


def addressee(standing: Standing) -> str:
    """How a certificate or letter names the contributor: people are 同志, units are not."""
    person = standing.credit.contributor
    return person.name if person.role == "机构" else f"{person.name}同志"


def write_certificates(
    path: Path, year: int, standings: Sequence[Standing], issuer: str, issued: dt.date
) -> Path:
    """Write one certificate page per excellent contributor (姓氏笔画 order) and return path."""
    awarded = sorted((s for s in standings if s.excellent), key=lambda s: stroke_key(s.name))
    doc = paper.document(certificate_title(year), issuer, landscape=True)
    for i, standing in enumerate(awarded):
        if i:
            paper.page_break(doc)
        _certificate(doc, year, standing, issuer, issued)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def _certificate(doc, year: int, standing: Standing, issuer: str, issued: dt.date) -> None:
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.paragraph_format.line_spacing = Pt(80)
    head.paragraph_format.space_before = Pt(36)
    head.paragraph_format.space_after = Pt(24)
    paper.set_font(head.add_run("　".join(HEADING)), paper.TITLE_FONT, 48)
    line = Pt(TEXT_SIZE * 1.8)
    name = paper.para(doc, f"{addressee(standing)}：", indent=False, size=TEXT_SIZE)
    name.paragraph_format.line_spacing = line
    who = "贵单位" if standing.credit.contributor.role == "机构" else "你"
    zone = standing.credit.contributor.zone
    where = f"（{zone}）" if zone else ""
    body = paper.para(
        doc,
        f"{who}{where}在《开发区建设》周刊{year}年度征稿中积极撰稿，"
        f"刊发稿件{standing.counted}篇，成绩突出，被评为",
        size=TEXT_SIZE,
    )
    body.paragraph_format.line_spacing = line
    award = doc.add_paragraph()
    award.alignment = WD_ALIGN_PARAGRAPH.CENTER
    award.paragraph_format.line_spacing = Pt(60)
    paper.set_font(award.add_run(f"{year}年度“{AWARD}”"), paper.TITLE_FONT, 36)
    closing = paper.para(doc, "特发此证，以资鼓励。", size=TEXT_SIZE)
    closing.paragraph_format.line_spacing = line
    paper.signature(doc, issuer, issued, size=TEXT_SIZE)

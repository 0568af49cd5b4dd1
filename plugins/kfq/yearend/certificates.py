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
TEXT_LINE = Pt(33)
# The landscape type area (210 − 2 × 25 mm) holds 453 pt: heading 72, addressee 33, body at
# most 4 lines 132, award 54, closing 33, signature 17 + 66 — 407 pt, so a certificate with
# the longest names still ends well above the bottom margin and never spills a blank page.


def certificate_title(year: int) -> str:
    """The certificates file's title."""
    return f"{year}年度《{AWARD}》证书"


def addressee(standing: Standing) -> str:
    """How a certificate or letter names the contributor: people are 同志, units are not,
    and a unit goes by its registered full name where the register has it."""
    person = standing.credit.contributor
    return person.formal_name if person.is_unit else f"{person.name}同志"


def write_certificates(
    path: Path, year: int, standings: Sequence[Standing], issuer: str, issued: dt.date
) -> Path:
    """Write one certificate page per excellent contributor (姓氏笔画 order) and return path."""
    awarded = sorted((s for s in standings if s.excellent), key=lambda s: stroke_key(s.name))
    doc = paper.document(certificate_title(year), issuer, landscape=True)
    for i, standing in enumerate(awarded):
        _certificate(doc, year, standing, issuer, issued, new_page=i > 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def certificate_text(year: int, standing: Standing) -> str:
    """The certificate's sentence: a unit is 贵单位 and not placed inside a zone."""
    person = standing.credit.contributor
    if person.is_unit:
        who = "贵单位"
    else:
        who = f"你（{person.zone}）" if person.zone else "你"
    return (
        f"{who}在《开发区建设》周刊{year}年度征稿中积极撰稿，刊发稿件{standing.counted}篇，成绩突出，被评为"
    )


def _certificate(doc, year: int, standing: Standing, issuer: str, issued: dt.date, new_page: bool) -> None:
    head = doc.add_paragraph("　".join(HEADING), style="Title")
    # A page break before the heading, not a break paragraph after the certificate: a
    # certificate that fills its page then never pushes an empty paragraph onto a new one.
    if new_page:
        head.paragraph_format.page_break_before = True
    head.paragraph_format.line_spacing = Pt(60)
    head.paragraph_format.space_after = Pt(12)
    head.runs[0].font.size = Pt(42)
    made = [head]
    for text, indent in ((f"{addressee(standing)}：", False), (certificate_text(year, standing), True)):
        p = paper.para(doc, text, indent=indent, size=TEXT_SIZE)
        p.paragraph_format.line_spacing = TEXT_LINE
        made.append(p)
    award = doc.add_paragraph(f"{year}年度“{AWARD}”", style="Title")
    award.alignment = WD_ALIGN_PARAGRAPH.CENTER
    award.paragraph_format.line_spacing = Pt(54)
    award.runs[0].font.size = Pt(36)
    closing = paper.para(doc, "特发此证，以资鼓励。", size=TEXT_SIZE)
    closing.paragraph_format.line_spacing = TEXT_LINE
    made += [award, closing]
    sign = paper.signature(doc, issuer, issued, size=TEXT_SIZE)
    sign[0].paragraph_format.line_spacing = Pt(17)
    for p in sign[1:]:
        p.paragraph_format.line_spacing = TEXT_LINE
    paper.keep_together([*made, *sign])

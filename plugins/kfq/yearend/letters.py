"""Praise letters (表扬信): one to each zone 管委会 whose contributors are 优秀撰稿人."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docx.shared import Pt

from kfq.yearend import paper
from kfq.yearend.certificates import AWARD, addressee
from kfq.yearend.collect import Piece
from kfq.yearend.order import stroke_key
from kfq.yearend.rank import Standing

TITLE = "表扬信"


@dataclass(frozen=True)
class Letter:
    """A letter to one zone's 管委会 about its excellent contributors."""

    zone: str
    standings: tuple[Standing, ...]

    @property
    def recipient(self) -> str:
        return f"{self.zone}管委会"

    @property
    def pieces(self) -> list[Piece]:
        seen: dict[Piece, None] = {}
        for s in self.standings:
            seen.update(dict.fromkeys(s.credit.pieces))
        return sorted(seen, key=lambda p: (p.date, p.title, p.url))


def letters_for(standings: Sequence[Standing], zone_order: Sequence[str] = ()) -> list[Letter]:
    """A letter per zone with an excellent contributor, zones in zone_order (the register's);
    a contributor without a zone gets none: there is no 管委会 to write to."""
    zones: dict[str, list[Standing]] = {}
    for s in standings:
        if s.excellent and s.credit.contributor.zone:
            zones.setdefault(s.credit.contributor.zone, []).append(s)
    position = {z: i for i, z in enumerate(zone_order)}
    return [
        Letter(zone, tuple(sorted(people, key=lambda s: stroke_key(s.name))))
        for zone, people in sorted(zones.items(), key=lambda kv: (position.get(kv[0], len(position)), kv[0]))
    ]


def letter_file_name(letter: Letter, year: int) -> str:
    """The letter's file name: the year, 表扬信 and the recipient, as a clerk files it."""
    return f"{year}年度表扬信-{letter.recipient}.docx"


def letter_text(letter: Letter, year: int) -> str:
    """The letter's main paragraph. The zone's own people are 贵区…同志; an organisation
    that wrote about the zone (a county media centre) is named on its own, never as 贵区's."""
    people = [addressee(s) for s in letter.standings if not s.credit.contributor.is_unit]
    units = [addressee(s) for s in letter.standings if s.credit.contributor.is_unit]
    parts = [*(["、".join(units)] if units else []), *([f"贵区{'、'.join(people)}"] if people else [])]
    who = "和".join(parts)
    named = "、".join([*units, *people])
    return (
        f"{year}年，{who}积极为《开发区建设》周刊撰稿，宣传贵区建设发展的新成就、新经验，"
        f"在本刊刊发稿件{len(letter.pieces)}篇。根据本刊征稿启事，经统计评选，"
        f"{named}被评为本刊{year}年度“{AWARD}”。特致函表扬，并对贵区一直以来对本刊工作的"
        "大力支持表示衷心感谢！"
    )


CLOSING = "希望贵区继续支持本刊工作，鼓励更多干部职工积极投稿，共同讲好开发区故事。"


def _piece_line(i: int, piece: Piece) -> str:
    authors = "、".join(piece.authors)
    return f"{i}. 《{piece.title}》（{authors}，{piece.date_text}）"


def write_letter(path: Path, letter: Letter, year: int, issuer: str, issued: dt.date) -> Path:
    """Write one praise letter to path and return it.

    The letter, its signature included, fits one page: when the list of articles would push
    the signature over, the list becomes an attachment (附件) on the pages after it.
    """
    doc = paper.document(f"{TITLE}（{letter.recipient}）", issuer)
    recipient = f"{letter.recipient}："
    main = letter_text(letter, year)
    items = [_piece_line(i, p) for i, p in enumerate(letter.pieces, 1)]
    used = 2 + paper.lines(recipient, 0) + paper.lines(main) + paper.lines(CLOSING) + 3
    inline = used + 1 + sum(paper.lines(t) for t in items) <= paper.LINES_PER_PAGE
    paper.title(doc, TITLE)
    body = [paper.para(doc, recipient, indent=False), paper.para(doc, main)]
    if inline:
        body.append(paper.para(doc, "刊发稿件篇目如下："))
        body += [paper.para(doc, t) for t in items]
        body.append(paper.para(doc, CLOSING))
    else:
        body.append(paper.para(doc, CLOSING))
        body.append(paper.para(doc, f"附件：{year}年度刊发稿件篇目"))
    sign = paper.signature(doc, issuer, issued)
    # The last lines of the text and the signature stay on one page, whatever the fonts.
    paper.keep_together([body[-1], *sign])
    if not inline:
        label = doc.add_paragraph("附件", style="Heading 1")
        label.paragraph_format.page_break_before = True
        label.paragraph_format.first_line_indent = Pt(0)
        paper.title(doc, f"{year}年度刊发稿件篇目")
        for t in items:
            paper.para(doc, t)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path

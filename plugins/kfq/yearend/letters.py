"""Praise letters (表扬信): one to each zone 管委会 whose contributors are 优秀撰稿人."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kfq.text import format_date
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


def write_letter(path: Path, letter: Letter, year: int, issuer: str, issued: dt.date) -> Path:
    """Write one praise letter to path and return it."""
    doc = paper.document(f"{TITLE}（{letter.recipient}）", issuer)
    paper.title(doc, TITLE)
    paper.para(doc, f"{letter.recipient}：", indent=False)
    names = "、".join(addressee(s) for s in letter.standings)
    pieces = letter.pieces
    paper.para(
        doc,
        f"{year}年，贵区{names}积极为《开发区建设》周刊撰稿，宣传开发区建设发展的新成就、新经验，"
        f"在本刊刊发稿件{len(pieces)}篇。根据本刊征稿启事，经统计评选，"
        f"{names}被评为本刊{year}年度“{AWARD}”。特致函表扬，并对贵区一直以来对本刊工作的"
        "大力支持表示衷心感谢！",
    )
    paper.para(doc, "刊发稿件篇目如下：")
    for i, piece in enumerate(pieces, 1):
        authors = "、".join(piece.authors)
        paper.para(doc, f"{i}. 《{piece.title}》（{authors}，{format_date(piece.date)}）")
    paper.para(doc, "希望贵区继续支持本刊工作，鼓励更多干部职工积极投稿，共同讲好开发区故事。")
    paper.signature(doc, issuer, issued)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path

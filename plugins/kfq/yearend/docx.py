"""The list document 《YYYY年度投稿人稿件清单和篇目》: a section per zone with its table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

from kfq.registers import Registers
from kfq.yearend import paper
from kfq.yearend.collect import NO_ZONE, UNSIGNED, Collection
from kfq.yearend.groups import Group, office_groups
from kfq.yearend.rank import Rules, Standing, cutoff_tie

ADDRESSEES = "省商务厅开发区处，各有关开发区管委会"
PIECE_HEADER = ("序号", "投稿人", "篇名", "刊发日期", "体裁", "字数")
# mm, 156 in all (the type area): 序号, 2024年12月20日 and a five-digit 字数 stay on one line
# (LibreOffice spaces digits from Han characters, so the date needs 40 mm).
PIECE_WIDTHS = (13, 22, 47, 40, 13, 21)
AWARD_HEADER = ("名次", "姓名", "开发区", "刊发篇数")
AWARD_WIDTHS = (14, 40, 80, 22)
DIGITS = "〇一二三四五六七八九"


def list_title(year: int) -> str:
    """The document's title, as the call names it."""
    return f"{year}年度投稿人稿件清单和篇目"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 35 → 三十五: the numbers of 一、二、 headings."""
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{DIGITS[tens] if tens > 1 else ''}十{DIGITS[ones] if ones else ''}"


def write_list(
    path: Path,
    collection: Collection,
    standings: Sequence[Standing],
    registers: Registers,
    issuer: str,
    issued: dt.date,
    rules: Rules,
) -> Path:
    """Write the list document to path and return it."""
    year = collection.year
    doc = paper.document(list_title(year), issuer)
    paper.title(doc, list_title(year))
    paper.para(doc, f"{ADDRESSEES}：", indent=False)
    groups = office_groups(collection, registers)
    zones = [g for g in groups if not g.staff]
    real_zones = [g for g in zones if g.name != NO_ZONE]
    staff = next((g for g in groups if g.staff), None)
    award = [s for s in standings if s.excellent]  # by place; a shared place by 姓氏笔画
    signed = _count(zones) - len(collection.unsigned)
    intro = (
        f"按照本刊征稿启事，现将{year}年度在《开发区建设》周刊刊发稿件的投稿人及其稿件篇目汇编如下。"
        f"全年刊发稿件{len(collection.pieces)}篇，{len(collection.contributors)}位投稿人刊发{signed}篇"
    )
    if collection.unsigned:
        intro += f"，另有未署名稿件{len(collection.unsigned)}篇列入所属开发区"
    intro += f"，涉及{len(real_zones)}个开发区"
    intro += f"；本刊记者稿件{staff.pieces}篇另列。" if staff else "。"
    if any(p.estimated for p in collection.pieces):
        intro += "刊发日期前标“约”的，为按稿件内容推定的刊发月份。"
    paper.para(doc, intro)
    number = 1
    paper.heading(doc, f"{chinese_number(number)}、投稿人稿件清单")
    for i, group in enumerate(zones, 1):
        people = len(group.credits)
        paper.heading(doc, f"（{chinese_number(i)}）{group.name}（{people}人，{group.pieces}篇）", level=2)
        _pieces_table(doc, group)
    if staff:
        number += 1
        paper.heading(doc, f"{chinese_number(number)}、本刊记者稿件（{staff.pieces}篇，不参加评选）")
        _pieces_table(doc, staff)
    number += 1
    paper.heading(doc, f"{chinese_number(number)}、{year}年度优秀撰稿人")
    text = (
        f"按照征稿启事“为前{rules.top}名颁发《优秀撰稿人》证书”的规定，经统计刊发稿件，"
        f"{len(award)}位投稿人获评{year}年度优秀撰稿人"
    )
    tie = cutoff_tie(list(standings), rules)
    text += f"。其中，{tie.sentence()}" if tie else ""
    text += "。名单如下（按名次排列，名次相同者按姓氏笔画排序）："
    # The sentence that announces the table stays with the table's first rows.
    paper.para(doc, text).paragraph_format.keep_with_next = True
    paper.table(
        doc,
        AWARD_HEADER,
        AWARD_WIDTHS,
        [(s.rank, _name(s.credit), s.credit.zone, s.counted) for s in award],
        left=(2,),
    )
    sign = paper.signature(doc, issuer, issued)
    paper.keep_together(sign)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def _name(credit) -> str:
    return credit.contributor.formal_name if credit.contributor.is_unit else credit.name


def _count(groups: Sequence[Group]) -> int:
    return sum(g.pieces for g in groups)


def _pieces_table(doc, group: Group) -> None:
    rows: list[tuple[object, ...]] = []
    spans = []  # (first row, last row) of each person, to merge their name cell
    people = [(_name(c), c.pieces) for c in group.credits]
    if group.unsigned:
        people.append((UNSIGNED, list(group.unsigned)))
    for name, pieces in people:
        first = len(rows) + 1
        for piece in pieces:
            rows.append((len(rows) + 1, name, piece.title, piece.date_text, piece.genre, piece.zishu))
        spans.append((first, len(rows)))
    table = paper.table(doc, PIECE_HEADER, PIECE_WIDTHS, rows, left=(2,))
    for first, last in spans:
        if last > first:
            top = table.cell(first, 1)
            keep = top.text
            merged = top.merge(table.cell(last, 1))
            # merge() joins the texts of every merged cell; one name is enough.
            for extra in merged.paragraphs[1:]:
                extra._p.getparent().remove(extra._p)
            merged.paragraphs[0].runs[0].text = keep
            merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paper.spacer(doc)

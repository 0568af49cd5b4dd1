"""The list workbook: a sheet per zone, the 篇目 of all articles, and the ranking."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kfq.registers import Registers
from kfq.yearend.collect import Collection
from kfq.yearend.groups import Group, office_groups
from kfq.yearend.rank import Standing

FONT = "宋体"
# A real date cell, shown as Chinese news writes dates (2024年5月5日): it still sorts.
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
ZONE_HEADER = ("开发区", "投稿人", "单位", "篇名", "刊发日期", "体裁", "字数")
PIECES_HEADER = ("序号", "刊发日期", "篇名", "作者", "开发区", "体裁", "字数", "网址")
RANKING_HEADER = ("名次", "投稿人", "开发区", "单位", "篇数", "字数", "得分", "优秀撰稿人")
PIECES_SHEET = "篇目"
RANKING_SHEET = "排名"
MAX_WIDTH = 56  # characters: wider columns wrap, so a long title stays on screen
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def write_workbook(
    path: Path, collection: Collection, standings: Sequence[Standing], registers: Registers, issuer: str
) -> Path:
    """Write the workbook to path and return it."""
    wb = Workbook()
    wb.remove(wb.active)
    for group in office_groups(collection, registers):
        _sheet(wb, group.name, ZONE_HEADER, _zone_rows(group))
    _sheet(wb, PIECES_SHEET, PIECES_HEADER, _piece_rows(collection))
    _sheet(wb, RANKING_SHEET, RANKING_HEADER, _ranking_rows(standings))
    wb.properties.title = f"{collection.year}年度投稿人稿件清单和篇目"
    wb.properties.creator = issuer
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _zone_rows(group: Group) -> list[tuple]:
    return [
        (group.name, c.name, c.contributor.affiliation, p.title, p.date, p.genre, p.zishu)
        for c in group.credits
        for p in c.pieces
    ]


def _piece_rows(collection: Collection) -> list[tuple]:
    return [
        (
            i,
            p.date,
            p.title,
            "、".join(p.authors) or "（未署名）",
            "、".join(p.zones),
            p.genre,
            p.zishu,
            f"/{p.url}",
        )
        for i, p in enumerate(collection.pieces, 1)
    ]


def _ranking_rows(standings: Sequence[Standing]) -> list[tuple]:
    return [
        (
            s.rank,
            s.name,
            s.credit.zone,
            s.credit.contributor.affiliation,
            s.counted,
            s.credit.zishu,
            s.points,
            "是" if s.excellent else "",
        )
        for s in standings
    ]


def sheet_title(name: str) -> str:
    """A legal sheet name: Excel forbids []:*?/\\ and allows 31 characters."""
    return _BAD_SHEET_CHARS.sub("", name)[:31]


def _sheet(wb: Workbook, name: str, header: Sequence[str], rows: list[tuple]) -> Worksheet:
    ws = wb.create_sheet(sheet_title(name))
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    body = Font(name=FONT, size=11)
    bold = Font(name=FONT, size=11, bold=True)
    fill = PatternFill("solid", fgColor="E8E8E8")
    for cell in ws[1]:
        cell.font, cell.fill, cell.border = bold, fill, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.font, cell.border = body, _BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if header[cell.column - 1] == "刊发日期":
                cell.number_format = DATE_FORMAT
    for i, title in enumerate(header, 1):
        values = [title, *(r[i - 1] for r in rows)]
        ws.column_dimensions[get_column_letter(i)].width = _width(values, title)
    ws.freeze_panes = "A2"  # the header stays in view while scrolling
    ws.auto_filter.ref = ws.dimensions
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return ws


def _width(values: Sequence[Any], title: str) -> float:
    if title == "刊发日期":
        return 16
    longest = max(_display_width(str(v)) for v in values if v is not None)
    return min(longest + 2, MAX_WIDTH)


def _display_width(text: str) -> int:
    # Han characters and full-width punctuation take two columns in a spreadsheet.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

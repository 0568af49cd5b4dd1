"""The statistics workbook: a summary with formulas, a sheet per zone, the 篇目 and the ranking.

Every sheet prints as the office needs it: a title row, the header repeated on each page,
A4 landscape one page wide, a header with the workbook's title and a footer 第 N 页 共 M 页;
long text wraps and rows are made tall enough for it (a spreadsheet does not grow rows by
itself when a file is opened). Article links are absolute (KFQ_SITEURL), so a recipient can
open them; an estimated date is printed 约2024年5月, never as a day.

Only the summary's own formulas (`Formula`) are formulas: openpyxl writes any string that
starts with `=` as one, so a title such as `=HYPERLINK(…)` would run in the recipient's
spreadsheet; every value from the content is written as text, whatever it starts with.
"""

from __future__ import annotations

import math
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
from kfq.yearend.collect import NO_ZONE, UNSIGNED, Collection, Piece
from kfq.yearend.groups import Group, office_groups
from kfq.yearend.rank import Standing

FONT = "宋体"
SIZE = 11
LINE_HEIGHT = 15  # points per line of 11 pt text
# A real date cell, shown as Chinese news writes dates (2024年5月5日): it still sorts.
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
ZONE_HEADER = ("开发区", "投稿人", "单位", "篇名", "刊发日期", "体裁", "字数")
PIECES_HEADER = ("序号", "刊发日期", "篇名", "作者", "开发区", "体裁", "字数", "网址")
RANKING_HEADER = ("名次", "投稿人", "开发区", "单位", "篇数", "字数", "得分", "优秀撰稿人")
ZONE_SUMMARY = ("开发区", "稿件篇数", "字数")
PEOPLE_SUMMARY = ("投稿人", "开发区", "稿件篇数", "字数")
SUMMARY_SHEET = "汇总"
PIECES_SHEET = "篇目"
RANKING_SHEET = "排名"
MAX_WIDTH = 48  # characters: wider columns wrap, so a long title stays on the page
FIRST_ROW = 3  # row 1 the title, row 2 the header
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


class Formula(str):
    """A formula this module writes on purpose; any other string is written as text."""


def _as_text(cell, value: Any) -> None:
    """Keep a string from the content a string (openpyxl took a leading `=` for a formula)."""
    if cell.data_type == "f" and not isinstance(value, Formula):
        cell.data_type = "s"


def workbook_title(year: int) -> str:
    """The workbook's title and file name (the list document has a stem of its own)."""
    return f"{year}年度投稿人稿件统计表"


def write_workbook(
    path: Path,
    collection: Collection,
    standings: Sequence[Standing],
    registers: Registers,
    issuer: str,
    siteurl: str,
    top: int = 20,
) -> Path:
    """Write the workbook to path and return it; siteurl makes the article links absolute."""
    if not siteurl.startswith(("https://", "http://")):
        raise ValueError("siteurl must be the site's absolute address (KFQ_SITEURL)")
    year = collection.year
    title = workbook_title(year)
    wb = Workbook()
    wb.remove(wb.active)
    groups = office_groups(collection, registers)
    summary = wb.create_sheet(SUMMARY_SHEET)
    for group in groups:
        _sheet(wb, group.name, f"{year}年度{group.name}投稿人稿件", ZONE_HEADER, _zone_rows(group), title)
    pieces = _sheet(
        wb, PIECES_SHEET, f"{year}年度刊发稿件篇目", PIECES_HEADER, _piece_rows(collection, siteurl), title
    )
    for row in pieces.iter_rows(min_row=FIRST_ROW, min_col=8, max_col=8):
        for cell in row:
            cell.hyperlink = cell.value
            cell.font = Font(name=FONT, size=SIZE, color="0563C1", underline="single")
    _sheet(
        wb,
        RANKING_SHEET,
        f"{year}年度投稿人排名（前{top}名为优秀撰稿人）",
        RANKING_HEADER,
        _ranking_rows(standings),
        title,
    )
    _summary(summary, collection, groups, title, len(collection.pieces))
    wb.properties.title = title
    wb.properties.creator = issuer
    wb.properties.language = "zh-CN"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _date(piece: Piece) -> Any:
    return piece.date_text if piece.estimated else piece.date


def _name(contributor) -> str:
    return contributor.formal_name if contributor.is_unit else contributor.name


def _zone_rows(group: Group) -> list[tuple]:
    rows = [
        (group.name, _name(c.contributor), c.contributor.affiliation, p.title, _date(p), p.genre, p.zishu)
        for c in group.credits
        for p in c.pieces
    ]
    rows += [(group.name, UNSIGNED, "", p.title, _date(p), p.genre, p.zishu) for p in group.unsigned]
    return rows


def _piece_rows(collection: Collection, siteurl: str) -> list[tuple]:
    return [
        (
            i,
            _date(p),
            p.title,
            "、".join(p.authors) or UNSIGNED,
            "、".join(p.zones) or NO_ZONE,
            p.genre,
            p.zishu,
            f"{siteurl}/{p.url.lstrip('/')}",
        )
        for i, p in enumerate(collection.pieces, 1)
    ]


def _ranking_rows(standings: Sequence[Standing]) -> list[tuple]:
    return [
        (
            s.rank,
            _name(s.credit.contributor),
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


def _match(column: str, last: int, key: str) -> str:
    # Whole names only: "、王伟、" is found in "、王伟、汪伟、" but not in "、王伟明、".
    cells = f"'{PIECES_SHEET}'!${column}${FIRST_ROW}:${column}${last}"
    return f'ISNUMBER(SEARCH("、"&{key}&"、","、"&{cells}&"、"))'


def _summary(ws: Worksheet, collection: Collection, groups: list[Group], title: str, count: int) -> None:
    """Articles and 字数 per zone and per contributor, as formulas over the 篇目 sheet."""
    last = FIRST_ROW + count - 1
    zishu = f"'{PIECES_SHEET}'!$G${FIRST_ROW}:$G${last}"
    zones = [g.name for g in groups if not g.staff]
    rows: list[tuple] = []
    for i, zone in enumerate(zones):
        r = FIRST_ROW + i
        rows.append(
            (
                zone,
                Formula(f"=SUMPRODUCT(--{_match('E', last, f'A{r}')})"),
                Formula(f"=SUMPRODUCT(--{_match('E', last, f'A{r}')},{zishu})"),
            )
        )
    rows.append(
        (
            "全年合计",
            Formula(f"=COUNTA('{PIECES_SHEET}'!$C${FIRST_ROW}:$C${last})"),
            Formula(f"=SUM({zishu})"),
        )
    )
    _fill(ws, f"{title}：汇总", ZONE_SUMMARY, rows, title)
    start = ws.max_row + 2
    ws.cell(start, 1, "投稿人").font = Font(name=FONT, size=SIZE, bold=True)
    # In the list document's order: zones as the register lists them, people by 姓氏笔画.
    people = [c for g in groups for c in g.credits]
    header_row = start + 1
    for j, text in enumerate(PEOPLE_SUMMARY, 1):
        _header_cell(ws.cell(header_row, j, text))
    for i, credit in enumerate(people):
        r = header_row + 1 + i
        values = (
            credit.name,
            credit.zone,
            Formula(f"=SUMPRODUCT(--{_match('D', last, f'A{r}')})"),
            Formula(f"=SUMPRODUCT(--{_match('D', last, f'A{r}')},{zishu})"),
        )
        for j, value in enumerate(values, 1):
            cell = ws.cell(r, j, value)
            _as_text(cell, value)
            _body_cell(cell)
        ws.row_dimensions[r].height = LINE_HEIGHT + 3
    widths = {"A": 30, "B": 30, "C": 12, "D": 12}
    for column, w in widths.items():
        ws.column_dimensions[column].width = w


def _header_cell(cell) -> None:
    cell.font = Font(name=FONT, size=SIZE, bold=True)
    cell.fill = PatternFill("solid", fgColor="E8E8E8")
    cell.border = _BORDER
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _body_cell(cell) -> None:
    cell.font = Font(name=FONT, size=SIZE)
    cell.border = _BORDER
    cell.alignment = Alignment(vertical="top", wrap_text=True)


def _sheet(
    wb: Workbook, name: str, heading: str, header: Sequence[str], rows: list[tuple], title: str
) -> Worksheet:
    ws = wb.create_sheet(sheet_title(name))
    _fill(ws, heading, header, rows, title)
    return ws


def _fill(ws: Worksheet, heading: str, header: Sequence[str], rows: list[tuple], title: str) -> None:
    ws.append([heading])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws["A1"].font = Font(name=FONT, size=14, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 28
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
        for cell, value in zip(ws[ws.max_row], row, strict=False):
            _as_text(cell, value)
    for cell in ws[2]:
        _header_cell(cell)
    ws.row_dimensions[2].height = LINE_HEIGHT + 5
    widths = [_width([t, *(r[i] for r in rows)], t) for i, t in enumerate(header)]
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    for r, row in enumerate(ws.iter_rows(min_row=FIRST_ROW, max_row=FIRST_ROW + len(rows) - 1), FIRST_ROW):
        tallest = 1
        for cell in row:
            _body_cell(cell)
            if header[cell.column - 1] == "刊发日期" and not isinstance(cell.value, str):
                cell.number_format = DATE_FORMAT
            if isinstance(cell.value, str) and cell.data_type != "f" and not cell.value.startswith("http"):
                tallest = max(
                    tallest, math.ceil(_display_width(cell.value) / max(widths[cell.column - 1] - 1, 1))
                )
        ws.row_dimensions[r].height = tallest * LINE_HEIGHT + 3
    ws.freeze_panes = f"A{FIRST_ROW}"  # the header stays in view while scrolling
    if rows:
        ws.auto_filter.ref = f"A2:{get_column_letter(len(header))}{FIRST_ROW + len(rows) - 1}"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddHeader.center.text = title
    ws.oddHeader.center.font = FONT
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.font = FONT


def _width(values: Sequence[Any], title: str) -> float:
    if title == "刊发日期":
        return 16
    longest = max(_display_width(str(v)) for v in values if v is not None)
    if title == "网址":  # an address has no place to wrap: the column takes it whole
        return longest + 2
    return min(longest + 2, MAX_WIDTH)


def _display_width(text: str) -> int:
    # Han characters and full-width punctuation take two columns in a spreadsheet.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

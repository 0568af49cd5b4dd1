"""Page, fonts and paragraphs of a Chinese official document (GB/T 9704-2012) for python-docx.

GB/T 9704 sets A4 paper, a type area of 156 × 225 mm with a 37 mm top margin and a 28 mm
binding margin (so 35 mm bottom and 26 mm right), the title in 2号 小标宋, the text in 3号
仿宋 at 22 lines of 28 characters, first-level headings in 黑体, and the page number as
"— 1 —" in 4号 宋体. Font names are written as East Asian fonts (w:eastAsia): Word and WPS
pick Chinese fonts from that attribute, not from the Latin font name.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from kfq.text import format_date

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"  # digits and Latin letters in official documents
SIZE_2, SIZE_3, SIZE_4, SIZE_S4 = 22, 16, 14, 12  # 二号, 三号, 四号, 小四 in points
# 22 lines in the 225 mm type area: 637.8 pt / 22, a little under 29 pt.
LINE_PITCH = Pt(28.9)
TABLE_STYLE = "表格文字"


def set_font(target, name: str, size: float | None = None, bold: bool | None = None) -> None:
    """Set a run's or style's font, the East Asian name included."""
    font = target.font
    font.name = LATIN_FONT
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    element = target.element if hasattr(target, "element") else target._element
    r_fonts = element.get_or_add_rPr().get_or_add_rFonts()
    r_fonts.set(qn("w:eastAsia"), name)


def document(title: str, author: str, landscape: bool = False) -> Document:
    """A new A4 document with GB/T 9704 margins, body style and page numbers."""
    doc = new_document()
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin = section.bottom_margin = Mm(25)
        section.left_margin = section.right_margin = Mm(30)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        _page_number(section)
    normal = doc.styles["Normal"]
    set_font(normal, BODY_FONT, SIZE_3)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False
    table_style = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_style.base_style = normal
    set_font(table_style, BODY_FONT, SIZE_S4)
    table_style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    doc.core_properties.title = title
    doc.core_properties.author = author
    doc.core_properties.language = "zh-CN"
    return doc


def _page_number(section) -> None:
    # "— 1 —": GB/T 9704 puts the page number in 4号 宋体 between two em dashes.
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(paragraph.add_run("— "), PAGE_NUMBER_FONT, SIZE_4)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    paragraph._p.append(field)
    run = paragraph.add_run("1")
    set_font(run, PAGE_NUMBER_FONT, SIZE_4)
    field.append(run._r)  # the run moves inside the field: its cached value
    set_font(paragraph.add_run(" —"), PAGE_NUMBER_FONT, SIZE_4)


def title(doc: Document, text: str, size: float = SIZE_2) -> Paragraph:
    """The document title: 小标宋, centered, followed by one empty line."""
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.line_spacing = Pt(max(size * 1.5, 28.9))
    set_font(p.add_run(text), TITLE_FONT, size)
    doc.add_paragraph()
    return p


def heading(doc: Document, text: str) -> Paragraph:
    """A first-level heading (一、…): 黑体 三号, indented two characters like the text."""
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(2 * SIZE_3)
    p.paragraph_format.keep_with_next = True
    set_font(p.add_run(text), HEADING_FONT, SIZE_3)
    return p


def para(doc: Document, text: str, indent: bool = True, size: float = SIZE_3) -> Paragraph:
    """A paragraph of text, first line indented two characters."""
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        p.paragraph_format.first_line_indent = Pt(2 * size)
    set_font(p.add_run(text), BODY_FONT, size)
    return p


def width(text: str) -> float:
    """Width of text in Chinese characters (digits and Latin letters count half)."""
    return sum(1 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


def signature(doc: Document, issuer: str, date: dt.date, size: float = SIZE_3) -> None:
    """Issuer and date at the end: the date four characters from the right margin, the
    issuer centred over the date (GB/T 9704 7.3.5.2 for documents without a seal)."""
    day = format_date(date)
    doc.add_paragraph()
    offset = max(0.0, 4 - (width(issuer) - width(day)) / 2)
    for text, right in ((issuer, offset), (day, 4.0)):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = Pt(right * size)
        set_font(p.add_run(text), BODY_FONT, size)


def table(
    doc: Document,
    header: Sequence[str],
    widths_mm: Sequence[float],
    rows: Sequence[Sequence],
    left: Sequence[int] = (),
) -> Table:
    """A bordered table, header row repeated on each page, rows never split across pages;
    columns are centred except those numbered in left (long text reads better flush left)."""
    t = doc.add_table(rows=1, cols=len(header))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for cell, text in zip(t.rows[0].cells, header, strict=True):
        _cell_text(cell, text, HEADING_FONT, center=True)
    _row_flags(t.rows[0], header=True)
    for values in rows:
        cells = t.add_row().cells
        for i, (cell, value) in enumerate(zip(cells, values, strict=True)):
            _cell_text(cell, "" if value is None else str(value), BODY_FONT, center=i not in left)
        _row_flags(t.rows[-1], header=False)
    # Word reads the cell widths, LibreOffice the grid columns: set both, and a fixed layout
    # so neither program re-flows the columns by their content.
    for column, mm in zip(t.columns, widths_mm, strict=True):
        column.width = Mm(mm)
    for row in t.rows:
        for cell, mm in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(mm)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    t._tbl.tblPr.append(layout)
    return t


def _cell_text(cell, text: str, font: str, center: bool) -> None:
    p = cell.paragraphs[0]
    p.style = TABLE_STYLE
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(p.add_run(text), font, SIZE_S4)


def _row_flags(row, header: bool) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def page_break(doc: Document) -> None:
    """Start a new page."""
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

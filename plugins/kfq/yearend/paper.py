"""Page, styles and paragraphs of a Chinese official document (GB/T 9704-2012) for python-docx.

GB/T 9704 sets A4 paper, a type area of 156 × 225 mm with a 37 mm top margin and a 28 mm
binding margin (so 35 mm bottom and 26 mm right), the title in 2号 小标宋, the text in 3号
仿宋 at 22 lines of 28 characters, first-level headings in 黑体, second-level in 楷体, and
the page number as "— 1 —" in 4号 宋体, one character in from the outside edge: odd pages
right, even pages left. The documents use real paragraph styles (Title, Heading 1–2, Body
Text, 表格文字) so Word's navigation pane shows the outline and an editor restyles them in
one place; font names are written as East Asian fonts (w:eastAsia), which Word and WPS use
for Chinese text, and the language is zh-CN. The file is marked as current Word (2013+)
format, so Word does not open it in compatibility mode.
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
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from kfq.text import format_date

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"  # digits and Latin letters in official documents
SIZE_2, SIZE_3, SIZE_4, SIZE_S4 = 22, 16, 14, 12  # 二号, 三号, 四号, 小四 in points
TYPE_WIDTH_MM, TYPE_HEIGHT_MM = 156, 225
CHARS_PER_LINE, LINES_PER_PAGE = 28, 22
# 22 lines in the 225 mm type area: 637.8 pt / 22, a little under 29 pt.
LINE_PITCH = Pt(28.9)
BODY = "Body Text"
TABLE_STYLE = "表格文字"
LANGUAGE = "zh-CN"


def set_font(target, name: str, size: float | None = None, bold: bool | None = None) -> None:
    """Set a run's or style's font, the East Asian name included (theme fonts removed)."""
    font = target.font
    font.name = LATIN_FONT
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    element = target.element if hasattr(target, "element") else target._element
    r_fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(theme), None)
    r_fonts.set(qn("w:eastAsia"), name)


def _style(doc: Document, name: str, font: str, size: float, base: str | None = "Normal"):
    styles = doc.styles
    style = (
        styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    )
    if base and name != base:
        style.base_style = styles[base]
    set_font(style, font, size, bold=False)
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    fmt = style.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    p_pr = style.element.get_or_add_pPr()
    for border in p_pr.findall(qn("w:pBdr")):  # the template's Title has a rule under it
        p_pr.remove(border)
    return style


def _language(doc: Document) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANGUAGE)
        theme_lang.set(qn("w:eastAsia"), LANGUAGE)


def _current_format(doc: Document) -> None:
    # compatibilityMode 15 is Word 2013 and later: no "[Compatibility Mode]" on opening.
    for setting in doc.settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def _grid(section) -> None:
    # 22 lines: Word's document grid of lines, its pitch the exact line spacing of the text.
    # (A grid of characters too is drawn differently by Word and LibreOffice; the 28
    # characters come from the body styles' character spacing instead, see CONDENSE.)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH.pt * 20)))
    grid.attrib.pop(qn("w:charSpace"), None)


# 28 characters of 三号 (16 pt) in the 156 mm (442.2 pt) line need a pitch of 15.79 pt: the
# text is condensed by 0.25 pt a character (w:spacing is in twentieths of a point), which
# leaves 28 × 15.75 = 441 pt, just inside the line.
CONDENSE = -5


def _condense(style) -> None:
    r_pr = style.element.get_or_add_rPr()
    spacing = r_pr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        r_pr.append(spacing)
    spacing.set(qn("w:val"), str(CONDENSE))


def document(title: str, author: str, landscape: bool = False) -> Document:
    """A new A4 document with GB/T 9704 margins, grid, styles and page numbers."""
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
        _grid(section)
        _page_numbers(doc, section)
    normal = _style(doc, "Normal", BODY_FONT, SIZE_3, base=None)
    normal.paragraph_format.widow_control = False
    if not landscape:
        _condense(normal)
    body = _style(doc, BODY, BODY_FONT, SIZE_3)
    body.paragraph_format.first_line_indent = Pt(2 * SIZE_3)
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    head = _style(doc, "Title", TITLE_FONT, SIZE_2)
    head.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.paragraph_format.line_spacing = Pt(2 * 28.9)  # two grid lines: the title and a blank
    for level, font in ((1, HEADING_FONT), (2, HEADING2_FONT)):
        h = _style(doc, f"Heading {level}", font, SIZE_3)
        h.paragraph_format.first_line_indent = Pt(2 * SIZE_3)
        h.paragraph_format.keep_with_next = True
    cell = _style(doc, TABLE_STYLE, BODY_FONT, SIZE_S4)
    cell.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    snap = OxmlElement("w:snapToGrid")  # table text keeps its own small size off the grid
    snap.set(qn("w:val"), "0")
    cell.element.get_or_add_pPr().insert(0, snap)
    _language(doc)
    _current_format(doc)
    doc.core_properties.title = title
    doc.core_properties.author = author
    doc.core_properties.language = LANGUAGE
    return doc


def _page_numbers(doc: Document, section) -> None:
    # "— 1 —" in 4号 宋体, one character in from the outside edge: odd pages on the right,
    # even pages on the left (GB/T 9704 7.5).
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, None)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        if align is WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.alignment = align
            paragraph.paragraph_format.right_indent = Pt(SIZE_4)
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            paragraph.paragraph_format.left_indent = Pt(SIZE_4)
        set_font(paragraph.add_run("— "), PAGE_NUMBER_FONT, SIZE_4)
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        paragraph._p.append(field)
        run = paragraph.add_run("1")
        set_font(run, PAGE_NUMBER_FONT, SIZE_4)
        field.append(run._r)  # the run moves inside the field: its cached value
        set_font(paragraph.add_run(" —"), PAGE_NUMBER_FONT, SIZE_4)


def title(doc: Document, text: str) -> Paragraph:
    """The document title (style Title): 小标宋 二号, centred, a blank line under it."""
    return doc.add_paragraph(text, style="Title")


def heading(doc: Document, text: str, level: int = 1) -> Paragraph:
    """A heading (一、… level 1 in 黑体; （一）… level 2 in 楷体), kept with what follows."""
    return doc.add_paragraph(text, style=f"Heading {level}")


def para(doc: Document, text: str, indent: bool = True, size: float | None = None) -> Paragraph:
    """A paragraph of body text (style Body Text), first line indented two characters."""
    p = doc.add_paragraph(text, style=BODY)
    if not indent:
        p.paragraph_format.first_line_indent = Pt(0)
    if size is not None:
        for run in p.runs:
            run.font.size = Pt(size)
        if indent:
            p.paragraph_format.first_line_indent = Pt(2 * size)
    return p


def width(text: str) -> float:
    """Width of text in Chinese characters (digits and Latin letters count half)."""
    return sum(1 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


def lines(text: str, indent: float = 2, per_line: int = CHARS_PER_LINE) -> int:
    """How many lines text takes in the type area (an upper bound: punctuation never hangs)."""
    total = width(text) + indent
    return max(1, -(-int(total * 2) // (per_line * 2)))


def keep_together(paragraphs: Sequence[Paragraph]) -> None:
    """Never split these paragraphs across a page: each keeps with the next."""
    for p in paragraphs:
        p.paragraph_format.keep_together = True
    for p in paragraphs[:-1]:
        p.paragraph_format.keep_with_next = True


def signature(doc: Document, issuer: str, date: dt.date, size: float = SIZE_3) -> list[Paragraph]:
    """Issuer and date at the end: the date four characters from the right margin, the
    issuer centred over the date (GB/T 9704 7.3.5.2 for documents without a seal).
    Returns the paragraphs, a blank line first, so callers can keep them with the text."""
    day = format_date(date)
    made = [doc.add_paragraph(style=BODY)]
    made[0].paragraph_format.first_line_indent = Pt(0)
    offset = max(0.0, 4 - (width(issuer) - width(day)) / 2)
    for text, right in ((issuer, offset), (day, 4.0)):
        p = doc.add_paragraph(text, style=BODY)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.first_line_indent = Pt(0)
        p.paragraph_format.right_indent = Pt(right * size)
        if size != SIZE_3:
            for run in p.runs:
                run.font.size = Pt(size)
        made.append(p)
    return made


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
    run = p.add_run(text)
    if font != BODY_FONT:
        set_font(run, font)


def _row_flags(row, header: bool) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def spacer(doc: Document, points: float = 12) -> Paragraph:
    """A small empty paragraph, e.g. between a table and the next heading."""
    p = doc.add_paragraph(style="Normal")
    p.paragraph_format.line_spacing = Pt(points)
    return p

"""Page text → units: column-broken lines joined into paragraphs, set-apart lines kept apart."""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from kfq.importer.bylines import ROLES, is_organisation
from kfq.importer.furniture import CAPTION_END_RE, CAPTION_START_RE, LABEL_RE
from kfq.importer.furniture import is_furniture as is_page_furniture
from kfq.importer.model import Unit
from kfq.names import is_person_name
from kfq.text import HAN

# A line that ends a sentence: 。！？；：… possibly closed by quotes or brackets, or followed
# by a byline glued to it (…达产达效。 韩燕 / …投产达产。(张虎虎)).
TERMINAL_RE = re.compile(
    r"(?:[。！？；：…!?;]|[。！？…!?][”’」』）)]+"
    r"|[。！？…][”’」』]?\s*[（(][^（）()]{1,24}[）)]"
    rf"|[。！？…][”’」』]?(?:\s+[{HAN}·]{{2,10}})+"
    # a photo caption's credit: …现场。 记者 某某 摄 / （某某 摄）
    r"|\s摄影?|摄影?[）)])$"
)
# A line ending in these cannot end a headline or heading: the sentence goes on.
CONTINUES_RE = re.compile(r"[，、（《“‘(—\-–/+]$")
INNER_STOP_RE = re.compile(r"[。！？；]")
# A line that opens with one character and then a clause's punctuation (地，每年…), or with
# two or three and then the end of a sentence or an item (等业务。下一步…), finishes the words
# the line before broke: no paragraph or headline starts so (近日，… does, hence no comma).
BROKEN_WORD_START_RE = re.compile(rf"^(?:[{HAN}][，、；：。！？”]|[{HAN}]{{2,3}}[、；。！？])")
DATELINE_RE = re.compile(rf"^(?:本刊|本报|科学导报|[{HAN}]{{2,6}}(?:社|台|网|报))讯")
MARKDOWN_RE = re.compile(r"^(#{1,6})\s+")
DASHES_RE = re.compile(r"^[—－–-]{2,}")
# 厚 植 创 新 沃 土: display type spaced out letter by letter.
SPACED_RE = re.compile(r"^(?:\S\s+){2,}\S$")
LATIN_END_RE = re.compile(r"[A-Za-z]$")
# A sentence with a name glued to it, no space between: …协作机制。羌麦鹤
GLUED_NAME_END_RE = re.compile(rf"[。！？][”’」』]?(?P<name>[{HAN}]{{2,4}})$")
# A line ending in the first characters of a name signed after the last sentence (after other
# names, perhaps: …来源。 祝亩恶 双复 / 壁).
NAME_START_END_RE = re.compile(
    rf"(?:[。！？][”’」』）)]?(?:\s*[{HAN}·]{{2,4}}\s)*\s*[{HAN}]{{1,3}}"
    # an organisation signed after a space: …贡献。 潞城市委宣 / 传部
    rf"|[。！？][”’」』）)]?\s+[{HAN}]{{4,12}}|(?:^|[。！？][”’」』）)]?)\s*[（(][^（）()]{{0,16}})$"
)
# The rest of a signature in brackets wrapped onto its own line: 虎虎） / 恒松）
BRACKET_TAIL_RE = re.compile(r"^[^（）()。，]{0,16}[）)]$")
TAIL_MAX = 2.0  # em: the most a wrapped remainder of a line (a name's last character) takes
# An organisation signed after the last sentence and wrapped: …岗位300余个。 运城市融 / 媒体中心
ORG_START_END_RE = re.compile(rf"[。！？][”’」』）)]?\s*(?P<start>[{HAN}]{{1,12}})$")
ORG_TAIL_RE = re.compile(rf"^[{HAN}]{{1,12}}$")
# A name's last characters wrapped, then more names signed after it: 梅 伏莲狐 (…反馈。 游 / 梅 伏莲狐)
NAMES_TAIL_RE = re.compile(rf"^[{HAN}]{{1,2}}(?:\s+[{HAN}·]{{2,4}})+$")
DATELINE_HEADLINE_MAX = 4  # lines of a headline set right above its article's dateline
LATIN_START_RE = re.compile(r"^[A-Za-z]")

# A line naming a development zone, which above a title is its kicker (引题).
ZONE_SUFFIX = (
    r"(?:经济技术开发区|经济开发区|高新技术产业开发区|高新技术开发区|高新区|经开区|开发区|示范区"
    r"|综改区|工业园区|产业园区|物流园区|产业园|工业园|新区)"
)
ZONE_AT_START_RE = re.compile(rf"^[{HAN}]{{2,24}}{ZONE_SUFFIX}")
SHORT_ZONE_SUFFIXES = ("经开区", "高新区", "综改区", "综保区")
UNKNOWN_ZONE_LINE_RE = re.compile(rf"^[{HAN}]{{2,4}}{ZONE_SUFFIX}$")

# What follows a kicker on the title's line: a title, Han first, no sentence punctuation.
KICKER_TITLE_REST_RE = re.compile(rf"^[{HAN}“][^。，；：！？\s]{{3,30}}$")
# A byline led by its role word: 通讯员 某某, 本刊记者 某某 某某, 文/图 某某 (not a bare name).
ROLE_LINE_RE = re.compile(rf"^(?:{ROLES})[:：]?\s*[{HAN}·]{{2,4}}(?:\s+[{HAN}·]{{2,4}})*$")

# A page whose median line is this wide (in em) was set in newspaper columns; wider ones
# came out of extraction one paragraph per line.
COLUMN_MAX = 32.0
# A set-apart line in a column is clearly narrower than the column: headings are centred and
# a paragraph's first line loses only its 2-em indent.
SET_APART_MARGIN = 4.0
# A sentence-final line that fills the column ends its paragraph only when the next line is
# narrower by about the indent.
INDENT_MARGIN = 1.0
# A full line of a column may be this much narrower than the column's measured width:
# compressed punctuation and half-width digits make justified lines differ by about an em.
FULL_LINE_SLACK = 1.5
# A page whose blank lines stand before this share of its lines parts its paragraphs with
# them (more: a blank after every line, as some extractions give; fewer: none at all).
BLANK_GROUPS_MIN, BLANK_GROUPS_MAX = 0.05, 0.7
HEADLINE_GROUP_MAX = 3  # lines of a headline group (kicker, title, a wrapped title)
# In one-paragraph-per-line pages a set-apart line is short and not a list of clauses.
SET_APART_MAX = 30.0


@dataclass
class _Line:
    number: int
    text: str
    width: float
    indented: bool
    level: int = 0
    gap: bool = False  # a blank line stands before it
    lead: bool = False  # starts with one to three spaces: what extraction leaves of an indent


def display_width(text: str) -> float:
    """Printed width in em: Han and full-width marks 1, Latin letters and digits ½, spaces 0.

    Spaces count nothing because extraction puts them around numbers (6 月 11 日) where
    print has none; the column's width is what decides where a line breaks."""
    width = 0.0
    for ch in text.strip():
        if ch == " ":
            continue
        width += 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5
    return width


def join(left: str, right: str) -> str:
    """Join two pieces of a line broken by the column: no space between Han characters or
    digits (a number or unit stays whole), one space between two Latin words."""
    left, right = left.rstrip(), right.lstrip()
    if LATIN_END_RE.search(left) and LATIN_START_RE.match(right):
        return f"{left} {right}"
    return left + right


@lru_cache(maxsize=65536)
def is_terminal(text: str) -> bool:
    """Whether a line ends a sentence (possibly followed by a glued byline)."""
    return bool(TERMINAL_RE.search(text.rstrip()))


def ends_with_glued_name(text: str) -> bool:
    """…协作机制。羌麦鹤: a sentence with a person's name glued to it. Only a name by its form
    (a surname and one or two characters) counts; 。建立 is a sentence going on past a box."""
    m = GLUED_NAME_END_RE.search(text)
    return m is not None and is_person_name(m.group("name"))


def is_spaced(text: str) -> bool:
    """厚 植 创 新 沃 土: at least three single characters separated by spaces."""
    return bool(SPACED_RE.match(text.strip()))


def units(text: str, zone_names: Collection[str] = (), known: Collection[str] = ()) -> list[Unit]:
    """The page as units: paragraphs of prose and set-apart lines, in reading order.

    Page furniture (running heads, page numbers, column labels) is taken out of the flow
    first: extraction drops a page number anywhere, even inside a paragraph, which must
    then read on across it."""
    read = _read(text)
    furniture = [
        Unit(ln.text.strip(), ln.number, ln.number, standalone=True)
        for ln in read
        if is_page_furniture(ln.text)
    ]
    lines = [ln for ln in read if not is_page_furniture(ln.text)]
    if not lines:
        return furniture
    running = sorted(ln.width for ln in lines if not is_terminal(ln.text) and not _apart_by_form(ln))
    column = (
        statistics.median(ln.width for ln in lines) <= COLUMN_MAX
        and bool(running)
        and running[(3 * len(running)) // 4] <= COLUMN_MAX
    )
    indents = sum(ln.indented for ln in lines) >= 2
    apart = _apart(lines, column, frozenset(zone_names))
    # A column label (【园区快讯】) is printed above a headline: the line after it is one,
    # however wide it is set.
    labelled = {_next_number(read, ln.number) for ln in read if LABEL_RE.match(ln.text.strip())}
    for i, ln in enumerate(lines):
        if ln.number in labelled and not _is_tail(lines, i):
            apart[i] = True
    blanks = blank_separated(lines)
    if blanks:
        _headline_groups(lines, apart)
    # Where extraction keeps paragraph indents as a leading space (本刊讯 … after a finished
    # sentence), a line that keeps one opens a paragraph: headlines are centred or flush, and
    # a centred one keeps more space than an indent.
    leads = sum(ln.lead for ln in lines) >= 2
    if leads:
        for i, ln in enumerate(lines):
            if ln.lead and apart[i] and not _apart_by_form(ln):
                apart[i] = False
    out: list[Unit] = []
    buf: list[_Line] = []

    def flush(closed: bool) -> None:
        if buf:
            joined = buf[0].text
            for ln in buf[1:]:
                joined = join(joined, ln.text)
            out.append(Unit(joined.strip(), buf[0].number, buf[-1].number, closed=closed))
            buf.clear()

    for i, ln in enumerate(lines):
        if apart[i]:
            flush(closed=False)
            out.append(Unit(ln.text.strip(), ln.number, ln.number, standalone=True, level=ln.level))
            continue
        if buf and ((indents and ln.indented) or (leads and ln.lead)):
            flush(closed=is_terminal(buf[-1].text))
        buf.append(ln)
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        # the rest of a signature wrapped onto this line ends the sentence with the line
        # above (…突破300亿元。 席辖 / 煌 祝浪哀)
        ends = is_terminal(ln.text) or (_is_tail(lines, i) and is_terminal(join(lines[i - 1].text, ln.text)))
        if nxt is None or apart[i + 1] or (blanks and nxt.gap):
            flush(closed=ends or ends_with_glued_name(ln.text))
        elif DATELINE_RE.match(nxt.text.strip()):
            # A dateline always opens a paragraph: the text before it ended, perhaps with a
            # name glued to its last sentence (…协作机制。羌麦鹤).
            flush(closed=ends or ends_with_glued_name(ln.text))
        elif ends and (
            # a photo caption stands between paragraphs: 图为…… opens one after a finished
            # sentence, and its credit (…… 摄) closes it
            CAPTION_START_RE.match(nxt.text.strip())
            or (CAPTION_START_RE.match(buf[0].text.strip()) and CAPTION_END_RE.search(ln.text))
            or _ends_paragraph(lines, apart, i, column, indents, out, buf)
        ):
            flush(closed=True)
        elif (
            (m := GLUED_NAME_END_RE.search(ln.text)) is not None
            and m.group("name") in known
            and _ends_paragraph(lines, apart, i, column, indents, out, buf)
        ):
            # …达产达效。韩燕, and a paragraph starts on the next line: a contributor of the
            # register signed it. (By its form alone a name is not told from a sentence's
            # first word there: 。项目…, 。组织…, whose surnames the full data set has.)
            flush(closed=True)
    flush(closed=False)
    return sorted(out + furniture, key=lambda u: u.first)


def _read(text: str) -> list[_Line]:
    lines: list[_Line] = []
    gap = False
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            gap = True
            continue
        level = 0
        body = raw.strip()
        m = MARKDOWN_RE.match(body)
        if m:
            level, body = len(m.group(1)), body[m.end() :]
        indented = raw.startswith("  ") and not raw.startswith("    " * 2)
        lead = raw[:1].isspace() and not raw[:4].isspace()
        lines.append(_Line(number, body, display_width(body), indented, level, gap and bool(lines), lead))
        gap = False
    return lines


def blank_separated(lines: list[_Line]) -> bool:
    """Whether blank lines part paragraphs (and headlines) rather than every line or none:
    then a blank line ends a paragraph, and a short group of lines that ends no sentence is
    a headline."""
    if len(lines) < 4:
        return False
    share = sum(ln.gap for ln in lines[1:]) / (len(lines) - 1)
    return BLANK_GROUPS_MIN <= share <= BLANK_GROUPS_MAX


def _headline_groups(lines: list[_Line], apart: list[bool]) -> None:
    """In a blank-separated page, set apart each short group that ends no sentence."""
    start = 0
    for end in range(1, len(lines) + 1):
        if end < len(lines) and not lines[end].gap:
            continue
        group = range(start, end)
        last = lines[end - 1].text.strip()
        # a headline has no comma and starts no dateline: a paragraph cut short by a box has
        prose = any("，" in lines[k].text or _is_prose_form(lines[k].text) for k in group)
        if len(group) <= HEADLINE_GROUP_MAX and not is_terminal(last) and not prose:
            for k in group:
                apart[k] = True
        start = end


def _apart(lines: list[_Line], column: bool, zone_names: Collection[str] = ()) -> list[bool]:
    apart = [_set_apart(lines, i, column, zone_names) for i in range(len(lines))]
    # A dateline's line is its paragraph's first, short of the column by the indent: the line
    # after it, as wide as that column, goes on with it, however the text around is set (a
    # brief in a narrower column than the articles beside it).
    for i in range(1, len(lines)):
        prev = lines[i - 1]
        if (
            apart[i]
            and not apart[i - 1]
            and DATELINE_RE.match(prev.text.strip())
            and not is_terminal(prev.text)
            and not _apart_by_form(lines[i])
            and abs(lines[i].width - prev.width - 2 * INDENT_MARGIN) <= FULL_LINE_SLACK
        ):
            apart[i] = False
    # A line that runs on but stops short of the column, right above a set-apart line, belongs
    # to that headline (a long kicker); one that fills the column is prose cut by a box.
    # The page's last line, unfinished after a finished sentence or a headline's line, is a
    # headline printed below.
    # So are a few such lines, each short of the column (a title broken over two lines); a
    # text that runs on to another page ends in a full line.
    run: list[int] = []
    k = len(lines) - 1
    while k >= 1 and len(run) < DATELINE_HEADLINE_MAX and not apart[k] and not is_terminal(lines[k].text):
        if _is_prose_form(lines[k].text) or _is_tail(lines, k):
            run = []
            break
        run.append(k)
        k -= 1
    if run and (is_terminal(lines[k].text) or apart[k]):
        # measured against the text above: the run's own lines must not set the column
        above = sorted(ln.width for ln in lines[max(0, k - 8) : k] if not is_terminal(ln.text))
        column_width = above[(3 * len(above)) // 4] if above else lines[k].width
        if len(run) == 1 or all(lines[r].width < column_width - FULL_LINE_SLACK for r in run):
            for r in run:
                apart[r] = True
    changed = column
    while changed:
        changed = False
        for i in range(len(lines) - 2, -1, -1):
            ln = lines[i]
            if apart[i] or not apart[i + 1] or is_terminal(ln.text) or _is_prose_form(ln.text):
                continue
            if _is_tail(lines, i):
                continue
            # nothing before it for it to go on from, and not a clause of a sentence
            starts = (i == 0 or is_terminal(lines[i - 1].text)) and "，" not in ln.text
            # between two headline lines: the middle line of a headline set in a narrower
            # column than the text around it
            between = i > 0 and apart[i - 1] and "，" not in ln.text
            width = _column_width(lines, apart, i)
            # a clause after a finished paragraph, short of the column by the indent: that
            # paragraph's first line, cut by a box (该项目总投资2.4亿元，建有 / box / 单层…)
            opens = (
                i > 0
                and is_terminal(lines[i - 1].text)
                and "，" in ln.text
                and abs(ln.width - (width - 2 * INDENT_MARGIN)) <= FULL_LINE_SLACK
            )
            if starts or between or (ln.width < width - INDENT_MARGIN * 1.5 and not opens):
                apart[i] = changed = True
    # The line under a kicker is its title, however wide it is set.
    for i in range(1, len(lines)):
        ln = lines[i]
        if (
            apart[i - 1]
            and not apart[i]
            and _is_zone_line(lines[i - 1].text, zone_names)
            and not is_terminal(ln.text)
            and not _is_prose_form(ln.text)
            and not _is_tail(lines, i)
        ):
            apart[i] = True
    # A byline with its role word (通讯员 某某, 文/图 某某) inside a sentence that runs on past
    # it: a headline box, and the line above the byline, which ends no sentence and is no
    # clause, is its title however wide it is set.
    for i in range(2, len(lines) - 1):
        title, nxt = lines[i - 1], lines[i + 1]
        if (
            ROLE_LINE_RE.match(lines[i].text.strip())
            and not apart[i - 1]
            and not is_terminal(lines[i - 2].text)
            and not is_terminal(title.text)
            and not _is_prose_form(title.text)
            and not DATELINE_RE.match(nxt.text.strip())
        ):
            apart[i - 1] = apart[i] = True
    # A byline with its role word is a line of its own (no sentence wraps to 文/图 某某 alone),
    # and the unfinished line right above it, where a text starts (the page's top, or after a
    # finished sentence), is the title it signs, however wide.
    for i in range(1, len(lines)):
        title = lines[i - 1]
        if (
            ROLE_LINE_RE.match(lines[i].text.strip())
            and (i == 1 or is_terminal(lines[i - 2].text) or apart[i - 2])
            and not is_terminal(title.text)
            and not _is_prose_form(title.text)
            and not _is_tail(lines, i - 1)
        ):
            apart[i - 1] = apart[i] = True
    _headlines_above_datelines(lines, apart)
    return apart


def _headlines_above_datelines(lines: list[_Line], apart: list[bool]) -> None:
    """An article's text starts at its dateline (本刊讯 …), so the unfinished lines between
    the last finished sentence and a dateline are its headline, however wide they are set:
    a long title fills the column like prose."""
    for j, ln in enumerate(lines):
        if not DATELINE_RE.match(ln.text.strip()):
            continue
        k = j - 1
        while k >= 0 and apart[k]:
            k -= 1  # the headline lines already set apart (title, byline)
        run: list[int] = []
        while k >= 0 and len(run) < DATELINE_HEADLINE_MAX and not is_terminal(lines[k].text):
            if _is_tail(lines, k):
                break  # the rest of a name signed after a sentence (…来源。（上党区融媒体中 / 心）)
            if _is_prose_form(lines[k].text):
                run = []
                break
            run.append(k)
            k -= 1
        if run and (k < 0 or is_terminal(lines[k].text) or _is_tail(lines, k)):
            for r in run:
                apart[r] = True


def _next_number(read: list[_Line], number: int) -> int | None:
    """The line number of the next line after `number` that is not page furniture."""
    return next((ln.number for ln in read if ln.number > number and not is_page_furniture(ln.text)), None)


def _is_tail(lines: list[_Line], i: int) -> bool:
    """A line of a character or two after a line that ends in the start of a signed name
    (…大时代中。 靳晓 / 姝): the rest of that line, wrapped; no headline is that short."""
    if i == 0 or _apart_by_form(lines[i - 1]):
        return False
    text = lines[i].text.strip()
    start = ORG_START_END_RE.search(lines[i - 1].text.rstrip())
    if start and ORG_TAIL_RE.match(text) and is_organisation(start.group("start") + text):
        return True  # the organisation's name is whole only with this line
    short = lines[i].width <= TAIL_MAX or bool(BRACKET_TAIL_RE.match(text) or NAMES_TAIL_RE.match(text))
    return short and bool(NAME_START_END_RE.search(lines[i - 1].text))


def _is_prose_form(text: str) -> bool:
    # Headlines part their phrases with a space or one comma at most: two commas are clauses.
    return bool(
        CONTINUES_RE.search(text)
        or INNER_STOP_RE.search(text)
        or DATELINE_RE.match(text)
        or text.count("，") >= 2
    )


def _apart_by_form(ln: _Line) -> bool:
    return _apart_by_form_of(ln.text, ln.level)


@lru_cache(maxsize=65536)
def _apart_by_form_of(text: str, level: int) -> bool:
    """A line set apart by its form alone: Markdown heading, ——subtitle, letter-spacing."""
    text = text.strip()
    return bool(level or DASHES_RE.match(text) or is_spaced(text))


def _is_zone_line(text: str, zone_names: Collection[str]) -> bool:
    """A line that is a zone's full name and nothing else: a kicker's form (the paper prints
    kickers with the full name; a short name opens a title). A name the registers do not
    know counts when it is a place of two to four characters and a zone's suffix."""
    text = text.strip()
    if text.endswith(SHORT_ZONE_SUFFIXES):
        return False
    return text in zone_names or bool(UNKNOWN_ZONE_LINE_RE.match(text))


def _is_kicker_and_title(text: str, zone_names: Collection[str]) -> bool:
    """左云经济技术开发区 为培育新质生产力厚植创新沃土: a zone's full name, a space and a
    title on one line. Prose never parts two Han characters with a space, so this line is a
    headline however wide it is set, even inside a sentence (a box)."""
    head, _, rest = text.partition(" ")
    return bool(rest) and _is_zone_line(head, zone_names) and bool(KICKER_TITLE_REST_RE.match(rest))


def _set_apart(lines: list[_Line], i: int, column: bool, zone_names: Collection[str] = ()) -> bool:
    """Whether line i stands apart from the prose (headline, heading, byline, furniture)."""
    ln = lines[i]
    text = ln.text.strip()
    if _apart_by_form(ln):
        return True
    if is_terminal(text) or _is_prose_form(text) or _is_tail(lines, i):
        return False
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if _is_kicker_and_title(text, zone_names):
        return True
    if nxt is not None and DATELINE_RE.match(nxt.text.strip()):
        return True  # a line right above 本刊讯 … is that article's headline, however long
    if column:
        width = _column_width(lines, None, i)
        if _is_zone_line(text, zone_names) and ln.width < width - FULL_LINE_SLACK:
            return True  # a line of prose that runs on fills the column; a kicker need not
        if (
            ln.width >= width - FULL_LINE_SLACK
            and (i == 0 or ln.width >= lines[i - 1].width - FULL_LINE_SLACK)
            and nxt is not None
            and not _apart_by_form(nxt)
            and BROKEN_WORD_START_RE.match(nxt.text.strip())
        ):
            # A full line whose last word the next line finishes is prose. (A box narrower
            # than the column, or than the line above it where two columns meet, may be
            # followed by the end of a word broken before the box.)
            return False
        # narrower than the column, or wider: a headline set across columns
        wider = ln.width > width + SET_APART_MARGIN / 2 and text.count("，") <= 1
        if ln.width < width - SET_APART_MARGIN or wider:
            return True
        # Prose runs on only from a full line (give or take the em that compressed
        # punctuation gains or loses). A line short of the column, followed by a paragraph's
        # first line (short by the indent, with a full line after it), ends something that
        # is not a sentence: a headline only a few em narrower than the column.
        # Headlines part their phrases with a space, not a comma: a line with a comma is
        # prose whose width extraction's spacing blurred.
        # After a finished paragraph, a line at least as wide as the column cannot be the next
        # paragraph's first line (that one is short by its indent): followed by one, it is a
        # headline set between them.
        # The paragraph below is measured by its own column: two column widths can meet at
        # a headline (a brief in a narrow column above, a commentary set wide below).
        after_stop = i > 0 and is_terminal(lines[i - 1].text)
        return (
            "，" not in text
            and (ln.width < width - FULL_LINE_SLACK or (after_stop and ln.width >= width + INDENT_MARGIN / 2))
            and (
                _starts_paragraph(lines, i + 1, width)
                or (nxt is not None and _starts_paragraph(lines, i + 1, _column_width(lines, None, i + 1)))
            )
        )
    return ln.width <= SET_APART_MAX and text.count("，") <= 1


def _starts_paragraph(lines: list[_Line], j: int, width: float) -> bool:
    """Whether line j reads as the first line of a paragraph set in a column of width."""
    if j + 1 >= len(lines):
        return False
    first, after = lines[j], lines[j + 1]
    if _apart_by_form(first) or _apart_by_form(after) or is_terminal(after.text):
        return False
    indent_short = width - INDENT_MARGIN * 2 - FULL_LINE_SLACK <= first.width <= width - INDENT_MARGIN * 1.5
    return indent_short and after.width >= width - FULL_LINE_SLACK


def _column_width(lines: list[_Line], apart: list[bool] | None, i: int, reach: int = 6) -> float:
    """The width of the column line i sits in: the upper quartile of the prose lines that run
    on before it or after it, whichever is nearer its own width (two column widths can meet;
    headline lines next to it must not narrow the column)."""

    def side(rng: range) -> list[float]:
        found: list[float] = []
        for j in rng:
            ln = lines[j]
            opens = bool(DATELINE_RE.match(ln.text.strip()))
            if opens and j > i:
                break  # the next article's text: it may be set in another column
            if (apart is None or not apart[j]) and not _apart_by_form(ln) and not is_terminal(ln.text):
                found.append(ln.width)
                if len(found) == reach:
                    break
            if opens:
                break  # this article starts here: what is before it may be set otherwise
        return found

    sides = [s for s in (side(range(i - 1, -1, -1)), side(range(i + 1, len(lines)))) if s]
    if not sides:
        return lines[i].width
    quartiles = [sorted(s)[(3 * len(s)) // 4] for s in sides]
    return min(quartiles, key=lambda m: abs(m - lines[i].width))


def _ends_paragraph(
    lines: list[_Line],
    apart: list[bool],
    i: int,
    column: bool,
    indents: bool,
    done: list[Unit],
    paragraph: list[_Line],
) -> bool:
    """Whether sentence-final line i also ends its paragraph."""
    ln, nxt = lines[i], lines[i + 1]
    if _is_tail(lines, i + 1):
        return False
    if indents:
        return nxt.indented
    if not column or DATELINE_RE.match(nxt.text.strip()):
        return True
    # The column is best measured by the paragraph's own previous line, which ran full width.
    if len(paragraph) >= 2 and not is_terminal(paragraph[-2].text):
        width = paragraph[-2].width
    else:
        width = _column_width(lines, apart, i)
    if ln.width < width - SET_APART_MARGIN / 2:
        return True  # the line stops short of the column's edge
    if ln.text.endswith("；") and done and not done[-1].standalone and done[-1].text.endswith("；"):
        return True  # items of a list set one per paragraph, each ending in ；
    # The next line starts a paragraph when it is narrower by the indent than a full line
    # (this column, or the line after it when that one runs on: digits make widths uneven).
    after = lines[i + 2] if i + 2 < len(lines) else None
    if after is not None and not apart[i + 2] and not is_terminal(after.text):
        width = max(width, after.width)
    return nxt.width <= width - INDENT_MARGIN * 1.5

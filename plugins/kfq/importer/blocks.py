"""Units → blocks: furniture, headlines (kicker, title, subtitle, byline), headings, body."""

from __future__ import annotations

import re
from collections.abc import Collection

from kfq.importer import bylines
from kfq.importer.furniture import LABEL_PREFIX_RE, LABEL_RE, is_caption, is_furniture
from kfq.importer.lines import DASHES_RE, DATELINE_RE, SHORT_ZONE_SUFFIXES, ZONE_AT_START_RE, is_spaced
from kfq.importer.model import NOTICE_RE, Block, Headline, Unit
from kfq.text import HAN

BODY, HEADING, HEADLINE, BYLINE, FURNITURE = "body", "heading", "headline", "byline", "furniture"

# 启事, 公告 … are the paper's notices, not articles (model.NOTICE_RE); they go to the review whole.

HEADING_LINES_MAX = 2  # lines a section heading may be broken over
_HAN_ASCII_GAP = re.compile(rf"(?<=[{HAN}])\s+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z%])\s+(?=[{HAN}])")


def is_kicker(text: str, zone_names: Collection[str] = ()) -> bool:
    """A line a kicker (引题) can be: a zone's full name, possibly with a verb
    (大同经济技术开发区提出). A short name (太原经开区, 长治高新区) opens a title broken over
    two lines instead: the paper prints kickers with the zone's full name."""
    named = max((n for n in zone_names if text.startswith(n)), key=len, default=None)
    m = ZONE_AT_START_RE.match(text)
    zone = named if named and (m is None or len(named) >= m.end()) else (m.group(0) if m else None)
    if zone is None or zone.endswith(SHORT_ZONE_SUFFIXES):
        return False
    # after the name, nothing or a verb (提出); one character is a word broken by the line end
    rest = len(text) - len(zone)
    return rest == 0 or 2 <= rest <= 4


def clean_title(text: str) -> str:
    """A headline line as the site shows it: letter-spacing and spaces around numbers gone."""
    text = text.strip()
    if is_spaced(text):
        return re.sub(r"\s+", "", text)
    return re.sub(r"\s+", " ", _HAN_ASCII_GAP.sub("", text))


def classify(units: list[Unit], zone_names: Collection[str] = (), known: Collection[str] = ()) -> list[Block]:
    """The page's units as blocks, set-apart lines grouped into headlines and headings."""
    blocks: list[Block] = []
    run: list[Unit] = []
    section: str | None = None  # a column label printed on its own line above the next headline

    def flush(after: Unit | None) -> None:
        nonlocal section
        if run:
            made = _run(run, blocks, after, zone_names, known)
            for b in made:
                if b.headline is not None and section:
                    b.headline.section = section
                    section = None
            blocks.extend(made)
            run.clear()

    for unit in units:
        if unit.standalone and LABEL_RE.match(unit.text):
            flush(None)  # a column label opens the next headline: the run before it is done
            blocks.append(Block(FURNITURE, unit.text, unit.first, unit.last))
            section = unit.text.strip()
        elif (unit.standalone and is_furniture(unit.text)) or is_caption(unit.text):
            blocks.append(Block(FURNITURE, unit.text, unit.first, unit.last))
        elif unit.standalone:
            run.append(unit)
        else:
            flush(unit)
            section = None
            blocks.append(_body(unit, known))
    flush(None)
    return blocks


def _body(unit: Unit, known: Collection[str]) -> Block:
    return Block(
        BODY,
        unit.text,
        unit.first,
        unit.last,
        closed=unit.closed,
        dateline=bool(DATELINE_RE.match(unit.text)),
        signed=bylines.split_trailing(unit.text, known) is not None,
    )


def _run(
    run: list[Unit],
    before: list[Block],
    after: Unit | None,
    zone_names: Collection[str],
    known: Collection[str],
) -> list[Block]:
    """Blocks for consecutive set-apart lines, read in the context of the text around them."""
    prev = next((b for b in reversed(before) if b.kind != FURNITURE), None)
    prose_before = prev is not None and prev.kind == BODY
    closed_before = prev is not None and prose_before and prev.closed
    signed_before = prev is not None and prev.signed
    out: list[Block] = []
    lines = list(run)
    # Markdown the source already carried: ## is a section heading.
    while lines and lines[0].level >= 2:
        out.append(Block(HEADING, lines[0].text, lines[0].first, lines[0].last))
        lines.pop(0)
    # A byline right after a closed article's text, before the next headline, signs that text.
    if closed_before:
        while lines and bylines.parse_line(lines[0].text, known):
            out.append(Block(BYLINE, lines[0].text, lines[0].first, lines[0].last))
            lines.pop(0)
    if not lines:
        return out
    if all(bylines.parse_line(u.text, known) for u in lines):
        return [*out, *(Block(BYLINE, u.text, u.first, u.last) for u in lines)]
    # A section heading inside a feature: one line, or one broken over two (以新质生产力培育
    # 激活改革创新 / “新动能”), between finished paragraphs of an article that goes on.
    heading_like = len(lines) <= HEADING_LINES_MAX and all(
        not u.level
        and not DASHES_RE.match(u.text)
        and not is_spaced(u.text)
        and not NOTICE_RE.search(u.text)
        and not bylines.parse_line(u.text, known)
        for u in lines
    )
    if len(lines) > 1:
        heading_like = heading_like and not is_kicker(lines[0].text, zone_names)
    inside_article = (
        heading_like
        and closed_before
        and not signed_before
        and not out
        and after is not None
        and not DATELINE_RE.match(after.text)
    )
    if inside_article and not _news_so_far(before):
        text = "".join(clean_title(u.text) for u in lines)
        return [Block(HEADING, text, lines[0].first, lines[-1].last)]
    headline = parse_headline(lines, zone_names, known)
    headline.splits = _splits(lines, zone_names, known)
    text = "\n".join(u.text for u in lines)
    out.append(Block(HEADLINE, text, lines[0].first, lines[-1].last, headline=headline))
    return out


def _splits(
    lines: list[Unit], zone_names: Collection[str], known: Collection[str]
) -> list[tuple[Headline, Headline]]:
    """The run read as two headlines, split before each line that can open a headline (not a
    subtitle, byline or the title's second half after a kicker)."""
    out: list[tuple[Headline, Headline]] = []
    # Where some lines of the run follow each other and others have a blank line between,
    # the blank lines part the headlines: a headline's own lines are set together.
    gaps = [lines[k].first - lines[k - 1].last > 1 for k in range(1, len(lines))]
    by_gaps = any(gaps) and not all(gaps)
    for k in range(1, len(lines)):
        if by_gaps and not gaps[k - 1]:
            continue
        opener = lines[k].text.strip()
        if DASHES_RE.match(opener) or bylines.parse_line(opener, known):
            continue
        if is_kicker(lines[k - 1].text.strip(), zone_names):
            continue  # a zone's name is the kicker of what follows it: it ends no headline
        first, second = (
            parse_headline(lines[:k], zone_names, known),
            parse_headline(lines[k:], zone_names, known),
        )
        if first.title and second.title:
            out.append((first, second))
    return out


def _news_so_far(before: list[Block]) -> bool:
    """Whether the article the blocks end in opened with a dateline: a 消息, which has no
    section headings, so a line set apart inside it is another article's headline."""
    for b in reversed(before):
        if b.kind in (HEADLINE, BYLINE):
            return False
        if b.kind == BODY and b.signed:
            return False
        if b.kind == BODY and b.dateline:
            return True
    return False


def parse_headline(
    lines: list[Unit], zone_names: Collection[str] = (), known: Collection[str] = ()
) -> Headline:
    """Kicker, title lines, subtitle and bylines of a headline's lines."""
    titles: list[str] = []
    subtitles: list[str] = []
    signed: list[str] = []
    labels: list[str] = []
    for unit in lines:
        text = unit.text.strip()
        label = LABEL_PREFIX_RE.match(text)
        if label:  # 【开发区观察】 glued before the headline: the column's label, not the title
            labels.append(label.group("label"))
            text = text[label.end() :].strip()
        if DASHES_RE.match(text):
            subtitles.append(DASHES_RE.sub("", text).strip())
        elif titles and bylines.parse_line(text, known):
            signed.append(text)
        else:
            titles.append(text)
    kicker = None
    if len(titles) >= 2 and (is_kicker(titles[0], zone_names) or titles[0].endswith(("：", ":"))):
        kicker = titles.pop(0)
    elif len(titles) == 1 and " " in titles[0] and not is_spaced(titles[0]):
        head, rest = titles[0].split(" ", 1)
        if is_kicker(head, zone_names):  # 岚县经济技术开发区 成立工作专班…: kicker on the title's line
            kicker, titles = head, [rest]
    return Headline(
        title_lines=[clean_title(t) for t in titles] or [""],
        kicker=clean_title(kicker) if kicker else None,
        subtitle="".join(subtitles) or None,
        bylines=signed,
        first=lines[0].first,
        last=lines[-1].last,
        labels=labels,
    )

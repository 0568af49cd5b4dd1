"""A page laid out from its layout: the text extraction gives, its bytes, and its truth."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from kfq.registers import Registers
from tests.importer.generator import names
from tests.importer.generator.layout import balance, letter_spaced, wrap
from tests.importer.generator.params import ArticleLayout, PageLayout
from tests.importer.generator.stories import DATELINE_RE, Story, captions, stories

WEEKLY, SCIENCE = "《开发区建设》周刊", "科学导报"
PROSE, HEADING, HEADLINE, BYLINE, CAPTION, FURNITURE = (
    "prose",
    "heading",
    "headline",
    "byline",
    "caption",
    "furniture",
)
# Bylines that follow the text: they, or a dateline, show where an article ends and the next starts
# when no headline stands above the next one's text.
AFTER_TEXT = ("after_line", "parens", "glued_space", "glued", "dateline")


@dataclass
class Block:
    """Lines that print together: a paragraph, a headline box, a caption, a page's furniture."""

    kind: str
    lines: list[str]
    goes_on: bool = False  # the rest of a paragraph a box cut: no indent of its own


@dataclass
class Generated:
    """One generated page: file name, bytes as saved, its text, the layout and the truth."""

    name: str
    raw: bytes
    text: str
    layout: PageLayout
    truth: dict
    articles: list[dict] = field(default_factory=list)


@dataclass
class _Set:
    """One article set in blocks, before the page puts the articles together."""

    story: Story
    layout: ArticleLayout
    headline: Block | None
    body: list[Block]
    placement: str
    truth: dict
    ends_signed: bool


def _persons(rng: random.Random, al: ArticleLayout, registers: Registers, story: Story) -> list[str]:
    if story.authors is not None:
        return list(story.authors)
    zone = registers.zone_named(story.zones[0]) if story.zones else None
    if al.signers == "person":
        return [names.person(rng, 1 if al.byline == "spaced" else None)]
    if al.signers == "two":
        return [names.person(rng), names.person(rng)]
    if al.signers == "org":
        return [names.organisation(rng, zone)]
    if al.signers == "contributor":
        return [names.contributor(rng, registers)]
    return []


def _role(rng: random.Random, publication: str) -> str:
    return rng.choice(("本刊记者" if publication == WEEKLY else "本报记者", "记者", "通讯员", "", ""))


def _signed(rng: random.Random, authors: list[str], publication: str, org: bool) -> str:
    """How a byline line names its authors: 本刊记者 某某, 记者 甲 通讯员 乙, a bare name."""
    if org:
        return authors[0]
    if len(authors) == 2:
        return rng.choice(
            (
                f"记者 {authors[0]} 通讯员 {authors[1]}",
                f"{authors[0]} {authors[1]}",
                f"通讯员 {authors[0]} {authors[1]}",
            )
        )
    role = _role(rng, publication)
    return f"{role} {authors[0]}" if role else authors[0]


def _byline_style(al: ArticleLayout, story: Story, authors: list[str], org: bool, rng: random.Random) -> str:
    style = al.byline
    if not authors:
        return "none"
    if story.genre == "评论" and style in ("before", "after_line") and len(authors) == 1 and not org:
        style = "square"
    if style == "square" and (story.genre != "评论" or len(authors) != 1 or org):
        style = "before"
    if style == "dateline" and not story.dateline:
        style = "parens"
    if style == "spaced" and (len(authors) != 1 or org or len(authors[0]) != 2):
        style = "before"
    if style == "glued" and (len(authors) != 1 or org):
        style = "glued_space"
    return style


def _printed_paragraphs(story: Story, al: ArticleLayout, publication: str) -> list[str]:
    """The paragraphs as this page prints them: the page's dateline, × misread as 伊."""
    out = list(story.paragraphs)
    if not story.seed and out:
        dl = story.dateline
        if dl == "本刊讯" and publication == SCIENCE:
            out[0] = "科学导报讯" + out[0][len(dl) :]
        elif dl == "科学导报讯" and publication == WEEKLY:
            out[0] = "本刊讯" + out[0][len(dl) :]
    if al.errors:
        out = [re.sub(r"(?<=\d)×(?=\s?\d)", "伊", p) for p in out]
    return out


def _title_lines(story: Story, al: ArticleLayout) -> list[str]:
    title = story.title or ""
    solid = " " not in title
    if al.title_set == "span" or not solid:
        return [title]
    lines = balance(title, max(4, al.column - al.title_margin))
    if al.title_set == "spaced" and re.fullmatch(r"[\u4e00-\u9fff]{2,8}", lines[-1]):
        lines[-1] = letter_spaced(lines[-1])
    return lines


def _set_article(i: int, al: ArticleLayout, page: PageLayout, registers: Registers, name: str) -> _Set:
    story = stories()[al.story]
    rng = random.Random(page.seed * 7919 + i)
    org = al.signers == "org" and story.authors is None
    authors = _persons(rng, al, registers, story)
    style = _byline_style(al, story, authors, org, rng)
    placement = al.placement
    if story.title is None:
        placement = "none"
    paragraphs = _printed_paragraphs(story, al, page.publication)
    truth_paragraphs = list(paragraphs)
    if style in ("before", "square", "wentu", "spaced") and placement in ("below", "none"):
        style = "after_line"
    signed = _signed(rng, authors, page.publication, org) if authors else ""
    byline_line: str | None = None
    after_line: str | None = None
    if style == "before":
        byline_line = signed
    elif style == "square":
        byline_line = f"□ {authors[0]}"
    elif style == "wentu":
        byline_line = "文/图 " + " ".join(authors)
    elif style == "spaced":
        byline_line = f"通讯员 {authors[0][0]} {authors[0][1]}"
    elif style == "after_line":
        after_line = rng.choice((signed, f"（{' '.join(authors)}）"))
    elif style == "parens":
        inner = rng.choice((" ".join(authors), signed))
        paragraphs[-1] += f"（{inner}）"
    elif style == "glued_space":
        paragraphs[-1] += " " + " ".join(authors)
    elif style == "glued":
        paragraphs[-1] += authors[0]
    elif style == "dateline":
        dl = DATELINE_RE.match(paragraphs[0])
        assert dl is not None
        rest = paragraphs[0][dl.end() :]
        paragraphs[0] = f"{dl.group(1)}（{signed}）{rest}"
        truth_paragraphs[0] = f"{dl.group(1)} {rest}"
    # the headline box
    head: list[str] = []
    title_form = "none"
    if story.label and al.label and placement != "none":
        head.append(story.label)
    if placement != "none":
        title_lines = _title_lines(story, al)
        spaced = "".join(title_lines) != (story.title or "")  # letter-spaced
        title_form = f"{len(title_lines)} line(s)" + (", letter-spaced" if spaced else "")
        if story.kicker and al.kicker_inline and len(title_lines) == 1 and " " not in story.kicker:
            head.append(f"{story.kicker} {title_lines[0]}")
            title_form = "kicker on the title's line"
        else:
            head += ([story.kicker] if story.kicker else []) + title_lines
        if story.subtitle:
            head.append(rng.choice(("——", "———")) + story.subtitle)
        if byline_line:
            head.append(byline_line)
    elif byline_line:  # nowhere else to put it: a byline line after the text
        after_line, byline_line = byline_line, None
    body: list[Block] = []
    for j, p in enumerate(paragraphs):
        if story.is_heading(j):
            lines = wrap(p, al.column, indent=0, hang=page.hang)
            if page.markdown:
                lines[0] = "## " + lines[0]
            body.append(Block(HEADING, lines))
        else:
            body.append(Block(PROSE, wrap(p, al.column, indent=2, hang=page.hang)))
    if al.caption and len(body) >= 2:
        zone = story.zones[0] if story.zones else (story.unknown_zone or "")
        who = rng.choice(("记者 ", "通讯员 ", "")) + names.person(rng)
        text = f"图为{zone}{rng.choice(captions())}。 {who} 摄"
        lines = [text] if rng.random() < 0.5 else wrap(text, al.column, indent=0, hang=page.hang)
        body.insert(rng.randint(1, len(body) - 1), Block(CAPTION, lines))
    if after_line:
        body.append(Block(BYLINE, [after_line]))
    truth = {
        "source": name,
        "key": story.key,
        "kicker": story.kicker if placement != "none" else None,
        "title": story.title if placement != "none" else None,
        "subtitle": story.subtitle if placement != "none" else None,
        "authors": authors,
        "zones": list(story.zones),
        "genre": story.genre,
        "headings": list(story.headings),
        "paragraphs": truth_paragraphs,
    }
    if story.unknown_zone:
        truth["unknown_zone"] = story.unknown_zone
    # how it was printed, for the scores' breakdown (not a field of truth.json)
    truth["printed"] = {
        "byline": style,
        "title": title_form,
        "label": bool(story.label and al.label and placement != "none"),
        "caption": any(b.kind == CAPTION for b in body),
        "column": al.column,
    }
    return _Set(
        story,
        al,
        Block(HEADLINE, head) if head else None,
        body,
        placement,
        truth,
        ends_signed=style in AFTER_TEXT,
    )


def _insert_box(body: list[Block], box: Block, at: str, rng: random.Random, anywhere: bool = True) -> bool:
    """Put a headline box inside the text: between two paragraphs or inside one (mid-sentence);
    not `anywhere`: only inside a paragraph."""
    if at == "sentence":
        # a line break inside a sentence: the line before the box does not end one
        cuts = [
            (k, m)
            for k, b in enumerate(body)
            if b.kind == PROSE
            for m in range(1, len(b.lines))
            if not b.lines[m - 1].rstrip().endswith(("。", "！", "？", "；"))
        ]
        if cuts:
            k, m = rng.choice(cuts)
            rest = Block(PROSE, body[k].lines[m:], goes_on=True)
            body[k : k + 1] = [Block(PROSE, body[k].lines[:m]), box, rest]
            return True
    if not anywhere:
        return False
    gaps = [k for k in range(1, len(body)) if body[k - 1].kind == PROSE and body[k].kind in (PROSE, HEADING)]
    if not gaps:
        return False
    body.insert(rng.choice(gaps), box)
    return True


def _running_head(page: PageLayout) -> tuple[str, bool, bool]:
    """The running head's line, and whether it prints the issue date and the page number."""
    d = page.issue
    date = f"{d.year}年{d.month}月{d.day}日 星期一"
    n, k = page.number, page.week + 1
    paper = "开发区建设" if page.publication == WEEKLY else SCIENCE
    forms = (
        (f"{date} {paper} 第{n}版", True, True),
        (f"{page.publication} {date}", True, False),
        (f"第{n}版 开发区建设", False, True),
        (f"{paper} 第{k}期 {date}", True, False),
        (f"{date} 第{n}版", True, True),
    )
    return forms[page.head_form % len(forms)]


def compose(page: PageLayout, registers: Registers, name: str = "page.txt") -> Generated:
    """The page as text extraction gives it, saved in its encoding, with its truth."""
    rng = random.Random(page.seed)
    sets = [_set_article(i, al, page, registers, name) for i, al in enumerate(page.articles)]
    # Where no headline stands right above an article's text, a dateline or the previous
    # article's closing byline must show where it starts (a reader needs one of them too).
    for i, s in enumerate(sets):
        if s.placement in ("above",) or s.headline is None:
            continue
        clear_start = bool(s.story.dateline) or i == 0 or sets[i - 1].ends_signed
        if not clear_start and s.placement in ("below", "box_own", "box_other"):
            s.placement = "above"
        if s.placement == "box_other" and (i == 0 or sets[i - 1].placement not in ("above", "box_own")):
            s.placement = "above"
    blocks: list[Block] = []
    for i, s in enumerate(sets):
        if s.placement == "box_other" and s.headline is not None:
            prev = sets[i - 1]
            if not _insert_box(prev.body, s.headline, s.layout.box_at, rng):
                s.placement = "above"
        # In its own text a box sits inside a sentence (seed 002): between two of its own
        # paragraphs it would read as the start of a new article, to a reader as well.
        if s.placement == "box_own" and s.headline is not None:
            if not _insert_box(s.body, s.headline, "sentence", rng, anywhere=False):
                s.placement = "above"
    for s in sets:
        if s.placement == "above" and s.headline is not None:
            blocks += [s.headline, *s.body]
        elif s.placement == "below" and s.headline is not None:
            blocks += [*s.body, s.headline]
        else:
            blocks += s.body
    head_line, has_date, has_page = _running_head(page)
    if page.running_head == "top":
        blocks.insert(0, Block(FURNITURE, [head_line]))
    elif page.running_head == "bottom":
        blocks.append(Block(FURNITURE, [head_line]))
    else:
        has_date = has_page = False
    number = rng.choice((str(page.number), f"- {page.number} -", f"第{page.number}版"))
    if page.page_number == "inside":
        long = [b for b in blocks if b.kind == PROSE and len(b.lines) >= 2]
        if long:
            b = rng.choice(long)
            b.lines.insert(rng.randint(1, len(b.lines) - 1), number)
        else:
            blocks.append(Block(FURNITURE, [number]))
    elif page.page_number == "end":
        blocks.append(Block(FURNITURE, [number]))
    if page.leading_space:
        for b in blocks:
            if b.kind == PROSE and not b.goes_on:
                b.lines[0] = " " + b.lines[0]
    if page.blank == "every":
        text = "\n\n".join(ln for b in blocks for ln in b.lines)
    elif page.blank == "paragraphs":
        text = "\n\n".join("\n".join(b.lines) for b in blocks)
    else:
        text = "\n".join(ln for b in blocks for ln in b.lines)
    text += "\n"
    saved = text.replace("\n", "\r\n") if page.crlf else text
    raw = saved.encode(page.encoding)
    for s in sets:
        s.truth["printed"]["placement"] = s.placement if s.headline is not None else "none"
    articles = [s.truth for s in sets]
    truth = {
        "file": name,
        "publication": page.publication,
        "date": page.issue.isoformat() if has_date else None,
        "page": page.number if has_page else None,
        "articles": articles,
    }
    return Generated(name, raw, text, page, truth, articles)

"""A read Document → the parts of an article: headline, bylines, paragraphs, photo, caption, credit.

Word's styles decide where a contributor used them (Title, Subtitle, Heading n); otherwise the
layout does: the short lines before the first paragraph of prose are the headline (a line
starting with —— is the subtitle, a line above the headline its kicker; 标题：, 副标题： and
引题： say so), a short line in bold or numbered (一、, （一）) is a section heading.
Bylines are read by the importer's byline reader, the one place that knows them. Contact
lines (电话, 邮箱 …) and a date line under the text are kept out of it and reported.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from kfq.importer import bylines
from kfq.importer.lines import DATELINE_RE
from kfq.intake.model import Document, Para

HEADLINE_MAX = 40  # 字: a line longer than this is prose, never part of a headline
HEADING_MAX = 30  # 字: a bold line up to this long, without a full stop, is a section heading
SENTENCE_END = "。！？!?…；;"
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200b\u202f\u205f\u3000\ufeff]+")
_WORD_SPACE = " \t\u00a0"  # what a contributor types between words; U+3000 is indentation
_DASHES = re.compile(r"^[—－–\-―]{1,3}\s*")
# 图为…… and the forms contributors use: 图：…, 图片：…, 【图】…, （图）…
CAPTION_RE = re.compile(r"^(?:图为|图[：:]|图片[：:为]|【图[^】]*】|[（(]图[）)])")
# 某某 摄, （某某 摄）, 某某/摄, 摄影：某某, 图/某某 — the credit, with the names it gives.
_NAMES = r"[\u4e00-\u9fff]{2,4}(?:[、，,／/][\u4e00-\u9fff]{2,4})*"
CREDIT_RE = re.compile(
    rf"(?:^|(?<=[\s。，,；（(]))[（(]?\s*(?:(?P<a>{_NAMES})\s*[/／]?\s*摄(?:影)?|摄影\s*[：:/／]\s*(?P<b>{_NAMES}))"
    r"\s*[）)]?$"
)
# A label a contributor types before a part of the headline (标题：…, 副标题：…, 引题：…): the
# newsroom's own names for headline, subtitle and kicker.
LABEL_RE = re.compile(r"^(?P<label>主标题|标题|题目|主题|副标题|副题|引题|肩题)\s*[：:]\s*(?=\S)")
_LABELLED = {"主标题": "title", "标题": "title", "题目": "title", "主题": "title",
             "副标题": "subtitle", "副题": "subtitle", "引题": "kicker", "肩题": "kicker"}  # fmt: skip
# A section heading numbered as Chinese documents number them: 一、… （一）… 1. …
_NUMERAL = "[一二三四五六七八九十]{1,3}"
ENUMERATED_RE = re.compile(rf"^(?:{_NUMERAL}、|[（(]{_NUMERAL}[）)]|\d{{1,2}}[、.．](?!\d))")
# A line that is only a date (2024年4月8日, 2024.4.8): the day it was written, under the text.
DATE_LINE_RE = re.compile(r"^\d{4}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[.\-/．]\d{1,2}[.\-/．]\d{1,2})$")
# The letter around an article sent in an email's body (or typed above it in a document): the
# salutation (编辑老师：, 尊敬的编辑：), the greeting (您好！现发来稿件一篇，请审阅。) and the
# closing (谢谢！ 此致 敬礼！) with what is signed under it. None of it is the article.
SALUTATION_RE = re.compile(r"^(?:尊敬的.{1,10}|.{0,6}(?:老师|编辑|领导|同志|负责人)[们好]*)[：:，,！!]$")
GREETING_RE = re.compile(r"^(?:您好|你好|大家好)[！!，,。.]?")
CLOSING_RE = re.compile(
    r"^(?:谢谢|多谢|此致|敬礼|祝好|顺祝|顺颂|辛苦了|盼复|请审阅|望采用|请予刊用|感谢(?:您|编辑|老师|审阅))"
)
LETTER_MAX = 60  # 字: a greeting line is short; the article's first paragraph seldom is
SIGNATURE_MAX = 30  # 字: each line under a closing (name, unit, date) is short
CONTACT_RE = re.compile(
    r"^[（(]?\s*(?:作者)?(?:联系)?(?:电话|手机|联系方式|邮箱|电子邮箱|E-?mail|单位|地址|邮编|QQ|微信)\s*[：:]",
    re.IGNORECASE,
)


# What a submission holds besides the article, kept out of its text, and how the report says
# so (None: not reported, as a typed label 标题： says nothing the draft does not show).
KEPT_OUT: dict[str, str | None] = {
    "contact": "contact details kept out of the text: {}",
    "captions": "captions of the images not used, kept out of the text: {}",
    "letter": "the letter around the article kept out of the text: {}",
    "written": "the date under the text ({}) kept out of it: set the issue's date",
    "labels": None,
}


@dataclass
class Structured:
    """The parts of one submission, before enrichment."""

    title: str = ""
    title_basis: str = ""  # style, label, layout or subject ('' when none was found)
    kicker: str | None = None
    subtitle: str | None = None
    bylines: list[str] = field(default_factory=list)  # byline lines of the headline, as written
    loose_bylines: list[str] = field(default_factory=list)  # byline lines after the text
    paragraphs: list[tuple[str, bool]] = field(default_factory=list)  # (text, is heading)
    photo: int | None = None  # index in Document.photos
    caption: str | None = None
    credit: str | None = None
    credit_raw: str = ""  # the credit as written (某某 摄), for the conservation check
    # What the document holds but the text does not, by kind (KEPT_OUT): each is reported,
    # and the check that nothing was lost counts it as kept.
    kept_out: dict[str, list[str]] = field(default_factory=dict)

    def keep_out(self, kind: str, text: str, first: bool = False) -> None:
        """Keep text of a KEPT_OUT kind out of the article (first: before those found so far)."""
        found = self.kept_out.setdefault(kind, [])
        if first:
            found.insert(0, text)
        else:
            found.append(text)

    def reported(self) -> list[str]:
        """The report's line for each kind of thing kept out of the text, in KEPT_OUT's order."""
        return [
            message.format(" / ".join(self.kept_out[kind]))
            for kind, message in KEPT_OUT.items()
            if message and self.kept_out.get(kind)
        ]

    doubts: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, text, message)


def clean(text: str) -> str:
    """One paragraph's text: soft line breaks joined, typed indentation and odd spaces gone.

    A break is no character: a space the contributor typed beside it stays (one), and between
    two Latin words (or a word and a number) the break itself stands for one; otherwise the
    lines join (a number broken at a line end is one number again). The house rule later
    drops the spaces Chinese text does not take (kfq.house_style)."""
    out = ""
    typed = False  # a word space typed at the end of the last line
    for line in text.split("\n"):
        piece = _SPACES.sub(" ", line).strip()
        if not piece:
            typed = typed or (bool(line) and line[-1] in _WORD_SPACE)
            continue
        if out and (typed or line[0] in _WORD_SPACE or _between_words(out[-1], piece[0])):
            out += " "
        out += piece
        typed = line[-1] in _WORD_SPACE
    return out


def _between_words(a: str, b: str) -> bool:
    """Whether a line break between a and b stood for a space: two Latin words (GDP growth),
    or a word and a number (GDP 10, 5G network)."""
    latin = a.isascii() and b.isascii() and a.isalnum() and b.isalnum()
    return latin and not (a.isdigit() and b.isdigit())


def structure(doc: Document, known: Collection[str] = ()) -> Structured:
    """The article's parts as the document lays them out."""
    s = Structured()
    paras = [Para(clean(p.text), p.style, p.bold, p.photo) for p in doc.paras]
    paras = [p for p in paras if p.text or p.photo is not None]
    paras = _take_photo(paras, doc, s)
    paras = _take_other_captions(paras, s)
    paras = _take_contact(paras, s)
    paras = _take_letter(paras, s)
    start = _headline(paras, known, s)
    if not s.title and doc.subject:
        subject = re.sub(
            r"^(?:(?:回复|转发|Re|Fwd?)\s*[：:]\s*)*(?:投稿|来稿|稿件)\s*[：:—\-]*\s*", "", doc.subject
        )
        if subject.strip():
            s.title, s.title_basis = clean(subject), "subject"
    body = paras[start:]
    written = bool(body) and DATE_LINE_RE.match(body[-1].text)
    if written:
        s.keep_out("written", body.pop().text)
    while body and not _is_heading(body[-1]) and bylines.parse_line(body[-1].text, known):
        s.loose_bylines.insert(0, body.pop().text)
    if not written and body and DATE_LINE_RE.match(body[-1].text):
        s.keep_out("written", body.pop().text)  # signed, then dated
    for p in body:
        if not p.text:
            continue
        heading = _is_heading(p)
        s.paragraphs.append((_DASHES.sub("", p.text) if heading else p.text, heading))
    return s


def _take_letter(paras: list[Para], s: Structured) -> list[Para]:
    """The salutation and greeting above the article and the closing and signature under it,
    kept out of the text (they are reported)."""
    start = 0
    while start < min(len(paras), 3):
        text = paras[start].text
        if len(text) > LETTER_MAX or not (SALUTATION_RE.match(text) or GREETING_RE.match(text)):
            break
        start += 1
    end = len(paras)
    for i in range(len(paras) - 1, max(start, len(paras) - 7), -1):
        text = paras[i].text
        if CLOSING_RE.match(text) and len(text) <= SIGNATURE_MAX:
            if all(len(p.text) <= SIGNATURE_MAX for p in paras[i + 1 :]):
                end = i
            break
    for p in paras[:start] + paras[end:]:
        s.keep_out("letter", p.text)
    return paras[start:end]


def _headline(paras: list[Para], known: Collection[str], s: Structured) -> int:
    """Read the headline lines at the top; returns the index of the first paragraph of text."""
    styled = any(p.style in ("title", "subtitle") for p in paras[:6])
    lines: list[str] = []
    i = 0
    while i < len(paras):
        p = paras[i]
        text = p.text
        if DATELINE_RE.match(text):
            break
        label = LABEL_RE.match(text) if len(text) <= HEADLINE_MAX + 5 else None
        if label:
            s.keep_out("labels", label.group(0))
            text, part = text[label.end() :], _LABELLED[label.group("label")]
            if part == "title":
                s.title, s.title_basis = f"{s.title} {text}".strip(), "label"
            elif part == "subtitle":
                s.subtitle = _DASHES.sub("", text)
            else:
                s.kicker = text
            i += 1
            continue
        names = bylines.parse_line(text, known) if len(text) <= HEADLINE_MAX else None
        if names:
            s.bylines.append(text)
        elif p.style == "title":
            s.title = f"{s.title} {text}".strip()
            s.title_basis = "style"
        elif p.style == "subtitle" or (_DASHES.match(text) and text.startswith(("—", "－", "―"))):
            s.subtitle = _DASHES.sub("", text)
        elif styled and s.title and p.style != "heading":
            break  # the headline was styled: what follows it is the text
        elif _prose(p) or (p.style == "heading" and (s.title or lines)):
            break
        else:
            lines.append(text)
        i += 1
    if s.title:
        if lines and s.kicker is None:
            s.kicker = " ".join(lines)
        elif lines:  # a labelled kicker, and short lines besides: the editor decides
            for extra in lines:
                s.doubts.append(("title", extra, "a short line beside the labelled headline: part of it?"))
    elif lines:
        s.title_basis = "layout"
        if len(lines) == 1:
            s.title = lines[0]
        else:
            s.kicker, s.title = lines[0], lines[1]
            for extra in lines[2:]:
                s.doubts.append(("title", extra, "a short line under the headline: is it part of it?"))
    return i


def _prose(p: Para) -> bool:
    text = p.text
    return len(text) > HEADLINE_MAX or text[-1:] in SENTENCE_END or p.photo is not None


def _is_heading(p: Para) -> bool:
    if p.style == "heading":
        return True
    short = len(p.text) <= HEADING_MAX and p.text[-1:] not in SENTENCE_END
    return short and (p.bold or bool(ENUMERATED_RE.match(p.text)))


def _take_photo(paras: list[Para], doc: Document, s: Structured) -> list[Para]:
    """The photo (the first image), its caption (图为…, below it) and credit (某某 摄)."""
    if not doc.photos:
        return paras
    s.photo = 0
    out = list(paras)
    at = next((i for i, p in enumerate(out) if p.photo is not None), None)
    if at is not None:
        s.photo = out[at].photo
        if out[at].text:  # text beside the image in the same paragraph stays text
            out[at] = Para(out[at].text, out[at].style, out[at].bold)
        else:
            out.pop(at)
        around = [j for j in (at, at - 1) if 0 <= j < len(out)]
    else:
        around = []
    # The caption: below the image (or above it), else any 图为… line of the text.
    candidates = [j for j in around if CAPTION_RE.match(out[j].text) or CREDIT_RE.search(out[j].text)]
    if not candidates:
        candidates = [j for j, p in enumerate(out) if CAPTION_RE.match(p.text)]
    if candidates:
        j = candidates[0]
        caption = out.pop(j).text
        m = CREDIT_RE.search(caption)
        if m:
            s.credit, s.credit_raw = _credit_names(m), m.group(0)
            caption = caption[: m.start()].rstrip(" ，,。")
            caption = caption + ("。" if caption and caption[-1] not in "。！？" else "")
        s.caption = caption or None
        # 某某 摄 on the line of its own after the caption.
        if s.credit is None and j < len(out):
            m = CREDIT_RE.fullmatch(out[j].text)
            if m and len(out[j].text) <= 20:
                s.credit, s.credit_raw = _credit_names(m), out.pop(j).text
    return out


def _take_other_captions(paras: list[Para], s: Structured) -> list[Para]:
    """The caption of each other image in the document (the call allows one photo): kept out of
    the text with the image, and reported, so no 图为…… is printed without its picture."""
    out = list(paras)
    for at in [i for i, p in enumerate(out) if p.photo is not None and p.photo != s.photo][::-1]:
        for j in (at + 1, at - 1):
            if 0 <= j < len(out) and out[j].photo is None and CAPTION_RE.match(out[j].text):
                s.keep_out("captions", out.pop(j).text, first=True)
                break
    return out


def _credit_names(m: re.Match[str]) -> str:
    names = m.group("a") or m.group("b") or ""
    return "、".join(n for n in re.split(r"[、，,／/]+", names) if n)


def _take_contact(paras: list[Para], s: Structured) -> list[Para]:
    """Contact lines a contributor adds for the editors (电话, 邮箱, 单位 …): never article text."""
    out = []
    for p in paras:
        if CONTACT_RE.match(p.text) and len(p.text) <= 80:
            s.keep_out("contact", p.text)
        else:
            out.append(p)
    return out

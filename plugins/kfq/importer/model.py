"""The records the importer's stages hand on: page, line unit, block, headline, article."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

# 启事, 公告 … end the paper's notices, not articles (the blocks stage sends them to the review).
NOTICE_RE = re.compile(r"(?:启事|公告|通告|声明|告示|讣告|征订|订阅)$")


@dataclass(frozen=True)
class Page:
    """A seed file decoded: its file name, normalised text and the encoding it was in."""

    name: str
    text: str
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Unit:
    """Lines joined into one piece of prose, or one line set apart from the prose."""

    text: str
    first: int  # 1-based line numbers in the page, for the review
    last: int
    standalone: bool = False  # a headline, heading, byline or furniture line
    closed: bool = True  # prose that ends a sentence (not cut by a box or the page end)
    level: int = 0  # Markdown heading level the source already carried (# = 1, ## = 2)


@dataclass
class Headline:
    """A headline as printed: kicker (引题), title lines, subtitle (副题) and bylines."""

    title_lines: list[str]
    kicker: str | None = None
    subtitle: str | None = None
    bylines: list[str] = field(default_factory=list)
    first: int = 0
    last: int = 0
    labels: list[str] = field(default_factory=list)  # column labels printed with it: 【开发区观察】
    section: str | None = None  # the column label on its own line above it (page furniture)
    # Other readings of the same lines as two headlines: the first printed below the text
    # before it, the second above the text after it (blocks.py makes them, articles.py picks).
    splits: list[tuple[Headline, Headline]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return "".join(self.title_lines)

    @property
    def printed(self) -> str:
        """Everything the headline box printed, for matching it to its article's text."""
        return "".join([self.kicker or "", self.title, self.subtitle or ""])

    @property
    def is_notice(self) -> bool:
        """启事, 公告 … are notices of the paper, not articles."""
        return bool(NOTICE_RE.search(self.title))


@dataclass
class Block:
    """A classified unit: body, heading, headline, byline or furniture."""

    kind: str  # one of BODY, HEADING, HEADLINE, BYLINE, FURNITURE (blocks.py)
    text: str
    first: int
    last: int
    closed: bool = True  # body: ends a sentence
    dateline: bool = False  # body: starts with 本刊讯, 本报讯, 科学导报讯 …
    signed: bool = False  # body: ends with a glued byline (…达产达效。 韩燕)
    headline: Headline | None = None


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of an article's body, or a section heading (written as ##)."""

    text: str
    heading: bool = False


@dataclass(frozen=True)
class ReviewItem:
    """Something the importer was unsure of, or set aside, for an editor to look at."""

    source: str
    kind: str  # title, byline, zone, boundary, correction, furniture, notice, headline, date …
    text: str
    message: str
    line: int = 0
    article: str = ""  # the article's title (or provisional title) it concerns


@dataclass(frozen=True)
class Correction:
    """A known extraction error put right: what was printed, what it became, and why."""

    original: str
    replacement: str
    reason: str


@dataclass
class Article:
    """One article cut from a page, filled in by the stages from articles.py on."""

    source: str
    blocks: list[Block]
    headline: Headline | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    loose_bylines: list[str] = field(default_factory=list)  # byline lines outside the headline
    bylines: list[str] = field(default_factory=list)  # every byline as printed, with 本刊记者 etc.
    corrections: list[Correction] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)
    first: int = 0
    # enrich.py
    title: str = ""
    provisional: bool = False
    kicker: str | None = None
    subtitle: str | None = None
    zones: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    theme: str | None = None
    genre: str = ""
    date: dt.date | None = None
    date_basis: str | None = None  # set when the date is an estimate: the evidence for it
    page: int | None = None  # the 版次 of the page it was printed on, when known
    position: int = 0  # its place among the page's articles, 1 = first
    slug: str = ""

    @property
    def dateline(self) -> bool:
        return any(b.dateline for b in self.blocks)

    @property
    def body(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def flag(self, kind: str, text: str, message: str, line: int = 0) -> None:
        self.review.append(
            ReviewItem(
                self.source,
                kind,
                text,
                message,
                line or self.first,
                self.title or (self.headline.title if self.headline else ""),
            )
        )

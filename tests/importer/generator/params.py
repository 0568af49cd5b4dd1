"""Layout parameters of a page: drawn by a seeded random.Random for bulk, or by hypothesis."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

PLACEMENTS = ("above", "below", "box_own", "box_other", "none")
BOX_AT = ("sentence", "paragraph")
TITLE_SETS = ("span", "fit", "spaced")
BYLINES = ("before", "after_line", "parens", "glued_space", "glued", "dateline", "spaced", "square", "wentu")
SIGNERS = ("person", "two", "org", "contributor", "none")
HEADS = ("none", "top", "bottom")
PAGE_NUMBERS = ("none", "end", "inside")
BLANKS = ("none", "every", "paragraphs")
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030")
PUBLICATIONS = ("《开发区建设》周刊", "科学导报")
COLUMN_MIN, COLUMN_MAX = 12, 30
FIRST_ISSUE = dt.date(2023, 1, 2)  # a Monday: issues come out on Mondays


@dataclass(frozen=True)
class ArticleLayout:
    """How one article is set: its column, where its headline goes, how it is signed."""

    story: int  # index into stories()
    column: int  # em
    placement: str = "above"  # PLACEMENTS
    box_at: str = "paragraph"  # BOX_AT: a box inside a sentence or between paragraphs
    title_set: str = "span"  # TITLE_SETS: one line across columns, fitted narrower, letter-spaced
    title_margin: int = 2  # em narrower than the column when fitted
    kicker_inline: bool = False  # the kicker on the title's line (岚县经济技术开发区 成立…)
    byline: str = "before"  # BYLINES
    signers: str = "person"  # SIGNERS
    caption: bool = False
    label: bool = True  # print the story's column label, when it has one
    errors: bool = False  # × printed as 伊 (the font fault extraction shows)


@dataclass(frozen=True)
class PageLayout:
    """A page: its articles in order and how the page as a whole came out of extraction."""

    articles: tuple[ArticleLayout, ...]
    publication: str = PUBLICATIONS[0]
    running_head: str = "none"  # HEADS
    head_form: int = 0
    page_number: str = "none"  # PAGE_NUMBERS
    blank: str = "none"  # BLANKS
    leading_space: bool = False
    hang: bool = True
    markdown: bool = False  # section headings carry ## (seed 004)
    encoding: str = "utf-8"
    crlf: bool = False
    number: int = 1  # the page in its issue
    week: int = 0  # issues since FIRST_ISSUE
    seed: int = 0  # for the names, captions and the places of boxes and page numbers

    @property
    def issue(self) -> dt.date:
        return FIRST_ISSUE + dt.timedelta(weeks=self.week)


def draw_article(rng: random.Random, story: int, column: int) -> ArticleLayout:
    """One article's layout, with the proportions a real page shows."""
    return ArticleLayout(
        story=story,
        column=column,
        placement=rng.choices(PLACEMENTS, (50, 20, 10, 10, 10))[0],
        box_at=rng.choice(BOX_AT),
        title_set=rng.choices(TITLE_SETS, (45, 45, 10))[0],
        title_margin=rng.randint(1, 4),
        kicker_inline=rng.random() < 0.2,
        byline=rng.choice(BYLINES),
        signers=rng.choices(SIGNERS, (55, 15, 10, 12, 8))[0],
        caption=rng.random() < 0.2,
        label=rng.random() < 0.8,
        errors=rng.random() < 0.5,
    )


def draw_page(rng: random.Random, n_stories: int, short: list[int] | None = None) -> PageLayout:
    """A page of 1–6 articles; long features come one or two to a page, briefs up to six."""
    count = rng.choices((1, 2, 3, 4, 5, 6), (15, 25, 25, 15, 10, 10))[0]
    pool = short if short and count > 2 else None
    picks = [rng.choice(pool) if pool else rng.randrange(n_stories) for _ in range(count)]
    base = rng.randint(COLUMN_MIN, COLUMN_MAX)
    articles = []
    for s in dict.fromkeys(picks):  # an article is printed once a page
        column = base if rng.random() < 0.7 else rng.randint(COLUMN_MIN, COLUMN_MAX)
        articles.append(draw_article(rng, s, column))
    return PageLayout(
        articles=tuple(articles),
        publication=rng.choice(PUBLICATIONS),
        running_head=rng.choices(HEADS, (50, 35, 15))[0],
        head_form=rng.randrange(5),
        page_number=rng.choices(PAGE_NUMBERS, (40, 30, 30))[0],
        blank=rng.choice(BLANKS),
        leading_space=rng.random() < 0.2,
        hang=rng.random() < 0.6,
        markdown=rng.random() < 0.1,
        encoding=rng.choices(ENCODINGS, (60, 10, 30))[0],
        crlf=rng.random() < 0.3,
        number=rng.randint(1, 8),
        week=rng.randrange(150),
        seed=rng.randrange(2**31),
    )

"""Hypothesis strategies over the page layouts (the same parameters params.py draws)."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.importer.generator import params as p
from tests.importer.generator.stories import stories


def article_layouts(story: st.SearchStrategy[int] | None = None) -> st.SearchStrategy[p.ArticleLayout]:
    """Any layout of one article."""
    return st.builds(
        p.ArticleLayout,
        story=story if story is not None else st.integers(0, len(stories()) - 1),
        column=st.integers(p.COLUMN_MIN, p.COLUMN_MAX),
        placement=st.sampled_from(p.PLACEMENTS),
        box_at=st.sampled_from(p.BOX_AT),
        title_set=st.sampled_from(p.TITLE_SETS),
        title_margin=st.integers(1, 4),
        kicker_inline=st.booleans(),
        byline=st.sampled_from(p.BYLINES),
        signers=st.sampled_from(p.SIGNERS),
        caption=st.booleans(),
        label=st.booleans(),
        errors=st.booleans(),
    )


def page_layouts(max_articles: int = 6) -> st.SearchStrategy[p.PageLayout]:
    """Any page of 1–max_articles articles, each printed once."""
    articles = st.lists(article_layouts(), min_size=1, max_size=max_articles, unique_by=lambda a: a.story)
    return st.builds(
        p.PageLayout,
        articles=articles.map(tuple),
        publication=st.sampled_from(p.PUBLICATIONS),
        running_head=st.sampled_from(p.HEADS),
        head_form=st.integers(0, 4),
        page_number=st.sampled_from(p.PAGE_NUMBERS),
        blank=st.sampled_from(p.BLANKS),
        leading_space=st.booleans(),
        hang=st.booleans(),
        markdown=st.booleans(),
        encoding=st.sampled_from(p.ENCODINGS),
        crlf=st.booleans(),
        number=st.integers(1, 8),
        week=st.integers(0, 200),
        seed=st.integers(0, 2**31 - 1),
    )

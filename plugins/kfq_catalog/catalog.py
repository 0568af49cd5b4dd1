"""Attach facets and related articles to every published article; share the terms."""

from __future__ import annotations

from markupsafe import Markup
from pelican import signals

from kfq.buildstate import registers_for, state
from kfq.catalog import (
    RelatedIndex,
    author_terms,
    facets_for,
    front_page,
    genre_terms,
    month_terms,
    neighbours_in_zone,
    theme_terms,
    topic_terms,
    zone_terms,
)
from kfq.settings import kfq_settings
from kfq.text import minutes_for, zishu


def registers_of(generator):
    """The registers for this build, loaded once and kept on the context."""
    return registers_for(generator.context, generator.settings)


def _meta(article) -> dict:
    meta = dict(article.metadata)
    # pelican-yaml-metadata turns authors into Author objects; the registers want names.
    meta["authors"] = [str(a) for a in getattr(article, "authors", []) or []]
    meta["date"] = article.date
    return meta


def resolve_article(article, registers) -> None:
    """The facts an article's own page shows: its facets, address, date and length."""
    article.facets = facets_for(_meta(article), registers)
    # Worked out once here: Pelican expands `url` from the settings on every access, and
    # an article is listed on a dozen pages.
    article.href = article.url
    # An estimated date is only as precise as the month readers are shown (约2024年5月).
    day = article.date.date()
    article.isodate = day.isoformat()[:7] if getattr(article, "date_basis", None) else day.isoformat()
    # kfq_reader counted it when the file was read (and Pelican's cache kept it).
    article.zishu = getattr(article, "zishu", None) or zishu(Markup(article.content).striptags())
    article.reading_minutes = minutes_for(article.zishu)


def resolve_articles(generator) -> None:
    """Give each published article its facets, related articles and zone neighbours."""
    registers = registers_of(generator)
    articles = list(generator.articles)
    # Drafts reach a generator only in the editors' preview (KFQ PREVIEW_DRAFTS): their pages
    # show the same facts as a published article's, but they enter no listing or term.
    for article in [*articles, *generator.drafts]:
        resolve_article(article, registers)
    terms = {
        "zone": zone_terms(articles, registers),
        "theme": theme_terms(articles, registers),
        "genre": genre_terms(articles, registers),
        "topic": topic_terms(articles, registers),
        "author": author_terms(articles),
        "month": month_terms(articles),
    }
    index = RelatedIndex(articles)
    related_count = kfq_settings(generator.settings)["RELATED_COUNT"]
    for article in articles:
        article.related = index.related(article, related_count)
        article.zone_older = article.zone_newer = None
    for term in terms["zone"]:
        for article, older, newer in neighbours_in_zone(term):
            article.zone_older, article.zone_newer = older, newer
    st = state(generator.context)
    st["terms"] = terms
    st["articles"] = articles
    generator.context["kfq_terms"] = terms
    call = registers.latest_call
    # The home page: the latest issue led by its longest article, zone strips, the call's themes.
    generator.context["kfq_front"] = front_page(
        articles,
        terms["zone"],
        terms["theme"],
        call.theme_names if call else (),
        weight=lambda a: a.zishu,
    )


def register() -> None:
    """Resolve articles once Pelican has read them (drafts already dropped by kfq_validate)."""
    signals.article_generator_finalized.connect(resolve_articles)

"""The order Pelican keeps a build's articles in: newest first, a day's articles by slug."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol


class Dated(Protocol):
    date: dt.datetime
    slug: str


class _Later:
    """A date that sorts before the earlier ones."""

    __slots__ = ("date",)

    def __init__(self, date: dt.datetime):
        self.date = date

    def __lt__(self, other: _Later) -> bool:
        return self.date > other.date

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Later) and self.date == other.date

    __hash__ = None  # type: ignore[assignment]  # a sort key only


def newest_then_slug(article: Dated) -> tuple[Any, str]:
    """Sort key (Pelican's ARTICLE_ORDER_BY): the latest date first, then the slug.

    The order Pelican gave the articles when it paired translations by slug (it sorted them by
    slug, then by date, newest first, keeping the slug order within a day). The weekly has no
    translations, and that pairing compares every article with every other one (Pelican's
    process_translations: 0.5 s of CPU at 10,000 articles, a minute at 100,000), so
    pelicanconf.py turns it off and keeps the order with this key.
    """
    return (_Later(article.date), article.slug)

"""Helpers of the year-end tests: articles made in code for the unit tests."""

from __future__ import annotations

import datetime as dt

from kfq.yearend.collect import Raw, article_url


def raw(slug: str, authors: list[str], date: str = "2024-05-05", **fields) -> Raw:
    """A Raw article for unit tests; fields override title, zones, genre, zishu, status."""
    day = dt.date.fromisoformat(date)
    values = {
        "where": f"articles/{day.year}/{slug}.md",
        "title": f"标题{slug}",
        "date": day,
        "authors": tuple(authors),
        "zones": (),
        "genre": "消息",
        "slug": slug,
        "url": article_url(day, slug),
        "zishu": 800,
        "status": "published",
    }
    values.update({k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()})
    return Raw(**values)

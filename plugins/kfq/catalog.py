"""The site's catalogue: each article's facets in register terms, and the terms that group them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from kfq.contract import parse_date
from kfq.registers import Contributor, Genre, Registers, Theme, Topic, Zone
from kfq.text import format_month


@dataclass(frozen=True)
class Facets:
    """What the site knows of one article, resolved against the registers."""

    date: dt.date
    zones: tuple[Zone, ...] = ()
    authors: tuple[Contributor, ...] = ()
    topics: tuple[Topic, ...] = ()
    theme: Theme | None = None
    genre: Genre | None = None

    @property
    def primary_zone(self) -> Zone | None:
        return self.zones[0] if self.zones else None


def facets_for(meta: Mapping[str, Any], registers: Registers) -> Facets:
    """Facets from front-matter values; names the validator accepted resolve to register entries."""
    date = parse_date(meta.get("date"))
    if date is None:
        raise ValueError(f"no valid date in {meta.get('slug')!r}: run `invoke check`")
    call = registers.call_for(date)
    zones = [registers.zone_named(str(n)) for n in meta.get("zones") or ()]
    people = [registers.contributor_named(str(n)) for n in meta.get("authors") or ()]
    topics = [registers.topic_named(str(n)) for n in meta.get("topics") or ()]
    return Facets(
        date=date,
        zones=tuple(z for z in zones if z),
        authors=tuple(p for p in people if p),
        topics=tuple(t for t in topics if t),
        theme=call.theme(str(meta["theme"])) if call and meta.get("theme") else None,
        genre=call.genre(str(meta["genre"])) if call and meta.get("genre") else None,
    )


class HasFacets(Protocol):
    facets: Facets


A = TypeVar("A", bound=HasFacets)


@dataclass
class Term(Generic[A]):
    """One zone, theme, genre, topic, author or month, and its articles newest first."""

    kind: str
    name: str
    slug: str
    record: Any
    articles: list[A] = field(default_factory=list)
    # Zone pages also list articles that mention the zone after those about it.
    mentions: list[A] = field(default_factory=list)

    @property
    def all_articles(self) -> list[A]:
        return self.articles + self.mentions

    @property
    def count(self) -> int:
        return len(self.articles) + len(self.mentions)


def newest_first(articles: Iterable[A]) -> list[A]:
    """Articles by date, newest first; the title breaks ties so every build orders alike."""
    return sorted(articles, key=lambda a: (a.facets.date, getattr(a, "title", "")), reverse=True)


def zone_terms(articles: Sequence[A], registers: Registers) -> list[Term[A]]:
    """A term per zone of the register: articles about it first, then those that mention it."""
    terms: dict[str, Term[A]] = {z.name: Term("zone", z.name, z.slug, z) for z in registers.zones}
    for article in newest_first(articles):
        for i, zone in enumerate(article.facets.zones):
            term = terms[zone.name]
            (term.articles if i == 0 else term.mentions).append(article)
    return list(terms.values())


def _grouped(
    kind: str,
    articles: Sequence[A],
    keys: Callable[[Facets], Iterable[Any]],
    name: Callable[[Any], str],
    slug: Callable[[Any], str],
) -> list[Term[A]]:
    terms: dict[str, Term[A]] = {}
    for article in newest_first(articles):
        for record in keys(article.facets):
            key = slug(record)
            if key not in terms:
                terms[key] = Term(kind, name(record), key, record)
            terms[key].articles.append(article)
    return list(terms.values())


def _complete(kind: str, found: list[Term[A]], records: Iterable[Any]) -> list[Term[A]]:
    """A term for every registered record, in register order, with or without articles:
    a page the guidelines or an index links to must exist before its first article."""
    by_slug = {t.slug: t for t in found}
    out: dict[str, Term[A]] = {}
    for r in records:
        out.setdefault(r.slug, by_slug.get(r.slug) or Term(kind, r.name, r.slug, r))
    for t in found:  # a record of an older call no longer listed still keeps its page
        out.setdefault(t.slug, t)
    return list(out.values())


def _call_records(registers: Registers, attribute: str) -> list[Any]:
    calls = sorted(registers.calls, key=lambda c: c.date, reverse=True)  # the call in force first
    return [r for c in calls for r in getattr(c, attribute)]


def theme_terms(articles: Sequence[A], registers: Registers) -> list[Term[A]]:
    """Every theme of every call, the call in force first, with its articles."""
    found = _grouped(
        "theme", articles, lambda f: [f.theme] if f.theme else [], lambda t: t.name, lambda t: t.slug
    )
    return _complete("theme", found, _call_records(registers, "themes"))


def genre_terms(articles: Sequence[A], registers: Registers) -> list[Term[A]]:
    """Every genre of every call, with its articles."""
    found = _grouped(
        "genre", articles, lambda f: [f.genre] if f.genre else [], lambda g: g.name, lambda g: g.slug
    )
    return _complete("genre", found, _call_records(registers, "genres"))


def topic_terms(articles: Sequence[A], registers: Registers) -> list[Term[A]]:
    """Every topic of the vocabulary, in register order, with its articles (maybe none)."""
    found = _grouped("topic", articles, lambda f: f.topics, lambda t: t.name, lambda t: t.slug)
    return _complete("topic", found, registers.topics)


def author_terms(articles: Sequence[A]) -> list[Term[A]]:
    """Every bylined contributor; aliases were merged when the facets were resolved."""
    return _grouped("author", articles, lambda f: f.authors, lambda c: c.name, lambda c: c.slug)


def month_terms(articles: Sequence[A]) -> list[Term[A]]:
    """A term per month with articles, newest month first; slug YYYY/MM."""
    terms = _grouped(
        "month",
        articles,
        lambda f: [dt.date(f.date.year, f.date.month, 1)],
        format_month,
        lambda d: f"{d.year}/{d.month:02d}",
    )
    return sorted(terms, key=lambda t: t.record, reverse=True)


class RelatedIndex(Generic[A]):
    """Articles by zone and by topic, newest first, so related() costs little per article."""

    def __init__(self, articles: Sequence[A]):
        self.by_zone: dict[str, list[A]] = {}
        self.by_topic: dict[str, list[A]] = {}
        for a in newest_first(articles):
            for z in a.facets.zones:
                self.by_zone.setdefault(z.name, []).append(a)
            for t in a.facets.topics:
                self.by_topic.setdefault(t.name, []).append(a)

    def related(self, article: A, limit: int = 5) -> list[A]:
        """Articles to read next: same zone first, then same topic; newest first in each group."""
        picked: list[A] = []
        seen = {id(article)}
        for groups in (
            [self.by_zone.get(z.name, []) for z in article.facets.zones],
            [self.by_topic.get(t.name, []) for t in article.facets.topics],
        ):
            # Merge the article's groups newest first; each list is short-circuited at limit.
            candidates = newest_first({id(a): a for g in groups for a in g[: limit + 1]}.values())
            for a in candidates:
                if id(a) not in seen and len(picked) < limit:
                    picked.append(a)
                    seen.add(id(a))
        return picked


def neighbours_in_zone(term: Term[A]) -> Iterator[tuple[A, A | None, A | None]]:
    """Each article about term's zone (its primary zone) with the previous (older) and next
    (newer) article about it: one pass over the zone, not a search of it per article."""
    items = term.articles
    for i, article in enumerate(items):
        yield article, items[i + 1] if i + 1 < len(items) else None, items[i - 1] if i > 0 else None


@dataclass
class Strip(Generic[A]):
    """A zone on the front page with its most recent articles."""

    term: Term[A]
    articles: list[A]


@dataclass
class FrontPage(Generic[A]):
    """The home page above the full list: the latest issue, zone strips, the call's themes."""

    issue_date: dt.date | None
    issue: list[A]
    issue_estimated: bool  # the issue's date is an editor's estimate, not printed
    strips: list[Strip[A]]
    themes: list[Term[A]]


def front_page(
    articles: Sequence[A],
    zones: Sequence[Term[A]],
    themes: Sequence[Term[A]],
    theme_names: Sequence[str] = (),
    weight: Callable[[A], int] | None = None,
    strips: int = 8,
    per_strip: int = 3,
) -> FrontPage[A]:
    """The latest issue (the articles of the newest date, the heaviest first as the lead),
    the zones most recently reported on with their newest articles, and the themes named."""
    ordered = newest_first(articles)
    issue_date = ordered[0].facets.date if ordered else None
    issue = [a for a in ordered if a.facets.date == issue_date]
    if weight is not None:
        issue.sort(key=weight, reverse=True)  # stable: equal weights keep the newest-first order
    # Zones with the newest report first; on the same date, in the register's order.
    covered = sorted((t for t in zones if t.articles), key=lambda t: -t.articles[0].facets.date.toordinal())
    by_name = {t.name: t for t in themes}
    return FrontPage(
        issue_date=issue_date,
        issue=issue,
        issue_estimated=any(getattr(a, "date_basis", None) for a in issue),
        strips=[Strip(t, t.articles[:per_strip]) for t in covered[:strips]],
        themes=[by_name[n] for n in theme_names if n in by_name],
    )

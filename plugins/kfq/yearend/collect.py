"""Collect a year's published articles and credit each to the people in its byline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kfq.checking import check_content
from kfq.contract import display_path, parse_date
from kfq.errors import ContentInvalid
from kfq.frontmatter import CLOSE_RE, OPEN_RE
from kfq.registers import Contributor, Registers
from kfq.text import format_date, format_issue_date, zishu
from kfq.yearend.errors import NoArticles, UnknownAuthors

NO_ZONE = "未注明开发区"
UNSIGNED = "未署名"
# pelicanconf's ARTICLE_URL; the site and `invoke contributors` pass the setting in force.
ARTICLE_URL = "articles/{date:%Y}/{date:%m}/{slug}/"


@dataclass(frozen=True)
class Raw:
    """One article as read from its file or from Pelican, before names are resolved."""

    where: str
    title: str
    date: dt.date
    authors: tuple[str, ...]
    zones: tuple[str, ...]
    genre: str
    slug: str
    url: str
    zishu: int
    status: str = "published"
    # The front-matter has `date_basis:`: the date is an estimate, never printed as a day.
    estimated: bool = False


@dataclass(frozen=True)
class Piece:
    """A published article of the year: authors and zones by their canonical names."""

    title: str
    date: dt.date
    url: str
    authors: tuple[str, ...]
    zones: tuple[str, ...]
    genre: str
    zishu: int
    where: str = field(compare=False)
    estimated: bool = False

    @property
    def date_text(self) -> str:
        """The date as documents print it: 2024年5月6日, or 约2024年5月 when estimated."""
        return format_issue_date(self.date, estimated=True) if self.estimated else format_date(self.date)


@dataclass
class Credit:
    """A contributor of the year with the published articles that bear their name."""

    contributor: Contributor
    pieces: list[Piece] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.contributor.name

    @property
    def zone(self) -> str:
        return self.contributor.zone or NO_ZONE

    @property
    def zishu(self) -> int:
        return sum(p.zishu for p in self.pieces)

    @property
    def first(self) -> dt.date:
        return min(p.date for p in self.pieces)


@dataclass
class Collection:
    """Everything the year-end list is made from: the year's pieces and who wrote them."""

    year: int
    pieces: list[Piece]
    credits: dict[str, Credit]
    unsigned: list[Piece] = field(default_factory=list)
    drafts: int = 0

    @property
    def contributors(self) -> list[Credit]:
        """Everyone credited except the weekly's own reporters."""
        return [c for c in self.credits.values() if not c.contributor.is_staff]

    @property
    def staff(self) -> list[Credit]:
        """The weekly's own reporters (本刊记者): listed apart, never ranked."""
        return [c for c in self.credits.values() if c.contributor.is_staff]


def article_url(date: dt.date, slug: str, pattern: str = ARTICLE_URL) -> str:
    """An article's site-relative URL: the ARTICLE_URL setting filled as Pelican fills it."""
    return pattern.format(date=date, slug=slug)


def markdown_body(text: str) -> str:
    """The Markdown after the front-matter, cut where kfq.frontmatter.read_source cuts it
    (its fences, its line ends) but without parsing the YAML again: the site build already
    has every article's fields and only needs the count."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    opening = OPEN_RE.match(text)
    closing = CLOSE_RE.search(text, opening.end()) if opening else None
    return text[closing.end() :].lstrip("\n") if closing else text


def source_zishu(path: Path) -> int:
    """字数 of an article file: its Markdown body, counted by kfq.text.zishu. The one count
    of the year-end list, for the site page and the office files alike."""
    return zishu(markdown_body(Path(path).read_text(encoding="utf-8")))


def read_year(
    content_dir: Path, registers: Registers, year: int, url_pattern: str = ARTICLE_URL
) -> list[Raw]:
    """The articles under content_dir/articles dated in year, drafts included.

    Files are checked against the contract first, as `invoke check` does; a broken file
    that may belong to the year stops the list, because it could hide someone's article.
    """
    checked = check_content(Path(content_dir), registers, ("articles",), shown_from=Path.cwd())
    problems = []
    raws: list[Raw] = []
    for item in checked:
        src = item.source
        date = parse_date(src.meta.get("date"))
        folder = src.path.parent.name
        in_year = date.year == year if date else folder in (str(year), "articles")
        if not in_year:
            continue
        if item.problems:
            problems.extend(item.problems)
            continue
        assert date is not None  # a checked article always has its date
        meta = src.meta
        raws.append(
            Raw(
                where=display_path(src.path, Path.cwd()),
                title=str(meta["title"]),
                date=date,
                authors=tuple(meta.get("authors") or ()),
                zones=tuple(meta.get("zones") or ()),
                genre=str(meta.get("genre") or ""),
                slug=str(meta["slug"]),
                url=article_url(date, str(meta["slug"]), url_pattern),
                zishu=zishu(src.body),
                status=str(meta.get("status", "published")),
                estimated=bool(meta.get("date_basis")),
            )
        )
    if problems:
        raise ContentInvalid(problems)
    return raws


def collect(raws: Iterable[Raw], registers: Registers, year: int) -> Collection:
    """Credit each published article of year to every contributor in its byline.

    Aliases resolve to one person through the register; people are keyed by canonical name,
    so 王伟 and 汪伟 stay two. Raises NoArticles for an empty year, UnknownAuthors for names
    the register lacks (all of them at once).
    """
    pieces: list[Piece] = []
    credits: dict[str, Credit] = {}
    unsigned: list[Piece] = []
    unknown: list[str] = []
    drafts = 0
    for raw in raws:
        if raw.date.year != year:
            continue
        if raw.status != "published":
            drafts += 1
            continue
        people: list[Contributor] = []
        for name in raw.authors:
            person = registers.contributor_named(name)
            if person is None:
                unknown.append(f"{raw.where}: authors: '{name}'")
            elif person not in people:  # an alias and its name in one byline: one credit
                people.append(person)
        zones = tuple(_zone_name(registers, z) for z in raw.zones)
        piece = Piece(
            title=raw.title,
            date=raw.date,
            url=raw.url,
            authors=tuple(p.name for p in people),
            zones=zones,
            genre=raw.genre,
            zishu=raw.zishu,
            where=raw.where,
            estimated=raw.estimated,
        )
        pieces.append(piece)
        if not raw.authors:
            unsigned.append(piece)
        for person in people:
            credits.setdefault(person.name, Credit(person)).pieces.append(piece)
    if unknown:
        raise UnknownAuthors(unknown)
    if not pieces:
        raise NoArticles(year, drafts)
    # Date, then title and URL: the order never depends on the order files were read in.
    pieces.sort(key=_piece_order)
    for credit in credits.values():
        credit.pieces.sort(key=_piece_order)
    return Collection(year, pieces, credits, sorted(unsigned, key=_piece_order), drafts)


def _piece_order(p: Piece) -> tuple[dt.date, str, str]:
    return (p.date, p.title, p.url)


def _zone_name(registers: Registers, name: str) -> str:
    zone = registers.zone_named(name)
    return zone.name if zone else name

"""The editors' registers in content/data/: zones, topics, contributors and calls."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kfq.errors import RegisterError
from kfq.issues import Issue, load_issues
from kfq.slugs import slugify
from kfq.yamlfile import load_yaml

ROLES = ("本刊记者", "通讯员", "机构")
LEVELS = ("国家级", "省级")


@dataclass(frozen=True)
class Zone:
    """A development zone as the register describes it."""

    name: str
    slug: str
    city: str
    level: str
    kind: str
    profile: str = ""
    county: str = ""
    short: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    established: dt.date | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every spelling of the zone: canonical first, then short names and aliases."""
        return (self.name, *self.short, *self.aliases)


@dataclass(frozen=True)
class Signalled:
    """A named entry whose presence in an article is signalled by words (topics, themes)."""

    name: str
    slug: str
    description: str = ""
    signals: tuple[str, ...] = ()


class Topic(Signalled):
    """A topic of the weekly's vocabulary and the words that signal it."""


@dataclass(frozen=True)
class Contributor:
    """A bylined person or organisation; keyed by name, never by pinyin."""

    name: str
    role: str
    aliases: tuple[str, ...] = ()
    zone: str | None = None
    affiliation: str = ""
    # An organisation's full registered name (清徐融媒 → its 融媒体中心's name), as office
    # documents must print it; empty where no source states it (never guessed).
    full_name: str = ""
    # The author page's URL name: pinyin of the name unless the register sets one (it must
    # when two people read alike, 王伟 and 汪伟).
    slug: str = ""

    @property
    def is_staff(self) -> bool:
        return self.role == "本刊记者"

    @property
    def is_unit(self) -> bool:
        """An organisation bylined as such: no 同志, never one of a zone's own people."""
        return self.role == "机构"

    @property
    def formal_name(self) -> str:
        """The name an official document prints: the registered full name where known."""
        return self.full_name or self.name


class Theme(Signalled):
    """A theme of a call for submissions, as its call describes it."""


@dataclass(frozen=True)
class Genre:
    """A genre a call accepts, with its target length in 字."""

    name: str
    slug: str
    target: int


@dataclass(frozen=True)
class Call:
    """A call for submissions (征稿启事), as its calls/YYYY.yaml file states it."""

    key: str
    title: str
    date: dt.date
    issuer: str
    themes: tuple[Theme, ...]
    genres: tuple[Genre, ...]
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def theme_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.themes)

    @property
    def genre_names(self) -> tuple[str, ...]:
        return tuple(g.name for g in self.genres)

    def theme(self, name: str) -> Theme | None:
        return next((t for t in self.themes if t.name == name), None)

    def genre(self, name: str) -> Genre | None:
        return next((g for g in self.genres if g.name == name), None)


@dataclass
class Registers:
    """All registers, with look-ups by any spelling of a name."""

    zones: list[Zone]
    places: dict[str, str]
    topics: list[Topic]
    contributors: list[Contributor]
    calls: list[Call]
    cities: list[str] = field(default_factory=list)
    # The printed issues (issues.yaml), oldest first.
    issues: list[Issue] = field(default_factory=list)
    _zone_index: dict[str, Zone] = field(default_factory=dict, repr=False)
    _contributor_index: dict[str, Contributor] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._zone_index = {n: z for z in self.zones for n in z.names}
        self._contributor_index = {n: c for c in self.contributors for n in (c.name, *c.aliases)}

    def zone_named(self, name: str) -> Zone | None:
        """The zone a canonical name, short name or alias stands for."""
        return self._zone_index.get(name)

    def zone_by_slug(self, slug: str) -> Zone | None:
        return next((z for z in self.zones if z.slug == slug), None)

    @property
    def city_order(self) -> dict[str, int]:
        """Cities in the register's order (official division-code order when listed)."""
        order = list(self.cities)
        for z in self.zones:
            if z.city not in order:
                order.append(z.city)
        return {city: i for i, city in enumerate(order)}

    @property
    def zone_spellings(self) -> list[str]:
        """Every spelling of every zone, for suggestions and text matching."""
        return list(self._zone_index)

    def topic_named(self, name: str) -> Topic | None:
        return next((t for t in self.topics if t.name == name), None)

    def contributor_named(self, name: str) -> Contributor | None:
        """The contributor a name or alias stands for."""
        return self._contributor_index.get(name)

    def call_for(self, date: dt.date) -> Call | None:
        """The call in force on date: the latest issued on or before it, else the earliest."""
        if not self.calls:
            return None
        issued = [c for c in self.calls if c.date <= date]
        return max(issued, key=lambda c: c.date) if issued else min(self.calls, key=lambda c: c.date)

    def issue_on(self, date: dt.date) -> Issue | None:
        """The printed issue of that date, if the register has it."""
        return next((i for i in self.issues if i.date == date), None)

    @property
    def latest_call(self) -> Call | None:
        return max(self.calls, key=lambda c: c.date) if self.calls else None


def load_registers(data_dir: Path) -> Registers:
    """Read and check every register in data_dir (content/data)."""
    data_dir = Path(data_dir)
    zones_doc = _load(data_dir / "zones.yaml")
    places = {str(k): str(v) for k, v in (zones_doc.get("places") or {}).items()}
    zones = [_zone(z, data_dir / "zones.yaml") for z in _items(zones_doc, "zones", data_dir / "zones.yaml")]
    topics_path = data_dir / "topics.yaml"
    topics = [
        Topic(
            name=_req(t, "name", topics_path),
            slug=_req(t, "slug", topics_path),
            description=str(t.get("description") or ""),
            signals=tuple(t.get("signals") or ()),
        )
        for t in _items(_load(topics_path), "topics", topics_path)
    ]
    people_path = data_dir / "contributors.yaml"
    contributors = [
        _contributor(c, people_path, places) for c in _items(_load(people_path), "contributors", people_path)
    ]
    calls = [_call(p) for p in sorted((data_dir / "calls").glob("*.yaml"))]
    cities = [str(c) for c in zones_doc.get("cities") or ()]
    registers = Registers(zones, places, topics, contributors, calls, cities, load_issues(data_dir))
    _check_unique(registers, data_dir)
    return registers


def _load(path: Path) -> dict[str, Any]:
    try:
        doc = load_yaml(path, RegisterError)
    except FileNotFoundError as e:
        raise RegisterError(f"{path}: register missing — restore it from git") from e
    if not isinstance(doc, dict):
        raise RegisterError(f"{path}: expected a mapping at the top — see the schema comment")
    return doc


def _items(doc: dict[str, Any], key: str, path: Path) -> list[dict[str, Any]]:
    items = doc.get(key)
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise RegisterError(f"{path}: '{key}' must be a list of entries — see the schema comment")
    return items


def _req(entry: dict[str, Any], key: str, path: Path) -> str:
    value = entry.get(key)
    if value in (None, ""):
        who = entry.get("name", "an entry")
        raise RegisterError(f"{path}: {who}: '{key}' is required — add it")
    return str(value)


def _zone(z: dict[str, Any], path: Path) -> Zone:
    level = _req(z, "level", path)
    if level not in LEVELS:
        raise RegisterError(f"{path}: {z.get('name')}: level '{level}' — use one of {', '.join(LEVELS)}")
    return Zone(
        name=_req(z, "name", path),
        slug=_req(z, "slug", path),
        city=_req(z, "city", path),
        level=level,
        kind=_req(z, "kind", path),
        profile=str(z.get("profile") or "").strip(),
        county=str(z.get("county") or ""),
        short=tuple(z.get("short") or ()),
        aliases=tuple(z.get("aliases") or ()),
        established=z.get("established"),
    )


def _contributor(c: dict[str, Any], path: Path, places: dict[str, str]) -> Contributor:
    role = _req(c, "role", path)
    if role not in ROLES:
        raise RegisterError(f"{path}: {c.get('name')}: role '{role}' — use one of {', '.join(ROLES)}")
    return Contributor(
        name=_req(c, "name", path),
        role=role,
        aliases=tuple(c.get("aliases") or ()),
        zone=c.get("zone") or None,
        affiliation=str(c.get("affiliation") or ""),
        full_name=_full_name(c, role, path),
        slug=str(c.get("slug") or slugify(_req(c, "name", path), places)),
    )


def _full_name(c: dict[str, Any], role: str, path: Path) -> str:
    value = c.get("full_name")
    if value is None:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise RegisterError(f"{path}: {c.get('name')}: full_name must be the organisation's name as text")
    if role != "机构":
        raise RegisterError(
            f"{path}: {c.get('name')}: full_name is for organisations (role 机构) — "
            "a person's name is the name itself"
        )
    return value.strip()


def _call(path: Path) -> Call:
    doc = _load(path)
    date = doc.get("date")
    if not isinstance(date, dt.date):
        raise RegisterError(f"{path}: 'date' must be a date like 2023-03-28 — fix it")
    themes = tuple(
        Theme(
            name=_req(t, "name", path),
            slug=_req(t, "slug", path),
            description=str(t.get("description") or "").strip(),
            signals=tuple(t.get("signals") or ()),
        )
        for t in _items(doc, "themes", path)
    )
    genres = tuple(
        Genre(name=_req(g, "name", path), slug=_req(g, "slug", path), target=int(g.get("target") or 0))
        for g in _items(doc, "genres", path)
    )
    return Call(
        key=path.stem,
        title=str(doc.get("title") or "征稿启事"),
        date=date,
        issuer=_req(doc, "issuer", path),
        themes=themes,
        genres=genres,
        data=doc,
    )


def _check_unique(r: Registers, data_dir: Path) -> None:
    seen: dict[str, str] = {}
    for z in r.zones:
        for spelling in (*z.names, z.slug):
            if spelling in seen and seen[spelling] != z.name:
                raise RegisterError(
                    f"{data_dir / 'zones.yaml'}: '{spelling}' is used by both {seen[spelling]} "
                    f"and {z.name} — give each zone its own names and slug"
                )
            seen[spelling] = z.name
    names: set[str] = set()
    slugs: dict[str, str] = {}
    for c in r.contributors:
        if c.slug in slugs:
            raise RegisterError(
                f"{data_dir / 'contributors.yaml'}: {slugs[c.slug]} and {c.name} both read '{c.slug}' — "
                f"give {c.name} a `slug:` of its own (e.g. {c.slug}-2) so each keeps an author page"
            )
        slugs[c.slug] = c.name
        for n in (c.name, *c.aliases):
            if n in names:
                raise RegisterError(
                    f"{data_dir / 'contributors.yaml'}: '{n}' appears twice — "
                    "merge the entries or make the alias unique"
                )
            names.add(n)
        if c.zone and not r.zone_named(c.zone):
            raise RegisterError(
                f"{data_dir / 'contributors.yaml'}: {c.name}: zone '{c.zone}' is not in zones.yaml — "
                "use a zone's canonical name"
            )

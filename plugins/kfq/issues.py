"""The issue register (content/data/issues.yaml): printed issues, their pages and 责任编辑."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from kfq.errors import RegisterError
from kfq.text import format_issue_date
from kfq.yamlfile import load_yaml

FILE = "issues.yaml"
# The weekly is printed with 科学导报: a page carries one masthead or the other.
PUBLICATIONS = ("《开发区建设》周刊", "科学导报")


@dataclass(frozen=True)
class Page:
    """A page (版) of an issue: its number (版次), name (版名) and 责任编辑, where known."""

    number: int
    name: str = ""
    editor: str = ""

    @property
    def label(self) -> str:
        """第3版 · 开发区建设 — the page as a 数字报 names it."""
        return f"第{self.number}版" + (f" · {self.name}" if self.name else "")


@dataclass(frozen=True)
class Issue:
    """A printed issue: publication, date, 期数 and pages, each only as far as the paper states it."""

    date: dt.date
    publication: str
    number: int | None = None
    # Present when no printed issue confirms the date: the evidence for the estimate.
    date_basis: str = ""
    pages: tuple[Page, ...] = ()

    @property
    def estimated(self) -> bool:
        return bool(self.date_basis)

    @property
    def key(self) -> str:
        """The issue's name in front-matter (`issue: 2024-06-17`) and in its URL."""
        return self.date.isoformat()

    @property
    def masthead(self) -> str:
        """The publication as Chinese text names a paper: in 书名号, 《科学导报》."""
        return self.publication if "《" in self.publication else f"《{self.publication}》"

    @property
    def shown_date(self) -> str:
        """2024年6月17日, or 约2024年6月 while the date is an estimate (never a printed day)."""
        return format_issue_date(self.date, self.estimated)

    @property
    def isodate(self) -> str:
        """The date for <time datetime>: only as precise as readers are told."""
        return self.key[:7] if self.estimated else self.key

    @property
    def title(self) -> str:
        """《科学导报》 约2024年6月, with 第N期 when the 期数 is known."""
        number = f" 第{self.number}期" if self.number else ""
        return f"{self.masthead} {self.shown_date}{number}"

    def page(self, number: int | None) -> Page | None:
        return next((p for p in self.pages if p.number == number), None)


def load_issues(data_dir: Path) -> list[Issue]:
    """The issues of data_dir/issues.yaml, oldest first; [] when the register is absent
    (a site may have articles from before the register: they publish without a 来源 line)."""
    path = Path(data_dir) / FILE
    if not path.exists():
        return []
    doc = load_yaml(path, RegisterError)
    items = doc.get("issues") if isinstance(doc, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise RegisterError(f"{path}: 'issues' must be a list of entries — see the schema comment")
    issues = [_issue(item, path) for item in items]
    seen: set[dt.date] = set()
    for issue in issues:
        if issue.date in seen:
            raise RegisterError(
                f"{path}: two issues dated {issue.key} — an issue is named by its date; merge the entries"
            )
        seen.add(issue.date)
    return sorted(issues, key=lambda i: i.date)


def _issue(item: dict[str, Any], path: Path) -> Issue:
    date = item.get("date")
    if not isinstance(date, dt.date):
        raise RegisterError(f"{path}: issue date '{date}' — write it as YYYY-MM-DD")
    where = f"{path}: issue {date.isoformat()}"
    publication = str(item.get("publication") or "")
    if publication not in PUBLICATIONS:
        raise RegisterError(f"{where}: publication '{publication}' — use one of {', '.join(PUBLICATIONS)}")
    number = item.get("number")
    if number is not None and (not isinstance(number, int) or isinstance(number, bool) or number < 1):
        raise RegisterError(f"{where}: number '{number}' — the 期数 as a whole number, or leave it out")
    basis = item.get("date_basis")
    if basis is not None and (not isinstance(basis, str) or not basis.strip()):
        raise RegisterError(f"{where}: date_basis must say what the estimated date rests on, or be left out")
    pages = item.get("pages") or []
    if not isinstance(pages, list) or not all(isinstance(p, dict) for p in pages):
        raise RegisterError(f"{where}: 'pages' must be a list of pages (page, name, editor)")
    parsed = tuple(_page(p, where) for p in pages)
    numbers = [p.number for p in parsed]
    if len(set(numbers)) != len(numbers):
        raise RegisterError(f"{where}: a page number is listed twice — list each page once")
    return Issue(
        date, publication, number, (basis or "").strip(), tuple(sorted(parsed, key=lambda p: p.number))
    )


def _page(p: dict[str, Any], where: str) -> Page:
    number = p.get("page")
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise RegisterError(f"{where}: page '{number}' — the 版次 as a whole number")
    for key in ("name", "editor"):
        value = p.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise RegisterError(f"{where}: page {number}: {key} must be text, or be left out")
    return Page(number, str(p.get("name") or "").strip(), str(p.get("editor") or "").strip())


@dataclass(frozen=True)
class Placement:
    """Where one article was printed: its issue, page (when known) and place on the page."""

    issue: Issue
    page: Page | None = None
    position: int | None = None
    # The seed page it was imported from: keeps apart the pages of an issue whose 版次 is unknown.
    source: str = ""

    @property
    def order(self) -> tuple[int, str, int]:
        """Print order within the issue: page, then place on the page; pages of unknown number
        after the known ones, in the order of their seed files."""
        unknown = 10**6
        return (self.page.number if self.page else unknown, self.source, self.position or unknown)


def placement(meta: Mapping[str, Any], registers_issues: Sequence[Issue]) -> Placement | None:
    """The placement front-matter (issue, page, position) names; None for an article printed
    in no registered issue (a web-only article, or one from before the register)."""
    key = meta.get("issue")
    date = key.date() if isinstance(key, dt.datetime) else key
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date.strip())
        except ValueError:
            return None
    issue = next((i for i in registers_issues if i.date == date), None)
    if issue is None:
        return None
    number = meta.get("page")
    position = meta.get("position")
    return Placement(
        issue,
        issue.page(number) if isinstance(number, int) else None,
        position if isinstance(position, int) else None,
        str(meta.get("source") or ""),
    )


class Placed(Protocol):
    placement: Placement | None
    title: str


P = TypeVar("P", bound=Placed)


@dataclass
class PageGroup(Generic[P]):
    """The articles of one page of an issue, in print order (page None: 版次 not known)."""

    page: Page | None
    articles: list[P] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.page.label if self.page else "版次未详"


@dataclass
class Edition(Generic[P]):
    """An issue as the site shows it: its pages with their published articles, in print order."""

    issue: Issue
    pages: list[PageGroup[P]] = field(default_factory=list)
    older: Issue | None = None
    newer: Issue | None = None

    @property
    def articles(self) -> list[P]:
        return [a for g in self.pages for a in g.articles]


def editions(articles: Iterable[P]) -> list[Edition[P]]:
    """The issues that have published articles, oldest first, each with its neighbours.
    An issue none of whose articles is published is not listed (no page shows an empty issue)."""
    by_issue: dict[dt.date, list[tuple[Placement, P]]] = {}
    for a in articles:
        if a.placement is not None:
            by_issue.setdefault(a.placement.issue.date, []).append((a.placement, a))
    out: list[Edition[P]] = []
    for date in sorted(by_issue):
        placed = sorted(by_issue[date], key=lambda pa: (pa[0].order, pa[1].title))
        edition: Edition[P] = Edition(placed[0][0].issue)
        for where, a in placed:
            if not edition.pages or edition.pages[-1].page != where.page:
                edition.pages.append(PageGroup(where.page))
            edition.pages[-1].articles.append(a)
        out.append(edition)
    for older, newer in itertools.pairwise(out):
        older.newer, newer.older = newer.issue, older.issue
    return out


def neighbours(article: P, edition: Edition[P]) -> tuple[P | None, P | None]:
    """The article printed before and after this one in its issue."""
    items = edition.articles
    i = items.index(article)
    return (items[i - 1] if i > 0 else None, items[i + 1] if i + 1 < len(items) else None)


def by_year(eds: Sequence[Edition[P]]) -> list[tuple[int, list[tuple[int, list[Edition[P]]]]]]:
    """Issues newest first, grouped by year and month, as /issues/ lists them."""
    years: dict[int, dict[int, list[Edition[P]]]] = {}
    for e in sorted(eds, key=lambda e: e.issue.date, reverse=True):
        years.setdefault(e.issue.date.year, {}).setdefault(e.issue.date.month, []).append(e)
    return [(y, list(months.items())) for y, months in years.items()]

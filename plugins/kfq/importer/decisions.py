"""Editors' decisions on the import's doubts: recorded beside the pages, applied on every import.

An imported article with an open doubt is a draft. An editor resolves its doubts with
`invoke review`, which records each decision in `<source dir>/decisions.yaml`; every later
import applies them, so importing again never reopens what an editor settled and never
publishes what is still open. A decision names its article by its page and the opening of
its text, which survive a change of title or slug.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kfq.importer.errors import DecisionError
from kfq.importer.model import Article

FILE = "decisions.yaml"
_WORD_RE = re.compile(r"[^\W_]")
OPENING = 20  # letters, digits and Han characters of an article's text that name it
# Doubts that keep an article from readers until an editor settles them. The others
# (a proposed theme, a corrected extraction error) are listed in the review but publish.
BLOCKING = ("title", "date", "byline", "zone", "boundary")
# Fields an editor may set in a decision, and the doubt each one settles.
SETTABLE = {
    "title": "title",
    "kicker": None,
    "subtitle": None,
    "authors": "byline",
    "zones": "zone",
    "genre": None,
    "theme": None,
    "date": "date",
}
HEADER = """\
# decisions.yaml — editors' decisions on what the import of these pages was unsure of.
# `invoke review` writes it and `invoke import-seeds` applies it, so importing again keeps
# every decision. One entry per article, named by its page and the opening of its text:
#   source   the page file the article was cut from
#   opening  the first letters, digits and Han characters of its text (not the title,
#            which a decision may set)
#   set      fields the editor set: title, kicker, subtitle, authors, zones, genre, theme,
#            date (a date set here is the printed one: the estimate mark goes)
#   accept   kinds of doubt the editor checked and accepts as imported (date: the estimated
#            date stays, shown to readers as an estimate; byline: unsigned or as found …)
#   note     why, in a few words (optional)
"""


@dataclass
class Decision:
    """One editor's decision on one article."""

    source: str
    opening: str
    values: dict[str, object] = field(default_factory=dict)  # `set:` in the file
    accept: list[str] = field(default_factory=list)
    note: str = ""

    def settles(self) -> set[str]:
        """The kinds of doubt this decision settles."""
        kinds = {SETTABLE[k] for k in self.values if SETTABLE.get(k)}
        return {k for k in kinds if k} | set(self.accept)


def opening(article: Article) -> str:
    """The name of an article in decisions: the opening of its text."""
    return opening_of(article.body)


def opening_of(text: str) -> str:
    """The first letters, digits and Han characters of a text, without punctuation or
    Markdown, so the article file and the importer's article give the same opening."""
    return "".join(_WORD_RE.findall(text))[:OPENING]


def load(source_dir: Path) -> list[Decision]:
    """The decisions recorded for the pages in source_dir (none when there is no file)."""
    path = Path(source_dir) / FILE
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        raise DecisionError(f"{path}: cannot be read as YAML ({e}); fix the line it names") from e
    out: list[Decision] = []
    for n, entry in enumerate(data.get("decisions") or [], start=1):
        if not isinstance(entry, dict) or not entry.get("source") or not entry.get("opening"):
            raise DecisionError(f"{path}: decision {n} needs `source` and `opening`")
        unknown = set(entry.get("set") or {}) - set(SETTABLE)
        if unknown:
            raise DecisionError(
                f"{path}: decision {n} sets {sorted(unknown)}; an editor may set {sorted(SETTABLE)}"
            )
        out.append(
            Decision(
                source=str(entry["source"]),
                opening=str(entry["opening"]),
                values=dict(entry.get("set") or {}),
                accept=[str(k) for k in entry.get("accept") or []],
                note=str(entry.get("note") or ""),
            )
        )
    return out


def save(source_dir: Path, decisions: list[Decision]) -> Path:
    """Write the decisions, one entry per article, in page order."""
    path = Path(source_dir) / FILE
    entries = []
    for d in sorted(decisions, key=lambda d: (d.source, d.opening)):
        entry: dict[str, object] = {"source": d.source, "opening": d.opening}
        if d.values:
            entry["set"] = d.values
        if d.accept:
            entry["accept"] = sorted(set(d.accept))
        if d.note:
            entry["note"] = d.note
        entries.append(entry)
    body = yaml.safe_dump({"decisions": entries}, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(HEADER + body, encoding="utf-8", newline="\n")
    return path


def find(decisions: list[Decision], article: Article) -> Decision | None:
    """The decision about this article, if an editor made one."""
    key = opening(article)
    return next((d for d in decisions if d.source == article.source and d.opening == key), None)


def apply(decision: Decision | None, article: Article) -> Article:
    """Set what the editor set, and close the doubts the decision settles."""
    if decision is None:
        return article
    for name, value in decision.values.items():
        if name == "date":
            article.date = _date(value, decision)
            article.date_basis = None
        elif name in ("authors", "zones"):
            setattr(article, name, [str(v) for v in value] if isinstance(value, list) else [str(value)])
        else:
            setattr(article, name, str(value) if value is not None else None)
    if "title" in decision.values:
        article.provisional = False
    settled = decision.settles()
    article.review = [r for r in article.review if r.kind not in settled]
    return article


def doubts(article: Article, kinds: tuple[str, ...] = BLOCKING) -> list[str]:
    """The article's open doubts of these kinds, as its front-matter lists them."""
    return [
        f"{r.kind}: {_one_line(r.message)}" + (f" [{r.text}]" if r.text else "")
        for r in article.review
        if r.kind in kinds
    ]


def _date(value: object, decision: Decision) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as e:
        raise DecisionError(
            f"{FILE}: the decision on «{decision.opening}» ({decision.source}) sets date "
            f"{value!r}: write YYYY-MM-DD"
        ) from e


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()

"""The editors' review of an import: the drafts with open doubts, and recording a decision.

`invoke review` lists what `open_articles` finds, asks an editor about each doubt, records
the answers with `decide` in the pages' decisions.yaml, and imports again: the one path by
which a doubt is closed, so a later import keeps the decision.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kfq.frontmatter import read_source
from kfq.importer import decisions
from kfq.importer.errors import DecisionError
from kfq.importer.ledger import article_files


@dataclass(frozen=True)
class OpenArticle:
    """A draft the importer wrote with doubts still open."""

    path: Path
    source: str
    opening: str
    title: str
    meta: dict[str, object]
    doubts: list[str]

    @property
    def kinds(self) -> list[str]:
        """The kinds of its open doubts (title, date, byline, zone, boundary), in order."""
        seen: list[str] = []
        for d in self.doubts:
            kind = d.split(":", 1)[0].strip()
            if kind not in seen:
                seen.append(kind)
        return seen


def open_articles(dest: Path) -> list[OpenArticle]:
    """Every imported article under dest that still lists doubts, in page order."""
    found: list[OpenArticle] = []
    for path in article_files(Path(dest)):
        src, problems = read_source(path)
        doubts = src.meta.get("doubts") if not problems else None
        if not doubts or not src.meta.get("source"):
            continue
        found.append(
            OpenArticle(
                path=path,
                source=str(src.meta["source"]),
                opening=decisions.opening_of(src.body),
                title=str(src.meta.get("title") or ""),
                meta=dict(src.meta),
                doubts=[str(d) for d in doubts],
            )
        )
    return sorted(found, key=lambda a: (a.source, a.path.name))


def decide(
    source_dir: Path,
    article: OpenArticle,
    set_fields: dict[str, object] | None = None,
    accept: list[str] | None = None,
    note: str = "",
) -> decisions.Decision:
    """Record an editor's decision on an article (merged with any earlier one) and save it."""
    unknown = set(set_fields or {}) - set(decisions.SETTABLE)
    if unknown:
        raise DecisionError(f"cannot set {sorted(unknown)}: an editor may set {sorted(decisions.SETTABLE)}")
    recorded = decisions.load(source_dir)
    match = next((d for d in recorded if d.source == article.source and d.opening == article.opening), None)
    if match is None:
        match = decisions.Decision(article.source, article.opening)
        recorded.append(match)
    match.values.update(set_fields or {})
    match.accept = sorted(set(match.accept) | set(accept or []))
    if note:
        match.note = note
    decisions.save(source_dir, recorded)
    return match


# What an editor is asked for each kind of doubt, and how the answer becomes a decision.
QUESTIONS = {
    "title": "headline",
    "date": "printed date YYYY-MM-DD, or 'estimate' to publish it as an estimate",
    "byline": "authors separated by 、, '-' for unsigned, or 'ok' to keep them as imported",
    "zone": "zones separated by 、 (primary first), '-' for none, or 'ok' to keep them",
    "boundary": "'ok' when the article starts and ends where it should",
    # The guesses `invoke intake` lists in a submission's draft (imported drafts carry none):
    # 'ok' keeps the draft's value; to change one, edit the file first.
    "theme": "'ok' to keep the proposed theme (edit the draft to change it)",
    "topics": "'ok' to keep the proposed topics (edit the draft to change them)",
    "genre": "'ok' to keep the proposed genre (edit the draft to change it)",
    "length": "'ok' when the length is right for the genre",
    "image": "'ok' when image_alt says what the photo shows (edit the draft to change it)",
}
KEEP = ("ok", "y", "yes", "是")


def ask(article: OpenArticle, prompt: Callable[[str], str]) -> tuple[dict[str, object], list[str]]:
    """Ask about each open doubt; an empty answer leaves that doubt open.

    Returns the fields to set and the kinds accepted as imported."""
    set_fields: dict[str, object] = {}
    accept: list[str] = []
    for kind in article.kinds:
        question = QUESTIONS.get(kind)
        if question is None:
            continue
        answer = prompt(f"  {kind}: {question} (Enter leaves it open): ").strip()
        if not answer:
            continue
        lowered = answer.lower()
        if kind == "title":
            set_fields["title"] = answer
        elif kind == "date":
            if lowered in ("estimate", "e", "估计"):
                accept.append("date")
            else:
                set_fields["date"] = answer
        elif kind in ("byline", "zone"):
            name = "authors" if kind == "byline" else "zones"
            if lowered in KEEP:
                accept.append(kind)
            elif answer == "-":
                set_fields[name] = []
            else:
                set_fields[name] = [n.strip() for n in re.split(r"[、,，\s]+", answer) if n.strip()]
        elif lowered in KEEP:
            accept.append(kind)
    return set_fields, accept

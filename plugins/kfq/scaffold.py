"""Scaffold a new article for `invoke new`: a valid front-matter and a stable pinyin slug."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from kfq.contract import SCAFFOLD_HINT
from kfq.errors import ArticleExists, Problem
from kfq.registers import Registers
from kfq.slugs import slugify, unique_slug


@dataclass(frozen=True)
class Draft:
    """What the editor asked for on the command line."""

    title: str
    date: dt.date
    zones: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    genre: str | None = None
    theme: str | None = None
    status: str = "draft"


def existing_slugs(articles_dir: Path) -> set[str]:
    """Slugs already taken: every article file's stem (the contract keeps stem == slug)."""
    return {p.stem for p in Path(articles_dir).rglob("*.md")}


def _known(kind: str, value: str, ok: bool, choices: list[str]) -> Problem | None:
    if ok:
        return None
    return Problem("invoke new", 0, kind, f"'{value}' is not known", "use one of: " + "、".join(choices))


def check_request(draft: Draft, registers: Registers) -> list[Problem]:
    """Problems with the command-line values, before any file is written."""
    call = registers.call_for(draft.date)
    found = [
        *(
            _known("zone", z, registers.zone_named(z) is not None, [z.name for z in registers.zones])
            for z in draft.zones
        ),
        *(
            _known(
                "author",
                a,
                registers.contributor_named(a) is not None,
                [c.name for c in registers.contributors],
            )
            for a in draft.authors
        ),
    ]
    # Genre and theme must be among the call in force's, exactly as the validator demands.
    for kind, value in (("genre", draft.genre), ("theme", draft.theme)):
        if value:
            choices = list(getattr(call, f"{kind}_names")) if call else []
            found.append(_known(kind, value, value in choices, choices))
    if not draft.title.strip():
        found.append(Problem("invoke new", 0, "title", "is empty", 'give a title: --title "…"'))
    return [p for p in found if p]


def render(draft: Draft, slug: str, registers: Registers) -> str:
    """The article file's text: front-matter in the contract's field order, then a body hint."""
    # canonical names; scaffold() checked that the register knows each one
    zones = [z.name for z in map(registers.zone_named, draft.zones) if z is not None]
    authors = [c.name for c in map(registers.contributor_named, draft.authors) if c is not None]
    meta: dict[str, object] = {"title": draft.title.strip(), "authors": authors, "zones": zones, "topics": []}
    if draft.theme:
        meta["theme"] = draft.theme
    if draft.genre:
        meta["genre"] = draft.genre
    meta.update({"date": draft.date, "slug": slug, "status": draft.status})
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000)
    return f"---\n{front}---\n\n本刊讯 {SCAFFOLD_HINT}；段落之间空一行，小标题写成 `## 小标题`。）\n"


def scaffold(articles_dir: Path, draft: Draft, registers: Registers) -> Path:
    """Write content/articles/YYYY/<slug>.md for draft; never overwrites a file."""
    base = slugify(draft.title, registers.places) or "article"
    slug = unique_slug(base, existing_slugs(articles_dir))
    path = Path(articles_dir) / f"{draft.date.year}" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as f:  # 'x': fail rather than overwrite
            f.write(render(draft, slug, registers))
    except FileExistsError as e:
        raise ArticleExists(f"{path} already exists — choose another title or edit that file") from e
    return path

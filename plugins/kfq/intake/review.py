"""The editors' review of submitted drafts: `invoke review` asks about their doubts as it asks
about the importer's, and writes the answers into the draft itself.

An imported article is settled through its page's decisions file and imported again; a
submission has no page, so its draft is the record: a settled doubt leaves its `doubts:` list,
a field the editor gives replaces the draft's, and a draft with no doubt left is published.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kfq.contract import FIELDS, parse_date
from kfq.frontmatter import read_source
from kfq.importer import decisions
from kfq.importer.ledger import article_files
from kfq.importer.resolve import OpenArticle
from kfq.importer.write import front_matter
from kfq.intake.errors import IntakeError


def open_drafts(articles: Path) -> list[OpenArticle]:
    """Every draft under articles with open doubts that came from `invoke intake` (no `source`)."""
    found = []
    for path in article_files(Path(articles)):
        src, problems = read_source(path)
        doubts = src.meta.get("doubts") if not problems else None
        if not doubts or src.meta.get("source") or src.meta.get("status") != "draft":
            continue
        found.append(
            OpenArticle(
                path=path,
                source="",
                opening=decisions.opening_of(src.body),
                title=str(src.meta.get("title") or ""),
                meta=dict(src.meta),
                doubts=[str(d) for d in doubts],
            )
        )
    return found


def settle(article: OpenArticle, set_fields: dict[str, object], accept: list[str]) -> Path:
    """Write the editor's answers into the draft; returns its path (moved when the year changed)."""
    src, problems = read_source(article.path)
    if problems:
        raise IntakeError(f"{article.path}: cannot be read ({problems[0]}) — fix it, then review again")
    settled = {decisions.SETTABLE.get(k) or k for k in set_fields} | set(accept)
    meta = dict(src.meta)
    meta.update(set_fields)
    left = [d for d in article.doubts if d.split(":", 1)[0].strip() not in settled]
    meta["doubts"] = left
    if not left:
        del meta["doubts"]
        meta["status"] = "published"
    date = parse_date(meta.get("date"))
    if date is None:
        raise IntakeError(f"{article.path}: date {meta.get('date')!r} is not a date — write YYYY-MM-DD")
    meta["date"] = date
    fields = [(k, _value(meta[k])) for k in FIELDS if k in meta]
    fields += [(k, _value(v)) for k, v in meta.items() if k not in FIELDS]
    text = f"---\n{front_matter(fields)}---\n\n{src.body.strip()}\n"
    target = article.path.parent.parent / str(date.year) / article.path.name
    if target != article.path and target.exists():
        raise IntakeError(f"{target} already exists — the draft stays in {article.path.parent}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="\n")
    if target != article.path:
        article.path.unlink()
    return target


def _value(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.date()
    return value

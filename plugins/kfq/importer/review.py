"""The review: what the importer was unsure of or set aside, printed and written to a file."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kfq.importer.articles import Split
from kfq.importer.model import ReviewItem

REVIEW_FILE = "import-review.txt"  # beside the articles; not .md, so Pelican never reads it
KIND_ORDER = (
    "date",
    "title",
    "boundary",
    "headline",
    "byline",
    "zone",
    "correction",
    "notice",
    "furniture",
    "error",
    "skipped",
)


def page_items(source: str, split: Split) -> list[ReviewItem]:
    """Review items for what the page held besides articles: furniture, notices, orphans."""
    items = list(split.review)
    for b in split.furniture:
        items.append(ReviewItem(source, "furniture", b.text, "page furniture, dropped", b.first))
    for head, blocks in split.notices:
        size = sum(len(b.text) for b in blocks)
        items.append(
            ReviewItem(
                source,
                "notice",
                head.title,
                f"a notice of the paper ({size} characters), not imported as an article",
                head.first,
            )
        )
    return items


def render(items: Iterable[ReviewItem]) -> str:
    """The review as text, grouped by seed file, in page order."""
    items = sorted(items, key=lambda i: (i.source, i.line, _rank(i.kind), i.text, i.message))
    if not items:
        return "Import review: nothing to check.\n"
    lines = [f"Import review: {len(items)} item(s) to check."]
    source = None
    for item in items:
        if item.source != source:
            source = item.source
            lines += ["", source]
        about = f" «{item.article}»" if item.article else ""
        text = f" [{item.text}]" if item.text else ""
        lines.append(f"  {source}:{item.line}: {item.kind}:{about}{text} {item.message}")
    return "\n".join(lines) + "\n"


def write(items: Iterable[ReviewItem], dest: Path) -> Path:
    """Write the review file beside the imported articles."""
    path = dest / REVIEW_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(items), encoding="utf-8", newline="\n")
    return path


def _rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)

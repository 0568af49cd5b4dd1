"""Enriched submission → a draft article file (and its photo under content/images/); never
overwrites a file.

The front-matter is written by the importer's writer (kfq.importer.write), in the contract's
order, with `status: draft` and every doubt listed: an editor settles them and publishes. The
body is laid out as the importer lays it out, but escaped whole: a submission is text as
typed, where an imported page may carry the importer's own markup (H<sub>2</sub>O).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from kfq.house_style import tidy
from kfq.images import ImageInfo
from kfq.importer.decisions import doubts
from kfq.importer.model import Article, Paragraph
from kfq.importer.write import escape_start, front_matter, leading_fields

# The kinds of doubt a draft lists: the importer's blocking ones and every guess of the intake.
DOUBT_KINDS = ("title", "date", "byline", "zone", "boundary", "theme", "topics", "genre", "length", "image")
IMAGES = "images"  # under content/: the originals of the articles' photos

# What Python-Markdown (with the site's `extra`) would read as markup and so take out of the
# text: inside a paragraph, emphasis (*, _), code (`), links, footnotes and [TOC] ([),
# attribute lists ({), a backslash before these, an HTML tag or a mail/web link (<…), an
# entity (&copy;); at its start, a heading, quote, list item, rule or definition (: …).
# A contributor's *注, 3*5 or 1. must reach the reader as typed. The escapes go in after the
# house rule (kfq.house_style), and only beside ASCII, so the rule finds nothing to change.
_INLINE = re.compile(r"[\\`*_{}\[\]]")
# Every < but one before a space: a tag or a mail link may close in a later paragraph (<A …
# here, > there), while neither starts with "< " (Python-Markdown, markdown-it and the HTML
# parser all read it as text), and "&lt; 一" would have the house rule turn its ';' into '；'.
_TAG = re.compile(r"<(?=(.?))(?![ \u00a0])")
# Python-Markdown takes &#20013 for an entity with or without its ';' (and adds it).
_ENTITY = re.compile(r"&(?=#\d|#[xX][0-9a-fA-F]|[A-Za-z][A-Za-z0-9]*;)")


def literal(text: str) -> str:
    """A paragraph's text (after the house rule) escaped so that Markdown shows it as typed."""
    text = _INLINE.sub(lambda m: "\\" + m.group(0), text)
    text = _TAG.sub(_lt, _ENTITY.sub("&amp;", text))  # this order: &lt; is no typed entity
    return escape_start(text)


def _lt(m: re.Match[str]) -> str:
    # Before Chinese, &#60 without its ';' (Python-Markdown adds it): a ';' beside Han is one
    # the house rule would make full-width, breaking the entity.
    return "&lt;" if m.group(1).isascii() else "&#60"


def markdown(paragraphs: list[Paragraph]) -> str:
    """The body: paragraphs and ## headings separated by blank lines, as the importer's writer
    lays them out, each by the house rule and escaped."""
    return "\n\n".join(("## " if p.heading else "") + literal(tidy(p.text)) for p in paragraphs)


@dataclass(frozen=True)
class Photo:
    """The photo of a draft: bytes as sent, what they are, caption and credit."""

    data: bytes
    info: ImageInfo
    alt: str
    caption: str | None
    credit: str | None


def image_path(article: Article, info: ImageInfo) -> str:
    """Where the photo's original goes, relative to content/: images/YYYY/<slug>.jpg."""
    assert article.date is not None
    return f"{IMAGES}/{article.date.year}/{article.slug}{info.suffix}"


def render(article: Article, photo: Photo | None) -> str:
    """The draft's text: front-matter (contract order) and Markdown body."""
    fields = leading_fields(article)
    assert isinstance(article.date, dt.date)
    fields += [("date", article.date), ("slug", article.slug)]
    if photo is not None:
        fields += [("image", image_path(article, photo.info)), ("image_alt", photo.alt)]
        if photo.caption:
            fields.append(("image_caption", photo.caption))
        if photo.credit:
            fields.append(("image_credit", photo.credit))
    fields.append(("status", "draft"))
    listed = doubts(article, DOUBT_KINDS)
    if listed:
        fields.append(("doubts", listed))
    return f"---\n{front_matter(fields)}---\n\n{markdown(article.paragraphs)}\n"


def write(article: Article, photo: Photo | None, content: Path) -> tuple[Path, Path | None]:
    """Write content/articles/YYYY/<slug>.md (and the photo); FileExistsError if either exists."""
    assert article.date is not None
    path = Path(content) / "articles" / str(article.date.year) / f"{article.slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    image = None
    if photo is not None:
        image = Path(content) / image_path(article, photo.info)
        image.parent.mkdir(parents=True, exist_ok=True)
        with image.open("xb") as f:  # 'x': fail rather than overwrite
            f.write(photo.data)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as f:
            f.write(render(article, photo))
    except FileExistsError:
        if image is not None:
            image.unlink()
        raise
    return path, image

"""Enriched submission → a draft article file (and its photo under content/images/); never
overwrites a file.

The front-matter is written by the importer's writer (kfq.importer.write), in the contract's
order, with `status: draft` and every doubt listed: an editor settles them and publishes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

from kfq.images import ImageInfo
from kfq.importer.decisions import doubts
from kfq.importer.model import Article
from kfq.importer.write import front_matter, leading_fields, markdown_body

# The kinds of doubt a draft lists: the importer's blocking ones and every guess of the intake.
DOUBT_KINDS = ("title", "date", "byline", "zone", "boundary", "theme", "topics", "genre", "length", "image")
IMAGES = "images"  # under content/: the originals of the articles' photos

# What Python-Markdown (with the site's `extra`) would read as markup inside a paragraph and
# so take out of the text: emphasis (*, _), code (`), links and footnotes ([), attribute
# lists ({), a backslash before any of these, an HTML tag or autolink (<…>), an entity (&lt;).
# A contributor's 3*5 or *注 must reach the reader as typed. (A paragraph's start, # > - 1.,
# is escaped by the importer's writer.)
_INLINE = re.compile(r"[\\`*_{}\[\]]")
_TAG = re.compile(r"<(?=.*>)")  # every < before a > (<<x@y.cn> is still a mail link)
_ENTITY = re.compile(r"&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")


def literal(text: str) -> str:
    """text escaped so that Markdown shows every character of it as typed."""
    text = _INLINE.sub(lambda m: "\\" + m.group(0), text)
    return _TAG.sub("&lt;", _ENTITY.sub("&amp;", text))  # this order: &lt; is no typed entity


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
    body = markdown_body([replace(p, text=literal(p.text)) for p in article.paragraphs])
    return f"---\n{front_matter(fields)}---\n\n{body}\n"


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

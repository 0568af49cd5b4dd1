"""An article body as HTML: markdown-it-py for bodies in the contract's plain form, else Python-Markdown.

The contract's body is paragraphs and `##` headings (design §2): for such a body markdown-it-py
(CommonMark) writes the HTML Python-Markdown (with `extra`, `toc` and html5 output, as
pelicanconf.py's MARKDOWN sets it up) writes, in about a quarter of the time. Everything else
an editor may write (emphasis, lists, links, tables, footnotes, raw HTML, code …) is where
the two dialects part, so a body with any of it, or any character that could start it, goes
to Python-Markdown as before. `tests/test_markup.py` holds the two engines to the same bytes
on every seed article, the bench corpus and generated plain bodies.
"""

from __future__ import annotations

import re
from functools import cache

from markdown.extensions.toc import slugify_unicode, unique  # type: ignore[import-untyped]
from markdown_it import MarkdownIt

# What a plain body's lines may not hold: any character that opens inline markup or an
# entity in either dialect, changes how text is escaped (" and ' are escaped by one engine
# and not the other), or is a control character or a tab.
_SPECIAL = re.compile("[\\\\`*_\\[\\]{}<>&!|~^\"'\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
# A paragraph line may not start as a block in either dialect: a heading without its space,
# a list, quote, rule, table, definition, setext underline or indented code.
_BLOCK_START = re.compile(r"\s|[#+=:\-]|\d+[.)]")
_ATX = re.compile(r"#{1,6} \S")
# Pelican adds Python-Markdown's meta extension, which takes `Key: value` lines at the start
# of a body for metadata (its META_RE).
_META = re.compile(r"[ ]{0,3}[A-Za-z0-9_-]+:")
_HEADING = re.compile(r"^(<h[1-6])>(.*)</h[1-6]>$", re.MULTILINE)


def _plain_line(line: str) -> bool:
    if not line:
        return True
    if line != line.rstrip():  # trailing spaces are a hard line break in both, written apart
        return False
    if line.startswith("#"):  # an ATX heading without closing #s
        return _ATX.match(line) is not None and not line.endswith("#")
    return _BLOCK_START.match(line) is None


def is_plain(body: str) -> bool:
    """True when the body is only paragraphs and ATX headings of plain text."""
    return (
        _SPECIAL.search(body) is None
        and _META.match(body) is None
        and all(_plain_line(line) for line in body.split("\n"))
    )


# The Python-Markdown set-up (pelicanconf.py's MARKDOWN) the fast path writes the HTML of.
EXTENSIONS = {
    "markdown.extensions.extra": {},
    "markdown.extensions.toc": {"permalink": False, "slugify": slugify_unicode},
}


def same_dialect(markdown_settings: dict) -> bool:
    """True when Pelican's MARKDOWN setting is the set-up plain_html writes the HTML of."""
    return (
        markdown_settings.get("output_format") == "html5"
        and markdown_settings.get("extension_configs") == EXTENSIONS
        and set(markdown_settings.get("extensions") or []) <= {*EXTENSIONS, "markdown.extensions.meta"}
    )


@cache
def _commonmark() -> MarkdownIt:
    return MarkdownIt("commonmark")


def plain_html(body: str) -> str | None:
    """The body as Python-Markdown would write it, or None when the body is not plain."""
    if not is_plain(body):
        return None
    html = _commonmark().render(body).rstrip("\n")
    used: set[str] = set()
    counters: dict[str, int] = {}

    # Python-Markdown's toc gives every heading an id: its text, whitespace collapsed,
    # slugified (slugify_unicode, as pelicanconf.py sets it), made unique in the page.
    def with_id(m: re.Match[str]) -> str:
        ident = unique(slugify_unicode(" ".join(m.group(2).split()), "-"), used, counters)
        return f'{m.group(1)} id="{ident}">{m.group(2)}</{m.group(1)[1:]}>'

    return _HEADING.sub(with_id, html)

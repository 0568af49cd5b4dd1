"""The conservation check: every Han character of a page ends up in exactly one place."""

from __future__ import annotations

from collections import Counter

from kfq.importer.articles import Split
from kfq.importer.errors import CharactersLost
from kfq.importer.model import Article, Headline, Page
from kfq.text import HAN_RE


def han(text: str) -> Counter[str]:
    """The Han characters of text, counted."""
    return Counter(HAN_RE.findall(text))


def _headline(h: Headline | None) -> Counter[str]:
    if h is None:
        return Counter()
    return han(h.printed) + han("".join(h.bylines)) + han("".join(h.labels))


def accounted(split: Split, articles: list[Article]) -> Counter[str]:
    """Han characters in the bodies, headlines, bylines, corrections and the review."""
    out: Counter[str] = Counter()
    for a in articles:
        h = a.headline
        out += han(h.printed) + han("".join(h.labels)) if h else Counter()
        out += han(a.body) + han("".join(a.bylines))
        for c in a.corrections:  # a corrected 伊 was on the page: count what was printed
            out += han(c.original)
            out -= han(c.replacement)
    for b in split.furniture + split.stray:
        out += han(b.text)
    for head, blocks in split.notices:
        out += _headline(head) + han("".join(b.text for b in blocks))
    for head in split.orphans:
        out += _headline(head)
    return out


def check(page: Page, split: Split, articles: list[Article]) -> None:
    """Raise CharactersLost unless the page's Han characters in equal those accounted for."""
    given, got = han(page.text), accounted(split, articles)
    if given != got:
        raise CharactersLost(page.name, dict(given - got), dict(got - given))

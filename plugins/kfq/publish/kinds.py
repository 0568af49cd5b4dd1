"""Each file of a built site by kind: what a server or bucket must say about caching it."""

from __future__ import annotations

import re
from enum import Enum

from kfq.assets import is_fingerprinted

# A year for names that carry their content's digest; five minutes for everything else, so
# a new issue reaches readers quickly. deploy/nginx/conf.d/kfq.conf holds the same rules (a
# test compares its answers with these).
LONG = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"

# Pagefind names its index chunks, fragments, filters and metadata by their content, in each
# year bundle (pagefind/<years>/, kfq.search); its list, pagefind/bundles.json, changes.
_PAGEFIND_HASHED = re.compile(
    r"^pagefind/(?:[^/]+/)?(?:(?:fragment|index|filter)/|pagefind\.[^/]+\.pf_meta$)"
)


class Kind(Enum):
    """The upload order: immutable assets, then other files, then the pages that use them."""

    IMMUTABLE = 1
    OTHER = 2
    PAGE = 3


def kind(rel: str) -> Kind:
    """The kind of a file by its path relative to the site's root (forward slashes)."""
    if _PAGEFIND_HASHED.match(rel) or (rel.startswith("theme/") and is_fingerprinted(rel)):
        return Kind.IMMUTABLE
    if rel.endswith(".html"):
        return Kind.PAGE
    return Kind.OTHER


def cache_control(rel: str) -> str:
    """The Cache-Control a file is served with."""
    return LONG if kind(rel) is Kind.IMMUTABLE else SHORT


def is_office_file(rel: str) -> bool:
    """A year-end office file (contributors/YYYY/*, not the page): public only on request."""
    parts = rel.split("/")
    return len(parts) >= 3 and parts[0] == "contributors" and parts[2:] != ["index.html"]

"""The KFQ settings dict: documented defaults, merged under what pelicanconf.py sets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {
    # Where the registers live, relative to Pelican's PATH (the content folder).
    "DATA_DIR": "data",
    # Plugins the site cannot do without; a build where one did not load is stopped.
    "REQUIRED_PLUGINS": [],
    # Entries in each Atom feed, newest first.
    "FEED_LENGTH": 50,
    # Feeds need absolute links; a build without SITEURL links to the local server.
    "LOCAL_SITEURL": "http://127.0.0.1:8000",
    # Render drafts at their own URLs, marked 草稿 · 未发布 and noindex, listed nowhere: only
    # the editors' loop (invoke livereload) sets it; every other build drops drafts.
    "PREVIEW_DRAFTS": False,
    # Build the Pagefind index with each build (livereload turns it off for speed).
    "SEARCH_INDEX": True,
    # The pages Pagefind reads; within them only data-pagefind-body elements are indexed.
    # The pages sit in a folder per year under the glob's folder, and are indexed in bundles.
    "SEARCH_GLOB": "articles/**/*.html",
    # At most this many articles in one search bundle (consecutive years; a year with more
    # is a bundle of its own), and in the bundles being indexed at once: Pagefind holds about
    # 0.13 MB per article it indexes, so 2,500 keep it near 400 MB beside Pelican's own
    # memory. A smaller site is cut into a bundle per core (kfq.search, README "Search index").
    "SEARCH_BUNDLE": 2500,
    # How many related articles an article page shows.
    "RELATED_COUNT": 5,
    # Ship lighter pages (kfq_minify): templates without their layout whitespace, minified
    # CSS (the readable CSS stays in theme/static/css/). Off to read pages as written.
    "MINIFY": True,
    # Link the theme's files by names that carry a digest of their content (kfq_assets), so a
    # server can let browsers keep them for a year.
    "FINGERPRINT_ASSETS": True,
    # Render a full build into a fresh folder beside OUTPUT_PATH and swap it in only when the
    # whole build succeeded (kfq_guard); `invoke build` turns it off and stages itself, so the
    # search index step is part of what must succeed.
    "ATOMIC": True,
}


def kfq_settings(settings: dict[str, Any]) -> dict[str, Any]:
    """KFQ from a Pelican settings dict, every missing key filled from DEFAULTS."""
    return {**DEFAULTS, **(settings.get("KFQ") or {})}


def data_dir(settings: dict[str, Any]) -> Path:
    """The absolute folder of the registers for these settings."""
    return Path(settings["PATH"]) / kfq_settings(settings)["DATA_DIR"]

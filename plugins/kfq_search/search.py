"""Index the article pages with Pagefind beside Pelican, in year bundles; write the search page."""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

from markupsafe import Markup

from kfq.search import Indexer, SearchIndexError, cores, plan
from kfq.search_terms import reader_terms
from kfq.settings import kfq_settings
from kfq_catalog.pages import ListingGenerator

logger = logging.getLogger(__name__)


class SearchPageGenerator(ListingGenerator):
    """Writes /search/: the page that loads the index in the reader's browser, and
    /search/terms.json, the registers' pinyin and spellings its script reads."""

    def generate_output(self, writer) -> None:
        self.write(writer, "search", "search/")
        terms = Path(self.output_path) / "search" / "terms.json"
        terms.write_text(
            json.dumps(reader_terms(self.registers), ensure_ascii=False, separators=(",", ":")),
            encoding="utf-8",
        )


class _Build:
    """The one build this process runs: its indexer, and the folder of the documents it reads."""

    indexer: Indexer | None = None
    documents: Path | None = None


# The template of what the index reads of an article page (its data-pagefind-body element).
STORY = "includes/story.html"


def start_index(generator) -> None:
    """Once the articles are known, render each one's story, the part of its page the index
    reads, and have Pagefind index the stories while Pelican writes the pages.

    The story is rendered once: the page shows the same rendering (article.story, see
    article.html), so the index is the one Pagefind would make of the written pages, and it
    starts before the first page is written. Each story is written as a document of its own,
    at its page's path in a folder in memory (/dev/shm), inside the page's <html lang>; a
    bundle is indexed as soon as its documents are all written, newest first. The folder goes
    when the index is done (about 9 KB an article: 90 MB at 10,000 while the index is made).

    Skipped when KFQ["SEARCH_INDEX"] is false, as `invoke livereload` sets it so an editor's
    save is not held up by re-indexing the site (its pages render the story themselves).
    """
    abort_index()  # a build of this process that stopped half way
    settings = kfq_settings(generator.settings)
    if not settings["SEARCH_INDEX"]:
        logger.info("search index: skipped (KFQ SEARCH_INDEX is off)")
        return
    if generator.settings.get("RELATIVE_URLS"):
        # A story rendered once has one set of links; relative links differ page by page.
        raise SearchIndexError(
            "RELATIVE_URLS is on: the search index renders each article's story once for its page "
            "and the index, with the site's absolute links — set RELATIVE_URLS = False"
        )
    pages = {a.save_as: a for a in generator.articles}
    limit, workers = settings["SEARCH_BUNDLE"], cores()
    bundles = plan(pages, settings["SEARCH_GLOB"], limit, workers)
    if not bundles:
        return
    indexed = {page for bundle in bundles for page in bundle.pages}
    _Build.documents = Path(tempfile.mkdtemp(prefix="kfq-search-", dir=_memory_folder(len(indexed))))
    _Build.indexer = Indexer(
        Path(generator.output_path).absolute(), bundles, limit, workers, source=_Build.documents
    )
    story = generator.env.get_template(STORY)
    # Pagefind takes the index's language from <html lang>, lowercased: the site's language
    # (Pelican lowercases DEFAULT_LANG; the pages say zh-CN) gives the pages' index, as
    # tests/test_search_build.py checks against Pagefind's index of the written pages.
    lang = generator.settings["DEFAULT_LANG"]
    for page, article in pages.items():  # Pelican's order: the newest first
        if page not in indexed:
            continue
        article.story = Markup(story.render(generator.context, article=article))
        document = _Build.documents / page
        document.parent.mkdir(parents=True, exist_ok=True)
        document.write_text(
            f'<!DOCTYPE html><html lang="{lang}"><body>{article.story}</body></html>', encoding="utf-8"
        )
        _Build.indexer.written(page)


# What one article's story document takes in /dev/shm at most (they average 9 KB, and tmpfs
# gives each file whole 4 KB pages).
DOCUMENT_BYTES = 24 * 1024


def _memory_folder(articles: int) -> str | None:
    """/dev/shm where Linux has it with room for the stories: each story needs a folder of
    its own (the page's path decides the address the index gives), and a folder costs about
    0.8 ms on the bench machine's disk against 0.01 ms in memory (1,000 articles: 0.8 s
    against 0.01 s). Elsewhere, or when it is small (a container's is often 64 MB), the
    system's temporary folder (None)."""
    shm = "/dev/shm"
    try:
        room = os.statvfs(shm)
    except OSError:
        return None
    if not os.access(shm, os.W_OK | os.X_OK) or room.f_bavail * room.f_frsize < 2 * articles * DOCUMENT_BYTES:
        return None
    return shm


def _drop_documents() -> None:
    documents, _Build.documents = _Build.documents, None
    if documents is not None:
        shutil.rmtree(documents, ignore_errors=True)


def abort_index() -> None:
    """Stop a build's indexer that was not finished (the build failed): no bundle is started
    after this, and the one Pagefind is writing is waited for, so the failed build's folder can
    be removed without Pagefind making it anew."""
    indexer, _Build.indexer = _Build.indexer, None
    if indexer is not None:
        indexer.abort()
    _drop_documents()


def finish_index(pelican) -> None:
    """Wait for the last bundles; a failure stops the build (kfq_guard tells it)."""
    indexer, _Build.indexer = _Build.indexer, None
    if indexer is None:
        if kfq_settings(pelican.settings)["SEARCH_INDEX"]:
            logger.info("search index: no article pages yet, nothing to index")
        return
    start = time.perf_counter()
    try:
        seconds = indexer.finish() or 0.0
    finally:
        _drop_documents()
    names = ", ".join(b.name for b in indexer.bundles)
    # Printed, as Pelican prints its own summary: the log shows warnings only.
    print(
        f"search index: {len(indexer.bundles)} bundle(s) ({names}); Pagefind worked {seconds:.1f} s, "
        f"the build waited {time.perf_counter() - start:.1f} s for it at its end"
    )

"""Index the article pages with Pagefind beside Pelican, in year bundles; write the search page."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from kfq.search import Indexer, cores, plan
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
    """The one build this process runs: its output folder and its indexer."""

    output: Path | None = None
    indexer: Indexer | None = None


def start_index(generator) -> None:
    """Once the articles are known, plan the bundles and start the worker that indexes them.

    Skipped when KFQ["SEARCH_INDEX"] is false, as `invoke livereload` sets it so an editor's
    save is not held up by re-indexing the site.
    """
    abort_index()  # a build of this process that stopped half way
    _Build.output = None
    settings = kfq_settings(generator.settings)
    if not settings["SEARCH_INDEX"]:
        logger.info("search index: skipped (KFQ SEARCH_INDEX is off)")
        return
    pages = [a.save_as for a in generator.articles]
    limit, workers = settings["SEARCH_BUNDLE"], cores()
    bundles = plan(pages, settings["SEARCH_GLOB"], limit, workers)
    if bundles:
        _Build.output = Path(generator.output_path).absolute()
        _Build.indexer = Indexer(_Build.output, bundles, limit, workers)


def abort_index() -> None:
    """Stop a build's indexer that was not finished (the build failed): no bundle is started
    after this, and the one Pagefind is writing is waited for, so the failed build's folder can
    be removed without Pagefind making it anew."""
    indexer, _Build.indexer = _Build.indexer, None
    if indexer is not None:
        indexer.abort()


def page_written(path, context=None) -> None:
    """An output file is on disk: the indexer takes it if it is an article page."""
    if _Build.indexer is None or _Build.output is None:
        return
    page = Path(path).absolute()
    if page.is_relative_to(_Build.output):
        _Build.indexer.written(page.relative_to(_Build.output).as_posix())


def finish_index(pelican) -> None:
    """Wait for the last bundles; a failure stops the build (kfq_guard tells it)."""
    indexer, _Build.indexer = _Build.indexer, None
    if indexer is None:
        if kfq_settings(pelican.settings)["SEARCH_INDEX"]:
            logger.info("search index: no article pages yet, nothing to index")
        return
    start = time.perf_counter()
    seconds = indexer.finish() or 0.0
    names = ", ".join(b.name for b in indexer.bundles)
    # Printed, as Pelican prints its own summary: the log shows warnings only.
    print(
        f"search index: {len(indexer.bundles)} bundle(s) ({names}); Pagefind worked {seconds:.1f} s, "
        f"the build waited {time.perf_counter() - start:.1f} s for it at its end"
    )

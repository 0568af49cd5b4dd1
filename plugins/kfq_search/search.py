"""Run Pagefind (extended) over the built site; write the search page that queries it."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from kfq.search import build_index as index_site
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


def build_index(pelican) -> None:
    """Index the article pages of the output with Pagefind's extended build (jieba for Chinese).

    Skipped when KFQ["SEARCH_INDEX"] is false, as `invoke livereload` sets it so an editor's
    save is not held up by re-indexing the whole site.
    """
    settings = kfq_settings(pelican.settings)
    if not settings["SEARCH_INDEX"]:
        logger.info("search index: skipped (KFQ SEARCH_INDEX is off)")
        return
    seconds = index_site(Path(pelican.output_path), settings["SEARCH_GLOB"])
    if seconds is None:
        logger.info("search index: no article pages yet, nothing to index")
    else:
        logger.info("search index: built in %.1f s", seconds)

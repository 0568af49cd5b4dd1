"""Pelican adapter: the /search/ page, and the Pagefind index built beside the build."""

from pelican import signals

from kfq_search.search import SearchPageGenerator, finish_index, page_written, start_index


def get_generators(_pelican):
    return SearchPageGenerator


def register() -> None:
    """Add the search page; index each year's article pages as soon as they are written."""
    signals.get_generators.connect(get_generators)
    signals.article_generator_finalized.connect(start_index)
    signals.content_written.connect(page_written)
    signals.finalized.connect(finish_index)

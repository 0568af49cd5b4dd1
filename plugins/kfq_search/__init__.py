"""Pelican adapter: the /search/ page, and the Pagefind index built beside the build."""

import atexit

from pelican import signals

from kfq.atomic import stop_before_discard
from kfq_search.search import SearchPageGenerator, abort_index, finish_index, start_index


def get_generators(_pelican):
    return SearchPageGenerator


def register() -> None:
    """Add the search page; index the articles' stories while Pelican writes the pages."""
    signals.get_generators.connect(get_generators)
    signals.article_generator_finalized.connect(start_index)
    signals.finalized.connect(finish_index)
    # A failed build: its folder is removed (kfq_guard, here, or `invoke build`, once this
    # process has exited) only after the index's worker has stopped writing into it.
    stop_before_discard(abort_index)
    atexit.register(abort_index)

"""Pelican adapter: the /search/ page, and the Pagefind index built after every full build."""

from pelican import signals

from kfq_search.search import SearchPageGenerator, build_index


def get_generators(_pelican):
    return SearchPageGenerator


def register() -> None:
    """Add the search page, and index the output once everything is written."""
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(build_index)

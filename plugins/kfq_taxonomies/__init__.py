"""Pelican adapter: pages per call theme, genre, topic, author and month, each with an index."""

from pelican import signals

from kfq_taxonomies.taxonomies import TaxonomiesGenerator


def get_generators(_pelican):
    return TaxonomiesGenerator


def register() -> None:
    """Add the taxonomy pages generator to every build."""
    signals.get_generators.connect(get_generators)

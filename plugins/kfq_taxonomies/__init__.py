"""Pelican adapter: pages per call theme, genre, topic, author and month, each with an index."""

from pelican import signals

from kfq_taxonomies.taxonomies import TaxonomiesGenerator

# Pelican's own pages that ours replace (their *_SAVE_AS are empty in pelicanconf.py).
REPLACED = {"authors": "AUTHOR_SAVE_AS", "tags": "TAG_SAVE_AS", "categories": "CATEGORY_SAVE_AS"}


def get_generators(_pelican):
    return TaxonomiesGenerator


def skip_replaced_listings(generator) -> None:
    """Drop the lists behind Pelican's author, tag and category pages when they are off.

    Pelican pairs every article with every author before it learns that the page has no
    SAVE_AS (quadratic: 2 s of a 10,000-article build). The context keeps the lists.
    """
    for attribute, save_as in REPLACED.items():
        if not generator.settings.get(save_as):
            setattr(generator, attribute, [] if attribute != "tags" else {})


def register() -> None:
    """Add the taxonomy pages generator to every build."""
    signals.get_generators.connect(get_generators)
    signals.article_generator_finalized.connect(skip_replaced_listings)

"""Pelican adapter: Atom feeds of all articles and of each zone, with full titles and authors."""

from pelican import signals

from kfq_feeds.feeds import FeedsGenerator


def get_generators(_pelican):
    return FeedsGenerator


def register() -> None:
    """Add the feeds generator to every build."""
    signals.get_generators.connect(get_generators)

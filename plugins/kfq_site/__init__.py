"""Pelican adapter: the basics of a news site — one-line titles with their kicker, the
publisher block, robots.txt and the root favicon."""

from pelican import signals

from kfq_site.site import SiteFilesGenerator, publisher_and_titles


def get_generators(_pelican):
    return SiteFilesGenerator


def register() -> None:
    """Titles and the publisher once articles are resolved; robots.txt and favicon.ico."""
    signals.article_generator_finalized.connect(publisher_and_titles)
    signals.get_generators.connect(get_generators)

"""Pelican adapter: where each article was printed (来源), and /issues/ page by page."""

from pelican import signals

from kfq_issues.issues import IssuesGenerator, place_articles


def get_generators(_pelican):
    return IssuesGenerator


def register() -> None:
    """Place articles in their issues once they are resolved; write the issue pages."""
    signals.article_generator_finalized.connect(place_articles)
    signals.get_generators.connect(get_generators)

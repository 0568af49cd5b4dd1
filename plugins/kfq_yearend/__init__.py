"""Pelican adapter: the year-end contributor list at /contributors/YYYY/, built with the site.

Settings (all optional) in pelicanconf's KFQ dict, under "YEAREND":
    URL        "contributors/{year}/"   where each year's page lives
    TEMPLATE   "contributors"           the theme template that renders it
"""

from pelican import signals

from kfq_yearend.generator import YearendGenerator


def get_generators(_pelican):
    """Pelican asks each plugin for its generators; ours writes the year pages."""
    return YearendGenerator


def register() -> None:
    """Add the year-end generator to every build."""
    signals.get_generators.connect(get_generators)

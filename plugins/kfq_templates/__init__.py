"""Pelican adapter: the core's Chinese text helpers as Jinja filters for the theme."""

from pelican import signals

from kfq.text import format_date, format_month, reading_minutes, zishu

FILTERS = {
    "zhdate": format_date,
    "zhmonth": format_month,
    "zishu": zishu,
    "reading_minutes": reading_minutes,
}


def add_filters(generator) -> None:
    """Give every generator's Jinja environment the house filters."""
    generator.env.filters.update(FILTERS)


def register() -> None:
    """Connect to every generator's start."""
    signals.generator_init.connect(add_filters)

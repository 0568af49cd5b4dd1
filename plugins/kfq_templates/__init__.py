"""Pelican adapter: the core's Chinese text helpers as Jinja filters for the theme."""

from pelican import signals

from kfq.text import format_date, format_month, reading_minutes, zishu

FILTERS = {
    "zhdate": format_date,
    "zhmonth": format_month,
    "zishu": zishu,
    "reading_minutes": reading_minutes,
}

# `|tojson` (the article's JSON-LD) writes Han characters as UTF-8, not as six-byte \uXXXX
# escapes, and without spaces after , and :. It still escapes < > & ' for HTML.
JSON_DUMPS_KWARGS = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":")}


def add_filters(generator) -> None:
    """Give every generator's Jinja environment the house filters and JSON policy."""
    generator.env.filters.update(FILTERS)
    generator.env.policies["json.dumps_kwargs"] = JSON_DUMPS_KWARGS


def register() -> None:
    """Connect to every generator's start."""
    signals.generator_init.connect(add_filters)

"""Pelican adapter: the core's Chinese text helpers as Jinja filters for the theme."""

from pelican import signals

from kfq.text import format_date, format_issue_date, format_month, reading_minutes, zishu


def article_date(article) -> str:
    """An article's date as readers see it: 2024年5月6日, or 约2024年5月 when the front-matter
    says (`date_basis`) that the date is an estimate, not printed."""
    return format_issue_date(article.date, bool(getattr(article, "date_basis", None)))


FILTERS = {
    "zhdate": format_date,
    "articledate": article_date,
    "issuedate": format_issue_date,
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

"""Pelican adapter: a page per development zone at /zones/<slug>/, and /zones/ by city."""

from pelican import signals

from kfq_zones.zones import ZonesGenerator


def get_generators(_pelican):
    return ZonesGenerator


def register() -> None:
    """Add the zone pages generator to every build."""
    signals.get_generators.connect(get_generators)

"""Pelican adapter: the pinyin readings of names (kfq.readings) kept in the cache folder between builds."""

from pathlib import Path

from pelican import signals

from kfq.readings import FILE, READINGS


def _path(settings) -> Path:
    return Path(settings.get("CACHE_PATH") or "cache") / FILE


def load_readings(pelican) -> None:
    """Before anything reads a name: the readings the last build used."""
    READINGS.load(_path(pelican.settings))


def save_readings(pelican) -> None:
    """After a build: the readings it used, for the next one."""
    READINGS.save(_path(pelican.settings))


def register() -> None:
    """Load at the start of a build, save at its end."""
    signals.initialized.connect(load_readings)
    signals.finalized.connect(save_readings)

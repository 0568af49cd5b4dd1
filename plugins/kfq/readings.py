"""Pinyin readings of Chinese text, each read once and kept between builds.

Importing pypinyin parses its whole phrase dictionary (47,111 phrases, from JSON) and builds
its segmenter's prefix set: 55 MB and a third of a second of every build, for the few hundred
names (zones, contributors, topics) the site sorts and spells in pinyin. A reading is worked
out here once per text and style, and the readings a build used are saved in Pelican's cache
folder (kfq_readings), so a build whose names were all read before never imports pypinyin.
The saved readings are void when pypinyin's version changes.
"""

from __future__ import annotations

import json
import os
from importlib import metadata
from pathlib import Path
from typing import Any

# The cache file's name in Pelican's CACHE_PATH.
FILE = "kfq-readings.json"

# How each style asks pypinyin (the keyword arguments of lazy_pinyin, by Style's name):
# plain syllables for slugs, search keys and the authors' index, tone digits (5 for the
# neutral tone) for the dictionary order of names.
STYLES: dict[str, dict[str, Any]] = {
    "plain": {"style": "NORMAL", "v_to_u": False},
    "tone3": {"style": "TONE3", "neutral_tone_with_five": True},
}


def _pypinyin_version() -> str:
    return metadata.version("pypinyin")


class Readings:
    """The readings worked out in this process, by style and text; which ones were used."""

    def __init__(self) -> None:
        self.known: dict[str, dict[str, tuple[str, ...]]] = {style: {} for style in STYLES}
        self.used: dict[str, set[str]] = {style: set() for style in STYLES}
        self.computed = 0

    def read(self, text: str, style: str = "plain") -> list[str]:
        """lazy_pinyin(text) in the style, from memory when the text was read before."""
        known = self.known[style]
        reading = known.get(text)
        if reading is None:
            reading = known[text] = tuple(_lazy_pinyin(text, style))
            self.computed += 1
        self.used[style].add(text)
        return list(reading)

    def load(self, path: Path) -> None:
        """Add the readings saved at path (nothing when it is missing, damaged or made by
        another pypinyin: it is only a cache)."""
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(saved, dict) or saved.get("pypinyin") != _pypinyin_version():
            return
        for style, readings in (saved.get("readings") or {}).items():
            if style in self.known and isinstance(readings, dict):
                for text, syllables in readings.items():
                    if isinstance(syllables, list) and all(isinstance(s, str) for s in syllables):
                        self.known[style].setdefault(text, tuple(syllables))

    def save(self, path: Path) -> None:
        """Write the readings used since the process started (only those: the file follows
        the registers and never grows with names long gone); atomically, so a build that
        stops halfway never leaves half a file."""
        readings = {s: {t: list(self.known[s][t]) for t in sorted(used)} for s, used in self.used.items()}
        text = json.dumps({"pypinyin": _pypinyin_version(), "readings": readings}, ensure_ascii=False)
        try:
            if path.read_text(encoding="utf-8") == text:
                return
        except OSError:
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)


def _lazy_pinyin(text: str, style: str) -> list[str]:
    # Imported here, not at the top: only a text never read before pays for the dictionaries.
    import pypinyin

    options = dict(STYLES[style])
    options["style"] = getattr(pypinyin.Style, options["style"])
    return pypinyin.lazy_pinyin(text, **options)


# One store per process: readings are facts about the text (for one pypinyin version),
# the same in every build, so they may outlive a build; kfq_readings loads and saves them.
READINGS = Readings()


def read(text: str, style: str = "plain") -> list[str]:
    """The pinyin syllables of text (pypinyin's lazy_pinyin in the named style), read once."""
    return READINGS.read(text, style)

"""Readable ASCII slugs from Chinese text: pypinyin, with the registers' place readings."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from kfq.readings import read
from kfq.text import HAN

MAX_LEN = 60
_HAN_RUN = re.compile(f"[{HAN}]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def _place_pattern(places: Mapping[str, str]) -> re.Pattern[str] | None:
    # Longest names first, so 长子县 wins over 长子 and 山西转型综改示范区 over 山西.
    names = sorted(places, key=len, reverse=True)
    if not names:
        return None
    return re.compile("|".join(re.escape(n) for n in names))


def pinyin_words(text: str, places: Mapping[str, str] | None = None) -> list[str]:
    """The text as pinyin words: place names with their official readings, the rest
    through pypinyin's phrase dictionary, Latin letters and digits kept as they are.

    Place names are cut out first because pypinyin's phrase splitter reads 山西省长治市
    as 省长/治/市长; converting the known pieces on their own gives changzhi.
    """
    places = places or {}
    pattern = _place_pattern(places)
    words: list[str] = []
    pos = 0
    chunks: list[tuple[str, bool]] = []
    if pattern:
        for m in pattern.finditer(text):
            chunks.append((text[pos : m.start()], False))
            chunks.append((m.group(0), True))
            pos = m.end()
    chunks.append((text[pos:], False))
    for chunk, is_place in chunks:
        if is_place:
            words.append(places[chunk])
            continue
        words.extend(_plain_words(chunk))
    return [w for w in words if w]


def _plain_words(chunk: str) -> list[str]:
    out: list[str] = []
    pos = 0
    for m in _HAN_RUN.finditer(chunk):
        out.extend(_ascii_words(chunk[pos : m.start()]))
        out.extend(read(m.group(0), "plain"))
        pos = m.end()
    out.extend(_ascii_words(chunk[pos:]))
    return out


def _ascii_words(chunk: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", chunk).lower()
    return _ASCII_WORD.findall(folded)


def slugify(text: str, places: Mapping[str, str] | None = None, max_len: int = MAX_LEN) -> str:
    """A lowercase ASCII slug of pinyin syllables joined by '-', cut at a syllable
    boundary so it stays within max_len characters (one over-long syllable is kept)."""
    out = ""
    for word in pinyin_words(text, places):
        word = word.replace("ü", "v")
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > max_len and out:
            break
        out = candidate
    return out


def unique_slug(base: str, taken: Iterable[str]) -> str:
    """base, or base-2, base-3 … whichever is not yet taken."""
    taken = set(taken)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"

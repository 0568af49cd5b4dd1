"""What readers type for the registers' names: pinyin readings and other spellings, for /search/."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kfq.registers import Registers
from kfq.slugs import pinyin_words
from kfq.text import HAN

_NOT_KEY = re.compile(r"[^a-z0-9]")
_HAN = re.compile(f"[{HAN}]")
# Curly quotes are part of a theme's printed name (“三个一批”), never what a reader types.
_QUOTES = "“”‘’「」\"'"


def pinyin_key(text: str, places: dict[str, str] | None = None) -> str:
    """The name as a reader types it in pinyin, syllables run together: 左云 → zuoyun.

    Place names read officially (长子 → zhangzi); a slug or an ASCII query folds the same
    way (zuoyun-jingji-jishu-kaifaqu → zuoyunjingjijishukaifaqu), so both meet on one key.
    """
    if not _HAN.search(text):
        return _NOT_KEY.sub("", text.lower().replace("ü", "v"))
    return _NOT_KEY.sub("", "".join(pinyin_words(text, places)))


def _names(registers: Registers) -> Iterable[tuple[str, str]]:
    """(name, slug or '') for every name a reader may search for."""
    for z in registers.zones:
        yield z.name, z.slug
        for n in (*z.short, *z.aliases):
            yield n, ""
    for place in registers.places:
        yield place, ""
    for c in registers.contributors:
        yield c.name, c.slug
        for n in c.aliases:
            yield n, ""
    for t in registers.topics:
        yield t.name, t.slug
    for call in registers.calls:
        for th in call.themes:
            yield th.name.strip(_QUOTES), th.slug
        for g in call.genres:
            yield g.name, g.slug


def reader_terms(registers: Registers) -> dict[str, object]:
    """The search page's dictionary, built from the registers at every build.

    pinyin: key (pinyin_key of a name or of its slug) → the names that read so (王伟 and
    汪伟 share one key, so a key may name several); spellings: the groups of names that stand
    for one zone or one contributor (左云经济技术开发区, 左云经开区, 左云开发区 …), so a search
    for one finds articles that print another.
    """
    pinyin: dict[str, list[str]] = {}
    for name, slug in _names(registers):
        for key in {pinyin_key(name, registers.places), pinyin_key(slug)} - {""}:
            names = pinyin.setdefault(key, [])
            if name not in names:
                names.append(name)
    spellings = [list(z.names) for z in registers.zones if len(z.names) > 1]
    spellings += [[c.name, *c.aliases] for c in registers.contributors if c.aliases]
    return {"pinyin": dict(sorted(pinyin.items())), "spellings": spellings}

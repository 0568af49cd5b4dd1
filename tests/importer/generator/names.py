"""Bylines' names: people over the whole surname data, organisations, registered contributors."""

from __future__ import annotations

import random
from functools import cache

from kfq.names import surnames
from kfq.registers import Registers, Zone

# Given names draw on GB2312 level 1 (its 3,755 most used characters, read from the codec),
# less the characters that are a byline's own words (记者, 摄, 文/图 …) or a dateline's, so that
# a name never reads as a role or a place to a human either.
_NOT_IN_NAMES = set("讯摄图文记者报刊版期页县区市委会部中心媒融社台网站员生稿通")


@cache
def given_characters() -> tuple[str, ...]:
    """Characters a given name is drawn from: GB2312 level 1 (rows 16–55) less byline words."""
    out = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                ch = bytes((row, cell)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            if ch not in _NOT_IN_NAMES:
                out.append(ch)
    return tuple(out)


@cache
def _surnames() -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = surnames()
    return tuple(sorted(data.single)), tuple(sorted(data.compound))


def person(rng: random.Random, given: int | None = None) -> str:
    """A name: a surname drawn from the whole surname data (one in ten compound) and a given
    name of one or two characters."""
    single, compound = _surnames()
    surname = rng.choice(compound) if rng.random() < 0.1 else rng.choice(single)
    n = given if given is not None else rng.choice((1, 2, 2))
    return surname + "".join(rng.choice(given_characters()) for _ in range(n))


def organisation(rng: random.Random, zone: Zone | None) -> str:
    """A unit that signs an article: a county media centre, a zone's committee, a publicity office."""
    county = (zone.county or zone.city) if zone else rng.choice(("晋中市", "长治市", "运城市", "吕梁市"))
    place = county[:-1] if len(county) > 2 and county[-1] in "县市区" else county
    forms = [
        f"{place}融媒体中心",
        f"{county}融媒体中心",
        f"{place}县委宣传部" if county.endswith("县") else f"{place}市委宣传部",
    ]
    if zone is not None:
        forms.append(f"{zone.name}管委会")
    return rng.choice(forms)


def contributor(rng: random.Random, registers: Registers) -> str:
    """A person of contributors.yaml (the importer knows them, but must not need to)."""
    people = [c.name for c in registers.contributors if c.role != "机构"]
    return rng.choice(people)

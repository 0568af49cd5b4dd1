"""Printed pages generated from articles and layout parameters, with their truth (importer tests)."""

from __future__ import annotations

import random
from collections.abc import Iterator

from kfq.registers import Registers
from tests.importer.generator.page import Generated, compose
from tests.importer.generator.params import PageLayout, draw_page
from tests.importer.generator.stories import Story, stories

__all__ = ["Generated", "PageLayout", "Story", "compose", "generate", "pages", "stories"]

SHORT = 1200  # 字: articles up to this long fill the pages of three articles and more


def generate(rng: random.Random, registers: Registers, name: str = "page.txt") -> Generated:
    """One page with layout parameters drawn from rng."""
    every = stories()
    short = [i for i, s in enumerate(every) if s.zi <= SHORT]
    return compose(draw_page(rng, len(every), short), registers, name)


def pages(n: int, seed: int, registers: Registers) -> Iterator[Generated]:
    """n pages from a fixed seed: the same pages on every run."""
    rng = random.Random(seed)
    for k in range(n):
        yield generate(rng, registers, f"{k:04d}_gen.txt")

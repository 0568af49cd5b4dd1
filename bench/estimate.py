"""An estimate for a corpus size not run (100,000 articles), from the sizes that were run.

Method: each figure is taken to grow as a power of the article count, f(n) = f(m)·(n/m)^b,
with b measured between the two largest sizes run (at least two are needed). Times use
b ≥ 1: every article is read, rendered and indexed, so a smaller measured b only says that
start-up costs weighed more at the smaller size, and would flatter a larger one. Memory uses b
as measured (a watcher's memory need not grow with every article). It is an extrapolation,
not a run: it cannot see a cliff (swapping, a quadratic step that is small at 10,000).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

# Figures (results.json keys) that are estimated; the rest of a run is not extrapolated.
TIMES = (
    "hugo_build_s",
    "hugo_index_s",
    "plain_pelican_s",
    "plain_pagefind_s",
    "site_build_s",
    "search_index_s",
    "build_with_index_s",
    "save_to_page_s",
    "hugo_save_to_page_s",
)
MEMORY = ("peak_mb", "plain_peak_mb", "hugo_peak_mb")


def exponent(small: tuple[int, float], large: tuple[int, float]) -> float:
    """b of f = c·n^b through two (articles, figure) points."""
    (n1, f1), (n2, f2) = small, large
    if f1 <= 0 or f2 <= 0 or n1 == n2:
        return 1.0
    return math.log(f2 / f1) / math.log(n2 / n1)


def extrapolate(runs: Sequence[dict], articles: int) -> dict:
    """The estimated figures at `articles`, with the exponent used for each."""
    ordered = sorted(runs, key=lambda r: r["articles"])
    if len(ordered) < 2:
        raise ValueError("an estimate needs runs of two sizes (e.g. --articles 1000,10000)")
    small, large = ordered[-2], ordered[-1]
    figures: dict = {"articles": articles, "estimated_from": [r["articles"] for r in ordered[-2:]]}
    exponents = {}
    for key, floor in [(k, 1.0) for k in TIMES] + [(k, 0.0) for k in MEMORY]:
        if key not in large:
            continue
        b = max(exponent((small["articles"], small[key]), (large["articles"], large[key])), floor)
        value = large[key] * (articles / large["articles"]) ** b
        figures[key] = round(value) if key in MEMORY else round(value, 2)
        exponents[key] = round(b, 2)
    figures["exponents"] = exponents
    return figures

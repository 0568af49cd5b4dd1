"""The order of the timed runs and how repeated runs are summed up: pure functions."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from bench.measure import Measured


def alternation(sides: Sequence[str], repeats: int) -> list[str]:
    """Every side once a round, `repeats` rounds, each round's order turned by one (A B C,
    B C A, C A B …): a drift in the machine's load hits every side alike, and no side is
    always first after the corpus was written (or always last)."""
    n = len(sides)
    return [sides[(r + i) % n] for r in range(repeats) for i in range(n)]


def median_s(runs: Sequence[float]) -> float:
    """The median of repeated timings: unlike the minimum it does not reward the one lucky
    run, unlike the mean it is not dragged by one run another process slowed."""
    if not runs:
        raise ValueError("no runs to take the median of")
    return round(statistics.median(runs), 2)


def summary(runs: Sequence[Measured]) -> dict[str, float]:
    """Median seconds (whole command, its watched step, the rest) and largest peaks (MB)."""
    return {
        "seconds": median_s([r.seconds for r in runs]),
        "step_s": median_s([r.step_s for r in runs]),
        "rest_s": median_s([r.seconds - r.step_s for r in runs]),
        "peak_mb": round(max(r.peak_mb for r in runs)),
        "step_peak_mb": round(max(r.step_peak_mb for r in runs)),
        "rest_peak_mb": round(max(r.rest_peak_mb for r in runs)),
    }

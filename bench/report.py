"""The bench table and the issue's targets, as ratios of one run's figures."""

from __future__ import annotations

# name → (measured key, baseline key, limit): issue 8's targets.
TARGETS = {
    "site build / plain Pelican": ("site_build_s", "plain_pelican_s", 1.5),
    "search index / plain Pagefind": ("search_index_s", "plain_pagefind_s", 1.2),
    "one-edit rebuild / site build": ("one_edit_rebuild_s", "site_build_s", 0.35),
    "peak memory / plain tools' peak": ("peak_mb", "plain_peak_mb", 1.2),
}


def ratios(results: dict) -> dict[str, dict]:
    """Each target's ratio, its limit and whether it is met."""
    out = {}
    for name, (key, base, limit) in TARGETS.items():
        ratio = results[key] / results[base] if results[base] else float("inf")
        out[name] = {"ratio": round(ratio, 2), "limit": limit, "met": ratio <= limit}
    return out


def table(results: dict) -> str:
    """A plain-text table of the figures and the targets."""
    extra = results.get("extra", {})
    rows = [
        ("articles", f"{results['articles']}"),
        ("plain Pelican build", f"{results['plain_pelican_s']:.1f} s"),
        ("plain Pagefind (article pages)", f"{results['plain_pagefind_s']:.1f} s"),
        ("plain tools' peak memory", f"{results['plain_peak_mb']} MB"),
        ("site build (without its index step)", f"{results['site_build_s']:.1f} s"),
        ("its search-index step", f"{results['search_index_s']:.1f} s"),
        ("one-edit rebuild (livereload)", f"{results['one_edit_rebuild_s']:.1f} s"),
        ("site peak memory", f"{results['peak_mb']} MB"),
    ]
    rows += [(k, f"{v}") for k, v in extra.items() if k != "machine"]
    width = max(len(r[0]) for r in rows)
    lines = [f"{name:<{width}}  {value:>12}" for name, value in rows]
    lines.append("")
    for name, r in ratios(results).items():
        mark = "met" if r["met"] else "NOT met"
        lines.append(f"{name:<{width}}  {r['ratio']:>6.2f} ≤ {r['limit']:<4}  {mark}")
    return "\n".join(lines)

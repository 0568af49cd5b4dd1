"""The bench's tables (plain text for the terminal, Markdown for the README) and issue 19's targets."""

from __future__ import annotations

# name → (measured key, baseline key or None, limit, the size it holds at or None for every
# size): ratios ≤ limit, or an absolute limit.
TARGETS = {
    "invoke build / Hugo + Pagefind": ("build_with_index_s", "hugo_total_s", 1.0, None),
    "save → rebuilt page, s": ("save_to_page_s", None, 0.3, 10000),
    "peak memory, MB": ("peak_mb", None, 1024, 10000),
}


def with_totals(results: dict) -> dict:
    """results with each side's build-and-index total."""
    return {
        **results,
        "hugo_total_s": round(results["hugo_build_s"] + results["hugo_index_s"], 2),
        "plain_total_s": round(results["plain_pelican_s"] + results["plain_pagefind_s"], 2),
    }


def ratio(a: float, b: float) -> float:
    return round(a / b, 2) if b else float("inf")


def targets(results: dict) -> dict[str, dict]:
    """Each target's measured value (a ratio, or the figure), its limit and whether it is met."""
    r = with_totals(results)
    out = {}
    for name, (key, base, limit, at) in TARGETS.items():
        value = ratio(r[key], r[base]) if base else r[key]
        # A limit set for 10,000 articles says nothing of a run at 1,000: it is not judged there.
        met = value <= limit if at in (None, r["articles"]) else None
        out[name] = {"value": value, "limit": limit, "at": at, "met": met}
    return out


def verdict(name: str, t: dict, articles: int) -> str:
    """One target's line: its value, its limit and whether this run meets it."""
    where = f" at {t['at']:,}" if t["at"] else ""
    line = f"{name}: {t['value']} at {articles:,} (target ≤ {t['limit']}{where})"
    if t["met"] is None:
        return f"{line} not judged: run --articles {t['at']}"
    return f"{line} {'met' if t['met'] else 'NOT met'}"


def rows(results: dict) -> list[tuple[str, str, str, str]]:
    """(what, Hugo + Pagefind, plain Pelican + Pagefind, ours) for one corpus size."""
    r = with_totals(results)
    m = r["memory_mb"]
    return [
        ("build, s", f"{r['hugo_build_s']:.2f}", f"{r['plain_pelican_s']:.2f}", f"{r['site_build_s']:.2f}"),
        (
            "Pagefind, s",
            f"{r['hugo_index_s']:.2f}",
            f"{r['plain_pagefind_s']:.2f}",
            f"{r['search_index_s']:.2f}",
        ),
        (
            "build + search index, s",
            f"{r['hugo_total_s']:.2f}",
            f"{r['plain_total_s']:.2f}",
            f"{r['build_with_index_s']:.2f}",
        ),
        (
            "ours ÷ this",
            f"{ratio(r['build_with_index_s'], r['hugo_total_s']):.2f}",
            f"{ratio(r['build_with_index_s'], r['plain_total_s']):.2f}",
            "1.00",
        ),
        ("peak memory of the build, MB", f"{m['hugo_build']}", f"{m['plain_pelican']}", f"{m['site_build']}"),
        ("peak memory of Pagefind, MB", f"{m['hugo_index']}", f"{m['plain_pagefind']}", f"{m['site_index']}"),
        (
            "save → rebuilt page, s (watcher)",
            f"{r['hugo_save_to_page_s']:.2f}",
            "—",
            f"{r['save_to_page_s']:.2f}",
        ),
        ("ours ÷ this", f"{ratio(r['save_to_page_s'], r['hugo_save_to_page_s']):.2f}", "—", "1.00"),
        ("peak memory of the watcher, MB", f"{m['hugo_server']}", "—", f"{m['livereload']}"),
    ]


def table(results: dict) -> str:
    """A plain-text table of one size's figures and the targets."""
    head = ("", "Hugo + Pagefind", "plain Pelican", "ours")
    body = [head, *rows(results)]
    widths = [max(len(row[i]) for row in body) for i in range(4)]
    lines = [
        f"{results['articles']} articles (medians of {results['extra']['repeats']} runs, "
        f"{results['extra']['saves']} saves)"
    ]
    lines += [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in body
    ]
    lines.append("")
    for name, t in targets(results).items():
        lines.append(verdict(name, t, results["articles"]))
    return "\n".join(lines)


def markdown(results: dict) -> str:
    """The README's table: every size of a results.json side by side."""
    sizes = sorted([results, *results.get("smaller_sizes", [])], key=lambda r: r["articles"])
    head = "| | " + " | ".join(
        f"{s['articles']:,}: Hugo + Pagefind | plain Pelican + Pagefind | ours" for s in sizes
    )
    lines = [head + " |", "|---" + "|---:" * 3 * len(sizes) + "|"]
    per_size = [rows(s) for s in sizes]
    for i, (what, *_rest) in enumerate(per_size[0]):
        cells = [c for rows_ in per_size for c in rows_[i][1:]]
        lines.append(f"| {what} | " + " | ".join(cells) + " |")
    return "\n".join(lines)

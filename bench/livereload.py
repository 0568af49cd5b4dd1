"""The editors' loop alone, `invoke livereload` on a corpus, without the rest of the bench.

    python -m bench.livereload --articles 10000 [--saves 10]

Times each save as `invoke bench` does (bench.loop.measure_saves: from the file save to the
article's page on disk holding the new sentence, the watcher included) and prints each save,
the median, the watcher's peak memory and the load average before and after.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
from collections.abc import Sequence
from pathlib import Path

from bench.corpus import Corpus, generate
from bench.loop import free_port, measure_saves
from bench.runner import PYTHON, SITE, WORK, edited_article, page_of, write_site_folder


def main(argv: Sequence[str] | None = None) -> None:
    """`python -m bench.livereload --articles N [--saves S]`: our editors' loop alone on a
    corpus of N articles (kept in --work between runs, so old and new code are timed on one
    corpus; KFQ_BENCH_SITE names the checkout whose tasks, theme and plugins run, as for the
    bench, and the interpreter running this module is the one whose packages run)."""
    parser = argparse.ArgumentParser(prog="python -m bench.livereload", description=main.__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--work", type=Path, default=WORK / "loop")
    parser.add_argument("--fresh", action="store_true", help="generate the corpus again")
    args = parser.parse_args(argv)
    root = args.work / str(args.articles)
    if args.fresh or not (root / "content" / "articles").is_dir():
        generate(root, args.articles)
    # The site's settings, tasks, theme and plugins of the checkout under test, every run.
    for name in ("theme", "plugins", *(p.name for p in SITE.glob("*.py"))):
        (root / name).unlink(missing_ok=True)
    write_site_folder(root)
    articles = sorted((root / "content" / "articles").rglob("*.md"))
    article = edited_article(Corpus(root, articles))
    for folder in ("output", "cache"):
        shutil.rmtree(root / folder, ignore_errors=True)
    port = free_port()
    load = os.getloadavg()
    print(
        f"{SITE}: {args.articles} articles, {args.saves} saves of {article.name}; load {load[0]:.2f}",
        flush=True,
    )
    loop = measure_saves(
        [PYTHON, "-m", "invoke", "livereload", "--port", str(port)],
        root,
        port,
        article,
        root / "output",
        page_of(article),
        args.saves,
        root / "loop-watcher.log",
    )
    after = os.getloadavg()
    print(
        f"first build {loop.start_s:.1f} s; first save {loop.first_save_s:.2f} s; saves "
        + " ".join(f"{s:.3f}" for s in loop.saves)
        + f"\nmedian {statistics.median(loop.saves):.3f} s; peak {loop.peak_mb:.0f} MB; "
        f"load before {load[0]:.2f}, after {after[0]:.2f} (1 min)",
        flush=True,
    )


if __name__ == "__main__":
    main()

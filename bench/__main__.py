"""`python -m bench [--articles N[,N…]] [--repeats K] [--saves S]`: the same run as `invoke bench`."""

import argparse
from pathlib import Path

from bench.runner import RESULTS, run


def sizes(text: str) -> list[int]:
    """'1000,10000' → [1000, 10000]."""
    return [int(part) for part in text.split(",") if part.strip()]


parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
parser.add_argument(
    "--articles", type=sizes, default=[10000], help="corpus sizes, comma-separated (default 10000)"
)
parser.add_argument(
    "--repeats", type=int, default=3, help="cold builds of each side, alternating (default 3)"
)
parser.add_argument("--saves", type=int, default=10, help="saves timed under each watcher (default 10)")
parser.add_argument(
    "--results", type=Path, default=RESULTS, help="where to write the figures (bench/results.json)"
)
args = parser.parse_args()
run(args.articles, args.repeats, args.saves, results=args.results)

"""`python -m bench [--articles N] [--repeats K]`: the same run as `invoke bench`."""

import argparse

from bench.runner import run

parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
parser.add_argument("--articles", type=int, default=10000, help="articles in the corpus (default 10000)")
parser.add_argument(
    "--repeats", type=int, default=None, help="runs of each timed step (default 3 up to 2000)"
)
args = parser.parse_args()
run(args.articles, args.repeats)

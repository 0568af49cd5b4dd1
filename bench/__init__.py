"""Benchmarks of the site build against plain Pelican and Pagefind (issue 8; not tests)."""

import sys
from pathlib import Path

# The domain core (plugins/kfq) is a plain package on the plugins path, as in pelicanconf.py.
_PLUGINS = str(Path(__file__).resolve().parent.parent / "plugins")
if _PLUGINS not in sys.path:
    sys.path.insert(0, _PLUGINS)

from bench.runner import run  # noqa: E402 — needs the plugins path above

__all__ = ["run"]

"""Benchmarks of the site build against plain Pelican and Pagefind (issue 8), and the importer's
scores on generated printed pages (importer_scores.py); not tests."""

import sys
from pathlib import Path

# The domain core (plugins/kfq) is a plain package on the plugins path, as in pelicanconf.py.
_PLUGINS = str(Path(__file__).resolve().parent.parent / "plugins")
if _PLUGINS not in sys.path:
    sys.path.insert(0, _PLUGINS)


def run(*args, **kwargs) -> dict:
    """The build benchmark (bench.runner.run), imported on use: the importer's scores need
    neither Pelican nor the build server."""
    from bench.runner import run as _run

    return _run(*args, **kwargs)


__all__ = ["run"]

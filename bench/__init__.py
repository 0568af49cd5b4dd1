"""Benchmarks of the site build against plain Pelican and Pagefind (issue 8), and the importer's
scores on generated printed pages (importer_scores.py); not tests.

Run from the repository's root (`python -m bench`, `python -m bench.importer_scores`), with the
project installed (`pip install -e .`): the core and the plugins are imported as packages.
"""

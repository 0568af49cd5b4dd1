"""Importer of the printed paper: seed pages → reviewed Markdown articles (see pipeline.py)."""

from kfq.importer.errors import CharactersLost, ImporterError, ManifestError, UndecodableFile
from kfq.importer.pipeline import ImportReport, import_pages

__all__ = [
    "CharactersLost",
    "ImportReport",
    "ImporterError",
    "ManifestError",
    "UndecodableFile",
    "import_pages",
]

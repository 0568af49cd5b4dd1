"""seeds/manifest.yaml: for each seed file its publication, issue date (or null) and page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kfq.importer.errors import ManifestError
from kfq.issues import PUBLICATIONS as ISSUE_PUBLICATIONS
from kfq.yamlfile import load_yaml

MANIFEST = "manifest.yaml"
PUBLICATIONS = ISSUE_PUBLICATIONS  # one list: the issue register's


@dataclass(frozen=True)
class Entry:
    """What the importer needs to know about one seed file."""

    file: str
    publication: str
    date: dt.date | None = None
    page: int | None = None
    # Set when the page prints no date and the editors estimated one from its text: the
    # evidence, repeated in the import review until someone checks the printed issue.
    date_basis: str | None = None


def load(source_dir: Path) -> dict[str, Entry]:
    """The manifest's entries by file name; {} when there is no manifest."""
    path = Path(source_dir) / MANIFEST
    if not path.exists():
        return {}
    doc = load_yaml(path, ManifestError)
    pages = doc.get("pages") if isinstance(doc, dict) else None
    if not isinstance(pages, list):
        raise ManifestError(f"{path}: expected 'pages:' with one entry per seed file — see its header")
    entries: dict[str, Entry] = {}
    for n, item in enumerate(pages, start=1):
        if not isinstance(item, dict) or not item.get("file"):
            raise ManifestError(f"{path}: entry {n} has no 'file:' — name the seed file")
        name = str(item["file"])
        publication = str(item.get("publication") or "")
        if publication not in PUBLICATIONS:
            raise ManifestError(
                f"{path}: {name}: publication '{publication}' — use one of {', '.join(PUBLICATIONS)}"
            )
        date = item.get("date")
        if date is not None and not isinstance(date, dt.date):
            raise ManifestError(
                f"{path}: {name}: date '{date}' — write YYYY-MM-DD, or null if the page states none"
            )
        page = item.get("page")
        if page is not None and not isinstance(page, int):
            raise ManifestError(f"{path}: {name}: page '{page}' — a page number, or null")
        basis = item.get("date_basis")
        if basis is not None and date is None:
            raise ManifestError(
                f"{path}: {name}: date_basis without a date — set the estimated date or remove date_basis"
            )
        entries[name] = Entry(name, publication, date, page, str(basis) if basis else None)
    return entries

"""The import ledger: which article file each printed article became, so an editor's delete or
rename is respected.

Kept with the articles as `import-ledger.yaml` (each destination has its own). An article
the ledger lists whose file is gone was deleted by an editor (or renamed: then a file with
the same source and opening is found) and is not created again; the run says so. Deleting
its entry imports it afresh.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kfq.discovery import discover
from kfq.frontmatter import read_source
from kfq.importer.decisions import opening_of
from kfq.importer.errors import DecisionError

FILE = "import-ledger.yaml"  # not .md: Pelican never reads it
HEADER = """\
# import-ledger.yaml — which file each imported article became (written by
# `invoke import-seeds`). An article listed here whose file an editor deleted is not
# imported again; delete its entry to import it afresh.
"""


@dataclass
class Ledger:
    """Article files by (page, opening of the text), relative to the articles folder."""

    path: Path
    entries: dict[tuple[str, str], str] = field(default_factory=dict)
    changed: bool = False

    def known(self, source: str, opening: str) -> str | None:
        """The file the article was written to, relative to the articles folder."""
        return self.entries.get((source, opening))

    def record(self, source: str, opening: str, relative: str) -> None:
        """Remember where the article was written."""
        if self.entries.get((source, opening)) != relative:
            self.entries[(source, opening)] = relative
            self.changed = True

    def save(self) -> None:
        """Write the ledger when the run changed it."""
        if not self.changed:
            return
        rows = [{"source": s, "opening": o, "file": f} for (s, o), f in sorted(self.entries.items())]
        body = yaml.safe_dump({"articles": rows}, allow_unicode=True, sort_keys=False, width=100)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(HEADER + body, encoding="utf-8", newline="\n")
        self.changed = False


def load(dest: Path) -> Ledger:
    """The ledger of the articles imported into dest (empty when none was written yet)."""
    path = Path(dest) / FILE
    ledger = Ledger(path)
    if not path.exists():
        return ledger
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        raise DecisionError(f"{path}: cannot be read as YAML ({e}); fix it or delete the file") from e
    for n, row in enumerate(data.get("articles") or [], start=1):
        if not isinstance(row, dict) or not all(row.get(k) for k in ("source", "opening", "file")):
            raise DecisionError(f"{path}: entry {n} needs source, opening and file; fix or delete it")
        ledger.entries[(str(row["source"]), str(row["opening"]))] = str(row["file"])
    return ledger


def article_files(dest: Path) -> list[Path]:
    """The article files under dest, found by the rules the check and the build use."""
    dest = Path(dest)
    return sorted(discover(dest.parent, (dest.name,)).articles)


def renamed(dest: Path, source: str, opening: str) -> Path | None:
    """An article file under dest with this source and opening (an editor renamed it)."""
    for path in article_files(dest):
        src, problems = read_source(path)
        if problems or str(src.meta.get("source") or "") != source:
            continue
        if opening_of(src.body) == opening:
            return path
    return None

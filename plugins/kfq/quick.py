"""The editors' quick rebuild: which written pages can stay as they are.

A page depends on the listing it belongs to (which articles, in which order: that makes its
counts, its page numbers and its neighbours) and on the articles it shows. The ledger keeps,
for every page written by the last quick build, a fingerprint of both; a page whose listing
is the same and none of whose articles changed since then need not be rendered again.
Anything else a page shows (templates, registers, settings) is one site-wide fingerprint:
when it changes, every page is written.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path

FORMAT = 1
# The ledger's file in Pelican's CACHE_PATH; without it the next quick build writes every page.
LEDGER = "kfq-quick-ledger.json"


def fingerprint(parts: Iterable[str]) -> str:
    """A short stable digest of parts, in order."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def newest_mtime(roots: Iterable[Path]) -> float:
    """The latest modification time of any file under roots (0 when there is none)."""
    newest = 0.0
    for root in roots:
        root = Path(root)
        if root.is_file():
            newest = max(newest, root.stat().st_mtime)
            continue
        for path in root.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                newest = max(newest, path.stat().st_mtime)
    return newest


class Ledger:
    """What each page listed at the last quick build, and what this build writes.

    `changed(source)` says whether an article's source file changed since that build.
    """

    def __init__(self, site: str, previous: dict | None, changed: Callable[[str], bool]):
        previous = previous or {}
        same_site = previous.get("format") == FORMAT and previous.get("site") == site
        self.site = site
        self.before: dict[str, str] = previous.get("pages", {}) if same_site else {}
        # Pages this build does not reach (an article deleted since) keep their old marks.
        self.pages: dict[str, str] = dict(self.before)
        self._changed = changed

    @property
    def cold(self) -> bool:
        """True when nothing of the last quick build can be kept (first run, new site-wide inputs)."""
        return not self.before

    def fresh(self, name: str, listing: str, shown: Iterable[str]) -> bool:
        """Whether page `name`, in the listing of that fingerprint, showing the articles of
        these sources, is as last written.

        Records this build's listing either way, so the next build compares with it.
        """
        self.pages[name] = listing
        return self.before.get(name) == listing and not any(self._changed(s) for s in shown)

    def forget(self, name: str) -> None:
        """Record that name was written without a listing: always written again."""
        self.pages.pop(name, None)

    def to_json(self) -> str:
        """This build's ledger, to be read back by the next quick build."""
        return json.dumps({"format": FORMAT, "site": self.site, "pages": self.pages}, ensure_ascii=False)

    @staticmethod
    def read(path: Path) -> dict | None:
        """A saved ledger, or None when there is none or it cannot be read."""
        try:
            return json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

"""The editors' loop: what a build server keeps in memory from one save to the next.

A save changes a few source files. The server keeps what the one reader returned for every
other file (`ReadMemo`, known by size, modification time and inode) and, for every page it
wrote, a fingerprint of everything that page shows (`PageMarks`): a page whose fingerprint is
the same as at the last save is left on disk as it is. Pages the last save wrote and this one
does not (a deleted article, a listing that lost a page) are removed, so the output stays what
a full build of the same content writes.

A save that only edits articles the last good build had (`saved_articles`), without moving
them (`stays_in_place`), gets its own pages first, before the full pass (kfq_quick.fast).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kfq.errors import Superseded

# The settings key under which the build server hands its session to the plugins.
SESSION = "KFQ_LIVE_SESSION"


def fingerprint(parts: Iterable[str]) -> str:
    """A short stable digest of parts, in order."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def stamp(path: str | os.PathLike[str]) -> tuple[int, int, int] | None:
    """What tells a saved file from its last version (None when it is gone)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def newest_mtime(roots: Iterable[Path]) -> int:
    """The latest modification time (ns) of any file under roots (0 when there is none)."""
    newest = 0
    for root in roots:
        root = Path(root)
        if root.is_file():
            newest = max(newest, root.stat().st_mtime_ns)
            continue
        for path in root.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                newest = max(newest, path.stat().st_mtime_ns)
    return newest


# The front-matter fields that place an article: its URL (date, slug), whether it is listed
# (status). A save that changes none of them changes no other page's list of articles.
PLACING_FIELDS = ("slug", "date", "status")


def saved_articles(changed: Iterable[str], articles: Container[str]) -> list[str] | None:
    """The saved files, when a save only edited articles of the last good build (articles:
    their absolute paths), each still on disk; None when it added or deleted a file or
    touched anything else (a register, the theme, the settings, a page), which only the full
    pass may handle."""
    saved = sorted({os.path.abspath(c) for c in changed})
    if not saved or any(s not in articles or not os.path.isfile(s) for s in saved):
        return None
    return saved


def stays_in_place(before: Mapping[str, Any], after: Mapping[str, Any]) -> bool:
    """Whether an article's new front-matter keeps its URL and its place in the listings."""
    return all(str(before.get(f)) == str(after.get(f)) for f in PLACING_FIELDS)


@dataclass
class ReadMemo:
    """What the reader returned for each file, kept while the file is unchanged."""

    entries: dict[str, tuple[tuple[int, int, int], Any]] = field(default_factory=dict)
    reads: int = 0  # files actually read since the session started (the tests count them)

    def recall(self, path: str) -> Any | None:
        """The kept result for path when the file is as it was read, else None."""
        entry = self.entries.get(path)
        if entry is None or entry[0] != stamp(path):
            return None
        return entry[1]

    def keep(self, path: str, before: tuple[int, int, int] | None, value: Any) -> None:
        """Remember value, read from path as it was at `before` (taken before reading, so a
        save during the read makes the next build read the file again)."""
        self.reads += 1
        if before is not None:
            self.entries[path] = (before, value)


@dataclass
class PageMarks:
    """The fingerprint of every page on disk from the last save, and of those this save wrote."""

    before: dict[str, str] = field(default_factory=dict)
    now: dict[str, str] = field(default_factory=dict)
    rendered: int = 0
    # (pages rendered, pages kept) by the last save that succeeded.
    last: tuple[int, int] = (0, 0)
    # The pages rendered by this save so far, and those the last finished save rendered or
    # removed: the browser reloads a page only when it is among them.
    written: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    def fresh(self, name: str, mark: str) -> bool:
        """Whether page name, showing what mark stands for, is on disk as last written."""
        return self.before.get(name) == mark

    def done(self, name: str, mark: str, rendered: bool) -> None:
        """Record that this save has page name on disk as mark (rendered now, or kept)."""
        self.now[name] = mark
        self.rendered += rendered
        if rendered:
            self.written.append(name)

    def finish(self) -> list[str]:
        """End a save that succeeded: the pages it no longer has (to remove); start the next."""
        gone = sorted(set(self.before) - set(self.now))
        self.last = (self.rendered, len(self.now) - self.rendered)
        self.changed = [*self.written, *gone]
        self.before, self.now, self.rendered, self.written = self.now, {}, 0, []
        return gone

    def abandon(self) -> None:
        """End a save that stopped: the pages it did write are on disk as recorded, the
        others as before; stale pages are removed by the next save that succeeds."""
        self.before.update(self.now)
        self.changed = self.written
        self.now, self.rendered, self.written = {}, 0, []

    def ahead(self) -> list[str]:
        """End the saved pages' own pass (before the full pass): what it wrote is on disk as
        recorded, so the full pass leaves a page alone when it shows the same; the names."""
        self.abandon()
        return self.changed


@dataclass
class Session:
    """What the build server keeps between saves, handed to the plugins in the settings."""

    reads: ReadMemo = field(default_factory=ReadMemo)
    pages: PageMarks = field(default_factory=PageMarks)
    # kfq_validate's kfq.contract.Memo: the articles found valid, while they are unchanged.
    checked: Any = None
    # The site mark of the last save (settings, theme, registers): a new one renders every page.
    site: str = ""
    # What each template reads from its context (kfq_quick), while the theme is unchanged.
    template_variables: dict[str, Any] = field(default_factory=dict)
    # The drafts this save rendered for preview: (source path, title, URL).
    drafts: list[tuple[str, str, str]] = field(default_factory=list)
    # The last good build's articles generator (kfq_quick keeps it; its articles and context
    # render the saved pages first), and the one of the build under way.
    last_build: Any = None
    this_build: Any = None
    # Whether a newer save is waiting (the server sets it): the full pass then gives way.
    newer_save: Callable[[], bool] = lambda: False

    def give_way(self) -> None:
        """Stop the full pass here when a newer save is waiting (its pages come first). Only
        once a build has succeeded: before that no page can come first, and a pass that
        always gave way would never end while saves come faster than it."""
        if self.last_build is not None and self.newer_save():
            raise Superseded()

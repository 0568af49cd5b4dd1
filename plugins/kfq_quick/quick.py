"""Skip rewriting pages that show no article changed since the last quick build.

Pelican 4.12 removed WRITE_SELECTED, so a rebuild renders every page again even with the
content cache on. Under `invoke livereload` (KFQ WRITE_CHANGED_ONLY) this writer leaves an
existing page alone when none of the articles it shows changed since the previous build; a
full `invoke build` (the setting off) writes everything. Stale by design: a page that lists
an article's neighbours (related, older/newer) keeps the old title until the next full build.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from pelican import signals
from pelican.writers import Writer

from kfq.settings import kfq_settings

STAMP = "kfq-quick-stamp"


class QuickWriter(Writer):
    """A Writer that skips pages whose articles are all older than the last quick build."""

    since: float = 0.0  # set per build by quick_writer(); 0 writes everything

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An article is listed on many pages: each source file is stat'ed once per build.
        self._changed_by_path: dict[str, bool] = {}

    def _changed(self, article) -> bool:
        known = self._changed_by_path
        path = article.source_path
        if path not in known:
            try:
                known[path] = os.stat(path).st_mtime >= self.since
            except OSError:
                known[path] = True
        return known[path]

    def _skip(self, name: str, kwargs: dict) -> bool:
        if not self.since or not (Path(self.output_path) / name).exists():
            return False
        if "article" in kwargs:
            return not self._changed(kwargs["article"])
        listed = (kwargs.get("paginated") or {}).get("articles")
        # Pages without articles (term indexes, /submit/) are few and always written.
        return listed is not None and not any(self._changed(a) for a in listed)

    def write_file(self, name, template, context, *args, **kwargs):
        if self._skip(name, kwargs):
            return None
        return super().write_file(name, template, context, *args, **kwargs)


def take_stamp(pelican) -> None:
    """Before anything is read: remember when the last quick build began, and stamp this one.

    Stamping before reading means an article saved while this build runs counts as changed
    next time.
    """
    if not kfq_settings(pelican.settings)["WRITE_CHANGED_ONLY"]:
        return
    stamp = Path(pelican.settings["CACHE_PATH"]) / STAMP
    pelican.kfq_quick_since = stamp.stat().st_mtime if stamp.exists() else 0.0
    stamp.parent.mkdir(parents=True, exist_ok=True)
    now = time.time()
    stamp.touch()
    os.utime(stamp, (now, now))


def quick_writer(pelican):
    """This build's writer: QuickWriter when the editors' loop asks for it, else Pelican's."""
    since = getattr(pelican, "kfq_quick_since", None)
    if since is None:
        return None
    return type("QuickWriterThisBuild", (QuickWriter,), {"since": since})


def register() -> None:
    """Stamp each build as it starts; offer Pelican the writer once the content is read."""
    signals.initialized.connect(take_stamp)
    signals.get_writer.connect(quick_writer)

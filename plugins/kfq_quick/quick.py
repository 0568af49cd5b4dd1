"""Render again only the pages whose listing or articles changed since the last quick build.

Pelican 4.12 removed WRITE_SELECTED, so a rebuild renders every page again even with the
content cache on. Under `invoke livereload` (KFQ WRITE_CHANGED_ONLY) this writer keeps a page
as it is when the kfq.quick ledger says nothing it depends on changed; a full `invoke build`
(the setting off) writes everything. Stale by design: a page that names an article only in
passing (its neighbours' related and older/newer links) keeps the old title until the next
full build.
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
from pathlib import Path

from pelican import signals
from pelican.utils import sanitised_join
from pelican.writers import Writer

import kfq
from kfq.quick import LEDGER, Ledger, fingerprint, newest_mtime
from kfq.settings import data_dir, kfq_settings

STAMP = "kfq-quick-stamp"
# The front page shows more than its listing (the latest issue, the zone strips).
ALWAYS = {"index.html"}


def _shown(localcontext: dict, listing_mark) -> tuple[str, list[str]] | None:
    """(the listing's fingerprint, the sources shown) of a page about to be rendered, or None
    when the page shows no article or page of ours (indexes of terms, /submit/, /search/).

    A generator of ours may say what its page depends on: `kfq_sources`, the articles it
    shows, and `kfq_listing`, anything else that shapes it (default: those sources).
    """
    sources = localcontext.get("kfq_sources")
    if sources is not None:
        return fingerprint(localcontext.get("kfq_listing", sources)), sources
    one = localcontext.get("article") or localcontext.get("page")
    if one is not None and getattr(one, "source_path", None):
        return fingerprint([one.source_path]), [one.source_path]
    pages = [localcontext[k] for k in ("articles_page", "dates_page") if localcontext.get(k)]
    if not pages:
        return None
    listing = listing_mark(localcontext["articles_paginator"].object_list)
    return listing, [a.source_path for p in pages for a in p.object_list]


class _KeepUnchanged:
    """A template whose render() leaves an unchanged page alone.

    Pelican renders and writes each page of a paginated listing inside one closure; the
    only seam per page is template.render(). An unchanged page is "rendered" as nothing and
    QuickWriter._open_w sends that write nowhere (as Pelican itself skips a file, to
    os.devnull), so the page stays on disk and content_written still fires for the sitemap.
    """

    def __init__(self, template, writer: QuickWriter):
        self.template = template
        self.writer = writer

    def render(self, localcontext: dict) -> str:
        name = localcontext["output_file"]
        if self.writer.keeps(name, localcontext):
            return ""
        return self.template.render(localcontext)


class QuickWriter(Writer):
    """A Writer that renders only the pages the ledger says are out of date."""

    ledger: Ledger  # set per build by quick_writer()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._kept: set[str] = set()
        # A listing of 10,000 articles is paginated into 500 pages: fingerprinted once.
        self._listings: dict[int, tuple[list, str]] = {}

    def _listing_mark(self, articles: list) -> str:
        known = self._listings.get(id(articles))
        if known is None or known[0] is not articles:
            known = self._listings[id(articles)] = (articles, fingerprint(a.source_path for a in articles))
        return known[1]

    def keeps(self, name: str, localcontext: dict) -> bool:
        """Whether page name can stay as it is on disk; remembers to discard its write."""
        shown = None if name in ALWAYS else _shown(localcontext, self._listing_mark)
        if shown is None:
            self.ledger.forget(name)
            return False
        path = sanitised_join(self.output_path, name)
        if not self.ledger.fresh(name, *shown) or not os.path.exists(path):
            return False
        self._kept.add(path)
        return True

    def write_file(self, name, template, context, *args, **kwargs):
        return super().write_file(name, _KeepUnchanged(template, self), context, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        if filename in self._kept:
            self._kept.discard(filename)
            return io.StringIO()  # the empty "rendering" goes nowhere; the page stays on disk
        return super()._open_w(filename, encoding, override)


def _named(value: object) -> str:
    # Settings hold functions and modules (Jinja filters, loaded plugins): their names are
    # stable from one run to the next, their repr (with an address) is not.
    name = getattr(value, "__qualname__", None) or getattr(value, "__name__", None)
    return f"{getattr(value, '__module__', '')}.{name}" if name else type(value).__name__


def _code_folders(plugins) -> list[Path]:
    """The folders of the core and of each loaded plugin that is a package of ours (kfq_*):
    installed packages, found by their modules rather than by a plugin path."""
    modules = [kfq, *(sys.modules.get(getattr(p, "__name__", p)) for p in plugins)]
    return sorted(
        {
            Path(m.__file__).parent
            for m in modules
            if m is not None and m.__name__.split(".")[0].startswith("kfq") and getattr(m, "__file__", None)
        }
    )


def _site_mark(settings: dict) -> str:
    """What every page depends on besides its articles: settings, templates, registers, code."""
    roots = [Path(settings["THEME"]), data_dir(settings), *_code_folders(settings.get("PLUGINS") or [])]
    return fingerprint(
        [
            json.dumps(settings, sort_keys=True, default=_named, ensure_ascii=False),
            repr(newest_mtime(roots)),
        ]
    )


def open_ledger(pelican) -> None:
    """Before anything is read: the last quick build's ledger, and this build's stamp.

    Stamping before reading means an article saved while this build runs counts as changed
    next time.
    """
    settings = pelican.settings
    if not kfq_settings(settings)["WRITE_CHANGED_ONLY"]:
        return
    cache = Path(settings["CACHE_PATH"])
    stamp = cache / STAMP
    since = stamp.stat().st_mtime if stamp.exists() else None
    cache.mkdir(parents=True, exist_ok=True)
    now = time.time()
    stamp.touch()
    os.utime(stamp, (now, now))
    known: dict[str, bool] = {}

    def changed(source: str) -> bool:
        # An article is listed on many pages: each source file is stat'ed once per build.
        if source not in known:
            try:
                known[source] = since is None or os.stat(source).st_mtime >= since
            except OSError:
                known[source] = True
        return known[source]

    previous = Ledger.read(cache / LEDGER) if since is not None else None
    pelican.kfq_ledger = Ledger(_site_mark(settings), previous, changed)


def quick_writer(pelican):
    """This build's writer: QuickWriter when the editors' loop asks for it, else Pelican's."""
    ledger = getattr(pelican, "kfq_ledger", None)
    if ledger is None:
        return None
    return type("QuickWriterThisBuild", (QuickWriter,), {"ledger": ledger})


def save_ledger(pelican) -> None:
    """After the build: what each page listed, for the next quick build to compare with."""
    ledger = getattr(pelican, "kfq_ledger", None)
    if ledger is not None:
        (Path(pelican.settings["CACHE_PATH"]) / LEDGER).write_text(ledger.to_json(), encoding="utf-8")


def register() -> None:
    """Open the ledger as each build starts, offer Pelican the writer, save the ledger at the end."""
    signals.initialized.connect(open_ledger)
    signals.get_writer.connect(quick_writer)
    signals.finalized.connect(save_ledger)

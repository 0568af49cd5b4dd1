"""The site's search index: Pagefind's extended build over the article pages, in year bundles.

The article pages are indexed in bundles of consecutive years (`pagefind/<years>/`), each a
complete Pagefind index of its own, and the search page merges them in the reader's browser
with Pagefind's multisite search (`mergeIndex`). `pagefind/bundles.json` lists them, newest
first. Why bundles: one Pagefind process holds the whole index of what it reads in memory
(1.24–1.32 GB for the 10,000-article bench corpus), so a bundle of at most SEARCH_BUNDLE
articles bounds the memory of indexing whatever the site's size.

Each bundle is made by Pagefind's command line over its years (`--glob
'articles/{2016,2017}/**/*.html'`), started from a worker thread as soon as the bundle's last
page is handed over (`written`), so Pagefind indexes while Pelican renders. The pages may be
read from another folder than the site's, by the same paths (`source`): the build hands over
each article's story, written before any page (kfq_search). Pagefind uses one core; a site
that fits in one bundle is cut into one bundle per core (when each holds enough articles to
pay for its start-up), and those are indexed at once. Bundles run side by side only while
together they hold at most SEARCH_BUNDLE articles, so the memory bound holds however many
cores there are. (The `pagefind` package's service, fed a year at a time, was tried first: it
spent more CPU than the command line on the same pages, and it is ended by SIGTERM right after
it answers "written", which on a loaded machine cut its last file, the WebAssembly, short.)
"""

from __future__ import annotations

import functools
import json
import math
import os
import queue
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kfq.errors import KfqError
from kfq.settings import DEFAULTS


class SearchIndexError(KfqError):
    """Pagefind could not be found or failed to index the site."""


def pagefind_executable() -> Path:
    """The extended Pagefind binary, the one that segments Chinese with jieba."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError as e:
        raise SearchIndexError(
            "the extended Pagefind binary is missing: run `make setup` "
            "(pyproject.toml asks for pagefind[extended])"
        ) from e
    return Path(get_executable())


# Our article pages mark the article as data-pagefind-body. Pagefind indexes only that
# element either way, but as the document's root it skips parsing the page furniture around
# it: the index comes out byte for byte the same, 10–15% sooner.
BODY = "[data-pagefind-body]"
# Where the bundles go, under the site, and the list of them the search page reads.
FOLDER = "pagefind"
MANIFEST = "bundles.json"


def pagefind_command(
    site: Path, glob: str, executable: Path | None = None, root_selector: str | None = BODY
) -> list[str]:
    """The command that indexes site: only files matching glob, and in them only the elements
    marked data-pagefind-body, so readers search article text, not page furniture.

    root_selector None indexes a site without that mark (the plain baseline of bench/)."""
    command = [str(executable or pagefind_executable()), "--site", str(site), "--glob", glob, "--quiet"]
    return command + (["--root-selector", root_selector] if root_selector else [])


@dataclass(frozen=True)
class Bundle:
    """Consecutive year folders indexed together, and the pages (relative to the site) in them."""

    prefix: str
    years: tuple[str, ...]
    pages: frozenset[str]

    @property
    def name(self) -> str:
        """The bundle's folder under pagefind/: its first and last year, e.g. 2016-2019."""
        low, high = min(self.years), max(self.years)
        return low if low == high else f"{low}-{high}"

    @property
    def glob(self) -> str:
        """Pagefind's glob for the bundle's pages (wax alternatives in braces)."""
        years = self.years[0] if len(self.years) == 1 else "{" + ",".join(sorted(self.years)) + "}"
        return f"{self.prefix}/{years}/**/*.html"


_GLOB = re.compile(r"^(?P<prefix>[^*?{}\[\]]+)/\*\*/\*\.html$")


def glob_prefix(glob: str) -> str:
    """The folder of SEARCH_GLOB whose sub-folders (the years) are bundled: articles/**/*.html → articles."""
    m = _GLOB.match(glob)
    if not m:
        raise SearchIndexError(
            f"KFQ SEARCH_GLOB '{glob}' cannot be cut into year bundles: write it as "
            "'<folder>/**/*.html', the pages in a folder per year under <folder>"
        )
    return m["prefix"].strip("/")


def unit_of(page: str, prefix: str) -> str | None:
    """The year folder a page (relative to the site, forward slashes) is bundled by, or None
    when the page is not one SEARCH_GLOB reads."""
    parts = PurePosixPath(page).parts
    depth = len(PurePosixPath(prefix).parts)
    if len(parts) < depth + 2 or "/".join(parts[:depth]) != prefix or not page.endswith(".html"):
        return None
    return parts[depth]


# A site is cut into one bundle per core only when each part holds at least this many
# articles: a Pagefind run costs about 0.25 s before it reads a page (its dictionary, its
# scripts and WebAssembly written out), about what 80 articles take to index, and every
# bundle is one more set of files a reader's browser fetches for a search.
SPLIT_MIN = 250


def cores() -> int:
    """The cores this process may run on (each Pagefind run uses one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def group_years(counts: Mapping[str, int], limit: int, parts: int = 1) -> list[tuple[str, ...]]:
    """Consecutive year folders in groups of at most limit pages, newest group first (a year
    above the limit alone is a group of its own): few bundles for a small site. A site of at
    most limit pages is cut into up to `parts` groups as even as its years allow, when each
    part holds at least SPLIT_MIN pages, so that `parts` Pagefind runs can index it at once."""
    total = sum(counts.values())
    split = min(parts, total // SPLIT_MIN)
    if total <= limit and split > 1:
        return _even_groups(counts, split)
    groups: list[list[str]] = []
    in_group = 0
    for year in sorted(counts, reverse=True):
        if groups and in_group + counts[year] <= limit:
            groups[-1].append(year)
            in_group += counts[year]
        else:
            groups.append([year])
            in_group = counts[year]
    return [tuple(sorted(g)) for g in groups]


def _even_groups(counts: Mapping[str, int], parts: int) -> list[tuple[str, ...]]:
    """The years, newest first, cut into at most `parts` runs of consecutive years so that the
    largest run is as small as it can be (the linear partition, by dynamic programming over
    the few dozen years a site has)."""
    years = sorted(counts, reverse=True)
    before = [0]
    for year in years:
        before.append(before[-1] + counts[year])
    n = len(years)
    parts = min(parts, n)
    # best[k][i]: the smallest largest run when the first i years are cut into k runs;
    # cut[k][i]: where the last of those runs starts.
    best = [[math.inf] * (n + 1) for _ in range(parts + 1)]
    cut = [[0] * (n + 1) for _ in range(parts + 1)]
    best[0][0] = 0
    for k in range(1, parts + 1):
        for i in range(1, n + 1):
            for j in range(k - 1, i):
                worst = max(best[k - 1][j], before[i] - before[j])
                if worst < best[k][i]:
                    best[k][i], cut[k][i] = worst, j
    groups: list[tuple[str, ...]] = []
    end = n
    for k in range(parts, 0, -1):
        start = cut[k][end]
        groups.append(tuple(sorted(years[start:end])))
        end = start
    return groups[::-1]


def plan(pages: Iterable[str], glob: str, limit: int, parts: int = 1) -> list[Bundle]:
    """The bundles of the pages SEARCH_GLOB reads, newest first (see group_years)."""
    prefix = glob_prefix(glob)
    by_unit: dict[str, set[str]] = {}
    for page in pages:
        unit = unit_of(page, prefix)
        if unit is not None:
            by_unit.setdefault(unit, set()).add(page)
    groups = group_years({u: len(p) for u, p in by_unit.items()}, max(1, limit), parts)
    return [Bundle(prefix, g, frozenset().union(*(by_unit[u] for u in g))) for g in groups]


def pages_on_disk(site: Path, glob: str) -> list[str]:
    """The pages under site that SEARCH_GLOB reads, relative to it."""
    return sorted(p.relative_to(site).as_posix() for p in Path(site).glob(glob) if p.is_file())


def _check_executable(executable: Path) -> None:
    """A missing or broken binary is told once, with what to do, before any bundle is started
    (not as each bundle's failure, half way through a build)."""
    try:
        done = subprocess.run([str(executable), "--version"], capture_output=True, timeout=60, check=False)
    except OSError as e:
        raise SearchIndexError(
            f"Pagefind cannot run ({executable}: {e.strerror}): run `make setup` to install it again"
        ) from e
    except subprocess.TimeoutExpired as e:
        raise SearchIndexError(f"Pagefind did not answer ({executable} --version)") from e
    if done.returncode != 0:
        raise SearchIndexError(
            f"Pagefind cannot run ({executable} --version exited {done.returncode}): "
            "run `make setup` to install it again"
        )


@dataclass
class Indexer:
    """Indexes the bundles of one site from a worker thread. A year folder is handed over as
    soon as all its pages are written (`written`); a bundle is indexed by Pagefind as soon as
    all its years are in, beside the bundles already running while a core is free (`workers`,
    one per core unless told) and the articles being indexed stay within `limit`. `finish`
    hands over what is left, waits, and writes the bundle list."""

    site: Path
    bundles: list[Bundle]
    limit: int = DEFAULTS["SEARCH_BUNDLE"]
    workers: int = 0
    # Where Pagefind reads the pages (by the same paths): the site itself unless told.
    source: Path | None = None
    seconds: float = 0.0
    _waiting: dict[str, set[str]] = field(default_factory=dict)
    _unit_of: dict[str, str] = field(default_factory=dict)
    _bundle_of: dict[str, Bundle] = field(default_factory=dict)
    _queued: set[str] = field(default_factory=set)
    _errors: list[BaseException] = field(default_factory=list)
    _jobs: queue.Queue[str | None] = field(default_factory=queue.Queue)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _free: threading.Condition = field(default_factory=threading.Condition)
    _runs: int = 0
    _articles: int = 0
    _thread: threading.Thread | None = None

    def __post_init__(self) -> None:
        self.site = Path(self.site).absolute()
        self.source = Path(self.source).absolute() if self.source is not None else self.site
        self.workers = self.workers or cores()
        executable = pagefind_executable()
        _check_executable(executable)
        shutil.rmtree(self.site / FOLDER, ignore_errors=True)
        for bundle in self.bundles:
            for page in bundle.pages:
                unit = unit_of(page, bundle.prefix)
                assert unit is not None
                self._unit_of[page] = unit
                self._waiting.setdefault(unit, set()).add(page)
                self._bundle_of[unit] = bundle
        self._thread = threading.Thread(target=self._work, name="kfq-search-index", daemon=True)
        self._thread.start()

    def written(self, page: str) -> None:
        """A page (relative to the site) is on disk; hand its year over once it is complete."""
        unit = self._unit_of.get(page)
        if unit is None:
            return
        with self._lock:
            waiting = self._waiting[unit]
            waiting.discard(page)
            if waiting or unit in self._queued:
                return
            self._queued.add(unit)
        self._jobs.put(unit)

    def _work(self) -> None:
        left = {b.name: set(b.years) for b in self.bundles}
        with ThreadPoolExecutor(self.workers, thread_name_prefix="kfq-pagefind") as runs:
            for unit in iter(self._jobs.get, None):
                if self._errors:
                    continue  # the build stops anyway: start nothing more
                bundle = self._bundle_of[unit]
                left[bundle.name].discard(unit)
                if left[bundle.name]:
                    continue  # the bundle's other years are still being written
                with self._free:
                    self._free.wait_for(functools.partial(self._may_start, bundle))
                    self._runs += 1
                    self._articles += len(bundle.pages)
                runs.submit(self._index, bundle)
        # Leaving the block waited for every run started.

    def _may_start(self, bundle: Bundle) -> bool:
        # A run alone may hold more than the limit: a year above it is a bundle of its own.
        if self._runs == 0:
            return True
        return self._runs < self.workers and self._articles + len(bundle.pages) <= self.limit

    def _index(self, bundle: Bundle) -> None:
        start = time.perf_counter()
        try:
            _index_bundle(self.site, bundle, self.source)
        except BaseException as e:  # noqa: BLE001 - handed to the build's thread by finish()
            self._errors.append(e)
        finally:
            with self._free:
                self.seconds += time.perf_counter() - start
                self._runs -= 1
                self._articles -= len(bundle.pages)
                self._free.notify_all()

    def abort(self) -> None:
        """Stop the worker (a build that failed before finish): no bundle is started after it, and
        the runs under way are waited for."""
        self._errors.append(SearchIndexError("the build stopped before the index was complete"))
        self._jobs.put(None)
        if self._thread is not None:
            self._thread.join()

    def finish(self) -> float | None:
        """Hand over the years not complete yet (newest first), wait for every bundle, write
        pagefind/bundles.json; the seconds Pagefind worked, or None when there was nothing."""
        with self._lock:
            rest = [u for u in sorted(self._waiting, reverse=True) if u not in self._queued]
            self._queued.update(rest)
        for unit in rest:
            self._jobs.put(unit)
        self._jobs.put(None)
        assert self._thread is not None
        self._thread.join()
        if self._errors:
            error = self._errors[0]
            if isinstance(error, KfqError):
                raise error
            raise SearchIndexError(f"Pagefind failed: {error}") from error
        if not self.bundles:
            return None
        manifest = {"bundles": [b.name for b in self.bundles]}
        (self.site / FOLDER / MANIFEST).write_text(json.dumps(manifest) + "\n", encoding="utf-8")
        return self.seconds


# Generous: the 10,000-article corpus took about two minutes in one process on a loaded machine.
def _timeout_s(pages: int) -> float:
    return 120 + 0.1 * pages


def _index_bundle(site: Path, bundle: Bundle, source: Path | None = None) -> None:
    """Pagefind's command line over the bundle's years as source holds them (the site unless
    told, or the documents a build wrote for the index), written to the site's
    pagefind/<name>/."""
    output = site / FOLDER / bundle.name
    command = [*pagefind_command(source or site, bundle.glob), "--output-path", str(output)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=_timeout_s(len(bundle.pages)), check=False
        )
    except subprocess.TimeoutExpired as e:
        raise SearchIndexError(f"Pagefind gave no answer on bundle {bundle.name}: run the build again") from e
    if done.returncode != 0:
        raise SearchIndexError(
            f"Pagefind failed on bundle {bundle.name} (exit {done.returncode}): "
            f"{done.stderr.strip() or done.stdout.strip()}"
        )


def build_index(
    site: Path, glob: str, limit: int = DEFAULTS["SEARCH_BUNDLE"], workers: int = 0
) -> float | None:
    """Index the pages of site that match glob, in bundles of at most limit pages, on
    `workers` cores (0: all); the seconds Pagefind worked, or None when there is no such page
    (Pagefind refuses to build an empty index, and a new site has nothing to find)."""
    site = Path(site)
    pages = pages_on_disk(site, glob)
    if not pages:
        return None
    workers = workers or cores()
    return Indexer(site, plan(pages, glob, limit, workers), limit, workers).finish()

"""The editors' build server: one Pelican, kept in memory, runs every save.

    python -m kfq_quick.live <pelican arguments>

Each line on standard input asks for a build (`build ["saved path", …]`, the files the
watcher saw change); the answer is a line on standard output with the build's exit status
and the output files it wrote or removed (`0 ["articles/…/index.html", …]`), preceded, when
the saved articles' own pages were written first (kfq_quick.fast) or a full pass gave way to a
newer save after writing some pages, by a line
`fast ["…", …]` naming them. The server reads the settings once and builds with the same
`pelican.Pelican` instance every time (as Pelican's own `pelican -r` does), handing the
plugins a `kfq.quick.Session` in the settings: the reader (kfq_reader, through the one
reader kfq.frontmatter.read_source) reads only the files saved since the last build, the
validator checks only those, and the writer (kfq_quick.quick) renders only the pages whose
content changed. Pelican still builds its context from every article each save (its
generators and our plugins' listings, related articles and neighbours are computed over the
whole site), so what a page shows is always what a full build computes.

An invalid save stops that build only (kfq_guard tells the editor `path:line: field:
message`); the server answers 1 and waits for the next save. New plugin code or settings
need a new server (`invoke livereload` starts one when plugins/ or pelicanconf.py change).
"""

from __future__ import annotations

import cProfile
import json
import logging
import os
import queue
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path

from kfq.errors import LiveServerError, Superseded
from kfq.quick import SESSION, Session

# A developer's profile of each build: KFQ_LIVE_PROFILE=folder writes build-N.prof there.
PROFILE = "KFQ_LIVE_PROFILE"

# What every save under `invoke livereload` overrides in pelicanconf.py (bench/ runs the same).
# Pelican's own content cache is off: the session keeps what was read, in memory.
LIVE_SETTINGS = [
    "CACHE_CONTENT=false",
    "LOAD_CONTENT_CACHE=false",
    "DELETE_OUTPUT_DIRECTORY=false",
]


def live_kfq(kfq: dict) -> str:
    """The KFQ override of the editors' loop: no search index, drafts shown for preview."""
    return "KFQ=" + json.dumps({**kfq, "SEARCH_INDEX": False, "PREVIEW_DRAFTS": True}, ensure_ascii=False)


class LiveServer:
    """A running build server (this module as `python -m`): build() asks it for one build and
    waits for it; submit() asks without waiting (the watcher), and on_pages hears, as each
    build tells them, the output files it wrote."""

    def __init__(
        self,
        argv: list[str],
        cwd: Path,
        log: Path | None = None,
        on_pages: Callable[[list[str]], None] | None = None,
    ):
        """argv: Pelican's arguments; the builds' messages go to log when given, else to stderr."""
        self.argv = list(argv)
        self.cwd = Path(cwd)
        self.log = log
        self.on_pages = on_pages
        self.proc: subprocess.Popen | None = None
        self.start()

    def start(self) -> None:
        """Start the server; returns once it has loaded Pelican and the plugins."""
        # kfq_quick is an installed package: the same interpreter finds it from any folder.
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kfq_quick.live", *self.argv],
            cwd=self.cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log.open("a", encoding="utf-8") if self.log else None,
            text=True,
        )
        if self.proc.stdout.readline().strip() != "ready":
            raise LiveServerError("the build server did not start: see its messages above")
        self._answers: queue.Queue[int | None] = queue.Queue()
        self._asked = 0  # builds submitted whose answers build() has not taken yet
        threading.Thread(target=self._read, args=(self.proc, self._answers), daemon=True).start()

    def _read(self, proc: subprocess.Popen, answers: queue.Queue) -> None:
        # The server's lines as they come: a build's pages may be told before it ends.
        for line in proc.stdout:
            word, _, names = line.strip().partition(" ")
            pages = json.loads(names) if names else []
            if pages and self.on_pages is not None:
                self.on_pages(pages)
            if word != "fast":
                answers.put(int(word))
        answers.put(None)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def submit(self, changed: Iterable[str | Path] = ()) -> None:
        """Ask for a build of the files changed (all of them when none are named); a save
        submitted while a build runs stops that build's full pass and is built next, with it."""
        try:
            self.proc.stdin.write("build " + json.dumps([str(p) for p in changed], ensure_ascii=False) + "\n")
            self.proc.stdin.flush()
            self._asked += 1
        except (BrokenPipeError, ValueError):
            raise LiveServerError("the build server stopped: see its messages above") from None

    def build(
        self, changed: Iterable[str | Path] = (), on_pages: Callable[[list[str]], None] | None = None
    ) -> int:
        """One build, as `pelican <argv>` would run it, waited for; its exit status (1: it
        stopped), once the builds submitted before it are answered too. on_pages hears the
        output files written: the saved articles' pages first when they are written ahead,
        then the rest."""
        if on_pages is not None:
            self.on_pages = on_pages
        self.submit(changed)
        while True:  # the answers to the saves submitted before, then this one's
            answer = self._answers.get()
            if answer is None:
                raise LiveServerError("the build server stopped: see its messages above")
            self._asked -= 1
            if self._asked == 0:
                return answer

    def restart(self) -> None:
        """A new server, for new plugin code or settings."""
        self.close()
        self.start()

    def close(self) -> None:
        """Stop the server: at once between builds, and a full pass gives way (the watcher
        now asks for builds without waiting, so new code may come in the middle of one)."""
        if self.proc and self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                # The session's first build does not give way; the next server renders every
                # page again, so a page it was writing is written whole.
                self.proc.terminate()
                self.proc.wait(timeout=30)


class Builder:
    """The server's side: one Pelican instance and the session it keeps between saves."""

    def __init__(self, argv: list[str]):
        from pelican import LOG_HANDLERS, get_instance, parse_arguments
        from pelican.log import init as init_logging

        args = parse_arguments(argv)
        init_logging(
            level=args.verbosity,
            fatal=args.fatal,
            name="pelican",
            handler=LOG_HANDLERS[args.log_handler],
            logs_dedup_min_level=getattr(logging, args.logs_dedup_min_level),
        )
        self.session = Session()
        self.pelican, self.settings = get_instance(args)
        self.settings[SESSION] = self.session

    def build(self, changed: list[str], tell: Callable[[list[str]], None]) -> tuple[int | None, list[str]]:
        """One save's build: its exit status (None: it gave way to a newer save) and the output
        files it wrote or removed; tell hears the saved articles' pages when they are written
        first. Nothing it raises ends the server."""
        from kfq_quick.fast import render_saved
        from kfq_quick.quick import quick_writer

        start = time.perf_counter()
        self.session.drafts = []
        status: int | None = 0
        try:
            ahead = render_saved(self.pelican, self.session, changed, quick_writer(self.pelican))
            if ahead is not None:
                print(f"saved page{'s' if len(ahead) > 1 else ''} in {time.perf_counter() - start:.2f} s",
                      file=sys.stderr, flush=True)  # fmt: skip
                tell(ahead)
            self.pelican.run()  # kfq_guard turns any failure into BuildStopped, told already
        except Superseded:
            status = None
        except SystemExit as e:
            status = e.code if isinstance(e.code, int) else 1
        except Exception:  # noqa: BLE001 (a developer's --debug run: show it, keep serving)
            traceback.print_exc()
            status = 1
        if status is None:
            # What it wrote is on disk as recorded; the last good build still stands.
            self.session.pages.abandon()
            print("a newer save came: building it first", file=sys.stderr, flush=True)
            return None, self.session.pages.changed
        if status:
            self.session.pages.abandon()
            self.session.last_build = None  # the next save is built in full
            print("Waiting for a change: the build runs again when a file is saved.", file=sys.stderr)
        else:
            for _, title, url in self.session.drafts:
                print(f"草稿预览 (not published): {title}  {self.settings['SITEURL']}/{url}", file=sys.stderr)
            print(f"built in {time.perf_counter() - start:.2f} s", file=sys.stderr)
        sys.stderr.flush()
        return status, self.session.pages.changed


def serve(argv: list[str]) -> None:
    """Answer each line of standard input with a build and its exit status."""
    # The builds' messages go to stderr; stdout carries only the answers.
    answers = sys.stdout
    sys.stdout = sys.stderr
    builder = Builder(argv)
    profile = os.environ.get(PROFILE)
    requests: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        for line in sys.stdin:
            requests.put(line)
        requests.put(None)  # the watcher has gone: stop, even in the middle of a full pass

    threading.Thread(target=read, daemon=True).start()
    # A save that comes while a full pass runs stops that pass (kfq.quick.Session.give_way):
    # its own page is wanted now, and the next full pass covers both saves.
    builder.session.newer_save = lambda: not requests.empty()
    print("ready", file=answers, flush=True)

    def tell(pages: list[str]) -> None:
        # Pages written before the build's end: the saved ones, or a pass that gave way.
        print("fast " + json.dumps(pages, ensure_ascii=False), file=answers, flush=True)

    asked, changed, everything, n = 0, set(), False, 0
    while True:
        line = requests.get()
        if line is None:
            return
        _, _, names = line.strip().partition(" ")
        saved = json.loads(names) if names else []
        asked, changed, everything = asked + 1, changed | set(saved), everything or not saved
        if not requests.empty():
            continue  # more saves waiting: one build for all of them
        profiler = cProfile.Profile() if profile else None
        if profiler is not None:
            profiler.enable()
        status, pages = builder.build([] if everything else sorted(changed), tell)
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(Path(profile) / f"build-{n}.prof")
            n += 1
        if status is None:
            if pages:
                tell(pages)  # what it wrote before giving way: open pages showing it reload
            continue  # given way to a newer save: built with it
        for _ in range(asked):  # one answer for each request this build covered
            print(f"{status} " + json.dumps(pages, ensure_ascii=False), file=answers, flush=True)
            pages = []
        asked, changed, everything = 0, set(), False


if __name__ == "__main__":
    serve(sys.argv[1:])

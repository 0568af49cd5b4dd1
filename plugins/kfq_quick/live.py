"""The editors' build server: one Pelican, kept in memory, runs every save.

    python -m kfq_quick.live <pelican arguments>

Each line on standard input asks for a build (`build ["saved path", …]`, the files the
watcher saw change); the answer is a line on standard output with the build's exit status
and the output files it wrote or removed (`0 ["articles/…/index.html", …]`), preceded, when
the saved articles' own pages were written first (kfq_quick.fast), by a line
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
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path

from kfq.errors import LiveServerError
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
    """A running build server (this module as `python -m`): build() asks it for one build."""

    def __init__(self, argv: list[str], cwd: Path, log: Path | None = None):
        """argv: Pelican's arguments; the builds' messages go to log when given, else to stderr."""
        self.argv = list(argv)
        self.cwd = Path(cwd)
        self.log = log
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

    @property
    def pid(self) -> int:
        return self.proc.pid

    def build(
        self, changed: Iterable[str | Path] = (), on_pages: Callable[[list[str]], None] | None = None
    ) -> int:
        """One build of the files changed (all of them when none are named), as `pelican
        <argv>` would run it; its exit status (1: it stopped). on_pages hears the output files
        written: the saved articles' pages first when they are written ahead, then the rest."""
        self.proc.stdin.write("build " + json.dumps([str(p) for p in changed], ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        while True:
            answer = self.proc.stdout.readline().strip()
            if not answer:
                raise LiveServerError("the build server stopped: see its messages above")
            word, _, names = answer.partition(" ")
            pages = json.loads(names) if names else []
            if on_pages is not None and pages:
                on_pages(pages)
            if word != "fast":
                return int(word)

    def restart(self) -> None:
        """A new server, for new plugin code or settings."""
        self.close()
        self.start()

    def close(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(timeout=60)


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

    def build(self, changed: list[str], tell: Callable[[list[str]], None]) -> tuple[int, list[str]]:
        """One save's build: its exit status and the output files it wrote or removed; tell
        hears the saved articles' pages when they are written first. Nothing it raises ends
        the server."""
        from kfq_quick.fast import render_saved
        from kfq_quick.quick import quick_writer

        start = time.perf_counter()
        self.session.drafts = []
        status = 0
        try:
            ahead = render_saved(self.pelican, self.session, changed, quick_writer(self.pelican))
            if ahead is not None:
                print(f"saved page{'s' if len(ahead) > 1 else ''} in {time.perf_counter() - start:.2f} s",
                      file=sys.stderr, flush=True)  # fmt: skip
                tell(ahead)
            self.pelican.run()  # kfq_guard turns any failure into BuildStopped, told already
        except SystemExit as e:
            status = e.code if isinstance(e.code, int) else 1
        except Exception:  # noqa: BLE001 (a developer's --debug run: show it, keep serving)
            traceback.print_exc()
            status = 1
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
    print("ready", file=answers, flush=True)

    def tell(pages: list[str]) -> None:
        print("fast " + json.dumps(pages, ensure_ascii=False), file=answers, flush=True)

    for n, line in enumerate(sys.stdin):
        _, _, names = line.strip().partition(" ")
        changed = json.loads(names) if names else []
        profiler = cProfile.Profile() if profile else None
        if profiler is not None:
            profiler.enable()
        status, pages = builder.build(changed, tell)
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(Path(profile) / f"build-{n}.prof")
        print(f"{status} " + json.dumps(pages, ensure_ascii=False), file=answers, flush=True)


if __name__ == "__main__":
    serve(sys.argv[1:])

"""The editors' loop: one process loads Pelican and the plugins once, then forks each build.

    python -m kfq_quick.live <pelican arguments>

Each line on standard input asks for a build; the answer is a line on standard output with
the build's exit status. Every build runs in a child forked from this process, so it starts
with Pelican, Markdown, Jinja, pypinyin's dictionaries and our plugins already imported
(half of a quick rebuild of 1,000 articles went to starting Python and importing them) and
still ends with nothing left behind: an article that stops the build stops only that child,
and no module-level state survives from one save to the next. The children read the settings
and the content afresh; only code is shared, so a changed plugin needs a new server
(`invoke livereload` starts one when plugins/ or pelicanconf.py change).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kfq.errors import LiveServerError

# What every save under `invoke livereload` overrides in pelicanconf.py (bench/ runs the same).
LIVE_SETTINGS = [
    "CACHE_CONTENT=true",
    "LOAD_CONTENT_CACHE=true",
    "GZIP_CACHE=false",
    "DELETE_OUTPUT_DIRECTORY=false",
]


def live_kfq(kfq: dict) -> str:
    """The KFQ override of the editors' loop: no search index, only changed pages rendered."""
    return "KFQ=" + json.dumps({**kfq, "SEARCH_INDEX": False, "WRITE_CHANGED_ONLY": True}, ensure_ascii=False)


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

    def build(self) -> int:
        """One build, as `pelican <argv>` would run it; its exit status (1: it stopped)."""
        self.proc.stdin.write("build\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().strip()
        if not answer:
            raise LiveServerError("the build server stopped: see its messages above")
        return int(answer)

    def restart(self) -> None:
        """A new server, for new plugin code."""
        self.close()
        self.start()

    def close(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(timeout=60)


def preload(argv: list[str]) -> None:
    """Import what a build imports: Pelican with its readers and writers, and the plugins."""
    from pelican import parse_arguments
    from pelican.plugins._utils import load_plugins
    from pelican.settings import read_settings

    args = parse_arguments(argv)
    # Importing the plugins' modules registers nothing: each child's Pelican does that.
    load_plugins(read_settings(args.settings))


def build(argv: list[str]) -> int:
    """One build in a forked child; its exit status."""
    pid = os.fork()
    if pid == 0:  # the child: a whole `pelican` run, then out without running any cleanup twice
        status = 0
        os.dup2(2, 1)  # the build's messages go to stderr; stdout carries the answers
        try:
            from pelican import main

            main(argv)
        except SystemExit as e:
            status = e.code if isinstance(e.code, int) else 1
        except BaseException:  # noqa: BLE001 (the child must never return into the server's loop)
            import traceback

            traceback.print_exc()
            status = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    _, wait = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(wait)


def serve(argv: list[str]) -> None:
    """Answer each line of standard input with a build and its exit status."""
    preload(argv)
    print("ready", flush=True)
    for _ in sys.stdin:
        print(build(argv), flush=True)


if __name__ == "__main__":
    serve(sys.argv[1:])

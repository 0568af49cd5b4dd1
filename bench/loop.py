"""The editors' loop as an editor lives it: a watcher process running, a save, the page on disk.

The watcher is driven only through its command line (`invoke livereload --port N`, `hugo
server --renderToDisk`): whatever it does between a save and the rebuilt page (polling,
forking, rendering) is inside the figure. A save writes the article with a new sentence; the
time runs until the article's page on disk holds that sentence.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.measure import Sampler

POLL_S = 0.005  # how often the page is read back: well under the times measured


@dataclass(frozen=True)
class Loop:
    """One watcher session: seconds until its first build was on disk, each save's seconds to
    the rebuilt page, and the peak memory of its process tree over the session."""

    start_s: float
    first_save_s: float
    saves: list[float]
    peak_mb: float


class LoopFailed(RuntimeError):
    """The watcher died or never wrote the page; the message names its log."""


def free_port() -> int:
    """A TCP port nobody listens on now (the kernel's pick)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serving(port: int, url: str) -> bool:
    """Whether the watcher's web server answers url: both serve only once their first build
    is done (a port may be bound before that)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=5) as answer:
            return answer.status == 200
    except OSError:
        return False


def marker(n: int) -> str:
    """The sentence the n-th save adds: new text each time, so each save changes the page."""
    return f"编辑第{n}次保存：本文数据截至发稿时。"


def saved_text(original: str, n: int) -> str:
    """The article as the n-th save writes it: the original and one new closing paragraph."""
    return original.rstrip("\n") + "\n\n" + marker(n) + "\n"


def _wait(condition, proc: subprocess.Popen, timeout: float, what: str, log: Path) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if proc.poll() is not None:
            raise LoopFailed(f"the watcher exited ({proc.returncode}) while waiting for {what}: see {log}")
        if time.perf_counter() > deadline:
            raise LoopFailed(f"no {what} after {timeout:.0f} s: see {log}")
        time.sleep(POLL_S)


def _holds(page: Path, text: str) -> bool:
    try:
        return text in page.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False  # not there yet, or being swapped in


def _stop(proc: subprocess.Popen) -> None:
    # The watcher runs in a session of its own (started below): its whole group goes, and
    # nothing else.
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def measure_saves(
    command: Sequence[str],
    cwd: Path,
    port: int,
    article: Path,
    output: Path,
    page: Path,
    saves: int,
    log: Path,
    timeout: float = 600.0,
) -> Loop:
    """Start the watcher, wait for its first build (the page served and on disk under
    output), then save article once untimed and `saves` times timed, each to its rebuilt page.

    The untimed first save proves the watcher is watching (a save it has not seen would be
    waited for in vain) and is kept apart: our build server renders every page at the first
    save of a session."""
    original = article.read_text(encoding="utf-8")
    url, on_disk = "/" + page.parent.as_posix() + "/", output / page
    times: list[float] = []
    with log.open("wb") as out:
        proc = subprocess.Popen(
            list(command), cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    sampler = Sampler(proc.pid)
    start = time.perf_counter()
    try:
        _wait(lambda: on_disk.exists() and serving(port, url), proc, timeout, "first build", log)
        start_s = time.perf_counter() - start
        for n in range(saves + 1):
            # Let the build before finish (it may write list pages after the article's) before
            # the next save, as an editor reads the page before typing again.
            time.sleep(1.0 + (times[-1] if times else 1.0))
            text = marker(n)
            began = time.perf_counter()
            article.write_text(saved_text(original, n), encoding="utf-8")
            _wait(lambda text=text: _holds(on_disk, text), proc, timeout, f"the page after save {n}", log)
            times.append(time.perf_counter() - began)
    finally:
        _stop(proc)
        article.write_text(original, encoding="utf-8")
        measured = sampler.stop(time.perf_counter() - start, proc.returncode or 0, "")
    return Loop(start_s, times[0], times[1:], measured.peak_mb)

"""Run one command and measure its wall time and the peak memory of its whole process tree.

Why sampling /proc: `/usr/bin/time -v` (and getrusage's ru_maxrss) reports the largest single
process, not a tree (pelican → pagefind, python -m invoke → pelican), and psutil is not a
dependency. The machine's memory cgroup belongs to the session machinery (cgroup v1, not
delegated), so no cgroup of our own either. Every 50 ms we follow /proc/PID/task/*/children
from the command to its descendants and sum their resident set sizes; the peak is the largest
such sum. Summed RSS counts shared library pages once per process, which slightly overstates
a tree of several Python processes; a peak shorter than the sampling period can be missed.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
PERIOD_S = 0.05


@dataclass(frozen=True)
class Measured:
    """One command's result: wall seconds, peak tree memory in MB, exit status, output.

    step_s and step_peak_mb time a watched child process (e.g. the Pagefind binary that a
    plugin starts) inside the tree: from the first to the last sample that saw it.
    """

    seconds: float
    peak_mb: float
    returncode: int
    output: str
    step_s: float = 0.0
    step_peak_mb: float = 0.0


def _kids(pid: int) -> list[int]:
    # The kernel lists each thread's children; walking only the tree keeps a sample cheap
    # when many other processes run (a full /proc scan cost a fifth of a core).
    kids: list[int] = []
    try:
        for task in os.scandir(f"/proc/{pid}/task"):
            with open(f"{task.path}/children", "rb") as f:
                kids += [int(k) for k in f.read().split()]
    except OSError:
        pass  # the process or thread ended while we looked
    return kids


def tree_rss(root: int, watch: str = "") -> tuple[int, int]:
    """Bytes resident now in root and all its descendants, and in those whose name starts
    with watch (0 when watch is empty or no such process runs)."""
    total, watched, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        todo += _kids(pid)
        try:
            with open(f"/proc/{pid}/statm", "rb") as f:
                rss = int(f.read().split()[1]) * PAGE
            name = Path(f"/proc/{pid}/comm").read_text(encoding="utf-8") if watch else ""
        except OSError:
            continue
        total += rss
        if watch and name.startswith(watch):
            # Count a watched process even when its pages are not yet resident.
            watched += max(rss, 1)
    return total, watched


def run(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None, watch: str = "") -> Measured:
    """Run command in cwd to its end; its output is kept (merged) for the caller to show or parse."""
    peak = step_peak = 0
    first = last = 0.0
    done = threading.Event()
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(command),
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )

    def sample() -> None:
        nonlocal peak, step_peak, first, last
        while not done.is_set():
            total, watched = tree_rss(proc.pid, watch)
            peak = max(peak, total)
            if watched:
                now = time.perf_counter()
                first, last = first or now, now
                # The whole tree while the step runs: the parent's memory stays held meanwhile.
                step_peak = max(step_peak, total)
            done.wait(PERIOD_S)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = proc.communicate()[0].decode("utf-8", "replace")
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    # A watched step seen in k samples lasted about k periods, not k - 1.
    step_s = last - first + PERIOD_S if first else 0.0
    return Measured(seconds, peak / 2**20, proc.returncode, output, step_s, step_peak / 2**20)

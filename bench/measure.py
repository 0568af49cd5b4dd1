"""Run one command and measure its wall time and the peak memory of its whole process tree.

Why sampling /proc: `/usr/bin/time -v` (and getrusage's ru_maxrss) reports the largest single
process, not a tree (pelican → pagefind, python -m invoke → pelican), and psutil is not a
dependency. The machine's memory cgroup belongs to the session machinery (cgroup v1, not
delegated), so no cgroup of our own either. Every 50 ms we follow /proc/PID/task/*/children
from the command to its descendants and sum their proportional set sizes (PSS, from
/proc/PID/smaps_rollup): a page shared by k processes counts 1/k in each, so the sum is what the
tree holds. Summed RSS would count a shared page once per process: a forked build (the
editors' build server) shares most of its pages with its parent, and RSS counted them twice.
A peak shorter than the sampling period can be missed.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
PERIOD_S = 0.05


@dataclass(frozen=True)
class Measured:
    """One command's result: wall seconds, peak tree memory in MB, exit status, output.

    step_s and step_peak_mb time a watched child process (e.g. the Pagefind binary that a
    plugin starts) inside the tree: from the first to the last sample that saw it;
    rest_peak_mb is the tree's peak in the samples that did not see it (the steps before and
    after), so each step of one command gets its own peak.
    """

    seconds: float
    peak_mb: float
    returncode: int
    output: str
    step_s: float = 0.0
    step_peak_mb: float = 0.0
    rest_peak_mb: float = 0.0


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


def _pss(pid: int) -> int:
    """Bytes of pid's proportional set size; its RSS where the kernel has no smaps_rollup."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except FileNotFoundError:
        pass
    with open(f"/proc/{pid}/statm", "rb") as f:
        return int(f.read().split()[1]) * PAGE


def tree_rss(root: int, watch: str = "") -> tuple[int, int]:
    """Bytes resident now (PSS) in root and all its descendants, and in those whose name
    starts with watch (0 when watch is empty or no such process runs)."""
    total, watched, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        todo += _kids(pid)
        try:
            rss = _pss(pid)
            name = Path(f"/proc/{pid}/comm").read_text(encoding="utf-8") if watch else ""
        except OSError:
            continue
        total += rss
        if watch and name.startswith(watch):
            # Count a watched process even when its pages are not yet resident.
            watched += max(rss, 1)
    return total, watched


class Sampler:
    """Samples the memory of a process tree every PERIOD_S until stopped."""

    def __init__(self, root: int, watch: str = ""):
        self.root, self.watch = root, watch
        self.peak = self.step_peak = self.rest_peak = 0
        self.first = self.last = 0.0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.done.is_set():
            total, watched = tree_rss(self.root, self.watch)
            self.peak = max(self.peak, total)
            if watched:
                now = time.perf_counter()
                self.first, self.last = self.first or now, now
                # The whole tree while the step runs: the parent's memory stays held meanwhile.
                self.step_peak = max(self.step_peak, total)
            else:
                self.rest_peak = max(self.rest_peak, total)
            self.done.wait(PERIOD_S)

    def stop(self, seconds: float, returncode: int, output: str) -> Measured:
        self.done.set()
        self.thread.join()
        # A watched step seen in k samples lasted about k periods, not k - 1.
        step_s = self.last - self.first + PERIOD_S if self.first else 0.0
        return Measured(
            seconds,
            self.peak / 2**20,
            returncode,
            output,
            step_s,
            self.step_peak / 2**20,
            self.rest_peak / 2**20,
        )


def run(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None, watch: str = "") -> Measured:
    """Run command in cwd to its end; its output is kept (merged) for the caller to show or parse."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(command),
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    sampler = Sampler(proc.pid, watch)
    output = proc.communicate()[0].decode("utf-8", "replace")
    return sampler.stop(time.perf_counter() - start, proc.returncode, output)


def during(pid: int, work: Callable[[], int]) -> Measured:
    """Time work() (which returns an exit status) while sampling the tree of process pid: a
    server that does the work in children of its own."""
    sampler = Sampler(pid)
    start = time.perf_counter()
    returncode = work()
    return sampler.stop(time.perf_counter() - start, returncode, "")

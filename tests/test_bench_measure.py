"""bench/measure.py: the memory of a process tree counts pages a fork shares once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from bench import measure

# A process that fills 200 MB, then forks: parent and child hold the same pages.
FORKED = """
import os, sys, time
block = bytearray(200 * 2**20)
for i in range(0, len(block), 4096):
    block[i] = 1
if os.fork() == 0:
    time.sleep(30)
    os._exit(0)
print("ready", flush=True)
time.sleep(30)
"""


def test_a_forked_child_does_not_count_its_parents_pages_twice():
    proc = subprocess.Popen([sys.executable, "-c", FORKED], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(0.2)  # the child is running
        total, _ = measure.tree_rss(proc.pid)
        mb = total / 2**20
        # Summed RSS would say about 400 MB; the tree holds 200 MB and an interpreter or two.
        assert 200 <= mb < 300, mb
    finally:
        for child in measure._kids(proc.pid):
            os.kill(child, signal.SIGKILL)
        proc.kill()
        proc.wait()

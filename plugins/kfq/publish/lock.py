"""One publish at a time from a checkout: a second `invoke publish` stops instead of racing."""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from kfq.errors import PublishError


class PublishBusy(PublishError):
    """Another publish from this checkout is still running."""


@contextlib.contextmanager
def publishing(lock: Path) -> Iterator[None]:
    """Hold the publish lock (a file under cache/) for the block, or stop at once naming the
    publish that holds it: two publishes would build into the same output/ and upload each
    other's half, and a release switched by the one could be deleted by the other's pruning.
    The kernel releases the lock when its process ends, so a crashed publish never blocks."""
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a+", encoding="utf-8") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            f.seek(0)
            holder = f.read().strip() or "another process"
            raise PublishBusy(
                f"another `invoke publish` is running ({holder}): wait for it to finish, then "
                "publish again if its result is not what you want"
            ) from None
        f.seek(0)
        f.truncate()
        f.write(f"pid {os.getpid()}, since {time.strftime('%Y-%m-%d %H:%M:%S')}")
        f.flush()
        try:
            yield
        finally:
            f.truncate(0)
            fcntl.flock(f, fcntl.LOCK_UN)

"""Running the existing tools (ssh, rsync, rclone): a failure becomes a PublishError that says what to do."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from kfq.errors import PublishError

INSTALL = "install it (`make setup` installs nginx, openssh-client, rsync and rclone from Debian)"


@dataclass(frozen=True)
class Result:
    """What a command printed, and how it ended."""

    code: int
    out: str
    err: str = ""


# A runner takes the command, the text for its standard input, and the exit codes that are
# not failures; tests may pass their own.
Runner = Callable[[Sequence[str], str | None, frozenset[int]], Result]


def run(argv: Sequence[str], stdin: str | None = None, ok: frozenset[int] = frozenset({0})) -> Result:
    """Run a command; PublishError naming it when it is missing or fails."""
    try:
        proc = subprocess.run(list(argv), input=stdin, capture_output=True, text=True, timeout=3600)
    except FileNotFoundError:
        raise PublishError(f"{argv[0]}: not found — {INSTALL}") from None
    except subprocess.TimeoutExpired:
        raise PublishError(
            f"{argv[0]}: no answer within an hour — check the network and the target"
        ) from None
    if proc.returncode not in ok:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-8:]
        raise PublishError(
            f"{argv[0]} failed (exit {proc.returncode}): " + " | ".join(tail) + " — nothing was switched; "
            "check the target's settings and that the server or bucket can be reached, then publish again"
        )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@dataclass
class Changes:
    """What a publish sends: new and changed files, and the files it removes."""

    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    @property
    def uploaded(self) -> list[str]:
        return sorted(self.new + self.changed)

    def lines(self) -> list[str]:
        """One line per file, `+ new`, `~ changed`, `- deleted`, then a count."""
        out = [f"+ {p}" for p in sorted(self.new)]
        out += [f"~ {p}" for p in sorted(self.changed)]
        out += [f"- {p}" for p in sorted(self.deleted)]
        out.append(f"{len(self.new)} new, {len(self.changed)} changed, {len(self.deleted)} deleted")
        return out

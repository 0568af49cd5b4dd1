"""The weekly's own server over SSH: each build in a new release folder, `current` switched in one rename.

On the server, under the target's path:

    releases/20261203T101500Z/    one build each (unchanged files hard-linked to the last one)
    releases/20261203T101500Z.files   the build's own theme and Pagefind files
    current -> releases/20261203T101500Z   the folder nginx serves

Pages of the release before keep working after the switch: its fingerprinted theme files and
Pagefind chunks are linked into the new release (one release back), so a reader who loaded a
page a moment before never asks for a file that is gone. The server needs POSIX sh and GNU
coreutils (mv -T), as every Linux has.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from kfq.errors import PublishError
from kfq.publish.commands import Changes, Runner, run
from kfq.publish.kinds import Kind, is_office_file, kind
from kfq.publish.targets import RsyncTarget

RELEASE = re.compile(r"^\d{8}T\d{6}Z(?:-\d+)?$")

# One script for every step on the server, run by `ssh host sh -s -- path mode …`: what a
# publish does there is in one place, and each step is one SSH round trip.
SCRIPT = r"""
set -eu
base=$1; mode=$2
mkdir -p "$base/releases"
cd "$base"
current=$(readlink current 2>/dev/null || true)
current=${current#releases/}
releases() { ls -1 releases | grep -E '^[0-9]{8}T[0-9]{6}Z(-[0-9]+)?$' | sort || true; }
switch() { ln -sfn "releases/$1" current.new && mv -T current.new current; echo "current=$1"; }
case $mode in
state)
  echo "current=$current"
  releases | sed 's/^/release=/'
  ;;
activate)
  new=$3; keep=$4
  cd "releases/$new"
  find theme pagefind -type f 2>/dev/null | sort > "../$new.files" || true
  if [ -n "$current" ] && [ -f "../$current.files" ]; then
    while IFS= read -r f; do
      if [ ! -e "$f" ] && [ -f "../$current/$f" ]; then
        mkdir -p "$(dirname "$f")"
        ln "../$current/$f" "$f"
      fi
    done < "../$current.files"
  fi
  cd "$base"
  switch "$new"
  total=$(releases | wc -l)
  if [ "$total" -gt "$keep" ]; then
    releases | head -n $((total - keep)) | while IFS= read -r old; do
      [ "$old" = "$new" ] || rm -rf "releases/$old" "releases/$old.files"
    done
  fi
  ;;
rollback)
  prev=$(releases | awk -v c="$current" '$0 < c' | tail -n 1)
  if [ -z "$prev" ]; then echo "no release older than '$current' is kept" >&2; exit 3; fi
  switch "$prev"
  ;;
esac
"""


@dataclass(frozen=True)
class State:
    """The releases on the server, oldest first, and the one `current` points at."""

    current: str
    releases: tuple[str, ...]


def _remote(target: RsyncTarget, runner: Runner, mode: str, *args: str) -> str:
    argv = [*target.ssh, target.host, "sh", "-s", "--", *map(shlex.quote, (target.path, mode, *args))]
    return runner(argv, SCRIPT, frozenset({0})).out


def _values(out: str, key: str) -> list[str]:
    return [line.split("=", 1)[1] for line in out.splitlines() if line.startswith(key + "=")]


def state(target: RsyncTarget, runner: Runner = run) -> State:
    """Ask the server which releases it holds."""
    out = _remote(target, runner, "state")
    return State((_values(out, "current") or [""])[0], tuple(_values(out, "release")))


def release_name(now: dt.datetime, taken: tuple[str, ...]) -> str:
    """A new release's folder name: the UTC time, made unique among the releases taken."""
    name = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    n, candidate = 1, name
    while candidate in taken:
        n += 1
        candidate = f"{name}-{n}"
    return candidate


def rsync_filters(office_files: bool) -> list[str]:
    """The year-end office files stay out unless the target says otherwise (its page goes)."""
    if office_files:
        return []
    return ["--include=/contributors/*/index.html", "--exclude=/contributors/*/*"]


def parse_itemized(out: str) -> Changes:
    """rsync --itemize-changes lines as the files it sent or would delete."""
    changes = Changes()
    for line in out.splitlines():
        if line.startswith("*deleting "):
            path = line.split(None, 1)[1]
            if not path.endswith("/"):
                changes.deleted.append(path)
        elif len(line) > 12 and line[0] in "<>" and line[1] == "f":
            (changes.new if line[2:11].startswith("+") else changes.changed).append(line[12:])
    return changes


def _rsync(target: RsyncTarget, site: Path, dest: str, *options: str) -> list[str]:
    ssh = " ".join(map(shlex.quote, target.ssh))
    return [
        "rsync",
        "--recursive",
        "--links",
        # Pelican writes every file anew: only content tells a changed file from an unchanged one.
        "--checksum",
        "--chmod=D755,F644",
        "--itemize-changes",
        *rsync_filters(target.office_files),
        *options,
        "-e",
        ssh,
        f"{site}/",
        f"{target.host}:{dest}/",
    ]


def dry_run(site: Path, target: RsyncTarget, runner: Runner = run) -> Changes:
    """What a publish would change, compared with the release the server serves now."""
    current = state(target, runner).current
    if not current:
        files = (p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
        return Changes(new=sorted(f for f in files if target.office_files or not is_office_file(f)))
    dest = f"{target.path}/releases/{current}"
    changes = parse_itemized(
        runner(_rsync(target, site, dest, "--dry-run", "--delete"), None, frozenset({0})).out
    )
    # Fingerprinted files the new build lacks stay one release longer (carried over): not deleted.
    changes.deleted = [p for p in changes.deleted if kind(p) is not Kind.IMMUTABLE]
    return changes


def publish(
    site: Path, target: RsyncTarget, runner: Runner = run, now: dt.datetime | None = None
) -> tuple[str, Changes]:
    """Upload site into a new release, then switch `current` to it; (release, files sent)."""
    if not (site / "index.html").is_file():
        raise PublishError(f"{site}: no index.html — build the site first (`invoke build --publish`)")
    before = state(target, runner)
    name = release_name(now or dt.datetime.now(dt.UTC), before.releases)
    options = [f"--link-dest={target.path}/releases/{before.current}"] if before.current else []
    sent = parse_itemized(
        runner(_rsync(target, site, f"{target.path}/releases/{name}", *options), None, frozenset({0})).out
    )
    _remote(target, runner, "activate", name, str(target.keep))
    return name, sent


def rollback(target: RsyncTarget, runner: Runner = run) -> str:
    """Point `current` at the release before it; the release now served."""
    try:
        out = _remote(target, runner, "rollback")
    except PublishError as e:
        raise PublishError(f"rollback on '{target.name}': {e}") from e
    return _values(out, "current")[0]

"""Object storage behind a CDN through rclone: changed files only, assets first, deletions last.

A bucket has no `current` to switch, so the order of the uploads keeps readers whole: the
files pages use (fingerprinted theme files and Pagefind chunks, new names never seen before)
go up first, then the other files, then the pages, and only then are deleted pages removed.
Old fingerprinted files are never deleted here: pages cached by a CDN or a browser may still
name them (a bucket lifecycle rule may expire them after some weeks).
"""

from __future__ import annotations

from pathlib import Path

from kfq.publish.commands import Changes, Runner, run
from kfq.publish.kinds import Kind, cache_control, is_office_file, kind
from kfq.publish.targets import RcloneTarget

# rclone check --combined marks: + only in the build, * different, - only on the remote.
_NEW, _CHANGED, _GONE = "+", "*", "-"


def _base(target: RcloneTarget) -> list[str]:
    return ["rclone", *(["--config", target.config] if target.config else [])]


def _filters(target: RcloneTarget) -> list[str]:
    if target.office_files:
        return []
    return ["--filter", "+ /contributors/*/index.html", "--filter", "- /contributors/*/**"]


def plan(site: Path, target: RcloneTarget, runner: Runner = run) -> Changes:
    """Compare the build with the remote by checksum: what is new, changed and gone."""
    runner([*_base(target), "mkdir", target.remote], None, frozenset({0}))
    out = runner(
        [
            *_base(target),
            "check",
            str(site),
            target.remote,
            "--checksum",
            "--combined",
            "-",
            *_filters(target),
        ],
        None,
        frozenset({0, 1}),  # 1: they differ, which is what a publish is for
    ).out
    changes = Changes()
    for line in out.splitlines():
        mark, _, path = line.partition(" ")
        if not path or (is_office_file(path) and not target.office_files):
            continue
        if mark == _NEW:
            changes.new.append(path)
        elif mark == _CHANGED:
            changes.changed.append(path)
        elif mark == _GONE and kind(path) is not Kind.IMMUTABLE:
            changes.deleted.append(path)
    for paths in (changes.new, changes.changed, changes.deleted):
        paths.sort()
    return changes


def publish(site: Path, target: RcloneTarget, runner: Runner = run, dry_run: bool = False) -> Changes:
    """Upload what changed, in the order that keeps every page whole, then delete what is gone."""
    changes = plan(site, target, runner)
    if dry_run:
        return changes
    by_kind: dict[Kind, list[str]] = {}
    for path in changes.uploaded:
        by_kind.setdefault(kind(path), []).append(path)
    for group in sorted(by_kind, key=lambda k: k.value):
        paths = by_kind[group]
        header = cache_control(paths[0])  # one lifetime per kind
        runner(
            [
                *_base(target),
                "copy",
                str(site),
                target.remote,
                "--files-from-raw",
                "-",
                "--no-traverse",
                "--header-upload",
                f"Cache-Control: {header}",
            ],
            "\n".join(paths) + "\n",
            frozenset({0}),
        )
    if changes.deleted:
        runner(
            [*_base(target), "delete", target.remote, "--files-from-raw", "-"],
            "\n".join(changes.deleted) + "\n",
            frozenset({0}),
        )
    return changes

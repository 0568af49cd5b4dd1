"""The publishing targets of publishconf.py's PUBLISH setting, each checked before any upload."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Any

from kfq.errors import PublishError

# Releases kept on an rsync target (the current one included): the ones a rollback can reach.
DEFAULT_KEEP = 5


@dataclass(frozen=True)
class RsyncTarget:
    """The weekly's own server: releases/<id>/ folders under path, `current` pointing at one."""

    name: str
    host: str  # user@host as ssh takes it
    path: str  # absolute folder on the server holding releases/ and current
    url: str  # the public address, to check after publishing
    ssh: tuple[str, ...] = ("ssh",)  # the ssh command and its options, e.g. ssh -p 2222
    keep: int = DEFAULT_KEEP
    office_files: bool = False


@dataclass(frozen=True)
class RcloneTarget:
    """Object storage (S3, Aliyun OSS, Tencent COS…) through an rclone remote."""

    name: str
    remote: str  # remote:bucket/folder, as `rclone config` named it
    url: str
    config: str | None = None  # an rclone.conf other than rclone's default
    office_files: bool = False


Target = RsyncTarget | RcloneTarget

_FIELDS = {
    "rsync": {"kind", "host", "path", "url", "ssh", "keep", "office_files"},
    "rclone": {"kind", "remote", "url", "config", "office_files"},
}


def _fail(name: str, message: str) -> PublishError:
    return PublishError(f"publishconf.py: PUBLISH target '{name}': {message}")


def parse_target(name: str, spec: dict[str, Any], siteurl: str) -> Target:
    """One target from its settings; url defaults to the site's SITEURL."""
    if not isinstance(spec, dict):
        raise _fail(name, "must be a dict of settings — see the README's publishing section")
    kind = spec.get("kind")
    if kind not in _FIELDS:
        raise _fail(name, f"kind: '{kind}' is not a kind of target — write kind: 'rsync' or 'rclone'")
    unknown = sorted(set(spec) - _FIELDS[kind])
    if unknown:
        raise _fail(
            name,
            f"unknown setting(s) {', '.join(unknown)} — a {kind} target takes "
            f"{', '.join(sorted(_FIELDS[kind]))}",
        )
    url = str(spec.get("url") or siteurl).rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise _fail(name, f"url: '{url}' is not a web address — set url, or KFQ_SITEURL")
    office = spec.get("office_files", False)
    if not isinstance(office, bool):
        raise _fail(name, "office_files: write True or False")
    if kind == "rsync":
        for key in ("host", "path"):
            if not isinstance(spec.get(key), str) or not spec[key]:
                raise _fail(
                    name,
                    f"{key}: required — set KFQ_PUBLISH_HOST=deploy@www.example.cn (and KFQ_PUBLISH_PATH "
                    "when not /srv/kfq), or write it in publishconf.py",
                )
        if not spec["path"].startswith("/"):
            raise _fail(name, f"path: '{spec['path']}' must be an absolute folder on the server")
        keep = spec.get("keep", DEFAULT_KEEP)
        if not isinstance(keep, int) or isinstance(keep, bool) or keep < 2:
            raise _fail(name, f"keep: {keep!r} — keep at least 2 releases, so that one can be rolled back to")
        ssh = spec.get("ssh", "ssh")
        ssh_argv = tuple(shlex.split(ssh) if isinstance(ssh, str) else map(str, ssh))
        return RsyncTarget(name, spec["host"], spec["path"].rstrip("/") or "/", url, ssh_argv, keep, office)
    remote = spec.get("remote")
    if not isinstance(remote, str) or ":" not in remote:
        raise _fail(
            name,
            f"remote: {remote!r} — set KFQ_PUBLISH_REMOTE to the rclone remote and bucket, e.g. "
            "oss:kfq-weekly (`rclone config` names the remote), or write it in publishconf.py",
        )
    config = spec.get("config")
    return RcloneTarget(name, remote, url, str(config) if config else None, office)


def pick_target(publish: dict[str, Any] | None, name: str | None, siteurl: str) -> Target:
    """The target called name, or PUBLISH['default'] when no name is given."""
    publish = publish or {}
    targets = publish.get("targets") or {}
    if not targets:
        raise PublishError(
            "publishconf.py: PUBLISH has no targets — add one (see the README's publishing section)"
        )
    chosen = name or publish.get("default")
    if not chosen:
        raise PublishError(
            f"no target given: use --target ({', '.join(sorted(targets))}) or set PUBLISH['default']"
        )
    if chosen not in targets:
        raise PublishError(
            f"--target: no target '{chosen}' in publishconf.py — known: {', '.join(sorted(targets))}"
        )
    return parse_target(chosen, targets[chosen], siteurl)

"""Fingerprinted asset names: a theme file's name carries a digest of its content."""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from kfq.errors import UnknownAsset

# Ten hex digits (40 bits): two versions of one file colliding is out of reach.
DIGEST_LENGTH = 10
FINGERPRINTED = re.compile(rf"\.[0-9a-f]{{{DIGEST_LENGTH}}}\.[A-Za-z0-9]+$")


def digest(data: bytes) -> str:
    """The short content digest that goes into a fingerprinted name."""
    return hashlib.sha256(data).hexdigest()[:DIGEST_LENGTH]


def fingerprinted_name(rel: str, data: bytes) -> str:
    """css/site.css with its content → css/site.<digest>.css."""
    path = PurePosixPath(rel)
    return str(path.with_name(f"{path.stem}.{digest(data)}{path.suffix}"))


def is_fingerprinted(name: str) -> bool:
    """Whether a file name carries a content digest (and may be cached for a year)."""
    return bool(FINGERPRINTED.search(name))


def manifest(static_dirs: Iterable[Path]) -> dict[str, str]:
    """Every file under the theme's static folders (path relative to its folder, as Pelican
    copies it) → its fingerprinted path. A later folder wins, as in Pelican's copy.

    The digest is of the theme's own file: the build's rewrites of it (kfq_minify) are a
    function of that file, so a new name follows every change that matters.
    """
    out: dict[str, str] = {}
    for folder in static_dirs:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                rel = path.relative_to(folder).as_posix()
                out[rel] = fingerprinted_name(rel, path.read_bytes())
    return out


def asset_path(assets: dict[str, str], rel: str, static_dir: str, fingerprint: bool = True) -> str:
    """The site-relative path a page links a theme file by: theme/css/site.<digest>.css."""
    try:
        name = assets[rel] if fingerprint else rel
    except KeyError:
        raise UnknownAsset(
            f"asset '{rel}': no such file in the theme's static folder — correct the name in "
            f"the template (known: {', '.join(sorted(assets))})"
        ) from None
    return f"{static_dir.strip('/')}/{name}" if static_dir.strip("/") else name


def write_fingerprinted(assets: dict[str, str], folder: Path) -> list[Path]:
    """Copy each asset in folder (the output's theme folder) to its fingerprinted name.

    The plain names stay: the copies are what pages link, with a year's cache.
    """
    written = []
    for rel, hashed in assets.items():
        source = folder / rel
        if source.is_file():
            target = folder / hashed
            shutil.copyfile(source, target)
            written.append(target)
    return written

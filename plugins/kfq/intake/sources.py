"""What an editor names on the command line → the submitted files: files, folders, patterns."""

from __future__ import annotations

import glob
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kfq.intake.formats import SUFFIXES


@dataclass
class Sources:
    """The files to read, in the order named, and each name that found none."""

    paths: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def expand(names: Iterable[str]) -> Sources:
    """Each name as a file (read whatever its format, so an unknown one is reported), a folder
    (its submissions, by suffix, hidden files left out) or a pattern ('投稿/*.docx'). A file
    named twice is read once."""
    out = Sources()
    seen: set[Path] = set()
    for name in names:
        where = Path(name).expanduser()
        if where.is_dir():
            found = sorted(
                p
                for p in where.iterdir()
                if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
            )
        elif where.exists():
            found = [where]
        else:
            found = sorted(Path(p) for p in glob.glob(str(where)) if Path(p).is_file())
        if not found:
            out.missing.append(
                f"{name}: no submission found — name a file, a folder or a pattern ('投稿/*.docx')"
            )
        for path in found:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                out.paths.append(path)
    return out

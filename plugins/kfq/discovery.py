"""Which files under content/articles/ are articles: one set of rules for the check and the build.

An article is `articles/YYYY/<slug>.md`. Everything else under an article folder is either
ignored on purpose (hidden files and folders, editors' backup and lock files, the importer's
companion files) or refused by name: a file that would silently not become an article
(`a.MD`, `a.txt`, `articles/2024~/a.md`, `articles/a.md`) stops the check and the build.
Symlinked folders are followed, as Pelican follows them, so what Pelican reads is checked.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kfq.errors import Problem

ARTICLE_SUFFIX = ".md"
# Editors' backup, swap and lock files, and hidden files: never articles, never refused.
# pelicanconf.py hands the same patterns to Pelican as IGNORE_FILES, so it skips them too.
IGNORED = (".*", "*~", "#*#", "*.swp", "*.swo", "*.bak", "*.orig", "Thumbs.db", "desktop.ini")
# Files the toolchain itself keeps beside the articles: the importer's review
# (kfq.importer.review.REVIEW_FILE) and its ledger of what it created (kfq.importer.ledger.FILE).
COMPANIONS = ("import-review.txt", "import-ledger.yaml")
YEAR_RE = re.compile(r"\d{4}")
TEXT_SUFFIXES = {".md", ".markdown", ".mkd", ".mdown", ".mdwn", ".txt", ".text", ".rst", ".html", ".htm"}


@dataclass
class Discovery:
    """The article files found, and a problem for every other file that is not ignored."""

    articles: list[Path] = field(default_factory=list)
    refused: list[tuple[Path, Problem]] = field(default_factory=list)


_IGNORED_RE = re.compile("|".join(fnmatch.translate(pattern) for pattern in IGNORED))


def ignored(name: str) -> bool:
    """True for a file or folder name the check and the build both pass over in silence
    (matched as Pelican matches IGNORE_FILES, case and all, on this system)."""
    return _IGNORED_RE.match(name) is not None


def _refusal(rel: Path, shown: str, top: str) -> Problem:
    """Why the file at rel (relative to its article folder) will not become an article."""
    parts = rel.parts
    suffix = rel.suffix
    if len(parts) >= 2 and not YEAR_RE.fullmatch(parts[0]):
        return Problem(
            shown, 1, "file", f"the folder '{parts[0]}' is not a year, so this file is never published",
            f"move the file to {top}/YYYY/ (the year of its date) and remove the folder '{parts[0]}'",
        )  # fmt: skip
    if suffix.lower() in TEXT_SUFFIXES and suffix != ARTICLE_SUFFIX:
        return Problem(
            shown, 1, "file", f"articles are Markdown files ending in .md, not {suffix}",
            f"rename it to {rel.stem}.md",
        )  # fmt: skip
    if suffix == ARTICLE_SUFFIX and len(parts) == 1:
        return Problem(
            shown, 1, "file", "the article is not in a year folder, so it is never published",
            f"move it to {top}/YYYY/{rel.name} (the year of its date)",
        )  # fmt: skip
    if suffix == ARTICLE_SUFFIX:
        return Problem(
            shown, 1, "file", f"the article sits in a sub-folder of {top}/{parts[0]}/",
            f"move it to {top}/{parts[0]}/{rel.name}",
        )  # fmt: skip
    return Problem(
        shown, 1, "file", "this file is not an article and would never be published",
        f"move it out of content/{top}/ (pictures go in content/images/), or save the article as .md",
    )  # fmt: skip


def discover(content: Path, article_dirs: Iterable[str] = ("articles",), shown=str) -> Discovery:
    """Every file under content's article folders, sorted into articles and refusals.

    shown turns a path into the text messages name it by. Paths keep the symlinks they were
    found through (as Pelican's source paths do); a folder reached twice is walked once.
    """
    found = Discovery()
    for top in article_dirs:
        base = Path(content) / top
        if not base.is_dir():
            continue
        seen: set[str] = set()
        for dirpath, dirs, files in os.walk(base, followlinks=True):
            real = os.path.realpath(dirpath)
            if real in seen:  # a symlink loop or a second link to the same folder
                dirs[:] = []
                continue
            seen.add(real)
            # Only hidden folders are passed over: a '2024~' folder of articles is refused.
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            # Strings, not Paths, for the common case: a check of 10,000 files walks them all.
            parts = tuple(Path(os.path.relpath(dirpath, base)).parts) if dirpath != str(base) else ()
            in_year = len(parts) == 1 and YEAR_RE.fullmatch(parts[0]) is not None
            for name in sorted(files):
                if ignored(name):
                    continue
                if in_year and name.endswith(ARTICLE_SUFFIX):
                    found.articles.append(Path(dirpath, name))
                    continue
                if not parts and name in COMPANIONS:
                    continue
                path = Path(dirpath, name)
                found.refused.append((path, _refusal(Path(*parts, name), shown(path), top)))
    found.articles.sort()
    return found

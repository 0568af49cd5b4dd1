"""Check a whole content folder: every article file, against the registers."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from kfq.contract import Checked, Memo, check_articles, display_path
from kfq.errors import Problem
from kfq.frontmatter import Source
from kfq.registers import Registers

# Files Pelican would read as articles; the contract wants Markdown in .md files only.
OTHER_READABLE = {".markdown", ".mkd", ".mdown", ".rst", ".html", ".htm"}


def article_files(content: Path, article_dirs: Iterable[str]) -> list[Path]:
    """Every file under the article directories that Pelican would read as an article."""
    files: set[Path] = set()
    for d in article_dirs:
        base = Path(content) / d
        files.update(
            p
            for p in base.rglob("*")
            if p.is_file() and (p.suffix == ".md" or p.suffix.lower() in OTHER_READABLE)
        )
    return sorted(files)


def check_content(
    content: Path,
    registers: Registers,
    article_dirs: Iterable[str] = ("articles",),
    shown_from: Path | None = None,
    memo: Memo | None = None,
) -> list[Checked]:
    """Every article under content checked; paths shown relative to shown_from when inside it.

    With a memo (see memo_key), articles it knows valid and unchanged are not read again.
    """
    files = article_files(content, article_dirs)
    markdown = [p for p in files if p.suffix == ".md"]
    others = [
        Checked(
            Source(p),
            [
                Problem(
                    display_path(p, shown_from),
                    1,
                    "file",
                    f"articles are Markdown files ending in .md, not {p.suffix}",
                    f"rename it to {p.stem}.md",
                )
            ],
        )
        for p in files
        if p.suffix != ".md"
    ]
    return check_articles(markdown, registers, root=shown_from, memo=memo) + others


def memo_key(data: Path) -> str:
    """What a kept check depends on besides the article itself: the registers in data and
    the code of the checks; a Memo made under another key is of no use."""
    h = hashlib.blake2b(digest_size=16)
    code = Path(__file__).resolve().parent
    for path in sorted([*Path(data).rglob("*"), *code.glob("*.py")]):
        if path.is_file():
            h.update(str(path).encode("utf-8", "surrogatepass") + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()

"""Check a whole content folder: every article file, against the registers."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from kfq.contract import Checked, Memo, check_articles, display_path
from kfq.discovery import discover
from kfq.frontmatter import ReadOnce, Source
from kfq.registers import Registers


def check_content(
    content: Path,
    registers: Registers,
    article_dirs: Iterable[str] = ("articles",),
    shown_from: Path | None = None,
    memo: Memo | None = None,
    read: ReadOnce | None = None,
) -> list[Checked]:
    """Every file under content's article folders checked (kfq.discovery decides which are
    articles; any other file is refused by name); paths shown relative to shown_from.

    With a memo (see memo_key), articles it knows valid and unchanged are not read again.
    With read, the source of each valid article is kept there for the build's reader.
    """
    found = discover(content, article_dirs, shown=lambda p: display_path(p, shown_from))
    refused = [Checked(Source(path), [problem]) for path, problem in found.refused]
    checked = check_articles(found.articles, registers, root=shown_from, memo=memo, read=read) + refused
    return sorted(checked, key=lambda c: c.source.path)


def memo_key(data: Path) -> str:
    """What a kept check depends on besides the article itself: the registers in data and
    the code of the checks; a Memo made under another key is of no use."""
    h = hashlib.blake2b(digest_size=16)
    code = Path(__file__).resolve().parent
    for path in sorted([*Path(data).rglob("*"), *code.glob("*.py")]):
        if path.is_file():
            h.update(str(path).encode("utf-8", "surrogatepass") + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()

"""The Pagefind command line for the site's search index: extended build, article pages only."""

from __future__ import annotations

from pathlib import Path

from kfq.errors import KfqError


class SearchIndexError(KfqError):
    """Pagefind could not be found or failed to index the site."""


def pagefind_executable() -> Path:
    """The extended Pagefind binary, the one that segments Chinese with jieba."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError as e:
        raise SearchIndexError(
            "the extended Pagefind binary is missing: run `make setup` "
            "(pyproject.toml asks for pagefind[extended])"
        ) from e
    return Path(get_executable())


def pagefind_command(site: Path, glob: str, executable: Path | None = None) -> list[str]:
    """The command that indexes site: only files matching glob, and in them only the elements
    marked data-pagefind-body, so readers search article text, not page furniture."""
    return [str(executable or pagefind_executable()), "--site", str(site), "--glob", glob, "--quiet"]

"""The importer's exceptions, each naming the file and saying how to fix it.

KfqError (kfq.errors)
└── ImporterError             any failure of `invoke import-seeds`
    ├── UndecodableFile       a seed is neither UTF-8 nor GB18030/GBK text
    ├── ManifestError         seeds/manifest.yaml is missing an entry or malformed
    ├── DecisionError         seeds/decisions.yaml (editors' decisions) is malformed
    └── CharactersLost        the conservation check found Han characters in ≠ out
"""

from __future__ import annotations

from kfq.errors import KfqError


class ImporterError(KfqError):
    """Base of every failure the importer reports on purpose."""


class UndecodableFile(ImporterError):
    """A seed file whose bytes are not UTF-8 (with or without BOM) nor GB18030/GBK."""

    def __init__(self, name: str, detail: str):
        self.name = name
        super().__init__(
            f"{name}: cannot be decoded ({detail}) — save it as UTF-8, e.g. "
            f"`iconv -f <encoding> -t UTF-8 {name} > {name}.utf8 && mv {name}.utf8 {name}`"
        )


class ManifestError(ImporterError):
    """seeds/manifest.yaml cannot be used as it stands."""


class DecisionError(ImporterError):
    """The editors' decisions file cannot be used as it stands."""


class CharactersLost(ImporterError):
    """Han characters of a page did not all arrive in a body or in the review."""

    def __init__(self, name: str, missing: dict[str, int], extra: dict[str, int]):
        self.name, self.missing, self.extra = name, missing, extra

        def show(counts: dict[str, int]) -> str:
            return "".join(ch * n for ch, n in sorted(counts.items()))[:80] or "none"

        super().__init__(
            f"{name}: Han characters in ≠ out (lost: {show(missing)}; gained: {show(extra)}) — "
            "an importer stage dropped or duplicated text; report this page to a developer"
        )

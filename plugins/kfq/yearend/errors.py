"""The year-end list's named failures; each message says what to fix."""

from __future__ import annotations

from collections.abc import Sequence

from kfq.errors import KfqError


class YearendError(KfqError):
    """The year-end list cannot be made from the content as it stands."""


class NoArticles(YearendError):
    """The year has no published article, so there is nothing to list."""

    def __init__(self, year: int, drafts: int = 0):
        self.year = year
        hint = f" ({drafts} draft(s) of {year} do not count)" if drafts else ""
        super().__init__(
            f"no published article dated {year} under content/articles/{hint} — "
            "check --year, or set `status: published` on the year's finished articles"
        )


class UnsignedArticles(YearendError):
    """Published articles of the year name no author, so nobody can be credited."""

    def __init__(self, where: Sequence[str]):
        self.where = list(where)
        lines = "\n".join(f"  {w}: authors: []" for w in self.where)
        super().__init__(
            f"{len(self.where)} published article(s) have no author:\n{lines}\n"
            "add the byline to `authors:` (names from content/data/contributors.yaml); "
            "without --strict, unsigned articles are listed in 篇目 as （未署名） and credited "
            "to no one, but a year with no signed article has no list to make"
        )


class UnknownAuthors(YearendError):
    """Bylines name people the contributor register does not know."""

    def __init__(self, where: Sequence[str]):
        self.where = list(where)
        lines = "\n".join(f"  {w}" for w in self.where)
        super().__init__(
            f"{len(self.where)} byline name(s) are not in the contributor register:\n{lines}\n"
            "add them to content/data/contributors.yaml (name, aliases, role, zone, affiliation) "
            "or correct the spelling in the article; then run `invoke check`"
        )


class RankingRulesInvalid(YearendError):
    """The call's `ranking:` section cannot be used as written."""

    def __init__(self, call: str, problems: Sequence[str]):
        self.problems = list(problems)
        lines = "\n".join(f"  ranking.{p}" for p in self.problems)
        super().__init__(
            f"content/data/calls/{call}.yaml: the ranking section is invalid:\n{lines}\n"
            "fix it as the schema comment at the top of that file describes"
        )


class NoCall(YearendError):
    """No call for submissions covers the year, so there are no ranking rules."""

    def __init__(self, year: int):
        super().__init__(
            f"no call in content/data/calls/ is in force in {year} — add calls/{year}.yaml "
            "(copy the last year's file and edit it) with its `ranking:` section"
        )


class UnknownCharacters(YearendError):
    """Names hold Han characters the stroke data lacks, so 姓氏笔画 cannot order them."""

    def __init__(self, names: dict[str, list[str]]):
        self.names = dict(names)
        lines = "\n".join(
            f"  {name}: {'、'.join(f'{c} (U+{ord(c):04X})' for c in chars)}"
            for name, chars in self.names.items()
        )
        super().__init__(
            f"{len(self.names)} name(s) hold characters without stroke data, so the list cannot be "
            f"put in 姓氏笔画 order:\n{lines}\n"
            "check the spelling in content/data/contributors.yaml and the articles' authors:; if the "
            "name is right, regenerate plugins/kfq/data/strokes/ from a newer cnchar-order release "
            "(regenerate.py there) or report the character to that project"
        )


class SiteUrlMissing(YearendError):
    """The office files need the site's public address for their article links."""

    def __init__(self, value: str = ""):
        got = f" (got '{value}')" if value else ""
        super().__init__(
            f"KFQ_SITEURL is not set to the site's public address{got}: the office files link each "
            "article by its full address, which a recipient can open — run e.g. "
            "`KFQ_SITEURL=https://www.example.cn invoke contributors --year 2024`"
        )


class PdfFailed(YearendError):
    """LibreOffice could not turn an office file into PDF."""

    def __init__(self, message: str):
        super().__init__(message)

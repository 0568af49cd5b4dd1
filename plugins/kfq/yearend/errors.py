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

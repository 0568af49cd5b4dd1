"""Rank the year's contributors by the rules of the call in force (calls/YYYY.yaml `ranking:`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kfq.registers import ROLES, Call
from kfq.yearend.collect import Collection, Credit, Piece
from kfq.yearend.errors import RankingRulesInvalid
from kfq.yearend.order import stroke_key

# Measures that may break a tie in points, each better when it is larger (earliest: the
# contributor who first published earlier in the year).
TIE_BREAKS = ("articles", "zishu", "earliest")


@dataclass(frozen=True)
class Rules:
    """How the year's contributors are ranked; the defaults are the 2023 call's."""

    top: int = 20
    eligible_roles: tuple[str, ...] = ("通讯员", "机构")
    points_per_article: float = 1
    genre_points: Mapping[str, float] = field(default_factory=dict)
    min_share: float = 0.0
    tie_break: tuple[str, ...] = TIE_BREAKS

    def points(self, piece: Piece, targets: Mapping[str, int]) -> float:
        """What one article gives each eligible author in its byline."""
        target = targets.get(piece.genre, 0)
        if self.min_share and target and piece.zishu < self.min_share * target:
            return 0
        return self.genre_points.get(piece.genre, self.points_per_article)


@dataclass(frozen=True)
class Standing:
    """A contributor's place in the year's ranking."""

    rank: int
    credit: Credit
    points: float
    counted: int
    excellent: bool

    @property
    def name(self) -> str:
        return self.credit.name


def rules_from_call(call: Call) -> Rules:
    """The ranking rules of a call, every problem in its `ranking:` section reported at once."""
    section = call.data.get("ranking")
    if not isinstance(section, dict):
        raise RankingRulesInvalid(call.key, ["the section is missing: add `ranking:` with `top: 20`"])
    problems: list[str] = []
    known = {"top", "eligible_roles", "points_per_article", "genre_points", "min_share", "tie_break"}
    problems += [
        f"{k}: unknown option (the options are: {', '.join(sorted(known))})"
        for k in section
        if k not in known
    ]
    top = section.get("top", Rules.top)
    if not isinstance(top, int) or isinstance(top, bool) or top < 1:
        problems.append(f"top: '{top}' must be a whole number of at least 1, e.g. 20")
    roles = tuple(section.get("eligible_roles") or Rules.eligible_roles)
    problems += [
        f"eligible_roles: '{r}' is not a role (use {', '.join(ROLES)})" for r in roles if r not in ROLES
    ]
    per = section.get("points_per_article", Rules.points_per_article)
    if not _number(per):
        problems.append(f"points_per_article: '{per}' must be a number of 0 or more")
    genre_points = section.get("genre_points") or {}
    if not isinstance(genre_points, dict):
        problems.append("genre_points: must map a genre to its points, e.g. {通讯: 2}")
        genre_points = {}
    for genre, value in genre_points.items():
        if genre not in call.genre_names:
            problems.append(
                f"genre_points: '{genre}' is not a genre of the call ({'、'.join(call.genre_names)})"
            )
        if not _number(value):
            problems.append(f"genre_points: {genre}: '{value}' must be a number of 0 or more")
    share = section.get("min_share", 0)
    if not _number(share) or share > 1:
        problems.append(f"min_share: '{share}' must be a fraction between 0 and 1, e.g. 0.5")
    ties = tuple(section.get("tie_break") or TIE_BREAKS)
    problems += [
        f"tie_break: '{t}' is not a measure (use {', '.join(TIE_BREAKS)})"
        for t in ties
        if t not in TIE_BREAKS
    ]
    if problems:
        raise RankingRulesInvalid(call.key, problems)
    return Rules(top, roles, per, dict(genre_points), share, ties)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


def rank(collection: Collection, rules: Rules, targets: Mapping[str, int] | None = None) -> list[Standing]:
    """Eligible contributors, best first; the first rules.top places are 优秀撰稿人.

    Points decide; equal points go to the rules' tie-break measures in order. Contributors
    equal on every measure share a place (1, 2, 2, 4) and share the award at the cut-off;
    among them the list shows 姓氏笔画 order, never the order the files were read in.
    """
    targets = targets or {}
    scored = []
    for credit in collection.contributors:
        if credit.contributor.role not in rules.eligible_roles:
            continue
        points = [rules.points(p, targets) for p in credit.pieces]
        total = sum(points)
        counted = sum(1 for p in points if p > 0)
        scored.append((_measures(credit, total, counted, rules), credit, total, counted))
    scored.sort(key=lambda s: (s[0], stroke_key(s[1].name)))
    standings: list[Standing] = []
    for i, (measures, credit, total, counted) in enumerate(scored):
        same = standings and scored[i - 1][0] == measures
        place = standings[-1].rank if same else i + 1
        excellent = place <= rules.top and total > 0
        standings.append(Standing(place, credit, _tidy(total), counted, excellent))
    return standings


def _measures(credit: Credit, points: float, counted: int, rules: Rules) -> tuple:
    values: dict[str, Any] = {
        "articles": -counted,
        "zishu": -credit.zishu,
        "earliest": credit.first,
    }
    return (-points, *(values[t] for t in rules.tie_break))


def _tidy(points: float) -> float:
    return int(points) if float(points).is_integer() else round(points, 2)


@dataclass(frozen=True)
class CutoffTie:
    """Contributors sharing the last awarded place, so more than top are awarded."""

    place: int
    count: int
    awarded: int
    top: int
    tie_break: tuple[str, ...] = TIE_BREAKS

    def sentence(self) -> str:
        """The tie in words, by the call's rules, for the list document and the site page."""
        measures = "、".join(MEASURE_NAMES[t] for t in self.tie_break)
        rule = f"得分相同者依次比较{measures}，仍相同者名次并列" if measures else "得分相同者名次并列"
        return (
            f"第{self.place}名有{self.count}位投稿人并列（{rule}），并列者同获表彰，"
            f"因此前{self.top}名共有{self.awarded}位投稿人"
        )


# The tie-break measures as the documents name them.
MEASURE_NAMES = {"articles": "刊发篇数", "zishu": "字数", "earliest": "首次刊发日期"}


def cutoff_tie(standings: list[Standing], rules: Rules) -> CutoffTie | None:
    """The tie at the cut-off of the top places, None when the award goes to top or fewer."""
    awarded = [s for s in standings if s.excellent]
    if len(awarded) <= rules.top:
        return None
    last = awarded[-1].rank
    count = sum(1 for s in awarded if s.rank == last)
    return CutoffTie(last, count, len(awarded), rules.top, tuple(rules.tie_break))

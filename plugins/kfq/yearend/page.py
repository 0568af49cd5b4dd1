"""The data of the site page /contributors/YYYY/: plain values a template only prints."""

from __future__ import annotations

from typing import Any

from kfq.registers import Registers
from kfq.yearend.collect import UNSIGNED, Collection, Piece
from kfq.yearend.groups import site_groups
from kfq.yearend.rank import Rules, Standing, cutoff_tie


def _piece(p: Piece) -> dict[str, Any]:
    return {
        "title": p.title,
        "url": p.url,
        "date": p.date,
        # 2024年5月6日, or 约2024年5月 for an estimated date: the office files print the same.
        "date_text": p.date_text,
        "estimated": p.estimated,
        "genre": p.genre,
        "zishu": p.zishu,
    }


def page_data(
    collection: Collection, standings: list[Standing], registers: Registers, rules: Rules
) -> dict[str, Any]:
    """Zones and people by pinyin with their articles, then the ranking, for one year."""
    groups = [
        {
            "name": g.name,
            "staff": g.staff,
            "slug": getattr(registers.zone_named(g.name), "slug", ""),
            "people": [
                {
                    "name": c.name,
                    "role": c.contributor.role,
                    "affiliation": c.contributor.full_name or c.contributor.affiliation,
                    "pieces": [_piece(p) for p in c.pieces],
                }
                for c in g.credits
            ]
            + (
                [{"name": UNSIGNED, "role": "", "affiliation": "", "pieces": [_piece(p) for p in g.unsigned]}]
                if g.unsigned
                else []
            ),
        }
        for g in site_groups(collection, registers)
    ]
    ranking = [
        {
            "rank": s.rank,
            "name": s.name,
            "zone": s.credit.zone,
            "articles": s.counted,
            "zishu": s.credit.zishu,
            "points": s.points,
            "excellent": s.excellent,
        }
        for s in standings
    ]
    awarded = [s for s in standings if s.excellent]
    return {
        "year": collection.year,
        "awarded": len(awarded),
        "cutoff_tie": (tie.sentence() if (tie := cutoff_tie(standings, rules)) else ""),
        "articles": len(collection.pieces),
        "contributors": len(collection.contributors),
        "groups": groups,
        "ranking": ranking,
        "top": rules.top,
    }

"""The data of the site page /contributors/YYYY/: plain values a template only prints."""

from __future__ import annotations

from typing import Any

from kfq.registers import Registers
from kfq.yearend.collect import Collection, Piece
from kfq.yearend.groups import site_groups
from kfq.yearend.rank import Standing


def _piece(p: Piece) -> dict[str, Any]:
    return {"title": p.title, "url": p.url, "date": p.date, "genre": p.genre, "zishu": p.zishu}


def page_data(
    collection: Collection, standings: list[Standing], registers: Registers, top: int
) -> dict[str, Any]:
    """Zones and people by pinyin with their articles, then the ranking, for one year."""
    groups = [
        {
            "name": g.name,
            "staff": g.staff,
            "slug": (registers.zone_named(g.name).slug if registers.zone_named(g.name) else ""),
            "people": [
                {
                    "name": c.name,
                    "role": c.contributor.role,
                    "affiliation": c.contributor.affiliation,
                    "pieces": [_piece(p) for p in c.pieces],
                }
                for c in g.credits
            ],
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
    return {
        "year": collection.year,
        "articles": len(collection.pieces),
        "contributors": len(collection.contributors),
        "groups": groups,
        "ranking": ranking,
        "top": top,
    }

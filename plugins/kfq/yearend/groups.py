"""Group the year's contributors by zone, in the order each kind of reader expects."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kfq.registers import Registers
from kfq.yearend.collect import NO_ZONE, Collection, Credit, Piece
from kfq.yearend.order import pinyin_key, stroke_key

STAFF = "本刊记者"


@dataclass(frozen=True)
class Group:
    """The contributors of one zone (or the weekly's own reporters), in list order."""

    name: str
    credits: tuple[Credit, ...]
    staff: bool = False
    # Articles of the zone without a byline (authors: []): listed under it as 未署名.
    unsigned: tuple[Piece, ...] = ()

    @property
    def pieces(self) -> int:
        return len({p for c in self.credits for p in c.pieces} | set(self.unsigned))


def by_zone(
    collection: Collection, registers: Registers, person_key: Callable[[str], tuple], zone_order: str
) -> list[Group]:
    """Zones with their contributors; staff reporters last, as a group of their own.

    zone_order "register" keeps zones.yaml's order (city by city, as the province lists
    them: the office documents); "pinyin" orders by the zones' official pinyin (the site).
    """
    zones: dict[str, list[Credit]] = {}
    for credit in collection.contributors:
        zones.setdefault(credit.zone, []).append(credit)
    unsigned: dict[str, list[Piece]] = {}
    for piece in collection.unsigned:
        zone = piece.zones[0] if piece.zones else NO_ZONE
        unsigned.setdefault(zone, []).append(piece)
        zones.setdefault(zone, [])
    position = {z.name: i for i, z in enumerate(registers.zones)}
    slug = {z.name: z.slug for z in registers.zones}

    def zone_key(name: str) -> tuple:
        if name == NO_ZONE:
            return (1, 0, "")
        if zone_order == "pinyin":
            return (0, 0, slug.get(name, name))
        return (0, position.get(name, len(position)), name)

    groups = [
        Group(
            name,
            tuple(sorted(credits, key=lambda c: person_key(c.name))),
            False,
            tuple(unsigned.get(name, ())),
        )
        for name, credits in sorted(zones.items(), key=lambda kv: zone_key(kv[0]))
    ]
    if collection.staff:
        staff = tuple(sorted(collection.staff, key=lambda c: person_key(c.name)))
        groups.append(Group(STAFF, staff, staff=True))
    return groups


def office_groups(collection: Collection, registers: Registers) -> list[Group]:
    """Zones in the register's order, people by 姓氏笔画: the office documents' order."""
    return by_zone(collection, registers, stroke_key, "register")


def site_groups(collection: Collection, registers: Registers) -> list[Group]:
    """Zones and people by pinyin: the order readers of the site page look things up in."""
    return by_zone(collection, registers, pinyin_key, "pinyin")

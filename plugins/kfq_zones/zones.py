"""The zone pages: the register's profile and every published article about the zone."""

from __future__ import annotations

from itertools import groupby

from kfq_catalog.pages import ListingGenerator


class ZonesGenerator(ListingGenerator):
    """Writes /zones/ and /zones/<slug>/ (paginated), from this build's zone terms."""

    def generate_output(self, writer) -> None:
        zones = self.terms.get("zone", [])
        cities = self.registers.city_order
        by_city = sorted(zones, key=lambda t: (cities.get(t.record.city, len(cities)), t.record.slug))
        grouped = [(city, list(items)) for city, items in groupby(by_city, key=lambda t: t.record.city)]
        self.write(writer, "zones", "zones/", zones_by_city=grouped, zone_count=len(zones))
        for term in zones:
            self.write(writer, "zone", f"zones/{term.slug}/", term.all_articles, term=term, zone=term.record)

"""The call in force at /submit/, and every call at /submit/<year>/ so older ones stay readable."""

from __future__ import annotations

from kfq_catalog.catalog import registers_of
from kfq_catalog.pages import ListingGenerator


class SubmitGenerator(ListingGenerator):
    """Writes the guidelines pages from the registers' calls; nothing about a call is in code."""

    def generate_output(self, writer) -> None:
        registers = registers_of(self)
        calls = sorted(registers.calls, key=lambda c: c.date, reverse=True)
        if not calls:
            return
        for call in calls:
            self.write(
                writer, "submit", f"submit/{call.key}/", call=call, c=call.data, calls=calls, current=calls[0]
            )
        self.write(writer, "submit", "submit/", call=calls[0], c=calls[0].data, calls=calls, current=calls[0])

"""A Pelican generator base for the pages our plugins write: listings with pagination."""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator

from kfq.buildstate import state


class ListingGenerator(Generator):
    """Writes pages from this build's terms; subclasses say which pages."""

    def generate_context(self) -> None:
        # The terms were made when the articles were read (kfq_catalog); nothing to read here.
        pass

    @property
    def terms(self) -> dict[str, list]:
        return state(self.context).get("terms", {})

    @property
    def registers(self):
        return state(self.context)["registers"]

    def write(self, writer, template: str, url: str, articles: list | None = None, **values: Any) -> None:
        """Write url (a folder URL such as zones/zuoyun/) from template; articles are paginated."""
        save_as = f"{url}index.html" if url else "index.html"
        paginated = {"articles": articles} if articles is not None else {}
        writer.write_file(
            save_as,
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            paginated=paginated,
            template_name=template,
            url=url,
            page_name=url.rstrip("/"),
            **values,
        )

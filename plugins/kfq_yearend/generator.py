"""A generator that ranks each year's published articles and writes /contributors/YYYY/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican.generators import Generator

from kfq.buildstate import registers_for, state
from kfq.settings import kfq_settings
from kfq.yearend.cli import compute_year
from kfq.yearend.collect import Raw, source_zishu
from kfq.yearend.page import page_data

DEFAULTS = {"URL": "contributors/{year}/", "TEMPLATE": "contributors"}


def yearend_settings(settings: dict[str, Any]) -> dict[str, str]:
    """KFQ["YEAREND"] merged over DEFAULTS."""
    return {**DEFAULTS, **(kfq_settings(settings).get("YEAREND") or {})}


def _name(value: Any) -> str:
    # Other plugins may turn front-matter names into objects; their str() or .name is the name.
    return str(getattr(value, "name", value))


def raw_of(article, counted: dict[str, int] | None = None) -> Raw:
    """The core's view of a Pelican article (published: drafts are not in context); counted
    holds the 字数 of the bodies kfq_reader read in this build, by source path."""
    meta = article.metadata
    count = (counted or {}).get(article.source_path)
    return Raw(
        where=str(article.source_path),
        title=str(article.title),
        date=article.date.date(),
        authors=tuple(_name(a) for a in getattr(article, "authors", None) or ()),
        zones=tuple(_name(z) for z in meta.get("zones") or ()),
        genre=_name(meta.get("genre") or ""),
        slug=str(article.slug),
        # Pelican's URL from the ARTICLE_URL setting (kfq_catalog worked it out once per build).
        url=str(getattr(article, "href", None) or article.url),
        # 字数 as `invoke contributors` counts it: the Markdown source, never the HTML. The
        # reader counted the bodies it read; a file it did not read in this build (the editors'
        # loop keeps unchanged articles) is read for its count.
        zishu=count if count is not None else source_zishu(Path(article.source_path)),
        status=str(getattr(article, "status", "published")),
        estimated=bool(meta.get("date_basis")),
    )


class YearendGenerator(Generator):
    """Ranks every year that has published articles; the pages are written per year."""

    def generate_context(self) -> None:
        # Runs after the articles generator: context["articles"] holds the published
        # articles only (kfq_validate has dropped the drafts).
        articles = self.context.get("articles") or []
        registers = registers_for(self.context, self.settings)
        counted = state(self.context).get("body_zishu", {})
        raws = [raw_of(a, counted) for a in articles]
        years = sorted({r.date.year for r in raws if r.status == "published"}, reverse=True)
        url = yearend_settings(self.settings)["URL"]
        pages = []
        for year in years:
            ranked = compute_year(raws, registers, year)
            data = page_data(ranked.collection, ranked.standings, registers, ranked.rules)
            sources = [r.where for r in raws if r.date.year == year]
            pages.append({"year": year, "url": url.format(year=year), "data": data, "sources": sources})
        # Per-build state lives on the context, where templates can reach it too.
        state(self.context)["contributor_years"] = pages

    def generate_output(self, writer) -> None:
        pages = state(self.context).get("contributor_years", [])
        template = self.get_template(yearend_settings(self.settings)["TEMPLATE"])
        # A year's page links the other years by number and URL, all it shows of them: the
        # editors' quick rebuild (kfq_quick) fingerprints a page's arguments, and every year's
        # whole ranking in every year's page cost it seconds at 10,000 articles.
        years = [{"year": p["year"], "url": p["url"]} for p in pages]
        for page in pages:
            writer.write_file(
                f"{page['url']}index.html",
                template,
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                url=page["url"],
                page_name=page["url"].rstrip("/"),
                contributors=page["data"],
                contributor_years=years,
                # For the editors' quick rebuild (kfq_quick): the year's articles, and the
                # other years it links to.
                kfq_sources=page["sources"],
                kfq_listing=[*(str(p["year"]) for p in pages), *page["sources"]],
            )

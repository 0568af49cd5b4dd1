"""/feeds/all.atom.xml and /feeds/zones/<slug>.atom.xml, written with feedgenerator."""

from __future__ import annotations

from pathlib import Path

from feedgenerator import Atom1Feed, Enclosure, get_tag_uri
from markupsafe import escape
from pelican.utils import set_date_tzinfo

from kfq.buildstate import state
from kfq.settings import kfq_settings
from kfq_catalog.pages import ListingGenerator


def full_title(article) -> str:
    """The headline on one line: the kicker where the title needs it (kfq_site), the title,
    then the subtitle after ——."""
    title = getattr(article, "web_title", None) or article.title
    subtitle = getattr(article, "subtitle", "")
    return f"{title}——{subtitle}" if subtitle else title


class FeedsGenerator(ListingGenerator):
    """Writes the site feed and one feed per zone; drafts are never here."""

    def generate_output(self, writer) -> None:
        articles = sorted(state(self.context).get("articles", []), key=lambda a: a.date, reverse=True)
        limit = kfq_settings(self.settings)["FEED_LENGTH"]
        site = self.settings["SITENAME"]
        self.write_feed(writer, "feeds/all.atom.xml", site, articles[:limit])
        # A zone has a feed once it has an article: an empty feed has nothing to date its
        # `updated` by, and a reader subscribing to it would get nothing (the zone page offers
        # the feed from the same moment).
        for term in self.terms.get("zone", []):
            if not term.all_articles:
                continue
            items = sorted(term.all_articles, key=lambda a: a.date, reverse=True)[:limit]
            self.write_feed(
                writer,
                f"feeds/zones/{term.slug}.atom.xml",
                f"{term.name} - {site}",
                items,
                page=f"zones/{term.slug}/",
            )

    def site_url(self) -> str:
        # Atom ids and links must be absolute; a local build uses the address it is served on.
        return (self.settings["SITEURL"] or kfq_settings(self.settings)["LOCAL_SITEURL"]).rstrip("/")

    def write_feed(self, writer, path: str, title: str, articles: list, page: str = "") -> None:
        target = Path(self.output_path) / path
        base = self.site_url()
        feed = Atom1Feed(
            title=title,
            link=f"{base}/{page}",
            feed_url=f"{base}/{path}",
            description=self.settings.get("SITE_TAGLINE", ""),
            language="zh-CN",
            # RFC 4287 4.1.1: a feed whose entries are not all signed names an author itself;
            # unsigned articles are the weekly's own.
            author_name=self.settings["SITENAME"],
            author_link=f"{base}/",
        )
        for a in articles:
            link = f"{base}/{a.href}"  # kfq_catalog worked the URL out once
            # An Atom summary is HTML: a `summary:` field is text (FORMATTED_FIELDS is empty),
            # so it is escaped; without one, Pelican's summary is the start of the rendered text.
            summary = escape(a.metadata["summary"]) if "summary" in a.metadata else a.summary
            facets = a.facets
            photo = getattr(a, "photo", None)
            figure, enclosures = "", []
            if photo is not None:  # the photo (kfq_images) leads the entry, as on the page
                jpeg = photo.fallback
                caption = " ".join(
                    x for x in (a.metadata.get("image_caption"), _credit(a.metadata.get("image_credit"))) if x
                )
                figure = (
                    f'<figure><img src="{base}/{escape(jpeg.jpeg)}"'
                    f' width="{jpeg.width}" height="{jpeg.height}"'
                    f' alt="{escape(a.metadata.get("image_alt") or "")}">'
                    + (f"<figcaption>{escape(caption)}</figcaption>" if caption else "")
                    + "</figure>"
                )
                enclosures = [Enclosure(f"{base}/{jpeg.jpeg}", str(jpeg.jpeg_bytes), "image/jpeg")]
            feed.add_item(
                title=full_title(a),
                link=link,
                unique_id=get_tag_uri(link, a.date),
                description=summary,
                content=figure + a.get_content(base),
                enclosures=enclosures,
                author_name="、".join(p.name for p in facets.authors) or None,
                pubdate=set_date_tzinfo(a.date, self.settings.get("TIMEZONE")),
                # The feed's `updated` is the newest of these, never the time of the build.
                updateddate=set_date_tzinfo(a.modified, self.settings.get("TIMEZONE"))
                if getattr(a, "modified", None)
                else None,
                categories=[z.name for z in facets.zones] + [t.name for t in facets.topics],
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8") as f:
            feed.write(f, "utf-8")


def _credit(name: object) -> str:
    return f"{name} 摄" if name else ""

"""One-line titles, the publisher block in the context, /robots.txt and /favicon.ico."""

from __future__ import annotations

import shutil
from pathlib import Path

from pelican.generators import Generator

from kfq.buildstate import registers_for
from kfq.headline import one_line
from kfq.publisher import publisher
from kfq.settings import kfq_settings

# Crawlers need not walk the search page's results or Pagefind's index chunks.
ROBOTS = """User-agent: *
Disallow: /search/
Disallow: /pagefind/
Sitemap: {base}/sitemap.xml
"""


def give_web_title(article, registers) -> None:
    """An article's one-line title (<title>, og:title, feeds): its kicker and title as one."""
    article.web_title = one_line(article.title, getattr(article, "kicker", None), registers.zone_spellings)


def publisher_and_titles(generator) -> None:
    """Each article's one-line title; the publisher for every page."""
    registers = registers_for(generator.context, generator.settings)
    for article in generator.articles:
        give_web_title(article, registers)
    generator.context["kfq_publisher"] = publisher(generator.settings.get("PUBLISHER"), registers.latest_call)


class SiteFilesGenerator(Generator):
    """Writes robots.txt and copies the theme's favicon.ico to the site's root, where
    browsers and crawlers ask for them whatever the pages link."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        out = Path(self.output_path)
        base = (self.settings["SITEURL"] or kfq_settings(self.settings)["LOCAL_SITEURL"]).rstrip("/")
        (out / "robots.txt").write_text(ROBOTS.format(base=base), encoding="utf-8")
        icon = Path(self.theme) / "static" / "favicon.ico"
        if icon.exists():
            shutil.copyfile(icon, out / "favicon.ico")

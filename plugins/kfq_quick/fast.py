"""The saved page first: a save that only edits articles gets their own pages before the full pass.

Hugo's server renders the page being edited before the rest of the site; so does ours. When a
save edits only articles the last good build had (kfq.quick.saved_articles), the build server
reads and validates just those files, through the one reader (kfq_reader over
kfq.frontmatter.read_source) and the validator's own checks, and renders each one's page with
the last build's context and writer: the article's own facts are worked out as a full build
works them out (kfq_catalog's `resolve_article`, kfq_site's one-line title), what depends on the
whole site (related articles, neighbours in its zone and issue, its placement) is taken from
the last build's object for that file. An invalid save stops here, with the editor's
`path:line: field: message`, and writes nothing.

The full pass runs next, as for any save: the pages written here are recorded with their
fingerprints, so it leaves a page alone when it shows the same, and renders it again when a
site-wide fact changed (a neighbour's title, the article's own related list).

Only Pelican's public API (and blinker's `Signal.muted`): the articles generator handed to
`article_generator_finalized` (its `articles`, `drafts`, `context`, `readers`, `path`,
`get_template`), `Readers.read_file` and `Writer.write_file`.
"""

from __future__ import annotations

import os
from pathlib import Path

from kfq_site.site import give_web_title
from pelican import signals
from pelican.contents import Article

from kfq.buildstate import registers_for
from kfq.contract import check_article, display_path
from kfq.quick import SESSION, Session, saved_articles, stays_in_place
from kfq_catalog.catalog import resolve_article
from kfq_validate.validate import stop_for


def keep_generator(generator) -> None:
    """Remember this build's articles generator; it becomes the last good one if the build succeeds."""
    session = generator.settings.get(SESSION)
    if session is not None:
        session.this_build = generator
        session.give_way()


def _placing(article) -> dict:
    return {"slug": article.slug, "date": article.date, "status": article.status}


def render_saved(pelican, session: Session, changed: list[str], writer_class) -> list[str] | None:
    """Write the saved articles' own pages; their output names, or None when the fast path
    does not apply (then only the full pass runs). Raises BuildStopped for an invalid save."""
    generator = session.last_build
    if generator is None:
        return None
    # Pelican's source_path is absolute already (Readers.read_file): no path is worked out
    # for each of 10,000 articles on the way to the one saved.
    old = {a.source_path: a for a in [*generator.articles, *generator.drafts]}
    saved = saved_articles(changed, old)
    if saved is None:
        return None
    registers = registers_for(generator.context, generator.settings)
    here = Path(os.getcwd())
    problems = []
    for path in saved:
        checked = check_article(Path(path), registers, display_path(Path(path), here))
        problems += checked.problems
        if session.checked is not None:
            session.checked.keep(checked)  # the full pass does not check it again
    stop_for(problems)
    articles = []
    for path in saved:
        article = generator.readers.read_file(
            base_path=generator.path,
            path=os.path.relpath(path, generator.path),
            content_class=Article,
            context=generator.context,
            preread_signal=signals.article_generator_preread,
            preread_sender=generator,
            context_signal=signals.article_generator_context,
            context_sender=generator,
        )
        before = old[path]
        if not stays_in_place(_placing(before), _placing(article)) or article.save_as != before.save_as:
            return None  # a new URL or status: other pages change with it, the full pass does it all
        # Site-wide facts from the last build (related, neighbours, placement, category …).
        for name, value in vars(before).items():
            if name not in vars(article):
                setattr(article, name, value)
        # The article's own facts, as the full build works them out.
        resolve_article(article, registers)
        give_web_title(article, registers)
        articles.append(article)
    writer = writer_class(pelican.output_path, settings=pelican.settings)
    # The full pass tells `content_written`'s receivers (the sitemap) of every page, this one
    # included: told now as well, the sitemap would list it twice.
    with signals.content_written.muted():
        _write(writer, generator, articles)
    return session.pages.ahead()


def _write(writer, generator, articles) -> None:
    for article in articles:
        extra = {"all_articles": generator.articles} if article.status == "draft" else {}
        writer.write_file(
            article.save_as,
            generator.get_template(article.template),
            generator.context,
            article=article,
            category=getattr(article, "category", None),
            override_output=hasattr(article, "override_save_as"),
            url=article.url,
            blog=True,
            **extra,
        )

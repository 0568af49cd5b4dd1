"""Each article's issue, page and neighbours in print order; /issues/ and /issues/<date>/."""

from __future__ import annotations

from kfq.buildstate import registers_for, state
from kfq.issues import by_year, editions, neighbours, placement
from kfq_catalog.pages import ListingGenerator


def place_articles(generator) -> None:
    """Give every published article its placement (or None) and the articles printed before
    and after it in its issue; keep the editions for the issue pages."""
    registers = registers_for(generator.context, generator.settings)
    articles = list(generator.articles)
    for article in articles:
        article.placement = placement(article.metadata, registers.issues)
        article.issue_prev = article.issue_next = article.edition = None
    found = editions(articles)
    for edition in found:
        for article in edition.articles:
            article.edition = edition
            article.issue_prev, article.issue_next = neighbours(article, edition)
    state(generator.context)["editions"] = found
    generator.context["kfq_editions"] = found


class IssuesGenerator(ListingGenerator):
    """Writes /issues/ (by year and month) and a page per issue with published articles."""

    def generate_output(self, writer) -> None:
        found = state(self.context).get("editions", [])
        every = [a.source_path for e in found for a in e.articles]
        self.write(writer, "issues", "issues/", years=by_year(found), kfq_sources=every)
        for edition in found:
            self.write(
                writer,
                "issue",
                f"issues/{edition.issue.key}/",
                edition=edition,
                issue=edition.issue,
                kfq_sources=[a.source_path for a in edition.articles],
            )

"""Theme, genre, topic, author and month pages, and the index of each."""

from __future__ import annotations

from kfq.readings import read
from kfq_catalog.pages import ListingGenerator

# kind → (URL folder, heading of the index page)
KINDS = {
    "theme": ("themes", "征稿主题"),
    "genre": ("genres", "体裁"),
    "topic": ("topics", "话题"),
    "author": ("authors", "作者"),
    "month": ("archives", "按月归档"),
}


def reader_order(kind: str, terms: list) -> list:
    """Index order for readers: authors by pinyin, months newest first, the rest as registered."""
    if kind == "author":
        return sorted(terms, key=lambda t: (read(t.name, "plain"), t.name))
    return terms


class TaxonomiesGenerator(ListingGenerator):
    """Writes /themes/, /genres/, /topics/, /authors/, /archives/ and a page per term."""

    def generate_output(self, writer) -> None:
        for kind, (folder, heading) in KINDS.items():
            terms = reader_order(kind, self.terms.get(kind, []))
            # The same word may be a call's theme and a topic (营商环境): each page names the other.
            other = {"theme": "topic", "topic": "theme"}.get(kind)
            namesakes = {t.name: t for t in self.terms.get(other, []) if t.count} if other else {}
            self.write(
                writer,
                "terms",
                f"{folder}/",
                kind=kind,
                heading=heading,
                terms=[t for t in terms if t.count],
                # named on the index without a link: no page offers a list with nothing in it
                empty=[t for t in terms if not t.count],
                folder=folder,
            )
            for term in terms:
                if not term.count:
                    continue  # written once the term has an article
                self.write(
                    writer,
                    "term",
                    f"{folder}/{term.slug}/",
                    term.articles,
                    kind=kind,
                    heading=heading,
                    term=term,
                    folder=folder,
                    namesake=namesakes.get(term.name),
                    namesake_folder=KINDS[other][0] if other else "",
                    namesake_heading=KINDS[other][1] if other else "",
                )

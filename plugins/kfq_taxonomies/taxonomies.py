"""Theme, genre, topic, author and month pages, and the index of each."""

from __future__ import annotations

from pypinyin import lazy_pinyin

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
        return sorted(terms, key=lambda t: (lazy_pinyin(t.name), t.name))
    return terms


class TaxonomiesGenerator(ListingGenerator):
    """Writes /themes/, /genres/, /topics/, /authors/, /archives/ and a page per term."""

    def generate_output(self, writer) -> None:
        for kind, (folder, heading) in KINDS.items():
            terms = reader_order(kind, self.terms.get(kind, []))
            self.write(writer, "terms", f"{folder}/", kind=kind, heading=heading, terms=terms, folder=folder)
            for term in terms:
                self.write(
                    writer,
                    "term",
                    f"{folder}/{term.slug}/",
                    term.articles,
                    kind=kind,
                    heading=heading,
                    term=term,
                    folder=folder,
                )

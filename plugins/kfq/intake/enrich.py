"""Structured submission → importer Article with bylines, zones, topics, theme, genre and slug.

Everything is the importer's: its byline reader (authors out of the text, unknown names
flagged) and its enrichment (zones, topics, call theme, genre, slug). What the intake adds is
that every guess is a doubt for the editor, and the sender of an email as a proposed author.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field

from kfq.importer import bylines
from kfq.importer import enrich as importer_enrich
from kfq.importer.blocks import BODY
from kfq.importer.lines import DATELINE_RE
from kfq.importer.model import Article, Block, Headline, Paragraph
from kfq.intake.model import Document, Sender
from kfq.intake.structure import Structured
from kfq.lengths import describe, far_off
from kfq.names import is_person_name
from kfq.registers import Registers
from kfq.text import zishu


@dataclass(frozen=True)
class Proposal:
    """A contributor the register does not know, as an entry an editor may add."""

    name: str
    zone: str | None
    email: str = ""
    affiliation: str = ""

    def yaml(self) -> str:
        """The entry as contributors.yaml writes one (the editor checks and pastes it)."""
        lines = [
            f"  - name: {self.name}",
            "    aliases: []",
            "    role: 通讯员",
            f"    zone: {self.zone or 'null'}",
            f"    affiliation: {self.affiliation or self.zone or '（单位）'}",
        ]
        if self.email:
            lines.append(f"    email: {self.email}")
        return "\n".join(lines)


@dataclass
class Enriched:
    """The article as the importer's stages fill it in, and what the intake adds."""

    article: Article
    length: str = ""  # 字数 against the genre's target
    proposals: list[Proposal] = field(default_factory=list)


def enrich(
    doc: Document, s: Structured, registers: Registers, date: dt.date, taken: Collection[str]
) -> Enriched:
    """Fill in the article from the structured submission; every guess becomes a doubt."""
    known = {n for c in registers.contributors for n in (c.name, *c.aliases)}
    paragraphs = [Paragraph(text, heading) for text, heading in s.paragraphs]
    first = next((p.text for p in paragraphs if not p.heading), "")
    article = Article(
        source=doc.name,
        blocks=[Block(BODY, first, 1, 1, dateline=bool(DATELINE_RE.match(first)))],
        headline=Headline([s.title] if s.title else [], s.kicker, s.subtitle, list(s.bylines)),
        paragraphs=paragraphs,
        loose_bylines=list(s.loose_bylines),
        first=1,
    )
    bylines.attach(article, known)
    sender = doc.sender
    if not article.authors and sender and sender.name:
        named = registers.contributor_named(sender.name)
        if named is not None or is_person_name(sender.name):
            article.authors = [named.name if named else sender.name]
            article.review = [r for r in article.review if r.kind != "byline"]
            article.flag(
                "byline",
                article.authors[0],
                f"no byline in the text: the sender ({sender.name} <{sender.address}>) is proposed as author",
            )
    # Aliases become the register's canonical name, as the contract lists them.
    article.authors = [
        c.name if (c := registers.contributor_named(a)) else a for a in dict.fromkeys(article.authors)
    ]
    importer_enrich.enrich(article, registers, date, taken)
    for kind, text, message in s.doubts:
        article.flag(kind, text, message)
    _flag_guesses(article, s)
    call = registers.call_for(date) or registers.latest_call
    count = zishu(article.body)
    out = Enriched(article, describe(count, article.genre, call))
    off = far_off(count, article.genre, call)
    if off:
        article.flag("length", str(count), off)
    # A name the register does not know stays out of `authors:` (the check would refuse the
    # draft, and every build with it): its doubt names it, and the report proposes its entry.
    zone = _sender_zone(sender, registers) or (article.zones[0] if article.zones else None)
    for name in [a for a in article.authors if registers.contributor_named(a) is None]:
        email = sender.address if sender and name == sender.name else ""
        out.proposals.append(Proposal(name, zone, email))
        article.authors.remove(name)
        article.review = [
            r
            for r in article.review
            if not (r.kind == "byline" and r.text == name and "contributors.yaml" in r.message)
        ]
        article.flag(
            "byline",
            name,
            f"'{name}' is not in contributors.yaml: check the name, add the entry `invoke intake` "
            f"proposed, then add {name} to authors",
        )
    return out


def _sender_zone(sender: Sender | None, registers: Registers) -> str | None:
    """The zone of a sender the register knows: a zone office's contributor who forwards a
    colleague's article sends from that colleague's zone, whatever zones the article names."""
    named = registers.contributor_named(sender.name) if sender and sender.name else None
    return named.zone if named is not None and named.zone else None


def _flag_guesses(article: Article, s: Structured) -> None:
    """A doubt for each field the intake guessed (the importer flags only what it is unsure of)."""
    if s.title_basis == "layout":
        parts = f"kicker «{s.kicker}» above the headline" if s.kicker else "the first short line"
        article.flag(
            "title", s.title, f"headline read from the layout ({parts}), not a Title style: check it"
        )
    elif s.title_basis == "subject":
        article.flag("title", s.title, "no headline in the text: the email's subject is used")
    flagged = {r.kind for r in article.review}
    if article.zones and "zone" not in flagged:
        article.flag(
            "zone", "、".join(article.zones), "zones proposed from the names the text uses: keep or change"
        )
    if article.topics:
        article.flag(
            "topics", "、".join(article.topics), "topics proposed from their signal words: keep or change"
        )
    if article.genre:
        article.flag(
            "genre",
            article.genre,
            "genre proposed from the text's form (dateline, length, headings): keep or change",
        )

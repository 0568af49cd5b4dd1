"""Blocks → articles: where each article on the page starts and ends, and which headline is its.

A page holds several articles. Bylines (…达产达效。 韩燕) and datelines (本刊讯) mark where one
ends and the next starts; a headline between two articles belongs to the one whose text it
matches (its words recur in that text), since the paper prints headlines above, below or in the
middle of their text. A headline box inside a sentence belongs to the article it interrupts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from kfq.importer.blocks import BODY, BYLINE, FURNITURE, HEADING, HEADLINE, parse_headline
from kfq.importer.lines import join
from kfq.importer.model import Article, Block, Headline, Paragraph, ReviewItem, Unit
from kfq.importer.runninghead import printed
from kfq.text import HAN_RE

# Small preferences that only decide between otherwise equal readings.
SAME_SIDE_BONUS = 0.05  # headlines on one page sit on the same side of their text
ABOVE_BONUS = 0.01  # all else equal, a headline is printed above its text
# A headline right above a dateline (本刊讯 …) is printed above that article more often than
# below the one before: the dateline is where a reader's eye starts the article. A small
# preference only: at 0.1, added to the same-side bonus, it outweighed a clear match with the
# text before (measured on four generated samples: 0.02–0.05 read best).
DATELINE_BONUS = 0.05
UNASSIGNED = -1.0  # a headline given to no text: worse than any match
# A run of headline lines is read as two headlines only when each half matches its text.
SPLIT_MIN_MATCH = 0.3
SPLIT_AFTER_SUBTITLE_MIN = 0.1  # after a subtitle the split is what the print says: words confirm less
SPLIT_SIDED_MIN, SPLIT_SIDED_RATIO = 0.1, 2.0
# A box between two paragraphs heads the next article when it matches that one at least
# this well, and BOX_RATIO times better than the text right after it, which it matches less
# than BOX_FAR_MATCH (a kicker's zone name dilutes every match: the ratio decides).
BOX_NEAR_MATCH, BOX_FAR_MATCH, BOX_RATIO = 0.2, 0.3, 3.0


@dataclass
class _Segment:
    blocks: list[Block] = field(default_factory=list)
    headline: Headline | None = None
    boxed: bool = False  # the headline was printed inside the text
    signed: bool = False  # ended by a byline
    notice: bool = False
    bylines: list[str] = field(default_factory=list)
    turned: bool = False  # cut from the text before it where the zones it names changed

    @property
    def has_body(self) -> bool:
        return any(b.kind == BODY for b in self.blocks)

    @property
    def text(self) -> str:
        return "".join(b.text for b in self.blocks if b.kind == BODY)


@dataclass
class Split:
    """A page cut into articles, with what belongs to no article."""

    articles: list[Article]
    furniture: list[Block]
    notices: list[tuple[Headline, list[Block]]]
    orphans: list[Headline]
    stray: list[Block]  # text that belongs to no article (a heading with nothing under it)
    review: list[ReviewItem]

    @property
    def issue_date(self) -> dt.date | None:
        """The issue date the page's running head prints, if it prints one."""
        return printed(self.furniture)[0]

    @property
    def page_number(self) -> int | None:
        """The page number the running head prints, if it prints one."""
        return printed(self.furniture)[1]


def split(source: str, blocks: list[Block], zones_in: Callable[[str], set[str]] | None = None) -> Split:
    """Cut a page's blocks into articles and give each its headline.

    zones_in names the zones a paragraph names (by the registers' spellings); with it, text
    that turns from some zones to others with nothing printed between is two articles."""
    segments, slots, furniture, orphans, boxes = _segments(blocks)
    if zones_in is not None:
        _split_at_zone_turns(segments, slots, zones_in)
    _headings_that_head_the_next(segments, slots)
    _rejoin_around_boxes(segments, slots, boxes)
    orphans += _assign(segments, slots)
    for seg in segments:
        seg.boxed = seg.headline is not None and any(seg.headline is box for box in boxes)
    articles: list[Article] = []
    notices: list[tuple[Headline, list[Block]]] = []
    review: list[ReviewItem] = []
    stray: list[Block] = []
    for i, seg in enumerate(segments):
        if seg.notice:
            assert seg.headline is not None
            notices.append((seg.headline, seg.blocks))
            continue
        if not seg.has_body:
            orphans.extend([seg.headline] if seg.headline else [])
            for b in seg.blocks:
                stray.append(b)
                review.append(ReviewItem(source, "boundary", b.text, "text outside any article", b.first))
            continue
        article = Article(
            source=source,
            blocks=seg.blocks,
            headline=seg.headline,
            loose_bylines=list(seg.bylines),
            first=seg.blocks[0].first,
        )
        article.paragraphs = [
            Paragraph(b.text, heading=b.kind == HEADING) for b in seg.blocks if b.kind in (BODY, HEADING)
        ]
        _flag(article, seg, segments[i - 1] if i else None)
        articles.append(article)
    for h in orphans:
        review.append(
            ReviewItem(
                source,
                "headline",
                h.printed,
                "a headline with no article text under it on this page",
                h.first,
            )
        )
    return Split(articles, furniture, notices, orphans, stray, review)


def _segments(
    blocks: list[Block],
) -> tuple[list[_Segment], list[object], list[Block], list[Headline], list[Headline]]:
    segments: list[_Segment] = []
    boxes: list[Headline] = []  # headlines printed inside a sentence
    slots: list[object] = []  # segments and free headlines in page order
    furniture: list[Block] = []
    orphans: list[Headline] = []
    current: _Segment | None = None
    pending_merge = False
    waiting_bylines: list[str] = []

    def start(**kw: object) -> _Segment:
        seg = _Segment(**kw)  # type: ignore[arg-type]
        seg.bylines.extend(waiting_bylines)
        waiting_bylines.clear()
        segments.append(seg)
        slots.append(seg)
        return seg

    for i, b in enumerate(blocks):
        if b.kind == FURNITURE:
            furniture.append(b)
            continue
        if b.kind == HEADLINE:
            assert b.headline is not None
            if current is not None and current.notice and not _article_starts(blocks, i):
                current.blocks.append(Block(HEADING, b.text.replace("\n", " "), b.first, b.last))
                continue
            if b.headline.is_notice:
                current = start(headline=b.headline, notice=True)
                continue
            last = _last_body(current)
            if current is not None and last is not None and not last.closed and not current.signed:
                # A headline box in the middle of a sentence: the text goes on after it. The
                # box heads the text around it or another article nearby (a box set into
                # someone else's column): which one, its words decide (_assign).
                pending_merge = True
                boxes.append(b.headline)
                slots.append(b.headline)
                continue
            current = None
            slots.append(b.headline)
            continue
        if b.kind == BODY and pending_merge and current is not None and not b.dateline:
            last = _last_body(current)
            assert last is not None
            last.text, last.closed, last.signed = join(last.text, b.text), b.closed, b.signed
            last.last = b.last
            pending_merge = False
            if b.signed:
                current.signed, current = True, None
            continue
        pending_merge = False
        if b.kind == BYLINE:
            if current is not None and current.has_body and not current.notice:
                current.bylines.append(b.text)
                current.signed, current = True, None
            elif current is not None and current.notice:
                current.blocks.append(Block(BODY, b.text, b.first, b.last))
            else:
                waiting_bylines.append(b.text)
            continue
        new_article = b.kind == BODY and b.dateline and current is not None and current.has_body
        if current is None or current.signed or new_article:
            current = start()
        current.blocks.append(b)
        if b.kind == BODY and b.signed and not current.notice:
            current.signed, current = True, None
    if waiting_bylines:
        orphans.append(Headline(title_lines=[""], bylines=waiting_bylines))
    return segments, slots, furniture, orphans, boxes


def _split_at_zone_turns(
    segments: list[_Segment], slots: list[object], zones_in: Callable[[str], set[str]]
) -> None:
    """Split a segment where its paragraphs stop naming one set of zones and start naming
    another (河津… then 灵石…): an article that ends without a byline, followed by one that
    starts without a dateline or headline. The new article is flagged for the review."""
    for seg in list(segments):
        bodies = [i for i, b in enumerate(seg.blocks) if b.kind == BODY]
        if len(bodies) < 2 or seg.notice:
            continue
        named = [zones_in(seg.blocks[i].text) for i in bodies]
        for cut in range(1, len(bodies)):
            before = set().union(*named[:cut])
            after = set().union(*named[cut:])
            if before and after and not before & after and named[cut]:
                at = bodies[cut]
                head: Headline | None = None
                if seg.blocks[at - 1].kind == HEADING:
                    # A section heading, and the feature goes on to another zone; unless the
                    # line matches the text after it BOX_RATIO times better than the text
                    # before: the headline of the next commentary, which has no dateline.
                    heading = seg.blocks[at - 1]
                    ahead = _bigrams("".join(b.text for b in seg.blocks[: at - 1] if b.kind == BODY))
                    behind = _bigrams("".join(b.text for b in seg.blocks[at:] if b.kind == BODY))
                    # rarity among the two candidate texts and the page's other articles
                    texts = [ahead, behind, *(_bigrams(x.text) for x in segments if x is not seg)]
                    grams = _bigrams(heading.text)
                    mine, next_ = _similarity(grams, ahead, texts), _similarity(grams, behind, texts)
                    if not _heads_the_next(next_, mine):
                        break
                    head = _as_headline(heading)
                    at -= 1
                tail = _Segment(blocks=seg.blocks[at:], turned=True)
                if head is not None:
                    tail.blocks, tail.headline, tail.turned = tail.blocks[1:], head, False
                tail.bylines, tail.signed = seg.bylines, seg.signed
                seg.blocks, seg.bylines, seg.signed = seg.blocks[:at], [], False
                segments.insert(segments.index(seg) + 1, tail)
                # a box printed in the text before the cut stays before the new article
                at_slot = slots.index(seg) + 1
                while at_slot < len(slots):
                    box = slots[at_slot]
                    if not isinstance(box, Headline) or box.first > tail.blocks[0].first:
                        break
                    at_slot += 1
                slots.insert(at_slot, tail)
                break


def _rejoin_around_boxes(segments: list[_Segment], slots: list[object], boxes: list[Headline]) -> None:
    """A headline box set between two paragraphs of an article: the text after it goes on
    with the article before it (it has no dateline, the article before no byline), and the
    box heads the next article, when its words say so and not the text right after it.
    Boxes set inside that text's own sentences (its own headline, perhaps) stand between it
    and the next article: they are passed over."""
    k = 0
    while k + 3 < len(slots):
        prev, head, cont = slots[k : k + 3]
        j = k + 3
        while j < len(slots) and any(slots[j] is box for box in boxes):
            j += 1
        nxt = slots[j] if j < len(slots) else None
        if (
            isinstance(prev, _Segment)
            and isinstance(head, Headline)
            and isinstance(cont, _Segment)
            and isinstance(nxt, _Segment)
            and not prev.signed
            and not prev.notice
            and not cont.notice
            and cont.headline is None
            and nxt.headline is None
            and cont.blocks
            and not cont.blocks[0].dateline
            and nxt.blocks
        ):
            texts = [_bigrams(seg.text) for seg in segments]
            grams = _bigrams(head.printed)
            here = _similarity(grams, _bigrams(cont.text), texts)
            there = _similarity(grams, _bigrams(nxt.text), texts)
            if here < BOX_FAR_MATCH and _heads_the_next(there, here):
                prev.blocks.extend(cont.blocks)
                prev.bylines.extend(cont.bylines)
                prev.signed = cont.signed
                segments.remove(cont)
                del slots[k + 2]  # the headline now stands right before the next article
                continue
        k += 1


def _headings_that_head_the_next(segments: list[_Segment], slots: list[object]) -> None:
    """A line set apart between two paragraphs of a feature reads as its section heading,
    unless it is the headline box of the article right after, printed into this one's
    column: then its words match that article (which has no headline) BOX_RATIO times better
    than the text around it."""
    texts = [_bigrams(x.text) for x in segments]
    for k in range(len(slots) - 1):
        seg, nxt = slots[k], slots[k + 1]
        if not (isinstance(seg, _Segment) and isinstance(nxt, _Segment)):
            continue
        if nxt.headline is not None or nxt.notice or seg.notice or not nxt.blocks:
            continue
        if not (nxt.blocks[0].dateline or seg.signed):
            continue  # where the next article starts is not certain: leave the heading be
        headings = [b for b in seg.blocks if b.kind == HEADING]
        if not headings:
            continue
        here, there = _bigrams(seg.text), _bigrams(nxt.text)
        # (match with the next article, with the text around) of each heading
        matches = [
            (_similarity(_bigrams(b.text), there, texts), _similarity(_bigrams(b.text), here, texts), b)
            for b in headings
        ]
        near, far, best = max(matches, key=lambda m: m[0] / m[1] if m[1] else m[0] * 1e6)
        if _heads_the_next(near, far):
            seg.blocks.remove(best)
            slots.insert(k + 1, _as_headline(best))
            return _headings_that_head_the_next(segments, slots)


def _heads_the_next(near: float, far: float) -> bool:
    """Whether a headline whose words match the next article `near` and the text around it
    `far` heads the next article: a fair match, BOX_RATIO times better."""
    return near >= BOX_NEAR_MATCH and near >= BOX_RATIO * far


def _as_headline(heading: Block) -> Headline:
    """A line first read as a section heading, read as the headline it turned out to be."""
    return parse_headline([Unit(heading.text, heading.first, heading.last, standalone=True)])


def _last_body(seg: _Segment | None) -> Block | None:
    if seg is None:
        return None
    return next((b for b in reversed(seg.blocks) if b.kind == BODY), None)


def _article_starts(blocks: list[Block], i: int) -> bool:
    """Whether the headline at i opens a news article (its text starts with a dateline)."""
    nxt = next((b for b in blocks[i + 1 :] if b.kind != FURNITURE), None)
    return nxt is not None and nxt.kind == BODY and nxt.dateline


def _bigrams(text: str) -> set[str]:
    han = "".join(HAN_RE.findall(text))
    return {han[i : i + 2] for i in range(len(han) - 1)}


@dataclass(frozen=True)
class _Choice:
    """One reading of a free headline: which segments it heads, and how well it matches."""

    side: str  # none, above (heads the text after it), below (the text before), split (both)
    claims: tuple[tuple[_Segment, Headline], ...]
    score: float

    def takes(self, seg: _Segment | None) -> bool:
        return seg is not None and any(s is seg for s, _ in self.claims)


def _assign(segments: list[_Segment], slots: list[object]) -> list[Headline]:
    """Give each free headline to the article before or after it; return the ones left over.

    A run of headline lines between two articles without headlines may be two headlines: the
    one printed below the text before, and the one printed above the text after. Every
    reading is scored by how well each headline matches its text, and the best reading of the
    whole page is found by dynamic programming over the headlines in page order (two
    neighbouring headlines compete only for the text between them)."""
    free = [(k, s) for k, s in enumerate(slots) if isinstance(s, Headline)]
    if not free:
        return []
    texts = {id(seg): _bigrams(seg.text) for seg in segments}
    all_texts = list(texts.values())

    def neighbour(k: int, step: int) -> _Segment | None:
        j = k + step
        while 0 <= j < len(slots):
            if isinstance(slots[j], _Segment):
                seg = slots[j]
                assert isinstance(seg, _Segment)
                return None if seg.headline is not None or seg.notice else seg
            j += step
        return None

    def match(head: Headline, seg: _Segment) -> float:
        # A kicker names a zone: evidence when the text names it too, and only noise when it
        # does not (an article about 岚县 that says 开发区 throughout).
        full = _similarity(_bigrams(head.printed), texts[id(seg)], all_texts)
        if not head.kicker:
            return full
        bare = _similarity(_bigrams(head.title + (head.subtitle or "")), texts[id(seg)], all_texts)
        return max(full, bare)

    readings: list[tuple[Headline, _Segment | None, _Segment | None, list[_Choice]]] = []
    for k, head in free:
        assert isinstance(head, Headline)
        before, after = neighbour(k, -1), neighbour(k, 1)
        choices = [_Choice("none", (), UNASSIGNED)]
        if after is not None:
            opens = slots[k + 1] is after and after.blocks[0].dateline
            bonus = ABOVE_BONUS + (DATELINE_BONUS if opens else 0.0)
            choices.append(_Choice("above", ((after, head),), match(head, after) + bonus))
        if before is not None:
            choices.append(_Choice("below", ((before, head),), match(head, before)))
        if before is not None and after is not None:
            for first, second in head.splits:
                one, two = match(first, before), match(second, after)
                # each half must match its own text better than the other half's: a title's
                # second line that opens with a quote (“企业开放日”活动) is no headline of its own
                one_x, two_x = match(first, after), match(second, before)
                if one < one_x or two < two_x:
                    continue
                # a subtitle (——…) ends a headline, and a kicker opens one: the print says
                # where the run parts, the words need only confirm it
                printed_turn = (first.subtitle and not first.bylines) or second.kicker
                least = SPLIT_AFTER_SUBTITLE_MIN if printed_turn else SPLIT_MIN_MATCH
                if (
                    min(one, two) < least
                    and min(one, two) >= SPLIT_SIDED_MIN
                    and one >= SPLIT_SIDED_RATIO * one_x
                    and two >= SPLIT_SIDED_RATIO * two_x
                ):
                    # each half clearly on its own side: it matches its text SPLIT_SIDED_RATIO
                    # times better than the other (a title whose words its text repeats little)
                    least = SPLIT_SIDED_MIN
                if min(one, two) >= least:
                    # each half's match weighed by its length: a fragment of two or three
                    # characters that matches fully must not outweigh the rest of the run
                    n1, n2 = len(_bigrams(first.printed)) or 1, len(_bigrams(second.printed)) or 1
                    score = 2 * (one * n1 + two * n2) / (n1 + n2)
                    choices.append(_Choice("split", ((before, first), (after, second)), score))
        readings.append((head, before, after, choices))

    # best[c] = (score, picks) of the readings so far, ending with choice c of the last one
    best: list[tuple[float, list[_Choice]]] = [(c.score, [c]) for c in readings[0][3]]
    for i in range(1, len(readings)):
        _, before, _, choices = readings[i]
        step: list[tuple[float, list[_Choice]]] = []
        for c in choices:
            options = []
            for total, picks in best:
                prev = picks[-1]
                if any(prev.takes(seg) for seg, _ in c.claims):
                    continue  # both claim the same text
                bonus = SAME_SIDE_BONUS if c.side == prev.side and c.side in ("above", "below") else 0.0
                options.append((total + c.score + bonus, [*picks, c]))
            step.append(max(options, key=lambda o: o[0]))
        best = step
    _, picks = max(best, key=lambda o: o[0])
    leftovers = []
    for (head, _, _, _), choice in zip(readings, picks, strict=True):
        if not choice.claims:
            leftovers.append(head)
        for seg, part in choice.claims:
            # Headlines further apart than neighbours (two boxes in one text) can still
            # claim the same text: the first keeps it, the other is left for the review.
            if seg.headline is None:
                seg.headline = part
            else:
                leftovers.append(part)
    return leftovers


def _similarity(grams: set[str], text: set[str], all_texts: object) -> float:
    """Share of the headline's character pairs found in the text, rarer pairs weighing more."""
    if not grams:
        return 0.0
    texts = list(all_texts)  # type: ignore[call-overload]
    total = 0.0
    for g in grams:
        if g in text:
            total += 1.0 / sum(1 for t in texts if g in t)
    return total / len(grams)


def _flag(article: Article, seg: _Segment, before: _Segment | None) -> None:
    if seg.headline is None:
        article.flag(
            "title",
            "",
            "no headline printed for this text: write a title (a provisional "
            "one was made from its first sentence)",
        )
    if seg.boxed:
        article.flag(
            "boundary",
            seg.headline.printed if seg.headline else "",
            "the headline was printed inside the text; check where the article starts",
        )
    starts = seg.blocks[0]
    if seg.turned:
        article.flag(
            "boundary",
            starts.text[:30],
            "the text before names other zones and nothing printed parts them: check that "
            "this is a new article (and where it starts)",
            starts.first,
        )
    elif not starts.dateline and before is not None and not before.signed and not before.notice:
        article.flag(
            "boundary",
            starts.text[:30],
            "the article before ends without a byline: check where this one starts",
            starts.first,
        )
    last = _last_body(seg)
    if last is not None and not last.closed and not seg.signed:
        article.flag(
            "boundary",
            last.text[-30:],
            "the text breaks off mid-sentence (continued on another page?)",
            last.last,
        )

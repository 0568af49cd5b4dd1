"""The page generator itself: lines join back to the text, pages keep their encoding, the
written articles and the names are what the importer's scores need."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kfq.names import surnames
from kfq.text import zishu

from .generator import compose, pages, stories
from .generator.layout import width, wrap
from .generator.names import person
from .generator.strategies import page_layouts

LATIN = re.compile(r"[A-Za-z]")
PROSE = [p for s in stories() for i, p in enumerate(s.paragraphs) if not s.is_heading(i)]


def joined(lines: list[str]) -> str:
    """Lines of a column joined as the paper is read: nothing between two pieces, except one
    space between two Latin words (the documented rule the importer follows)."""
    out = lines[0]
    for line in lines[1:]:
        left, right = out.rstrip(), line.lstrip()
        gap = " " if LATIN.search(left[-1:]) and LATIN.match(right) else ""
        out = left + gap + right
    return out


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(PROSE), st.integers(12, 30), st.booleans())
def test_a_wrapped_paragraph_joins_back_and_fits_its_column(paragraph, column, hang):
    lines = wrap(paragraph, column, indent=2, hang=hang)
    assert joined(lines) == paragraph
    # a line is at most one hanging mark (or one unbreakable number) wider than its column
    assert width(lines[0]) <= column - 2 + 1.5
    assert all(width(line) <= column + 1.5 for line in lines[1:])


@settings(max_examples=25, deadline=None)
@given(page_layouts())
def test_a_page_holds_its_truth_in_order_and_round_trips_its_encoding(project_registers, layout):
    g = compose(layout, project_registers)
    saved = g.raw.decode(layout.encoding)
    assert saved.replace("\r\n", "\n") == g.text
    assert ("\r\n" in saved) == layout.crlf
    # every article's text, in page order, is on the page, its characters in order
    body = "".join(squeeze(p) for a in g.truth["articles"] for p in a["paragraphs"])
    assert is_subsequence(body, squeeze(g.text))
    for a in g.truth["articles"]:
        for name in a["authors"]:
            assert is_subsequence(name, squeeze(g.text)), name
        if a["title"]:
            assert is_subsequence(squeeze(a["title"]), squeeze(g.text))


def test_pages_are_the_same_for_the_same_seed(project_registers):
    first = [g.raw for g in pages(8, 5, project_registers)]
    again = [g.raw for g in pages(8, 5, project_registers)]
    other = [g.raw for g in pages(8, 6, project_registers)]
    assert first == again and first != other


def test_generated_pages_show_every_layout_the_scores_need(project_registers):
    seen: Counter[str] = Counter()
    for g in pages(120, 1, project_registers):
        seen[g.layout.encoding] += 1
        seen["crlf"] += g.layout.crlf
        seen["head with a date"] += g.truth["date"] is not None
        for a in g.layout.articles:
            seen[a.placement] += 1
            seen[a.byline] += 1
        seen["unknown zone"] += sum("unknown_zone" in a for a in g.truth["articles"])
        seen["no headline"] += sum(a["title"] is None for a in g.truth["articles"])
        seen["伊"] += "伊" in g.text
    wanted = ["utf-8", "gb18030", "crlf", "head with a date", "above", "below", "box_own", "box_other"]
    wanted += ["spaced", "square", "dateline", "glued", "unknown zone", "no headline", "伊"]
    assert [w for w in wanted if not seen[w]] == []


def test_written_articles_are_in_the_weeklys_genres_and_lengths(project_registers):
    written = [s for s in stories() if not s.seed]
    assert len(written) >= 25
    lengths = {"消息": (80, 700), "通讯": (1500, 4000), "评论": (800, 1500)}
    for s in written:
        low, high = lengths[s.genre]
        assert low <= zishu("".join(s.paragraphs)) <= high, s.key
        if s.genre == "通讯":
            assert s.subtitle, s.key  # ——…纪实, …见闻
        for zone in s.zones:
            assert project_registers.zone_named(zone) is not None, (s.key, zone)
        if s.unknown_zone:
            assert not s.zones and project_registers.zone_named(s.unknown_zone) is None, s.key
    assert sum(bool(s.unknown_zone) for s in written) >= 3
    assert sum(bool(s.headings) for s in written if s.genre == "通讯") >= 4
    assert len({s.zones[0] for s in written if s.zones}) >= 20


@pytest.mark.parametrize("seed", [1, 2])
def test_names_draw_on_the_whole_surname_data(seed):
    rng = random.Random(seed)
    data = surnames()
    drawn = [person(rng) for _ in range(6000)]
    used = {data.of(n) for n in drawn}
    assert None not in used
    assert len(used & data.single) >= 0.9 * len(data.single)
    assert len(used & data.compound) >= 0.9 * len(data.compound)
    assert {len(n) for n in drawn} == {2, 3, 4}

"""The catalogue's pure functions for the home page: the latest issue, zone strips, themes, images."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from dataclasses import dataclass

import pytest

from kfq.catalog import Facets, Term, front_page, image_size, newest_first, theme_terms, zone_terms


@dataclass(eq=False)
class Story:
    title: str
    facets: Facets
    length: int = 0


def story(registers, title: str, date: str, zones=(), theme=None, length=0) -> Story:
    day = dt.date.fromisoformat(date)
    call = registers.call_for(day)
    facets = Facets(
        date=day,
        zones=tuple(registers.zone_named(z) for z in zones),
        theme=call.theme(theme) if theme else None,
    )
    return Story(title, facets, length)


@pytest.fixture
def stories(registers):
    zuoyun, zhangzi = registers.zones[0].name, registers.zones[1].name
    return [
        story(registers, "旧闻", "2023-05-08", [zhangzi]),
        story(registers, "短消息", "2024-06-17", [zuoyun], length=300),
        story(registers, "长通讯", "2024-06-17", [zhangzi], length=3000),
        story(registers, "上一期", "2024-05-06", [zuoyun]),
        story(registers, "更早", "2023-09-04", [zuoyun]),
        story(registers, "又一篇", "2023-09-04", [zuoyun]),
    ]


def test_the_issue_is_the_newest_date_led_by_the_heaviest_article(registers, stories):
    front = front_page(stories, zone_terms(stories, registers), [], weight=lambda s: s.length)
    assert front.issue_date == dt.date(2024, 6, 17)
    assert [s.title for s in front.issue] == ["长通讯", "短消息"]


def test_without_a_weight_the_issue_keeps_newest_first_title_order(registers, stories):
    front = front_page(stories, zone_terms(stories, registers), [])
    assert front.issue == [s for s in newest_first(stories) if s.title in ("短消息", "长通讯")]


def test_strips_hold_the_recently_covered_zones_newest_first(registers, stories):
    front = front_page(stories, zone_terms(stories, registers), [], per_strip=2)
    assert [s.term.name for s in front.strips] == [registers.zones[0].name, registers.zones[1].name]
    assert [a.title for a in front.strips[0].articles] == ["短消息", "上一期"]
    assert all(s.term.articles for s in front.strips)  # zones without articles have no strip


def test_strips_are_capped(registers, stories):
    assert len(front_page(stories, zone_terms(stories, registers), [], strips=1).strips) == 1


def test_themes_are_those_named_in_the_calls_order(registers, stories):
    call = registers.latest_call
    names = list(call.theme_names)
    themes = theme_terms(stories, registers)
    front = front_page(stories, [], themes, names[::-1])
    assert [t.name for t in front.themes] == names[::-1]
    assert all(isinstance(t, Term) for t in front.themes)


def test_an_empty_site_has_an_empty_front_page():
    front = front_page([], [], [], ["不存在"])
    assert (front.issue_date, front.issue, front.strips, front.themes) == (None, [], [], [])


def png(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))


def jpeg(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + bytes(9)
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + bytes(3)
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


@pytest.mark.parametrize(
    ("data", "size"),
    [
        (png(1200, 800), (1200, 800)),
        (jpeg(640, 427), (640, 427)),
        (b"GIF89a" + struct.pack("<HH", 320, 200) + bytes(10), (320, 200)),
        (b"RIFF\x00\x00\x00\x00WEBPVP8X" + bytes(8) + (999).to_bytes(3, "little") * 2, (1000, 1000)),
        (b"not an image at all", None),
        (b"\xff\xd8\x00\x00", None),
    ],
)
def test_image_size_reads_the_header(data, size):
    assert image_size(data) == size

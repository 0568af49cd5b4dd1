"""The catalogue's pure functions for the home page: the latest issue, zone strips, themes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from kfq.catalog import Facets, Term, front_page, newest_first, theme_terms, zone_terms


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

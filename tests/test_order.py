"""kfq.order: the articles' order without Pelican's pairing of translations is the order it gave."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st
from pelican.utils import order_content, process_translations

import pelicanconf
from kfq.order import newest_then_slug

SHANGHAI = ZoneInfo("Asia/Shanghai")


class Item:
    """What Pelican's ordering reads of an article."""

    def __init__(self, date: dt.datetime, slug: str):
        self.date, self.slug, self.lang, self.metadata = date, slug, "zh-cn", {}
        self.in_default_lang = True

    def __repr__(self) -> str:
        return f"{self.date:%Y-%m-%d %H:%M} {self.slug}"


ITEMS = st.lists(
    st.tuples(
        # Few days and few slugs' letters, so that days are shared and slugs tie-break often.
        st.dates(dt.date(2023, 1, 1), dt.date(2023, 1, 5)),
        st.sampled_from([0, 0, 0, 9]),
        st.text("abc-", min_size=1, max_size=4),
    ),
    max_size=30,
    unique_by=lambda t: t[2],  # slugs are unique (the check refuses a second one)
)


@given(ITEMS)
def test_the_order_is_the_one_pelicans_pairing_by_slug_left(found):
    items = [Item(dt.datetime(d.year, d.month, d.day, h, tzinfo=SHANGHAI), s) for d, h, s in found]
    # Pelican's defaults: translations paired by slug, then "reversed-date".
    paired, translations = process_translations(list(items), translation_id="slug")
    assert translations == []
    theirs = order_content(paired, "reversed-date")
    ours = order_content(list(items), pelicanconf.ARTICLE_ORDER_BY)
    assert [id(a) for a in ours] == [id(a) for a in theirs]


def test_the_site_pairs_no_translations_and_keeps_that_order():
    assert pelicanconf.ARTICLE_TRANSLATION_ID is None
    assert pelicanconf.ARTICLE_ORDER_BY is newest_then_slug

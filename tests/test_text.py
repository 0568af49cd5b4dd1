"""字数, dates and reading time."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kfq.text import (
    FULLWIDTH_PUNCT_RE,
    HAN_RE,
    LATIN_RUN_RE,
    format_date,
    format_issue_date,
    format_month,
    han_count,
    reading_minutes,
    zishu,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("开发区", 3),
        ("开发区，建设！", 7),  # full-width punctuation counts
        ("“三个一批”", 6),
        ("投资92.95亿元", 4 + 1),  # a number is one unit
        ("10GW光伏", 2 + 1),
        ("open source", 2),  # Latin words, one each
        ("山西 综改区", 5),  # spaces never count
        ("", 0),
    ],
)
def test_zishu_counts_characters_not_words(text, expected):
    assert zishu(text) == expected


def test_han_count_ignores_punctuation_and_digits():
    assert han_count("2024年，开发区。") == 4


# Text made of what the count tells apart: Han of the basic and supplementary planes and their
# neighbours, full-width and ASCII punctuation, the ideographic space, Latin, digits, the
# characters that join a Latin run (. , %), spaces and line breaks.
COUNTED_TEXT = st.text(
    alphabet=st.sampled_from(
        "开发区山西长治㐀䶿一鿿豈\ufaff𠀀𬮱\U000323af\u33ff\ua000，。！？：；（）“”‘’…—\u3000、《》"
        "\uff01\uff60\uffe0\uffee\uff61,.;:!?%()aZ09GW. \n\t"
    ),
    max_size=80,
)


@given(COUNTED_TEXT)
def test_zishu_counts_as_its_definition_reads(text):
    # The count removes runs instead of listing every match (it runs on every article of
    # every build); it must give what the definition, one match per unit, gives.
    listed = (
        len(HAN_RE.findall(text))
        + len(FULLWIDTH_PUNCT_RE.findall(text.replace("\u3000", "")))
        + len(LATIN_RUN_RE.findall(text))
    )
    assert zishu(text) == listed
    assert han_count(text) == len(HAN_RE.findall(text))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2024, 5, 5), "2024年5月5日"),
        (dt.date(2023, 11, 20), "2023年11月20日"),
        (dt.datetime(2024, 1, 9, 8, 30), "2024年1月9日"),
    ],
)
def test_format_date_has_no_leading_zeros(value, expected):
    assert format_date(value) == expected


def test_format_month():
    assert format_month(dt.date(2024, 5, 5)) == "2024年5月"


@pytest.mark.parametrize(("chars", "minutes"), [(10, 1), (400, 1), (1200, 3), (2000, 5)])
def test_reading_minutes_from_zishu(chars, minutes):
    assert reading_minutes("字" * chars) == minutes


@pytest.mark.parametrize(
    ("raw", "codec", "chinese"),
    [
        ("左云经济技术开发区积极打造绿色低碳循环现代产业园", "gb18030", True),
        ("左雲經濟技術開發區積極打造綠色低碳循環現代產業園", "big5", False),  # Big5 bytes misread
        ("", "gb18030", False),
    ],
)
def test_looks_like_chinese_tells_gb18030_from_bytes_misread_as_it(raw, codec, chinese):
    from kfq.text import looks_like_chinese

    assert looks_like_chinese(raw.encode(codec).decode("gb18030", errors="replace")) is chinese


@pytest.mark.parametrize(
    ("value", "estimated", "expected"),
    [
        (dt.date(2024, 5, 6), False, "2024年5月6日"),
        (dt.date(2024, 5, 6), True, "约2024年5月"),
        (dt.date(2023, 12, 31), True, "约2023年12月"),
    ],
)
def test_an_estimated_date_shows_only_its_month_as_an_estimate(value, estimated, expected):
    assert format_issue_date(value, estimated) == expected

"""order.py: 姓氏笔画 (stroke count, then stroke forms 横竖撇点折) and pinyin sort keys."""

from __future__ import annotations

import pytest
from strokes import strokes

from kfq.yearend.order import (
    STROKE_ORDER,
    SURNAME_READINGS,
    UNIHAN_DIFFERS,
    missing_stroke_order,
    pinyin_key,
    stroke_count,
    stroke_key,
)


@pytest.mark.parametrize(
    ("before", "after", "why"),
    [
        ("丁", "王", "2 strokes before 4"),
        ("王", "刘", "4 strokes before 6"),
        ("刘", "张", "6 strokes before 7"),
        ("李", "张", "both 7: 李 starts with 横 一, 张 with 折 ㇕"),
        ("李", "汪", "both 7: 横 before 点"),
        ("吴", "何", "both 7: 竖 before 撇"),
        ("汪", "张", "both 7: 点 before 折"),
        ("吕", "刘", "both 6: 竖 before 点"),
        ("刘", "闫", "both 6, both 点横: then 撇 before 竖"),
        ("马", "王", "3 strokes before 4"),
        ("范", "林", "范 is 8 on the mainland (Unihan says 9): both 8, 横横竖 before 横竖撇"),
        ("林", "周", "both 8: 横 before 撇"),
        ("赵", "胡", "both 9: 横竖横 before 横竖竖"),
        ("曾", "谢", "both 12: 点撇 before 点折"),
    ],
)
def test_surnames_sort_by_strokes_then_first_stroke_forms(before, after, why):
    assert stroke_key(before) < stroke_key(after), why


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["张虎虎", "李恒松", "王伟", "丁一"], ["丁一", "王伟", "李恒松", "张虎虎"]),
        (["汪伟", "王伟"], ["王伟", "汪伟"]),  # same pinyin, 4 strokes before 7
        (["王伟明", "王伟", "王一"], ["王一", "王伟", "王伟明"]),  # same surname: the given name decides
        (["樊婷", "魏亚东", "吕平", "纪元元", "靳晓姝"], ["吕平", "纪元元", "靳晓姝", "樊婷", "魏亚东"]),
    ],
)
def test_names_in_stroke_order(names, expected):
    assert sorted(names, key=stroke_key) == expected


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["张虎虎", "李恒松", "王伟", "丁一"], ["丁一", "李恒松", "王伟", "张虎虎"]),
        (["王伟", "汪伟"], ["汪伟", "王伟"]),  # wang1 before wang2: two people, one reading
        (["曾明", "张三", "蔡一"], ["蔡一", "曾明", "张三"]),  # 曾 as a surname is zeng, not ceng
        (["单田", "丁一", "沙明"], ["丁一", "沙明", "单田"]),  # 单 is shan
        (["刘芳", "吕平", "卢一"], ["刘芳", "卢一", "吕平"]),  # lu before lü
        (["仇明", "秦明"], ["秦明", "仇明"]),  # 仇 is qiu: qin before qiu
    ],
)
def test_names_in_pinyin_order(names, expected):
    assert sorted(names, key=pinyin_key) == expected


@pytest.mark.parametrize("char", sorted(STROKE_ORDER))
def test_stroke_table_agrees_with_unihan_counts(char):
    sequence = STROKE_ORDER[char]
    assert set(sequence) <= set("12345")
    assert len(sequence) == stroke_count(char)
    assert strokes(char) == UNIHAN_DIFFERS.get(char, len(sequence))


def test_surname_readings_are_tone_marked_pinyin():
    for char, reading in SURNAME_READINGS.items():
        assert reading[:-1].isascii() and reading[:-1].isalpha() and reading[-1] in "12345", char


def test_unknown_characters_still_sort_by_count_and_are_reported():
    assert stroke_count("鲁") == 12  # from the package
    assert stroke_key("程明") < stroke_key("鲁明")  # the known sequence first, then unknown
    assert stroke_key("鲁明") < stroke_key("靳明")  # 12 strokes before 13
    assert missing_stroke_order(["鲁明", "王伟", "清徐融媒"]) == ["鲁"]


def test_a_name_that_is_not_han_sorts_without_error():
    assert sorted(["ABC", "王伟"], key=stroke_key) == ["ABC", "王伟"]
    assert sorted(["ABC", "王伟"], key=pinyin_key) == ["ABC", "王伟"]

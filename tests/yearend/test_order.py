"""order.py: 姓氏笔画 (stroke count, then stroke forms 横竖撇点折) and pinyin sort keys."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from strokes import strokes

from kfq.yearend.errors import UnknownCharacters
from kfq.yearend.order import (
    SURNAME_READINGS,
    check_names,
    pinyin_key,
    stroke_count,
    stroke_key,
    stroke_sequences,
    surname_of,
    unknown_characters,
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


def test_surname_readings_are_tone_marked_pinyin():
    for char, reading in SURNAME_READINGS.items():
        assert reading[:-1].isascii() and reading[:-1].isalpha() and reading[-1] in "12345", char


def test_a_name_that_is_not_han_sorts_without_error():
    assert sorted(["ABC", "王伟"], key=stroke_key) == ["ABC", "王伟"]
    assert sorted(["ABC", "王伟"], key=pinyin_key) == ["ABC", "王伟"]


def _published_list() -> list[str]:
    text = (Path(__file__).parent / "data" / "nc20-delegates.txt").read_text(encoding="utf-8")
    body = " ".join(line for line in text.splitlines() if not line.startswith("#"))
    return [re.sub(r"（.*?）", "", token) for token in body.split()]


PUBLISHED = _published_list()
RARE = {"林占熺", "訚柏"}  # 熺 and 訚 are outside the stroke data set


def test_the_published_list_is_the_one_we_think():
    assert len(PUBLISHED) == 2296
    assert PUBLISHED[:5] == ["丁宁", "丁纯", "丁炜", "丁铭", "丁小强"]
    assert {n for n in PUBLISHED if unknown_characters(n)} == RARE


def test_full_names_in_the_published_order():
    # Xinhua's list of the 20th National Congress's 2,296 delegates, 按姓氏笔画为序: every
    # name we can order lands exactly where the published list has it.
    names = [n for n in PUBLISHED if n not in RARE]
    assert sorted(names, key=stroke_key) == names
    assert sorted(reversed(names), key=stroke_key) == names


def test_surnames_in_the_published_order():
    surnames: list[str] = []
    for name in PUBLISHED:
        if "·" not in name and name not in RARE and surname_of(name) not in surnames:
            surnames.append(surname_of(name))
    assert len(surnames) >= 300
    assert sorted(surnames, key=stroke_key) == surnames


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("王芳", "王丽"),
        ("万兵", "马超"),
        ("李杰", "李明"),
        ("丁宁", "丁小强"),
        ("欧文", "欧阳明"),
        ("叶军", "申文"),
    ],
)
def test_pairs_from_the_rules(before, after):
    assert stroke_key(before) < stroke_key(after)


def test_compound_surnames_are_the_surname():
    assert surname_of("欧阳坚") == "欧阳" and surname_of("诸葛宇杰") == "诸葛"
    assert surname_of("欧阳") == "欧"  # a two-character name is surname and given name


def test_an_unknown_character_stops_with_the_name():
    with pytest.raises(UnknownCharacters) as e:
        sorted(["王伟", "林占熺"], key=stroke_key)
    assert "林占熺" in str(e.value) and "U+71BA" in str(e.value)
    with pytest.raises(UnknownCharacters) as e:
        check_names(["王伟", "訚柏", "林占熺"])
    assert set(e.value.names) == {"訚柏", "林占熺"}


def test_stroke_counts_agree_with_unihan():
    # An independent count (the `strokes` package: Unihan kTotalStrokes) agrees on every
    # character of the data but three whose mainland count differs from Unihan's.
    differ = {c for c, seq in stroke_sequences().items() if strokes(c) != len(seq)}
    assert differ == {"囍", "皙", "范"}
    assert len(stroke_sequences()) > 6900
    assert stroke_count("范") == 8

"""blocks.py: furniture, kickers, subtitles, letter-spaced titles, headings."""

from __future__ import annotations

import pytest

from kfq.importer.blocks import FURNITURE, HEADING, HEADLINE, classify, clean_title, is_furniture
from kfq.importer.lines import units

from .pages import BRIEF_A, column


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("3", True),
        ("- 3 -", True),
        ("第3版", True),
        ("A2", True),
        ("科学导报", True),
        ("《开发区建设》周刊", True),
        ("开发区建设 2024年6月18日 星期二", True),
        ("2024年6月18日 星期二 第3版", True),
        ("责任编辑：王波", True),
        ("要闻", True),
        ("《开发区建设》周刊编辑部", False),  # a notice's signature
        ("2023年3月28日", False),  # a date under a notice, not a date line
        ("高起点布局", False),
    ],
)
def test_is_furniture(line, furniture):
    assert is_furniture(line) is furniture


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("厚 植 创 新 沃 土", "厚植创新沃土"),
        ("增速 5 月份由负转正", "增速5月份由负转正"),
        ("乘势而上谋突破 踔厉奋发启新程", "乘势而上谋突破 踔厉奋发启新程"),
    ],
)
def test_clean_title(line, title):
    assert clean_title(line) == title


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in classify(units(text))]


def test_furniture_at_the_top_of_a_page_is_dropped_from_the_headline():
    text = "科学导报\n2024年6月18日 星期二\n\n项目推进会召开\n\n" + column(BRIEF_A)
    kinds = _kinds(text)
    assert [k for k, _ in kinds[:3]] == [FURNITURE, FURNITURE, HEADLINE]


def test_kicker_title_and_subtitle_in_one_headline():
    text = "高平经济技术开发区\n项目建设跑出加速度\n——高平经开区重点项目建设纪实\n\n" + column(BRIEF_A)
    headline = classify(units(text))[0].headline
    assert (headline.kicker, headline.title, headline.subtitle) == (
        "高平经济技术开发区",
        "项目建设跑出加速度",
        "高平经开区重点项目建设纪实",
    )


def test_two_title_lines_without_a_zone_are_one_title():
    text = "为培育新质生产力\n厚 植 创 新 沃 土\n\n" + column(BRIEF_A)
    headline = classify(units(text))[0].headline
    assert (headline.kicker, headline.title) == (None, "为培育新质生产力厚植创新沃土")


def test_a_short_line_between_paragraphs_is_a_section_heading():
    first = "开发区今年新建标准厂房十二万平方米，引进企业二十三家，总投资超过四十亿元。"
    second = "下一步，开发区将继续优化营商环境，推动项目早日投产达产。"
    text = column(first) + "高起点布局\n" + column(second)
    assert (HEADING, "高起点布局") in _kinds(text)

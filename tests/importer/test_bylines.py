"""bylines.py: bylines in every position and form; names told from headings."""

from __future__ import annotations

import pytest

from kfq.importer.bylines import parse_line, split_dateline, split_trailing


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("本刊记者 李恒松", ["李恒松"]),
        ("记者 王伟 通讯员 汪伟", ["王伟", "汪伟"]),
        ("通讯员 欧阳晓明", ["欧阳晓明"]),
        ("（魏亚东）", ["魏亚东"]),
        ("(张虎虎)", ["张虎虎"]),
        ("吕平", ["吕平"]),
        ("清徐融媒", ["清徐融媒"]),
        ("文/图 韩燕", ["韩燕"]),
        ("李明 摄", ["李明"]),
        ("高起点布局", None),  # a section heading, not a name
        ("稿件导向", None),
        ("征稿启事", None),
        ("厚生能源岛项目投产", None),
    ],
)
def test_parse_line(line, names):
    assert parse_line(line) == names


def test_a_registered_name_of_any_form_is_a_byline():
    assert parse_line("阿不都热合曼", known={"阿不都热合曼"}) == ["阿不都热合曼"]


@pytest.mark.parametrize(
    ("paragraph", "prose", "names"),
    [
        ("力促技改企业达产达效。 韩燕", "力促技改企业达产达效。", ["韩燕"]),
        ("推动项目顺利建成、投产达产。(张虎虎)", "推动项目顺利建成、投产达产。", ["张虎虎"]),
        ("已形成务实工作局面。（记者 王伟 通讯员 汪伟）", "已形成务实工作局面。", ["王伟", "汪伟"]),
        ("相关经验被主流媒体推广。 清徐融媒", "相关经验被主流媒体推广。", ["清徐融媒"]),
        ("“我们将继续努力。”李伟说。", None, None),  # a quotation, not a byline
        ("总投资 86.87 亿元。煤化工和食品加工两条产业链基本形成", None, None),
    ],
)
def test_split_trailing(paragraph, prose, names):
    got = split_trailing(paragraph)
    if prose is None:
        assert got is None
    else:
        assert got is not None and (got[0], got[2]) == (prose, names)


def test_a_name_glued_without_space_needs_the_register():
    assert split_trailing("企业达产达效。韩燕") is None
    assert split_trailing("企业达产达效。韩燕", known={"韩燕"})[2] == ["韩燕"]


def test_byline_in_parentheses_after_the_dateline_leaves_the_dateline():
    assert split_dateline("本刊讯（记者 李恒松）近日，开发区召开会议。") == (
        "本刊讯 近日，开发区召开会议。",
        "（记者 李恒松）",
        ["李恒松"],
    )


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("𬩽伏问", ["𬩽伏问"]),  # a surname outside the Basic Multilingual Plane (Ext. E)
        ("通讯员 𬮱幂斥", ["𬮱幂斥"]),
        ("记者 牧笛栏 通讯员 𬩽伏问", ["牧笛栏", "𬩽伏问"]),
    ],
)
def test_names_written_with_characters_of_the_supplementary_planes_are_bylines(line, names):
    assert parse_line(line) == names


def test_a_name_of_the_supplementary_planes_signed_after_the_text_is_split_off():
    assert split_trailing("企业负责人说。 𬩽伏问") == ("企业负责人说。", "𬩽伏问", ["𬩽伏问"])

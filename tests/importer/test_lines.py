"""lines.py: column breaks joined, paragraph ends told from column ends, set-apart lines kept."""

from __future__ import annotations

import pytest

from kfq.importer.lines import join, units

from .conftest import HERE
from .pages import column


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("开发区建", "设稳步推进", "开发区建设稳步推进"),  # no space between Han characters
        ("总投资 92.95", "亿元", "总投资 92.95亿元"),  # the number stays with its unit
        ("增速为 1.", "8%", "增速为 1.8%"),  # a decimal broken at the point
        ("总投资 12", "000 万元", "总投资 12000 万元"),  # digits of one number
        ("引进 Intel", "Corporation 项目", "引进 Intel Corporation 项目"),  # two Latin words
        ("110", "KV 供电", "110KV 供电"),  # number and unit
        ("建设 ", " 厂房", "建设厂房"),  # stray spaces at the break
    ],
)
def test_join(left, right, joined):
    assert join(left, right) == joined


def _prose(text: str) -> list[str]:
    return [u.text for u in units(text) if not u.standalone]


def test_column_page_joins_lines_and_finds_paragraph_ends():
    first = "开发区今年新建标准厂房十二万平方米，引进企业二十三家，总投资超过四十亿元。"
    second = "下一步，开发区将继续优化营商环境，推动项目早日投产达产，为县域经济发展注入新动能。"
    assert _prose(column(first, second)) == [first, second]


def test_blank_lines_between_column_lines_do_not_split_paragraphs():
    first = "开发区今年新建标准厂房十二万平方米，引进企业二十三家，总投资超过四十亿元。"
    second = "下一步，开发区将继续优化营商环境，推动项目早日投产达产。"
    assert _prose(column(first, second, blank=True)) == [first, second]


def test_sentence_ending_at_the_column_edge_does_not_end_the_paragraph():
    # the first sentence fills its lines exactly; the paragraph goes on after it
    para = "园区道路全部建成通车，污水处理厂投入运行。" + "供热管网已铺设完成，可满足企业用热需求。"
    assert _prose(column(para, width=12)) == [para]


def test_indented_page_uses_its_indents():
    text = "    开发区新建厂房十二万平方\n米。\n    下一步，开发区将继续\n优化营商环境。\n"
    assert _prose(text) == ["开发区新建厂房十二万平方米。", "下一步，开发区将继续优化营商环境。"]


def test_one_paragraph_per_line_page_joins_a_paragraph_broken_mid_sentence():
    text = (
        "本刊讯 开发区今年新建标准厂房十二万平方米，引进企业二十三家，可随时为\n\n"
        "项目提供临时施工用电。\n\n园区基础设施不断完善，承载能力进一步增强，为项目落地创造了条件。\n"
    )
    assert _prose(text) == [
        "本刊讯 开发区今年新建标准厂房十二万平方米，引进企业二十三家，可随时为项目提供临时施工用电。",
        "园区基础设施不断完善，承载能力进一步增强，为项目落地创造了条件。",
    ]


@pytest.mark.parametrize(
    "line",
    ["厚 植 创 新 沃 土", "——长子经济技术开发区见闻", "# 项目建设跑出加速度", "本刊记者 李恒松"],
)
def test_display_lines_stand_apart(line):
    text = line + "\n" + column("开发区今年新建标准厂房十二万平方米，引进企业二十三家，总投资超过四十亿元。")
    first = units(text)[0]
    assert first.standalone


def test_blank_lines_between_paragraphs_part_them_and_set_a_headline_apart():
    para = column("本刊讯 近日，长子经济技术开发区召开项目推进会，研究部署下一阶段重点项目建设工作。").strip()
    second = column("会议要求各部门倒排工期、挂图作战，确保项目早日投产达产，为全年目标打下基础。").strip()
    # the headline is exactly as wide as a paragraph's first line: only the blanks tell it
    text = f"项目推进会召开全力冲刺\n\n{para}\n\n{second}\n\n全年目标任务有序推进\n\n{second}\n"
    got = units(text)
    assert [u.standalone for u in got] == [True, False, False, True, False]
    assert got[1].text.startswith("本刊讯") and got[1].text.endswith("工作。")


def test_a_caption_between_paragraphs_is_its_own_unit_whatever_the_widths():
    # the sentence before fills its last line, and the caption is set at the column's width
    first = "开发区今年新建标准厂房十" + "二万平方米，引进企业二十家。"
    caption = "图为长子经济技术开发区项目建设现场。 记者 李恒松 摄"
    second = "下一步，开发区将继续优化营商环境，推动项目早日投产达产。"
    text = column(first) + caption[:14] + "\n" + caption[14:] + "\n" + column(second)
    assert [u.text for u in units(text)] == [first, caption, second]


def test_a_sentence_with_a_name_by_form_glued_to_it_ends_its_paragraph_but_any_word_does_not():
    # 。建立 is a sentence running on past a headline box; 。李恒松 is a signature
    box = "开发区成立工作专班\n"
    cut = "建立了完善的项目台账，逐个明确责任单位、解决时限。"
    text = "本刊讯 开发区实行挂图作战。" + cut[:2] + "\n" + box + cut[2:] + "\n"
    got = units(text)
    assert [u.closed for u in got if not u.standalone] == [False, True]
    signed = units("本刊讯 开发区实行挂图作战。李恒松\n园区道路全部建成通车。\n")
    assert signed[0].closed


def test_a_line_with_two_commas_is_prose_however_short():
    # a paragraph's first line set short in a wide column, after a finished paragraph
    first = (
        "本刊讯 近日，开发区新建标准厂房十二万平方米，引进企业二十三家，"
        "总投资超过四十亿元，项目建设跑出加速度。"
    )
    lines = [
        "据了解，开发区已落地项目32个，总投",
        "资86亿元，一批企业纷纷落户园区，产业链条不断延伸，",
        "规模持续扩大，链条不断延伸，产业实现从无到有。",
    ]
    text = column(first, width=24) + "\n".join(lines) + "\n"
    assert [u.text for u in units(text)] == [first, "".join(lines)]


def test_a_leading_space_where_extraction_keeps_indents_opens_a_paragraph_not_a_headline():
    # the second paragraph's first line is short, as a headline would be, but keeps the indent
    first = " 本刊讯 近日，开发区新建标准厂房十二万平方米，引进企业二十三家。"
    text = f"{first}\n 项目位于园区北侧\n，总投资九千万元，用地十亩，建成后年产值五亿元。\n"
    got = units(text)
    assert not any(u.standalone for u in got)
    second = "项目位于园区北侧，总投资九千万元，用地十亩，建成后年产值五亿元。"
    assert [u.text for u in got] == [first.strip(), second]


def test_a_kicker_and_title_on_one_line_inside_a_sentence_stand_apart_however_wide():
    # 左云经济技术开发区 为培育…: prose never parts two Han characters with a space
    para = (
        "本刊讯 左云经济技术开发区近年来以煤化工、装备制造和食品加工为主导产业，拓宽了光伏、风电这条"
        "新能源产业链，逐步形成现代产业体系，致力打造绿色低碳创新发展的新样板，成效明显。"
    )
    lines = column(para, width=28).splitlines()
    box = "左云经济技术开发区 为培育新质生产力厚植创新沃土打造新样板"  # 28 em, the column's width
    text = "\n".join([*lines[:2], box, *lines[2:]]) + "\n"
    got = units(text)
    assert [(u.text, u.standalone) for u in got] == [
        ("".join(lines[:2]), False),
        (box, True),
        ("".join(lines[2:]), False),
    ]


def test_an_organisation_signed_after_a_space_and_wrapped_stays_with_its_paragraph():
    text = "本刊讯 开发区将以一个个实实在在的项目，为全省转\n型发展作出更大贡献。 潞城市委宣\n传部\n"
    (got,) = units(text)
    assert got.text == "本刊讯 开发区将以一个个实实在在的项目，为全省转型发展作出更大贡献。 潞城市委宣传部"


def test_a_line_wider_than_the_column_between_two_paragraphs_is_a_headline():
    # after a finished paragraph a first line is short by its indent; this one is wider
    first = "开发区今年新建标准厂房十二万平方米，引进企业二十三家。"
    second = "下一步，开发区将继续优化营商环境，推动项目早日投产达产，为县域经济发展注入新动能。"
    box = "朔州经济开发区召开安全生产会"  # 14 em, the column's width plus one
    lines = [*column(first, width=13).splitlines(), box, *column(second, width=13).splitlines()]
    got = units("\n".join(lines) + "\n")
    assert [(u.text, u.standalone) for u in got] == [(first, False), (box, True), (second, False)]


def test_a_full_line_whose_last_word_the_next_line_finishes_is_prose_however_wide():
    # 设立实习实训基 / 地，每年…: the line is an em wider than the column (extraction's widths
    # are uneven) but the next line finishes its last word, so it runs on
    text = (
        "科学导报讯 5月22日，壶关经济技术开发区与太\n"
        "原理工大学、中北大学、长治学院签订人才合作协议。\n"
        "根据协议，三所高校将在壶关经开区设立实习实训基\n"
        "地，每年选派教师和研究生到园区企业开展技术服务；\n"
        "园区企业为高校毕业生提供就业岗位不少于200个。\n"
    )
    got = units(text)
    assert [u.standalone for u in got] == [False]
    assert "实习实训基地，每年" in got[0].text


def test_a_headline_above_a_dateline_after_a_wrapped_signature_stands_apart():
    # （上党区融媒体中 / 心） ends the text before: the lines between it and 本刊讯 are a headline
    text = (
        "议，通过订单式培养、共建实训基\n"
        "地等方式，为园区企业提供稳定的\n"
        "技能人才来源。（上党区融媒体中\n"
        "心）\n"
        "运城经开区赴深圳开展产业链精准招商\n"
        "记者 邺抒昆\n"
        "本刊讯 5月16日，运城经开区\n"
        "招商小分队在深圳举办产业链精准\n"
        "招商推介会，现场签约项目8个，\n"
        "总投资46.5亿元。\n"
    )
    got = [(u.text, u.standalone) for u in units(text)]
    assert got[0][0].endswith("来源。（上党区融媒体中心）")
    assert got[1:3] == [("运城经开区赴深圳开展产业链精准招商", True), ("记者 邺抒昆", True)]


@pytest.mark.parametrize(
    ("end", "tail"),
    [("新增就业岗位300余个。 运城市融", "媒体中心"), ("两地正探索建立产业协作机制。 运城", "市融媒体中心")],
)
def test_an_organisation_signed_after_the_last_sentence_and_wrapped_is_joined_back(end, tail):
    text = (
        f"据介绍，该项目总投资8.6亿元，采用国内先进的焦油深加工技\n{end}\n{tail}\n"
        "科学导报讯 近日，省工业和\n信息化厅公布2024年度省级绿色\n制造名单。\n"
    )
    got = units(text)
    assert got[0].text.endswith("运城市融媒体中心") and not got[0].standalone
    assert got[1].text.startswith("科学导报讯")


def test_a_paragraph_signed_by_a_registered_name_glued_to_it_ends_there():
    # …企业账户。韩燕, then a paragraph's first line (short by its indent): the article ended;
    # an unknown word there (。项目) is the next sentence's start, and the paragraph reads on
    first = "本刊讯 开发区还开通了政策兑现直通车，企业无需申请，补贴资金全部直接拨付到企业账户。{}"
    second = "清徐经开区今年以来拒绝了3个投资额超过10亿元的项目，原因是这些项目能耗高。"
    signed = units(column(first.format("韩燕"), second), known={"韩燕"})
    assert [u.text[-5:] for u in signed] == ["账户。韩燕", "目能耗高。"]
    unsigned = units(column(first.format("项目"), second), known={"韩燕"})
    assert len(unsigned) == 1


def test_a_box_narrower_than_the_line_above_it_stands_apart_before_a_word_it_broke():
    # 确保园区安 / 朔州经济开发区召开安全生产工作会 / 全稳定。: the box is half the column's
    # width, and the line after it finishes the word the line before the box broke
    text = (HERE / "data" / "pages" / "generated_seed1_0089_excerpt.txt").read_text(encoding="utf-8")
    assert "朔州经济开发区召开安全生产工作会" in [u.text for u in units(text) if u.standalone]


def test_a_full_line_whose_sentence_the_next_line_ends_in_a_few_characters_is_prose():
    # …产品质量检测 / 等业务。下一步…: the line is no headline across columns
    text = (HERE / "data" / "pages" / "generated_seed13_0183.txt").read_text(encoding="utf-8")
    (got,) = [u for u in units(text) if "产品质量检测" in u.text]
    assert not got.standalone and "产品质量检测等业务。" in got.text


def test_a_title_and_its_role_byline_at_the_top_of_the_page_stand_apart():
    text = (
        "项目建设要“快”更要“实”\n\n文/图 靳斡欲 施辟\n\n"
        " 今年以来，潞城经开区项\n\n目建设按下“快进键”：一批\n\n项目当年签约、当年开工。\n"
    )
    got = [(u.text, u.standalone) for u in units(text)]
    assert got[:2] == [("项目建设要“快”更要“实”", True), ("文/图 靳斡欲 施辟", True)]


def test_a_headline_where_a_narrow_column_meets_a_wide_one_stands_apart():
    # a brief set 15 em wide ends; a commentary set 25 em wide starts under its headline,
    # which is narrower than either: its first line is short of the wide column by the indent
    narrow = (
        "本刊讯 开发区加快构建绿色低碳循环的现代产业体系，"
        "努力把开发区建设成为晋陕豫黄河金三角区域的高质量发展示范区。"
    )
    wide = (
        "今年以来，潞城经开区项目建设按下“快进键”：一批项目当年签约、当年开工、当年投产，"
        "“拿地即开工”从个例变成常态。速度的背后，是审批流程的再造、服务方式的转变，值得肯定。"
    )
    text = column(narrow, width=15) + "项目建设要“快”更要“实”\n" + column(wide, width=25)
    assert [(u.text, u.standalone) for u in units(text)] == [
        (narrow, False),
        ("项目建设要“快”更要“实”", True),
        (wide, False),
    ]


def test_a_title_broken_over_two_lines_at_the_foot_of_the_page_is_a_headline():
    # a brief ends, then its title printed below it, broken over two short lines, and the
    # running foot: the two lines are a headline, not a paragraph the page cut off
    text = (
        column(
            "本刊讯 会议要求，各项目单位要倒排工期、挂图作战。"
            "今年，沁源经开区共安排重点项目21个，总投资87亿元。",
            width=12,
        )
        + "沁源经开区召开重\n点项目观摩推进会\n2023年5月22日 星期一 科学导报 第8版\n8\n"
    )
    got = [(u.text, u.standalone) for u in units(text) if not u.text[:1].isdigit()]
    assert got[-2:] == [("沁源经开区召开重", True), ("点项目观摩推进会", True)]


def test_a_signature_wrapped_after_the_last_sentence_ends_the_paragraph():
    # …突破300亿元。 席辖 / 煌 祝浪哀, then the next text's first line: two paragraphs
    text = (
        "今年以来，长治高新区已累计签约项目31个，总投\n"
        "资186.4亿元，完成全年目标任务的62%。下一步，高新\n"
        "区将围绕半导体、新能源汽车零部件等主导产业开展精\n"
        "准招商，力争全年签约项目投资额突破300亿元。 席辖\n"
        "煌 祝浪哀\n"
        "清徐经开区今年以来拒绝了3个投资额超过10亿元\n"
        "的项目，原因是这些项目能耗高、附加值低，不符合园\n"
        "区的产业定位。\n"
    )
    got = units(text)
    assert len(got) == 2
    assert got[0].text.endswith("亿元。 席辖煌 祝浪哀") and got[1].text.startswith("清徐经开区")

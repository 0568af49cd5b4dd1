"""articles.py: several articles per page, headlines above, below or inside their text."""

from __future__ import annotations

import pytest

from .conftest import HERE, articles_of
from .pages import BRIEF_A, BRIEF_B, BRIEF_C, column


def _read(text, registers):
    return [
        (a.headline.title if a.headline else None, a.authors, len(a.paragraphs))
        for a in articles_of(text, registers)
    ]


def test_briefs_one_after_another_with_titles_above(small_registers):
    text = (
        "长子经开区召开项目推进会\n"
        + column(BRIEF_A + " 李恒松")
        + "左云经开区三家企业集中签约\n"
        + column(BRIEF_B + " 王伟")
        + "高平经开区推行全程代办服务\n"
        + column(BRIEF_C + " 汪伟")
    )
    assert _read(text, small_registers) == [
        ("长子经开区召开项目推进会", ["李恒松"], 1),
        ("左云经开区三家企业集中签约", ["王伟"], 1),
        ("高平经开区推行全程代办服务", ["汪伟"], 1),
    ]


def test_briefs_with_titles_printed_below_their_text(small_registers):
    text = (
        column(BRIEF_A + " 李恒松")
        + "长子经开区召开项目推进会\n"
        + column(BRIEF_B + " 王伟")
        + "左云经开区三家企业集中签约\n"
    )
    assert _read(text, small_registers) == [
        ("长子经开区召开项目推进会", ["李恒松"], 1),
        ("左云经开区三家企业集中签约", ["王伟"], 1),
    ]


def test_byline_on_its_own_line_after_the_text(small_registers):
    text = (
        "长子经开区召开项目推进会\n"
        + column(BRIEF_A)
        + "李恒松\n\n"
        + "左云经开区三家企业集中签约\n"
        + column(BRIEF_B)
    )
    got = articles_of(text, small_registers)
    assert [a.authors for a in got] == [["李恒松"], []]
    assert all("李恒松" not in a.body for a in got)


def test_headline_box_inside_a_sentence_belongs_to_the_text_around_it(small_registers):
    para = (
        "多年来，园区持续投入节能环保资金，奋力建设用地集约化、生产洁净"
        "化、废物资源化、能源低碳化的发展模式，为绿色低碳循环现代产业园奠定了扎实的基础。"
    )
    text = (
        para[:31] + "\n\n左云经济技术开发区\n\n积极打造绿色低碳循环现代产业园\n\n吕平\n\n" + para[31:] + "\n"
    )
    (article,) = articles_of(text, small_registers)
    assert article.headline.kicker == "左云经济技术开发区"
    assert article.authors == ["吕平"]
    assert [p.text for p in article.paragraphs] == [para]


def test_text_without_a_headline_gets_a_provisional_title_and_a_flag(small_registers):
    from kfq.importer.enrich import PROVISIONAL_MARK, enrich

    (article,) = articles_of(column(BRIEF_A + " 李恒松"), small_registers)
    enrich(article, small_registers, None)
    assert article.provisional and article.title.startswith(PROVISIONAL_MARK)
    assert {"title", "date"} <= {r.kind for r in article.review}


def test_a_notice_is_not_an_article(small_registers):
    from kfq.importer.pipeline import read_page

    text = (
        "长子经开区召开项目推进会\n"
        + column(BRIEF_A + " 李恒松")
        + "更正启事\n"
        + column("本刊上期第三版稿件中的企业名称有误，特此更正。")
        + "本刊编辑部\n"
    )
    split, found = read_page("page.txt", text, small_registers)
    assert len(found) == 1
    assert [h.title for h, _ in split.notices] == ["更正启事"]


def test_a_title_below_one_text_and_a_kicker_above_the_next_are_two_headlines(small_registers):
    # the run reads 长子… / 左云经济技术开发区 / 三家企业集中签约: the zone's name opens the second
    text = (
        column(BRIEF_A + " 李恒松")
        + "长子经开区召开项目推进会\n左云经济技术开发区\n三家企业集中签约\n"
        + column(BRIEF_B + " 王伟")
    )
    got = articles_of(text, small_registers)
    assert [(a.headline.kicker, a.headline.title) for a in got] == [
        (None, "长子经开区召开项目推进会"),
        ("左云经济技术开发区", "三家企业集中签约"),
    ]


def test_a_kicker_and_title_as_wide_as_the_column_inside_a_sentence_are_a_box(small_registers):
    # the title is as wide as the column: the kicker above it, short of the column, tells
    body = "本刊讯 日前，高平经济技术开发区三家企业集中签约，总投资十二亿元，涉及新材料和装备制造等产业。"
    lines = column(body).splitlines()
    text = "\n".join([*lines[:2], "高平经济技术开发区", "三家企业签约总投资十二亿元", *lines[2:]]) + "\n"
    (article,) = articles_of(text, small_registers)
    assert (article.headline.kicker, article.headline.title) == (
        "高平经济技术开发区",
        "三家企业签约总投资十二亿元",
    )
    assert [p.text for p in article.paragraphs] == [body]


def test_a_box_in_the_text_before_a_turn_to_other_zones_stays_with_that_text(small_registers):
    # 长子's brief holds its headline box mid-sentence and ends unsigned; 左云's follows with
    # nothing printed between: the box is 长子's, not the new article's
    a = (
        "开发区召开项目推进会，研究部署下一阶段长子经济技术开发区"
        "重点项目建设工作，要求各部门倒排工期、挂图作战。"
    )
    b = "左云经济技术开发区与三家企业集中签约，总投资十二亿元，项目落户后将进一步延伸左云的产业链条。"
    lines = column(a).splitlines()
    text = "\n".join([*lines[:2], "长子经济技术开发区", "召开项目推进会", *lines[2:]]) + "\n" + column(b)
    got = articles_of(text, small_registers)
    assert [a.headline.title if a.headline else None for a in got] == ["召开项目推进会", None]


COMMENT_A = (
    "长子经济技术开发区推行全程代办服务，企业办事时间平均缩短一半以上。这样的做法值得点赞。",
    "服务企业不是居高临下的管理，而是平等真诚的陪伴。长子经济技术开发区为每个项目配备专员。",
)
COMMENT_B = (
    "左云经济技术开发区今年以来拒绝了三个高耗能项目，看重的是亩均效益和产业链条。",
    "选商，首先要选准方向。左云经济技术开发区立足资源禀赋，明确主导产业和招商重点。",
)


def test_the_headline_of_a_commentary_after_an_unsigned_one_is_not_a_section_heading(small_registers):
    # two commentaries, no dateline and no byline between: the second's headline looks like a
    # section heading of the first, but the zones turn at it and its words are the second's
    text = "代办服务值得点赞\n" + column(*COMMENT_A) + "左云开发区从招商到选商\n" + column(*COMMENT_B)
    got = articles_of(text, small_registers)
    assert [a.headline.title for a in got] == ["代办服务值得点赞", "左云开发区从招商到选商"]
    assert [len(a.paragraphs) for a in got] == [2, 2]


def test_a_box_set_in_a_feature_heads_the_article_after_it(small_registers):
    # the box 高平经开区优化营商环境 stands between two paragraphs of 长子's commentary;
    # 高平's brief after it has no headline of its own
    text = (
        "代办服务值得点赞\n"
        + column(COMMENT_A[0])
        + "高平经开区优化营商环境\n"
        + column(COMMENT_A[1] + " 李恒松")
        + column(BRIEF_C)
    )
    got = articles_of(text, small_registers)
    assert [a.headline.title if a.headline else None for a in got] == [
        "代办服务值得点赞",
        "高平经开区优化营商环境",
    ]
    assert [len(a.paragraphs) for a in got] == [2, 1]


def test_a_subtitle_ends_a_headline_so_the_line_after_it_heads_the_next_text(small_registers):
    # 左云招商再添新项目 shares few words with its brief; the subtitle still parts the two
    text = (
        column(BRIEF_A + " 李恒松")
        + "长子经开区召开项目推进会\n——研究部署下一阶段重点项目建设\n左云招商再添新项目\n"
        + column(BRIEF_B + " 王伟")
    )
    got = articles_of(text, small_registers)
    assert [(a.headline.title, a.headline.subtitle) for a in got] == [
        ("长子经开区召开项目推进会", "研究部署下一阶段重点项目建设"),
        ("左云招商再添新项目", None),
    ]


# Pages written by the page generator (tests/importer/generator) whose runs of headline lines
# part only by the rules below; kept as files so that a change of the generator keeps them.
PAGES = HERE / "data" / "pages"


@pytest.mark.parametrize(
    ("page", "below", "above"),
    [
        # the kicker's zone (岚县) is nowhere in its text, which says 开发区: the title's words decide
        (
            "generated_seed11_0197_tail.txt",
            ("岚县经济技术开发区", "成立工作专班助推重点项目建设"),
            (None, "稷山经开区前5个月工业投资增长32%"),
        ),
        # a kicker line opens a headline: the run parts before it on weak words
        (
            "generated_seed7_0050.txt",
            (None, "项目建设要“快”更要“实”"),
            ("大同经济技术开发区提出", "制定具有吸引力的标准厂房招商引资基本政策"),
        ),
        # each half matches its own text twice as well as the other's, if weakly
        (
            "generated_seed7_0076.txt",
            ("左云经济技术开发区", "为培育新质生产力厚植创新沃土"),
            (None, "标准地改革贵在落实（短评）"),
        ),
    ],
)
def test_a_run_of_headline_lines_between_two_texts_parts_into_their_two_headlines(
    project_registers, page, below, above
):
    text = (PAGES / page).read_text(encoding="utf-8")
    got = [(a.headline.kicker, a.headline.title) for a in articles_of(text, project_registers) if a.headline]
    assert below in got and above in got


def test_a_title_broken_over_two_lines_stays_whole_when_its_first_line_matches_the_text_after(
    project_registers,
):
    # 新绛经开区开展 / “企业开放日”活动 above its text, after an article printed without a
    # headline: the first line's words are the next text's, so it is not that article's title
    text = (PAGES / "generated_seed3_0070.txt").read_text(encoding="utf-8")
    got = [a.headline.title if a.headline else None for a in articles_of(text, project_registers)]
    assert "新绛经开区开展“企业开放日”活动" in got
    assert "新绛经开区开展" not in got


def test_a_box_after_a_paragraphs_first_line_heads_the_text_around_it(project_registers):
    # 该项目总投资2.4亿元，建有 / 原平经开区8万平方米 / 标准化厂房交付使用 / 单层厂房12栋…:
    # the clause short by its indent opens a paragraph; it is no kicker of the box
    text = (PAGES / "generated_seed21_0130.txt").read_text(encoding="utf-8")
    (article,) = [a for a in articles_of(text, project_registers) if "建有单层厂房12栋" in a.body]
    assert article.headline is not None and article.headline.title == "原平经开区8万平方米标准化厂房交付使用"


def test_a_box_heading_the_next_article_is_passed_over_with_the_text_that_goes_on_after_it(
    project_registers,
):
    # 河津…: two paragraphs, the box of the 临汾 brief after it, the rest of the 河津 text
    # with its own headline box in a sentence, then the 临汾 brief: one 河津 article
    text = (PAGES / "generated_seed21_0101.txt").read_text(encoding="utf-8")
    got = {a.headline.title: a for a in articles_of(text, project_registers) if a.headline}
    hejin = got["河津经济技术开发区铝精深加工项目集中开工"]
    assert hejin.body.startswith("本刊讯 5月28日") and "两地正探索建立产业协作机制" in hejin.body
    assert got["临汾经开区为企业发放稳岗补贴386万元"].body.startswith("本刊讯 近日，临汾经济开发区")


def test_a_blank_line_parts_two_headlines_whose_own_lines_are_set_together(project_registers):
    # 介休经济技术开发区 / “拿地即开工” / 跑出项目建设加速度 / (blank) / 向高而攀 蓄势前行 / ———…
    text = (PAGES / "generated_seed33_0059.txt").read_text(encoding="utf-8")
    got = [(a.headline.kicker, a.headline.title) for a in articles_of(text, project_registers) if a.headline]
    assert ("介休经济技术开发区", "“拿地即开工”跑出项目建设加速度") in got
    assert (None, "向高而攀 蓄势前行") in got

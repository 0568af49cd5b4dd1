"""enrich.py: zones primary first, genre by form and length."""

from __future__ import annotations

from kfq.importer.enrich import enrich

from .conftest import articles_of
from .pages import BRIEF_A, column


def _one(text, registers):
    (article,) = articles_of(text, registers)
    return enrich(article, registers, None)


def test_zone_named_in_the_kicker_comes_first_and_a_passing_mention_is_left_out(small_registers):
    text = "山西转型综改示范区阳曲工业园区\n厚生能源岛项目投产\n\n" + column(
        "本刊讯 项目位于阳曲工业园区，学习借鉴了高平经开区的做法，长子经开区长子经开区也来考察。"
    )
    assert _one(text, small_registers).zones == ["山西转型综合改革示范区", "长子经济技术开发区"]


def test_genre(small_registers):
    assert _one("项目推进会召开\n" + column(BRIEF_A), small_registers).genre == "消息"
    feature = (
        "项目建设跑出加速度\n——长子经开区见闻\n\n"
        + column("开发区项目建设如火如荼。" * 30)
        + "高起点布局\n"
        + column("园区基础设施不断完善。" * 30)
    )
    assert _one(feature, small_registers).genre == "通讯"
    comment = "短评：营商环境没有最好\n" + column("优化营商环境永远在路上。" * 20)
    assert _one(comment, small_registers).genre == "评论"


def test_a_zone_the_register_does_not_know_is_a_doubt_never_another_zone(project_registers):
    text = "寿阳经济技术开发区\n新材料项目集中开工\n\n" + column(
        "本刊讯 近日，寿阳经济技术开发区举行新材料项目集中开工仪式，共有六个项目开工，"
        "总投资三十亿元。寿阳经济技术开发区有关负责人表示，园区将学习借鉴晋中经济技术开发区的做法。"
    )
    article = _one(text, project_registers)
    assert article.zones == []  # not 晋中经济技术开发区, which it only mentions
    (doubt,) = [r for r in article.review if r.kind == "zone"]
    assert doubt.text == "寿阳经济技术开发区" and "zones.yaml" in doubt.message


def test_a_phrase_ending_in_kaifaqu_is_not_a_zone(project_registers):
    text = "壮大园区经济\n——长子县发挥开发区主引擎作用纪实\n\n" + column(
        "本刊讯 近日，长子经济技术开发区项目建设捷报频传，长子经济技术开发区新签约项目五个。"
    )
    assert _one(text, project_registers).zones == ["长子经济技术开发区"]


def test_a_text_that_names_no_zone_takes_its_authors_zone_as_a_doubt(project_registers):
    # 魏亚东 writes from 岚县经济技术开发区 (contributors.yaml); the text says only 开发区
    text = "成立工作专班助推重点项目建设\n\n" + column(
        "本刊讯 今年，开发区以抓项目就是抓发展的工作理念为导向，实行领导干部包联重点项目制度，"
        "推动项目早落地、早投产、早达产。（魏亚东）"
    )
    article = _one(text, project_registers)
    assert article.authors == ["魏亚东"]
    assert article.zones == ["岚县经济技术开发区"]
    (doubt,) = [r for r in article.review if r.kind == "zone"]
    assert doubt.text == "岚县经济技术开发区" and "contributors.yaml" in doubt.message


def test_a_text_that_names_no_zone_by_an_author_of_no_zone_has_no_zone(project_registers):
    text = "成立工作专班助推重点项目建设\n\n" + column(
        "本刊讯 今年，开发区以抓项目就是抓发展的工作理念为导向，实行领导干部包联重点项目制度。"
    )
    article = _one(text, project_registers)
    assert article.zones == []
    assert [r.kind for r in article.review if r.kind == "zone"] == ["zone"]

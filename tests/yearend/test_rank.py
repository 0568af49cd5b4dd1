"""collect.py and rank.py: aliases merge, same readings stay apart, staff apart, ties by rule."""

from __future__ import annotations

import dataclasses

import pytest

from kfq.yearend.collect import collect
from kfq.yearend.errors import NoArticles, RankingRulesInvalid, UnknownAuthors
from kfq.yearend.rank import Rules, cutoff_tie, rank, rules_from_call

from .helpers import raw


def names(standings):
    return [(s.rank, s.name) for s in standings]


def test_an_alias_and_its_name_are_one_person(yearend_registers):
    c = collect(
        [raw("a", ["清徐融媒"]), raw("b", ["清徐县融媒体中心"]), raw("c", ["汪 伟"]), raw("d", ["汪伟"])],
        yearend_registers,
        2024,
    )
    assert sorted(c.credits) == ["汪伟", "清徐融媒"]
    assert len(c.credits["清徐融媒"].pieces) == 2
    assert len(c.credits["汪伟"].pieces) == 2


def test_an_alias_and_its_name_in_one_byline_credit_once(yearend_registers):
    c = collect([raw("a", ["汪伟", "汪 伟"])], yearend_registers, 2024)
    assert c.pieces[0].authors == ("汪伟",)


def test_two_people_with_one_reading_stay_two(yearend_registers):
    c = collect([raw("a", ["王伟"]), raw("b", ["汪伟"])], yearend_registers, 2024)
    assert {n: cr.zone for n, cr in c.credits.items()} == {
        "王伟": "左云经济技术开发区",
        "汪伟": "长子经济技术开发区",
    }


def test_staff_are_listed_apart_and_organisations_ranked(yearend_registers):
    c = collect(
        [raw("a", ["李恒松"]), raw("b", ["清徐融媒"]), raw("c", ["李恒松", "王伟"])], yearend_registers, 2024
    )
    assert [s.name for s in c.staff] == ["李恒松"]
    assert sorted(x.name for x in c.contributors) == ["清徐融媒", "王伟"]
    assert "李恒松" not in [s.name for s in rank(c, Rules())]


def test_other_years_and_drafts_do_not_count(yearend_registers):
    c = collect(
        [raw("a", ["王伟"]), raw("b", ["汪伟"], "2023-12-31"), raw("c", ["张虎虎"], status="draft")],
        yearend_registers,
        2024,
    )
    assert list(c.credits) == ["王伟"]
    assert c.drafts == 1


def test_an_empty_year_is_an_error_that_says_what_to_do(yearend_registers):
    with pytest.raises(NoArticles, match=r"no published article dated 2025.*1 draft"):
        collect([raw("a", ["王伟"], "2025-01-01", status="draft")], yearend_registers, 2025)


def test_unknown_names_are_listed_all_at_once(yearend_registers):
    with pytest.raises(UnknownAuthors) as e:
        collect([raw("a", ["无名氏"]), raw("b", ["王伟", "路人甲"])], yearend_registers, 2024)
    assert "'无名氏'" in str(e.value) and "'路人甲'" in str(e.value)
    assert "contributors.yaml" in str(e.value)


def test_points_decide_then_articles_then_zishu_then_earliest(yearend_registers):
    c = collect(
        [
            raw("a1", ["王伟"], "2024-03-01", zishu=500),
            raw("a2", ["王伟"], "2024-04-01", zishu=500),
            raw("b1", ["汪伟"], "2024-01-01", zishu=2000),  # one long article: fewer points
            raw("c1", ["张虎虎"], "2024-02-01", zishu=900),
            raw("d1", ["曾明"], "2024-01-15", zishu=900),  # same points and 字数: earlier first
        ],
        yearend_registers,
        2024,
    )
    assert names(rank(c, Rules())) == [(1, "王伟"), (2, "汪伟"), (3, "曾明"), (4, "张虎虎")]


def test_a_full_tie_shares_the_place_and_the_award_in_stroke_order(yearend_registers):
    c = collect(
        [raw("a", ["张虎虎"]), raw("b", ["王伟"]), raw("c", ["刘芳"]), raw("d", ["单田"], zishu=10)],
        yearend_registers,
        2024,
    )
    standings = rank(c, Rules(top=1))
    assert names(standings) == [(1, "王伟"), (1, "刘芳"), (1, "张虎虎"), (4, "单田")]
    assert [s.excellent for s in standings] == [True, True, True, False]
    # The documents and the site page say so, with the call's own tie-break measures.
    tie = cutoff_tie(standings, Rules(top=1, tie_break=("articles", "earliest")))
    assert tie.sentence() == (
        "第1名有3位投稿人并列（得分相同者依次比较刊发篇数、首次刊发日期，仍相同者名次并列），"
        "并列者同获表彰，因此前1名共有3位投稿人"
    )
    assert cutoff_tie(standings, Rules(top=3)) is None


def test_file_order_never_decides(yearend_registers):
    pieces = [raw(str(i), [n]) for i, n in enumerate(["张虎虎", "王伟", "刘芳", "曾明", "单田"])]
    first = names(rank(collect(pieces, yearend_registers, 2024), Rules()))
    again = names(rank(collect(pieces[::-1], yearend_registers, 2024), Rules()))
    assert first == again


def test_genre_points_and_minimum_length_come_from_the_rules(yearend_registers):
    c = collect(
        [
            raw("a", ["王伟"], genre="通讯", zishu=1500),
            raw("b", ["汪伟"], genre="消息", zishu=800),
            raw("c", ["汪伟"], genre="消息", zishu=300),  # under half of 800: does not count
        ],
        yearend_registers,
        2024,
    )
    rules = Rules(genre_points={"通讯": 2}, min_share=0.5)
    standings = rank(c, rules, {"消息": 800, "通讯": 1500})
    assert [(s.name, s.points, s.counted) for s in standings] == [("王伟", 2, 1), ("汪伟", 1, 1)]


def test_top_takes_the_first_places(yearend_registers):
    c = collect([raw(str(i), [n]) for i, n in enumerate(["王伟", "汪伟", "张虎虎"])], yearend_registers, 2024)
    c.credits["王伟"].pieces[0] = dataclasses.replace(c.credits["王伟"].pieces[0], zishu=900)
    standings = rank(c, Rules(top=1))
    assert [s.name for s in standings if s.excellent] == ["王伟"]


def test_the_default_rules_are_the_calls(yearend_registers):
    call = yearend_registers.calls[0]
    assert rules_from_call(call) == Rules()


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({"top": 0}, "top: '0' must be a whole number"),
        ({"top": 20, "eligible_roles": ["记者"]}, "eligible_roles: '记者' is not a role"),
        ({"top": 20, "genre_points": {"特写": 2}}, "genre_points: '特写' is not a genre"),
        ({"top": 20, "min_share": 2}, "min_share: '2' must be a fraction"),
        ({"top": 20, "tie_break": ["luck"]}, "tie_break: 'luck' is not a measure"),
        ({"top": 20, "prize": 1}, "prize: unknown option"),
        (None, "the section is missing"),
    ],
)
def test_a_bad_ranking_section_names_the_option_and_the_file(yearend_registers, section, message):
    call = yearend_registers.calls[0]
    data = {**call.data, "ranking": section}
    with pytest.raises(RankingRulesInvalid) as e:
        rules_from_call(dataclasses.replace(call, data=data))
    assert message in str(e.value)
    assert "calls/2023.yaml" in str(e.value)

"""Pinyin slugs with official place-name readings."""

import pytest

from kfq.slugs import slugify, unique_slug

PLACES = {"长治": "changzhi", "长子": "zhangzi", "洪洞": "hongtong", "山西": "shanxi", "左云": "zuoyun"}


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("向高而攀 蓄势前行", "xiang-gao-er-pan-xu-shi-qian-xing"),
        ("山西省长治市长子县", "shanxi-sheng-changzhi-shi-zhangzi-xian"),
        ("洪洞县开发区", "hongtong-xian-kai-fa-qu"),
        ("追“新”逐“绿”启新程", "zhui-xin-zhu-lv-qi-xin-cheng"),
        ("10GW光伏电池", "10gw-guang-fu-dian-chi"),
        ("Ｈ２氢能", "h2-qing-neng"),  # full-width Latin folds to ASCII
        ("规上工业增加值增速5月份由负转正", "gui-shang-gong-ye-zeng-jia-zhi-zeng-su-5-yue-fen-you-fu"),
    ],
)
def test_slugify_reads_place_names_officially(title, expected):
    assert slugify(title, PLACES) == expected


def test_without_the_register_pypinyin_misreads_the_place():
    # The reason the register's readings exist: 长治 alone comes out as zhang-zhi.
    assert slugify("山西省长治市") != "shanxi-sheng-changzhi-shi"


def test_long_titles_cut_at_a_syllable_boundary():
    title = "省太忻经济一体化发展促进中心副主任在忻州经济开发区调研重点在建项目"
    slug = slugify(title, PLACES)
    assert len(slug) <= 60
    assert not slug.endswith("-")
    full = slugify(title, PLACES, max_len=1000)
    assert full.startswith(slug + "-")  # a prefix of whole syllables


@pytest.mark.parametrize(
    ("base", "taken", "expected"),
    [("a", set(), "a"), ("a", {"a"}, "a-2"), ("a", {"a", "a-2"}, "a-3")],
)
def test_unique_slug(base, taken, expected):
    assert unique_slug(base, taken) == expected

"""Pinyin readings read once and kept between builds, so a build of known names never loads pypinyin."""

import json
import subprocess
import sys

import pytest
from pypinyin import Style, lazy_pinyin

from conftest import fixture_article, run_pelican
from kfq import readings
from kfq.readings import FILE, Readings


@pytest.mark.parametrize(
    ("text", "style", "expected"),
    [
        # Polyphones read by pypinyin's phrase dictionary stay read by it.
        ("重庆银行", "plain", ["chong", "qing", "yin", "hang"]),
        ("长治", "plain", ["zhang", "zhi"]),  # why slugs cut place names out first (kfq.slugs)
        ("绿色", "plain", ["lv", "se"]),
        ("王伟", "tone3", ["wang2", "wei3"]),
        ("汪伟", "tone3", ["wang1", "wei3"]),
        ("李子", "tone3", ["li3", "zi5"]),  # the neutral tone as 5
    ],
)
def test_a_reading_is_pypinyins(text, style, expected):
    assert Readings().read(text, style) == expected


@pytest.mark.parametrize("name", ["董保彤", "曾国藩", "单雄信", "欧阳修", "乐清", "朴"])
def test_each_style_asks_pypinyin_as_the_callers_did(name):
    store = Readings()
    assert store.read(name, "plain") == lazy_pinyin(name)
    assert store.read(name, "tone3") == lazy_pinyin(name, style=Style.TONE3, neutral_tone_with_five=True)


def test_a_text_is_read_once():
    store = Readings()
    for _ in range(3):
        store.read("董保彤", "tone3")
    assert store.computed == 1


def test_saved_readings_are_only_those_used_and_answer_without_pypinyin(tmp_path):
    path = tmp_path / "cache" / FILE
    first = Readings()
    first.load(path)  # nothing there yet: no error
    first.read("左云", "plain")
    first.read("王伟", "tone3")
    first.save(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["readings"] == {"plain": {"左云": ["zuo", "yun"]}, "tone3": {"王伟": ["wang2", "wei3"]}}

    # A new process that loads the file reads both names without importing pypinyin (the
    # 55 MB of its dictionaries), and a new name still gets read.
    script = f"""
import sys
from pathlib import Path
from kfq.readings import Readings
store = Readings()
store.load(Path({str(path)!r}))
known = (store.read("左云", "plain"), store.read("王伟", "tone3"))
print("pypinyin" in sys.modules, store.computed, known)
store.read("清徐", "plain")
print("pypinyin" in sys.modules, store.computed)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == [
        "False 0 (['zuo', 'yun'], ['wang2', 'wei3'])",
        "True 1",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        json.dumps({"pypinyin": "0.0.1", "readings": {"plain": {"左云": ["wrong"]}}}),
        json.dumps({"pypinyin": "CURRENT", "readings": {"plain": {"左云": "wrong"}}}),
        json.dumps(["a", "list"]),
    ],
)
def test_a_damaged_or_foreign_readings_file_is_ignored(tmp_path, text):
    path = tmp_path / FILE
    path.write_text(text.replace("CURRENT", readings._pypinyin_version()), encoding="utf-8")
    store = Readings()
    store.load(path)
    assert store.read("左云", "plain") == ["zuo", "yun"]


def test_a_build_keeps_the_readings_of_its_names_for_the_next(build_site, tmp_path):
    cache = tmp_path / "cache"
    articles = {"2023/valid-article.md": fixture_article("valid-article")}
    settings = {"SEARCH_INDEX": False, "REQUIRED_PLUGINS": []}
    first = build_site(articles, CACHE_PATH=str(cache), KFQ=settings)
    assert first.returncode == 0, first.log
    saved = json.loads((cache / FILE).read_text(encoding="utf-8"))["readings"]
    # The article's author, ordered by surname and given name for the year-end list, and
    # the register's names the search page's dictionary spells in pinyin.
    assert saved["tone3"] == {"李": ["li3"], "恒松": ["heng2", "song1"]}
    assert saved["plain"]["汪伟"] == ["wang", "wei"]
    kept = (cache / FILE).read_text(encoding="utf-8")
    # The next build reads the same names from the file, and builds the same pages from them.
    second = run_pelican(first.content, tmp_path / "again", CACHE_PATH=str(cache), KFQ=settings)
    assert second.returncode == 0, second.log
    for page in ("authors/index.html", "search/terms.json", "contributors/2023/index.html"):
        assert second.page(page) == first.page(page), page
    assert (cache / FILE).read_text(encoding="utf-8") == kept

"""Sort keys for names: 姓氏笔画 for the office documents, pinyin for the site.

姓氏笔画 follows the rule official name lists state ("按姓氏笔画为序"), as GB/T 13418-1992
《文字条目通用排序规则》 orders characters: fewer strokes first; with equal counts, by the
form of the first stroke in the order 横(一) 竖(丨) 撇(丿) 点(丶) 折(乙); then by the second
stroke, and so on. A name is ordered by its surname first (a compound surname such as 欧阳
is the surname as a whole); people of one surname follow with one-character given names
before longer ones, then character by character — the order of, e.g., the published list of
delegates to the 20th National Congress (丁宁 丁纯 … 丁小强), which tests/yearend checks.

Stroke sequences come from the npm package cnchar-order (MIT; vendored with its licence
and the script that regenerates it in plugins/kfq/data/strokes/): one letter per stroke,
6,939 characters (GB 2312 and the 通用规范汉字表's common characters). Its stroke table
names each letter's stroke; STROKE_FORM folds them into the five forms as
《GB13000.1字符集汉字折笔规范》 does: 提 counts as 横, 竖钩 as 竖, 捺 as 点, every
other turning stroke as 折. A Han character outside the data stops the run with the name
(UnknownCharacters): a list must never be ordered by guesswork.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from kfq.readings import read
from kfq.text import HAN_RE
from kfq.yearend.errors import UnknownCharacters

HENG, SHU, PIE, DIAN, ZHE = "12345"
DATA = Path(__file__).resolve().parent.parent / "data" / "strokes" / "cnchar-order.json"

# The data's plain strokes by name, and the two turning strokes the standard counts with a
# plain one; every other turning stroke (折笔) is 折.
STROKE_FORM = {"横": HENG, "提": HENG, "竖": SHU, "竖钩": SHU, "撇": PIE, "点": DIAN, "点2": DIAN, "捺": DIAN}

# The compound surnames (复姓) of 《百家姓》: a name starting with one of them, and longer
# than it, has it as its surname.
COMPOUND_SURNAMES = frozenset(
    "万俟 司马 上官 欧阳 夏侯 诸葛 闻人 东方 赫连 皇甫 尉迟 公羊 澹台 公冶 宗政 濮阳 淳于 单于 "
    "太叔 申屠 公孙 仲孙 轩辕 令狐 钟离 宇文 长孙 慕容 鲜于 闾丘 司徒 司空 亓官 司寇 子车 颛孙 "
    "端木 巫马 公西 漆雕 乐正 壤驷 公良 拓跋 夹谷 宰父 谷梁 段干 百里 东郭 南门 呼延 羊舌 微生 "
    "梁丘 左丘 东门 西门 南宫 第五".split()
)

# Surnames whose reading as a surname differs from pypinyin's most common reading
# (《现代汉语词典》 gives the surname readings); tone as TONE3's digit.
SURNAME_READINGS: dict[str, str] = {
    "单": "shan4", "曾": "zeng1", "解": "xie4", "仇": "qiu2", "朴": "piao2", "区": "ou1",
    "查": "zha1", "盖": "ge3", "华": "hua4", "任": "ren2", "覃": "qin2", "翟": "zhai2",
    "乐": "yue4", "缪": "miao4", "种": "chong2", "繁": "po2", "员": "yun4", "召": "shao4",
    "秘": "bi4", "尉": "yu4", "万": "wan4", "长": "chang2", "柏": "bai3", "燕": "yan1",
}  # fmt: skip


@cache
def stroke_sequences() -> dict[str, str]:
    """Every character of the data set with its strokes as form digits (王 → "1121")."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    forms: dict[str, str] = {}
    for letter, stroke in data["strokeTable"].items():
        if stroke["name"] in STROKE_FORM:
            forms[letter] = STROKE_FORM[stroke["name"]]
        elif stroke["type"] == "折笔":
            forms[letter] = ZHE
        else:  # a new plain stroke in a new release: decide its form here, never guess
            raise ValueError(f"{DATA}: stroke '{letter}' ({stroke['name']}) has no form in STROKE_FORM")
    return {char: "".join(forms[s] for s in letters) for char, letters in data["orders"].items()}


def stroke_sequence(char: str) -> str | None:
    """The stroke forms of one Han character in writing order, None if the data lacks it."""
    return stroke_sequences().get(char)


def stroke_count(char: str) -> int:
    """The stroke count of one character (0 for a character that is not Han or unknown)."""
    return len(stroke_sequence(char) or "")


def surname_of(name: str) -> str:
    """The surname: a compound surname of 《百家姓》 when the name starts with one, else the
    first character."""
    return name[:2] if len(name) > 2 and name[:2] in COMPOUND_SURNAMES else name[:1]


def unknown_characters(name: str) -> list[str]:
    """The Han characters of name that the stroke data lacks."""
    return [c for c in name if HAN_RE.match(c) and stroke_sequence(c) is None]


def check_names(names: Iterable[str]) -> None:
    """Raise UnknownCharacters naming every name a 姓氏笔画 list cannot order."""
    bad = {n: unknown_characters(n) for n in names}
    bad = {n: chars for n, chars in bad.items() if chars}
    if bad:
        raise UnknownCharacters(bad)


def _char_key(name: str, char: str) -> tuple[int, int, str]:
    if not HAN_RE.match(char):
        return (0, 0, char)  # Latin letters, digits and the · of transcribed names come first
    sequence = stroke_sequence(char)
    if sequence is None:
        raise UnknownCharacters({name: [char]})
    # Two characters of one sequence (叶 申) follow the code point: a stable, stated order.
    return (1, len(sequence), f"{sequence}\uffff{char}")


@cache
def stroke_key(name: str) -> tuple:
    """Sort key of a name by 姓氏笔画: the surname, then one-character given names first,
    then the given name character by character (strokes, then stroke forms)."""
    surname = surname_of(name)
    given = name[len(surname) :]
    return (
        tuple(_char_key(name, c) for c in surname),
        min(len(given), 2),
        tuple(_char_key(name, c) for c in given),
        name,
    )


def _syllable(reading: str) -> tuple[str, int]:
    letters = reading.rstrip("012345")
    tone = reading[len(letters) :]
    return letters, int(tone) if tone else 5


@cache
def pinyin_key(name: str) -> tuple:
    """Sort key of a name by pinyin, as dictionaries order: letters, then tone, syllable
    by syllable; the surname takes its surname reading (曾 zeng, 单 shan); equal readings
    (王伟 wang wei, 汪伟 wang wei differ by tone) fall back to the stroke order."""
    if not name:
        return ((), stroke_key(name))
    first = SURNAME_READINGS.get(name[0]) or read(name[0], "tone3")[0]
    rest = read(name[1:], "tone3") if name[1:] else []
    syllables = tuple(_syllable(r.lower()) for r in (first, *rest))
    return (syllables, stroke_key(name))

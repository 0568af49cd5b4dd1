"""Sort keys for names: 姓氏笔画 for the office documents, pinyin for the site.

姓氏笔画 follows the rule official name lists state ("按姓氏笔画排序"), as GB/T 13418-1992
《文字条目通用排序规则》 orders characters: fewer strokes first; with equal counts, by the
form of the first stroke in the order 横(一) 竖(丨) 撇(丿) 点(丶) 折(乙); then by the second
stroke, and so on; a name whose surname ties goes on to its next character. Stroke forms
are those of 《通用规范汉字笔顺规范》 (GF 0023-2020): 提 counts as 横, 竖钩 as 竖,
捺 as 点, every turning stroke (横折, 竖提, 弯钩 …) as 折.

Stroke counts come from the `strokes` package (Unihan kTotalStrokes). No package orders
equal counts by stroke form, so STROKE_ORDER below writes out the stroke sequence of the
surnames (and other first characters) we meet, as digits 1 横, 2 竖, 3 撇, 4 点, 5 折.
Each sequence was written from the standard's stroke order and checked against an
independent stroke-order list; tests check its length against the Unihan count. A
character missing from the table still sorts by its stroke count, but after the characters
of the same count whose sequence is known; `missing_stroke_order` names them so an editor
can add them here.
"""

from __future__ import annotations

from collections.abc import Iterable

from pypinyin import Style, lazy_pinyin
from strokes import strokes

from kfq.text import HAN_RE

HENG, SHU, PIE, DIAN, ZHE = "12345"

# Stroke sequences (笔顺) by the standard's stroke forms; add a surname when
# missing_stroke_order reports it. Kept one line per stroke count for review.
STROKE_ORDER: dict[str, str] = {
    # 2–4 strokes
    "丁": "12", "于": "112", "马": "551", "卫": "521", "王": "1121", "方": "4153",
    "尹": "5113", "孔": "5215", "邓": "5452", "毛": "3115", "牛": "3112", "文": "4134",
    "仇": "3235", "区": "1345", "车": "1512",
    # 5–6 strokes
    "石": "13251", "卢": "21513", "叶": "25112", "田": "25121", "史": "25134", "申": "25112",
    "冯": "41551", "付": "32124", "白": "32511", "包": "35515", "古": "12251", "左": "13121",
    "龙": "13534", "乔": "313432", "任": "323121", "伍": "321251", "刘": "413422",
    "江": "441121", "许": "453112", "孙": "521234", "纪": "551515", "闫": "425111",
    "邢": "113252", "汤": "441533", "朴": "123424", "吕": "251251",
    # 7 strokes
    "严": "1224313", "杜": "1234121", "李": "1234521", "杨": "1234533", "吴": "2511134",
    "何": "3212512", "余": "3411234", "汪": "4411121", "沈": "4414535", "宋": "4451234",
    "张": "5153154", "陆": "5211252", "陈": "5215234", "苏": "1225344", "邱": "3212152",
    # 8 strokes
    "范": "12244155", "林": "12341234", "罗": "25221354", "金": "34112431", "周": "35121251",
    "庞": "41313534", "郑": "43113452", "孟": "52125221", "武": "11212154", "岳": "32121252",
    "尚": "24325251", "单": "43251112",
    # 9–10 strokes
    "赵": "121213434", "郝": "121323452", "胡": "122513511", "柳": "123435352",
    "段": "321113554", "侯": "325131134", "姜": "431121531", "姚": "531341534",
    "贺": "532512534", "洪": "441122134", "查": "123425111",
    "秦": "1113431234", "袁": "1212513534", "贾": "1252212534", "夏": "1325111354",
    "钱": "3111511534", "徐": "3323411234", "高": "4125125251", "唐": "4135112251",
    "郭": "4125152152", "陶": "5235311252",
    # 11–12 strokes
    "黄": "12212512134", "曹": "12512212511", "梁": "44153441234", "常": "24345251252",
    "崔": "25232411121", "康": "41351124134", "清": "44111212511",
    "董": "122312511211", "蒋": "122412354124", "韩": "122511121152", "程": "312342511121",
    "傅": "321251124124", "曾": "432524312511", "谢": "453251113124", "彭": "121251431333",
    # 13 strokes and more
    "靳": "1221251123312", "解": "3535112533112", "熊": "54251135354444",
    "樊": "123434341234134", "融": "1251254312251214",
    "魏": "31234531325113554", "戴": "12125121122134534", "薛": "1223251514143112",
}  # fmt: skip

# Where the mainland count (GF 0023-2020, the count STROKE_ORDER encodes) differs from the
# package's Unihan kTotalStrokes, which for these gives the count with 艹 written as 4.
UNIHAN_DIFFERS = {"范": 9}

# Surnames whose reading as a surname differs from pypinyin's most common reading
# (《现代汉语词典》 gives the surname readings); tone as TONE3's digit.
SURNAME_READINGS: dict[str, str] = {
    "单": "shan4", "曾": "zeng1", "解": "xie4", "仇": "qiu2", "朴": "piao2", "区": "ou1",
    "查": "zha1", "盖": "ge3", "华": "hua4", "任": "ren2", "覃": "qin2", "翟": "zhai2",
    "乐": "yue4", "缪": "miao4", "种": "chong2", "繁": "po2", "员": "yun4", "召": "shao4",
    "秘": "bi4", "尉": "yu4", "万": "wan4", "长": "chang2", "柏": "bai3", "燕": "yan1",
}  # fmt: skip


def stroke_count(char: str) -> int:
    """The mainland stroke count of one character (0 for a character that is not Han)."""
    if char in STROKE_ORDER:
        return len(STROKE_ORDER[char])
    return strokes(char) if HAN_RE.match(char) else 0


def char_stroke_key(char: str) -> tuple[int, int, str, int]:
    """(count, unknown?, stroke sequence, code point): the 笔画 order of one character."""
    sequence = STROKE_ORDER.get(char)
    # An unknown sequence sorts after the known ones of the same count: never by chance.
    return (stroke_count(char), 0 if sequence else 1, sequence or "", ord(char))


def stroke_key(name: str) -> tuple:
    """Sort key of a name by 姓氏笔画: surname strokes, first stroke forms, then the name."""
    return (tuple(char_stroke_key(c) for c in name), name)


def _syllable(reading: str) -> tuple[str, int]:
    letters = reading.rstrip("012345")
    tone = reading[len(letters) :]
    return letters, int(tone) if tone else 5


def pinyin_key(name: str) -> tuple:
    """Sort key of a name by pinyin, as dictionaries order: letters, then tone, syllable
    by syllable; the surname takes its surname reading (曾 zeng, 单 shan); equal readings
    (王伟 wang wei, 汪伟 wang wei differ by tone) fall back to the stroke order."""
    if not name:
        return ((), stroke_key(name))
    first = (
        SURNAME_READINGS.get(name[0])
        or lazy_pinyin(name[0], style=Style.TONE3, neutral_tone_with_five=True)[0]
    )
    rest = lazy_pinyin(name[1:], style=Style.TONE3, neutral_tone_with_five=True) if name[1:] else []
    syllables = tuple(_syllable(r.lower()) for r in (first, *rest))
    return (syllables, stroke_key(name))


def missing_stroke_order(names: Iterable[str]) -> list[str]:
    """First characters of names whose stroke sequence is not in STROKE_ORDER."""
    return sorted({n[0] for n in names if n and HAN_RE.match(n[0]) and n[0] not in STROKE_ORDER})

"""Chinese text measures: 字数, dates as 2024年5月5日, reading time and sort keys."""

from __future__ import annotations

import datetime as dt
import re

# Han ideographs — what a Chinese editor counts as 字: CJK Unified, Ext. A, Compatibility and
# the supplementary planes (Ext. B–H, where rare surnames and given names such as 𬮱 and 𬩽 are).
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
HAN_RE = re.compile(f"[{HAN}]")
# Han are counted by removal: a run taken out at once costs far less than a list of every
# character found (字数 is counted for every article of every build; the rarer punctuation
# and Latin runs are cheaper to list).
HAN_RUN_RE = re.compile(f"[{HAN}]+")
# Full-width punctuation: CJK symbols, the general punctuation a Chinese text uses
# (“”‘’…—), and the full-width forms block (，：；！？（）).
FULLWIDTH_PUNCT_RE = re.compile(
    r"[\u3000-\u303f\u2018\u2019\u201c\u201d\u2026\u2014\uff01-\uff60\uffe0-\uffee]"
)
# A run of Latin letters or digits counts as one unit, as Chinese word processors count it.
LATIN_RUN_RE = re.compile(r"[A-Za-z0-9]+(?:[.,%][A-Za-z0-9]+)*%?")

READING_SPEED = 400  # 字 per minute: a common figure for reading Chinese news prose


# Real Chinese prose is mostly GB2312 level-1 (the 3,755 commonest 字); bytes that were not
# GB18030 (Big5, Shift-JIS, binary) still decode as GB18030, but to rare characters.
_MIN_COMMON_SHARE = 0.85


def looks_like_chinese(text: str) -> bool:
    """Whether text reads as Chinese prose: it has Han characters, nearly all of them common."""
    han = HAN_RE.findall(text)
    if not han:
        return False
    common = sum(1 for ch in han if _is_level1(ch))
    return common / len(han) >= _MIN_COMMON_SHARE


def _is_level1(ch: str) -> bool:
    try:
        code = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return 0xB0 <= code[0] <= 0xD7


def han_count(text: str) -> int:
    """Number of Han characters in text."""
    return len(text) - len(HAN_RUN_RE.sub("", text))


def zishu(text: str) -> int:
    """字数 as Chinese editors count it.

    Each Han character and each full-width punctuation mark counts one; a run of Latin
    letters or digits (2024, 92.95, GW) counts one, as Word and WPS count it.
    """
    return (
        han_count(text)
        + len(FULLWIDTH_PUNCT_RE.findall(text.replace("\u3000", "")))
        + len(LATIN_RUN_RE.findall(text))
    )


def reading_minutes(text: str) -> int:
    """Whole minutes needed to read text at READING_SPEED 字 per minute (at least 1)."""
    return minutes_for(zishu(text))


def minutes_for(count: int) -> int:
    """Whole minutes needed to read count 字 at READING_SPEED (at least 1)."""
    return max(1, round(count / READING_SPEED))


def format_date(value: dt.date | dt.datetime) -> str:
    """A date as Chinese news writes it: 2024年5月5日 (no leading zeros)."""
    return f"{value.year}年{value.month}月{value.day}日"


def format_issue_date(value: dt.date | dt.datetime, estimated: bool = False) -> str:
    """An article's date for readers and the office: 2024年5月5日 when printed or confirmed,
    约2024年5月 when it is only an estimate (front-matter `date_basis`), never shown as fact."""
    return f"约{format_month(value)}" if estimated else format_date(value)


def format_month(value: dt.date | dt.datetime) -> str:
    """A month as 2024年5月."""
    return f"{value.year}年{value.month}月"

"""Page furniture: what belongs to the page, not to an article — one place for every rule.

Running heads (paper, date, 星期, 期, 版), page numbers, section and column labels (【开发区观察】),
the editors' credit lines and photo captions (图为…… 记者 某某 摄). Each pattern matches a whole
line or paragraph; anything less certain stays in the text and shows in the review.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kfq.text import HAN

PAPER = r"(?:《?科学导报》?|《?开发区建设》?(?:周刊)?)"
DATE = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
WEEKDAY = r"(?:星期|周)[一二三四五六日天]"
ISSUE = r"(?:总?第\s*\d+\s*期|第\s*\d+\s*期)"
PAGE_NO = r"(?:第\s*\d{1,2}\s*版|[A-H]?\d{1,2}\s*版?|第\s*\d{1,3}\s*页)"
SECTIONS = r"(?:要闻|综合|专版|专题|特刊|园区动态|开发区动态|综合新闻|图片新闻|广告)"
SEP = r"[\s·|｜/／]*"
_RUNNING = rf"(?:{PAPER}|{DATE}|{WEEKDAY}|{ISSUE}|{PAGE_NO}|{SECTIONS}|(?:农历\S{{2,8}}))"
# A column label printed above a headline: 【开发区观察】, 〔园区速递〕, [短评].
LABEL = r"[【〔［\[][^】〕］\]\n]{1,12}[】〕］\]]"
LABEL_RE = re.compile(rf"^\s*{LABEL}\s*$")
LABEL_PREFIX_RE = re.compile(rf"^\s*(?P<label>{LABEL})\s*(?=\S)")

FURNITURE_RES = (
    re.compile(rf"^[-—–·\s]*{PAGE_NO}[-—–·\s]*$"),  # 3, - 3 -, 第3版, A3
    # A running head: the paper's name or the date with at least one other element of a head.
    re.compile(rf"^{PAPER}(?:{SEP}{_RUNNING})*$"),
    re.compile(
        rf"^(?:{_RUNNING}{SEP})*{DATE}{SEP}(?:{WEEKDAY}|{ISSUE}|{PAGE_NO}|{PAPER})(?:{SEP}{_RUNNING})*$"
    ),
    re.compile(rf"^(?:{PAGE_NO}{SEP})?{SECTIONS}(?:{SEP}{PAGE_NO})?$"),
    # the elements of a running head in any order: 第7版 开发区建设, 3版 · 科学导报 · 要闻
    re.compile(rf"^(?:{PAGE_NO}|{ISSUE}){SEP}(?:{_RUNNING}{SEP})*{PAPER}(?:{SEP}{_RUNNING})*$"),
    re.compile(
        r"^(?:本版)?(?:责任编辑|责编|编辑|美编|美术编辑|校对|版式|组版|排版|审核|终审|值班编辑)\s*[:：].{0,20}$"
    ),
    LABEL_RE,
)
# A photo caption: 图为…… / ▲…… / (记者 某某 摄) at its end. Captions are short.
CAPTION_MAX = 160
CAPTION_START_RE = re.compile(r"^\s*(?:图为|图片为|上图|下图|左图|右图|图[一二三四1-4][:：]|[▲△▼]\s*)")
CAPTION_END_RE = re.compile(r"(?:摄|摄影|供图|图片来源[:：]?\S{0,12})\s*[）)]?\s*$")


@lru_cache(maxsize=65536)
def is_furniture(text: str) -> bool:
    """A page number, running head, section or column label, credit line."""
    return any(p.match(text.strip()) for p in FURNITURE_RES)


def is_caption(text: str) -> bool:
    """A photo caption: starts 图为 (or ▲), or is a short line signed … 摄."""
    text = text.strip()
    if len(text) > CAPTION_MAX:
        return False
    return bool(CAPTION_START_RE.match(text)) or (
        bool(CAPTION_END_RE.search(text)) and bool(re.search(rf"记者|通讯员|摄影|[{HAN}]{{2,4}}\s*摄", text))
    )

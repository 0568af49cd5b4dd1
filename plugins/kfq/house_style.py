"""The house rule for Chinese text (after clreq): no typed space between Han and Latin/digits,
full-width punctuation in Chinese text. The importer applies it; `invoke check` warns with the fix.

The gap a reader sees between 2024 and 年 is the typesetter's: the theme asks the browser for
it (CSS `text-autospace`), so a typed space would double it and break the line in odd places.
Numbers keep their own marks (1,000, 10:30, 3.5%); a dateline keeps the space after it
(本刊讯 5月5日); headlines keep the spaces between their phrases (they hold no rule here).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from kfq.errors import Problem
from kfq.text import HAN

# Han or a closing/opening Chinese mark: what makes the text around a mark Chinese.
CJK = f"{HAN}\u3001-\u303f\uff01-\uff60\u201c\u201d\u2018\u2019"
LATIN = "A-Za-z0-9%‰℃"
_SPACE = re.compile(rf"(?<=[{HAN}])[ \u00a0]+(?=[{LATIN}])|(?<=[{LATIN}])[ \u00a0]+(?=[{HAN}])")
# A half-width mark after Han, or before Han: , ; ! ? and : (not 1,000 or 10:30).
_MARKS = {",": "，", ";": "；", "!": "！", "?": "？", ":": "："}
_MARK = re.compile(rf"(?<=[{CJK}])[ ]*([,;!?:])[ ]*|[ ]*([,;!?:])[ ]*(?=[{CJK}])")
_PAREN = re.compile(r"\(([^()\n]*)\)")
# Spaces typed next to full-width punctuation, which carries its own space.
_AROUND_FULL = re.compile(r"[ \u00a0]+(?=[，。；：！？、）》”])|(?<=[，。；：！？、（《“])[ \u00a0]+")


def tidy(text: str) -> str:
    """text by the house rule (idempotent: tidy(tidy(t)) == tidy(t))."""
    # A mark made full-width makes its neighbour's context Chinese (::“): apply until stable.
    for _ in range(len(text) + 1):
        out = _once(text)
        if out == text:
            return out
        text = out
    return text


def _once(text: str) -> str:
    out = _PAREN.sub(_paren, text)
    out = _MARK.sub(lambda m: _MARKS[m.group(1) or m.group(2)], out)
    out = _SPACE.sub(_unless_dateline(out), out)
    return _AROUND_FULL.sub("", out)


def _paren(m: re.Match[str]) -> str:
    """(…) in Chinese text, its inside or its neighbours Chinese, becomes （…）."""
    text, s, e = m.string, m.start(), m.end()
    around = text[s - 1 : s] + text[e : e + 1]
    chinese = re.search(f"[{HAN}]", m.group(1)) or re.search(f"[{CJK}]", around)
    return f"（{m.group(1)}）" if chinese else m.group(0)


def _unless_dateline(text: str):
    def sub(m: re.Match[str]) -> str:
        # 本刊讯 5月5日: the space after a dateline separates it from the news, as printed.
        return m.group(0) if text[m.start() - 1 : m.start()] == "讯" else ""

    return sub


@dataclass(frozen=True)
class Change:
    """One paragraph the rule would change: its line in the file, and how it reads after."""

    line: int
    before: str
    after: str

    def snippet(self) -> tuple[str, str]:
        """The first change with a few characters either side, before and after."""
        ops = difflib.SequenceMatcher(None, self.before, self.after, autojunk=False).get_opcodes()
        _, i1, i2, j1, j2 = next(op for op in ops if op[0] != "equal")
        return (
            self.before[max(0, i1 - 6) : i2 + 6].strip(),
            self.after[max(0, j1 - 6) : j2 + 6].strip(),
        )

    @property
    def count(self) -> int:
        """How many places of the line the rule changes."""
        ops = difflib.SequenceMatcher(None, self.before, self.after, autojunk=False).get_opcodes()
        return sum(1 for op in ops if op[0] != "equal")


def changes(body: str, first_line: int = 1) -> list[Change]:
    """Each line of a Markdown body the rule would change (headings included; code is none)."""
    out = []
    for n, line in enumerate(body.split("\n")):
        fixed = tidy(line)
        if fixed != line:
            out.append(Change(first_line + n, line, fixed))
    return out


def warnings(path: str, body: str, first_line: int) -> list[Problem]:
    """The house-style warnings of one article, each with the text as the rule writes it."""
    found = []
    for c in changes(body, first_line):
        was, now = c.snippet()
        more = f" (and {c.count - 1} more on the line)" if c.count > 1 else ""
        found.append(
            Problem(
                path,
                c.line,
                "body",
                f"house style: “{was}”{more}",
                f"write “{now}” (no space between Han and Latin or digits; full-width punctuation "
                "in Chinese text)",
            )
        )
    return found

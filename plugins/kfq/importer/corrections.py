"""Known extraction errors, corrected by a documented table and each one listed for review.

Text extraction from the paper's PDFs maps some symbols of one font one row off in GB2312:
× (A1C1) comes out as 伊 (D2C1). The same fault turns 、。“”，：；（）… into 遥窑野冶袁曰鸦渊冤噎,
but those are also ordinary characters of prose (袁 is a surname), so only contexts where the
reading is certain are corrected; anything else is left as printed. Add a row to RULES when a
new error is confirmed, with the reason an editor will read in the review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kfq.importer.model import Article, Correction, Paragraph


@dataclass(frozen=True)
class Rule:
    """One known error: where it is certain (pattern), what it becomes, and why."""

    pattern: re.Pattern[str]
    replacement: str
    reason: str


RULES: tuple[Rule, ...] = (
    Rule(
        re.compile(r"(?<=\d)伊(?=\s?\d)"),
        "×",
        "伊 between digits is × misread from the font (2伊100 → 2×100)",
    ),
)
# Shown around a correction in the review, so the editor can find it.
CONTEXT = 8


def correct_text(text: str, rules: tuple[Rule, ...] = RULES) -> tuple[str, list[Correction]]:
    """text with every known error put right, and what was changed."""
    found: list[Correction] = []
    for rule in rules:

        def fix(m: re.Match[str], rule: Rule = rule) -> str:
            left = m.string[max(0, m.start() - CONTEXT) : m.start()]
            right = m.string[m.end() : m.end() + CONTEXT]
            found.append(
                Correction(
                    m.group(0),
                    rule.replacement,
                    f"{rule.reason}: …{left}[{m.group(0)}→{rule.replacement}]{right}…",
                )
            )
            return rule.replacement

        text = rule.pattern.sub(fix, text)
    return text, found


def correct(article: Article, rules: tuple[Rule, ...] = RULES) -> Article:
    """Correct the article's body, recording each change and flagging it for review."""
    paragraphs = []
    for p in article.paragraphs:
        text, found = correct_text(p.text, rules)
        paragraphs.append(Paragraph(text, p.heading))
        for c in found:
            article.corrections.append(c)
            article.flag("correction", f"{c.original}→{c.replacement}", c.reason)
    article.paragraphs = paragraphs
    for p in article.paragraphs:
        if "\ufffd" in p.text:
            article.flag(
                "correction",
                "\ufffd",
                "an unreadable character (�) is in the text: check it against the printed page",
            )
    return article

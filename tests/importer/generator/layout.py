"""Text set in a printed column: display widths, line breaking with indent and hanging punctuation."""

from __future__ import annotations

import re
import unicodedata

# Marks that print may hang past the column's edge, and may not start a line.
CLOSING = set("，。、；：？！”’）》」』…%")
# Marks that may not end a line: they move down with the character they open.
OPENING = set("“‘（《「『")
# Runs kept whole by extraction: numbers, Latin words and the like.
_RUN = re.compile(r"[A-Za-z0-9.%×伊_/+-]+(?<![/+-])|\s+|.", re.S)
_LATIN = re.compile(r"[A-Za-z]")


def char_width(ch: str) -> float:
    """Printed width of one character in em: Han and full-width marks 1, Latin and digits ½,
    spaces 0 (extraction adds spaces around numbers that print does not have)."""
    if ch.isspace():
        return 0.0
    return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5


def width(text: str) -> float:
    """Printed width of a line in em."""
    return sum(char_width(c) for c in text.strip())


def _chunks(text: str) -> list[str]:
    """Pieces a line may break between. A space stays inside its piece (6 月 11 日 is one
    piece) unless it is one space between two Latin words, which the importer's join restores."""
    tokens = _RUN.findall(text)
    chunks: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.isspace() and chunks and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            latin_gap = tok == " " and _LATIN.search(chunks[-1][-1]) and _LATIN.match(nxt)
            if latin_gap:
                chunks.append(tok + nxt)  # the break may fall before this space
            else:
                chunks[-1] += tok + nxt
            i += 2
            continue
        chunks.append(tok)
        i += 1
    return chunks


def wrap(text: str, column: float, indent: float = 2.0, hang: bool = True) -> list[str]:
    """A paragraph broken into the lines of a column `column` em wide, its first line `indent`
    em shorter (the indent that extraction drops). A closing mark that does not fit hangs past
    the edge (hang) or takes the character before it down to the next line."""
    chunks = _chunks(text)
    lines: list[str] = []
    cur: list[str] = []
    used = 0.0
    limit = column - indent
    for chunk in chunks:
        w = width(chunk)
        if cur and used + w > limit:
            if chunk[0] in CLOSING and len(chunk) == 1:
                if hang:
                    cur.append(chunk)
                    lines.append("".join(cur))
                    cur, used, limit = [], 0.0, column
                    continue
                if len(cur) > 1:  # the mark may not start a line: take one piece down with it
                    last = cur.pop()
                    lines.append("".join(cur))
                    cur, used, limit = [last], width(last), column
                    cur.append(chunk)
                    used += w
                    continue
            carry = []
            while len(cur) > 1 and cur[-1] in OPENING:
                carry.insert(0, cur.pop())
            lines.append("".join(cur))
            cur, used, limit = carry, sum(width(c) for c in carry), column
        if chunk.startswith(" ") and not cur:
            chunk = chunk[1:]  # a Latin word's space at a line start is the break itself
            w = width(chunk)
        cur.append(chunk)
        used += w
    if cur:
        lines.append("".join(cur))
    return lines


# A headline breaks where a phrase ends: after a pause mark or a quotation, or before one; a
# headline without such a place is broken where its lines come out equal. Not after a zone's
# name: 屯留经开区 / 新建5G基站32座 would read as a kicker over its title, to a reader too.
_PHRASE_END = re.compile(r"(?<=[，、：！？”])|(?=[“《])")


def balance(text: str, most: float) -> list[str]:
    """A headline of no spaces set in as few lines as fit `most` em, broken at a phrase's end
    nearest to equal lines when one fits, else where the lines come out about equal."""
    total = width(text)
    if total <= most:
        return [text]
    n = int(-(-total // most))
    if n == 2:
        cuts = [m.start() for m in _PHRASE_END.finditer(text) if 0 < m.start() < len(text)]
        fits = [c for c in cuts if width(text[:c]) <= most and width(text[c:]) <= most]
        if fits:
            c = min(fits, key=lambda c: abs(width(text[:c]) - total / 2))
            return [text[:c], text[c:]]
    per = total / n
    lines: list[str] = []
    cur = ""
    for ch in text:
        if cur and width(cur + ch) > per + 0.5 and len(lines) < n - 1 and ch not in CLOSING:
            lines.append(cur)
            cur = ""
        cur += ch
    lines.append(cur)
    return lines


def letter_spaced(text: str) -> str:
    """厚植创新沃土 → 厚 植 创 新 沃 土, as display type is spaced out."""
    return " ".join(text)

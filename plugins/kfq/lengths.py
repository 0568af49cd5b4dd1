"""An article's 字数 against its genre's target in the call: one rule for the intake and the check."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kfq.contract import Checked, display_path, parse_date
from kfq.registers import Call, Registers
from kfq.text import zishu

# Far off: under half the call's target, or over twice it (a 消息 of 800字 runs 400–1600字).
FAR_BELOW = 0.5
FAR_ABOVE = 2.0


def target(genre: str | None, call: Call | None) -> int | None:
    """The call's target length in 字 for the genre, or None when the call names none."""
    if not genre or call is None:
        return None
    return next((g.target for g in call.genres if g.name == genre), None)


def describe(count: int, genre: str | None, call: Call | None) -> str:
    """字数 against the target, as an editor reads it: 812字 (消息: 800字左右)."""
    aim = target(genre, call)
    return f"{count}字" + (f" ({genre}: {aim}字左右)" if aim else "")


def far_off(count: int, genre: str | None, call: Call | None) -> str | None:
    """Why count is far from the genre's target, or None when it is near enough (or no target)."""
    aim = target(genre, call)
    if aim is None:
        return None
    if count < FAR_BELOW * aim:
        return f"{count}字 is under half the {genre}'s target of {aim}字 — is it complete, or another genre?"
    if count > FAR_ABOVE * aim:
        return f"{count}字 is over twice the {genre}'s target of {aim}字 — cut it, or is it another genre?"
    return None


def warnings(checked: Iterable[Checked], registers: Registers, root: Path | None = None) -> list[str]:
    """`path:line: genre: …` for each valid published article far off its genre's length (a
    warning: the call's targets are guidance, and the paper prints long features)."""
    out = []
    for item in checked:
        meta = item.source.meta
        genre = meta.get("genre")
        if item.problems or meta.get("status", "published") != "published" or not isinstance(genre, str):
            continue
        date = parse_date(meta.get("date"))
        call = registers.call_for(date) if date else registers.latest_call
        note = far_off(zishu(item.source.body), genre, call)
        if note:
            shown = display_path(item.source.path, root)
            out.append(f"{shown}:{item.source.line('genre')}: genre: warning: {note}")
    return out

"""A headline for places that show one line (<title>, feeds): the 引题 added where it names who."""

from __future__ import annotations

from collections.abc import Iterable


def needs_kicker(title: str, kicker: str | None, zone_spellings: Iterable[str]) -> bool:
    """Whether the headline leaves out who it is about and its kicker says it.

    A printed 引题 often carries the subject (大同经济技术开发区提出 / 制定具有吸引力的…):
    one line without it reads as nobody's news. A kicker that names a zone is needed when
    the title names none; a kicker of words only (a slogan) adds nothing to a one-line title.
    """
    if not kicker or not kicker.strip() or kicker in title:
        return False
    names = [s for s in zone_spellings if len(s) >= 3]
    return any(s in kicker for s in names) and not any(s in title for s in names)


def one_line(title: str, kicker: str | None, zone_spellings: Iterable[str]) -> str:
    """大同经济技术开发区提出：制定具有吸引力的标准厂房招商引资基本政策, or the title alone."""
    spellings = list(zone_spellings)
    return f"{kicker}：{title}" if needs_kicker(title, kicker, spellings) and kicker else title

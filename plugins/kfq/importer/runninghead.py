"""A page's issue date: printed in its running head, else the manifest's, marked when estimated.

The running head (2024年5月6日 星期一 … 第3版) is page furniture; when the page prints it, that
date is the issue's and beats the manifest. A manifest date with `date_basis` is an editor's
estimate: it stays an estimate (front-matter `date_basis`) until an editor confirms it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from kfq.importer.manifest import Entry
from kfq.importer.model import Block

PRINTED_DATE_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
PAGE_RE = re.compile(r"第\s*(?P<n>\d{1,2})\s*版|(?<![\d.])(?P<m>[A-H]?\d{1,2})\s*版")


@dataclass(frozen=True)
class IssueDate:
    """The date the page's articles get, the evidence when it is an estimate, and doubts."""

    date: dt.date | None
    basis: str | None = None
    page: int | None = None
    doubts: list[tuple[str, str]] = field(default_factory=list)  # (text, message) for review


def printed(furniture: Iterable[Block]) -> tuple[dt.date | None, int | None]:
    """The issue date and page number the running head prints, when it prints them."""
    date: dt.date | None = None
    page: int | None = None
    for block in furniture:
        m = PRINTED_DATE_RE.search(block.text)
        if m and date is None:
            try:
                date = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
        p = PAGE_RE.search(block.text)
        if p and page is None and (p["n"] or p["m"][-2:].isdigit() or p["m"][-1:].isdigit()):
            digits = re.sub(r"\D", "", p["n"] or p["m"])
            page = int(digits) if digits else None
    return date, page


def issue_date(source: str, furniture: Iterable[Block], entry: Entry | None) -> IssueDate:
    """The page's issue date by evidence: printed head first, then the manifest."""
    on_page, page = printed(furniture)
    if on_page is not None:
        doubts = []
        if entry is not None and entry.date is not None and entry.date != on_page:
            doubts.append(
                (
                    on_page.isoformat(),
                    f"the running head prints {on_page.isoformat()} but seeds/manifest.yaml says "
                    f"{entry.date.isoformat()}: the printed date is used; correct the manifest",
                )
            )
        return IssueDate(on_page, None, page, doubts)
    if entry is None:
        return IssueDate(
            None,
            doubts=[("", f"{source} has no entry in seeds/manifest.yaml and prints no date: add its entry")],
        )
    if entry.date is not None and entry.date_basis:
        message = (
            f"estimated, not printed ({entry.date_basis}): confirm it against the printed issue "
            "(invoke review), or accept it as an estimate, which readers see as one"
        )
        return IssueDate(entry.date, entry.date_basis, entry.page, [(entry.date.isoformat(), message)])
    return IssueDate(entry.date, None, entry.page)

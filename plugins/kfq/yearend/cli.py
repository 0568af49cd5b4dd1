"""`invoke contributors`: the whole year-end run, from content/ to the office files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kfq.registers import Registers, load_registers
from kfq.yearend.collect import Collection, collect, read_year
from kfq.yearend.errors import NoCall, UnsignedArticles
from kfq.yearend.order import check_names
from kfq.yearend.rank import Rules, Standing, rank, rules_from_call

Progress = Callable[[str], None]


@dataclass
class Report:
    """What a run wrote, and what an editor should look at."""

    year: int
    out_dir: Path
    articles: int = 0
    contributors: int = 0
    staff: int = 0
    awarded: int = 0
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [
            f"{self.year}: {self.articles} article(s), {self.contributors} contributor(s) "
            f"and {self.staff} staff reporter(s); {self.awarded} 优秀撰稿人.",
            f"Wrote {len(self.files)} file(s) to {self.out_dir}:",
            *(f"  {p.name}" for p in self.files),
        ]
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)


@dataclass(frozen=True)
class Year:
    """A year's collection, its ranking rules and standings: shared by the run and the site."""

    collection: Collection
    rules: Rules
    standings: list[Standing]
    issuer: str


def rank_year(collection: Collection, registers: Registers) -> Year:
    """Rank a collected year by the call in force at its end."""
    call = registers.call_for(dt.date(collection.year, 12, 31))
    if call is None:
        raise NoCall(collection.year)
    rules = rules_from_call(call)
    targets = {g.name: g.target for g in call.genres}
    return Year(collection, rules, rank(collection, rules, targets), call.issuer)


def run(
    year: int,
    content_dir: Path,
    out_dir: Path,
    progress: Progress | None = None,
    *,
    issued: dt.date | None = None,
    strict: bool = False,
) -> Report:
    """Collect, rank and write the workbook, list document, certificates and letters.

    Everything is checked before the first file is written, so a failed run leaves no
    half-made list behind. issued is the date the documents carry (default: today).
    Unsigned articles (authors: [], which the contract allows) are listed in 篇目 and
    reported as a warning; strict makes them an error, as does a year with no signed one.
    """
    say = progress or (lambda message: None)
    content_dir, out_dir = Path(content_dir), Path(out_dir)
    issued = issued or dt.date.today()
    registers = load_registers(content_dir / "data")
    say(f"Reading the articles of {year} under {content_dir / 'articles'} …")
    collection = collect(read_year(content_dir, registers, year), registers, year)
    if collection.unsigned and (strict or not collection.credits):
        raise UnsignedArticles([p.where for p in collection.unsigned])
    # Every name must have its 姓氏笔画 place before anything is ranked or written.
    check_names(collection.credits)
    ranked = rank_year(collection, registers)
    report = Report(
        year,
        out_dir,
        articles=len(collection.pieces),
        contributors=len(collection.contributors),
        staff=len(collection.staff),
        awarded=sum(1 for s in ranked.standings if s.excellent),
    )
    report.warnings += [
        f"{p.where}: authors: [] — unsigned, listed in 篇目 only" for p in collection.unsigned
    ]
    say(f"Ranked {len(ranked.standings)} contributor(s); {report.awarded} in the top {ranked.rules.top}.")
    issuer = ranked.issuer
    # The office writers load openpyxl and python-docx; imported here, so the site build,
    # which ranks the years through rank_year() but writes no office file, never pays for them.
    from kfq.yearend.certificates import certificate_title, write_certificates
    from kfq.yearend.docx import list_title, write_list
    from kfq.yearend.letters import letter_file_name, letters_for, write_letter
    from kfq.yearend.xlsx import write_workbook

    letters = letters_for(ranked.standings, [z.name for z in registers.zones])
    steps: list[tuple[str, Callable[[], Path]]] = [
        (
            "workbook",
            lambda: write_workbook(
                out_dir / f"{list_title(year)}.xlsx", collection, ranked.standings, registers, issuer
            ),
        ),
        (
            "list document",
            lambda: write_list(
                out_dir / f"{list_title(year)}.docx",
                collection,
                ranked.standings,
                registers,
                issuer,
                issued,
                ranked.rules.top,
            ),
        ),
    ]
    if report.awarded:
        steps.append(
            (
                "certificates",
                lambda: write_certificates(
                    out_dir / f"{certificate_title(year)}.docx", year, ranked.standings, issuer, issued
                ),
            )
        )
    for letter in letters:
        steps.append(
            (
                f"letter to {letter.recipient}",
                lambda letter=letter: write_letter(
                    out_dir / "表扬信" / letter_file_name(letter, year), letter, year, issuer, issued
                ),
            )
        )
    for i, (what, write) in enumerate(steps, 1):
        say(f"[{i}/{len(steps)}] {what}")
        report.files.append(write())
    return report

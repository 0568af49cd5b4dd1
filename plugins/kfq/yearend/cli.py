"""`invoke contributors`: the whole year-end run, from content/ to the office files."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kfq.registers import Registers, load_registers
from kfq.yearend.collect import ARTICLE_URL, Collection, Raw, collect, read_year
from kfq.yearend.errors import NoCall, SiteUrlMissing, UnsignedArticles
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
            *(
                f"  {p.relative_to(self.out_dir) if p.is_relative_to(self.out_dir) else p}"
                for p in self.files
            ),
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


def compute_year(raws: list[Raw], registers: Registers, year: int) -> Year:
    """The year-end list of one year: the site page and the office files both come from here.

    Collects the year's published articles, checks that every name can take its 姓氏笔画
    place (UnknownCharacters otherwise) and ranks them by the call in force.
    """
    collection = collect(raws, registers, year)
    check_names(collection.credits)
    return rank_year(collection, registers)


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
    siteurl: str = "",
    url_pattern: str = ARTICLE_URL,
    pdf: bool = False,
) -> Report:
    """Collect, rank and write the workbook, list document, certificates and letters.

    Everything is checked before the first file is written, so a failed run leaves no
    half-made list behind. issued is the date the documents carry (default: today).
    Unsigned articles (authors: [], which the contract allows) are listed in 篇目 and
    reported as a warning; strict makes them an error, as does a year with no signed one.
    siteurl is the site's public address (KFQ_SITEURL): the office files carry absolute
    links, so a run without it stops before reading anything. pdf also converts every file
    with LibreOffice, the PDF beside its source.
    """
    say = progress or (lambda message: None)
    siteurl = siteurl.strip().rstrip("/")
    if not siteurl.startswith(("https://", "http://")):
        raise SiteUrlMissing(siteurl)
    content_dir, out_dir = Path(content_dir), Path(out_dir)
    issued = issued or dt.date.today()
    registers = load_registers(content_dir / "data")
    say(f"Reading the articles of {year} under {content_dir / 'articles'} …")
    raws = read_year(content_dir, registers, year, url_pattern)
    ranked = compute_year(raws, registers, year)
    collection = ranked.collection
    if collection.unsigned and (strict or not collection.credits):
        raise UnsignedArticles([p.where for p in collection.unsigned])
    report = Report(
        year,
        out_dir,
        articles=len(collection.pieces),
        contributors=len(collection.contributors),
        staff=len(collection.staff),
        awarded=sum(1 for s in ranked.standings if s.excellent),
    )
    report.warnings += [
        f"{p.where}: authors: [] — unsigned, listed under its zone as 未署名" for p in collection.unsigned
    ]
    report.warnings += [
        f"{c.name}: no full_name in content/data/contributors.yaml — the documents print the "
        "byline name; add the organisation's registered name when a source states it"
        for c in collection.contributors
        if c.contributor.is_unit and not c.contributor.full_name
    ]
    say(f"Ranked {len(ranked.standings)} contributor(s); {report.awarded} in the top {ranked.rules.top}.")
    issuer = ranked.issuer
    # The office writers load openpyxl and python-docx; imported here, so the site build,
    # which ranks the years through rank_year() but writes no office file, never pays for them.
    from kfq.yearend.certificates import certificate_title, write_certificates
    from kfq.yearend.docx import list_title, write_list
    from kfq.yearend.letters import letter_file_name, letters_for, write_letter
    from kfq.yearend.xlsx import workbook_title, write_workbook

    letters = letters_for(ranked.standings, [z.name for z in registers.zones])
    steps: list[tuple[str, Callable[[], Path]]] = [
        (
            "workbook",
            lambda: write_workbook(
                out_dir / f"{workbook_title(year)}.xlsx",
                collection,
                ranked.standings,
                registers,
                issuer,
                siteurl,
                ranked.rules.top,
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
                ranked.rules,
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
                functools.partial(
                    write_letter,
                    out_dir / "表扬信" / letter_file_name(letter, year),
                    letter,
                    year,
                    issuer,
                    issued,
                ),
            )
        )
    for i, (what, write) in enumerate(steps, 1):
        say(f"[{i}/{len(steps)}] {what}")
        report.files.append(write())
    if pdf:
        from kfq.yearend.pdf import to_pdf

        say(f"Converting {len(report.files)} file(s) to PDF with LibreOffice …")
        report.files += to_pdf(report.files)
    return report

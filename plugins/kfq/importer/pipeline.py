"""The import, stage by stage: decode → lines → … → write, conservation check and review."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kfq.frontmatter import read_source
from kfq.importer import articles as articles_stage
from kfq.importer import (
    blocks,
    bylines,
    conserve,
    corrections,
    decisions,
    decode,
    enrich,
    ledger,
    lines,
    manifest,
    review,
    runninghead,
)
from kfq.importer import write as write_stage
from kfq.importer.errors import UndecodableFile
from kfq.importer.model import Article, ReviewItem
from kfq.registers import Registers

Progress = Callable[[int, int, str], None]


@dataclass
class ImportReport:
    """What an import did: files written or left alone, and what an editor should review."""

    pages: int = 0
    written: list[write_stage.Written] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # pages that could not be read
    review_path: Path | None = None
    characters: int = 0  # Han characters read, all accounted for

    def outcome(self, kind: str) -> list[Path]:
        return [w.path for w in self.written if w.outcome == kind]

    @property
    def skipped(self) -> list[Path]:
        """Articles an editor changed since the last import, left as they are."""
        return self.outcome(write_stage.SKIPPED)

    def summary(self) -> str:
        counts = ", ".join(
            f"{len(self.outcome(k))} {k}"
            for k in (
                write_stage.CREATED,
                write_stage.UPDATED,
                write_stage.UNCHANGED,
                write_stage.SKIPPED,
                write_stage.LEFT_DELETED,
            )
        )
        return (
            f"{self.pages} page(s), {len(self.written)} article(s): {counts}; "
            f"{self.characters} 字 in, none lost; {len(self.review)} item(s) to review"
            + (f"; {len(self.errors)} page(s) unreadable" if self.errors else "")
        )


def read_page(source: str, text: str, registers: Registers) -> tuple[articles_stage.Split, list[Article]]:
    """One page's text → its articles (before enrichment) and what is not an article."""
    known = _known(registers)
    units = lines.units(text, registers.zone_spellings, known)
    classified = blocks.classify(units, registers.zone_spellings, known)
    split = articles_stage.split(source, classified, lambda t: set(enrich.zones_named(t, registers)))
    found = [corrections.correct(bylines.attach(a, known)) for a in split.articles]
    return split, found


def import_pages(
    source_dir: Path,
    dest_dir: Path,
    registers: Registers,
    force: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import every seed page (*.txt) of source_dir into dest_dir as Markdown articles."""
    source_dir, dest_dir = Path(source_dir), Path(dest_dir)
    entries = manifest.load(source_dir)
    decided = decisions.load(source_dir)
    imported = ledger.load(dest_dir)
    files = sorted(p for p in source_dir.glob("*.txt") if p.is_file())
    report = ImportReport()
    others = _slugs_by_source(dest_dir)
    taken_in_run: set[str] = set()
    for n, path in enumerate(files, start=1):
        if progress:
            progress(n, len(files), path.name)
        try:
            page = decode.decode(path.read_bytes(), path.name)
        except UndecodableFile as e:
            report.errors.append(str(e))
            report.review.append(ReviewItem(path.name, "error", "", str(e)))
            continue
        report.pages += 1
        split, found = read_page(page.name, page.text, registers)
        conserve.check(page, split, found)
        report.characters += sum(conserve.han(page.text).values())
        issue = runninghead.issue_date(page.name, split.furniture, entries.get(page.name))
        if issue.date is None:
            # Every article has a date and lives in its year's folder: a page that prints
            # none and has no manifest date waits in seeds/, whole, until it has one.
            message = (
                f"{page.name}: prints no issue date and seeds/manifest.yaml gives none: "
                "add its entry (publication, date, page), then import again"
            )
            report.errors.append(message)
            report.review.append(ReviewItem(page.name, "date", "", message))
            continue
        taken = taken_in_run | {s for src, slugs in others.items() if src != page.name for s in slugs}
        for position, article in enumerate(found, start=1):
            enrich.enrich(article, registers, issue.date, taken)
            article.date_basis = issue.basis
            article.page, article.position = issue.page, position
            for item in issue.doubts:
                article.flag("date", item[0], item[1])
            decisions.apply(decisions.find(decided, article), article)
            taken.add(article.slug)
            taken_in_run.add(article.slug)
            key = decisions.opening(article)
            gone = _deleted_or_renamed(imported, dest_dir, page.name, key) if not force else None
            if gone is not None:
                report.written.append(gone)
                report.review.append(
                    ReviewItem(
                        page.name,
                        "skipped",
                        str(gone.path),
                        (
                            f"renamed by an editor to {gone.path}: left as it is"
                            if gone.outcome == write_stage.SKIPPED
                            else f"deleted by an editor: not created again (delete its entry in "
                            f"{imported.path} to import it afresh)"
                        ),
                        article.first,
                        article.title,
                    )
                )
                continue
            written = write_stage.write(article, dest_dir, force)
            imported.record(page.name, key, written.path.relative_to(dest_dir).as_posix())
            report.written.append(written)
            report.review.extend(article.review)
            if written.outcome == write_stage.SKIPPED:
                report.review.append(
                    ReviewItem(
                        page.name,
                        "skipped",
                        str(written.path),
                        "changed by an editor since the last import: left as "
                        "it is (import with --force to replace it)",
                        article.first,
                        article.title,
                    )
                )
        report.review.extend(review.page_items(page.name, split))
    imported.save()
    report.review_path = review.write(report.review, dest_dir)
    return report


def _deleted_or_renamed(
    imported: ledger.Ledger, dest: Path, source: str, key: str
) -> write_stage.Written | None:
    """What became of an article imported before whose file is no longer where it was put."""
    known = imported.known(source, key)
    if known is None or (dest / known).exists():
        return None
    moved = ledger.renamed(dest, source, key)
    if moved is not None:
        imported.record(source, key, moved.relative_to(dest).as_posix())
        return write_stage.Written(moved, write_stage.SKIPPED)
    return write_stage.Written(dest / known, write_stage.LEFT_DELETED)


def _known(registers: Registers) -> set[str]:
    return {n for c in registers.contributors for n in (c.name, *c.aliases)}


def _slugs_by_source(dest: Path) -> dict[str, set[str]]:
    """The slugs already used in dest, by the seed file each article came from."""
    found: dict[str, set[str]] = {}
    for path in ledger.article_files(dest):
        src, problems = read_source(path)
        if problems:
            continue
        found.setdefault(str(src.meta.get("source") or ""), set()).add(path.stem)
    return found

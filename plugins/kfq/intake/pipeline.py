"""The intake, file by file: read formats → structure → enrich → write draft, and its report."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kfq.images import ImageRefused, inspect
from kfq.importer.decisions import doubts
from kfq.importer.model import Article
from kfq.intake import formats
from kfq.intake import write as write_stage
from kfq.intake.enrich import Proposal, enrich
from kfq.intake.errors import IntakeError
from kfq.intake.model import Document
from kfq.intake.structure import CAPTION_RE, Structured, structure
from kfq.registers import Registers
from kfq.scaffold import existing_slugs
from kfq.text import HAN


@dataclass
class Draft:
    """One submission written as a draft, and what the editor should know about it."""

    submitted: str
    path: Path
    title: str
    length: str
    doubts: list[str]
    warnings: list[str]
    proposals: list[Proposal]
    image: Path | None = None

    def lines(self) -> list[str]:
        out = [f"{self.path}  «{self.title}»  {self.length}  (from {self.submitted})"]
        if self.image:
            out.append(f"  photo: {self.image}")
        out += [f"  doubt: {d}" for d in self.doubts]
        out += [f"  warning: {w}" for w in self.warnings]
        for p in self.proposals:
            out.append(f"  '{p.name}' is not in content/data/contributors.yaml; after checking, add:")
            out += ["    " + line for line in p.yaml().splitlines()]
        return out


@dataclass
class IntakeReport:
    """What an intake did: the drafts written and the files it could not read."""

    drafts: list[Draft] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def render(self) -> str:
        lines = [line for d in self.drafts for line in d.lines()]
        lines += [f"error: {e}" for e in self.errors]
        doubted = sum(1 for d in self.drafts if d.doubts)
        lines.append(
            f"{len(self.drafts)} draft(s) written, {doubted} with doubts to settle"
            + (f"; {len(self.errors)} file(s) not read" if self.errors else "")
            + ". Add the proposed contributors, then settle the doubts with `invoke review` "
            "(or in the file) and run `invoke check`."
        )
        return "\n".join(lines)


def intake_files(
    paths: Iterable[Path], content: Path, registers: Registers, today: dt.date | None = None
) -> IntakeReport:
    """Read each submitted file and write a draft article for each submission in it."""
    report = IntakeReport()
    content = Path(content)
    taken = existing_slugs(content / "articles")
    known = {n for c in registers.contributors for n in (c.name, *c.aliases)}
    for path in paths:
        try:
            docs = formats.read(Path(path))
        except IntakeError as e:
            report.errors.append(str(e))
            continue
        for doc in docs:
            report.errors += doc.errors
            try:
                report.drafts.append(_one(doc, content, registers, known, taken, today or dt.date.today()))
            except IntakeError as e:
                report.errors.append(str(e))
    return report


def _one(
    doc: Document, content: Path, registers: Registers, known: set[str], taken: set[str], today: dt.date
) -> Draft:
    s = structure(doc, known)
    if not s.paragraphs:
        raise IntakeError(
            f"{doc.name}: holds no text{' (only a picture)' if doc.photos else ''} — "
            "ask the contributor for the article as .docx"
        )
    date = doc.received or today
    e = enrich(doc, s, registers, date, taken)
    article = e.article
    article.flag(
        "date",
        date.isoformat(),
        "the day the submission arrived: set the date of the issue that prints it",
    )
    warnings = list(doc.warnings)
    photo = _photo(doc, s, article.title, registers, date, warnings)
    if photo is not None and photo.alt == article.title:
        article.flag(
            "image", "", "the photo has no caption: write image_alt (what it shows) and image_caption"
        )
    elif photo is not None:
        article.flag("image", photo.alt, "image_alt taken from the caption: say what the photo shows")
    warnings += s.reported()
    lost = _lost(doc, s, article)
    if lost:
        warnings.append(f"characters not in the draft: {lost} — compare the draft with the submission")
    try:
        path, image = write_stage.write(article, photo, content)
    except FileExistsError as err:
        raise IntakeError(f"{doc.name}: {err.filename} already exists — it is never overwritten") from err
    taken.add(article.slug)
    return Draft(
        doc.name,
        path,
        article.title,
        e.length,
        doubts(article, write_stage.DOUBT_KINDS),
        warnings,
        e.proposals,
        image,
    )


def _photo(
    doc: Document, s: Structured, title: str, registers: Registers, date: dt.date, warnings: list[str]
) -> write_stage.Photo | None:
    if s.photo is None:
        return None
    call = registers.call_for(date) or registers.latest_call
    limit = int(call.data.get("images_max", 1)) if call else 1
    if len(doc.photos) > limit:
        names = ", ".join(p.name for p in doc.photos)
        warnings.append(
            f"{len(doc.photos)} images sent ({names}); the call allows {limit}: the first is used"
        )
    sent = doc.photos[s.photo]
    try:
        info = inspect(sent.data, sent.name)
    except ImageRefused as err:
        warnings.append(f"photo not used: {err}")
        return None
    alt = CAPTION_RE.sub("", s.caption or "").strip().rstrip("。") or title
    return write_stage.Photo(sent.data, info, alt, s.caption, s.credit)


# What the draft must keep of a submission, character for character: Han, Latin letters and
# digits (spaces and punctuation the house rule may change: kfq.house_style).
_COUNTED = re.compile(f"[{HAN}A-Za-z0-9]")


def _lost(doc: Document, s: Structured, article: Article) -> str:
    """Han characters, letters and digits of the submission found nowhere in the draft (nor in
    its report)."""
    sent = Counter(_COUNTED.findall("".join(p.text for p in doc.paras)))
    kept = [article.kicker or "", article.subtitle or "", *article.bylines, article.body]
    if s.title_basis in ("style", "label", "layout") and not article.provisional:
        kept.append(article.title)
    kept += [s.caption or "", s.credit_raw or "", *(t for texts in s.kept_out.values() for t in texts)]
    got = Counter(_COUNTED.findall("".join(kept)))
    missing = sent - got
    return "".join(ch * n for ch, n in sorted(missing.items()))[:60]

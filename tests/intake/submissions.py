"""Real submissions for the intake's tests: Word files written with python-docx in the shapes
contributors send (title as first paragraph or in the Title style, byline before or after,
an inline photo with its caption below, tracked changes, hidden text, a comment), converted
by LibreOffice into .doc and .odt; GB18030 text; emails with attachments."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from PIL import Image


@dataclass
class Piece:
    """What a test submission holds, as the test expects the draft to read it."""

    title: str
    paragraphs: list[str]
    kicker: str | None = None
    subtitle: str | None = None
    byline: str | None = None  # as written, e.g. 通讯员 王晓明
    byline_after: bool = False
    title_style: bool = True
    headings: dict[int, str] = field(default_factory=dict)  # before paragraph i: a bold heading
    caption: str | None = None  # 图为……
    credit: str | None = None  # the photographer's name
    indent: bool = True  # the contributor types two full-width spaces before each paragraph


def photo_bytes(width: int = 1200, height: int = 800, gps: bool = True) -> bytes:
    """A JPEG like a phone's: a gradient with detail, carrying EXIF with a GPS position."""
    im = Image.new("RGB", (width, height))
    px = im.load()
    for x in range(0, width, 4):
        for y in range(0, height, 4):
            c = ((x * 7) % 256, (y * 5) % 256, ((x + y) * 3) % 256)
            for dx in range(4):
                for dy in range(4):
                    if x + dx < width and y + dy < height:
                        px[x + dx, y + dy] = c
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    if gps:
        exif[0x8825] = {1: "N", 2: (37.0, 52.0, 12.0), 3: "E", 4: (112.0, 33.0, 5.0)}
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90, exif=exif)
    return buf.getvalue()


def write_docx(piece: Piece, path: Path, photo: bytes | None = None) -> Path:
    """The piece as a contributor's Word file."""
    d = docx.Document()
    if piece.kicker:
        d.add_paragraph(piece.kicker)
    if piece.title_style:
        d.add_paragraph(piece.title, style="Title")
    else:
        d.add_paragraph(piece.title)
    if piece.subtitle:
        d.add_paragraph("——" + piece.subtitle)
    if piece.byline and not piece.byline_after:
        d.add_paragraph(piece.byline)
    for i, text in enumerate(piece.paragraphs):
        if i in piece.headings:
            run = d.add_paragraph().add_run(piece.headings[i])
            run.bold = True
        p = d.add_paragraph()
        lines = [text[k : k + 25] for k in range(0, len(text), 25)] or [""]
        run = p.add_run(("\u3000\u3000" if piece.indent else "") + lines[0])
        for line in lines[1:]:  # the contributor's soft line breaks (Shift+Enter)
            run.add_break()
            run = p.add_run(line)
        if i == 0 and photo is not None:
            pic = d.add_paragraph()
            pic.add_run().add_picture(io.BytesIO(photo), width=Pt(300))
            if piece.caption:
                credit = f"（{piece.credit} 摄）" if piece.credit else ""
                d.add_paragraph(piece.caption + credit)
    if piece.byline and piece.byline_after:
        d.add_paragraph(piece.byline)
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


def add_revisions(path: Path, inserted: str, deleted: str, hidden: str, comment: str) -> None:
    """Add to the first paragraph of text a tracked insertion and deletion, a hidden run and a
    comment (python-docx writes none of them: the XML is built here)."""
    d = docx.Document(str(path))
    target = next(p for p in d.paragraphs if len(p.text) > 40)
    p = target._p

    def run(text: str, tag: str = "w:t") -> OxmlElement:
        r = OxmlElement("w:r")
        t = OxmlElement(tag)
        t.set(qn("xml:space"), "preserve")
        t.text = text
        r.append(t)
        return r

    ins = OxmlElement("w:ins")
    ins.set(qn("w:id"), "901")
    ins.set(qn("w:author"), "编辑")
    ins.set(qn("w:date"), "2024-05-01T10:00:00Z")
    ins.append(run(inserted))
    p.append(ins)
    dele = OxmlElement("w:del")
    dele.set(qn("w:id"), "902")
    dele.set(qn("w:author"), "编辑")
    dele.set(qn("w:date"), "2024-05-01T10:00:00Z")
    dele.append(run(deleted, "w:delText"))
    p.append(dele)
    hid = run(hidden)
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:vanish"))
    hid.insert(0, rpr)
    p.append(hid)
    d.add_comment(target.runs[0], text=comment, author="编辑")
    d.save(str(path))


def convert(path: Path, fmt: str) -> Path:
    """The Word file converted by LibreOffice (fmt: doc or odt), beside it."""
    filters = {"doc": "doc:MS Word 97", "odt": "odt:writer8"}
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                shutil.which("soffice") or "soffice",
                f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                filters[fmt],
                "--outdir",
                str(Path(tmp, "out")),
                str(path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        out = path.with_suffix("." + fmt)
        shutil.copy(Path(tmp, "out", path.stem + "." + fmt), out)
    return out


def write_eml(
    path: Path, sender: str, address: str, subject: str, body: str, attachments: list[Path]
) -> Path:
    """An email as a mail program saves it, with the files attached."""
    import datetime as dt

    msg = EmailMessage()
    msg["From"] = f"{sender} <{address}>"
    msg["To"] = "kfjzsk@163.com"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(dt.datetime(2024, 5, 6, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    msg.set_content(body)
    types = {
        ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ".jpg": ("image", "jpeg"),
        ".doc": ("application", "msword"),
        ".txt": ("text", "plain"),
        ".gif": ("image", "gif"),
    }
    for a in attachments:
        main, sub = types[a.suffix]
        msg.add_attachment(a.read_bytes(), maintype=main, subtype=sub, filename=a.name)
    path.write_bytes(bytes(msg))
    return path

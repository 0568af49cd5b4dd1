"""Submitted files → Documents: .docx read with python-docx, .doc/.wps/.odt through LibreOffice,
.txt in UTF-8 or GB18030, .eml with the standard library's email (body, attachments, sender).

Only the accepted text of a Word document becomes text: inserted revisions are kept, deleted
ones, hidden text and comments never are, and the document gets a warning saying so.
"""

from __future__ import annotations

import datetime as dt
import difflib
import email
import email.policy
import email.utils
import io
import zipfile
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from kfq.importer.decode import decode
from kfq.importer.errors import UndecodableFile
from kfq.intake import office
from kfq.intake.errors import UnreadableSubmission
from kfq.intake.model import Document, Para, Photo, Sender

DOCX = (".docx",)
CONVERTED = (".doc", ".wps", ".odt", ".rtf", ".wpt", ".dot")  # LibreOffice turns these into .docx
TEXT = (".txt",)
MAIL = (".eml",)
IMAGES = (".jpg", ".jpeg", ".png", ".webp")
SUFFIXES = DOCX + CONVERTED + TEXT + MAIL

_W_P, _W_TBL, _W_R, _W_T = qn("w:p"), qn("w:tbl"), qn("w:r"), qn("w:t")
_W_TR, _W_TC = qn("w:tr"), qn("w:tc")
_W_TAB, _W_BR, _W_CR = qn("w:tab"), qn("w:br"), qn("w:cr")
_W_DRAWING, _W_PICT, _W_OBJECT = qn("w:drawing"), qn("w:pict"), qn("w:object")
# Revision marks whose content is not in the accepted text: deleted and moved-away runs.
# mc:Fallback repeats a drawing (and its text box) for old readers: read once, from mc:Choice.
_GONE = {
    qn("w:del"),
    qn("w:moveFrom"),
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
}
_REVISION = {qn("w:ins"), qn("w:del"), qn("w:moveFrom"), qn("w:moveTo")}
_HIDDEN = {qn("w:vanish"), qn("w:specVanish")}
_A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_V_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
_R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_OFF = ("0", "false", "off")


def read(path: Path) -> list[Document]:
    """The submissions in one file (an email may carry several); raises UnreadableSubmission."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise UnreadableSubmission(str(path), "no such file", "give the path of a saved submission")
    reader = _READERS.get(suffix)
    if reader is None:
        raise UnreadableSubmission(
            str(path),
            f"'{suffix or path.name}' is not a format the intake reads",
            f"save it as one of {', '.join(SUFFIXES)}",
        )
    return reader(path.read_bytes(), path.name)


def read_docx(data: bytes, name: str) -> list[Document]:
    """A Word document's paragraphs (tables' cells included, in order) and inline images."""
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as e:
        raise UnreadableSubmission(
            name,
            f"cannot be opened as a Word document ({_why_not_word(e)})",
            "ask the contributor to open it in Word or WPS and save it as .docx",
        ) from e
    doc = Document(name)
    styles = _paragraph_styles(document)
    seen = {"revisions": 0, "hidden": 0}
    body = document.element.body
    for p in body.iter(_W_P):
        if _inside_gone(p):
            continue
        text, images, bold = _paragraph_text(p, seen)
        photo = None
        for rid in images:
            part = document.part.related_parts.get(rid)
            if part is None or not getattr(part, "blob", None):
                continue
            doc.photos.append(Photo(part.blob, Path(str(part.partname)).name))
            photo = len(doc.photos) - 1 if photo is None else photo
        style_id = p.pPr.pStyle.val if p.pPr is not None and p.pPr.pStyle is not None else None
        doc.paras.append(Para(text, styles.get(style_id or "", ""), bold, photo))
    if seen["revisions"]:
        doc.warnings.append(
            f"tracked changes: {seen['revisions']} revision(s) — the draft holds the accepted text "
            "only (insertions kept, deletions dropped); compare it with the author's file"
        )
    if seen["hidden"]:
        doc.warnings.append(f"hidden text: {seen['hidden']} run(s) left out of the draft")
    tables = [t for t in body.iter(_W_TBL) if not _inside_gone(t)]
    if tables:
        # Each cell's text is kept, in reading order, as a paragraph of its own: nothing is
        # lost, but the rows and columns are, and whether the table belongs in the article
        # (or is a form, or layout) is the editor's call.
        shapes = ", ".join(f"{len(t.findall(_W_TR))}×{_columns(t)}" for t in tables)
        doc.warnings.append(
            f"table(s) ({shapes}, rows × columns): each cell became a paragraph of the draft — lay "
            "them out again as a Markdown table (| 指标 | 增速 |) or as sentences, or delete them"
        )
    comments = [rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/comments")]
    if comments or body.find(f".//{qn('w:commentReference')}") is not None:
        doc.warnings.append("comments: the document carries comments; they are not part of the draft")
    return [doc]


def _columns(table) -> int:
    """The most cells any row of a table has."""
    return max((len(row.findall(_W_TC)) for row in table.iter(_W_TR)), default=0)


def _why_not_word(e: Exception) -> str:
    """python-docx's refusal in an editor's words."""
    text = str(e)
    if "spreadsheetml" in text:
        return "it is a spreadsheet saved under a Word name"
    if "presentationml" in text:
        return "it is a presentation saved under a Word name"
    if isinstance(e, zipfile.BadZipFile | PackageNotFoundError):
        return "it is no Word file: damaged, empty, or another program's file under this name"
    return "its parts are damaged or missing"


def _paragraph_styles(document: docx.document.Document) -> dict[str, str]:
    """Style id → title, subtitle or heading, by the style's name or the style it is based on."""
    out: dict[str, str] = {}
    for style in document.styles:
        kind, seen = "", style
        for _ in range(5):  # a custom style based on Title is a title
            name = (getattr(seen, "name", "") or "").lower()
            if name == "title" or name == "标题":
                kind = "title"
            elif name == "subtitle" or name == "副标题":
                kind = "subtitle"
            elif name.startswith("heading") or name.startswith("标题 "):
                kind = "heading"
            seen = getattr(seen, "base_style", None)
            if kind or seen is None:
                break
        if kind and style.style_id:
            out[style.style_id] = kind
    return out


def _inside_gone(el: etree._Element) -> bool:
    return any(a.tag in _GONE for a in el.iterancestors())


def _paragraph_text(p: etree._Element, seen: dict[str, int]) -> tuple[str, list[str], bool]:
    """The accepted, visible text of one paragraph, its images' relationship ids, and whether
    every visible character is bold. Soft line breaks join (a contributor's line ends)."""
    parts: list[str] = []
    images: list[str] = []
    bold_all, any_text = True, False
    for el in p.iter():
        if el.tag in _REVISION and el is not p:
            seen["revisions"] += 1
        if el.tag == _W_P and el is not p:
            continue  # a text box's paragraph is read as its own paragraph
        run = el if el.tag == _W_R else None
        if el.tag in (_W_T, _W_TAB, _W_BR, _W_CR, _W_DRAWING, _W_PICT, _W_OBJECT):
            if _nested_paragraph(el, p) or _inside_gone(el):
                continue
            run = el.getparent()
            hidden = run is not None and _run_hidden(run)
            if hidden:
                if el.tag == _W_T and (el.text or "").strip():
                    seen["hidden"] += 1
                continue
            if el.tag == _W_T:
                parts.append(el.text or "")
                if (el.text or "").strip():
                    any_text = True
                    bold_all = bold_all and run is not None and _run_bold(run)
            elif el.tag == _W_TAB:
                parts.append(" ")
            elif el.tag in (_W_BR, _W_CR):
                parts.append("\n")
            else:
                for blip in el.iter(_A_BLIP, _V_IMAGEDATA):
                    rid = blip.get(_R_EMBED) or blip.get(_R_ID)
                    if rid:
                        images.append(rid)
    return "".join(parts), images, bold_all and any_text


def _nested_paragraph(el: etree._Element, p: etree._Element) -> bool:
    for a in el.iterancestors():
        if a is p:
            return False
        if a.tag == _W_P:
            return True
    return False


def _run_props(run: etree._Element) -> etree._Element | None:
    return run.find(qn("w:rPr")) if run.tag == _W_R else None


def _run_hidden(run: etree._Element) -> bool:
    rpr = _run_props(run)
    return rpr is not None and any(
        c.tag in _HIDDEN and c.get(qn("w:val"), "1").lower() not in _OFF for c in rpr
    )


def _run_bold(run: etree._Element) -> bool:
    rpr = _run_props(run)
    if rpr is None:
        return False
    b = rpr.find(qn("w:b"))
    return b is not None and b.get(qn("w:val"), "1").lower() not in _OFF


def read_converted(data: bytes, name: str) -> list[Document]:
    """.doc, .wps, .odt (and other Writer formats): converted to .docx by LibreOffice, then read."""
    converted = office.to_docx(data, name)
    return [_renamed(d, name) for d in read_docx(converted, name)]


def _renamed(doc: Document, name: str) -> Document:
    doc.name = name
    return doc


def read_text(data: bytes, name: str) -> list[Document]:
    """A plain text: UTF-8 or GB18030 (the importer's decoder), one paragraph a line."""
    try:
        page = decode(data, name)
    except UndecodableFile as e:
        raise UnreadableSubmission(name, "is not UTF-8 or GB18030 text", "save it as UTF-8 text") from e
    doc = Document(name)
    doc.paras = [Para(line) for line in page.text.split("\n")]
    return [doc]


def read_mail(data: bytes, name: str) -> list[Document]:
    """An email: each attached document is a submission; attached images are its photos; a
    mail with no document attached is its own submission (the body's text)."""
    msg = email.message_from_bytes(data, policy=email.policy.default)
    # Any bytes parse as a message (all body): a saved email has its headers.
    if not isinstance(msg, EmailMessage) or not any(msg[h] for h in ("From", "Date", "Message-ID")):
        raise UnreadableSubmission(name, "is not an email", "save the message as .eml from the mail program")
    sender = _sender(msg)
    received = _date(msg)
    subject = str(msg["Subject"] or "").strip()
    docs: list[Document] = []
    photos: list[Photo] = []
    skipped: list[str] = []
    failed: list[UnreadableSubmission] = []
    for part in msg.iter_attachments():
        filename = part.get_filename() or ""
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        suffix = Path(filename).suffix.lower()
        if suffix in IMAGES or part.get_content_maintype() == "image":
            photos.append(Photo(payload, filename or f"image.{part.get_content_subtype()}"))
        elif suffix in _READERS and suffix not in MAIL:
            try:
                found = _READERS[suffix](payload, f"{name}/{filename}")
            except UnreadableSubmission as e:
                failed.append(e)  # the mail's other documents are still read
                continue
            for doc in found:
                doc.name = f"{name}/{filename}"
                docs.append(doc)
        else:
            skipped.append(filename or part.get_content_type())
    if failed and not docs:
        raise failed[0]
    if not docs:
        body = msg.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        doc = Document(name)
        doc.paras = [Para(line) for line in str(text).replace("\r\n", "\n").split("\n")]
        docs.append(doc)
    docs[0].errors += [str(e) for e in failed]
    owners = pair_photos([Path(d.name).stem for d in docs], [Path(p.name).stem for p in photos])
    unpaired = [p for p, owner in zip(photos, owners, strict=True) if owner is None]
    for i, doc in enumerate(docs):
        doc.sender, doc.received, doc.subject = sender, received, subject
        # Its own photos first: the draft takes the first (kfq.intake.structure).
        doc.photos.extend(p for p, owner in zip(photos, owners, strict=True) if owner == i)
        doc.photos.extend(unpaired)
        if skipped:
            doc.warnings.append(f"attachments not read: {', '.join(skipped)}")
        if len(docs) > 1 and unpaired:
            names = ", ".join(p.name for p in unpaired)
            doc.warnings.append(
                f"the email carries {len(docs)} documents and image(s) whose names match none of "
                f"them ({names}): each draft got those; keep each photo with its own article"
            )
    return docs


# The shortest run of characters two file names share that pairs a photo with a document.
PAIRING_RUN = 2


def pair_photos(documents: list[str], photos: list[str]) -> list[int | None]:
    """For each photo's file name (without suffix), the index of the document it belongs to,
    or None. One document takes every photo; among several, a photo goes to the document
    whose name shares the longest run of characters with its own (稿件1.docx, 稿件1配图.jpg),
    of at least PAIRING_RUN and longer than any other document's: a contributor who sends two
    articles in one email names their pictures after them, and a tie is not guessed."""
    if len(documents) == 1:
        return [0] * len(photos)
    owners: list[int | None] = []
    for photo in photos:
        runs = [_longest_run(photo.casefold(), d.casefold()) for d in documents]
        best = max(runs, default=0)
        owners.append(runs.index(best) if best >= PAIRING_RUN and runs.count(best) == 1 else None)
    return owners


def _longest_run(a: str, b: str) -> int:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match().size


def _sender(msg: EmailMessage) -> Sender | None:
    header = msg["From"]
    addresses = getattr(header, "addresses", ()) if header is not None else ()
    if addresses:
        a = addresses[0]
        return Sender(str(a.display_name or "").strip(), str(a.addr_spec or "").strip())
    name, address = email.utils.parseaddr(str(header or ""))
    return Sender(name, address) if address else None


def _date(msg: EmailMessage) -> dt.date | None:
    try:
        when = email.utils.parsedate_to_datetime(str(msg["Date"]))
    except (TypeError, ValueError):
        return None
    return when.date() if when else None


_READERS: dict[str, Callable[[bytes, str], list[Document]]] = {
    **dict.fromkeys(DOCX, read_docx),
    **dict.fromkeys(CONVERTED, read_converted),
    **dict.fromkeys(TEXT, read_text),
    **dict.fromkeys(MAIL, read_mail),
}

"""LibreOffice headless: a Writer file (.doc, .wps, .odt …) converted to .docx.

Each conversion runs with its own user profile (`-env:UserInstallation`) in a temporary
folder: soffice refuses to start while another instance holds the profile, so two intakes (or
an intake and `invoke contributors --pdf`) at once would otherwise fail.

LibreOffice tells formats by their bytes, not their names: its Word 97 type claims both `.doc`
and `.wps` (Kingsoft WPS Writer saves Word 97 binaries, OLE compound files, under `.wps`;
Microsoft Works' `.wps` goes to libwps), see `writer_MS_Word_97` in share/registry/writer.xcd.
But a file it recognises as nothing is opened as plain text and "converted" all the same, so
the bytes are checked first: a file that is no document LibreOffice reads is refused here.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from kfq.intake.errors import UnreadableSubmission

TIMEOUT = 180  # seconds: a first start of LibreOffice on a busy machine takes a while

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: Word 97, Kingsoft WPS, Works
ZIP = b"PK\x03\x04"  # OpenDocument, or a .docx sent under an old name
RTF = b"{\\rtf"
# What each name may hold, as files are really sent: Word and WPS save .doc as Word 97, as
# RTF, as a zipped .docx, or as HTML (web systems' "Word export"); .odt is a zip.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".doc": (OLE, ZIP, RTF, b"<"),
    ".dot": (OLE, ZIP, RTF),
    ".wps": (OLE,),
    ".wpt": (OLE,),
    ".odt": (ZIP,),
    ".rtf": (RTF,),
}


def readable(data: bytes, name: str) -> bool:
    """Whether the bytes are a document LibreOffice reads as what the name says."""
    signatures = SIGNATURES.get(Path(name).suffix.lower())
    if signatures is None:
        return True
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")  # HTML may start with a BOM or a blank line
    return any(head.startswith(s) for s in signatures)


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_docx(data: bytes, name: str) -> bytes:
    """The file's bytes converted to .docx; raises UnreadableSubmission."""
    kind = "a WPS Writer" if Path(name).suffix.lower() in (".wps", ".wpt") else "a word-processor"
    if not readable(data, name):
        raise UnreadableSubmission(
            name,
            f"is not {kind} document LibreOffice can read (its bytes are no known format: "
            "damaged, or another program's file under this name)",
            "ask the contributor to open it in WPS or Word and save it as .docx",
        )
    program = soffice()
    if program is None:
        raise UnreadableSubmission(
            name,
            "needs LibreOffice to be read, and it is not installed",
            "run `make setup` (Debian's libreoffice-writer-nogui), or save the file as .docx",
        )
    with tempfile.TemporaryDirectory(prefix="kfq-intake-") as tmp:
        folder = Path(tmp)
        source = folder / ("in" + Path(name).suffix.lower())
        source.write_bytes(data)
        profile = (folder / "profile").as_uri()
        try:
            result = subprocess.run(
                [
                    program,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "docx:MS Word 2007 XML",
                    "--outdir",
                    str(folder / "out"),
                    str(source),
                ],
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as e:
            raise UnreadableSubmission(
                name, f"LibreOffice did not convert it within {TIMEOUT} s", "save it as .docx and try again"
            ) from e
        out = folder / "out" / "in.docx"
        if result.returncode != 0 or not out.exists():
            raise UnreadableSubmission(
                name,
                f"LibreOffice could not read it as {kind} document{_reason(result.stderr)}",
                "ask the contributor to open it in WPS or Word and save it as .docx",
            )
        return out.read_bytes()


def _reason(stderr: bytes) -> str:
    """LibreOffice's error in an editor's words, as ' (…)' (its other output is start-up noise)."""
    text = stderr.decode("utf-8", "replace")
    if "impl_store" in text:  # it opened the file, but as a spreadsheet or slides: no .docx
        return " (it holds a spreadsheet or slides, not a text)"
    if "could not be loaded" in text:
        return " (the file is damaged or cut short)"
    return ""

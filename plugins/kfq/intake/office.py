"""LibreOffice headless: a Writer file (.doc, .wps, .odt …) converted to .docx.

Each conversion runs with its own user profile (`-env:UserInstallation`) in a temporary
folder: soffice refuses to start while another instance holds the profile, so two intakes (or
an intake and `invoke contributors --pdf`) at once would otherwise fail.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from kfq.intake.errors import UnreadableSubmission

TIMEOUT = 180  # seconds: a first start of LibreOffice on a busy machine takes a while


def soffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_docx(data: bytes, name: str) -> bytes:
    """The file's bytes converted to .docx; raises UnreadableSubmission."""
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
            detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip()[:200]
            raise UnreadableSubmission(
                name,
                f"LibreOffice could not read it{': ' + detail if detail else ''}",
                "open it in Word or WPS and save it as .docx",
            )
        return out.read_bytes()

"""Office files to PDF with LibreOffice, as the office prints and emails them."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from kfq.yearend.errors import PdfFailed

INSTALL = "install LibreOffice (Debian: libreoffice-writer-nogui libreoffice-calc-nogui; `make setup` does)"


def soffice() -> str:
    """The LibreOffice command, or PdfFailed saying how to install it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise PdfFailed(f"LibreOffice (soffice) is not on PATH — {INSTALL}")
    return found


def to_pdf(files: Sequence[Path], profile: Path | None = None, timeout: float = 300) -> list[Path]:
    """Convert files to PDF, each beside its source; return the PDFs in files' order.

    LibreOffice runs headless with a profile of its own (profile, or a fresh temporary one),
    so two conversions at once, or an office suite open on the desktop, never clash.
    """
    command = soffice()
    by_folder: dict[Path, list[Path]] = {}
    for f in files:
        by_folder.setdefault(Path(f).parent, []).append(Path(f))
        Path(f).with_suffix(".pdf").unlink(missing_ok=True)  # a stale PDF must not pass for new
    with tempfile.TemporaryDirectory(prefix="kfq-soffice-") as tmp:
        user = Path(profile) if profile else Path(tmp)
        for folder, group in by_folder.items():
            args = [
                command,
                f"-env:UserInstallation={user.resolve().as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                *map(str, group),
            ]
            try:
                done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)
            except subprocess.TimeoutExpired as e:
                raise PdfFailed(
                    f"LibreOffice took over {timeout:.0f} s converting {folder} — try again"
                ) from e
            missing = [f for f in group if not f.with_suffix(".pdf").exists()]
            if done.returncode or missing:
                raise PdfFailed(
                    f"LibreOffice could not convert {', '.join(f.name for f in missing) or 'the files'} "
                    f"to PDF ({(done.stderr or done.stdout).strip()[:300]}) — open the file in "
                    "LibreOffice to see why, or run without --pdf"
                )
    return [Path(f).with_suffix(".pdf") for f in files]

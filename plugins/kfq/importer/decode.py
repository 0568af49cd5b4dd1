"""Bytes of a seed file → normalised text: UTF-8 (BOM or not) or GB18030/GBK, detected."""

from __future__ import annotations

import re

from kfq.importer.errors import UndecodableFile
from kfq.importer.model import Page
from kfq.text import looks_like_chinese

# Spaces that text extraction leaves in Chinese pages. U+3000 at the start of a line is the
# paragraph indent of print: it becomes two ASCII spaces so lines.py can still see it.
_ODD_SPACES = re.compile("[\u00a0\u2002-\u200a\u202f\u205f\t]")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")
_LEADING_IDEOGRAPHIC = re.compile("^\u3000+", re.MULTILINE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(raw: bytes, name: str) -> Page:
    """The page's text with line ends, spaces and indents normalised; raises UndecodableFile."""
    text, encoding = _to_text(raw, name)
    return Page(name=name, text=normalise(text), encoding=encoding)


def normalise(text: str) -> str:
    """LF line ends, ASCII spaces for NBSP and U+3000, no invisible characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _INVISIBLE.sub("", text)
    text = _LEADING_IDEOGRAPHIC.sub(lambda m: "  " * len(m.group(0)), text)
    text = text.replace("\u3000", " ")
    return _ODD_SPACES.sub(" ", text)


def _to_text(raw: bytes, name: str) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return _strict(raw[3:], "utf-8", name), "utf-8-sig"
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            return _strict(raw[2:], codec, name), codec
    try:
        return _checked(raw.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = f"byte 0x{raw[e.start]:02x} at offset {e.start} is not UTF-8"
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        raise UndecodableFile(name, f"{utf8_error}, nor GB18030/GBK{_guess(raw)}") from None
    if not _looks_chinese(text):
        raise UndecodableFile(name, f"{utf8_error}; read as GB18030 it is not Chinese prose{_guess(raw)}")
    return _checked(text, name), "gb18030"


def _strict(raw: bytes, codec: str, name: str) -> str:
    try:
        return _checked(raw.decode(codec), name)
    except UnicodeDecodeError as e:
        raise UndecodableFile(
            name, f"it starts with a {codec} byte-order mark but byte {e.start} is not {codec}"
        ) from None


def _checked(text: str, name: str) -> str:
    if _CONTROL.search(text):
        raise UndecodableFile(name, "it contains control characters, so it is not a text file")
    return text


def _looks_chinese(text: str) -> bool:
    return not _CONTROL.search(text) and looks_like_chinese(text)


def _guess(raw: bytes) -> str:
    # charset_normalizer only names the likely encoding for the message; deciding stays strict.
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - installed with the project
        return ""
    best = from_bytes(raw[:20000]).best()
    return f" (it looks like {best.encoding})" if best and best.encoding else ""

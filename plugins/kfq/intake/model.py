"""The records the intake's stages hand on: a read document, its paragraphs and photos."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Para:
    """A paragraph as the document holds it (accepted text only), with what its form says."""

    text: str
    style: str = ""  # title, subtitle or heading when a Word/Writer style says so
    bold: bool = False  # every character of it is bold (a contributor's section heading)
    photo: int | None = None  # index in Document.photos of an image placed in this paragraph


@dataclass(frozen=True)
class Photo:
    """An image sent with a submission: inline in the document or attached to the email."""

    data: bytes
    name: str  # file name as sent, or the image part's name inside the document


@dataclass(frozen=True)
class Sender:
    """Who sent an email: display name and address."""

    name: str
    address: str


@dataclass
class Document:
    """One submission read from its file: paragraphs in order, photos, and what was noticed."""

    name: str  # the submitted file (an email's attachment as `mail.eml/稿件.docx`)
    paras: list[Para] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # files sent with it that could not be read
    sender: Sender | None = None
    received: dt.date | None = None
    subject: str = ""

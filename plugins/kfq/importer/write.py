"""Article → Markdown file with the front-matter of design §2; never clobbers an editor's edit.

Each file carries `content_hash`, the hash of everything else in it as the importer wrote it.
A file whose text no longer matches its hash was changed by an editor and is left alone unless
forced. Rendering is deterministic, so importing the same page twice writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from kfq.house_style import tidy
from kfq.importer.decisions import doubts
from kfq.importer.model import Article, Paragraph
from kfq.text import HAN

HASH_FIELD = "content_hash"
_HASH_LINE = re.compile(rf"^{HASH_FIELD}:.*\n", re.MULTILINE)
# A paragraph that starts like Markdown syntax would stop being a paragraph.
# A paragraph's start that Markdown would read as a heading, quote, list item, rule or
# definition. A backslash escapes only punctuation: 1\. (not \1.); ':' has none.
_BLOCK_START = re.compile(r"#|>|[-+*](?=\s|$)|-(?:\s*-){2,}\s*$")
_NUMBERED = re.compile(r"^(\d+)([.)])(?=\s|$)")
_DEFINITION = re.compile(r":(?=\s|$)")

# Text YAML reads back unchanged as a plain scalar: it starts with a Han character, “ or 《 (so it
# is no number, date, boolean or indicator) and holds no ': ', ' #', quote or line break;
# inside a flow list, no comma or bracket either.
_PLAIN_RE = re.compile(rf"^[{HAN}\u201c\u300a][^\n\r'\"#:\t]*(?<![\s])$")
_PLAIN_IN_FLOW_RE = re.compile(rf"^[{HAN}\u201c\u300a][^\n\r'\"#:\t,\[\]{{}}]*(?<![\s])$")

# Slugs and status words: plain unless YAML 1.1 reads them as booleans or null.
_ASCII_WORD_RE = re.compile(r"^[a-z][a-z0-9-]*$")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}

CREATED, UPDATED, UNCHANGED, SKIPPED = "created", "updated", "unchanged", "skipped"
LEFT_DELETED = "left deleted"  # an editor deleted the file: the import does not bring it back


@dataclass(frozen=True)
class Written:
    """What happened to one article's file."""

    path: Path
    outcome: str  # created, updated, unchanged, skipped (an editor changed it), left deleted


def leading_fields(article: Article) -> list[tuple[str, object]]:
    """The front-matter's first fields, in the contract's order: headline, people, zones,
    topics, theme and genre (an imported page and a submission alike)."""
    fields: list[tuple[str, object]] = [("title", article.title)]
    if article.kicker:
        fields.append(("kicker", article.kicker))
    if article.subtitle:
        fields.append(("subtitle", article.subtitle))
    fields += [
        ("authors", list(article.authors)),
        ("zones", list(article.zones)),
        ("topics", list(article.topics)),
    ]
    if article.theme:
        fields.append(("theme", article.theme))
    if article.genre:
        fields.append(("genre", article.genre))
    return fields


def render(article: Article) -> str:
    """The article's file: YAML front-matter (design §2 order) and the Markdown body."""
    fields = leading_fields(article)
    if article.date:
        fields.append(("date", article.date))
    if article.date and article.date_basis:
        fields.append(("date_basis", article.date_basis))
    if article.date:  # printed in the issue of that date (content/data/issues.yaml)
        fields.append(("issue", article.date))
        if article.page:
            fields.append(("page", article.page))
        if article.position:
            fields.append(("position", article.position))
    open_doubts = doubts(article)
    fields += [
        ("slug", article.slug),
        ("source", article.source),
        # Nothing the importer was unsure of reaches readers: an open doubt keeps it a draft.
        ("status", "published" if article.date and not open_doubts else "draft"),
    ]
    if open_doubts:
        fields.append(("doubts", open_doubts))
    unhashed = f"---\n{front_matter(fields)}---\n\n{markdown_body(article.paragraphs)}\n"
    return unhashed.replace("\n---\n", f"\n{HASH_FIELD}: {content_hash(unhashed)}\n---\n", 1)


def front_matter(fields: list[tuple[str, object]]) -> str:
    """The lines of a front-matter block (without its --- lines), values written as the
    importer writes them (plain Chinese, read back unchanged); the intake writes its drafts
    with it too."""
    return "".join(_field(k, v) for k, v in fields)


def markdown_body(paragraphs: list[Paragraph]) -> str:
    """Paragraphs and ## headings separated by blank lines, none read as other Markdown."""
    return "\n\n".join(_paragraph(p.text, p.heading) for p in paragraphs)


def content_hash(text: str) -> str:
    """Hash of a file's text without its content_hash line."""
    return "sha256:" + hashlib.sha256(_HASH_LINE.sub("", text).encode("utf-8")).hexdigest()[:16]


def edited(text: str) -> bool:
    """Whether a file the importer wrote was changed since (or carries no hash at all)."""
    m = re.search(rf"^{HASH_FIELD}:\s*(\S+)\s*$", text, re.MULTILINE)
    return m is None or m.group(1) != content_hash(text)


def path_for(article: Article, dest: Path) -> Path:
    """content/articles/YYYY/<slug>.md (the pipeline imports no article without a date)."""
    if article.date is None:
        raise ValueError(f"{article.source}: an article without a date has no folder")
    return dest / str(article.date.year) / f"{article.slug}.md"


def write(article: Article, dest: Path, force: bool = False) -> Written:
    """Write the article unless an editor changed the file since the last import."""
    text = render(article)
    path = path_for(article, dest)
    # The same article imported before under another year (the manifest's date changed).
    old = [p for p in sorted(dest.glob(f"*/{article.slug}.md")) if p != path]
    existing = path if path.exists() else (old[0] if old else None)
    if existing is not None:
        current = existing.read_text(encoding="utf-8")
        if existing == path and current == text:
            return Written(path, UNCHANGED)
        if edited(current) and not force:
            return Written(existing, SKIPPED)
        if existing != path:
            existing.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return Written(path, UPDATED if existing is not None else CREATED)


def _field(name: str, value: object) -> str:
    if name == "doubts":  # one doubt a line, so an editor reads and deletes them one by one
        return f"{name}:\n" + "".join(f"  - {_scalar(v)}\n" for v in value)  # type: ignore[attr-defined]
    return f"{name}: {_scalar(value)}\n"


def _scalar(value: object) -> str:
    # Most values are Chinese text that YAML reads back as it is: written plain, or in single
    # quotes, without PyYAML's emitter (which took a third of an import's time). What is
    # neither (control characters, odd spaces), PyYAML quotes.
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.isprintable():
        if _PLAIN_RE.match(value) or (_ASCII_WORD_RE.match(value) and value.lower() not in _YAML_WORDS):
            return value
        if not value.isascii():
            return "'" + value.replace("'", "''") + "'"
    if isinstance(value, list) and all(
        isinstance(v, str) and v.isprintable() and _PLAIN_IN_FLOW_RE.match(v) for v in value
    ):
        return "[" + ", ".join(value) + "]"
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000)
    dumped = dumped.removesuffix("\n...\n").strip()
    if yaml.safe_load(f"k: {dumped}")["k"] != value:  # a control character or an odd space
        dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, default_style='"')
        dumped = dumped.removesuffix("\n...\n").strip()
    return dumped


def _paragraph(text: str, heading: bool) -> str:
    text = tidy(text)  # the house rule for spaces and punctuation (kfq.house_style)
    if heading:
        return f"## {text}"
    return escape_start(text)


def escape_start(text: str) -> str:
    """A paragraph's text with its start escaped where Markdown would read it as block markup
    (# …, > …, - …, 1. …, : …), so the reader sees it as printed or typed."""
    if _BLOCK_START.match(text):
        return "\\" + text
    if _NUMBERED.match(text):
        return _NUMBERED.sub(r"\1\\\2", text, count=1)
    if _DEFINITION.match(text):
        return "&#58;" + text[1:]
    return text

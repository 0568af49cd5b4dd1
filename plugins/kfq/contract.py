"""The article front-matter contract (design §2) and its validation, all problems at once."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kfq.errors import Problem
from kfq.frontmatter import CONTROL_RE, ReadOnce, Source, read_source
from kfq.quick import stamp
from kfq.registers import Registers

REQUIRED = ("title", "authors", "date", "slug")
OPTIONAL = (
    "kicker",
    "subtitle",
    "zones",
    "topics",
    "theme",
    "genre",
    "source",
    "status",
    "modified",
    "summary",
    "image",
    "image_alt",
    # The photo's caption (图为……) and who took it (某某), shown as the paper prints them.
    "image_caption",
    "image_credit",
    "content_hash",
    # Written by the importer: its open review items (drafts only), and why the date is an
    # estimate (the date is then shown as 约2024年5月, never as a printed day).
    "doubts",
    "date_basis",
    # Where the article was printed, from the issue register (content/data/issues.yaml): the
    # issue's date, the page (版次) when known, and its place on the page (1 = first printed).
    "issue",
    "page",
    "position",
)
FIELDS = REQUIRED + OPTIONAL
STATUSES = ("published", "draft")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The hint `invoke new` writes into the body; a published article must not keep it.
SCAFFOLD_HINT = "（在这里写正文"
STR_TAG = "tag:yaml.org,2002:str"
# What YAML reads a value written without quotes as, in an editor's words.
KINDS = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "yes/no (true/false)",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:null": "nothing",
    "tag:yaml.org,2002:seq": "a list",
    "tag:yaml.org,2002:map": "a group of fields",
}
# Fields of text on one line, and text that may run over several (summary is Markdown).
LINE_FIELDS = (
    "kicker",
    "subtitle",
    "source",
    "image",
    "image_alt",
    "image_caption",
    "image_credit",
    "content_hash",
)
# A title the importer or an editor left to be written: 【标题待定】…, 【待定】, 标题待定, TBD.
PLACEHOLDER_RE = re.compile(
    r"^\s*(?:【[^】]*待定[^】]*】|[\[（(]?\s*(?:标题)?待定(?:标题)?\s*[\]）)]?\s*$|(?:tbd|todo|xxx)\b)|标题待定|待定标题",
    re.IGNORECASE,
)
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$")


@dataclass
class Checked:
    """An article file with its parsed fields and the problems found in it."""

    source: Source
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def parse_date(value: Any) -> dt.date | None:
    """The date a front-matter value stands for, or None when it is not a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and DATE_RE.match(value.strip()):
        try:
            return dt.datetime.fromisoformat(value.strip().replace(" ", "T")).date()
        except ValueError:
            return None
    return None


def _nearest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.4)
    return f"did you mean '{close[0]}'? " if close else ""


class _Checker:
    """Collects the problems of one article; one method per field."""

    def __init__(self, src: Source, shown: str, registers: Registers):
        self.src, self.shown, self.reg = src, shown, registers
        self.meta = src.meta
        self.problems: list[Problem] = []

    def add(self, name: str, message: str, fix: str = "") -> None:
        self.problems.append(Problem(self.shown, self.src.line(name), name, message, fix))

    def run(self) -> list[Problem]:
        for name in self.meta:
            if name not in FIELDS:
                self.add(
                    name, "unknown field", f"{_nearest(name, FIELDS)}the fields are: {', '.join(FIELDS)}"
                )
        for name in REQUIRED:
            if name not in self.meta:
                example = {
                    "authors": "authors: [李恒松]  (or [] when unsigned)",
                    "date": "date: 2024-05-05",
                }.get(name, f"{name}: …")
                self.add(name, "required field is missing", f"add `{example}` to the front-matter")
        self.controls()
        self.text("title", required=True)
        for name in LINE_FIELDS:
            self.text(name)
        self.text("summary", one_line=False)
        self.placeholder_title()
        self.doubts()
        self.date_basis()
        if str(self.meta.get("subtitle") or "").startswith("—"):
            self.add("subtitle", "starts with a dash", "write the subtitle without the leading ——")
        self.authors()
        self.zones()
        self.topics()
        date = self.date()
        self.modified()
        self.call_fields(date)
        self.printed_in(date)
        self.slug()
        self.status()
        self.image()
        if not self.src.body.strip() and self.meta.get("status", "published") == "published":
            self.problems.append(
                Problem(
                    self.shown,
                    self.src.body_line,
                    "body",
                    "the article has no text",
                    "write the article below the closing '---', or set status: draft",
                )
            )
        if SCAFFOLD_HINT in self.src.body and self.meta.get("status", "published") == "published":
            line = self.src.body_line + self.src.body[: self.src.body.index(SCAFFOLD_HINT)].count("\n")
            self.problems.append(
                Problem(
                    self.shown,
                    line,
                    "body",
                    "still holds the hint from `invoke new`",
                    "replace the text in （…） with the article",
                )
            )
        return self.problems

    @property
    def published(self) -> bool:
        return self.meta.get("status", "published") != "draft"

    def text(self, name: str, required: bool = False, one_line: bool = True) -> bool:
        """True when the field is absent or is text as the contract wants it."""
        if name not in self.meta:
            return True
        value = self.meta[name]
        tag = self.src.tags.get(name, STR_TAG)
        if value is None or (isinstance(value, str) and tag == STR_TAG and not value.strip()):
            if required:
                self.add(name, "is empty", f"write the {name} after `{name}:`")
            return not required
        if isinstance(value, list | dict):
            self.add(
                name,
                f"must be text, not {KINDS.get(tag, 'a list')}",
                f"write it on one line: `{name}: …` (quote it if it contains ': ')",
            )
            return False
        if not isinstance(value, str) or tag != STR_TAG:
            # A date stays as written (the loader keeps it as text); yes, 1e3 and the like do not.
            shown = value if isinstance(value, str) else "…"
            self.add(
                name,
                f"must be text, but YAML reads the value as {KINDS.get(tag, 'something else')}",
                f'put it in quotes: `{name}: "{shown}"`',
            )
            return False
        if one_line and "\n" in value.strip():
            self.add(name, "runs over several lines", f"write the {name} on one line")
            return False
        return True

    def controls(self) -> None:
        """Control characters written as YAML escapes ("\\x07"): invisible, and refused."""
        for name, value in self.meta.items():
            for item in value if isinstance(value, list) else [value]:
                found = CONTROL_RE.search(item) if isinstance(item, str) else None
                if found:
                    char = found.group()
                    self.add(
                        name,
                        f"holds an invisible control character (U+{ord(char):04X})",
                        "remove the escape (\\x.., \\u....) that writes it",
                    )
                    break

    def placeholder_title(self) -> None:
        title = self.meta.get("title")
        if self.published and isinstance(title, str) and PLACEHOLDER_RE.search(title):
            self.add(
                "title",
                f"'{title}' is a placeholder, not a headline",
                "write the real headline from the printed page, or keep status: draft",
            )

    def doubts(self) -> None:
        if "doubts" not in self.meta:
            return
        doubts = self.meta["doubts"]
        if doubts is not None and (
            not isinstance(doubts, list) or not all(isinstance(d, str) and d.strip() for d in doubts)
        ):
            self.add("doubts", "must be a list of texts", "write one `- doubt` per line, or remove the field")
        elif doubts and self.published:
            self.add(
                "doubts",
                f"a published article still has {len(doubts)} open doubt(s) from the import",
                "resolve them with `invoke review`, then set status: published",
            )

    def date_basis(self) -> None:
        basis = self.meta.get("date_basis")
        if "date_basis" in self.meta and self.text("date_basis") and not (basis or "").strip():
            self.add(
                "date_basis",
                "must say what the estimated date rests on",
                "write the evidence, or remove date_basis once the printed date is confirmed",
            )

    def modified(self) -> None:
        if "modified" in self.meta and parse_date(self.meta["modified"]) is None:
            self.add(
                "modified",
                f"'{self.meta['modified']}' is not a date",
                "write it as YYYY-MM-DD, e.g. 2024-05-05, or leave the field out",
            )

    def _list(self, name: str) -> list[Any] | None:
        value = self.meta.get(name)
        if value is None:
            return [] if name in self.meta or name != "authors" else None
        if not isinstance(value, list):
            self.add(
                name,
                f"must be a list, not {type(value).__name__}",
                f"write it in brackets: `{name}: [{value}]`",
            )
            return None
        for item in value:
            if not isinstance(item, str) or not item.strip():
                self.add(name, f"entry {item!r} is not a name", "write each entry as plain text")
                return None
        if len(set(value)) != len(value):
            self.add(name, "lists a name twice", "remove the repeated entry")
        return value

    def authors(self) -> None:
        if "authors" not in self.meta:
            return
        for name in self._list("authors") or []:
            if not self.reg.contributor_named(name):
                known = [n for c in self.reg.contributors for n in (c.name, *c.aliases)]
                self.add(
                    "authors",
                    f"'{name}' is not in the contributors register",
                    f"{_nearest(name, known)}add them to content/data/contributors.yaml "
                    "(name, role, zone) or correct the spelling",
                )

    def zones(self) -> None:
        seen: dict[str, str] = {}
        for name in self._list("zones") or []:
            zone = self.reg.zone_named(name)
            if not zone:
                self.add(
                    "zones",
                    f"unknown zone '{name}'",
                    f"{_nearest(name, self.reg.zone_spellings)}use a name from content/data/zones.yaml",
                )
            elif zone.name in seen:
                self.add(
                    "zones",
                    f"'{seen[zone.name]}' and '{name}' are the same zone ({zone.name})",
                    "list each zone once",
                )
            else:
                seen[zone.name] = name

    def topics(self) -> None:
        for name in self._list("topics") or []:
            if not self.reg.topic_named(name):
                self.add(
                    "topics",
                    f"unknown topic '{name}'",
                    f"{_nearest(name, [t.name for t in self.reg.topics])}"
                    "use a topic from content/data/topics.yaml",
                )

    def date(self) -> dt.date | None:
        if "date" not in self.meta:
            return None
        tag = self.src.tags.get("date", STR_TAG)
        date = parse_date(self.meta["date"]) if tag in (STR_TAG, "tag:yaml.org,2002:timestamp") else None
        if date is None:
            self.add(
                "date", f"'{self.meta['date']}' is not a date", "write it as YYYY-MM-DD, e.g. 2024-05-05"
            )
            return None
        folder = self.src.path.parent.name
        if re.fullmatch(r"\d{4}", folder) and int(folder) != date.year:
            self.add(
                "date",
                f"year {date.year} but the file is in articles/{folder}/",
                f"move the file to articles/{date.year}/ or correct the date",
            )
        return date

    def call_fields(self, date: dt.date | None) -> None:
        call = self.reg.call_for(date) if date else self.reg.latest_call
        for name, allowed in (
            ("theme", call.theme_names if call else ()),
            ("genre", call.genre_names if call else ()),
        ):
            value = self.meta.get(name)
            if value is None or not self.text(name):
                continue
            if value not in allowed:
                where = f"the {call.key} call ({call.title})" if call else "no call in content/data/calls/"
                choices = "、".join(allowed) if allowed else "none"
                self.add(
                    name,
                    f"'{value}' is not a {name} of {where}",
                    f"use one of: {choices}" + ("" if name == "genre" else "; or leave the field out"),
                )

    def printed_in(self, date: dt.date | None) -> None:
        """issue, page and position: where the register says the article was printed."""
        for name in ("page", "position"):
            value = self.meta.get(name)
            if name not in self.meta:
                continue
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                what = (
                    "the page's number (版次)" if name == "page" else "its place on the page, 1 for the first"
                )
                self.add(name, f"'{value}' is not a whole number", f"write {what}, e.g. `{name}: 3`")
            elif "issue" not in self.meta:
                self.add(
                    name, "is given without `issue:`", "add `issue: YYYY-MM-DD`, the issue it was printed in"
                )
        if "issue" not in self.meta:
            return
        tag = self.src.tags.get("issue", STR_TAG)
        value = self.meta["issue"]
        key = parse_date(value) if tag in (STR_TAG, "tag:yaml.org,2002:timestamp") else None
        if key is None:
            self.add("issue", f"'{value}' is not a date", "write the issue's date, YYYY-MM-DD")
            return
        issue = self.reg.issue_on(key)
        if issue is None:
            known = "、".join(i.key for i in self.reg.issues) or "none yet"
            self.add(
                "issue",
                f"no issue of {key.isoformat()} in the issue register",
                f"add it to content/data/issues.yaml, or correct the date (issues: {known})",
            )
            return
        if date is not None and date != issue.date:
            self.add(
                "issue",
                f"the article is dated {date.isoformat()} but its issue {issue.key}",
                "an article is dated as the issue it was printed in: make `date:` and `issue:` agree",
            )
        if issue.estimated and not self.meta.get("date_basis"):
            self.add(
                "issue",
                f"issue {issue.key} is dated by estimate in the register, but this article's date is not",
                "add the register's `date_basis:`, or confirm the date in content/data/issues.yaml first",
            )
        elif not issue.estimated and self.meta.get("date_basis"):
            self.add(
                "date_basis",
                f"issue {issue.key} is confirmed in the register, but this article's date is an estimate",
                "remove date_basis: the printed issue confirms the date",
            )
        page = self.meta.get("page")
        if isinstance(page, int) and not isinstance(page, bool) and page >= 1 and issue.page(page) is None:
            listed = "、".join(str(p.number) for p in issue.pages) or "none listed"
            self.add(
                "page",
                f"issue {issue.key} has no page {page} in the register (pages: {listed})",
                "add the page to the issue in content/data/issues.yaml, or correct the number",
            )

    def slug(self) -> None:
        slug = self.meta.get("slug")
        if slug is None or not self.text("slug"):
            return
        if not SLUG_RE.match(slug):
            self.add(
                "slug",
                f"'{slug}' is not a slug of lowercase ASCII words joined by '-'",
                "use `invoke new` to make one, or write pinyin like xiang-gao-er-pan",
            )
        elif self.src.path.stem != slug:
            self.add(
                "slug",
                f"'{slug}' differs from the file name '{self.src.path.name}'",
                f"rename the file to {slug}.md (a published slug never changes)",
            )

    def status(self) -> None:
        status = self.meta.get("status", "published")
        if "status" in self.meta and not self.text("status"):
            return
        if status not in STATUSES:
            self.add("status", f"'{status}' is not a status", "use published or draft")

    def image(self) -> None:
        image = self.meta.get("image")
        for name in ("image_alt", "image_caption", "image_credit"):
            if self.meta.get(name) and not image:
                self.add(name, "there is no image", "add `image: images/YYYY/<file>` or remove the field")
        if not image or not isinstance(image, str):
            return
        if not self.meta.get("image_alt"):
            self.add("image", "the image has no description", "add `image_alt: …` saying what it shows")
        problem = image_problem(image, self.src.path)
        if problem:
            self.add("image", *problem)


def image_problem(value: str, article: Path) -> tuple[str, str] | None:
    """What is wrong with an article's `image:` (a path under content/images/), or None."""
    from kfq.images import ImageRefused, inspect

    rel = Path(value.strip())
    if "://" in value or rel.is_absolute() or ".." in rel.parts or rel.parts[:1] != ("images",):
        return (
            f"'{value}' is not a file under content/images/",
            "put the photo in content/images/YYYY/ and write `image: images/YYYY/<file>`",
        )
    content = next((p.parent for p in article.parents if p.name == "articles"), None)
    if content is None:
        return None  # an article outside a content folder: nothing to find the image in
    path = content / rel
    if not path.is_file():
        return f"'{value}' does not exist in {content.name}/", "check the file name, or add the photo there"
    try:
        inspect(path.read_bytes(), value)
    except ImageRefused as e:
        message, _, fix = str(e).partition(" — ")
        return message.removeprefix(f"{value}: "), fix
    return None


def check_article(path: Path, registers: Registers, shown: str | None = None) -> Checked:
    """Every problem of one article file."""
    shown = shown or str(path)
    src, problems = read_source(path, shown)
    if not problems or src.meta:  # the fields were read (a field written twice is one problem)
        problems = sorted(problems + _Checker(src, shown, registers).run())
    return Checked(src, problems)


@dataclass
class Memo:
    """Articles an earlier check found valid, kept while neither they nor what they are
    checked against (the registers, this code: its `key`) changed.

    A file is known by its size and modification time; an entry holds the few fields the
    checks across files need. Files with problems are never kept: they are checked again.
    """

    key: str
    files: dict[str, list] = field(default_factory=dict)
    # Called before each file is looked up: the editors' build server stops a check of the
    # whole site there when a newer save is waiting (kfq.quick.Session.give_way).
    before_each: Callable[[], None] | None = field(default=None, compare=False)

    def recall(self, path: Path) -> Checked | None:
        """The earlier result for path when the file is unchanged, else None."""
        if self.before_each is not None:
            self.before_each()
        entry = self.files.get(str(path))
        if entry is None:
            return None
        try:
            st = path.stat()
        except OSError:
            return None
        mtime_ns, size, meta, lines = entry
        if (st.st_mtime_ns, st.st_size) != (mtime_ns, size):
            return None
        return Checked(Source(path, meta=meta, lines=lines), [])

    def keep(self, item: Checked) -> None:
        """Remember a valid article (an invalid one is forgotten, so it is checked again)."""
        key = str(item.source.path)
        if item.problems:
            self.files.pop(key, None)
            return
        try:
            st = item.source.path.stat()
        except OSError:
            return
        meta = {k: item.source.meta[k] for k in MEMO_FIELDS if k in item.source.meta}
        lines = {k: item.source.lines[k] for k in MEMO_FIELDS if k in item.source.lines}
        self.files[key] = [st.st_mtime_ns, st.st_size, meta, lines]


# What the checks across files and their callers read of a valid article kept in a Memo.
MEMO_FIELDS = ("slug", "status")


def check_articles(
    paths: Iterable[Path],
    registers: Registers,
    root: Path | None = None,
    memo: Memo | None = None,
    read: ReadOnce | None = None,
) -> list[Checked]:
    """Check many articles, including what only shows across files (a slug used twice).

    Paths in messages are shown relative to root when the file lies inside it. With a memo,
    files it knows unchanged are not read again, and the memo learns this check's results.
    With read, each file's source is kept there for the build's reader.
    """
    shown = _Shown(root)
    checked = []
    for path in sorted(paths):
        item = memo.recall(path) if memo is not None else None
        if item is None:
            before = stamp(path) if read is not None else None
            item = check_article(path, registers, shown(path))
            if memo is not None:
                memo.keep(item)
            if read is not None and not item.problems:
                read.keep(before, item.source)
        checked.append(item)
    owners: dict[str, Checked] = {}
    for item in checked:
        slug = item.source.meta.get("slug")
        if not isinstance(slug, str):
            continue
        if slug in owners:
            first = shown(owners[slug].source.path)
            item.problems.append(
                Problem(
                    shown(item.source.path),
                    item.source.line("slug"),
                    "slug",
                    f"'{slug}' is already used by {first}",
                    "give this article its own slug (and rename the file to match)",
                )
            )
            if memo is not None:
                memo.keep(item)
        else:
            owners[slug] = item
    if memo is not None:
        # Files deleted or moved since are forgotten.
        seen = {str(item.source.path) for item in checked}
        memo.files = {k: v for k, v in memo.files.items() if k in seen}
    return checked


class _Shown:
    """display_path for many files of few folders: each folder is resolved once."""

    def __init__(self, root: Path | None):
        self.root = Path(root).resolve() if root is not None else None
        self.folders: dict[Path, Path] = {}

    def __call__(self, path: Path) -> str:
        path = Path(path)
        if self.root is None:
            return str(path)
        folder = self.folders.get(path.parent)
        if folder is None:
            # abspath, not resolve(): a symlinked year folder is named as the editor sees it.
            folder = self.folders[path.parent] = Path(os.path.abspath(path.parent))
        try:
            return str((folder / path.name).relative_to(self.root))
        except ValueError:
            return str(path)


def display_path(path: Path, root: Path | None) -> str:
    """path relative to root when it lies inside it, else as given."""
    path = Path(path)
    if root is not None:
        try:
            return str(Path(os.path.abspath(path)).relative_to(Path(root).resolve()))
        except ValueError:
            pass
    return str(path)

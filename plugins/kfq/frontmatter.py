"""Read an article file: decode it, split the YAML front-matter, keep each field's line."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kfq.errors import FrontMatterTooLarge, Problem
from kfq.quick import stamp
from kfq.text import looks_like_chinese

# The same shape pelican-yaml-metadata accepts: optional blank lines, '---', the block,
# then '---' or '...' on a line of its own.
OPEN_RE = re.compile(r"\A(\s*\n)*---[ \t]*\n")
CLOSE_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


# libyaml's parser (CSafeLoader) reads a front-matter several times faster than PyYAML's
# pure-Python one, and its nodes carry the same line marks. Without libyaml: the Python one.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]  # a base chosen at import time
    """SafeLoader that leaves timestamps as text: 2023-13-45 must become a located problem
    from the date check, not a ValueError from deep inside PyYAML."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)


# Limits that keep a hostile front-matter from costing the build time and memory: an alias
# bomb (`a: &a [x, x]`, `b: &b [*a, *a]` …) is a few hundred bytes that expand without end.
MAX_BLOCK_BYTES = 64 * 1024
MAX_NODES = 10_000


def _expanded_size(node: yaml.Node, sizes: dict[int, int], busy: set[int]) -> int:
    """How many values node stands for with every alias written out (memoised: linear)."""
    key = id(node)
    if key in sizes:
        return sizes[key]
    if key in busy:  # an alias to an enclosing node: a structure that never ends
        raise FrontMatterTooLarge("an alias refers to the value that contains it")
    busy.add(key)
    total = 1
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            total += _expanded_size(child, sizes, busy)
            if total > MAX_NODES:
                break
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            total += _expanded_size(k, sizes, busy) + _expanded_size(v, sizes, busy)
            if total > MAX_NODES:
                break
    busy.discard(key)
    sizes[key] = total
    if total > MAX_NODES:
        raise FrontMatterTooLarge(
            f"it stands for more than {MAX_NODES:,} values once its aliases (*) are expanded"
        )
    return total


def _compose_and_load(block: str) -> tuple[yaml.Node | None, list, object]:
    """One parse of block: its node tree, its top-level (key, value) node pairs as written
    (for each field's line and type; taken before a `<<:` merge rewrites them) and the data
    built from it; FrontMatterTooLarge before anything is built from an alias bomb."""
    loader = _Loader(block)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [], None
        if "*" in block:  # only an alias (*name) can make a value stand for more than it shows
            _expanded_size(node, {}, set())
        pairs = list(node.value) if isinstance(node, yaml.MappingNode) else []
        return node, pairs, loader.construct_document(node)
    finally:
        loader.dispose()


# Characters no one types on purpose: C0 and C1 controls (tab and line feed aside), DEL, and
# the Unicode line and paragraph separators that break a headline in two on some readers.
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
FIELD_RE = re.compile(r"^([^\s:#][^:]*):")


def _control_characters(block: str, offset: int, shown: str) -> list[Problem]:
    """A problem for each line of the block that holds a control character."""
    problems: list[Problem] = []
    if not CONTROL_RE.search(block):  # one scan of the whole block in the usual case
        return problems
    for number, line in enumerate(block.split("\n"), start=offset + 1):
        found = CONTROL_RE.search(line)
        if found:
            key = FIELD_RE.match(line)
            problems.append(
                Problem(
                    shown,
                    number,
                    key.group(1).strip() if key else "front-matter",
                    f"holds an invisible control character (U+{ord(found.group()):04X})",
                    "retype the value on this line (it was probably pasted from another program)",
                )
            )
    return problems


ICONV_FIX = "convert it to UTF-8, e.g. `iconv -f GB18030 -t UTF-8 {name} > tmp.md && mv tmp.md {name}`"


@dataclass
class Source:
    """An article file read back: its fields, the file line of each, and its body."""

    path: Path
    meta: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    # Each field's YAML type as the file wrote it (tag:yaml.org,2002:str, …:int, …:timestamp):
    # `title: 2024-05-05` is loaded as text but was not written as text.
    tags: dict[str, str] = field(default_factory=dict)
    body: str = ""
    open_line: int = 1
    body_line: int = 1

    def line(self, name: str) -> int:
        """The file line of a field, or of the opening '---' when the field is absent."""
        return self.lines.get(name, self.open_line)


def decode(path: Path, raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text of raw, or a problem that says what the encoding is and how to convert."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        try:
            guess = raw.decode("gb18030")
        except UnicodeDecodeError:
            guess = ""
        if looks_like_chinese(guess):
            return None, [
                Problem(
                    shown,
                    line,
                    "encoding",
                    "file is GB18030/GBK-encoded, not UTF-8",
                    ICONV_FIX.format(name=path.name),
                )
            ]
        return None, [
            Problem(
                shown,
                line,
                "encoding",
                f"byte 0x{raw[e.start]:02x} is not UTF-8",
                "save the file as UTF-8 in your editor",
            )
        ]
    return text.removeprefix("\ufeff"), []


def read_source(path: Path, shown: str | None = None) -> tuple[Source, list[Problem]]:
    """Parse path's front-matter; problems name the file's own lines."""
    shown = shown or str(path)
    src = Source(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        return src, [Problem(shown, 1, "file", f"cannot be read ({e.strerror})", "check its permissions")]
    text, problems = decode(path, raw, shown)
    if text is None:
        return src, problems
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    opening = OPEN_RE.match(text)
    if not opening:
        return src, [
            Problem(
                shown,
                1,
                "front-matter",
                "the file does not start with a '---' line",
                "begin the file with '---', the fields, then '---' (see README)",
            )
        ]
    src.open_line = text[: opening.end()].count("\n")
    closing = CLOSE_RE.search(text, opening.end())
    if not closing:
        return src, [
            Problem(
                shown,
                src.open_line,
                "front-matter",
                "the '---' block is never closed",
                "add a line '---' after the last field",
            )
        ]
    block = text[opening.end() : closing.start()]
    rest = text[closing.end() :]
    src.body = rest.lstrip("\n")
    # The line the body's text starts on, past the blank lines after the closing '---'.
    src.body_line = text[: closing.end()].count("\n") + 1 + max(1, len(rest) - len(src.body))
    offset = src.open_line  # YAML counts lines from 0 inside the block
    if len(block.encode("utf-8")) > MAX_BLOCK_BYTES:
        return src, [
            Problem(
                shown,
                src.open_line,
                "front-matter",
                f"the block is larger than {MAX_BLOCK_BYTES // 1024} KB",
                "keep the fields short and put the text below the closing '---'",
            )
        ]
    controls = _control_characters(block, offset, shown)
    if controls:
        return src, controls
    try:
        node, pairs, data = _compose_and_load(block)
    except FrontMatterTooLarge as e:
        return src, [
            Problem(
                shown,
                src.open_line,
                "front-matter",
                f"YAML refused: {e}",
                "write each value out in full instead of using & anchors and * aliases",
            )
        ]
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = offset + (mark.line + 1 if mark else 1)
        reason = getattr(e, "problem", None) or str(e).splitlines()[0]
        context, context_mark = getattr(e, "context", None), getattr(e, "context_mark", None)
        if context and context_mark is not None:
            # PyYAML notices an unclosed [ or " lines later; say where it was opened.
            reason = f"{context} (from line {offset + context_mark.line + 1}): {reason}"
        return src, [
            Problem(
                shown,
                line,
                "front-matter",
                f"YAML cannot be read: {reason}",
                "check quotes, colons and indentation on this line; "
                "quote a value that contains ': ' or starts with [ { * & ! | > ' \" %",
            )
        ]
    if data is None:
        data = {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode | None):
        return src, [
            Problem(
                shown,
                offset + 1,
                "front-matter",
                "the block is not a list of 'field: value' lines",
                "write one 'field: value' per line",
            )
        ]
    problems = []
    for key_node, value_node in pairs:
        name = str(key_node.value)
        line = offset + key_node.start_mark.line + 1
        if name in src.lines:
            problems.append(
                Problem(
                    shown,
                    line,
                    name,
                    f"the field is written twice (first on line {src.lines[name]})",
                    "keep one of the two lines and delete the other",
                )
            )
            continue
        src.lines[name] = line
        src.tags[name] = value_node.tag
    src.meta = {str(k): v for k, v in data.items()}
    return src, problems


@dataclass
class ReadOnce:
    """What a build's check read, for the reader that reads the same files next: each article
    file is read, decoded and parsed once a build, not once by the check and again by Pelican.

    A source is handed over once, and only while its file is as it was before the check read
    it (its size, modification time and inode): a file saved during the build is read again.
    """

    kept: dict[str, tuple[tuple[int, int, int], Source]] = field(default_factory=dict)

    def keep(self, before: tuple[int, int, int] | None, src: Source) -> None:
        """Keep src, read from a file that was as `before` says when its reading began."""
        if before is not None:
            self.kept[os.path.abspath(src.path)] = (before, src)

    def take(self, path: str | os.PathLike[str]) -> Source | None:
        """The kept source of path (absolute, or relative to the working folder) when the file
        is unchanged since, else None; either way it is no longer kept."""
        entry = self.kept.pop(os.path.abspath(path), None)
        if entry is None or entry[0] != stamp(path):
            return None
        return entry[1]

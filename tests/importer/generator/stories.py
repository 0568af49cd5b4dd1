"""The articles the generator lays out: the seeds' truth and the articles written for it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
TRUTH = ROOT / "seeds" / "truth.json"
WRITTEN = HERE / "articles.yaml"
DATELINE_RE = re.compile(r"^(本刊讯|本报讯|科学导报讯)\s*")
GENRES = ("消息", "通讯", "评论")


@dataclass(frozen=True)
class Story:
    """An article to print: its parts as an editor reads them (truth.json's fields)."""

    key: str
    title: str | None
    paragraphs: tuple[str, ...]  # section headings included, in place, as truth.json has them
    headings: tuple[str, ...]
    zones: tuple[str, ...]
    genre: str
    kicker: str | None = None
    subtitle: str | None = None
    authors: tuple[str, ...] | None = None  # fixed (the seeds'); None: drawn for each page
    unknown_zone: str | None = None  # the zone it is about, when zones.yaml lacks it
    label: str | None = None  # a column label printed above the headline (【开发区观察】)
    seed: bool = False

    @property
    def dateline(self) -> str | None:
        m = DATELINE_RE.match(self.paragraphs[0]) if self.paragraphs else None
        return m.group(1) if m else None

    def is_heading(self, i: int) -> bool:
        """Whether paragraph i is a section heading (headings are printed in order)."""
        return self.paragraphs[i] in self.headings and self.paragraphs[i] not in self.paragraphs[:i]

    @property
    def zi(self) -> int:
        return sum(len(re.findall(r"[\u4e00-\u9fff]", p)) for p in self.paragraphs)


def _seed_stories() -> list[Story]:
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    out = []
    for n, a in enumerate(truth["articles"]):
        out.append(
            Story(
                key=f"seed{n:02d}",
                title=a["title"],
                paragraphs=tuple(a["paragraphs"]),
                headings=tuple(a["headings"]),
                zones=tuple(a["zones"]),
                genre=a["genre"],
                kicker=a.get("kicker"),
                subtitle=a.get("subtitle"),
                authors=tuple(a["authors"]),
                seed=True,
            )
        )
    return out


def _written_stories(path: Path = WRITTEN) -> list[Story]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for a in data["articles"]:
        paragraphs, headings = [], []
        for p in a["paragraphs"]:
            p = str(p).strip()
            if p.startswith("## "):
                p = p[3:].strip()
                headings.append(p)
            paragraphs.append(p)
        if a["genre"] not in GENRES:
            raise ValueError(f"{path}: {a['key']}: genre: {a['genre']!r} is not one of {GENRES}")
        out.append(
            Story(
                key=a["key"],
                title=a["title"],
                paragraphs=tuple(paragraphs),
                headings=tuple(headings),
                zones=tuple(a.get("zones") or ()),
                genre=a["genre"],
                kicker=a.get("kicker"),
                subtitle=a.get("subtitle"),
                unknown_zone=a.get("unknown_zone"),
                label=a.get("label"),
            )
        )
    return out


@cache
def stories() -> tuple[Story, ...]:
    """Every article the generator can print: the seeds' (fixed authors) then the written ones."""
    return tuple(_seed_stories() + _written_stories())


@cache
def captions() -> tuple[str, ...]:
    """What a photo shows, to caption it (图为 + the zone + this)."""
    data = yaml.safe_load(WRITTEN.read_text(encoding="utf-8"))
    return tuple(data["captions"])

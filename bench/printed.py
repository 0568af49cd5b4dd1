"""Printed-page seeds for timing the importer: kickers, headlines, datelines, bylines, columns."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

from bench.prose import Prose
from kfq.registers import Registers

COLUMN = 13  # characters per column line, as on the paper's narrow columns (seed 003)


def column_lines(paragraph: str, width: int) -> list[str]:
    """A paragraph broken into column lines, the way text extraction gives a printed column."""
    return [paragraph[i : i + width] for i in range(0, len(paragraph), width)]


def article_block(prose: Prose, registers: Registers, rng: random.Random, columns: bool) -> list[str]:
    zone = rng.choice(registers.zones)
    topic = rng.choice(registers.topics).name
    genre = rng.choice(("消息", "消息", "通讯"))
    lines: list[str] = []
    if rng.random() < 0.4:
        lines.append(zone.short[0] if zone.short else zone.name)  # the kicker above the headline
    lines.append(prose.title(zone.name, topic))
    if genre == "通讯":
        lines.append(f"——{zone.name}{topic}工作纪实")
    person = rng.choice(registers.contributors).name
    body = prose.body(genre, 800 if genre == "消息" else 1500, zone.name, topic, dateline=False)
    paragraphs = [p for p in body.split("\n\n")]
    paragraphs[0] = "本刊讯 " + paragraphs[0]
    byline_after = rng.random() < 0.6
    if byline_after:
        paragraphs[-1] += f"（{person}）"
    else:
        lines.append(f"本刊记者 {person}")
    for para in paragraphs:
        if para.startswith("## "):
            lines.append(para[3:])
        elif columns:
            lines += column_lines(para, COLUMN)
        else:
            lines.append(para)
    return lines


def write_pages(folder: Path, pages: int, prose: Prose, registers: Registers, seed: int = 8) -> list[Path]:
    """pages seed files and their manifest.yaml in folder, 2–3 articles a page."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    entries, paths = [], []
    monday = dt.date(2023, 4, 3)
    for n in range(pages):
        columns = rng.random() < 0.5
        lines: list[str] = []
        for _ in range(rng.choice((2, 3))):
            lines += [*article_block(prose, registers, rng, columns), ""]
        path = folder / f"{n:04d}_bench.txt"
        # Seeds separate extracted lines by blank lines; the importer reads that layout.
        path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
        date = monday + dt.timedelta(weeks=n // 4)
        entries.append(
            {"file": path.name, "publication": "《开发区建设》周刊", "date": date, "page": n % 4 + 1}
        )
    (folder / "manifest.yaml").write_text(
        yaml.safe_dump({"pages": entries}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return paths

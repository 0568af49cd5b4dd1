"""Write a bench corpus: a content folder of N valid articles and its own registers."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from bench.prose import Prose, real_sentences
from kfq.registers import Registers, load_registers
from kfq.slugs import slugify

ROOT = Path(__file__).resolve().parent.parent
GENRE_WEIGHTS = {"消息": 55, "通讯": 30, "评论": 15}
FIRST_YEAR, LAST_YEAR = 2016, 2025


@dataclass(frozen=True)
class Corpus:
    """Where a generated corpus lives, and what it holds."""

    root: Path
    articles: list[Path]

    @property
    def content(self) -> Path:
        return self.root / "content"


def write_data(data: Path, rng: random.Random, prose: Prose, registers: Registers, authors: int) -> None:
    """Copy the project's registers into data and add generated contributors (never content/data)."""
    shutil.copytree(ROOT / "content" / "data", data)
    path = data / "contributors.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    taken_names = {n for c in registers.contributors for n in (c.name, *c.aliases)}
    taken_slugs = {c.slug for c in registers.contributors}
    zones = list(registers.zones)
    added = 0
    while added < authors:
        zone = rng.choice(zones)
        if rng.random() < 0.1:
            county = zone.county or zone.city.removesuffix("市")
            name, role, affiliation = f"{county}融媒{added}", "机构", f"{county}融媒体中心"
        else:
            name, role, affiliation = prose.person(), "通讯员", f"{zone.name}管委会"
        if name in taken_names:
            continue
        # Explicit slugs: generated people often read alike (王伟 / 汪伟), as the register allows.
        slug = fresh_slug(slugify(name, registers.places), taken_slugs)
        taken_names.add(name)
        doc["contributors"].append(
            {
                "name": name,
                "aliases": [],
                "role": role,
                "zone": zone.name,
                "affiliation": affiliation,
                "slug": slug,
            }
        )
        added += 1
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def fresh_slug(base: str, taken: set[str]) -> str:
    """base, or base-2, base-3 …, added to taken (kfq.slugs.unique_slug copies the set: O(n²))."""
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def front_matter(fields: dict[str, object]) -> str:
    # JSON is YAML flow syntax: it quotes “”, ： and friends safely without a YAML dumper.
    lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items() if v is not None]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def generate(root: Path, articles: int, seed: int = 8) -> Corpus:
    """A fresh corpus of `articles` articles under root/content (root is emptied first)."""
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    base = load_registers(ROOT / "content" / "data")
    prose = Prose(rng, real_sentences(ROOT / "content" / "articles"), [z.name for z in base.zones])
    data = root / "content" / "data"
    write_data(data, rng, prose, base, authors=max(40, articles // 25))
    registers = load_registers(data)
    call = registers.latest_call
    genres = {g.name: g.target for g in call.genres} if call else {"消息": 800}
    themes = list(call.theme_names) if call else []
    people = [c for c in registers.contributors if c.role != "机构" or rng.random() < 0.5]
    by_zone: dict[str, list] = {}
    for c in people:
        by_zone.setdefault(c.zone or "", []).append(c.name)
    staff = [c.name for c in registers.contributors if c.is_staff] or [people[0].name]
    zones = [z.name for z in registers.zones]
    topics = [t.name for t in registers.topics]
    days = (dt.date(LAST_YEAR, 12, 31) - dt.date(FIRST_YEAR, 1, 1)).days
    slugs: set[str] = set()
    paths: list[Path] = []
    for _ in range(articles):
        # Zones follow a long tail: a few big zones get most coverage, as in the paper.
        picked = list(
            dict.fromkeys(rng.choices(zones, weights=range(len(zones), 0, -1), k=rng.choice((1, 1, 2, 3))))
        )
        topic = rng.sample(topics, rng.choice((1, 2, 2, 3)))
        genre = rng.choices(list(GENRE_WEIGHTS), weights=list(GENRE_WEIGHTS.values()))[0]
        genre = genre if genre in genres else next(iter(genres))
        date = dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(days=rng.randrange(days))
        local = by_zone.get(picked[0]) or staff
        authors = list(dict.fromkeys(rng.choice(local) for _ in range(rng.choice((1, 1, 2)))))
        if rng.random() < 0.15:
            authors = [rng.choice(staff)]
        title = prose.title(picked[0], topic[0])
        slug = fresh_slug(slugify(title, registers.places), slugs)
        fields = {
            "title": title,
            "kicker": picked[0] if rng.random() < 0.3 else None,
            "subtitle": f"{picked[0]}{topic[0]}工作纪实" if genre == "通讯" and rng.random() < 0.4 else None,
            "authors": authors,
            "zones": picked,
            "topics": topic,
            "theme": rng.choice(themes) if themes and rng.random() < 0.6 else None,
            "genre": genre,
            "date": date.isoformat(),
            "slug": slug,
            "status": "draft" if rng.random() < 0.01 else "published",
        }
        body = prose.body(genre, genres.get(genre, 1000), picked[0], topic[0])
        path = root / "content" / "articles" / str(date.year) / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(front_matter(fields) + body + "\n", encoding="utf-8")
        paths.append(path)
    return Corpus(root, paths)

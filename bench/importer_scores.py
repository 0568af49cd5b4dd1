"""`python -m bench.importer_scores --pages N --seed S [--dump DIR]`: the importer scored per field
on generated printed pages (tests/importer/generator), as `invoke import-seeds` reads a page."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kfq.importer import conserve, decode, enrich
from kfq.importer.corrections import correct_text
from kfq.importer.errors import ImporterError
from kfq.importer.model import Article
from kfq.importer.pipeline import read_page
from kfq.registers import Registers, load_registers
from tests.importer.generator import Generated, pages, stories

ROOT = Path(__file__).resolve().parent.parent

# field → the ways of printing it is broken down by
BREAKDOWN = {
    "articles found": ("placement", "column"),
    "title": ("placement", "title", "label", "column"),
    "bylines": ("byline",),
    "genre": ("genre",),
    "primary zone": ("placement",),
}
RESULTS = Path(__file__).resolve().parent / "importer_scores.json"
MATCH_MIN = 0.5  # Dice overlap of character pairs above which a found article is a truth article
WORST = 10
HAN_RE = re.compile(r"[\u4e00-\u9fff]")
# field → what counts as right (the README's "Importer scores" section says the same)
FIELDS = (
    "pages read without error",
    "articles found",
    "precision",
    "title",
    "kicker",
    "kicker (printed)",
    "subtitle",
    "subtitle (printed)",
    "bylines",
    "primary zone",
    "unknown zone flagged",
    "genre",
    "headings",
    "paragraph F1",
    "Han fidelity",
    "pages at fidelity 1.0",
    "running head read",
)


@dataclass
class Tally:
    """Right answers out of the cases of one field."""

    right: int = 0
    of: int = 0

    def add(self, ok: bool) -> None:
        self.right += bool(ok)
        self.of += 1

    @property
    def score(self) -> float | None:
        return self.right / self.of if self.of else None


@dataclass
class PageResult:
    """What went wrong on one page, for the list of worst pages."""

    name: str
    failures: list[str] = field(default_factory=list)
    fidelity: float = 1.0
    error: str = ""
    found: list[Article] = field(default_factory=list)


def pairs(text: str) -> Counter[str]:
    """The Han character pairs of a text, counted."""
    han = "".join(HAN_RE.findall(text))
    return Counter(han[i : i + 2] for i in range(len(han) - 1))


def overlap(a: Counter[str], b: Counter[str]) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def align(truth: list[dict], found: list[Article]) -> dict[int, int]:
    """truth index → found index, by the text they share (best pairs first), not by order."""
    tp = [pairs("".join(t["paragraphs"])) for t in truth]
    fp = [pairs("".join(p.text for p in a.paragraphs)) for a in found]
    scored = sorted(
        ((overlap(tp[i], fp[j]), i, j) for i in range(len(truth)) for j in range(len(found))), reverse=True
    )
    out: dict[int, int] = {}
    used: set[int] = set()
    for score, i, j in scored:
        if score < MATCH_MIN:
            break
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


class Scores:
    """The tallies over all pages, and each page's failures."""

    def __init__(self) -> None:
        self.t: dict[str, Tally] = {f: Tally() for f in FIELDS}
        self.tp = self.found_paragraphs = self.truth_paragraphs = 0
        self.fidelity: list[float] = []
        self.pages: list[PageResult] = []
        self.errors: Counter[str] = Counter()
        self.seconds = 0.0
        self.head_printed = 0
        self.rows: list[dict] = []  # one per truth article: how it was printed, what was right

    def page(self, g: Generated, registers: Registers) -> PageResult:
        result = PageResult(g.name)
        truth = g.truth["articles"]
        date = None
        started = time.perf_counter()
        try:
            page = decode.decode(g.raw, g.name)
            split, found = read_page(page.name, page.text, registers)
            given, got = conserve.han(page.text), conserve.accounted(split, found)
            taken: set[str] = set()
            for a in found:
                enrich.enrich(a, registers, date, taken)
                taken.add(a.slug)
        except ImporterError as e:  # documented: the page cannot be read; counts as nothing found
            result.error = f"{type(e).__name__}: {e}"
            self.errors[type(e).__name__] += 1
            split, found, given, got = None, [], Counter(HAN_RE.findall(g.text)), Counter()
        except Exception as e:  # noqa: BLE001 — a crash is a finding, not the end of the run
            result.error = f"crash {type(e).__name__}: {e}"
            self.errors[f"crash {type(e).__name__}"] += 1
            split, found, given, got = None, [], Counter(HAN_RE.findall(g.text)), Counter()
        self.seconds += time.perf_counter() - started
        self.t["pages read without error"].add(not result.error)
        result.found = found
        total = sum(given.values())
        lost, gained = sum((given - got).values()), sum((got - given).values())
        result.fidelity = max(0.0, 1 - (lost + gained) / total) if total else 1.0
        self.fidelity.append(result.fidelity)
        self.t["pages at fidelity 1.0"].add(lost == 0 and gained == 0)
        if lost or gained:
            result.failures.append(f"fidelity {result.fidelity:.4f} (lost {lost}, gained {gained})")
        if result.error:
            result.failures.append(result.error[:200])
        self._running_head(g, split, result)
        match = align(truth, found)
        matched = set(match.values())
        for j, a in enumerate(found):
            self.t["precision"].add(j in matched)
            if j not in matched:
                result.failures.append(f"extra article: {a.title[:30]!r} ({len(a.paragraphs)} paragraphs)")
            self.found_paragraphs += len(a.paragraphs)
        for i, t in enumerate(truth):
            a = found[match[i]] if i in match else None
            self._article(t, a, result)
        self.pages.append(result)
        return result

    def _running_head(self, g: Generated, split: object, result: PageResult) -> None:
        # The importer reads no running head yet; once its split carries issue_date/page_number
        # they are scored against what the head printed.
        if g.truth["date"] is None and g.truth["page"] is None:
            return
        self.head_printed += 1
        date = getattr(split, "issue_date", None)
        number = getattr(split, "page_number", None)
        if split is None or not hasattr(split, "issue_date"):
            return
        want_date, want_page = g.truth["date"], g.truth["page"]
        ok = (want_date is None or str(date) == want_date) and (want_page is None or number == want_page)
        self.t["running head read"].add(ok)
        if not ok:
            result.failures.append(f"running head: want {want_date} p{want_page}, got {date} p{number}")

    def _article(self, t: dict, a: Article | None, result: PageResult) -> None:
        before = {name: x.right for name, x in self.t.items()}
        self._judge(t, a, result)
        printed = t.get("printed", {})
        column = printed.get("column", 0)
        self.rows.append(
            {
                "placement": printed.get("placement"),
                "title": printed.get("title"),
                "label": printed.get("label"),
                "byline": printed.get("byline"),
                "genre": t["genre"],
                "column": "12–16" if column <= 16 else "17–22" if column <= 22 else "23–30",
                "ok": {name: self.t[name].right > before[name] for name in BREAKDOWN},
            }
        )

    def _judge(self, t: dict, a: Article | None, result: PageResult) -> None:
        where = f"[{t['key']}]"
        self.t["articles found"].add(a is not None)
        want_paragraphs = [correct_text(p)[0] for p in t["paragraphs"]]
        self.truth_paragraphs += len(want_paragraphs)
        if a is None:
            for f in ("title", "kicker", "subtitle", "bylines", "primary zone", "genre", "headings"):
                self.t[f].add(False)
            if t["kicker"]:
                self.t["kicker (printed)"].add(False)
            if t["subtitle"]:
                self.t["subtitle (printed)"].add(False)
            if t.get("unknown_zone"):
                self.t["unknown zone flagged"].add(False)
            result.failures.append(f"{where} not found: {(t['title'] or t['paragraphs'][0])[:30]!r}")
            return
        got_paragraphs = [p.text for p in a.paragraphs]
        self.tp += sum((Counter(want_paragraphs) & Counter(got_paragraphs)).values())
        if t["title"] is None:
            title_ok = a.provisional
        else:
            title_ok = not a.provisional and a.title == t["title"]
        self._check("title", title_ok, where, t["title"], a.title, result)
        self._check("kicker", a.kicker == t["kicker"], where, t["kicker"], a.kicker, result)
        if t["kicker"]:
            self.t["kicker (printed)"].add(a.kicker == t["kicker"])
        self._check("subtitle", a.subtitle == t["subtitle"], where, t["subtitle"], a.subtitle, result)
        if t["subtitle"]:
            self.t["subtitle (printed)"].add(a.subtitle == t["subtitle"])
        self._check("bylines", list(a.authors) == t["authors"], where, t["authors"], a.authors, result)
        unknown = t.get("unknown_zone")
        if unknown:
            flagged = any(r.kind == "zone" and unknown in f"{r.text} {r.message}" for r in a.review)
            ok = not a.zones and flagged
            self.t["unknown zone flagged"].add(ok)
            self._check("primary zone", ok, where, f"[] + review of {unknown}", a.zones[:1], result)
        else:
            self._check(
                "primary zone", a.zones[:1] == t["zones"][:1], where, t["zones"][:1], a.zones[:1], result
            )
        self._check("genre", a.genre == t["genre"], where, t["genre"], a.genre, result)
        headings = [p.text for p in a.paragraphs if p.heading]
        self._check("headings", headings == t["headings"], where, t["headings"], headings, result)
        missing = Counter(want_paragraphs) - Counter(got_paragraphs)
        if missing:
            first = next(iter(missing))
            result.failures.append(
                f"{where} paragraphs: {sum(missing.values())}/{len(want_paragraphs)} not found as printed, "
                f"e.g. {first[:40]!r}"
            )

    def _check(self, name: str, ok: bool, where: str, want: object, got: object, result: PageResult) -> None:
        self.t[name].add(ok)
        if not ok:
            result.failures.append(f"{where} {name}: want {_short(want)} got {_short(got)}")

    def table(self) -> dict[str, dict]:
        """field → right, of, score (paragraphs and fidelity as rates)."""
        out = {name: {"right": x.right, "of": x.of, "score": x.score} for name, x in self.t.items()}
        p = self.tp / self.found_paragraphs if self.found_paragraphs else 0.0
        r = self.tp / self.truth_paragraphs if self.truth_paragraphs else 0.0
        out["paragraph F1"] = {
            "right": self.tp,
            "of": self.truth_paragraphs,
            "score": 2 * p * r / (p + r) if p + r else 0.0,
            "precision": p,
            "recall": r,
        }
        out["Han fidelity"] = {
            "right": None,
            "of": len(self.fidelity),
            "score": sum(self.fidelity) / len(self.fidelity) if self.fidelity else None,
        }
        if not self.t["running head read"].of:
            out["running head read"]["note"] = (
                f"not read by the importer yet ({self.head_printed} pages print one)"
            )
        return out

    def breakdown(self) -> dict[str, dict[str, dict[str, list[int]]]]:
        """field → feature → value → [right, of]: which ways of printing a field fails on."""
        out: dict[str, dict[str, dict[str, list[int]]]] = {}
        for name, features in BREAKDOWN.items():
            for feature in features:
                cell = out.setdefault(name, {}).setdefault(feature, {})
                for row in self.rows:
                    right_of = cell.setdefault(str(row[feature]), [0, 0])
                    right_of[0] += row["ok"][name]
                    right_of[1] += 1
        return out

    def worst(self, n: int = WORST) -> list[PageResult]:
        return sorted(self.pages, key=lambda p: (-len(p.failures), p.fidelity, p.name))[:n]


def _short(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def markdown(rows: dict[str, dict]) -> str:
    """The table as bench/README.md shows it."""
    lines = ["| field | right | of | score |", "|---|---:|---:|---:|"]
    for name, row in rows.items():
        score = "n/a" if row["score"] is None else f"{row['score']:.3f}"
        right = "" if row["right"] is None else str(row["right"])
        note = f" ({row['note']})" if row.get("note") else ""
        lines.append(f"| {name}{note} | {right} | {row['of']} | {score} |")
    return "\n".join(lines)


def dump(folder: Path, generated: dict[str, Generated], worst: list[PageResult]) -> None:
    """The worst pages' text (as saved), their truth and what the importer read, for a look."""
    folder.mkdir(parents=True, exist_ok=True)
    index = ["# Worst pages\n"]
    for r in worst:
        g = generated[r.name]
        (folder / r.name).write_bytes(g.raw)
        stem = r.name.rsplit(".", 1)[0]
        (folder / f"{stem}.utf8.txt").write_text(g.text, encoding="utf-8")  # to read; the .txt is as saved
        (folder / f"{stem}.truth.json").write_text(
            json.dumps(g.truth, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        read = [
            {
                "title": a.title,
                "kicker": a.kicker,
                "subtitle": a.subtitle,
                "authors": a.authors,
                "zones": a.zones,
                "genre": a.genre,
                "paragraphs": [("## " if p.heading else "") + p.text for p in a.paragraphs],
                "review": [f"{x.kind}: {x.text} — {x.message}" for x in a.review],
            }
            for a in r.found
        ]
        (folder / f"{stem}.read.json").write_text(
            json.dumps(read, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        lay = g.layout
        index.append(
            f"## {r.name} — {len(r.failures)} failures; {g.layout.encoding}{' CRLF' if lay.crlf else ''}, "
            f"blank lines: {lay.blank}, head: {lay.running_head}, page number: {lay.page_number}\n"
        )
        for a in lay.articles:
            index.append(
                f"- {stories()[a.story].key}: column {a.column} em, headline {a.placement}/{a.box_at}, "
                f"title {a.title_set}, byline {a.byline} ({a.signers})"
            )
        index.append("")
        index += [f"- {f}" for f in r.failures]
        index.append("")
    (folder / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")


def score(n: int, seed: int, registers: Registers) -> tuple[Scores, dict[str, Generated]]:
    """The importer scored on n generated pages of a seed; `Scores.table()` gives the fields."""
    scores = Scores()
    generated: dict[str, Generated] = {}
    for g in pages(n, seed, registers):
        generated[g.name] = g
        scores.page(g, registers)
    return scores, generated


def write_pages(folder: Path, generated: dict[str, Generated]) -> None:
    """The pages as seed files with their manifest.yaml, for `invoke import-seeds --source`."""
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for name, g in generated.items():
        (folder / name).write_bytes(g.raw)
        date = g.truth["date"]
        entries.append(
            {
                "file": name,
                "publication": g.truth["publication"],
                "date": dt.date.fromisoformat(date) if date else None,
                "page": g.truth["page"],
            }
        )
    (folder / "manifest.yaml").write_text(
        yaml.safe_dump({"pages": entries}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m bench.importer_scores", description=__doc__)
    parser.add_argument("--pages", type=int, default=300, help="pages to generate (default 300)")
    parser.add_argument("--seed", type=int, default=1, help="the generator's seed (default 1)")
    parser.add_argument("--dump", type=Path, default=None, help="write the worst pages here")
    parser.add_argument(
        "--write",
        type=Path,
        default=None,
        help="also write every page and a manifest.yaml here (for invoke import-seeds --source)",
    )
    parser.add_argument(
        "--out", type=Path, default=RESULTS, help="the JSON results (default bench/importer_scores.json)"
    )
    args = parser.parse_args(argv)
    registers = load_registers(ROOT / "content" / "data")
    scores, generated = score(args.pages, args.seed, registers)
    articles = sum(len(g.truth["articles"]) for g in generated.values())
    rows = scores.table()
    worst = scores.worst()
    print(f"{args.pages} generated pages (seed {args.seed}), {articles} articles\n")
    print(markdown(rows))
    per_page = 1000 * scores.seconds / max(1, args.pages)
    print(f"\nimporter time: {per_page:.1f} ms a page (read_page + enrich)")
    if scores.errors:
        print("errors: " + ", ".join(f"{k} ×{v}" for k, v in scores.errors.most_common()))
    parts = scores.breakdown()
    print("\nby how it was printed (score, articles):")
    for name, features in parts.items():
        for feature, cells in features.items():
            shown = ", ".join(
                f"{value} {r / n:.2f} ({n})"
                for value, (r, n) in sorted(cells.items(), key=lambda c: c[1][0] / c[1][1])
            )
            print(f"- {name} by {feature}: {shown}")
    print(f"\nworst {len(worst)} pages:")
    for r in worst:
        print(f"- {r.name}: " + "; ".join(r.failures[:6]) + (" …" if len(r.failures) > 6 else ""))
    results = {
        "pages": args.pages,
        "seed": args.seed,
        "articles": articles,
        "fields": rows,
        "ms_per_page": round(per_page, 2),
        "errors": dict(scores.errors),
        "breakdown": parts,
        "worst": [{"page": r.name, "failures": r.failures} for r in worst],
    }
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.out}")
    if args.write:
        write_pages(args.write, generated)
        print(f"{len(generated)} pages and manifest.yaml written to {args.write}/")
    if args.dump:
        dump(args.dump, generated, worst)
        print(f"worst pages written to {args.dump}/ (index.md lists their failures)")
    return results


if __name__ == "__main__":
    main()

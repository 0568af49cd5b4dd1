"""Time `invoke intake` on a folder of generated submissions, as the 投稿邮箱 delivers them.

`.venv/bin/python -m bench.intake --submissions 100 [--seed 5]` writes N submissions into
/tmp/kfq-bench/intake/ (KFQ_BENCH_DIR moves it): Word files (half with an inline photo and
its caption), GB18030 texts, emails with a Word file and a photo attached, and .doc files
converted by LibreOffice; the bodies are bench.prose's (消息, 通讯, 评论 at the call's
lengths). It then runs the real command once over the folder, into a fresh content folder,
and records wall time, peak memory of the process tree (bench.measure) and the drafts written
in bench/intake.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.measure import run
from bench.prose import Prose, real_sentences
from kfq.registers import load_registers
from tests.intake.submissions import Piece, photo_bytes, write_docx, write_eml

ROOT = Path(__file__).resolve().parent.parent

KINDS = ("docx", "docx+photo", "docx", "docx+photo", "docx", "docx+photo", "txt", "txt", "eml", "doc")


def generate(folder: Path, n: int, seed: int, truth: dict[str, dict]) -> dict[str, int]:
    """n submissions in folder; returns how many of each kind, and fills truth by file name."""
    registers = load_registers(ROOT / "content" / "data")
    rng = random.Random(seed)
    prose = Prose(rng, real_sentences(ROOT / "content" / "articles"), [z.name for z in registers.zones])
    call = registers.latest_call
    targets = {g.name: g.target for g in call.genres} if call else {"消息": 800}
    photo = photo_bytes(1600, 1200)
    zones = [z.name for z in registers.zones]
    topics = [t.name for t in registers.topics]
    folder.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    to_doc: list[Path] = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        counts[kind] = counts.get(kind, 0) + 1
        genre = rng.choice(list(targets))
        zone, topic = rng.choice(zones), rng.choice(topics)
        body = prose.body(genre, targets[genre], zone, topic).split("\n\n")
        headings = {k: p[3:] for k, p in enumerate(body) if p.startswith("## ")}
        paragraphs = [p for p in body if not p.startswith("## ")]
        headings = {k - sum(1 for h in headings if h < k): t for k, t in headings.items()}
        piece = Piece(
            title=prose.title(zone, topic),
            paragraphs=paragraphs,
            byline=f"通讯员 {prose.person()}",
            byline_after=bool(i % 2),
            title_style=bool(i % 3),
            headings=headings,
            caption="图为项目建设现场。" if "photo" in kind or kind == "eml" else None,
            credit=prose.person() if "photo" in kind else None,
        )
        name = folder / f"稿件{i:03d}"
        suffix = {"txt": ".txt", "eml": ".eml", "doc": ".doc"}.get(kind, ".docx")
        truth[name.name + suffix] = {
            "title": piece.title,
            "author": (piece.byline or "").split()[-1],
            "paragraphs": paragraphs,
            "photo": "photo" in kind or kind == "eml",
        }
        if kind.startswith("docx"):
            write_docx(piece, name.with_suffix(".docx"), photo if "photo" in kind else None)
        elif kind == "doc":
            to_doc.append(write_docx(piece, folder / "doc-src" / f"稿件{i:03d}.docx"))
        elif kind == "txt":
            lines = [piece.title, piece.byline or "", *("\u3000\u3000" + p for p in paragraphs)]
            name.with_suffix(".txt").write_bytes("\r\n".join(lines).encode("gb18030"))
        else:
            piece.paragraphs = [*paragraphs, "图为项目建设现场。"]
            doc = write_docx(piece, folder / "mail-src" / f"稿件{i:03d}.docx")
            jpg = folder / "mail-src" / f"现场{i:03d}.jpg"
            jpg.write_bytes(photo)
            sender, address = prose.person(), f"zone{i}@example.com"
            note = "编辑老师好，稿件和照片见附件。"
            write_eml(name.with_suffix(".eml"), sender, address, f"投稿：{piece.title}", note, [doc, jpg])
    if to_doc:  # one LibreOffice run converts them all, as an editor's batch would
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                [shutil.which("soffice") or "soffice", f"-env:UserInstallation={Path(tmp).as_uri()}",
                 "--headless", "--convert-to", "doc:MS Word 97", "--outdir", str(folder), *map(str, to_doc)],
                check=True, capture_output=True, timeout=600,
            )  # fmt: skip
    for sub in ("doc-src", "mail-src"):
        shutil.rmtree(folder / sub, ignore_errors=True)
    return counts


def score(output: str, truth: dict[str, dict]) -> dict[str, int]:
    """How many drafts read each part right: title, byline, every paragraph, the photo."""
    import re

    from kfq.frontmatter import read_source

    right = {
        "title": 0,
        "byline": 0,
        "paragraphs": 0,
        "paragraphs, spaces aside": 0,
        "photo": 0,
        "nothing lost": 0,
    }
    for m in re.finditer(r"^(\S+\.md)  «.*?»  .*?\(from (?:(\S+?)\.eml/\S+|(\S+))\)$", output, re.M):
        name = f"{m.group(2)}.eml" if m.group(2) else m.group(3)
        want = truth.get(name)
        if want is None:
            continue
        src, _ = read_source(Path(m.group(1)))
        block = output[m.end() : output.find(".md  «", m.end())]
        right["title"] += src.meta.get("title") == want["title"]
        right["byline"] += want["author"] in (src.meta.get("authors") or []) or f"'{want['author']}'" in block
        got = [p for p in src.body.strip().split("\n\n") if not p.startswith("## ")]
        expected = [p for p in want["paragraphs"] if p != "图为项目建设现场。"]
        right["paragraphs"] += got == expected
        # A space the generator's line cut fell on is dropped with the line end (as the
        # indentation a contributor types is): the same paragraphs but for those spaces.
        right["paragraphs, spaces aside"] += [re.sub(r"\s", "", p) for p in got] == [
            re.sub(r"\s", "", p) for p in expected
        ]
        right["photo"] += bool(src.meta.get("image")) == want["photo"]
        right["nothing lost"] += "characters not in the draft" not in block
    return right


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=100)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    base = Path(os.environ.get("KFQ_BENCH_DIR", "/tmp/kfq-bench")) / "intake"
    shutil.rmtree(base, ignore_errors=True)
    truth: dict[str, dict] = {}
    counts = generate(base / "投稿", args.submissions, args.seed, truth)
    content = base / "content"
    shutil.copytree(ROOT / "content" / "data", content / "data")
    (content / "articles").mkdir(parents=True)
    measured = run(
        [sys.executable, "-m", "invoke", "intake", str(base / "投稿"), "--content", str(content)], cwd=ROOT
    )
    drafts = len(list((content / "articles").rglob("*.md")))
    photos = len(list((content / "images").rglob("*"))) if (content / "images").exists() else 0
    result = {
        "submissions": args.submissions,
        "kinds": counts,
        "drafts": drafts,
        "photos": sum(1 for p in (content / "images").rglob("*") if p.is_file()) if photos else 0,
        "right": score(measured.output, truth),
        "seconds": round(measured.seconds, 1),
        "per_submission_s": round(measured.seconds / max(1, args.submissions), 3),
        "peak_mb": round(measured.peak_mb, 1),
        "exit": measured.returncode,
        "load_average": os.getloadavg()[0],
    }
    (ROOT / "bench" / "intake.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(measured.output.splitlines()[-1] if measured.output else "")
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()

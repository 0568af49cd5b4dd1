"""Measure, in one run, Hugo + Pagefind, plain Pelican + Pagefind and our site on one corpus."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path

from pelican.tools.pelican_quickstart import render_jinja_template

from bench import hugo, measure
from bench.corpus import ROOT, Corpus, generate
from bench.estimate import extrapolate
from bench.loop import free_port, measure_saves
from bench.report import table
from bench.rounds import alternation, median_s, summary
from kfq.frontmatter import read_source
from kfq.search import pagefind_command

PYTHON = sys.executable
# The site under test: this checkout, or a copy with a proposed fix (KFQ_BENCH_SITE=/path).
SITE = Path(os.environ.get("KFQ_BENCH_SITE", ROOT)).resolve()
RESULTS = ROOT / "bench" / "results.json"
WORK = Path(os.environ.get("KFQ_BENCH_DIR", "/tmp/kfq-bench"))
ESTIMATED = 100_000
SIDES = ("hugo", "plain", "ours")
ARTICLE_GLOB = "articles/**/*.html"

# The plain baseline is what `pelican-quickstart` writes with its default answers (pagination
# of 10, feeds off while developing), in Chinese, and the one plugin that reads YAML
# front-matter. The article URLs are the one change: they put the article pages where
# Pagefind's glob finds them, as on our site and Hugo's (it changes no work of the build).
PLAIN_ANSWERS = {
    "author": "plain",
    "sitename": "plain",
    "timezone": "Asia/Shanghai",
    "lang": "zh-CN",
    "default_pagination": 10,
}
PLAIN_EXTRA = """
# Added by the bench: YAML front-matter, and article pages where Pagefind's glob looks.
PLUGINS = ["yaml_metadata"]
ARTICLE_URL = "articles/{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "articles/{date:%Y}/{date:%m}/{slug}/index.html"
"""


def write_plain_conf(path: Path) -> None:
    """The plain site's settings: pelican-quickstart's own template, rendered as it renders it."""
    render_jinja_template("pelicanconf.py.jinja2", {k: repr(v) for k, v in PLAIN_ANSWERS.items()}, str(path))
    with path.open("a", encoding="utf-8") as f:
        f.write(PLAIN_EXTRA)


def write_site_folder(root: Path) -> None:
    """Make root (holding the corpus' content/) a checkout of the site for `invoke`: the
    top-level settings and tasks copied (they find theme/ and output/ beside themselves),
    the theme and plugins linked."""
    for path in SITE.glob("*.py"):
        shutil.copy2(path, root / path.name)
    for name in ("theme", "plugins"):
        (root / name).symlink_to(SITE / name)


def pelican(out: str, conf: Path, *extra: str) -> list[str]:
    return [PYTHON, "-m", "pelican", "content", "-s", str(conf), "-o", out, *extra]


def invoke(*task: str) -> list[str]:
    return [PYTHON, "-m", "invoke", *task]


def edited_article(corpus: Corpus) -> Path:
    """The article the loop saves: the published one nearest the middle of the corpus."""
    middle = len(corpus.articles) // 2
    for path in corpus.articles[middle:] + corpus.articles[:middle]:
        if read_source(path)[0].meta.get("status") == "published":
            return path
    raise SystemExit("bench: the corpus has no published article")


def page_of(article: Path) -> Path:
    """The article's page under an output folder, the same on our site, Hugo's and plain."""
    meta = read_source(article)[0].meta
    year, month = str(meta["date"])[:7].split("-")
    return Path("articles", year, month, meta["slug"], "index.html")


class Bench:
    """Runs the steps of one corpus size, printing a progress line after each."""

    def __init__(self, articles: int, work: Path, repeats: int, saves: int):
        self.articles = articles
        self.repeats = repeats
        self.saves = saves
        self.root = work / str(articles)
        self.hugo_root = work / f"{articles}-hugo"
        self.runs: dict[str, list[measure.Measured]] = {}

    def step(self, key: str, label: str, command: list[str], cwd: Path, watch: str = "") -> None:
        print(f"- {label} …", flush=True)
        m = measure.run(command, cwd, watch=watch)
        if m.returncode != 0:
            print(m.output[-4000:], file=sys.stderr)
            raise SystemExit(f"bench: {label} failed with exit status {m.returncode}")
        inside = f"   (its {watch} step {m.step_s:.1f} s, peak {m.step_peak_mb:.0f} MB)" if watch else ""
        print(f"  {m.seconds:8.1f} s   peak {m.peak_mb:7.0f} MB{inside}", flush=True)
        self.runs.setdefault(key, []).append(m)

    def timed(self, label: str, work: Callable[[], object]) -> tuple[float, object]:
        print(f"- {label} …", flush=True)
        start = time.perf_counter()
        value = work()
        seconds = time.perf_counter() - start
        print(f"  {seconds:8.1f} s", flush=True)
        return seconds, value

    def side(self, name: str, n: int) -> None:
        """One cold run of a side: its output folder (and our content cache) removed first."""
        of = f" ({n}/{self.repeats})"
        if name == "hugo":
            public = self.hugo_root / "public"
            shutil.rmtree(public, ignore_errors=True)
            self.step(
                "hugo_build", f"hugo build{of}", hugo.build_command(self.hugo_root, public), self.hugo_root
            )
            self.step(
                "hugo_index",
                f"Pagefind over Hugo's article pages{of}",
                pagefind_command(public, ARTICLE_GLOB),
                self.hugo_root,
            )
        elif name == "plain":
            shutil.rmtree(self.root / "plain-output", ignore_errors=True)
            self.step(
                "plain_pelican",
                f"plain Pelican build{of}",
                pelican("plain-output", Path("plainconf.py")),
                self.root,
            )
            self.step(
                "plain_pagefind",
                f"Pagefind over plain Pelican's article pages{of}",
                pagefind_command(self.root / "plain-output", ARTICLE_GLOB, root_selector=None),
                self.root,
            )
        else:
            for folder in ("output", "cache"):
                shutil.rmtree(self.root / folder, ignore_errors=True)
            # `invoke build` as an editor runs it; its Pagefind child is timed in place.
            self.step(
                "site",
                f"invoke build (site, then search index){of}",
                invoke("build"),
                self.root,
                watch="pagefind",
            )

    def loops(self, corpus: Corpus, site: hugo.HugoSite) -> dict:
        """Ten saves (or --saves) under each watcher, ours then Hugo's, one session each."""
        article = edited_article(corpus)
        page = page_of(article)
        hugo_article = site.articles[corpus.articles.index(article)]
        out = {}
        for key, label in (("ours", "invoke livereload"), ("hugo", "hugo server --renderToDisk")):
            port = free_port()
            if key == "ours":
                for folder in ("output", "cache"):
                    shutil.rmtree(self.root / folder, ignore_errors=True)
                command, cwd, saved, dest = (
                    invoke("livereload", "--port", str(port)),
                    self.root,
                    article,
                    self.root / "output",
                )
            else:
                dest = self.hugo_root / "server-public"
                shutil.rmtree(dest, ignore_errors=True)
                command, cwd, saved = (
                    hugo.server_command(self.hugo_root, dest, port),
                    self.hugo_root,
                    hugo_article,
                )
            print(f"- {label}: {self.saves} saves of {article.name} …", flush=True)
            loop = measure_saves(
                command, cwd, port, saved, dest, page, self.saves, cwd / f"{key}-watcher.log"
            )
            print(
                f"  first build {loop.start_s:.1f} s; first save {loop.first_save_s:.2f} s; saves "
                + " ".join(f"{s:.2f}" for s in loop.saves)
                + f"; peak {loop.peak_mb:.0f} MB",
                flush=True,
            )
            out[key] = loop
        return out

    def run(self) -> dict:
        # Other work on a shared machine slows every step; the load shows how much to trust a run.
        load_before = os.getloadavg()
        generate_s, corpus = self.timed(
            f"generate {self.articles} articles in {self.root}", lambda: generate(self.root, self.articles)
        )
        write_plain_conf(self.root / "plainconf.py")
        write_site_folder(self.root)
        site = hugo.write_site(corpus.articles, corpus.content, self.hugo_root)
        order = alternation(SIDES, self.repeats)
        for i, name in enumerate(order):
            self.side(name, i // len(SIDES) + 1)
        loops = self.loops(corpus, site)
        self.step("check", "invoke check on the corpus", invoke("check"), self.root)
        return self.figures(loops, generate_s, load_before, order)

    def figures(self, loops: dict, generate_s: float, load_before: Sequence[float], order: list[str]) -> dict:
        hb, hi, pp, pf, site = (
            summary(self.runs[k])
            for k in ("hugo_build", "hugo_index", "plain_pelican", "plain_pagefind", "site")
        )
        ours, theirs = loops["ours"], loops["hugo"]
        save_to_page = median_s(ours.saves)
        memory = {
            "hugo_build": hb["peak_mb"],
            "hugo_index": hi["peak_mb"],
            "plain_pelican": pp["peak_mb"],
            "plain_pagefind": pf["peak_mb"],
            "site_build": site["rest_peak_mb"],
            "site_index": site["step_peak_mb"],
            "livereload": round(ours.peak_mb),
            "hugo_server": round(theirs.peak_mb),
        }
        return {
            "articles": self.articles,
            "plain_pelican_s": pp["seconds"],
            "plain_pagefind_s": pf["seconds"],
            "plain_peak_mb": max(pp["peak_mb"], pf["peak_mb"]),
            "site_build_s": site["rest_s"],
            "search_index_s": site["step_s"],
            # Kept from the first bench; now the save as an editor waits for it, watcher included.
            "one_edit_rebuild_s": save_to_page,
            "peak_mb": max(site["peak_mb"], memory["livereload"]),
            "hugo_build_s": hb["seconds"],
            "hugo_index_s": hi["seconds"],
            "hugo_peak_mb": max(hb["peak_mb"], hi["peak_mb"]),
            "build_with_index_s": site["seconds"],
            "save_to_page_s": save_to_page,
            "hugo_save_to_page_s": median_s(theirs.saves),
            "memory_mb": memory,
            "saves_s": {
                "ours": [round(s, 3) for s in ours.saves],
                "hugo": [round(s, 3) for s in theirs.saves],
            },
            "extra": {
                "livereload_first_build_s": round(ours.start_s, 2),
                "hugo_server_first_build_s": round(theirs.start_s, 2),
                "livereload_first_save_s": round(ours.first_save_s, 2),
                "hugo_server_first_save_s": round(theirs.first_save_s, 2),
                "check_s": summary(self.runs["check"])["seconds"],
                "generate_s": round(generate_s, 2),
                "repeats": self.repeats,
                "saves": self.saves,
                "order": order,
                "load_average": {
                    "before": [round(x, 2) for x in load_before],
                    "after": [round(x, 2) for x in os.getloadavg()],
                },
                "site": str(SITE),
                "machine": machine(),
            },
        }


def hugo_version() -> str:
    done = subprocess.run([hugo.hugo_executable(), "version"], capture_output=True, text=True, check=False)
    return done.stdout.split()[1] if done.stdout else "unknown"


def machine() -> dict:
    """Cores, memory and tool versions, for the README's table."""
    with open("/proc/meminfo", encoding="ascii") as f:
        total_kb = int(f.readline().split()[1])
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(total_kb / 2**20, 1),
        "python": sys.version.split()[0],
        "hugo": hugo_version(),
        **{name: metadata.version(name) for name in ("pelican", "pagefind", "markdown", "jinja2")},
    }


def combine(runs: list[dict]) -> dict:
    """results.json: the largest size's figures at the top (the keys the first bench had),
    the other sizes under `smaller_sizes`, and the 100,000 estimate when two sizes below it
    were run (it needs their growth: one size alone cannot tell start-up cost from growth)."""
    ordered = sorted(runs, key=lambda r: r["articles"])
    results = dict(ordered[-1])
    results["smaller_sizes"] = ordered[:-1]
    if len(ordered) > 1 and ordered[-1]["articles"] < ESTIMATED:
        results["estimate_100000"] = extrapolate(ordered, ESTIMATED)
    return results


def run(
    sizes: Sequence[int] = (10000,),
    repeats: int = 3,
    saves: int = 10,
    work: Path = WORK,
    results: Path | None = RESULTS,
) -> dict:
    """Measure every size in turn (each its own corpus), print the tables, write results.json.

    Timed builds run `repeats` times per side in alternation (their medians are kept); the
    editors' loop is `saves` saves under each watcher (median).
    """
    if repeats < 1 or saves < 1:
        raise SystemExit("bench: --repeats and --saves must be at least 1")
    figures = []
    for articles in sizes:
        figures.append(Bench(articles, work, repeats, saves).run())
        print()
        print(table(figures[-1]))
        print()
    combined = combine(figures)
    if results is not None:
        results.write_text(json.dumps(combined, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"written: {results}")
    return combined

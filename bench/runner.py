"""Measure, in one run, the plain tools and the project's builds over one generated corpus."""

from __future__ import annotations

import json
import os
import random
import runpy
import shlex
import shutil
import sys
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from bench import measure
from bench.corpus import ROOT, Corpus, generate
from bench.printed import write_pages
from bench.prose import Prose, real_sentences
from bench.report import table
from kfq.registers import load_registers
from kfq.search import pagefind_command
from kfq_quick.live import LIVE_SETTINGS, LiveServer, live_kfq

PYTHON = sys.executable
# The site under test: this checkout, or a copy with a proposed fix (KFQ_BENCH_SITE=/path).
SITE = Path(os.environ.get("KFQ_BENCH_SITE", ROOT)).resolve()
RESULTS = ROOT / "bench" / "results.json"
WORK = Path(os.environ.get("KFQ_BENCH_DIR", "/tmp/kfq-bench"))
IMPORT_PAGES = 1000
# Steps run once per round; the others (cold cache build, check, import) run once.
REPEATED = {"plain_pelican", "plain_pagefind", "site", "live_edit"}

# The plain baseline: Pelican's defaults and default theme, YAML front-matter read by the one
# plugin it needs. Only the language (so Pagefind segments Chinese with jieba, as for our
# site) and the article URLs (so Pagefind's glob picks the article pages) are set.
PLAIN_CONF = """\
SITENAME = "plain"
PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
DEFAULT_LANG = "zh-CN"
TIMEZONE = "Asia/Shanghai"
PLUGINS = ["yaml_metadata"]
ARTICLE_URL = "articles/{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "articles/{date:%Y}/{date:%m}/{slug}/index.html"
"""


def site_kfq() -> dict:
    """The KFQ setting of the site's pelicanconf.py."""
    # The project's own settings, read rather than copied, so the bench follows them.
    return runpy.run_path(str(SITE / "pelicanconf.py"))["KFQ"]


def pelican(out: str, conf: Path, *extra: str) -> list[str]:
    return [PYTHON, "-m", "pelican", "content", "-s", str(conf), "-o", out, *extra]


def livereload_arguments(cache: Path) -> list[str]:
    """The Pelican arguments of each save under `invoke livereload`, with tasks.py's own
    overrides (output kept, search off, only pages showing a changed article rendered)."""
    return [
        "content", "-s", str(SITE / "pelicanconf.py"), "-o", "live-output", "--cache-path", str(cache),
        "-e", *LIVE_SETTINGS, live_kfq(site_kfq()),
    ]  # fmt: skip


def site_build_command() -> list[str]:
    """`invoke build` (tasks.py) for the corpus: Pelican without the index, then Pagefind."""
    no_index = "KFQ=" + json.dumps({**site_kfq(), "SEARCH_INDEX": False}, ensure_ascii=False)
    build = pelican("output", SITE / "pelicanconf.py", "--fatal", "errors", "-e", no_index)
    index = pagefind_command(Path("output"), "articles/**/*.html")
    return ["sh", "-c", f"{shlex.join(build)} && {shlex.join(index)}"]


def edit_one(corpus: Corpus) -> Path:
    """Append a sentence to one article in the middle of the corpus, as an editor's save."""
    path = corpus.articles[len(corpus.articles) // 2]
    with path.open("a", encoding="utf-8") as f:
        f.write("\n编辑补充：本文数据截至发稿时。\n")
    return path


def best(runs: list[measure.Measured]) -> measure.Measured:
    """Fastest time and largest peak of repeated runs: other work on the machine only ever
    adds time, so the minimum is the best estimate of a step's own cost."""
    return measure.Measured(
        seconds=min(r.seconds for r in runs),
        peak_mb=max(r.peak_mb for r in runs),
        returncode=0,
        output="",
        step_s=min(r.step_s for r in runs),
        step_peak_mb=max(r.step_peak_mb for r in runs),
    )


class Bench:
    """Runs the steps in order, printing a progress line after each."""

    def __init__(self, articles: int, work: Path, repeats: int):
        self.articles = articles
        self.repeats = repeats
        self.root = work / str(articles)
        self.runs: dict[str, list[measure.Measured]] = {}

    def record(self, key: str, label: str, m: measure.Measured, inside: str = "") -> measure.Measured:
        if m.returncode != 0:
            print(m.output[-4000:], file=sys.stderr)
            raise SystemExit(f"bench: {label} failed with exit status {m.returncode}")
        print(f"  {m.seconds:8.1f} s   peak {m.peak_mb:7.0f} MB{inside}", flush=True)
        self.runs.setdefault(key, []).append(m)
        return m

    def announce(self, key: str, label: str) -> None:
        done = len(self.runs.get(key, []))
        of = f" ({done + 1}/{self.repeats})" if self.repeats > 1 and key in REPEATED else ""
        print(f"- {label}{of} …", flush=True)

    def step(self, key: str, label: str, command: list[str], watch: str = "") -> measure.Measured:
        self.announce(key, label)
        m = measure.run(command, self.root, watch=watch)
        return self.record(key, label, m, f"   (its {watch} step {m.step_s:.1f} s)" if watch else "")

    def live_step(self, key: str, label: str, server: LiveServer) -> measure.Measured:
        """One save under `invoke livereload`: a build by its server, timed from the request
        to the answer, with the memory of the server and its build."""
        self.announce(key, label)
        m = measure.during(server.pid, server.build)
        if m.returncode != 0 and server.log:
            m = measure.Measured(m.seconds, m.peak_mb, m.returncode, server.log.read_text(encoding="utf-8"))
        return self.record(key, label, m)

    def timed(self, label: str, work: Callable[[], object]) -> tuple[float, object]:
        print(f"- {label} …", flush=True)
        start = time.perf_counter()
        value = work()
        seconds = time.perf_counter() - start
        print(f"  {seconds:8.1f} s", flush=True)
        return seconds, value

    def run(self) -> dict:
        # Other work on a shared machine slows every step; the load shows how much to trust a run.
        load_before = os.getloadavg()[0]
        generate_s, corpus = self.timed(
            f"generate {self.articles} articles in {self.root}", lambda: generate(self.root, self.articles)
        )
        (self.root / "plainconf.py").write_text(PLAIN_CONF, encoding="utf-8")
        cache = self.root / "cache"
        # Rounds interleave the plain tools and our build, so drifting load hits both alike.
        for _ in range(self.repeats):
            # Our build starts from an empty output folder (DELETE_OUTPUT_DIRECTORY), so the
            # plain one does too: creating the folders and files anew is slower on this disk
            # than overwriting them, for Pelican and even more for Pagefind's index.
            shutil.rmtree(self.root / "plain-output", ignore_errors=True)
            self.step("plain_pelican", "plain Pelican build", pelican("plain-output", Path("plainconf.py")))
            self.step(
                "plain_pagefind",
                "plain Pagefind over its article pages",
                pagefind_command(self.root / "plain-output", "articles/**/*.html", root_selector=None),
            )
            # What `invoke build` runs: Pelican with our plugins, then, once it has exited,
            # Pagefind over the article pages (timed inside the tree as the search-index step).
            self.step("site", "site build (invoke build: plugins, then search index)", site_build_command(),
                      watch="pagefind")  # fmt: skip
        # `invoke livereload` starts its build server once (not timed: the editor waits for
        # it once a session), then each save is one build of that server.
        log = self.root / "livereload.log"
        server = LiveServer(livereload_arguments(cache), self.root, log=log)
        try:
            self.live_step("live_cold", "editors' build, cache cold (livereload)", server)
            for _ in range(self.repeats):
                edited = edit_one(corpus)
                self.live_step("live_edit", f"rebuild after editing {edited.name}", server)
        finally:
            server.close()
        task = [PYTHON, "-m", "invoke", "-r", str(SITE)]
        self.step("check", "invoke check on the corpus", [*task, "check"])
        registers = load_registers(corpus.content / "data")
        prose = Prose(
            random.Random(9), real_sentences(ROOT / "content" / "articles"), [z.name for z in registers.zones]
        )
        write_pages(self.root / "pages", IMPORT_PAGES, prose, registers)
        self.step(
            "import",
            f"invoke import-seeds on {IMPORT_PAGES} generated pages",
            [*task, "import-seeds", "--source", "pages", "--dest", "imported"],
        )
        plain, plain_pf, site, cold, warm, check, imported = (
            best(self.runs[k])
            for k in ("plain_pelican", "plain_pagefind", "site", "live_cold", "live_edit", "check", "import")
        )
        # The build without its index step, per run (the fastest build and the fastest
        # index step need not be the same run).
        site_only = min(r.seconds - r.step_s for r in self.runs["site"])
        return {
            "articles": self.articles,
            "plain_pelican_s": round(plain.seconds, 2),
            "plain_pagefind_s": round(plain_pf.seconds, 2),
            "plain_peak_mb": round(max(plain.peak_mb, plain_pf.peak_mb)),
            "site_build_s": round(site_only, 2),
            "search_index_s": round(site.step_s, 2),
            "one_edit_rebuild_s": round(warm.seconds, 2),
            "peak_mb": round(max(site.peak_mb, warm.peak_mb)),
            "extra": {
                "site_build_with_index_s": round(site.seconds, 2),
                "site_peak_during_index_mb": round(site.step_peak_mb),
                "plain_pelican_peak_mb": round(plain.peak_mb),
                "plain_pagefind_peak_mb": round(plain_pf.peak_mb),
                "cache_cold_build_s": round(cold.seconds, 2),
                "one_edit_rebuild_peak_mb": round(warm.peak_mb),
                "check_s": round(check.seconds, 2),
                "import_1000_pages_s": round(imported.seconds, 2),
                "generate_s": round(generate_s, 2),
                "repeats": self.repeats,
                "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                "site": str(SITE),
                "machine": machine(),
            },
        }


def machine() -> dict:
    """Cores, memory and tool versions, for the README's table."""
    with open("/proc/meminfo", encoding="ascii") as f:
        total_kb = int(f.readline().split()[1])
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(total_kb / 2**20, 1),
        "python": sys.version.split()[0],
        **{name: metadata.version(name) for name in ("pelican", "pagefind", "markdown", "jinja2")},
    }


def run(
    articles: int = 10000, repeats: int | None = None, work: Path = WORK, results: Path = RESULTS
) -> dict:
    """Generate a corpus of `articles`, measure every step, print the table, write results.json.

    Timed steps run `repeats` times (default: 3 up to 2,000 articles, where a run takes
    seconds and the machine's noise is as large as the differences; else 1).
    """
    repeats = repeats or (3 if articles <= 2000 else 1)
    figures = Bench(articles, work, repeats).run()
    print()
    print(table(figures))
    results.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {results}")
    return figures

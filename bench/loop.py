"""The editors' loop, timed as an editor lives it: from saving a file to the rebuilt page on disk.

    python -m bench.loop [--articles N] [--saves 10] [--work DIR]

Writes a corpus of N articles (bench.corpus), starts what `invoke livereload` starts (the build
server and the watcher, kfq_quick.watch.loop, in this process) and lets the server make its
first build (untimed: once a session). Then, save after save, it appends a sentence with a
marker to one article (a different one each time) and times from the write to the moment the
article's page on disk holds the marker: the watcher's wake-up, the build and the page's write
included. Prints each save and the median.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import threading
import time
from pathlib import Path

from bench.corpus import generate
from bench.runner import SITE, site_kfq
from kfq_quick.live import LIVE_SETTINGS, LiveServer, live_kfq
from kfq_quick.watch import Reloads, loop


def page_of(article: Path) -> Path:
    """The output path of an article's page (ARTICLE_SAVE_AS), from its front-matter."""
    head = article.read_text(encoding="utf-8").split("\n---", 1)[0]
    year, month = re.search(r'^date: "?(\d{4})-(\d{2})', head, re.M).groups()
    slug = re.search(r'^slug: "?([^"\s]+)', head, re.M).group(1)
    return Path("live-output") / "articles" / year / month / slug / "index.html"


def wait_for(path: Path, marker: str, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if marker in path.read_text(encoding="utf-8"):
                return
        except OSError:
            pass
        time.sleep(0.002)
    raise SystemExit(f"bench.loop: {path} did not show the edit within {timeout} s")


def run(articles: int, saves: int, work: Path) -> dict:
    root = work / str(articles)
    corpus = generate(root, articles) if not (root / "content").exists() else None
    if corpus is None:  # a corpus written by an earlier run: the same articles (same seed)
        from bench.corpus import Corpus

        corpus = Corpus(root, sorted((root / "content" / "articles").rglob("*.md")))
    argv = ["content", "-s", str(SITE / "pelicanconf.py"), "-o", "live-output"]
    log = root / "loop.log"
    server = LiveServer([*argv, "-e", *LIVE_SETTINGS, live_kfq(site_kfq())], root, log=log)
    stop = threading.Event()
    reloads = Reloads()
    try:
        start = time.perf_counter()
        assert server.build() == 0, log.read_text(encoding="utf-8")[-4000:]
        print(f"first build (untimed in the median): {time.perf_counter() - start:.2f} s", flush=True)
        watcher = threading.Thread(
            target=loop,
            args=([root / "content"], root, server.build, server.restart, reloads, stop),
            daemon=True,
        )
        watcher.start()
        time.sleep(1)  # the watcher's inotify watches are in place
        seconds = []
        run_id = time.strftime("%H%M%S")
        published = [
            a
            for a in corpus.articles
            if not re.search(r"^status: \"?draft", a.read_text(encoding="utf-8"), re.M)
        ]
        step = max(1, len(published) // (saves + 1))
        for n in range(saves):
            article = published[(n + 1) * step]
            page = root / page_of(article)
            marker = f"编辑补充{run_id}第{n}次"  # unique: a corpus may be reused by a later run
            seen = reloads.count
            t0 = time.perf_counter()
            with article.open("a", encoding="utf-8") as f:
                f.write(f"\n{marker}：本文数据截至发稿时。\n")
            wait_for(page, marker)
            seconds.append(time.perf_counter() - t0)
            print(f"save {n + 1}: {seconds[-1]:.3f} s  ({article.name})", flush=True)
            reloads.wait(seen, timeout=600)  # the build is over before the next save
    finally:
        stop.set()
        server.close()
    result = {"articles": articles, "saves": seconds, "save_to_page_s": round(statistics.median(seconds), 3)}
    print(json.dumps(result), flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kfq-bench-loop"))
    args = parser.parse_args()
    run(args.articles, args.saves, args.work)


if __name__ == "__main__":
    main()

"""`pelican -r`: an article that stops the build is told, the loop keeps watching, and the
build runs again once the article is fixed (kfq_guard under Pelican's autoreload loop)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, fixture_article, make_content

SETTINGS = {"SEARCH_INDEX": False, "REQUIRED_PLUGINS": [], "MINIFY": False}
PAGE = "articles/2023/11/valid-article/index.html"


def wait_for(predicate, log: Path, what: str, seconds: float = 120) -> None:
    """Poll until predicate() holds; fail with the loop's output so far."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what} did not happen within {seconds} s; pelican -r said:\n{log.read_text()}")


def text(path: Path) -> str:
    """The file's text, or "" while it is missing (the build swaps output/ in as a whole)."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def test_pelican_autoreload_tells_a_stop_keeps_watching_and_rebuilds_the_fixed_article(tmp_path):
    content = make_content(tmp_path, {"2023/valid-article.md": fixture_article("valid-article")})
    article = content / "articles/2023/valid-article.md"
    good = article.read_text(encoding="utf-8")
    output = tmp_path / "output"
    log = tmp_path / "pelican.log"
    argv = [sys.executable, "-m", "pelican", "-r", str(content), "-s", str(ROOT / "pelicanconf.py")]
    argv += ["-o", str(output), "-e", "KFQ=" + json.dumps(SETTINGS)]
    env = {**os.environ, "COLUMNS": "200"}
    with log.open("w", encoding="utf-8") as sink:
        proc = subprocess.Popen(argv, cwd=tmp_path, stdout=sink, stderr=subprocess.STDOUT, env=env)
    try:
        wait_for(lambda: text(output / PAGE), log, "the first build")
        first = text(output / PAGE)

        article.write_text(good.replace("date: 2023-11-20", "date: 2023-13-45", 1), encoding="utf-8")
        wait_for(lambda: "the build stopped" in log.read_text(), log, "the stop")
        time.sleep(3)  # long enough for a loop that does not wait to build again, or to exit
        said = log.read_text()
        assert proc.poll() is None, f"pelican -r exited with {proc.returncode}:\n{said}"
        assert "valid-article.md:" in said and "date:" in said, said
        assert said.count("the build stopped") == 1, said  # waits for a change, no busy loop
        assert "Traceback" not in said, said
        assert text(output / PAGE) == first  # the last good site stays

        article.write_text(good.replace("title: ", "title: 修好之后的标题", 1), encoding="utf-8")
        wait_for(lambda: "修好之后的标题" in text(output / PAGE), log, "the rebuild")
        assert proc.poll() is None, log.read_text()
    finally:
        proc.terminate()
        proc.wait(timeout=30)


# `invoke livereload`: the watcher (watchfiles' events, no polling) and the preview server.


def test_a_save_builds_once_and_reloads_the_open_pages(tmp_path):
    import http.client
    import threading

    from kfq_quick.watch import Reloads, loop, preview_server

    root = tmp_path
    (root / "content/articles").mkdir(parents=True)
    (root / "plugins").mkdir()
    output = root / "output"
    output.mkdir()
    (output / "index.html").write_text("<html><body><p>首页</p></body></html>", encoding="utf-8")
    calls: list[str] = []
    built = threading.Event()
    reloads = Reloads()
    stop = threading.Event()

    def build(changed) -> None:
        calls.append("build")
        if changed:  # a save: the server tells its page first, then the rest
            reloads.announce(["articles/a/index.html"])
            reloads.announce(["index.html", "zones/index.html"])
        built.set()

    server = preview_server(output, "127.0.0.1", 0, reloads)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    watcher = threading.Thread(
        target=loop,
        args=(
            [root / "content", root / "plugins"],
            root,
            build,
            lambda: calls.append("restart"),
            stop,
        ),
        daemon=True,
    )
    watcher.start()
    try:
        port = server.server_address[1]
        page = http_get(port, "/")
        assert '<script src="/.kfq/reload.js?since=0"></script></body>' in page  # served with the script
        assert "reload.js" not in (output / "index.html").read_text(encoding="utf-8")  # not on disk
        assert "EventSource" in http_get(port, "/.kfq/reload.js")

        events = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        events.request("GET", "/.kfq/reload")
        stream = events.getresponse()
        assert stream.getheader("Content-Type") == "text/event-stream"
        time.sleep(0.5)  # the watches are in place
        (root / "content/articles/a.md").write_text("saved", encoding="utf-8")
        assert built.wait(30), "the save was not seen"
        # Each event names the pages written; a page reloads only when its own file is named.
        assert stream.readline() == b"event: reload\n"
        assert stream.readline() == b"data: articles/a/index.html\n"
        assert calls == ["build"]
        assert "own = " in http_get(port, "/.kfq/reload.js")
        # A page served after the first event and before the second gets the second one
        # when it connects (an article reloaded by its own page's event, then the listings).
        late = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        late.request("GET", "/.kfq/reload?since=1")
        second = late.getresponse()
        assert second.readline() == b"event: reload\n"
        assert second.readline() == b"data: index.html\n"
        assert second.readline() == b"data: zones/index.html\n"
        late.close()

        built.clear()
        (root / "plugins/new.py").write_text("x = 1\n", encoding="utf-8")
        assert built.wait(30)
        assert calls == ["build", "restart", "build"]  # new code: a new server first
        events.close()
    finally:
        stop.set()
        reloads.close()
        server.shutdown()
        watcher.join(timeout=10)


def http_get(port: int, path: str) -> str:
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        return response.read().decode("utf-8")


def test_a_save_made_while_the_first_build_writes_its_pages_is_built_after_it(tmp_path):
    # The first build runs once the watcher is set up: an editor (or the bench) who saves as
    # soon as a page appears, while the first build still writes the others, is not ignored.
    import threading

    from kfq_quick.watch import Reloads, loop

    root = tmp_path
    (root / "content/articles").mkdir(parents=True)
    saved = root / "content/articles/a.md"
    calls: list[str] = []
    twice = threading.Event()
    stop = threading.Event()

    def build(changed) -> None:
        calls.append("build")
        if len(calls) == 1:
            saved.write_text("saved during the first build", encoding="utf-8")
            time.sleep(0.5)  # the rest of the first build
        else:
            twice.set()
        return 0

    reloads = Reloads()
    watcher = threading.Thread(
        target=loop,
        args=([root / "content"], root, build, lambda: calls.append("restart"), stop),
        kwargs={"first_build": True},
        daemon=True,
    )
    watcher.start()
    try:
        assert twice.wait(30), "the save made during the first build was lost"
        assert calls == ["build", "build"]
    finally:
        stop.set()
        reloads.close()
        watcher.join(timeout=10)

"""`invoke livereload`: watch the sources, build each save, reload the browser.

Watching is event-driven: watchfiles (inotify on Linux, through the Rust `notify` crate) wakes
the loop when a file is saved, and groups the events of one save (an editor writes a file in
several steps) for `STEP_MS` before the build starts. Nothing polls: the `livereload` package
examined its watched globs every 800 ms on a timer (its handlers.py), most of an editor's
wait at 1,000 articles.

The browser reloads by Server-Sent Events (the standard `EventSource`): each HTML page served
from output/ gets one script tag, added while serving (never written into output/), whose
script waits on /.kfq/reload and reloads the page when a build has finished. An EventSource
reconnects by itself, so pages open across a server restart reload too.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import Change, DefaultFilter, watch

# How long a save's events are gathered before the build starts (watchfiles' `step`).
STEP_MS = 30
READY_MS = 200  # how soon the first build starts once the watcher is set up
EVENTS = "/.kfq/reload"
SCRIPT = "/.kfq/reload.js"
SCRIPT_TEXT = (
    f'new EventSource("{EVENTS}").addEventListener("reload", function () {{ location.reload(); }});\n'
).encode()
TAG = f'<script src="{SCRIPT}"></script>'.encode()


class Reloads:
    """The count of finished builds, and a way to wait for the next one."""

    def __init__(self) -> None:
        self.count = 0
        self._changed = threading.Condition()
        self.closed = False

    def announce(self) -> None:
        """A build has finished: every open page reloads."""
        with self._changed:
            self.count += 1
            self._changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """The count once it is past seen (or after timeout)."""
        with self._changed:
            self._changed.wait_for(lambda: self.count != seen or self.closed, timeout)
            return self.count

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves output/ as it is, with the reload script added to each HTML page."""

    reloads: Reloads

    def log_message(self, format, *args):
        pass  # the editor reads the builds' messages, not a line per request

    def do_GET(self):
        if self.path == SCRIPT:
            return self._send(200, "text/javascript", SCRIPT_TEXT)
        if self.path == EVENTS:
            return self._events()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().do_GET()  # the standard redirect to the folder's address
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            body = path.read_bytes()
            at = body.rfind(b"</body>")
            body = body[:at] + TAG + body[at:] if at >= 0 else body + TAG
            return self._send(200, "text/html; charset=utf-8", body)
        return super().do_GET()

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = self.reloads.count
        try:
            while not self.reloads.closed:
                now = self.reloads.wait(seen, timeout=15)
                # A comment every 15 s keeps proxies and the browser from closing the stream.
                self.wfile.write(b"event: reload\ndata: \n\n" if now != seen else b": idle\n\n")
                self.wfile.flush()
                seen = now
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded


def preview_server(output: Path, host: str, port: int, reloads: Reloads) -> ThreadingHTTPServer:
    """An HTTP server of output/ (not started) whose pages reload after each build."""
    handler = type("Handler", (PreviewHandler,), {"reloads": reloads})
    server = ThreadingHTTPServer((host, port), partial(handler, directory=str(output)))
    server.daemon_threads = True
    return server


def is_code(path: Path, root: Path) -> bool:
    """Whether a change to path needs a new build server (plugin code or the settings)."""
    rel = path.resolve().relative_to(root.resolve()) if path.is_relative_to(root) else path
    return rel.parts[:1] == ("plugins",) or rel == Path("pelicanconf.py")


def watched(root: Path) -> list[Path]:
    """What `invoke livereload` watches: the content, the theme, the plugins and the settings."""
    return [root / "content", root / "theme", root / "plugins", root / "pelicanconf.py"]


def loop(
    paths: Iterable[Path],
    root: Path,
    build: Callable[[], int],
    restart: Callable[[], None],
    reloads: Reloads,
    stop: threading.Event | None = None,
    first_build: bool = False,
) -> None:
    """Build after every save under paths (restarting the server first for code), then reload.

    With first_build, the session's first build runs once the watcher is set up, not before
    it: a save made while that build writes its pages (an editor at work, the bench) is seen
    and built after it, not lost. The watcher then wakes every READY_MS to say it is ready and
    otherwise waits; nothing is polled."""
    source_filter = DefaultFilter(ignore_dirs=[*DefaultFilter.ignore_dirs, "__pycache__", "output"])
    pending = first_build
    for changes in watch(
        *paths,
        watch_filter=source_filter,
        step=STEP_MS,
        stop_event=stop,
        rust_timeout=READY_MS if first_build else 5000,
        yield_on_timeout=first_build,
    ):
        if pending:
            pending = False
            build()
            reloads.announce()
        if not changes:
            continue
        changed = {Path(p) for kind, p in changes if kind in (Change.added, Change.modified, Change.deleted)}
        if any(is_code(p, root) for p in changed):
            restart()
        build()
        reloads.announce()

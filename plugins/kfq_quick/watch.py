"""`invoke livereload`: watch the sources, build each save, reload the browser.

Watching is event-driven: watchfiles (inotify on Linux, through the Rust `notify` crate) wakes
the loop when a file is saved, and groups the events of one save (an editor writes a file in
several steps) for `STEP_MS` before the build starts. Nothing polls: the `livereload` package
examined its watched globs every 800 ms on a timer (its handlers.py), most of an editor's
wait at 1,000 articles.

The browser reloads by Server-Sent Events (the standard `EventSource`): each HTML page served
from output/ gets one script tag, added while serving (never written into output/), whose
script waits on /.kfq/reload. Each event names the output files a build wrote or removed (or
`*` for too many to list); a page reloads only when its own file is among them. A save that
edits an article announces twice: its own page, written first, then whatever the full pass
changed besides (nothing, for a body-only edit). The tag carries the number of the last
event when the page was served, so an event sent while the page was loading is replayed to it.
An EventSource reconnects by itself, so pages open across a server restart reload too.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import Change, DefaultFilter, watch

# How long a save's events are gathered before the build starts (watchfiles' `step`): an
# editor's save is one write or a write and a rename, inotify tells them within a millisecond.
STEP_MS = 10
READY_MS = 200  # how soon the first build starts once the watcher is set up
EVENTS = "/.kfq/reload"
SCRIPT = "/.kfq/reload.js"
# A page's own output file from its address (a folder's address is its index.html).
SCRIPT_TEXT = (
    "(function () {\n"
    "  var own = decodeURIComponent(location.pathname).replace(/^\\//, '');\n"
    "  if (own === '' || own.slice(-1) === '/') own += 'index.html';\n"
    "  var since = (document.currentScript.src.split('since=')[1] || '0');\n"
    f"  new EventSource('{EVENTS}?since=' + since).addEventListener('reload', function (e) {{\n"
    "    var pages = e.data.split('\\n');\n"
    "    if (pages.indexOf('*') >= 0 || pages.indexOf(own) >= 0) location.reload();\n"
    "  });\n"
    "})();\n"
).encode()
EVERY_PAGE = "*"
LISTED = 500  # more pages than this in one event are announced as every page
KEPT = 64  # events kept for pages that connect late


class Reloads:
    """The events of finished builds (the pages each one changed), and a way to wait for them."""

    def __init__(self) -> None:
        self.count = 0
        self.events: list[tuple[int, tuple[str, ...]]] = []
        self._changed = threading.Condition()
        self.closed = False

    def announce(self, pages: Iterable[str] | None = None) -> None:
        """Output files were written (None: any page may have changed): pages showing them reload."""
        shown = (EVERY_PAGE,) if pages is None else tuple(p.replace(os.sep, "/") for p in pages)
        if not shown:
            return
        if len(shown) > LISTED:
            shown = (EVERY_PAGE,)
        with self._changed:
            self.count += 1
            self.events = [*self.events[-(KEPT - 1) :], (self.count, shown)]
            self._changed.notify_all()

    def wait(self, seen: int, timeout: float) -> tuple[int, list[str]]:
        """The count once it is past seen (or after timeout), and the pages of the events since."""
        with self._changed:
            self._changed.wait_for(lambda: self.count != seen or self.closed, timeout)
            if self.events and self.events[0][0] > seen + 1:
                return self.count, [EVERY_PAGE]  # older events are forgotten: reload anyway
            pages = [p for n, shown in self.events if n > seen for p in shown]
            return self.count, list(dict.fromkeys(pages))

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
        address, _, query = self.path.partition("?")
        if address == SCRIPT:
            return self._send(200, "text/javascript", SCRIPT_TEXT)
        if address == EVENTS:
            since = query.partition("since=")[2].partition("&")[0]
            return self._events(int(since) if since.isdigit() else self.reloads.count)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().do_GET()  # the standard redirect to the folder's address
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            tag = f'<script src="{SCRIPT}?since={self.reloads.count}"></script>'.encode()
            body = path.read_bytes()
            at = body.rfind(b"</body>")
            body = body[:at] + tag + body[at:] if at >= 0 else body + tag
            return self._send(200, "text/html; charset=utf-8", body)
        return super().do_GET()

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self, seen: int) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            while not self.reloads.closed:
                now, pages = self.reloads.wait(seen, timeout=15)
                # A comment every 15 s keeps proxies and the browser from closing the stream.
                data = "".join(f"data: {p}\n" for p in pages)
                self.wfile.write(f"event: reload\n{data}\n".encode() if pages else b": idle\n\n")
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
    # Not resolved: plugins/ may be a link to another checkout (the bench's site copies).
    path, root = Path(os.path.abspath(path)), Path(os.path.abspath(root))
    rel = path.relative_to(root) if path.is_relative_to(root) else path
    return rel.parts[:1] == ("plugins",) or rel == Path("pelicanconf.py")


def watched(root: Path) -> list[Path]:
    """What `invoke livereload` watches: the content, the theme, the plugins and the settings."""
    return [root / "content", root / "theme", root / "plugins", root / "pelicanconf.py"]


def loop(
    paths: Iterable[Path],
    root: Path,
    submit: Callable[[list[Path]], None],
    restart: Callable[[], None],
    stop: threading.Event | None = None,
    first_build: bool = False,
) -> None:
    """Ask for a build after every save under paths (restarting the server first for code).

    submit(changed) does not wait for the build: a save made while the last one's full pass
    runs is handed over at once, and the server gives it way (kfq_quick.live). The server
    tells the pages each build wrote, and the browser reloads them (Reloads).

    With first_build, the session's first build is asked for once the watcher is set up, not
    before: a save made while that build writes its pages (an editor at work, the bench) is
    seen and built after it, not lost. The watcher then wakes every READY_MS to say it is
    ready and otherwise waits; nothing is polled."""
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
            submit([])
        if not changes:
            continue
        kinds = (Change.added, Change.modified, Change.deleted)
        changed = sorted({Path(p) for kind, p in changes if kind in kinds})
        if any(is_code(p, root) for p in changed):
            restart()
            submit([])
            continue
        submit(changed)

"""Browser fixtures: a built site served on loopback, and Debian's Chromium through Playwright."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from conftest import fixture_article, make_content, run_pelican

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
# Without these Chromium tries to reach Google's hosts at start-up, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def serve(folder: Path):
    """Serve folder on a free loopback port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The fixture articles built into a site and served on 127.0.0.1 for the session."""
    tmp = tmp_path_factory.mktemp("site")
    names = (
        "valid-article",
        "hostile-title",
        "draft-article",
        "zhangzi-xian-changzhi-shi-zhong-dian-xiang-mu-kai-gong",
    )
    build = run_pelican(
        make_content(tmp, {f"2023/{n}.md": fixture_article(n) for n in names}), tmp / "output"
    )
    assert build.returncode == 0, build.log
    yield from serve(build.output)


@pytest.fixture(scope="session")
def served_seed_site(seed_site):
    """The site as it ships, plus a draft, served on 127.0.0.1 for the session."""
    yield from serve(seed_site.output)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output for the tests
        pass


# The `browser` fixture (one Chromium for the session) is in tests/conftest.py: the
# publishing tests (tests/publish/) read the published site with it too, and Playwright's
# sync API allows one running instance per thread.


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser):
    """A page at a phone and at a desktop viewport; console errors are collected."""
    context = browser.new_context(viewport=VIEWPORTS[request.param], locale="zh-CN")
    pg = context.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: m.type == "error" and pg.console_errors.append(m.text))
    pg.viewport_name = request.param
    yield pg
    context.close()


def screenshot(pg, name: str) -> Path:
    """Save a full-page screenshot under tests/artifacts/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}-{pg.viewport_name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path

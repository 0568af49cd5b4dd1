"""`invoke publish` end to end, on real servers on 127.0.0.1: rsync over OpenSSH's sshd into
release folders that Debian's nginx serves through `current`; then headless Chromium reads the
site through nginx; a second publish switches while a reader polls; --rollback; and rclone to
a local remote uploads only what changed."""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import ROOT
from kfq.publish import rclone
from kfq.publish.kinds import Kind, kind
from kfq.publish.targets import RcloneTarget

from .servers import free_port, need, nginx, sshd

INVOKE = Path(sys.executable).parent / "invoke"
# The article the second publish changes, and what it adds.
EDITED = "articles/2024/05/cheng-shi-er-shang-mou-tu-po-chuo-li-fen-fa-qi-xin-cheng/index.html"
ADDED = "本刊讯 第二次发布时补充的一段文字。"


def copy_project(dest: Path) -> Path:
    """What a fresh clone holds for a build and a publish (no seeds, no tests, no venv)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("plugins", "theme", "content"):
        shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py"):
        shutil.copy2(ROOT / name, dest / name)
    return dest


class Published:
    """The project copy, its servers, and what each publish printed and built."""

    def __init__(self, tmp: Path, server, web):
        self.tmp, self.server, self.web = tmp, server, web
        self.project = tmp / "project"
        self.srv = tmp / "srv"
        self.builds: list[Path] = []
        self.logs: list[str] = []

    def invoke(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        env = {**os.environ, "KFQ_SITEURL": self.web.url, "COLUMNS": "200"}
        proc = subprocess.run(
            [str(INVOKE), "publish", *args],
            cwd=self.project,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if check:
            assert proc.returncode == 0, proc.stdout + proc.stderr
        return proc

    def publish(self) -> str:
        proc = self.invoke("--target", "test")
        snapshot = self.tmp / f"build{len(self.builds) + 1}"
        shutil.copytree(self.project / "output", snapshot)
        self.builds.append(snapshot)
        self.logs.append(proc.stdout)
        return proc.stdout

    def current(self) -> str:
        return os.readlink(self.srv / "current")

    def releases(self) -> list[str]:
        return sorted(p.name for p in (self.srv / "releases").iterdir() if p.is_dir())


def fetch(url: str) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The project published once to an SSH target that nginx serves."""
    need("nginx", "sshd", "ssh", "rsync")
    tmp = tmp_path_factory.mktemp("publish")
    copy_project(tmp / "project")
    with sshd(tmp / "sshd") as server, nginx(tmp / "nginx", tmp / "srv" / "current", free_port()) as web:
        published = Published(tmp, server, web)
        with (published.project / "publishconf.py").open("a", encoding="utf-8") as conf:
            conf.write(
                f"\nPUBLISH['targets']['test'] = {{'kind': 'rsync', 'host': {server.host!r}, "
                f"'path': {str(published.srv)!r}, 'ssh': {server.ssh!r}, 'keep': 2}}\n"
            )
        published.publish()
        yield published


def test_publish_puts_a_release_online_and_checks_it(site):
    log = site.logs[0]
    assert re.fullmatch(r"releases/\d{8}T\d{6}Z", site.current())
    assert site.releases() == [site.current().split("/")[1]]
    # Every file of the build, nothing more, nothing less (the office files stay home).
    assert not filecmp.dircmp(site.builds[0], site.srv / "current").diff_files
    for what in ("home page", "newest article", "search index"):
        assert re.search(rf"^  ok +200 {what}: {re.escape(site.web.url)}/", log, re.M), log
    assert re.search(r"^\d+ new, 0 changed, 0 deleted$", log, re.M), log


@pytest.fixture
def reader(browser):
    """A Chinese reader's page; console errors (CSP violations among them) are collected."""
    context = browser.new_context(locale="zh-CN")
    pg = context.new_page()
    pg.problems = []
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(m.text))
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))
    yield pg
    context.close()


@pytest.mark.browser
def test_a_reader_reads_home_article_and_search_through_nginx(site, reader):
    responses = []
    reader.on("response", lambda r: responses.append(r))
    reader.goto(site.web.url + "/")
    assert reader.locator("h1.nameplate").inner_text() == "《开发区建设》周刊"
    reader.locator(".front-issue .lead-title a").click()
    reader.wait_for_load_state()
    assert "/articles/" in reader.url and reader.locator(".story h1").count() == 1
    reader.goto(f"{site.web.url}/search/?q={quote('左云')}")
    # Waiting without Playwright's string evaluation, which the site's CSP refuses (no eval).
    reader.locator("#search-status").filter(has_text="。").wait_for()
    assert reader.locator("#search-results .item-title a").count() >= 1
    assert reader.problems == [], reader.problems
    # Pagefind's WebAssembly ran under the site's CSP, and every answer carried it.
    urls = [r.url for r in responses]
    assert any(u.endswith(".pagefind") for u in urls) and any("pf_fragment" in u for u in urls)
    for r in responses:
        headers = r.all_headers()
        assert "wasm-unsafe-eval" in headers["content-security-policy"], r.url
        assert r.status == 200, r.url
        if r.url.endswith((".css", ".js")) and "/theme/" in r.url:
            assert headers["cache-control"] == "public, max-age=31536000, immutable", r.url
            assert headers.get("content-encoding") in ("gzip", "br"), r.url
        if r.request.resource_type == "document":
            assert headers["cache-control"] == "public, max-age=300", r.url
            assert headers.get("content-encoding") in ("gzip", "br"), r.url


@pytest.mark.browser
def test_a_missing_page_gets_the_sites_404_with_its_search_box(site, reader):
    response = reader.goto(site.web.url + "/articles/2099/01/no-such-article/")
    assert response.status == 404
    assert reader.locator("h1").inner_text() == "页面不存在"
    assert reader.locator("main .article-list .item-title a").count() == 6
    reader.locator("#q404").fill("清徐")
    reader.locator("main form[role=search] button").click()
    # Waiting without Playwright's string evaluation, which the site's CSP refuses (no eval).
    reader.locator("#search-status").filter(has_text="。").wait_for()
    assert "/search/?q=" in reader.url
    assert reader.locator("#search-results .item-title a").count() >= 1
    # Chromium logs the 404 answer itself; nothing else went wrong (no CSP violation).
    assert reader.problems == [
        "Failed to load resource: the server responded with a status of 404 (Not Found)"
    ]


class Poller(threading.Thread):
    """A reader who keeps loading the edited article and the home page with everything they
    link, while a publish runs: each page must be one build's page, whole, and every theme
    file and search file it asks for must be there."""

    def __init__(self, base: str, builds: tuple[Path, Path]):
        super().__init__(daemon=True)
        self.base, self.builds = base, builds
        self.stop = threading.Event()
        self.seen: list[str] = []
        self.failures: list[str] = []

    def version(self, rel: str, body: bytes) -> str:
        for n, build in enumerate(self.builds, start=1):
            if (build / rel).is_file() and body == (build / rel).read_bytes():
                return f"build{n}"
        return "mixed"

    def run(self) -> None:
        while not self.stop.is_set():
            for rel in ("", EDITED.removesuffix("index.html")):
                status, body, _ = fetch(f"{self.base}/{rel}")
                version = self.version(rel + "index.html", body)
                self.seen.append(version)
                if status != 200 or version == "mixed":
                    self.failures.append(f"/{rel}: {status} {version}")
                    continue
                for url in re.findall(rb'(?:href|src)="(/theme/[^"]+)"', body):
                    status, _, _ = fetch(self.base + url.decode())
                    if status != 200:
                        self.failures.append(f"{url.decode()} linked by /{rel} ({version}): {status}")
            status, listed, _ = fetch(f"{self.base}/pagefind/bundles.json")
            for name in re.findall(rb'"([^"]+)"', listed.partition(b"[")[2]):
                bundle = f"{self.base}/pagefind/{name.decode()}"
                status, entry, _ = fetch(f"{bundle}/pagefind-entry.json")
                for meta in re.findall(rb'"hash":"([^"]+)"', entry):
                    status, _, _ = fetch(f"{bundle}/pagefind.{meta.decode()}.pf_meta")
                    if status != 200:
                        self.failures.append(f"pagefind meta {name.decode()}/{meta.decode()}: {status}")


@pytest.fixture(scope="module")
def republished(site):
    """A second publish with one article and the stylesheet changed, a reader polling throughout."""
    edited = next((site.project / "content/articles/2024").glob("cheng-shi-er-shang-mou-tu-po*.md"))
    edited.write_text(edited.read_text(encoding="utf-8").rstrip() + f"\n\n{ADDED}\n", encoding="utf-8")
    with (site.project / "theme/static/css/site.css").open("a", encoding="utf-8") as css:
        css.write("\n.story .body p:last-child { margin-bottom: 2em; }\n")
    # The second build exists only once the publish ran: the poller compares with the first
    # build and with the second, which it reads from the project's output as it appears.
    poller = Poller(site.web.url, (site.builds[0], site.project / "output"))
    before = site.current()
    poller.start()
    try:
        log = site.publish()
        time.sleep(0.3)
    finally:
        poller.stop.set()
        poller.join(timeout=30)
    return before, log, poller


def test_a_second_publish_switches_atomically_under_a_polling_reader(site, republished):
    before, log, poller = republished
    assert site.current() != before and len(site.releases()) == 2
    assert poller.failures == [], poller.failures[:10]
    assert "build1" in poller.seen and poller.seen[-1] == "build2", (
        poller.seen.count("build1"),
        len(poller.seen),
    )
    # The changed files, and only those, were reported; unchanged files are hard links to the
    # release before (rsync --link-dest), so the new release took no copy of them. (The
    # stylesheet changed, so every page links its new fingerprinted name and changed too.)
    logo = "theme/favicon.svg"
    assert f"~ {EDITED}" in log and "~ index.html" in log and f"~ {logo}" not in log
    assert "~ theme/css/pages." not in log  # a stylesheet left as it was keeps its name
    old, new = (site.srv / before), (site.srv / site.current())
    assert (old / logo).stat().st_ino == (new / logo).stat().st_ino
    assert ADDED.encode() in fetch(f"{site.web.url}/{EDITED.removesuffix('index.html')}")[1]


def test_dry_run_lists_what_would_change_and_changes_nothing(site, republished):
    current = site.current()
    proc = site.invoke("--target", "test", "--dry-run")
    # Nothing was edited since: no page is new, changed or gone. (Feeds of zones without
    # articles and the sitemap carry the build's time, so they differ on every build.)
    assert re.search(r"^0 new, \d+ changed, 0 deleted$", proc.stdout, re.M), proc.stdout
    changed = re.findall(r"^~ (.+)$", proc.stdout, re.M)
    assert all(p == "sitemap.xml" or p.endswith(".atom.xml") for p in changed), changed
    assert "Dry run: nothing was changed" in proc.stdout
    assert site.current() == current


def test_rollback_serves_the_previous_release_again(site, republished):
    before, _, _ = republished
    proc = site.invoke("--target", "test", "--rollback")
    assert site.current() == before, proc.stdout
    status, body, _ = fetch(f"{site.web.url}/{EDITED.removesuffix('index.html')}")
    assert status == 200 and body == (site.builds[0] / EDITED).read_bytes()
    # Nothing older is kept (keep: 2): a second rollback says so and changes nothing.
    again = site.invoke("--target", "test", "--rollback", check=False)
    assert again.returncode == 1 and "no release older than" in again.stderr + again.stdout
    assert site.current() == before


def test_rclone_uploads_only_changed_files_assets_first_deletions_last(site, republished, tmp_path):
    need("rclone")
    bucket = tmp_path / "bucket"
    target = RcloneTarget("bucket", f":local:{bucket}", site.web.url)
    calls: list[list[str]] = []

    def recording(argv, stdin, ok):
        calls.append([*argv, stdin or ""])
        from kfq.publish.commands import run

        return run(argv, stdin, ok)

    first, second = site.builds
    everything = rclone.publish(first, target, recording)
    assert everything.changed == [] and everything.deleted == []
    assert not filecmp.dircmp(first, bucket).left_only
    # A page that the second build no longer has: deleted last.
    (bucket / "stale/index.html").parent.mkdir()
    (bucket / "stale/index.html").write_text("old page")
    calls.clear()
    changes = rclone.publish(second, target, recording)
    differ = sorted(
        p.relative_to(second).as_posix()
        for p in second.rglob("*")
        if p.is_file()
        and (first / p.relative_to(second)).is_file()
        and (first / p.relative_to(second)).read_bytes() != p.read_bytes()
    )
    added = sorted(
        p.relative_to(second).as_posix()
        for p in second.rglob("*")
        if p.is_file() and not (first / p.relative_to(second)).exists()
    )
    assert changes.changed == differ and sorted(changes.new) == added
    assert EDITED in differ and any(kind(p) is Kind.IMMUTABLE for p in added)
    # (A bucket has no folders: the local backend leaves the empty one behind.)
    assert changes.deleted == ["stale/index.html"] and not (bucket / "stale/index.html").exists()
    # Uploads in order: immutable assets, other files, pages; deletions last.
    verbs = [
        c[c.index("copy") if "copy" in c else c.index("delete")]
        for c in calls
        if "copy" in c or "delete" in c
    ]
    kinds = [{kind(p) for p in c[-1].split()} for c in calls if "copy" in c]
    assert verbs[-1] == "delete" and set(verbs[:-1]) == {"copy"}
    assert [k.pop().value for k in kinds] == sorted(k.value for k in {kind(p) for p in changes.uploaded})
    headers = [c[c.index("--header-upload") + 1] for c in calls if "copy" in c]
    assert headers[0] == "Cache-Control: public, max-age=31536000, immutable"
    assert headers[-1] == "Cache-Control: public, max-age=300"
    # The old stylesheet stays for pages cached elsewhere; the bucket serves the second build.
    assert all((bucket / p).read_bytes() == (second / p).read_bytes() for p in changes.uploaded)


def test_a_build_that_refuses_stops_the_publish_and_the_site_stays(site, republished):
    current = site.current()
    bad = site.project / "content/articles/2024/wu-biao-ti.md"
    bad.write_text(
        "---\nauthors: []\ndate: 2024-06-30\nslug: wu-biao-ti\n---\n\n本刊讯 没有标题。\n", encoding="utf-8"
    )
    try:
        proc = site.invoke("--target", "test", check=False)
    finally:
        bad.unlink()
    assert proc.returncode == 1
    assert "wu-biao-ti.md:1: title: required field is missing" in proc.stdout + proc.stderr
    assert "The build stopped" in proc.stdout + proc.stderr
    assert site.current() == current and len(site.releases()) == 2


def test_only_the_last_releases_are_kept(site, republished):
    from kfq.publish import rsync
    from kfq.publish.targets import RsyncTarget

    target = RsyncTarget(
        "test", site.server.host, str(site.srv), site.web.url, tuple(site.server.ssh), keep=2
    )
    names = [rsync.publish(site.builds[1], target)[0] for _ in range(2)]
    assert site.releases() == names and site.current() == f"releases/{names[-1]}"
    assert sorted(p.name for p in (site.srv / "releases").glob("*.files")) == [f"{n}.files" for n in names]
    status, body, _ = fetch(site.web.url + "/")
    assert status == 200 and body == (site.builds[1] / "index.html").read_bytes()


def test_a_second_publish_while_one_runs_stops_and_names_it(site, republished):
    from kfq.publish.lock import publishing

    current = site.current()
    with publishing(site.project / "cache" / "publish.lock"):
        proc = site.invoke("--target", "test", check=False)
    assert proc.returncode == 1
    out = proc.stdout + proc.stderr
    assert f"another `invoke publish` is running (pid {os.getpid()}, since " in out, out
    assert "Traceback" not in out
    assert site.current() == current and len(site.releases()) == 2

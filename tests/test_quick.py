"""The editors' build server: what it keeps between saves, and its output after a series of
edits, file by file the same as a full build of the same content."""

from __future__ import annotations

import filecmp
import os
import re
import time
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from conftest import ROOT, fixture_article, make_content, run_pelican
from kfq.quick import PageMarks, ReadMemo
from kfq_quick.live import LIVE_SETTINGS, LiveServer, live_kfq
from kfq_quick.quick import _template_reads

KFQ = {"DATA_DIR": "data", "REQUIRED_PLUGINS": [], "SEARCH_INDEX": False}
ZONES = ["左云经济技术开发区", "长子经济技术开发区", "长治经济技术开发区"]


def article(n: int, zone: str, title: str | None = None, status: str = "published") -> str:
    """A valid article (the valid-article fixture) with its own title, slug, date and zone."""
    text = fixture_article("valid-article").read_text(encoding="utf-8")
    text = text.replace("title: 向高而攀 蓄势前行", f"title: {title or f'园区第{n}号项目开工'}")
    text = text.replace("kicker: 左云经济技术开发区\n", "").replace("theme: 营商环境\n", "")
    text = text.replace("zones: [左云经济技术开发区]", f"zones: [{zone}]")
    text = text.replace("slug: valid-article", f"slug: yuan-qu-xiang-mu-{n}")
    text = text.replace("date: 2023-11-20", f"date: 2023-{1 + n % 12:02d}-{1 + n:02d}")
    return text.replace("status: published", f"status: {status}")


CORPUS = {f"2023/yuan-qu-xiang-mu-{n}.md": article(n, ZONES[n % 3]) for n in range(9)}


# What the server keeps.


def test_a_page_is_fresh_only_with_the_mark_it_was_written_with():
    marks = PageMarks()
    assert not marks.fresh("a.html", "1")
    marks.done("a.html", "1", rendered=True)
    marks.done("b.html", "2", rendered=True)
    assert marks.finish() == []
    assert marks.last == (2, 0)
    assert marks.fresh("a.html", "1") and not marks.fresh("a.html", "x")
    marks.done("a.html", "1", rendered=False)
    assert marks.finish() == ["b.html"]  # not written by this save: removed
    assert marks.last == (0, 1)


def test_a_stopped_save_keeps_what_it_wrote_and_what_was_there():
    marks = PageMarks()
    marks.done("a.html", "1", rendered=True)
    marks.done("b.html", "2", rendered=True)
    marks.finish()
    marks.done("a.html", "3", rendered=True)  # then the build stopped
    marks.abandon()
    assert marks.fresh("a.html", "3") and marks.fresh("b.html", "2")


def test_the_read_memo_forgets_a_file_saved_since(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("one", encoding="utf-8")
    memo = ReadMemo()
    from kfq.quick import stamp

    memo.keep(str(path), stamp(path), "read one")
    assert memo.recall(str(path)) == "read one"
    path.write_text("two!", encoding="utf-8")
    assert memo.recall(str(path)) is None
    assert memo.recall(str(tmp_path / "missing.md")) is None


@pytest.mark.parametrize(
    ("source", "reads"),
    [
        ("{{ kfq.years }}", {"kfq": {"years"}}),
        ("{{ kfq['years'] }}", {"kfq": {"years"}}),
        (
            "{% for y in (kfq or {}).get('years', []) %}{{ y.url }}{{ y.year }}{% endfor %}",
            {"kfq": {"years[]url", "years[]year"}},
        ),
        ("{% for y in kfq.years %}{{ y }}{% endfor %}", {"kfq": {"years"}}),  # the whole item
        ("{{ kfq }}", {"kfq": None}),
        ("{% set k = kfq %}{{ k.years }}", {"kfq": None}),  # an alias: the whole value
        ('{% include "other.html" %}', {"pages": None}),
        ("{% include name %}", {"name": None, "*": None}),  # chosen at render time: everything
    ],
)
def test_what_a_template_reads_of_its_context(source, reads):
    env = Environment(loader=DictLoader({"t.html": source, "other.html": "{{ pages }}"}))
    found = _template_reads("t.html", env, {})
    assert {k: (None if v is None else set(v)) for k, v in found.items()} == reads


# Real builds: the server as `invoke livereload` runs it, against a full build.


class Loop:
    """A content folder, a build server on it, and edits as an editor saves them."""

    def __init__(self, tmp_path: Path, articles: dict[str, str]):
        self.content = make_content(tmp_path, articles)
        self.output = tmp_path / "live-output"
        self.log = tmp_path / "live.log"
        argv = [str(self.content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(self.output)]
        self.server = LiveServer([*argv, "-e", *LIVE_SETTINGS, live_kfq(KFQ)], ROOT, log=self.log)

        self.saved: list[Path] = []  # what the watcher would report since the last build
        self.told: list[list[str]] = []  # the pages each announcement of the last build named

    def path(self, rel: str) -> Path:
        return self.content / "articles" / rel

    def save(self, rel: str, text: str) -> None:
        path = self.path(rel)
        before = path.stat().st_mtime_ns if path.exists() else 0
        path.write_text(text, encoding="utf-8")
        if path.stat().st_mtime_ns == before:  # a coarse clock: make the save visible
            os.utime(path, ns=(before + 1_000_000, before + 1_000_000))
        self.saved.append(path)

    def edit(self, rel: str, old: str, new: str) -> None:
        text = self.path(rel).read_text(encoding="utf-8")
        assert old in text
        self.save(rel, text.replace(old, new, 1))

    def build(self) -> int:
        """A build of the files saved since the last one, as `invoke livereload` asks for it."""
        self.told = []
        changed, self.saved = self.saved, []
        return self.server.build(changed, self.told.append)

    def said(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def page(self, rel: str) -> str:
        return (self.output / rel).read_text(encoding="utf-8")


@pytest.fixture
def loop(tmp_path, monkeypatch):
    monkeypatch.setenv("KFQ_SITEURL", "https://kfq.test")  # as run_pelican builds
    monkeypatch.setenv("COLUMNS", "200")
    live = Loop(tmp_path, CORPUS)
    yield live
    live.server.close()


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


# Files that carry the time they were written, in every build alike: compared without it.
TIMED = {"sitemap.xml": r"<lastmod>[^<]*</lastmod>"}
FEED_TIME = r"<updated>[^<]*</updated>"


def same_text(a: Path, b: Path, rel: str) -> bool:
    left, right = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
    pattern = TIMED.get(rel, FEED_TIME if rel.endswith(".atom.xml") else None)
    if pattern:
        left, right = re.sub(pattern, "", left), re.sub(pattern, "", right)
    return left == right


def assert_same_site(live: Path, full: Path) -> None:
    """Every file the same, both ways (the loop builds no search index, nor does this build)."""
    assert tree(live) == tree(full)
    differ = [
        rel
        for rel in sorted(tree(full))
        if not filecmp.cmp(live / rel, full / rel, shallow=False)
        and not same_text(live / rel, full / rel, rel)
    ]
    assert differ == []


def test_after_a_series_of_edits_the_loop_writes_what_a_full_build_writes(loop, tmp_path):
    assert loop.build() == 0
    neighbour = "articles/2023/04/yuan-qu-xiang-mu-3/index.html"  # same zone as article 0, older
    assert "园区第0号项目开工" in loop.page(neighbour)

    # A title: its page first (the fast path), then the listings and the neighbours that link to it.
    loop.edit("2023/yuan-qu-xiang-mu-0.md", "园区第0号项目开工", "园区第0号项目竣工投产")
    assert loop.build() == 0
    assert loop.told[0] == ["articles/2023/01/yuan-qu-xiang-mu-0/index.html"]
    assert neighbour in loop.told[1] and "index.html" in loop.told[1]
    assert "园区第0号项目竣工投产" in loop.page(neighbour)

    # A body edit of two articles at once: their pages first, nothing else shows a body.
    loop.edit("2023/yuan-qu-xiang-mu-2.md", "签约项目十二个", "签约项目十五个")
    loop.edit("2023/yuan-qu-xiang-mu-7.md", "签约项目十二个", "签约项目十六个")
    assert loop.build() == 0
    assert sorted(loop.told[0]) == [
        "articles/2023/03/yuan-qu-xiang-mu-2/index.html",
        "articles/2023/08/yuan-qu-xiang-mu-7/index.html",
    ]

    # A new article, a deleted one, a zone changed.
    loop.save("2023/yuan-qu-xiang-mu-20.md", article(20, ZONES[1], "新签约项目落地"))
    assert loop.build() == 0
    loop.path("2023/yuan-qu-xiang-mu-5.md").unlink()
    assert loop.build() == 0
    assert not (loop.output / "articles/2023/06/yuan-qu-xiang-mu-5/index.html").exists()
    loop.edit("2023/yuan-qu-xiang-mu-4.md", f"zones: [{ZONES[1]}]", f"zones: [{ZONES[0]}]")
    assert loop.build() == 0

    # An invalid save stops that build only, with the editor's message, writing nothing;
    # the fix builds. Both an article the fast path takes (a bad zone) and a bad date.
    before = {p: p.stat().st_mtime_ns for p in loop.output.rglob("*.html")}
    loop.edit("2023/yuan-qu-xiang-mu-6.md", f"zones: [{ZONES[0]}]", "zones: [不存在的开发区]")
    assert loop.build() == 1
    assert loop.told == []
    assert {p: p.stat().st_mtime_ns for p in loop.output.rglob("*.html")} == before
    assert re.search(r"yuan-qu-xiang-mu-6\.md:\d+: zones: ", loop.said()), loop.said()
    loop.edit("2023/yuan-qu-xiang-mu-6.md", "zones: [不存在的开发区]", f"zones: [{ZONES[0]}]")
    assert loop.build() == 0
    loop.edit("2023/yuan-qu-xiang-mu-1.md", "date: 2023-02-02", "date: 2023-13-45")
    assert loop.build() == 1
    said = loop.said()
    assert re.search(r"yuan-qu-xiang-mu-1\.md:\d+: date: ", said), said
    assert "Traceback" not in said
    loop.edit("2023/yuan-qu-xiang-mu-1.md", "date: 2023-13-45", "date: 2023-02-03")
    loop.edit("2023/yuan-qu-xiang-mu-1.md", "园区第1号项目开工", "园区第1号项目改名")
    assert loop.build() == 0
    assert "园区第1号项目改名" in loop.page("articles/2023/02/yuan-qu-xiang-mu-1/index.html")
    # Saves that come while a build runs: a full pass under way gives way to the newer save
    # (whether it was under way depends on timing; the outcome may not).
    loop.edit("2023/yuan-qu-xiang-mu-3.md", "签约项目十二个", "签约项目二十个")
    loop.server.submit(loop.saved)
    loop.edit("2023/yuan-qu-xiang-mu-4.md", "签约项目十二个", "签约项目三十个")
    loop.server.submit(loop.saved[1:])
    loop.edit("2023/yuan-qu-xiang-mu-3.md", "签约项目二十个", "签约项目二十一个")
    assert loop.build() == 0
    assert "签约项目二十一个" in loop.page(neighbour)

    # After a stopped build the next save is built in full (no page is written ahead).
    loop.edit("2023/yuan-qu-xiang-mu-8.md", "园区第8号项目开工", "园区第8号项目投产")
    assert loop.build() == 0
    assert loop.told[0] == ["articles/2023/09/yuan-qu-xiang-mu-8/index.html"]

    full = run_pelican(loop.content, tmp_path / "full-output", KFQ=KFQ)
    assert full.returncode == 0, full.log
    assert_same_site(loop.output, full.output)


def test_the_saved_page_is_on_disk_before_the_full_pass_and_is_the_full_builds_page(loop, tmp_path):
    assert loop.build() == 0
    page = "articles/2023/01/yuan-qu-xiang-mu-0/index.html"
    loop.edit("2023/yuan-qu-xiang-mu-0.md", "签约项目十二个", "签约项目十三个")  # the body only
    seen: dict[str, str] = {}
    loop.told = []
    loop.saved, changed = [], loop.saved

    def on_pages(pages: list[str]) -> None:
        # Called as each announcement arrives, while the server goes on with the full pass.
        if not seen:
            seen["first"] = loop.page(page)
            seen["log"] = loop.said()
        loop.told.append(pages)

    assert loop.server.build(changed, on_pages) == 0
    assert loop.told[0] == [page]  # the saved page, announced on its own first
    assert "签约项目十三个" in seen["first"]
    assert "saved page in" in seen["log"] and seen["log"].count("built in") == 1  # before the full pass
    # A body shows on its own page only: the full pass found it as written and announced nothing.
    assert len(loop.told) == 1, loop.told
    full = run_pelican(loop.content, tmp_path / "full-output", KFQ=KFQ)
    assert full.returncode == 0, full.log
    assert seen["first"] == (full.output / page).read_text(encoding="utf-8")


def test_a_save_renders_only_the_pages_that_show_the_article(loop):
    assert loop.build() == 0
    times = {p: p.stat().st_mtime_ns for p in loop.output.rglob("*.html")}
    other_zone = loop.output / "zones/zhangzi-jingji-jishu-kaifaqu/index.html"
    other_article = loop.output / "articles/2023/02/yuan-qu-xiang-mu-1/index.html"
    loop.edit("2023/yuan-qu-xiang-mu-0.md", "签约项目十二个", "签约项目十三个")  # the body only
    time.sleep(0.01)
    assert loop.build() == 0
    changed = {p for p in loop.output.rglob("*.html") if times.get(p) != p.stat().st_mtime_ns}
    assert loop.output / "articles/2023/01/yuan-qu-xiang-mu-0/index.html" in changed
    assert "签约项目十三个" in loop.page("articles/2023/01/yuan-qu-xiang-mu-0/index.html")
    assert other_zone not in changed and other_article not in changed
    assert len(changed) < len(times) / 2, sorted(str(p) for p in changed)

    # A register saved: what every page shows may have changed, so every page is rendered.
    times = {p: p.stat().st_mtime_ns for p in loop.output.rglob("*.html")}
    zones = loop.content / "data/zones.yaml"
    zones.write_text(zones.read_text(encoding="utf-8"), encoding="utf-8")
    time.sleep(0.01)
    assert loop.build() == 0
    assert all(times[p] != p.stat().st_mtime_ns for p in times)


def test_the_preview_shows_a_draft_marked_and_lists_it_nowhere(tmp_path, monkeypatch):
    monkeypatch.setenv("KFQ_SITEURL", "https://kfq.test")
    drafts = {**CORPUS, "2023/draft-article.md": fixture_article("draft-article")}
    live = Loop(tmp_path, drafts)
    try:
        assert live.build() == 0
    finally:
        live.server.close()
    page = live.page("articles/2023/11/draft-article/index.html")
    assert "草稿 · 未发布" in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "尚未发布的草稿标题" in page
    # its page shows what a published article's shows (the catalog resolved it too)
    assert re.search(r"约 \d+ 分钟读完", page), "the draft's reading time is missing"
    assert "draft-article" in live.log.read_text(encoding="utf-8")  # told where to read it
    listed = [p for p in tree(live.output) if "draft-article" not in p]
    for rel in listed:
        if rel.endswith((".html", ".xml")):
            assert "draft-article" not in (live.output / rel).read_text(encoding="utf-8"), rel
    # A build of the same content for publishing has no trace of it.
    full = run_pelican(live.content, tmp_path / "full-output", KFQ=KFQ)
    assert full.returncode == 0, full.log
    assert not any("draft" in p for p in tree(full.output))
    assert not any(
        "尚未发布的草稿标题" in (full.output / p).read_text(encoding="utf-8")
        for p in tree(full.output)
        if p.endswith((".html", ".xml"))
    )


def test_compiled_templates_are_not_shared_by_environments_that_compile_differently(tmp_path):
    from kfq.jinja_cache import TemplateCache

    cache = TemplateCache(str(tmp_path))
    source = {"t.html": "<p>\n  {{ x }}\n</p>\n"}
    plain = Environment(loader=DictLoader(source), bytecode_cache=cache)
    assert plain.get_template("t.html").render(x="<b>") == "<p>\n  <b>\n</p>"
    # Same template, same cache, another option: it must compile anew, not reuse the above.
    escaping = Environment(loader=DictLoader(source), bytecode_cache=cache, autoescape=True)
    assert escaping.get_template("t.html").render(x="<b>") == "<p>\n  &lt;b&gt;\n</p>"
    again = Environment(loader=DictLoader(source), bytecode_cache=cache)
    assert again.get_template("t.html").render(x="<b>") == "<p>\n  <b>\n</p>"


def test_a_fingerprinted_name_is_never_folded_into_a_compiled_template(tmp_path):
    """A compiled template outlives the build (kfq.jinja_cache): the `asset` filter must run
    at render time, or an edited stylesheet would keep its old name in every page."""
    from types import SimpleNamespace

    from kfq_assets import add_asset_filter

    theme = tmp_path / "theme"
    (theme / "static/css").mkdir(parents=True)
    css = theme / "static/css/site.css"
    source = {"t.html": "{{ 'css/site.css'|asset }}"}

    def render() -> str:
        env = Environment(loader=DictLoader(source), bytecode_cache=TemplateCacheAt(tmp_path / "jinja"))
        settings = {"THEME": str(theme), "THEME_STATIC_DIR": "theme", "KFQ": {}}
        add_asset_filter(SimpleNamespace(context={}, settings=settings, env=env))
        return env.get_template("t.html").render()

    css.write_text("p { color: red; }", encoding="utf-8")
    first = render()
    css.write_text("p { color: blue; }", encoding="utf-8")
    assert render() != first


def TemplateCacheAt(folder: Path):
    from kfq.jinja_cache import TemplateCache

    folder.mkdir(exist_ok=True)
    return TemplateCache(str(folder))

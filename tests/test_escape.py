"""Markup written into any front-matter field, or into a register's names, is shown as text
everywhere: every page, meta tag and JSON-LD block, the feeds and the sitemap, the search
index (which the search page inserts as text) and the year-end office files, where a value
starting with `=` stays text and never becomes a formula."""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, fixture_article, make_content, run_pelican
from tests.intake.submissions import photo_bytes

# Every free-text field of the contract (the others are checked against the registers, a
# pattern, a date or a file, and markup never passes them).
TEXT_FIELDS = ("title", "kicker", "subtitle", "summary", "image_alt", "image_caption", "image_credit",
               "source", "date_basis", "content_hash")  # fmt: skip
# Names that come from the registers: the test registers carry markup in one of each.
REGISTER_FIELDS = ("author", "zone", "topic")
FIELDS = TEXT_FIELDS + REGISTER_FIELDS
# A spreadsheet formula at the start: a title is a cell of the year-end workbook.
FORMULA = '=HYPERLINK("https://evil.example/","点此")'


def hostile(field: str) -> str:
    """Markup that breaks out of an element, an attribute and a <title>, naming its field."""
    return f'</title></script>"\'><script>alert("{field}")</script><img src=x onerror=alert("{field}")>'


def value(field: str) -> str:
    """What the marked article and registers hold in field."""
    if field == "title":
        return FORMULA + hostile(field)
    if field in REGISTER_FIELDS:
        return "测试" + hostile(field) + ("开发区" if field == "zone" else "")
    return hostile(field)


# What no output may carry as it is: the markup of any field, unescaped.
RAW = [
    piece
    for field in FIELDS
    for piece in (f'<script>alert("{field}")', f'<img src=x onerror=alert("{field}")>')
]


def marked_content(tmp: Path) -> Path:
    """A content folder whose one article fills every text field with markup and names an
    author, a zone and a topic whose register names are markup too."""
    text = fixture_article("valid-article").read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    kept = ("title:", "kicker:", "subtitle:", "authors:", "zones:", "topics:")
    lines = [line for line in head.splitlines() if not line.startswith(kept)]
    fields = {name: value(name) for name in TEXT_FIELDS}
    fields |= {
        "image": "images/2023/p.jpg",
        "authors": [value("author")],
        "zones": [value("zone"), "左云经济技术开发区"],
        "topics": [value("topic"), "招商引资"],
    }
    # JSON is YAML: every value written as a double-quoted string, whatever it holds.
    front = [*lines, *(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items())]
    content = make_content(tmp, {"2023/valid-article.md": "\n".join(front) + "\n---\n" + body})
    (content / "images" / "2023").mkdir(parents=True)
    (content / "images" / "2023" / "p.jpg").write_bytes(photo_bytes(800, 600))
    data = content / "data"
    zones = yaml.safe_load((data / "zones.yaml").read_text(encoding="utf-8"))
    zone = {"name": value("zone"), "slug": "ceshi-kaifaqu", "short": [], "aliases": [], "city": "大同市"}
    zones["zones"].append(zone | {"level": "省级", "kind": "经济技术开发区", "profile": hostile("zone")})
    people = yaml.safe_load((data / "contributors.yaml").read_text(encoding="utf-8"))
    people["contributors"].append(
        {"name": value("author"), "role": "通讯员", "slug": "ceshi", "zone": "左云经济技术开发区"}
    )
    topics = yaml.safe_load((data / "topics.yaml").read_text(encoding="utf-8"))
    topics["topics"].append({"name": value("topic"), "slug": "ceshi", "signals": []})
    for name, register in (("zones", zones), ("contributors", people), ("topics", topics)):
        (data / f"{name}.yaml").write_text(yaml.safe_dump(register, allow_unicode=True), encoding="utf-8")
    return content


def build_marked_site(tmp: Path):
    """The marked content built by Pelican with every output on (feeds, search index)."""
    content = marked_content(tmp)
    build = run_pelican(content, tmp / "output", FEED_ALL_ATOM="feeds/all.atom.xml")
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="module")
def marked_site(tmp_path_factory):
    return build_marked_site(tmp_path_factory.mktemp("marked"))


@pytest.fixture(scope="module")
def office_files(marked_site) -> list[Path]:
    """`invoke contributors --year 2023` over the marked content (its one function)."""
    from kfq.yearend.cli import run

    out = marked_site.content.parent / "office"
    report = run(2023, marked_site.content, out, siteurl="https://kfq.test")
    return report.files


def test_no_output_file_carries_a_field_as_markup(marked_site):
    scanned = 0
    for path in marked_site.files():
        if path.suffix not in (".html", ".xml", ".txt", ".js", ".css"):
            continue
        scanned += 1
        text = path.read_text(encoding="utf-8", errors="replace")
        assert [r for r in RAW if r in text] == [], path
        assert "</title></script>" not in text, path
    assert scanned > 20


def html_has_no_markup_of_ours(html: str, where: str) -> None:
    """Parsed as a browser would: no element or attribute the fields' markup would make."""
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all("img", src="x"), where
    handlers = [(t.name, a) for t in soup.find_all(True) for a in t.attrs if a.lower().startswith("on")]
    assert handlers == [], where
    for script in soup.find_all("script"):
        assert script.get("type") == "application/ld+json" or (script.get("src") and not script.string), where


def test_every_page_parses_without_an_element_or_attribute_from_the_fields(marked_site):
    pages = [p for p in marked_site.files() if p.suffix == ".html"]
    assert len(pages) > 15
    for path in pages:
        html_has_no_markup_of_ours(path.read_text(encoding="utf-8"), str(path))


def test_the_article_page_shows_the_markup_as_text(marked_site):
    page = BeautifulSoup(marked_site.page("articles/2023/11/valid-article/index.html"), "html.parser")
    assert page.h1.get_text() == value("title")
    assert page.title.get_text().startswith(value("title"))
    assert value("kicker") in page.get_text() and value("subtitle") in page.get_text()
    assert value("author") in page.get_text() and value("zone") in page.get_text()
    # Meta tags hold the text; JSON-LD holds it as data, and cannot close its <script>.
    assert page.find("meta", property="og:title")["content"].startswith(value("title"))
    assert page.find("meta", attrs={"name": "description"})["content"] == value("summary")
    (ld,) = page.find_all("script", type="application/ld+json")
    assert "</" not in ld.string
    data = json.loads(ld.string)
    assert data["headline"] == value("title") and data["alternativeHeadline"] == value("subtitle")


def test_register_names_are_text_on_their_own_pages(marked_site):
    for rel, field in (
        ("zones/ceshi-kaifaqu/index.html", "zone"),
        ("authors/ceshi/index.html", "author"),
        ("topics/ceshi/index.html", "topic"),
    ):
        page = BeautifulSoup(marked_site.page(rel), "html.parser")
        assert page.h1.get_text().strip().startswith(value(field)[:10]), rel
        assert value(field) in page.get_text(), rel


def feeds_with_the_article(site) -> list:
    return [p for p in sorted((site.output / "feeds").rglob("*.atom.xml")) if b"<entry>" in p.read_bytes()]


def test_feeds_carry_the_markup_as_text_even_inside_html_elements(marked_site):
    feeds = feeds_with_the_article(marked_site)
    assert [p.name for p in feeds if p.parent.name == "feeds"] == ["all.atom.xml"] and len(feeds) >= 2
    assert "ceshi-kaifaqu.atom.xml" in [p.name for p in feeds]
    for path in feeds:
        check_feed(ET.parse(path).getroot())


def check_feed(root) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    html_elements = [e for e in root.iter() if e.get("type") == "html"]
    assert html_elements, "an Atom feed with a summary and content in HTML"
    for element in html_elements:
        # A feed reader renders these as HTML: once decoded, no tag of ours may appear.
        html_has_no_markup_of_ours(element.text or "", element.tag)
    # Elements without type="html" are text (Atom's default): the markup is their text.
    titles = [e.text for e in root.iter(f"{atom}title") if e.get("type") in (None, "text")]
    assert any((t or "").startswith(value("title")) for t in titles)
    assert value("author") in [e.text for e in root.iter(f"{atom}name")]
    summaries = [e.text for e in root.iter(f"{atom}summary")]
    assert any("&lt;script&gt;" in (s or "") for s in summaries)


def test_the_sitemap_is_well_formed_and_lists_only_addresses(marked_site):
    root = ET.parse(marked_site.output / "sitemap.xml").getroot()
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(loc.endswith("/zones/ceshi-kaifaqu/") for loc in locs)
    assert all(re.fullmatch(r"[\x21-\x7e]+", loc) for loc in locs), locs


def fragments(site) -> list[dict]:
    """The search index's page fragments, in every year bundle: gzip, then Pagefind's
    signature, then JSON."""
    out = []
    for path in sorted((site.output / "pagefind").glob("*/fragment/*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        out.append(json.loads(raw[raw.index(b"{") :]))
    return out


def test_the_search_index_holds_the_fields_as_the_text_readers_see(marked_site):
    """The search page puts a fragment's title and zones into the page as text: they must be
    the field's text itself (not markup, not entities that would show as &lt;)."""
    (fragment,) = fragments(marked_site)
    meta = fragment["meta"]
    assert meta["title"] == value("title")
    assert value("zone") in meta["zones"] and value("author") in meta["terms"]
    assert value("zone") in fragment["filters"]["zone"]
    assert value("kicker") in fragment["content"].replace("\u200b", "")


# Ways a script turns a string into markup; search.js builds every node with textContent.
HTML_SINKS = re.compile(
    r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser"
    r"|setHTML|srcdoc|\beval\(|new Function"
)


def test_the_search_page_inserts_what_the_index_holds_as_text_only(marked_site):
    script = (ROOT / "theme/static/js/search.js").read_text(encoding="utf-8")
    assert HTML_SINKS.findall(script) == []
    # Every node is made by el(tag, props): props only ever set text and plain attributes.
    props = set(re.findall(r"\b(\w+):", " ".join(re.findall(r"\bel\(\s*\"\w+\",\s*\{([^}]*)\}", script))))
    assert props and props <= {"textContent", "className", "href", "value", "htmlFor", "name", "id", "type"}
    # The search page loads our script and Pagefind's, never Pagefind's own UI (which would
    # insert its HTML excerpts).
    page = BeautifulSoup(marked_site.page("search/index.html"), "html.parser")
    (src,) = [s.get("src") for s in page.find_all("script")]
    assert re.fullmatch(r"/theme/js/search\.[0-9a-f]{10}\.js", src), src
    assert "pagefind-ui" not in script and "excerpt" not in re.findall(r"data\.(\w+)", script)


def office_parts(path: Path) -> dict[str, ET.Element]:
    with zipfile.ZipFile(path) as z:
        return {n: ET.fromstring(z.read(n)) for n in z.namelist() if n.endswith((".xml", ".rels"))}


def test_office_files_hold_the_fields_as_text_and_no_formula_of_theirs(office_files):
    """The workbook and the documents are XML: the markup is text in them (the XML parses,
    and no element comes from a field), and the workbook's only formulas are its own."""
    assert {p.suffix for p in office_files} == {".xlsx", ".docx"} and len(office_files) >= 3
    texts: dict[str, str] = {}
    for path in office_files:
        parts = office_parts(path)  # ET.fromstring fails on markup that broke the XML
        tags = {e.tag.rsplit("}", 1)[-1] for root in parts.values() for e in root.iter()}
        assert not tags & {"script", "img", "svg", "iframe"}, path
        texts[path.name] = "".join(t for root in parts.values() for e in root.iter() for t in [e.text or ""])
        if path.suffix == ".xlsx":
            formulas = [
                e.text for root in parts.values() for e in root.iter() if e.tag.endswith("}f") and e.text
            ]
            assert formulas and all(f.startswith(("SUMPRODUCT(", "COUNTA(", "SUM(")) for f in formulas), (
                formulas
            )
            assert all("evil.example" not in f for f in formulas)
    workbook = next(t for name, t in texts.items() if name.endswith(".xlsx"))
    assert value("title") in workbook and value("author") in workbook
    listing = next(t for name, t in texts.items() if "篇目" in name)
    assert value("title") in listing and value("author") in listing
    # No CSV is written (a spreadsheet's cells are typed); were one added, it must be covered here.
    assert not [p for p in office_files if p.suffix == ".csv"]

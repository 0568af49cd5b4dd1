"""Markup written into any front-matter field is shown as text everywhere: pages, meta tags,
JSON-LD, feeds and the sitemap never carry it as a tag."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from conftest import fixture_article

# Every free-text field of the contract (the others are checked against the registers, a
# pattern, a date or a file, and markup never passes them).
TEXT_FIELDS = ("title", "kicker", "subtitle", "summary", "image_alt", "image_caption", "image_credit",
               "source", "date_basis", "content_hash")  # fmt: skip


def hostile(field: str) -> str:
    return f'<script>alert("{field}")</script><img src=x onerror=alert("{field}")>'


def marked_article() -> str:
    text = fixture_article("valid-article").read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    lines = [line for line in head.splitlines() if not line.startswith(("title:", "kicker:", "subtitle:"))]
    fields = "\n".join(["image: images/2023/p.jpg", *(f"{name}: '{hostile(name)}'" for name in TEXT_FIELDS)])
    return "\n".join([*lines, fields]) + "\n---\n" + body


@pytest.fixture(scope="module")
def marked_site(tmp_path_factory):
    from conftest import make_content, run_pelican

    tmp = tmp_path_factory.mktemp("marked")
    from tests.intake.submissions import photo_bytes

    content = make_content(tmp, {"2023/valid-article.md": marked_article()})
    (content / "images" / "2023").mkdir(parents=True)
    (content / "images" / "2023" / "p.jpg").write_bytes(photo_bytes(800, 600))
    build = run_pelican(content, tmp / "output", FEED_ALL_ATOM="feeds/all.atom.xml")
    assert build.returncode == 0, build.log
    return build


def test_no_output_file_carries_a_field_as_markup(marked_site):
    scanned = 0
    for path in marked_site.files():
        if path.suffix not in (".html", ".xml", ".json", ".txt", ".js"):
            continue
        scanned += 1
        text = path.read_text(encoding="utf-8", errors="replace")
        for field in TEXT_FIELDS:
            assert f'<script>alert("{field}")' not in text, (path, field)
            assert f'onerror=alert("{field}")>' not in text, (path, field)
    assert scanned > 10


def test_the_article_page_shows_the_markup_as_text(marked_site):
    page = BeautifulSoup(marked_site.page("articles/2023/11/valid-article/index.html"), "html.parser")
    assert page.h1.get_text() == hostile("title")
    assert not page.select("article script, .story script, h1 img")
    # Meta tags hold the text; JSON-LD holds it as data.
    assert page.find("meta", property="og:title")["content"].startswith(hostile("title")[:20])
    assert 'alert("summary")' in page.find("meta", attrs={"name": "description"})["content"]
    assert [s.get("type") for s in page.find_all("script")] == ["application/ld+json"]


def feeds_with_the_article(site) -> list:
    return [p for p in sorted((site.output / "feeds").rglob("*.atom.xml")) if b"<entry>" in p.read_bytes()]


def test_feeds_carry_the_markup_as_text_even_inside_html_elements(marked_site):
    feeds = feeds_with_the_article(marked_site)
    assert [p.name for p in feeds if p.parent.name == "feeds"] == ["all.atom.xml"] and len(feeds) >= 2
    for path in feeds:
        check_feed(ET.parse(path).getroot())


def check_feed(root) -> None:
    html_elements = [e for e in root.iter() if e.get("type") == "html"]
    assert html_elements, "an Atom feed with a summary and content in HTML"
    for element in html_elements:
        # A feed reader renders these as HTML: once decoded, no tag of ours may appear.
        for field in TEXT_FIELDS:
            assert f'<script>alert("{field}")' not in (element.text or ""), (element.tag, field)
    summaries = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}summary")]
    assert any("&lt;script&gt;" in (s or "") for s in summaries)

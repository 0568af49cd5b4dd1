"""Article photos: the contract's checks, the resized copies without metadata, and a real build
that shows the photo with its caption and credit, as a thumbnail in lists and in Open Graph."""

from __future__ import annotations

import io

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import fixture_article, make_content, run_pelican
from kfq import images
from kfq.contract import check_article
from tests.intake.submissions import photo_bytes

PHOTO_FRONT = (
    "slug: valid-article\nimage: images/2023/chejian.jpg\nimage_alt: 工人在生产车间操作设备\n"
    "image_caption: 图为项目生产车间。\nimage_credit: 李明"
)


def gif_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (800, 600)).save(buf, "GIF")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (lambda: gif_bytes(), "GIF images are not published"),
        (lambda: photo_bytes(300, 200), "300 px wide is too small"),
        (lambda: b"\xff\xd8 not really a jpeg", "not an image the site can show"),
    ],
)
def test_an_image_the_site_cannot_publish_is_refused_with_a_fix(data, words):
    with pytest.raises(images.ImageRefused) as e:
        images.inspect(data(), "a.jpg")
    assert words in str(e.value) and " — " in str(e.value)


def test_an_oversize_image_is_refused(monkeypatch):
    monkeypatch.setattr(images, "MAX_BYTES", 1000)
    with pytest.raises(images.ImageRefused, match="over the 0 MB limit"):
        images.inspect(photo_bytes(), "a.jpg")


def test_copies_are_resized_within_budget_and_carry_no_exif_or_gps(tmp_path):
    source = tmp_path / "a.jpg"
    source.write_bytes(photo_bytes(2400, 1600))
    assert Image.open(source).getexif().get_ifd(0x8825)  # the original has a GPS position
    r = images.render(source, tmp_path / "out", "images/2023")
    assert [c.width for c in r.copies] == [480, 960, 1600]
    assert [c.height for c in r.copies] == [320, 640, 1067]
    for c in r.copies:
        for url, size in ((c.webp, c.webp_bytes), (c.jpeg, c.jpeg_bytes)):
            data = (tmp_path / "out" / url.rsplit("/", 1)[1]).read_bytes()
            assert len(data) == size <= images.BUDGET[c.width]
            with Image.open(io.BytesIO(data)) as im:
                assert im.size == (c.width, c.height)
                assert not im.getexif() and "exif" not in im.info and "icc_profile" not in im.info
            assert b"GPS" not in data and b"PhoneMaker" not in data
    # A phone is offered the copies up to 960 px: its largest is under 150 KB.
    assert "1600w" not in r.srcset("webp", phone=True)
    assert max(c.webp_bytes for c in r.copies if c.width <= images.PHONE_MAX_WIDTH) < 150_000
    # Named by content: a second render encodes nothing.
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "out").iterdir()}
    images.render(source, tmp_path / "out", "images/2023")
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "out").iterdir()} == before


def test_a_small_photo_is_never_enlarged(tmp_path):
    source = tmp_path / "a.png"
    Image.new("RGB", (700, 500), "white").save(source)
    r = images.render(source, tmp_path / "out", "images/2023")
    assert [c.width for c in r.copies] == [480, 700]


def photo_content(tmp_path, front=PHOTO_FRONT, data: bytes | None = None):
    text = (
        fixture_article("valid-article").read_text(encoding="utf-8").replace("slug: valid-article", front, 1)
    )
    content = make_content(tmp_path, {"2023/valid-article.md": text})
    (content / "images" / "2023").mkdir(parents=True)
    (content / "images" / "2023" / "chejian.jpg").write_bytes(data or photo_bytes(2000, 1500))
    return content


@pytest.mark.parametrize(
    ("front", "data", "words"),
    [
        (PHOTO_FRONT.replace("chejian.jpg", "nowhere.jpg"), None, "'images/2023/nowhere.jpg' does not exist"),
        (PHOTO_FRONT, gif_bytes(), "GIF images are not published"),
        (
            PHOTO_FRONT.replace("images/2023/chejian.jpg", "/tmp/a.jpg"),
            None,
            "not a file under content/images/",
        ),
    ],
)
def test_the_check_names_a_bad_image_with_file_and_line(tmp_path, registers, front, data, words):
    content = photo_content(tmp_path, front, data)
    path = content / "articles" / "2023" / "valid-article.md"
    (problem,) = check_article(path, registers).problems
    assert (problem.field, problem.line) == ("image", 12)
    assert words in str(problem) and str(problem).startswith(f"{path}:12: image: ")


def test_the_build_publishes_copies_and_shows_caption_credit_thumbnail_and_og_image(tmp_path):
    content = photo_content(tmp_path)
    build = run_pelican(content, tmp_path / "output")
    assert build.returncode == 0, build.log
    published = sorted(p.name for p in (build.output / "images" / "2023").iterdir())
    assert len(published) == 6 and all(n.startswith("chejian-") for n in published)
    assert not (build.output / "images" / "2023" / "chejian.jpg").exists()  # never the original
    page = BeautifulSoup(build.page("articles/2023/11/valid-article/index.html"), "html.parser")
    figure = page.select_one("figure.story-image")
    img = figure.select_one("img")
    assert (img["width"], img["height"], img["alt"]) == ("1600", "1200", "工人在生产车间操作设备")
    assert not img.has_attr("loading")  # the article's own photo is at the top: not lazy
    sources = figure.select("source")
    assert [s.get("type") for s in sources] == ["image/webp", "image/webp", None]
    assert "1600w" not in sources[0]["srcset"] and "1600w" in sources[1]["srcset"]
    assert figure.select_one("figcaption").get_text() == "图为项目生产车间。 李明 摄"
    og = page.select_one("meta[property='og:image']")["content"]
    assert og.startswith("/images/2023/chejian-") and og.endswith("-960.jpg")  # SITEURL is "" locally
    home = BeautifulSoup(build.page("index.html"), "html.parser")
    thumb = home.select_one(".item-photo img")
    assert thumb["loading"] == "lazy" and thumb["alt"] == "" and thumb["sizes"] == "8rem"


def test_the_feed_entry_leads_with_the_photo_and_encloses_it(tmp_path):
    import xml.etree.ElementTree as ET

    content = photo_content(tmp_path)
    build = run_pelican(content, tmp_path / "output")
    assert build.returncode == 0, build.log
    atom = "{http://www.w3.org/2005/Atom}"
    entry = ET.parse(build.output / "feeds" / "all.atom.xml").getroot().find(f"{atom}entry")
    enclosure = entry.find(f"{atom}link[@rel='enclosure']")
    assert enclosure.get("type") == "image/jpeg" and enclosure.get("href").endswith("-960.jpg")
    html = BeautifulSoup(entry.find(f"{atom}content").text, "html.parser")
    assert html.select_one("figure img")["alt"] == "工人在生产车间操作设备"
    assert html.select_one("figcaption").get_text() == "图为项目生产车间。 李明 摄"


def test_a_photo_adds_little_to_the_article_page_budget(tmp_path):
    """The photo's markup (sources, sizes, caption) keeps the page's HTML+CSS within budget,
    image bytes aside; the frame of an article page grows by under 1.5 KB."""
    from bench.pages import BUDGET, weight

    with_photo = run_pelican(photo_content(tmp_path / "a"), tmp_path / "a" / "output")
    plain = run_pelican(
        make_content(tmp_path / "b", {"2023/valid-article.md": fixture_article("valid-article")}),
        tmp_path / "b" / "output",
    )
    rel = "articles/2023/11/valid-article/index.html"
    heavy, light = weight(with_photo.output, rel), weight(plain.output, rel)
    assert heavy["html_css"] <= BUDGET
    assert heavy["html_css"] - light["html_css"] < 1536, (heavy, light)


def test_a_previewed_draft_shows_its_photo_and_a_published_build_has_neither(tmp_path):
    """An editor reviews a submission in `invoke livereload` with its photo; `invoke build`
    publishes neither the draft nor its photo's copies."""
    kfq = {"DATA_DIR": "data", "REQUIRED_PLUGINS": [], "SEARCH_INDEX": False}
    content = photo_content(tmp_path)
    article = content / "articles" / "2023" / "valid-article.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("status: published", "status: draft"), encoding="utf-8")
    preview = run_pelican(content, tmp_path / "preview", KFQ={**kfq, "PREVIEW_DRAFTS": True})
    assert preview.returncode == 0, preview.log
    page = BeautifulSoup(preview.page("articles/2023/11/valid-article/index.html"), "html.parser")
    img = page.select_one("figure.story-image img")
    assert img is not None and img["alt"] == "工人在生产车间操作设备"
    assert (preview.output / img["src"].lstrip("/")).is_file()
    published = run_pelican(content, tmp_path / "published", KFQ=kfq)
    assert published.returncode == 0, published.log
    assert not (published.output / "images").exists()
    assert not (published.output / "articles" / "2023" / "11" / "valid-article").exists()

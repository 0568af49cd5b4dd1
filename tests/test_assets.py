"""Fingerprinted theme files: names that carry their content's digest, linked by every page."""

from __future__ import annotations

import re
import shutil

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, make_content, run_pelican
from kfq.assets import asset_path, fingerprinted_name, is_fingerprinted, manifest
from kfq.errors import UnknownAsset
from kfq_minify.stylesheets import minify


@pytest.mark.parametrize(
    ("rel", "data", "expected"),
    [
        ("css/site.css", b"body{}", "css/site.{}.css"),
        ("favicon.svg", b"<svg/>", "favicon.{}.svg"),
        ("js/search.js", b"", "js/search.{}.js"),
        ("a/b.min.js", b"x", "a/b.min.{}.js"),
    ],
)
def test_fingerprinted_name_puts_the_digest_before_the_suffix(rel, data, expected):
    import hashlib

    name = fingerprinted_name(rel, data)
    assert name == expected.format(hashlib.sha256(data).hexdigest()[:10])
    assert is_fingerprinted(name) and not is_fingerprinted(rel)


@given(st.binary(), st.binary())
def test_a_different_content_gets_a_different_name(a, b):
    same = fingerprinted_name("css/site.css", a) == fingerprinted_name("css/site.css", b)
    assert same == (a == b)


def test_asset_path_names_the_static_folder_and_refuses_an_unknown_file():
    assets = {"css/site.css": "css/site.0123456789.css"}
    assert asset_path(assets, "css/site.css", "theme") == "theme/css/site.0123456789.css"
    assert asset_path(assets, "css/site.css", "theme", fingerprint=False) == "theme/css/site.css"
    with pytest.raises(UnknownAsset, match=r"'css/sites\.css'.*correct the name"):
        asset_path(assets, "css/sites.css", "theme")


def test_every_page_links_theme_files_by_fingerprinted_names_that_exist(seed_site):
    assets = manifest([ROOT / "theme/static"])
    linked = set()
    for page in seed_site.output.rglob("*.html"):
        if "pagefind" in page.parts:
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.select("link[href^='/theme/'], script[src^='/theme/']"):
            url = tag.get("href") or tag.get("src")
            assert is_fingerprinted(url), f"{page}: {url}"
            assert (seed_site.output / url.lstrip("/")).is_file(), f"{page}: {url}"
            linked.add(url)
    # favicon.ico is not linked: browsers ask for it at the site's root, where kfq_site puts it
    assert linked == {f"/theme/{name}" for rel, name in assets.items() if rel != "favicon.ico"}
    # The copy is what the build ships under the plain name: the stylesheet minified.
    for rel, name in assets.items():
        shipped = (seed_site.output / "theme" / name).read_bytes()
        assert shipped == (seed_site.output / "theme" / rel).read_bytes()
        if rel.endswith(".css"):
            source = (ROOT / "theme/static" / rel).read_text(encoding="utf-8")
            assert shipped.decode() == minify(source)


def test_a_changed_stylesheet_gets_a_new_name_in_every_page(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    before = fingerprinted_name("css/site.css", (theme / "static/css/site.css").read_bytes())
    with (theme / "static/css/site.css").open("a", encoding="utf-8") as f:
        f.write("\n.new-rule { color: red; }\n")
    build = run_pelican(make_content(tmp_path), tmp_path / "output", THEME=str(theme))
    assert build.returncode == 0, build.log
    home = build.page("index.html")
    after = re.search(r"/theme/(css/site\.[0-9a-f]{10}\.css)", home)[1]
    assert after != before
    assert ".new-rule{color:red}" in (build.output / "theme" / after).read_text(encoding="utf-8")

"""The Atom feeds by the book: valid against RFC 4287's grammar (jing), an author for every
entry, `updated` from the newest entry, and a zone feed only where the zone has articles."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, run_pelican, seed_articles
from kfq.registers import load_registers

ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = ROOT / "tests/schemas/atom.rnc"
JING = shutil.which("jing")


def jing(*paths: Path) -> subprocess.CompletedProcess:
    """RELAX NG validation by jing (Debian's package, on the machine's Java), compact syntax."""
    if JING is None:
        pytest.fail("jing is not installed: run `make setup`")
    return subprocess.run([JING, "-c", str(SCHEMA), *map(str, paths)], capture_output=True, text=True)


def feeds(build) -> list[Path]:
    return [build.output / "feeds/all.atom.xml", *sorted((build.output / "feeds/zones").glob("*.atom.xml"))]


def test_every_feed_is_valid_atom(seed_site):
    result = jing(*feeds(seed_site))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_validator_refuses_a_feed_that_breaks_the_grammar(seed_site, tmp_path):
    text = (seed_site.output / "feeds/all.atom.xml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.atom.xml"
    # an `updated` that is no date
    broken.write_text(text.replace("<updated>", "<updated>soon ", 1), encoding="utf-8")
    assert jing(broken).returncode != 0


def test_every_entry_has_an_author_and_updated_is_the_newest_entry(seed_site):
    for path in feeds(seed_site):
        root = ET.parse(path).getroot()
        feed_author = root.find(f"{ATOM}author/{ATOM}name")
        assert feed_author is not None and feed_author.text == "《开发区建设》周刊", path  # RFC 4287 4.1.1
        assert root.find(f"{ATOM}author/{ATOM}uri").text.startswith("http")
        entries = root.findall(f"{ATOM}entry")
        assert entries, f"{path.name}: an empty feed"
        newest = max(e.findtext(f"{ATOM}updated") for e in entries)
        assert root.findtext(f"{ATOM}updated") == newest, path  # not the time of the build
        ids = [e.findtext(f"{ATOM}id") for e in entries]
        assert len(set(ids)) == len(ids)
        for e in entries:
            alternates = [
                link for link in e.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"
            ]
            assert len(alternates) == 1


def test_an_unsigned_article_is_the_weeklys_own_in_the_feed(seed_site):
    root = ET.parse(seed_site.output / "feeds/all.atom.xml").getroot()
    unsigned = [
        e for e in root.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}title").startswith("乘势而上谋突破")
    ]
    assert len(unsigned) == 1 and unsigned[0].find(f"{ATOM}author") is None  # the feed's author covers it


def test_zone_feeds_exist_and_are_offered_only_where_the_zone_has_articles(seed_site):
    registers = load_registers(ROOT / "content/data")
    covered = {registers.zone_named(z).slug for m, _ in seed_articles() for z in m["zones"]}
    written = {p.name.removesuffix(".atom.xml") for p in (seed_site.output / "feeds/zones").glob("*.xml")}
    assert written == covered
    for zone in registers.zones:
        page = BeautifulSoup(seed_site.page(f"zones/{zone.slug}/index.html"), "html.parser")
        offered = page.select(
            f"a[href$='/feeds/zones/{zone.slug}.atom.xml'], link[type='application/atom+xml']"
        )
        own = [x for x in offered if x.get("href", "").endswith(f"/zones/{zone.slug}.atom.xml")]
        assert bool(own) == (zone.slug in covered), zone.slug


def test_feeds_are_the_same_in_two_builds(seed_site, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    again = run_pelican(content, tmp_path / "out")
    assert again.returncode == 0, again.log
    for path in feeds(seed_site):
        rel = path.relative_to(seed_site.output)  # (the seed site's extra draft is in no feed)
        assert (again.output / rel).read_bytes() == path.read_bytes(), rel

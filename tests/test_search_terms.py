"""kfq.search_terms: the search page's pinyin and spellings, built from the registers."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from conftest import seed_articles
from kfq.search_terms import pinyin_key, reader_terms


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("左云", "zuoyun"),
        ("长子", "zhangzi"),  # the place's official reading, not chang
        ("长治", "changzhi"),
        ("洪洞", "hongtong"),
        ("闫杰", "yanjie"),
        ("zuoyun-jingji-jishu-kaifaqu", "zuoyunjingjijishukaifaqu"),
        ("Zuo Yun", "zuoyun"),
        ("lü liang", "lvliang"),
    ],
)
def test_pinyin_keys_read_places_officially_and_fold_what_readers_type(site_registers, text, key):
    assert pinyin_key(text, site_registers.places) == key


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz -'", max_size=30))
def test_an_ascii_key_ignores_case_spaces_and_hyphens(text):
    assert pinyin_key(text) == pinyin_key(text.upper().replace(" ", "-")) == pinyin_key(text.replace(" ", ""))


def test_every_zone_spelling_place_and_person_has_its_reading(site_registers):
    terms = reader_terms(site_registers)
    for zone in site_registers.zones:
        assert zone.name in terms["pinyin"][zone.slug.replace("-", "")]
        assert any(set(zone.names) == set(group) for group in terms["spellings"]) or len(zone.names) == 1
    for person in site_registers.contributors:
        assert person.name in terms["pinyin"][pinyin_key(person.name, site_registers.places)]
    assert terms["pinyin"]["qingxu"] == ["清徐"]
    assert terms["pinyin"]["sangeyipi"] == ["三个一批"]  # the theme without its printed quotes


def test_names_that_read_alike_share_a_key(registers):
    people = {c.name for c in registers.contributors}
    if not {"王伟", "汪伟"} <= people:
        pytest.skip("the test registers no longer hold 王伟 and 汪伟")
    assert set(reader_terms(registers)["pinyin"]["wangwei"]) >= {"王伟", "汪伟"}


def test_the_build_writes_the_dictionary_and_indexes_the_article_terms(seed_site, site_registers):
    terms = json.loads(seed_site.page("search/terms.json"))
    assert terms == json.loads(json.dumps(reader_terms(site_registers), ensure_ascii=False))
    for meta, _ in seed_articles():
        if meta.get("status", "published") != "published":
            continue
        page = BeautifulSoup(seed_site.page(meta["url"].lstrip("/") + "index.html"), "html.parser")
        body = page.select_one("[data-pagefind-body]")
        assert body["data-pagefind-filter"] == f"year:{meta['date'].year}"
        hidden = body.select_one(".search-terms")
        assert hidden.has_attr("hidden") and hidden["data-pagefind-meta"] == "terms"
        words = hidden.get_text(" ").split()
        for author in meta["authors"]:
            person = site_registers.contributor_named(author)
            assert {person.name, *person.aliases} <= set(words), meta["url"]
        for zone in meta.get("zones") or ():
            assert set(site_registers.zone_named(zone).names) <= set(words), meta["url"]
        assert set(meta.get("topics") or ()) <= set(words)
        assert not meta.get("theme") or meta["theme"] in words


def test_the_search_page_keeps_its_script_budget(seed_site):
    """README: the search page's own script and dictionary (besides Pagefind's) stay small."""
    script = (seed_site.output / "theme/js/search.js").stat().st_size
    dictionary = (seed_site.output / "search/terms.json").stat().st_size
    assert script <= 20_000, f"search.js is {script:,} bytes: the README budgets 20 KB"
    assert dictionary <= 20_000, f"terms.json is {dictionary:,} bytes for the seed registers"

"""The registers: the shipped ones are complete for the seeds; broken ones are named."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from kfq.errors import RegisterError
from kfq.registers import load_registers
from kfq.slugs import slugify

TRUTH = json.loads((ROOT / "seeds/truth.json").read_text(encoding="utf-8"))


def test_every_zone_and_author_of_the_seeds_is_registered(site_registers):
    for article in TRUTH["articles"]:
        for zone in article["zones"]:
            assert site_registers.zone_named(zone) is not None, zone
        for name in article["authors"]:
            person = site_registers.contributor_named(name)
            assert person is not None, name
            assert person.is_staff == bool(article.get("staff"))
            assert (person.role == "机构") == bool(article.get("org_author"))


def test_zone_slugs_use_the_official_place_readings(site_registers):
    for zone in site_registers.zones:
        # Same letters as pypinyin with the place readings; words may be grouped by '-'.
        reading = slugify(zone.name, site_registers.places, max_len=200)
        assert zone.slug.replace("-", "") == reading.replace("-", ""), zone.name
    assert site_registers.zone_named("长子经开区").slug.startswith("zhangzi-")
    assert site_registers.zone_named("长治经开区").slug.startswith("changzhi-")


def test_the_2023_call_matches_the_printed_one(site_registers):
    call = site_registers.call_for(dt.date(2023, 6, 1))
    printed = TRUTH["calls"][0]
    assert call.date.isoformat() == printed["date"]
    assert call.issuer == printed["issuer"]
    assert list(call.theme_names) == printed["themes"]
    assert {g.name: g.target for g in call.genres} == printed["genres"]
    assert call.data["images_max"] == printed["images_max"]
    assert call.data["ranking"]["top"] == printed["top_contributors"]
    assert call.data["email"] == printed["email"]


def test_the_call_in_force_is_the_latest_issued(registers, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data)
    later = (data / "calls/2023.yaml").read_text(encoding="utf-8").replace("2023-03-28", "2024-03-01")
    (data / "calls/2024.yaml").write_text(later, encoding="utf-8")
    reg = load_registers(data)
    assert reg.call_for(dt.date(2023, 12, 1)).key == "2023"
    assert reg.call_for(dt.date(2024, 3, 1)).key == "2024"
    assert reg.call_for(dt.date(2020, 1, 1)).key == "2023"  # before any call: the earliest


def test_aliases_resolve_to_one_zone_and_one_person(registers):
    assert registers.zone_named("左云开发区").name == "左云经济技术开发区"
    assert registers.contributor_named("汪 伟").name == "汪伟"
    assert registers.contributor_named("王伟").name == "王伟"  # same pinyin, another person


@pytest.mark.parametrize(
    ("file", "old", "new", "words"),
    [
        ("zones.yaml", "aliases: [左云开发区]", "aliases: [长子经开区]", "used by both"),
        ("zones.yaml", "level: 省级", "level: 市级", "use one of 国家级, 省级"),
        ("contributors.yaml", "role: 通讯员", "role: 编辑", "use one of 本刊记者, 通讯员, 机构"),
        ("contributors.yaml", "zone: 左云经济技术开发区", "zone: 无名区", "not in zones.yaml"),
        ("contributors.yaml", "aliases: [汪 伟]", "aliases: [王伟]", "appears twice"),
        (
            "contributors.yaml",
            "role: 通讯员",
            "role: 通讯员\n    full_name: 某某中心",
            "full_name is for organisations",
        ),
        ("topics.yaml", "slug: zhaoshang-yinzi", "slug: ''", "'slug' is required"),
        ("calls/2023.yaml", "date: 2023-03-28", "date: soon", "'date' must be a date"),
        ("zones.yaml", "zones:", "zones: [", "not valid YAML"),
    ],
)
def test_a_broken_register_is_named_with_a_fix(tmp_path, file, old, new, words):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data)
    path: Path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RegisterError) as err:
        load_registers(data)
    assert file.split("/")[-1] in str(err.value)
    assert words in str(err.value)


def test_an_organisation_prints_its_full_name_only_where_the_register_has_one():
    from kfq.registers import Contributor

    unit = Contributor(name="清徐融媒", role="机构", full_name="清徐县融媒体中心")
    assert unit.formal_name == "清徐县融媒体中心" and unit.is_unit
    assert Contributor(name="某融媒", role="机构").formal_name == "某融媒"  # never guessed
    assert Contributor(name="王伟", role="通讯员").formal_name == "王伟"

"""The publishing core without servers: targets, kinds of file, release names, rsync's report,
and the check after publishing."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kfq.errors import PublishError
from kfq.publish.kinds import LONG, SHORT, Kind, cache_control, is_office_file, kind
from kfq.publish.rsync import RELEASE, parse_itemized, release_name
from kfq.publish.targets import RcloneTarget, RsyncTarget, pick_target
from kfq.publish.verify import check, newest_article

SITEURL = "https://www.example.cn"


@pytest.mark.parametrize(
    ("rel", "expected"),
    [
        ("theme/css/site.1722e203b1.css", Kind.IMMUTABLE),
        ("theme/js/search.a83620ec50.js", Kind.IMMUTABLE),
        ("theme/favicon.b71a0f0481.svg", Kind.IMMUTABLE),
        ("theme/css/site.css", Kind.OTHER),
        ("pagefind/fragment/zh-cn_c976dad.pf_fragment", Kind.IMMUTABLE),
        ("pagefind/index/zh-cn_8b5b538.pf_index", Kind.IMMUTABLE),
        ("pagefind/filter/zh-cn_1a2b3c4.pf_filter", Kind.IMMUTABLE),
        ("pagefind/pagefind.zh-cn_7cbea7f8bdb8e.pf_meta", Kind.IMMUTABLE),
        ("pagefind/pagefind.js", Kind.OTHER),
        ("pagefind/pagefind-entry.json", Kind.OTHER),
        ("pagefind/wasm.unknown.pagefind", Kind.OTHER),
        # The index in year bundles (kfq.search): the same names one folder down.
        ("pagefind/2016-2019/fragment/zh-cn_c976dad.pf_fragment", Kind.IMMUTABLE),
        ("pagefind/2025/index/zh-cn_8b5b538.pf_index", Kind.IMMUTABLE),
        ("pagefind/2025/pagefind.zh-cn_7cbea7f8bdb8e.pf_meta", Kind.IMMUTABLE),
        ("pagefind/2025/pagefind-entry.json", Kind.OTHER),
        ("pagefind/2025/pagefind.js", Kind.OTHER),
        ("pagefind/bundles.json", Kind.OTHER),
        ("pagefind/2025/deeper/index/zh-cn_8b5b538.pf_index", Kind.OTHER),
        ("search/terms.json", Kind.OTHER),
        ("feeds/all.atom.xml", Kind.OTHER),
        ("articles/2024/05/a/index.html", Kind.PAGE),
        ("404.html", Kind.PAGE),
        # A digest-like name outside the theme is not ours to promise a year for.
        ("images/photo.1722e203b1.jpg", Kind.OTHER),
    ],
)
def test_kind_and_cache_lifetime_of_each_file(rel, expected):
    assert kind(rel) is expected
    assert cache_control(rel) == (LONG if expected is Kind.IMMUTABLE else SHORT)


@pytest.mark.parametrize(
    ("rel", "office"),
    [
        ("contributors/2024/index.html", False),
        ("contributors/2024/2024年度投稿人名单.xlsx", True),
        ("contributors/2024/certificates/王伟.docx", True),
        ("contributors/index.html", False),
        ("articles/2024/05/a/index.html", False),
    ],
)
def test_office_files_are_everything_under_a_year_but_its_page(rel, office):
    assert is_office_file(rel) is office


def test_targets_from_the_settings():
    publish = {
        "default": "server",
        "targets": {
            "server": {"kind": "rsync", "host": "deploy@web", "path": "/srv/kfq/", "ssh": "ssh -p 2222"},
            "bucket": {"kind": "rclone", "remote": "oss:kfq", "url": "https://cdn.example.cn/"},
        },
    }
    server = pick_target(publish, None, SITEURL)
    assert server == RsyncTarget("server", "deploy@web", "/srv/kfq", SITEURL, ("ssh", "-p", "2222"))
    bucket = pick_target(publish, "bucket", SITEURL)
    assert bucket == RcloneTarget("bucket", "oss:kfq", "https://cdn.example.cn")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"kind": "ftp"}, "kind: 'ftp' is not a kind of target"),
        ({"kind": "rsync", "path": "/srv/kfq"}, "host: required — set KFQ_PUBLISH_HOST"),
        ({"kind": "rsync", "host": "", "path": "/srv/kfq"}, "host: required"),
        ({"kind": "rsync", "host": "h", "path": "srv/kfq"}, "must be an absolute folder"),
        ({"kind": "rsync", "host": "h", "path": "/s", "keep": 1}, "keep at least 2 releases"),
        ({"kind": "rsync", "host": "h", "path": "/s", "remote": "x:y"}, "unknown setting(s) remote"),
        ({"kind": "rclone", "remote": ""}, "set KFQ_PUBLISH_REMOTE"),
        ({"kind": "rclone", "remote": "r:b", "url": "www.example.cn"}, "is not a web address"),
        ({"kind": "rclone", "remote": "r:b", "office_files": "yes"}, "office_files: write True or False"),
    ],
)
def test_a_misconfigured_target_says_what_to_fix(spec, message):
    with pytest.raises(PublishError, match="PUBLISH target 't'") as e:
        pick_target({"targets": {"t": spec}}, "t", SITEURL)
    assert message in str(e.value)


def test_an_unknown_target_names_the_known_ones():
    with pytest.raises(PublishError, match=r"no target 'srever'.*known: bucket, server"):
        pick_target({"targets": {"server": {}, "bucket": {}}}, "srever", SITEURL)


@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), timezones=st.just(dt.UTC)), st.integers(0, 4))
def test_release_names_are_new_sortable_and_in_the_servers_pattern(now, taken_count):
    base = now.strftime("%Y%m%dT%H%M%SZ")
    taken = tuple([base] + [f"{base}-{n}" for n in range(2, taken_count + 1)])[:taken_count]
    name = release_name(now, taken)
    assert name not in taken and RELEASE.match(name) and name.startswith(base)


def test_rsync_itemized_lines_become_new_changed_and_deleted_files():
    out = "\n".join(
        [
            "cd+++++++++ articles/2024/06/new/",
            "<f+++++++++ articles/2024/06/new/index.html",
            "<fcsT...... index.html",
            ">f..T...... sitemap.xml",
            "*deleting   articles/2023/01/old/index.html",
            "*deleting   articles/2023/01/old/",
            ".d..t...... theme/",
        ]
    )
    changes = parse_itemized(out)
    assert changes.new == ["articles/2024/06/new/index.html"]
    assert changes.changed == ["index.html", "sitemap.xml"]
    assert changes.deleted == ["articles/2023/01/old/index.html"]
    assert changes.lines()[-1] == "1 new, 2 changed, 1 deleted"


FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<link href="https://www.example.cn/" rel="alternate"/>
<entry><title>新</title><link href="https://www.example.cn/articles/2024/06/xin/" rel="alternate"/></entry>
<entry><title>旧</title><link href="https://www.example.cn/articles/2024/05/jiu/" rel="alternate"/></entry>
</feed>"""


@pytest.fixture
def small_site(tmp_path):
    for rel, text in {
        "index.html": "home",
        "articles/2024/06/xin/index.html": "new article",
        "pagefind/bundles.json": '{"bundles": ["2024", "2016-2023"]}',
        "pagefind/2024/pagefind-entry.json": "{}",
        "pagefind/2016-2023/pagefind-entry.json": '{"old": 1}',
        "feeds/all.atom.xml": FEED,
    }.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_check_after_publishing_wants_the_built_bytes(small_site):
    assert newest_article(small_site) == "articles/2024/06/xin/"
    served = {
        "https://cdn.example.cn/": (200, b"home"),
        "https://cdn.example.cn/articles/2024/06/xin/": (200, b"an older page"),
        "https://cdn.example.cn/pagefind/bundles.json": (404, b""),
        "https://cdn.example.cn/pagefind/2024/pagefind-entry.json": (200, b"{}"),
        "https://cdn.example.cn/pagefind/2016-2023/pagefind-entry.json": (200, b"{}"),
    }
    results = check("https://cdn.example.cn/", small_site, served.__getitem__)
    assert [(r.what, r.ok) for r in results] == [
        ("home page", True),
        ("newest article", False),  # a CDN still serving the old copy is not "published"
        ("search index", False),
        ("search bundle 2024", True),
        ("search bundle 2016-2023", False),  # every bundle the build lists is checked
    ]
    assert str(results[2]) == "FAIL 404 search index: https://cdn.example.cn/pagefind/bundles.json"


def test_the_publish_lock_is_one_at_a_time_and_freed_when_its_holder_dies(tmp_path):
    import os
    import subprocess
    import sys

    from kfq.publish.lock import PublishBusy, publishing

    lock = tmp_path / "cache" / "publish.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from kfq.publish.lock import publishing\n"
         f"with publishing(Path({str(lock)!r})):\n    print('held', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(PublishBusy, match=rf"\(pid {holder.pid}, since "):
            with publishing(lock):
                pass
    finally:
        holder.kill()
        holder.wait()
    with publishing(lock):  # a killed holder leaves no lock behind
        assert f"pid {os.getpid()}" in lock.read_text(encoding="utf-8")
    with publishing(lock):  # nor does a finished one
        pass

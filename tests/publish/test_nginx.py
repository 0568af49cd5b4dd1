"""The shipped nginx rules (deploy/nginx/) on a real nginx: compression, cache lifetimes by kind
of file (the same as kfq.publish.kinds), security headers, the site's 404, office files kept back."""

from __future__ import annotations

import gzip
import http.client
import os
import shutil
import ssl
import subprocess
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from kfq.publish.kinds import cache_control, is_office_file

from .servers import DEPLOY, need, nginx, self_signed

CSP = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


@pytest.fixture(scope="module")
def served(seed_site, tmp_path_factory):
    """The seed site with a year-end office file beside its contributors page, behind nginx."""
    tmp = tmp_path_factory.mktemp("nginx")
    site = tmp / "site"
    shutil.copytree(seed_site.output, site)
    (site / "contributors/2024/2024年度投稿人名单.xlsx").write_bytes(b"PK\x03\x04 office file")
    with nginx(tmp / "nginx", site, tls=True) as server:
        yield server, site


def get(base: str, path: str, encoding: str = "identity") -> http.client.HTTPResponse:
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.request("GET", path, headers={"Accept-Encoding": encoding})
    response = conn.getresponse()
    response.body = response.read()
    conn.close()
    return response


def test_every_file_is_served_with_the_cache_lifetime_of_its_kind(served):
    server, site = served
    files = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
    lifetimes = set()
    for rel in files:
        if rel == "404.html" or is_office_file(rel):
            continue
        r = get(server.url, "/" + rel)
        assert r.status == 200, rel
        assert r.getheader("Cache-Control") == cache_control(rel), rel
        lifetimes.add(r.getheader("Cache-Control"))
    assert len(lifetimes) == 2  # both kinds were met: a year, and five minutes


@pytest.mark.parametrize(
    ("path", "kind"),
    [("/", "text/html"), ("/theme/css/site.css", "text/css"), ("/search/terms.json", "application/json")],
)
def test_text_is_compressed_and_said_to_vary(served, path, kind):
    server, _ = served
    plain = get(server.url, path)
    zipped = get(server.url, path, "gzip")
    assert zipped.getheader("Content-Encoding") == "gzip"
    assert zipped.getheader("Vary") == "Accept-Encoding"
    assert gzip.decompress(zipped.body) == plain.body
    assert plain.getheader("Content-Type").startswith(kind)
    if server.brotli:
        assert get(server.url, path, "br, gzip").getheader("Content-Encoding") == "br"


def test_pagefind_chunks_are_not_compressed_twice(served):
    server, site = served
    chunk = next((site / "pagefind").glob("*/fragment/*")).relative_to(site).as_posix()
    r = get(server.url, "/" + chunk, "br, gzip")
    assert r.getheader("Content-Encoding") is None
    assert r.body == (site / chunk).read_bytes() and r.body[:2] == b"\x1f\x8b"


@pytest.mark.parametrize("path", ["/", "/no/such/page/", "/theme/css/site.css"])
def test_security_headers_on_every_answer(served, path):
    server, _ = served
    r = get(server.url, path)
    assert r.getheader("Content-Security-Policy") == CSP
    assert r.getheader("X-Content-Type-Options") == "nosniff"
    assert r.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert r.getheader("Strict-Transport-Security") is None  # plain HTTP: HSTS only on HTTPS
    assert "nginx/" not in (r.getheader("Server") or "")


@pytest.mark.parametrize("path", ["/no/such/page/", "/articles/2099/01/nothing/", "/404.html"])
def test_a_missing_address_gets_the_sites_own_404_page(served, path):
    server, site = served
    r = get(server.url, path)
    assert r.status == 404
    assert r.body == (site / "404.html").read_bytes()
    assert r.getheader("Cache-Control") == cache_control("404.html")


def test_year_end_office_files_are_not_served_but_the_page_is(served):
    server, _ = served
    assert get(server.url, "/contributors/2024/").status == 200
    r = get(server.url, quote("/contributors/2024/2024年度投稿人名单.xlsx"))
    assert r.status == 404 and b"PK" not in r.body


def test_hsts_is_sent_on_https_only(served):
    server, _ = served
    if not server.https_url:
        pytest.skip("needs openssl for a self-signed certificate")
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate
    with urllib.request.urlopen(server.https_url + "/", context=context, timeout=10) as r:
        assert r.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        assert r.headers["Content-Security-Policy"] == CSP
    assert get(server.url, "/").getheader("Strict-Transport-Security") is None


def test_the_shipped_server_blocks_pass_nginx_t_in_debians_layout(tmp_path):
    """deploy/nginx/ copied over a copy of Debian's /etc/nginx, as the README says, with a
    certificate in place of Let's Encrypt's: `nginx -t` accepts it."""
    binary = need("nginx")["nginx"]
    if not Path("/etc/nginx/nginx.conf").is_file() or os.geteuid() != 0:
        pytest.skip("needs Debian's /etc/nginx and root (its nginx.conf names www-data and /run)")
    etc = tmp_path / "nginx"
    shutil.copytree("/etc/nginx", etc, symlinks=True)
    shutil.copytree(DEPLOY, etc, dirs_exist_ok=True)
    cert, key = self_signed(tmp_path)
    site = (etc / "sites-available/kfq").read_text(encoding="utf-8")
    site = site.replace("/etc/letsencrypt/live/www.example.cn/fullchain.pem", str(cert))
    site = site.replace("/etc/letsencrypt/live/www.example.cn/privkey.pem", str(key))
    site = site.replace("# include snippets/kfq-brotli.conf;", "include snippets/kfq-brotli.conf;")
    (etc / "sites-available/kfq").write_text(site, encoding="utf-8")
    for link in (etc / "sites-enabled").iterdir():
        link.unlink()
    (etc / "sites-enabled/kfq").symlink_to("../sites-available/kfq")
    main = (etc / "nginx.conf").read_text(encoding="utf-8").replace("/etc/nginx/", f"{etc}/")
    (etc / "nginx.conf").write_text(main, encoding="utf-8")
    for conf in (
        etc / "modules-enabled"
    ).iterdir():  # Debian's links name modules relative to /usr/share/nginx
        text = conf.read_text(encoding="utf-8").replace(
            "load_module modules/", "load_module /usr/lib/nginx/modules/"
        )
        conf.unlink()
        conf.write_text(text, encoding="utf-8")
    if not any("brotli" in p.name for p in (etc / "modules-enabled").iterdir()):
        pytest.skip("libnginx-mod-http-brotli-filter is not installed")
    proc = subprocess.run(
        [binary, "-t", "-c", str(etc / "nginx.conf"), "-p", str(tmp_path)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert "test is successful" in proc.stderr

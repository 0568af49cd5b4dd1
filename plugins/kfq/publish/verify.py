"""After a publish: does the target serve the home page, the newest article and the search index?"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ATOM = "{http://www.w3.org/2005/Atom}"

# url → (HTTP status, body); tests may pass their own.
Fetch = Callable[[str], tuple[int, bytes]]


@dataclass(frozen=True)
class Served:
    """One address checked, and whether it served what the build holds."""

    what: str
    url: str
    status: int
    ok: bool

    def __str__(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'} {self.status} {self.what}: {self.url}"


def fetch(url: str) -> tuple[int, bytes]:
    """GET url without any cache between; (status, body), status 0 when it cannot be reached."""
    request = urllib.request.Request(url, headers={"Cache-Control": "no-cache", "User-Agent": "kfq-publish"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except (urllib.error.URLError, OSError):
        return 0, b""


def newest_article(site: Path) -> str | None:
    """The path of the newest article, as the site-wide feed lists it first."""
    feed = site / "feeds" / "all.atom.xml"
    if not feed.is_file():
        return None
    entry = ET.parse(feed).getroot().find(f"{ATOM}entry")
    link = None if entry is None else entry.find(f"{ATOM}link")
    return None if link is None else urlsplit(link.get("href", "")).path.lstrip("/") or None


def search_bundles(site: Path) -> list[str]:
    """The search index's bundles as the built site lists them (kfq.search), newest first."""
    listed = site / "pagefind" / "bundles.json"
    if not listed.is_file():
        return []
    try:
        return [str(name) for name in json.loads(listed.read_text(encoding="utf-8"))["bundles"]]
    except (ValueError, KeyError, TypeError):
        return []


def check(url: str, site: Path, get: Fetch = fetch) -> list[Served]:
    """Fetch the addresses a reader needs first (the home page, the newest article, the search
    index's list and bundles); each is ok when it serves the built bytes."""
    wanted = [("home page", "index.html", "")]
    article = newest_article(site)
    if article:
        wanted.append(
            ("newest article", article + "index.html" if article.endswith("/") else article, article)
        )
    # The list of the search index's year bundles, and each bundle's entry file.
    wanted.append(("search index", "pagefind/bundles.json", "pagefind/bundles.json"))
    for name in search_bundles(site):
        entry = f"pagefind/{name}/pagefind-entry.json"
        wanted.append((f"search bundle {name}", entry, entry))
    out = []
    for what, rel, path in wanted:
        address = f"{url.rstrip('/')}/{path}"
        status, body = get(address)
        built = site / rel
        out.append(
            Served(what, address, status, status == 200 and built.is_file() and body == built.read_bytes())
        )
    return out

"""Write the bench corpus as a lean Hugo site (same articles, same taxonomies), and Hugo's commands.

Hugo is the bench's peer: what a newsroom would get from a fast static generator given the
same articles. Everything it needs is written here (configuration and plain HTML templates,
no theme download), so the comparison is ours against Hugo's engine, not against a theme.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kfq.frontmatter import read_source

# Hugo's taxonomy (plural) → the corpus' front-matter field it comes from. `months` is the
# month archive ours writes, as a taxonomy (Hugo has no month archive of its own).
TAXONOMIES = {
    "zone": "zones",
    "topic": "topics",
    "author": "authors",
    "genre": "genres",
    "theme": "themes",
    "month": "months",
}
SINGLE_FIELDS = ("genre", "theme")  # one value in the corpus, a one-term list in Hugo
PER_PAGE = 20  # ours paginates its listings by 20 (pelicanconf DEFAULT_PAGINATION)

CONFIG = {
    "baseURL": "/",
    "title": "《开发区建设》周刊",
    "languageCode": "zh-CN",
    "defaultContentLanguage": "zh",
    # Summaries and word counts by character, as Chinese needs.
    "hasCJKLanguage": True,
    "timeZone": "Asia/Shanghai",
    "paginate": PER_PAGE,
    "taxonomies": TAXONOMIES,
    "permalinks": {"articles": "/articles/:year/:month/:slug/"},
    # Ours has no /articles/ listing: Hugo's section page would be extra work ours does not do.
    "disableKinds": ["section"],
    # A site-wide feed and a sitemap, as ours writes (and Hugo by default).
    "outputs": {"home": ["HTML", "RSS"], "taxonomy": ["HTML"], "term": ["HTML"]},
}

BASE = """\
<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Title }} · {{ .Site.Title }}{{ end }}</title>
</head>
<body>
<header><a href="/">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""

SINGLE = """\
{{ define "main" }}
<article data-pagefind-body>
{{ with .Params.kicker }}<p>{{ . }}</p>{{ end }}
<h1>{{ .Title }}</h1>
{{ with .Params.subtitle }}<p>——{{ . }}</p>{{ end }}
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006年1月2日" }}</time>
{{ range $taxonomy, $_ := .Site.Taxonomies }}{{ range $.GetTerms $taxonomy }}
 <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}{{ end }}</p>
{{ .Content }}
</article>
{{ end }}
"""

ITEMS = """\
<ul>
{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
 <time>{{ .Date.Format "2006年1月2日" }}</time><p>{{ .Summary }}</p></li>
{{ end }}</ul>
{{ template "_internal/pagination.html" . }}
"""

HOME = (
    '{{ define "main" }}\n<h1>{{ .Site.Title }}</h1>\n'
    '{{ $pager := .Paginate (where .Site.RegularPages "Section" "articles") }}\n' + ITEMS + "{{ end }}\n"
)
TERM = (
    '{{ define "main" }}\n<h1>{{ .Title }}</h1>\n{{ $pager := .Paginate .Pages }}\n' + ITEMS + "{{ end }}\n"
)
TERMS = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a>
 ({{ .Count }})</li>
{{ end }}</ul>
{{ end }}
"""
NOT_FOUND = '{{ define "main" }}<h1>找不到这个页面</h1>{{ end }}\n'

LAYOUTS = {
    "_default/baseof.html": BASE,
    "_default/single.html": SINGLE,
    "_default/list.html": TERM,
    "_default/term.html": TERM,
    "_default/taxonomy.html": TERMS,
    "index.html": HOME,
    "404.html": NOT_FOUND,
}


@dataclass(frozen=True)
class HugoSite:
    """A Hugo site written from a corpus: its folder and its article files, in corpus order."""

    root: Path
    articles: list[Path]


def front_matter(meta: dict) -> dict:
    """Hugo's front-matter for one corpus article: the same fields, taxonomies as lists."""
    date = str(meta["date"])
    fields: dict = {"title": meta["title"], "date": date, "slug": meta["slug"]}
    for name in ("kicker", "subtitle"):
        if meta.get(name):
            fields[name] = meta[name]
    for field in ("zones", "topics", "authors"):
        fields[field] = list(meta.get(field) or [])
    for field in SINGLE_FIELDS:
        fields[f"{field}s"] = [meta[field]] if meta.get(field) else []
    fields["months"] = [date[:7]]
    fields["draft"] = meta.get("status") == "draft"
    return fields


def taxonomies(fields: dict) -> dict[str, list[str]]:
    """The terms of each taxonomy in a Hugo front-matter (for comparing with the corpus)."""
    return {plural: list(fields.get(plural) or []) for plural in TAXONOMIES.values()}


def article_text(fields: dict, body: str) -> str:
    # JSON is YAML's flow syntax: every title and name is quoted safely (as corpus.py writes).
    lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


def write_site(articles: Iterable[Path], content: Path, root: Path) -> HugoSite:
    """Write root/ as a Hugo site of the corpus articles (files under content/articles/)."""
    if root.exists():
        shutil.rmtree(root)
    (root / "content").mkdir(parents=True)
    (root / "hugo.json").write_text(json.dumps(CONFIG, ensure_ascii=False, indent=1), encoding="utf-8")
    for name, text in LAYOUTS.items():
        path = root / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    written = []
    for path in articles:
        source, problems = read_source(path)
        if problems:
            raise ValueError(f"{problems[0]}")  # the corpus generator wrote an invalid article
        dest = root / "content" / path.relative_to(content)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(article_text(front_matter(source.meta), source.body), encoding="utf-8")
        written.append(dest)
    return HugoSite(root, written)


def hugo_executable() -> str:
    """Debian's hugo (the Makefile's DEB_PACKAGES installs it)."""
    found = shutil.which("hugo")
    if not found:
        raise SystemExit("bench: hugo is not installed: run `make setup` (or apt-get install hugo)")
    return found


def build_command(site: Path, dest: Path) -> list[str]:
    """A cold `hugo` build of site into dest (the caller empties dest first)."""
    return [hugo_executable(), "--source", str(site), "--destination", str(dest), "--quiet"]


def server_command(site: Path, dest: Path, port: int) -> list[str]:
    """`hugo server` as an editor runs it (its watcher, live reload and fast render on),
    writing the pages to dest so the bench can see when a saved article's page is rebuilt."""
    return [
        hugo_executable(),
        "server",
        "--source",
        str(site),
        "--destination",
        str(dest),
        "--renderToDisk",
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
    ]

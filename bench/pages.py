"""Page weights of the readers' site (HTML + CSS per page type) and, where it runs, Lighthouse.

    python bench/pages.py [--site DIR] [--lighthouse] [--json PATH]

Without --site the shipped content/ is built into a temporary folder first. Weights are bytes
before compression: the page's HTML, the stylesheets it links and the scripts it loads by
<script src>. The budget of an article page is 30 KB of HTML + CSS (issue 6). With
--lighthouse, lighthouse@12.2.3 (13 wants a newer Node) is installed with npm into a temporary
folder, never into the repository, and runs its mobile audit against Debian's chromium
(CHROME_PATH, default /usr/bin/chromium) over the site served on a loopback port.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 30 * 1024
LIGHTHOUSE = "lighthouse@12.2.3"
# Page type → a page of the seed site (the article pages are all measured as well).
PAGES = {
    "home": "index.html",
    "article": "articles/2024/05/cheng-shi-er-shang-mou-tu-po-chuo-li-fen-fa-qi-xin-cheng/index.html",
    "zone": "zones/zuoyun-jingji-jishu-kaifaqu/index.html",
    "zones": "zones/index.html",
    "theme": "themes/keji-chuangxin/index.html",
    "guidelines": "submit/index.html",
    "search": "search/index.html",
    "contributors": "contributors/2024/index.html",
}


def build(out: Path) -> Path:
    """Build the shipped content/ into out with pelicanconf.py, as `invoke build` does."""
    cmd = [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(out)]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    return out


def weight(site: Path, rel: str) -> dict[str, int]:
    """Bytes of a page's HTML, of the stylesheets it links and of the scripts it loads."""
    page = site / rel
    html = page.read_bytes()
    soup = BeautifulSoup(html, "html.parser")

    def local(url: str) -> Path | None:
        if "://" in url:
            return None
        path = site / url.lstrip("/") if url.startswith("/") else page.parent / url
        return path if path.is_file() else None

    css = [local(link["href"]) for link in soup.select("link[rel=stylesheet][href]")]
    js = [local(s["src"]) for s in soup.select("script[src]")]
    out = {
        "html": len(html),
        "css": sum(p.stat().st_size for p in css if p),
        "js": sum(p.stat().st_size for p in js if p),
    }
    out["html_css"] = out["html"] + out["css"]
    out["gzip"] = len(gzip.compress(html)) + sum(len(gzip.compress(p.read_bytes())) for p in css if p)
    return out


def weights(site: Path) -> dict[str, dict[str, int]]:
    """Each page type's weight, plus the median and the heaviest of all article pages."""
    table = {name: weight(site, rel) for name, rel in PAGES.items() if (site / rel).is_file()}
    articles = [
        weight(site, str(p.relative_to(site))) | {"page": str(p.parent.relative_to(site))}
        for p in sorted((site / "articles").rglob("index.html"))
    ]
    if articles:
        by_size = sorted(articles, key=lambda w: w["html_css"])
        table["article (median)"] = by_size[len(by_size) // 2]
        table["article (heaviest)"] = by_size[-1]
        table["articles over budget"] = {"count": sum(w["html_css"] > BUDGET for w in articles)}
    return table


def serve(site: Path):
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def lighthouse(site: Path) -> dict[str, dict[str, float]] | str:
    """Lighthouse mobile category scores (0–100) per page type, or why it could not run."""
    npm = shutil.which("npm")
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not npm or not Path(chrome).exists():
        return f"not run: needs npm and {chrome}"
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="kfq-lighthouse-") as tmp:
        install = [npm, "i", "-E", LIGHTHOUSE, "--prefix", tmp, "--no-audit", "--no-fund", "--loglevel=error"]
        proc = subprocess.run(install, capture_output=True, text=True, timeout=600)
        cli = Path(tmp) / "node_modules/lighthouse/cli/index.js"
        if proc.returncode or not cli.exists():
            return f"not run: npm i -E {LIGHTHOUSE} failed: {proc.stderr.strip()[-300:]}"
        server, base = serve(site)
        try:
            for name, rel in PAGES.items():
                url = f"{base}/{rel.removesuffix('index.html')}"
                if name == "search":
                    url += "?q=%E5%B7%A6%E4%BA%91"  # 左云: the page with its results
                report = Path(tmp) / f"{name}.json"
                cmd = ["node", str(cli), url, "--output=json", f"--output-path={report}", "--quiet"]
                cmd.append("--chrome-flags=--headless=new --no-sandbox --disable-gpu")
                env = {**os.environ, "CHROME_PATH": chrome}
                subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
                if not report.exists():
                    results[name] = {}
                    continue
                data = json.loads(report.read_text(encoding="utf-8"))
                scores = {k: round(100 * (v["score"] or 0)) for k, v in data["categories"].items()}
                for audit in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time"):
                    scores[audit] = round(data["audits"][audit]["numericValue"])
                scores["cumulative-layout-shift"] = data["audits"]["cumulative-layout-shift"]["numericValue"]
                results[name] = scores
        finally:
            server.shutdown()
    return results


def report(table: dict, scores: dict | str | None) -> str:
    head = f"{'page':<22}{'HTML':>9}{'CSS':>8}{'HTML+CSS':>10}{'gzipped':>9}{'JS':>8}"
    lines = [head + "  budget: article HTML+CSS <= 30 KB"]
    for name, w in table.items():
        if "html" not in w:
            lines.append(f"{name:<22}{w['count']:>9}")
            continue
        mark = ""
        if name.startswith("article"):
            mark = "ok" if w["html_css"] <= BUDGET else "OVER"
        lines.append(
            f"{name:<22}{w['html']:>9,}{w['css']:>8,}{w['html_css']:>10,}{w['gzip']:>9,}{w['js']:>8,}  {mark}"
            + (f"  {w['page']}" if "page" in w else "")
        )
    if isinstance(scores, str):
        lines.append(f"\nLighthouse: {scores}")
    elif scores:
        version = LIGHTHOUSE.split("@")[1]
        lines.append(f"\nLighthouse {version}, mobile: performance, accessibility, best practices, SEO")
        for name, s in scores.items():
            if not s:
                lines.append(f"{name:<14}no report")
                continue
            lines.append(
                f"{name:<14}{s['performance']:>4}{s['accessibility']:>5}{s['best-practices']:>5}{s['seo']:>5}"
                f"   FCP {s['first-contentful-paint']} LCP {s['largest-contentful-paint']}"
                f" TBT {s['total-blocking-time']} CLS {s['cumulative-layout-shift']:.3f}"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build content/ into a temp folder)")
    parser.add_argument("--lighthouse", action="store_true", help=f"also run {LIGHTHOUSE} (mobile)")
    parser.add_argument("--json", type=Path, help="write the figures to this file too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kfq-pages-") as tmp:
        site = args.site or build(Path(tmp) / "output")
        table = weights(site)
        scores = lighthouse(site) if args.lighthouse else None
    print(report(table, scores))
    if args.json:
        args.json.write_text(
            json.dumps({"weights": table, "lighthouse": scores}, ensure_ascii=False, indent=2)
        )


if __name__ == "__main__":
    main()

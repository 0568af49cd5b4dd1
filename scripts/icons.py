"""Render the theme's favicon.svg into the icons browsers ask for by name.

    .venv/bin/python scripts/icons.py

writes theme/static/apple-touch-icon.png (180×180, what iOS and Android put on a home screen;
they do not read SVG icons) and theme/static/favicon.ico (16, 32 and 48 px, what browsers and
crawlers request at /favicon.ico). The SVG is drawn by Debian's Chromium through Playwright
(the browser tests' own), so the icons are the SVG's pixels, not a second drawing.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

STATIC = Path(__file__).resolve().parent.parent / "theme" / "static"
TOUCH = 180
ICO_SIZES = [(16, 16), (32, 32), (48, 48)]


def render(svg: str, size: int) -> bytes:
    """The SVG as a size×size PNG, drawn by Chromium."""
    box = f"<div style='width:{size}px;height:{size}px'>{svg}</div>"
    html = f"<html><body style='margin:0'>{box}</body></html>"
    html = html.replace("<svg ", f"<svg width='{size}' height='{size}' ", 1)
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": size, "height": size})
        page.set_content(html)
        png = page.screenshot(clip={"x": 0, "y": 0, "width": size, "height": size}, omit_background=True)
        browser.close()
    return png


def main() -> None:
    svg = (STATIC / "favicon.svg").read_text(encoding="utf-8")
    (STATIC / "apple-touch-icon.png").write_bytes(render(svg, TOUCH))
    big = Image.open(io.BytesIO(render(svg, 48))).convert("RGBA")
    big.save(STATIC / "favicon.ico", sizes=ICO_SIZES)
    print(f"wrote {STATIC / 'apple-touch-icon.png'} and {STATIC / 'favicon.ico'}")


if __name__ == "__main__":
    main()

"""An article with its photo on a phone and a desktop: the right copy chosen, caption and
credit shown as the paper prints them, and nothing moves when the image arrives."""

from __future__ import annotations

import pytest

from tests.intake.submissions import photo_bytes
from tests.test_images import photo_content

from .conftest import VIEWPORTS, screenshot, serve

pytestmark = pytest.mark.browser

# (viewport, device pixel ratio) → the copy the browser should load.
CASES = [
    ("phone", 3, "-960.webp"),
    ("phone", 1, "-480.webp"),
    ("desktop", 1, "-960.webp"),
    ("desktop", 2, "-1600.webp"),
]


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    from conftest import run_pelican

    tmp = tmp_path_factory.mktemp("photo")
    content = photo_content(tmp, data=photo_bytes(2400, 1600))
    build = run_pelican(content, tmp / "output")
    assert build.returncode == 0, build.log
    yield from serve(build.output)


@pytest.mark.parametrize(("viewport", "dpr", "chosen"), CASES)
def test_the_right_copy_is_chosen_and_nothing_shifts(browser, photo_site, viewport, dpr, chosen):
    context = browser.new_context(viewport=VIEWPORTS[viewport], device_scale_factor=dpr, locale="zh-CN")
    pg = context.new_page()
    pg.add_init_script(
        "window.__shift = 0; new PerformanceObserver(l => { for (const e of l.getEntries())"
        " if (!e.hadRecentInput) window.__shift += e.value })"
        ".observe({type: 'layout-shift', buffered: true});"
    )
    pg.goto(photo_site + "/articles/2023/11/valid-article/")
    img = pg.locator(".story-image img")
    pg.wait_for_function("document.querySelector('.story-image img').complete")
    src = img.evaluate("i => i.currentSrc")
    assert src.endswith(chosen), src
    box = img.bounding_box()
    assert abs(box["width"] / box["height"] - 2400 / 1600) < 0.02
    assert box["width"] <= VIEWPORTS[viewport]["width"]
    size = pg.evaluate("u => performance.getEntriesByName(u)[0]?.encodedBodySize", src)
    if viewport == "phone":
        assert size and size < 150_000
    assert pg.locator(".story-image figcaption").inner_text() == "图为项目生产车间。 李明 摄"
    pg.wait_for_timeout(300)
    assert pg.evaluate("window.__shift") == 0
    pg.viewport_name = f"{viewport}-dpr{dpr}"
    screenshot(pg, "article-photo")
    context.close()

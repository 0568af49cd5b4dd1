"""The search page shows what the index holds as text: an article whose fields and register
names are markup comes back with that markup as its visible title, zones and filter, and
nothing of it runs or becomes an element."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from test_escape import build_marked_site, value

from .conftest import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served_marked_site(tmp_path_factory):
    yield from serve(build_marked_site(tmp_path_factory.mktemp("marked-search")).output)


def test_search_results_show_markup_from_the_index_as_text(served_marked_site, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{served_marked_site}/search/?q={quote('左云')}")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('。')")
    first = page.locator("#search-results li").first
    assert first.locator(".item-title").inner_text() == value("title")
    assert value("zone") in first.locator(".meta").inner_text()
    options = page.locator("#search-filters option").all_inner_texts()
    assert any(o.startswith(value("zone")) for o in options), options
    # Nothing of the markup became an element, and no script of it ran.
    assert page.locator("#search-results script, #search-results img, #search-filters script").count() == 0
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"], [onerror]').length") == 0
    assert dialogs == []
    assert page.console_errors == []

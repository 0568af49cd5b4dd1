"""What the importer must hold on ANY generated page: it reads the page without an undocumented
error, and every Han character of the page is accounted for (bodies, headlines, bylines,
furniture, review). Scores (titles, bylines …) are bench/importer_scores.py's, not these tests'."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from kfq.importer import conserve, decode, enrich
from kfq.importer.errors import ImporterError, UndecodableFile
from kfq.importer.pipeline import read_page
from kfq.registers import Registers

from .generator import compose
from .generator.params import PageLayout
from .generator.strategies import page_layouts

QUICK = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_as_import_does(layout: PageLayout, registers: Registers) -> None:
    """decode → read_page → conservation check → enrich, as `invoke import-seeds` reads a page."""
    g = compose(layout, registers, "generated.txt")
    try:
        page = decode.decode(g.raw, g.name)
    except UndecodableFile:
        # documented: a GB18030 page of rare characters may not pass the Chinese-prose test;
        # it must then be one of ours that really is GB18030
        assert layout.encoding == "gb18030"
        return
    split, found = read_page(page.name, page.text, registers)
    conserve.check(page, split, found)  # raises CharactersLost when a character is lost or doubled
    taken: set[str] = set()
    for article in found:
        enrich.enrich(article, registers, layout.issue, taken)
        taken.add(article.slug)
        assert article.title and article.slug


@QUICK
@given(page_layouts())
def test_the_importer_reads_any_page_and_loses_no_character(project_registers, layout):
    try:
        read_as_import_does(layout, project_registers)
    except ImporterError as e:  # the documented errors say what to do; none is expected here
        pytest.fail(f"{type(e).__name__}: {e}")


@pytest.mark.slow
@SLOW
@given(page_layouts())
def test_the_importer_holds_on_many_more_pages(project_registers, layout):
    try:
        read_as_import_does(layout, project_registers)
    except ImporterError as e:
        pytest.fail(f"{type(e).__name__}: {e}")

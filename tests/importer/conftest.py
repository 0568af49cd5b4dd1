"""Fixtures of the importer's tests: registers, the seeds' truth, and small pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kfq.importer.pipeline import read_page
from kfq.registers import Registers, load_registers

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
SEEDS = ROOT / "seeds"
TRUTH = HERE / "truth.json"  # copied from the shared seeds: the hand-checked reading


@pytest.fixture(scope="session")
def small_registers() -> Registers:
    """A small register made for these tests (tests/importer/data)."""
    return load_registers(HERE / "data")


@pytest.fixture(scope="session")
def project_registers() -> Registers:
    """The editors' registers in content/data, which the seeds' zones come from."""
    data = ROOT / "content" / "data"
    if not (data / "zones.yaml").exists():
        pytest.skip("content/data registers not written yet")
    return load_registers(data)


@pytest.fixture(scope="session")
def truth() -> dict:
    """The hand-checked reading of the five seed pages."""
    for path in (TRUTH,):
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
    pytest.skip("truth.json not available")


def articles_of(text: str, registers: Registers, source: str = "page.txt"):
    """The articles (bylines attached, corrections made) of a page's text."""
    return read_page(source, text, registers)[1]

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
TRUTH = SEEDS / "truth.json"  # the hand-checked reading of the seed pages


@pytest.fixture(scope="session")
def small_registers() -> Registers:
    """A small register made for these tests (tests/importer/data)."""
    return load_registers(HERE / "data")


@pytest.fixture(scope="session")
def project_registers() -> Registers:
    """The editors' registers in content/data, which the seeds' zones come from."""
    return load_registers(ROOT / "content" / "data")


@pytest.fixture(scope="session")
def truth() -> dict:
    """The hand-checked reading of the five seed pages."""
    return json.loads(TRUTH.read_text(encoding="utf-8"))


def articles_of(text: str, registers: Registers, source: str = "page.txt"):
    """The articles (bylines attached, corrections made) of a page's text."""
    return read_page(source, text, registers)[1]


def write_manifest(folder: Path, dates: dict[str, str]) -> None:
    """A manifest.yaml giving each named page of folder its issue date (as a printed one)."""
    rows = "".join(
        f"  - file: {name}\n    publication: 《开发区建设》周刊\n    date: {d}\n" for name, d in dates.items()
    )
    (folder / "manifest.yaml").write_text("pages:\n" + rows, encoding="utf-8")

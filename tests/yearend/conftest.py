"""Fixtures of the year-end tests: their own registers and articles for 2023 and 2024."""

from __future__ import annotations

from pathlib import Path

import pytest

from kfq.registers import Registers, load_registers

CONTENT = Path(__file__).resolve().parent.parent / "fixtures" / "yearend" / "content"


@pytest.fixture(scope="session")
def content() -> Path:
    """The fixture content folder: data registers plus articles of 2023 and 2024."""
    return CONTENT


@pytest.fixture(scope="session")
def yearend_registers() -> Registers:
    """The year-end fixture registers (王伟/汪伟, 清徐融媒 and its alias, staff, no-zone)."""
    return load_registers(CONTENT / "data")

"""Per-build state kept on Pelican's shared context dict (never in module globals)."""

from __future__ import annotations

from typing import Any

from kfq.registers import Registers, load_registers
from kfq.settings import data_dir


def state(context: dict[str, Any]) -> dict[str, Any]:
    """This build's kfq state: one dict under context["kfq"], shared by our plugins."""
    return context.setdefault("kfq", {})


def registers_for(context: dict[str, Any], settings: dict[str, Any]) -> Registers:
    """The registers of this build, read once however many plugins ask for them."""
    st = state(context)
    if "registers" not in st:
        st["registers"] = load_registers(data_dir(settings))
    return st["registers"]

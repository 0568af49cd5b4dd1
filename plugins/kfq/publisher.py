"""The publisher block (主办单位, 编辑部, address, phones, 投稿邮箱, 备案号) from facts, never guessed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kfq.errors import SettingsError
from kfq.registers import Call

# The facts the weekly gives about itself (pelicanconf.py PUBLISHER); a key left None or out is
# not known yet and is shown nowhere. Phones and the submission address come from the call.
FACTS = ("host", "office", "address", "icp")


@dataclass(frozen=True)
class Publisher:
    """What the footer and 关于本刊 say about who publishes the weekly and how to reach it."""

    host: str = ""  # 主办单位
    office: str = ""  # 编辑部
    address: str = ""  # 编辑部地址
    phones: tuple[tuple[str, str], ...] = ()  # (name, number) as the call prints them
    email: str = ""  # 投稿邮箱
    icp: str = ""  # ICP 备案号

    # (label, text) for each known fact, in the order a Chinese news site prints them: worked
    # out when the block is made, since every page's footer shows them. Not a cached property:
    # the editors' loop fingerprints what a page shows by the object's attributes, and one
    # that appears at first use would change the block's fingerprint between saves.
    lines: tuple[tuple[str, str], ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        rows = [
            ("主办单位", self.host),
            ("编辑部", self.office),
            ("地址", self.address),
            ("电话", "、".join(f"{n} {p}" if n else p for n, p in self.phones)),
            ("投稿邮箱", self.email),
        ]
        object.__setattr__(self, "lines", tuple((label, text) for label, text in rows if text))


def publisher(facts: Mapping[str, Any] | None, call: Call | None) -> Publisher:
    """The block from the settings' facts and the call in force (its issuer, contacts, email)."""
    facts = facts or {}
    unknown = set(facts) - set(FACTS)
    if unknown:
        raise SettingsError(
            f"pelicanconf.py: PUBLISHER: unknown key(s) {', '.join(sorted(unknown))} — use {', '.join(FACTS)}"
        )

    def fact(key: str) -> str:
        value = facts.get(key)
        return str(value).strip() if value else ""

    data = call.data if call else {}
    phones = tuple(
        (str(c.get("name") or ""), str(c["phone"]))
        for c in data.get("contacts") or ()
        if isinstance(c, dict) and c.get("phone")
    )
    return Publisher(
        host=fact("host"),
        office=fact("office") or (call.issuer if call else ""),
        address=fact("address"),
        phones=phones,
        email=str(data.get("email") or ""),
        icp=fact("icp"),
    )

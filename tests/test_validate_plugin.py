"""The validator's Pelican adapter on its own: unread files stop the build, drafts vanish."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from kfq_validate.validate import BuildStopped, account_for_every_file


def generator(tmp_path: Path, read: list[str], drafts: list[str], checked: list[str]):
    def art(name):
        return SimpleNamespace(source_path=str(tmp_path / name))

    return SimpleNamespace(
        articles=[art(n) for n in read], translations=[], hidden_articles=[], hidden_translations=[],
        drafts=[art(n) for n in drafts], drafts_translations=[],
        context={"drafts": [art(n) for n in drafts],
                 "kfq": {"checked_files": [tmp_path / n for n in checked]}},
    )  # fmt: skip


def test_a_file_pelican_skipped_stops_the_build(tmp_path, capsys):
    gen = generator(tmp_path, read=["a.md"], drafts=[], checked=["a.md", "b.md"])
    with pytest.raises(BuildStopped) as stop:
        account_for_every_file(gen)
    assert stop.value.code == 1
    assert f"{tmp_path / 'b.md'}:1: file: Pelican could not read this article" in capsys.readouterr().err


def test_drafts_are_dropped_from_the_generator_and_the_context(tmp_path):
    gen = generator(tmp_path, read=["a.md"], drafts=["d.md"], checked=["a.md", "d.md"])
    account_for_every_file(gen)
    assert gen.drafts == [] and gen.context["drafts"] == []
    assert [a.source_path for a in gen.articles] == [str(tmp_path / "a.md")]

"""Shared fixtures: the test registers, fixture articles, and real Pelican builds in tmp_path."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

from kfq.registers import Registers, load_registers  # noqa: E402


@pytest.fixture(scope="session")
def registers() -> Registers:
    """The small test registers of tests/fixtures/data."""
    return load_registers(FIXTURES / "data")


@pytest.fixture(scope="session")
def site_registers() -> Registers:
    """The real registers the site ships with."""
    return load_registers(ROOT / "content" / "data")


def seed_articles(content: Path = ROOT / "content") -> list[tuple[dict, str]]:
    """(front-matter, Markdown body) of every shipped published article (drafts reach no
    page), the front-matter read by PyYAML itself rather than the core's reader (the tests
    hold the site to it); meta["url"] is where the article's page is."""
    out = []
    for path in sorted((content / "articles").rglob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---", 2)
        meta = yaml.safe_load(front)
        if meta.get("status", "published") != "published":
            continue
        meta["url"] = f"/articles/{meta['date'].year}/{meta['date'].month:02d}/{meta['slug']}/"
        out.append((meta, body))
    return out


def fixture_article(name: str) -> Path:
    """A fixture article file by its case name."""
    return FIXTURES / "articles" / f"{name}.md"


@dataclass
class Build:
    """The outcome of one real Pelican run."""

    returncode: int
    log: str
    output: Path
    content: Path

    def page(self, rel: str) -> str:
        return (self.output / rel).read_text(encoding="utf-8")

    def files(self) -> list[Path]:
        return sorted(p for p in self.output.rglob("*") if p.is_file()) if self.output.exists() else []


def make_content(
    tmp_path: Path, articles: dict[str, str | Path] | None = None, data: Path | None = None
) -> Path:
    """A content folder in tmp_path: data registers plus the given articles.

    articles maps a path under articles/ to its text, or to a fixture file to copy byte for byte.
    """
    content = tmp_path / "content"
    shutil.copytree(data or FIXTURES / "data", content / "data")
    (content / "articles").mkdir(parents=True)
    (content / "pages").mkdir()
    for rel, text in (articles or {}).items():
        target = content / "articles" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, Path):
            shutil.copyfile(text, target)
        else:
            target.write_text(text, encoding="utf-8")
    return content


def run_pelican(content: Path, output: Path, conf: str = "pelicanconf.py", **settings) -> Build:
    """Run `pelican content -s conf -o output` as a user would, extra settings via -e."""
    cmd = [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / conf), "-o", str(output)]
    if settings:
        cmd += ["-e", *(f"{k}={json.dumps(v)}" for k, v in settings.items())]
    env = {**os.environ, "KFQ_SITEURL": "https://kfq.test", "COLUMNS": "200"}
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
    return Build(proc.returncode, proc.stdout + proc.stderr, output, content)


@pytest.fixture
def build_site(tmp_path):
    """build_site(articles=..., conf=..., **settings): a real Pelican build in tmp_path."""

    def build(
        articles: dict[str, str | Path] | None = None,
        conf: str = "pelicanconf.py",
        data: Path | None = None,
        **settings,
    ) -> Build:
        content = make_content(tmp_path, articles, data)
        return run_pelican(content, tmp_path / "output", conf, **settings)

    return build


DRAFT_OF_THE_SEED_SITE = """---
title: 草稿不应出现在任何公开页面
authors: [李恒松]
zones: [左云经济技术开发区]
genre: 消息
date: 2024-06-20
slug: cao-gao-bu-ying-chu-xian
status: draft
---

本刊讯 这是一篇草稿，读者不应在站点、订阅、站点地图和搜索中看到它。
"""


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Build:
    """The site as it ships (content/ with the imported seed articles) plus one draft, built once."""
    tmp = tmp_path_factory.mktemp("seed-site")
    content = tmp / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "articles/2024/cao-gao-bu-ying-chu-xian.md").write_text(
        DRAFT_OF_THE_SEED_SITE, encoding="utf-8"
    )
    build = run_pelican(content, tmp / "output")
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium for the whole session (tests/browser/, tests/publish/);
    Playwright is given its path and never downloads one."""
    from browser.conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright import sync_api

    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed: run `make setup`")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()

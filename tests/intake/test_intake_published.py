"""From the 投稿邮箱 to the site: `invoke intake` writes drafts that no build shows; once an editor
publishes them, `invoke check` passes (warning about a length far off the genre's target) and
a real Pelican build shows every paragraph, the headline's parts and the photo with its caption
and credit."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

from conftest import run_pelican
from kfq.frontmatter import read_source
from kfq.house_style import tidy
from tests.intake.submissions import Piece, add_revisions, photo_bytes, write_docx, write_eml
from tests.intake.test_intake import COMMENT, DELETED, FEATURE, HIDDEN, INSERTED, PLAIN, ROOT

LONG = Piece(  # a 消息 of about 2,000字: four times the call's 800
    title="清徐经济开发区一季度主要经济指标稳中有进",
    byline="记者 李恒松",
    paragraphs=["本刊讯 " + "清徐经济开发区坚持项目为王，一季度完成固定资产投资同比增长百分之十二。" * 15]
    + ["园区持续优化营商环境，推动企业满产达产，规上工业增加值同比增长百分之九点五。" * 15] * 3,
)


def invoke(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


def publish(path: Path, register: Path, report: str) -> Path:
    """What an editor does with a draft: add the register entries the intake proposed, settle
    every doubt (the authors named, the photo described), set the issue's date (the file goes
    to that year's folder, as `invoke check` asks), publish."""
    text = path.read_text(encoding="utf-8")
    head, body = text.removeprefix("---\n").split("\n---\n", 1)
    meta = yaml.safe_load(head)
    proposed = [d.split("[", 1)[1].rstrip("]") for d in meta.pop("doubts") if "contributors.yaml" in d]
    meta["authors"] = meta["authors"] + proposed
    meta["status"] = "published"
    meta["date"] = "2024-05-20"
    if "image" in meta:
        meta["image_alt"] = "工人在新材料项目生产车间里操作设备"
    path.unlink()
    path = path.parent.parent / "2024" / path.name
    path.parent.mkdir(exist_ok=True)
    path.write_text(
        f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)}---\n{body}", encoding="utf-8"
    )
    entries = [
        block
        for block in re.findall(r"after checking, add:\n((?:      .*\n?)+)", report)
        if any(f"- name: {n}\n" in block for n in proposed)
    ]
    added = "\n".join(re.sub(r"^    ", "", e, flags=re.M).rstrip() for e in entries)
    register.write_text(register.read_text(encoding="utf-8").rstrip() + "\n" + added + "\n", encoding="utf-8")
    return path


@pytest.mark.render
def test_submissions_become_articles_on_the_site_once_published(tmp_path):
    sent = tmp_path / "投稿"
    feature = write_docx(FEATURE, sent / "新材料项目.docx", photo_bytes(1600, 1200))
    add_revisions(feature, INSERTED, DELETED, HIDDEN, COMMENT)
    write_docx(LONG, sent / "一季度.docx")
    mailed = write_docx(PLAIN, tmp_path / "mail" / "招聘会.docx")
    write_eml(sent / "投稿.eml", "张丽华", "zhanglh@example.com", "投稿", "见附件。", [mailed])
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "data", content / "data")
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    (content / "articles").mkdir()

    intake = invoke("intake", str(sent), "--content", str(content))
    assert intake.returncode == 0, intake.stdout + intake.stderr
    assert "3 draft(s) written, 3 with doubts to settle" in intake.stdout
    drafts = sorted((content / "articles").rglob("*.md"))
    # The 字数 against the call's target, as the editor sees it.
    assert re.search(
        r"«清徐经济开发区一季度主要经济指标稳中有进»  \d{4}字 \(消息: 800字左右\)", intake.stdout
    )

    before = run_pelican(content, tmp_path / "draft-site")
    assert before.returncode == 0, before.log
    shown = "".join(p.read_text(encoding="utf-8", errors="replace") for p in before.files())
    for title in (FEATURE.title, LONG.title, PLAIN.title):
        assert title not in shown, f"the draft «{title}» reached the built site"
    assert not (before.output / "images").exists() or not list((before.output / "images").rglob("*"))

    drafts = [publish(p, content / "data" / "contributors.yaml", intake.stdout) for p in drafts]
    check = invoke("check", "--content", str(content))
    assert check.returncode == 0, check.stdout + check.stderr
    assert "3 article file(s) checked, all valid (0 draft(s))." in check.stdout
    long_path = next(p for p in drafts if read_source(p)[0].meta["title"] == LONG.title)
    assert re.search(
        rf"{long_path.name}:\d+: genre: warning: \d{{4}}字 is over twice the 消息's target of 800字",
        check.stderr,
    ), check.stderr

    build = run_pelican(content, tmp_path / "site")
    assert build.returncode == 0, build.log
    feature_meta = next(
        read_source(p)[0].meta for p in drafts if read_source(p)[0].meta["title"] == FEATURE.title
    )
    url = f"articles/2024/05/{feature_meta['slug']}/index.html"
    page = BeautifulSoup(build.page(url), "html.parser")
    article = page.select_one("article") or page
    text = article.get_text(" ")
    for part in (FEATURE.kicker, FEATURE.title, FEATURE.subtitle, "王晓明"):
        assert part in text, part
    shown = [p.get_text() for p in article.select("p, h2")]
    for paragraph in [FEATURE.paragraphs[0] + INSERTED, *FEATURE.paragraphs[1:]]:
        assert tidy(paragraph) in shown
    assert "一、抓项目促投产" in [h.get_text() for h in article.select("h2")]
    for gone in (DELETED, HIDDEN, COMMENT):
        assert gone not in build.page(url)
    figure = page.select_one("figure.story-image")
    assert figure.select_one("figcaption").get_text() == "图为项目生产车间。 李明 摄"
    img = figure.select_one("img")
    assert (img["width"], img["height"]) == ("1600", "1200")
    published = build.output / img["src"].lstrip("/")
    with Image.open(io.BytesIO(published.read_bytes())) as im:
        assert not im.getexif().get_ifd(0x8825), "GPS reached the published photo"

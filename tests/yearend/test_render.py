"""Every office file rendered by LibreOffice, as the office prints it: pages counted, nothing cut off.

The seed-like fixture years and a made-up year of 32 contributors (a five-way tie at place
18, a zone and an organisation with long names, one correspondent with 20 articles) go
through `run(..., pdf=True)`; the PDFs are read back with pdfinfo and pdftotext.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kfq.yearend.cli import run
from kfq.yearend.pdf import to_pdf

pytestmark = pytest.mark.render

ISSUED = dt.date(2025, 12, 26)
SITE = "https://kfq.example.cn"
ISSUER = "《开发区建设》周刊编辑部"
LONG_ZONE = "山西晋中国家农业高新技术产业示范区"
LONG_UNIT = "晋中农高区融媒"
LONG_UNIT_FULL = "山西晋中国家农业高新技术产业示范区融媒体中心"
FIXTURE_ZONES = ["清徐经济开发区", "大同经济技术开发区", "左云经济技术开发区", "长治经济技术开发区"]
# 32 people, one surname each (no two read alike, so each keeps an author page).
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韩冯邓曹彭萧"
GIVEN = ["建华", "晓光", "海燕", "国强", "秀英", "志刚", "丽娟", "文博"]


def pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def page_text(pdf: Path, page: int | None = None) -> str:
    """The text of one page (or all), whitespace removed: wrapped lines join up again."""
    span = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(
        ["pdftotext", "-raw", *span, str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return re.sub(r"\s+", "", out.stdout)


def _article(
    folder: Path, slug: str, title: str, authors: list[str], zone: str, day: dt.date, chars: int
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    body = "本刊讯 " + "开发区项目建设稳步推进。" * (chars // 11)
    (folder / f"{slug}.md").write_text(
        f"---\ntitle: {title}\nauthors: [{', '.join(authors)}]\nzones: [{zone}]\ngenre: 消息\n"
        f"date: {day.isoformat()}\nslug: {slug}\nstatus: published\n---\n\n{body}\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def made_up_year(content, tmp_path_factory) -> tuple[Path, dict[str, tuple[int, str]]]:
    """A copy of the fixture content with 32 more contributors and their 2025 articles."""
    root = tmp_path_factory.mktemp("made-up") / "content"
    shutil.copytree(content, root)
    data = root / "data"
    with (data / "zones.yaml").open("a", encoding="utf-8") as f:
        f.write(
            f"  - name: {LONG_ZONE}\n    slug: jinzhong-nonggao-qu\n    short: [晋中农高区]\n"
            "    city: 晋中市\n    level: 国家级\n    kind: 农业高新技术产业示范区\n"
        )
    people: list[tuple[str, str, str]] = []  # (name, role, zone)
    for i, surname in enumerate(SURNAMES):
        zone = LONG_ZONE if i % 4 == 0 else FIXTURE_ZONES[i % len(FIXTURE_ZONES)]
        people.append((surname + GIVEN[i % len(GIVEN)], "通讯员", zone))
    people.insert(17, (LONG_UNIT, "机构", LONG_ZONE))  # in the tie at place 18
    with (data / "contributors.yaml").open("a", encoding="utf-8") as f:
        for name, role, zone in people:
            full = f"    full_name: {LONG_UNIT_FULL}\n" if role == "机构" else ""
            f.write(
                f"  - name: {name}\n    aliases: []\n    role: {role}\n{full}    zone: {zone}\n"
                f"    affiliation: {zone}管委会\n"
            )
    # Places 1–17 by article count (20 down to 4), five equal on every measure at place 18
    # (3 articles of the same length on the same days), the rest below them.
    counts = [20 - i for i in range(17)] + [3] * 5 + [2, 2, 1, 1, 1, 2, 1, 1, 1, 1, 2]
    counts = counts[: len(people)]
    folder = root / "articles" / "2025"
    n = 0
    for (name, _, zone), count in zip(people, counts, strict=True):
        for k in range(count):
            n += 1
            day = dt.date(2025, 1, 6) + dt.timedelta(days=7 * k)
            title = f"{zone[:4]}推进重点项目建设第{n}篇：园区企业技术改造和产业链招商取得新进展"
            _article(folder, f"made-up-{n}", title, [name], zone, day, 900)
    return root, {name: (count, zone) for (name, _, zone), count in zip(people, counts, strict=True)}


@pytest.fixture(scope="module")
def rendered(content, made_up_year, tmp_path_factory):
    """Each year's files and their PDFs: 2023, 2024 (fixture years) and 2025 (made up)."""
    out = {}
    for year, source in ((2023, content), (2024, content), (2025, made_up_year[0])):
        folder = tmp_path_factory.mktemp(f"render{year}")
        report = run(year, source, folder, issued=ISSUED, siteurl=SITE, pdf=True)
        out[year] = (folder, report)
    return out


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_every_file_has_its_pdf_beside_it(rendered, year):
    _folder, report = rendered[year]
    office = [p for p in report.files if p.suffix != ".pdf"]
    assert sorted(p for p in report.files if p.suffix == ".pdf") == sorted(
        p.with_suffix(".pdf") for p in office
    )
    assert all(pages(p.with_suffix(".pdf")) >= 1 for p in office)


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_one_certificate_a_page_with_its_signature(rendered, year):
    folder, report = rendered[year]
    pdf = folder / f"{year}年度《优秀撰稿人》证书.pdf"
    assert pages(pdf) == report.awarded  # no blank page after a certificate
    day = "2025年12月26日"
    for page in range(1, report.awarded + 1):
        text = page_text(pdf, page)
        assert text.count("荣誉证书") == 1 and text.endswith(ISSUER + day), (page, text)


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_one_letter_a_page_its_signature_on_the_same_page(rendered, year):
    folder, _ = rendered[year]
    letters = sorted((folder / "表扬信").glob("*.pdf"))
    assert letters
    for pdf in letters:
        first = page_text(pdf, 1)
        recipient = pdf.stem.split("-", 1)[1]
        assert first.startswith(f"表扬信{recipient}：") and f"{ISSUER}2025年12月26日" in first, pdf.name
        if "附件：" in first:  # the article list went to an attachment on the next pages
            assert page_text(pdf, 2).startswith(f"附件{year}年度刊发稿件篇目")
        else:
            assert pages(pdf) == 1, pdf.name


def test_a_long_article_list_becomes_an_attachment(rendered, made_up_year):
    folder, _ = rendered[2025]
    # 王建华 (20 articles) writes from the long-named zone: the list cannot fit the letter.
    pdf = folder / "表扬信" / f"2025年度表扬信-{LONG_ZONE}管委会.pdf"
    assert "附件：2025年度刊发稿件篇目" in page_text(pdf, 1)
    awarded = [n for n, zone in made_up_year[1].values() if zone == LONG_ZONE and n >= 3]
    assert page_text(pdf).count(f"{LONG_ZONE[:4]}推进重点项目建设第") == sum(awarded) > 20


def test_the_tie_at_the_cut_off_is_stated_and_ranked(rendered):
    folder, report = rendered[2025]
    assert report.awarded == 22  # 17 places, then five share place 18
    text = page_text(folder / "2025年度投稿人稿件清单和篇目.pdf")
    assert "第18名有5位投稿人并列" in text and "前20名共有22位投稿人" in text
    assert LONG_UNIT_FULL in text and LONG_UNIT + "同志" not in text
    # The signature ends the document, on its last page.
    pdf = folder / "2025年度投稿人稿件清单和篇目.pdf"
    last = pages(pdf)
    assert page_text(pdf, last).endswith(f"{ISSUER}2025年12月26日—{last}—")


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_nothing_is_cut_off(rendered, year):
    folder, _report = rendered[year]
    titles = {c.value for c in _pieces_sheet(folder, year)}
    assert titles
    for stem in (f"{year}年度投稿人稿件清单和篇目", f"{year}年度投稿人稿件统计表"):
        text = page_text(folder / f"{stem}.pdf")
        missing = [t for t in titles if re.sub(r"\s+", "", t) not in text]
        assert not missing, (stem, missing[:3])


def _pieces_sheet(folder: Path, year: int):
    ws = load_workbook(folder / f"{year}年度投稿人稿件统计表.xlsx")["篇目"]
    return [row[2] for row in ws.iter_rows(min_row=3)]


@pytest.mark.parametrize("year", [2024, 2025])
def test_no_link_is_cut_off(rendered, year):
    folder, _ = rendered[year]
    ws = load_workbook(folder / f"{year}年度投稿人稿件统计表.xlsx")["篇目"]
    links = [row[7].value for row in ws.iter_rows(min_row=3)]
    text = page_text(folder / f"{year}年度投稿人稿件统计表.pdf")
    assert links and all(link in text for link in links)


@pytest.mark.parametrize("year", [2024, 2025])
def test_workbook_pages_are_numbered(rendered, year):
    folder, _ = rendered[year]
    pdf = folder / f"{year}年度投稿人稿件统计表.pdf"
    total = pages(pdf)
    for page in range(1, total + 1):
        assert f"第{page}页，共{total}页" in page_text(pdf, page)


def test_summary_formulas_count_articles_and_zishu(rendered, made_up_year, tmp_path):
    folder, _report = rendered[2025]
    source = folder / "2025年度投稿人稿件统计表.xlsx"
    # LibreOffice computes the formulas on loading; its copy keeps the results.
    copy = tmp_path / "recalculated"
    copy.mkdir()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(copy),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    values = load_workbook(copy / source.name, data_only=True)["汇总"]
    pieces = list(load_workbook(source)["篇目"].iter_rows(min_row=3, values_only=True))
    rows = {r[0]: r[1:] for r in values.iter_rows(min_row=3, values_only=True) if r[0]}
    for zone in [*FIXTURE_ZONES, LONG_ZONE]:
        mine = [p for p in pieces if zone in p[4].split("、")]
        if mine:
            assert rows[zone][:2] == (len(mine), sum(p[6] for p in mine)), zone
    assert rows["全年合计"][:2] == (len(pieces), sum(p[6] for p in pieces))
    for name, (count, _) in made_up_year[1].items():
        assert rows[name][1] == count, name


def test_pdf_conversion_with_a_private_profile(rendered, tmp_path):
    folder, _ = rendered[2024]
    copy = tmp_path / "again.docx"
    shutil.copy(folder / "2024年度投稿人稿件清单和篇目.docx", copy)
    [pdf] = to_pdf([copy], profile=tmp_path / "profile")
    assert pdf == tmp_path / "again.pdf" and pages(pdf) == pages(folder / "2024年度投稿人稿件清单和篇目.pdf")

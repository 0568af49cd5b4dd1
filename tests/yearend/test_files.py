"""cli.run: the office files for 2023 and 2024 from the fixture articles, read back."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table
from openpyxl import load_workbook

from kfq.errors import ContentInvalid
from kfq.yearend.cli import run
from kfq.yearend.errors import NoArticles, SiteUrlMissing, UnsignedArticles

ISSUED = dt.date(2024, 12, 20)
SITE = "https://kfq.example.cn"
# Who wrote what in the fixtures, by year: (contributor, zone, article titles).
EXPECTED = {
    2023: {
        "王伟": ("左云经济技术开发区", ["左云经开区签约项目十二个"]),
        "清徐融媒": ("清徐经济开发区", ["清徐经开区项目建设提速", "清徐经开区举办招商推介会"]),
        "付雅祺": ("大同经济技术开发区", ["大同经开区新能源产业集聚"]),
        "汪伟": ("长子经济技术开发区", ["长子经开区重点项目开工"]),
    },
    2024: {
        "王伟": ("左云经济技术开发区", ["左云长子两地园区联动发展"]),
        "汪伟": ("长子经济技术开发区", ["左云长子两地园区联动发展", "长子经开区优化营商环境"]),
        "张虎虎": ("忻州经济开发区", ["忻州经开区引进链主企业"]),
        "曾明": ("大同经济技术开发区", ["以科技创新引领园区发展"]),
        "单田": ("长治经济技术开发区", ["长治经开区人才公寓投用"]),
        "刘芳": ("长治经济技术开发区", ["长治经开区专精特新企业增至十家"]),
        "丁一": ("未注明开发区", ["民营企业走进开发区"]),
        "清徐融媒": ("清徐经济开发区", ["清徐经开区打造精细化工园区"]),
    },
}
# Organisations are printed by their registered full name.
FORMAL = {"清徐融媒": "清徐县融媒体中心"}
STAFF = {2023: ("李恒松", "向高而攀 蓄势前行"), 2024: ("李恒松", "开发区改革创新观察")}
DRAFTS = ["忻州经开区草稿", "大同经开区年终草稿"]


@pytest.fixture(scope="module", params=[2023, 2024])
def made(request, content, tmp_path_factory):
    year = request.param
    out = tmp_path_factory.mktemp(f"out{year}")
    lines: list[str] = []
    report = run(year, content, out, lines.append, issued=ISSUED, siteurl=SITE)
    return year, out, report, lines


def _all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for t in doc.tables for row in t.rows for cell in row.cells]
    return "\n".join(parts)


def test_run_reports_progress_and_every_file(made):
    year, out, report, lines = made
    assert lines[0].startswith(f"Reading the articles of {year}")
    assert any(line.startswith("[1/") and "workbook" in line for line in lines)
    assert sorted(report.files) == sorted(p for p in out.rglob("*") if p.is_file())
    # Each kind of file has a stem of its own: their PDFs can sit side by side.
    stems = [p.stem for p in report.files]
    assert len(stems) == len(set(stems))
    assert (out / f"{year}年度投稿人稿件统计表.xlsx").exists()
    assert (out / f"{year}年度投稿人稿件清单和篇目.docx").exists()
    assert str(year) in str(report) and "优秀撰稿人" in str(report)


def test_workbook_has_each_contributor_and_article_in_the_right_zone(made):
    year, out, _, _ = made
    wb = load_workbook(out / f"{year}年度投稿人稿件统计表.xlsx")
    expected_zones = {zone for zone, _ in EXPECTED[year].values()} | {"本刊记者"}
    assert set(wb.sheetnames) == expected_zones | {"汇总", "篇目", "排名"}
    seen: dict[str, set[str]] = {}
    for zone in expected_zones:
        ws = wb[zone]
        assert ws["A1"].value == f"{year}年度{zone}投稿人稿件"  # the title row
        header = [c.value for c in ws[2]]
        assert header == ["开发区", "投稿人", "单位", "篇名", "刊发日期", "体裁", "字数"]
        assert ws.freeze_panes == "A3" and ws.print_title_rows == "$2:$2"
        assert ws["A2"].font.name == "宋体" and ws["A2"].font.b
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
        assert ws.oddHeader.center.text == f"{year}年度投稿人稿件统计表"
        for row in ws.iter_rows(min_row=3, values_only=True):
            assert row[0] == zone
            seen.setdefault(row[1], set()).add(row[3])
            assert isinstance(row[4], dt.datetime) and row[4].year == year
        assert ws.column_dimensions["D"].width > ws.column_dimensions["F"].width
        assert ws["E3"].number_format == 'yyyy"年"m"月"d"日"'
        assert ws["D3"].alignment.wrap_text and ws.row_dimensions[3].height >= 15
    for name, (zone, titles) in EXPECTED[year].items():
        assert seen[FORMAL.get(name, name)] == set(titles), name
        assert FORMAL.get(name, name) in [r[1] for r in wb[zone].iter_rows(min_row=3, values_only=True)]
    staff, title = STAFF[year]
    assert seen[staff] == {title}
    others = (
        {n for y, people in EXPECTED.items() if y != year for n in people}
        - set(EXPECTED[year])
        - {FORMAL.get(n, n) for n in EXPECTED[year]}
    )
    assert not (others & set(seen)), "someone from another year"


def test_workbook_lists_every_article_once_and_no_draft(made):
    year, out, _, _ = made
    wb = load_workbook(out / f"{year}年度投稿人稿件统计表.xlsx")
    rows = list(wb["篇目"].iter_rows(min_row=3, values_only=True))
    titles = [r[2] for r in rows]
    expected = {t for _, ts in EXPECTED[year].values() for t in ts} | {STAFF[year][1]}
    assert sorted(titles) == sorted(expected)
    assert not set(DRAFTS) & set(titles)
    assert [r[1] for r in rows] == sorted(r[1] for r in rows)  # by date
    assert all(r[7].startswith(f"{SITE}/articles/{year}/") for r in rows)  # absolute links
    ranking = [r for r in wb["排名"].iter_rows(min_row=3, values_only=True)]
    assert {r[1] for r in ranking} == {FORMAL.get(n, n) for n in EXPECTED[year]}  # staff are not ranked
    assert all(r[7] == "是" for r in ranking)  # fewer than 20: all are 优秀撰稿人


def test_list_document_has_a_section_per_zone_with_its_people(made):
    year, out, _, _ = made
    doc = Document(str(out / f"{year}年度投稿人稿件清单和篇目.docx"))
    assert doc.paragraphs[0].text == f"{year}年度投稿人稿件清单和篇目"
    assert doc.paragraphs[0].style.name == "Title"
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    zones = {zone for zone, _ in EXPECTED[year].values()}
    for zone in zones:
        assert any(h.split("）", 1)[1].startswith(zone) for h in headings), zone
    assert next(p.text for p in doc.paragraphs if p.style.name == "Heading 1") == "一、投稿人稿件清单"
    text = _all_text(doc)
    for name, (_, titles) in EXPECTED[year].items():
        assert FORMAL.get(name, name) in text
        for t in titles:
            assert t in text
    assert not set(DRAFTS) & set(text.split("\n"))
    assert "《开发区建设》周刊编辑部" in text and "2024年12月20日" in text
    # Each zone's table sits under its heading: the first person column holds its people.
    body = doc.element.body
    current = None
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            t = "".join(child.itertext())
            for zone in zones:
                if t.startswith("（") and t.split("）", 1)[1].startswith(zone):
                    current = zone
        elif child.tag == qn("w:tbl") and current:
            people = {cell.text for cell in Table(child, doc._body).column_cells(1)}
            for name, (zone, _) in EXPECTED[year].items():
                if zone == current:
                    assert FORMAL.get(name, name) in people, (name, zone)
            current = None


def test_list_document_follows_the_official_layout(made):
    year, out, _, _ = made
    doc = Document(str(out / f"{year}年度投稿人稿件清单和篇目.docx"))
    s = doc.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert abs(s.top_margin - Mm(37)) < Mm(0.5) and abs(s.left_margin - Mm(28)) < Mm(0.5)
    title = doc.styles["Title"]
    assert title.element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert title.font.size.pt == 22 and title.element.pPr.find(qn("w:pBdr")) is None
    normal = doc.styles["Normal"]
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.font.size.pt == 16
    assert doc.styles["Heading 1"].element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert doc.styles["Heading 2"].element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    # Body paragraphs carry a style, not run-by-run fonts.
    assert all(not r._r.rPr for p in doc.paragraphs if p.style.name == "Body Text" for r in p.runs)
    # Chinese, current Word format, and GB/T 9704 page numbers: odd right, even left.
    lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert lang.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    modes = [
        c.get(qn("w:val"))
        for c in doc.settings.element.iter(qn("w:compatSetting"))
        if c.get(qn("w:name")) == "compatibilityMode"
    ]
    assert modes == ["15"]
    assert doc.settings.odd_and_even_pages_header_footer
    odd, even = s.footer.paragraphs[0], s.even_page_footer.paragraphs[0]
    for footer in (odd, even):  # "— 1 —": the number is a PAGE field between the dashes
        assert footer.text == "—  —" and 'w:instr="PAGE"' in footer._p.xml
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT and even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    grid = s._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and int(grid.get(qn("w:linePitch"))) == 578


def test_a_certificate_page_for_every_ranked_contributor(made):
    year, out, report, _ = made
    doc = Document(str(out / f"{year}年度《优秀撰稿人》证书.docx"))
    text = _all_text(doc)
    for name, (zone, _) in EXPECTED[year].items():
        assert FORMAL.get(name, name) in text
        assert zone == "未注明开发区" or name in FORMAL or f"（{zone}）" in text
    assert text.count("荣　誉　证　书") == len(EXPECTED[year]) == report.awarded
    # A page break before each certificate but the first, and no break paragraph after one.
    assert doc.element.body.xml.count("w:pageBreakBefore") == len(EXPECTED[year]) - 1
    assert 'w:type="page"' not in doc.element.body.xml
    # Units are not 同志, and go by their registered full name; nor are they inside a zone.
    assert "清徐县融媒体中心：" in text and "王伟同志：" in text
    assert "贵单位在" in text and "贵单位（" not in text
    assert f"{year}年度“优秀撰稿人”" in text


def test_a_letter_for_every_ranked_zone_naming_its_people_and_articles(made):
    year, out, _, _ = made
    letters = sorted((out / "表扬信").glob("*.docx"))
    zones = {zone for zone, _ in EXPECTED[year].values()} - {"未注明开发区"}
    assert {p.name.split("-", 1)[1].removesuffix("管委会.docx") for p in letters} == zones
    for path in letters:
        zone = path.name.split("-", 1)[1].removesuffix("管委会.docx")
        text = _all_text(Document(str(path)))
        assert f"{zone}管委会：" in text
        assert "贵区清徐" not in text  # an organisation is never one of the zone's own
        for name, (z, titles) in EXPECTED[year].items():
            if z == zone:
                assert name in text
                assert all(f"《{t}》" in text for t in titles)
            else:
                assert f"{name}同志" not in text


def test_a_year_without_articles_writes_nothing(content, tmp_path):
    with pytest.raises(NoArticles, match="2022"):
        run(2022, content, tmp_path / "out", siteurl=SITE)
    assert not (tmp_path / "out").exists()


def _copy(content: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(content, copy)
    return copy


def _unsign(content: Path, *slugs: str) -> None:
    for slug in slugs:
        path = next(content.glob(f"articles/*/{slug}.md"))
        text = path.read_text(encoding="utf-8")
        start = text.index("authors: [")
        end = text.index("]", start)
        path.write_text(text[:start] + "authors: []" + text[end + 1 :], encoding="utf-8")


def test_an_unsigned_article_is_listed_credited_to_no_one_and_reported(content, tmp_path):
    copy = _copy(content, tmp_path)
    _unsign(copy, "ding-yi-2024")
    report = run(2024, copy, tmp_path / "out", issued=ISSUED, siteurl=SITE)
    [warning] = report.warnings
    assert warning.endswith(
        "articles/2024/ding-yi-2024.md: authors: [] — unsigned, listed under its zone as 未署名"
    )
    wb = load_workbook(tmp_path / "out/2024年度投稿人稿件统计表.xlsx")
    rows = list(wb["篇目"].iter_rows(values_only=True))
    assert any(r[3] == "未署名" and r[2] == "民营企业走进开发区" for r in rows)
    assert "丁一" not in [r[1] for r in wb["排名"].iter_rows(values_only=True)]
    # Listed in the list document too, under its zone, and counted in the total.
    doc = Document(str(tmp_path / "out/2024年度投稿人稿件清单和篇目.docx"))
    text = _all_text(doc)
    assert "未署名" in text and "民营企业走进开发区" in text and "另有未署名稿件1篇" in text


def test_strict_stops_at_an_unsigned_article_and_writes_nothing(content, tmp_path):
    copy = _copy(content, tmp_path)
    _unsign(copy, "ding-yi-2024")
    with pytest.raises(UnsignedArticles, match=r"ding-yi-2024\.md: authors: \[\]"):
        run(2024, copy, tmp_path / "out", strict=True, siteurl=SITE)
    assert not (tmp_path / "out").exists()


def test_a_year_of_unsigned_articles_only_has_no_list(content, tmp_path):
    copy = _copy(content, tmp_path)
    slugs = [p.stem for p in (copy / "articles/2023").glob("*.md")]
    _unsign(copy, *slugs)
    with pytest.raises(UnsignedArticles, match="6 published article"):
        run(2023, copy, tmp_path / "out", siteurl=SITE)
    assert not (tmp_path / "out").exists()


def test_an_invalid_article_of_the_year_stops_the_run(content, tmp_path):
    copy = _copy(content, tmp_path)
    path = copy / "articles/2024/ding-yi-2024.md"
    path.write_text(path.read_text(encoding="utf-8").replace("authors: [丁一]\n", ""), encoding="utf-8")
    with pytest.raises(ContentInvalid) as e:
        run(2024, copy, tmp_path / "out", siteurl=SITE)
    assert any("authors" in str(p) and "ding-yi-2024.md" in str(p) for p in e.value.problems)
    assert not (tmp_path / "out").exists()
    # The other year is not held up by it.
    assert run(2023, copy, tmp_path / "out23", issued=ISSUED, siteurl=SITE).articles == 6


@pytest.mark.parametrize("siteurl", ["", "/", "kfq.example.cn", "  "])
def test_no_relative_links_in_office_files(content, tmp_path, siteurl):
    with pytest.raises(SiteUrlMissing, match="KFQ_SITEURL=https://"):
        run(2024, content, tmp_path / "out", siteurl=siteurl)
    assert not (tmp_path / "out").exists()


def test_an_estimated_date_is_never_printed_as_a_day(yearend_registers, tmp_path):
    from kfq.yearend.cli import compute_year
    from kfq.yearend.docx import write_list
    from kfq.yearend.letters import letters_for, write_letter
    from kfq.yearend.page import page_data
    from kfq.yearend.xlsx import write_workbook

    from .helpers import raw

    raws = [
        raw("a", ["刘芳"], "2024-05-17", zones=["长治经济技术开发区"], estimated=True),
        raw("b", ["单田"], "2024-06-03", zones=["长治经济技术开发区"]),
        raw("c", ["刘芳"], "2024-06-09", zones=["长治经济技术开发区"], status="draft", title="草稿"),
    ]
    year = compute_year(raws, yearend_registers, 2024)
    assert [p.title for p in year.collection.pieces] == ["标题a", "标题b"]  # no draft
    data = page_data(year.collection, year.standings, yearend_registers, year.rules)
    dates = {
        p["title"]: p["date_text"] for g in data["groups"] for person in g["people"] for p in person["pieces"]
    }
    assert dates == {"标题a": "约2024年5月", "标题b": "2024年6月3日"}
    doc = write_list(
        tmp_path / "l.docx", year.collection, year.standings, yearend_registers, "编辑部", ISSUED, year.rules
    )
    text = _all_text(Document(str(doc)))
    assert "约2024年5月" in text and "2024年5月17日" not in text and "2024年6月3日" in text
    [letter] = letters_for(year.standings, [z.name for z in yearend_registers.zones])
    text = _all_text(Document(str(write_letter(tmp_path / "x.docx", letter, 2024, "编辑部", ISSUED))))
    assert "约2024年5月" in text and "5月17日" not in text
    wb = write_workbook(
        tmp_path / "w.xlsx", year.collection, year.standings, yearend_registers, "编辑部", SITE
    )
    cells = [c for row in load_workbook(wb)["篇目"].iter_rows(min_row=3, values_only=True) for c in row]
    assert "约2024年5月" in cells and dt.datetime(2024, 5, 17) not in cells

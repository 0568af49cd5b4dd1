"""`invoke intake` on real submissions: every field and paragraph of the drafts, nothing lost,
and the drafts valid once an editor has settled and published them."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from PIL import Image

from kfq.contract import check_article
from kfq.frontmatter import read_source
from kfq.intake import intake_files
from kfq.intake.formats import read
from kfq.intake.structure import clean, structure
from kfq.registers import load_registers
from kfq.text import HAN_RE
from tests.intake.submissions import (
    Piece,
    add_revisions,
    convert,
    photo_bytes,
    write_docx,
    write_eml,
)

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2024, 5, 8)

FEATURE = Piece(
    kicker="项目建设跑出加速度",
    title="左云经开区新材料项目投产",
    subtitle="左云经济技术开发区推进项目建设纪实",
    byline="通讯员 王晓明",
    paragraphs=[
        "本刊讯 5月6日，左云经济技术开发区年产10万吨新材料项目正式投产，标志着左云经开区在延链补链上"
        "又迈出坚实一步。该项目总投资12亿元，采用国内先进工艺，投产后可实现年产值20亿元。",
        "左云经开区坚持“三个一批”工作机制，聚焦招商引资，优化营商环境，推动项目早投产早见效。"
        "园区还为企业配备了专门的服务专员，解决用工、用地、用能等实际问题。",
        "下一步，左云经开区将继续围绕新材料产业延链补链，力争全年新签约项目20个以上。",
    ],
    headings={1: "一、抓项目促投产"},
    caption="图为项目生产车间。",
    credit="李明",
)
# A contributor who types the headline as the first paragraph and signs at the end.
PLAIN = Piece(
    title="清徐经济开发区举办招聘会",
    byline="（清徐融媒）",
    byline_after=True,
    title_style=False,
    paragraphs=[
        "本刊讯 5月7日，清徐经济开发区在园区服务中心举办春季招聘会，40余家企业提供就业岗位1200余个，"
        "吸引了周边800余名求职者前来应聘。",
        "招聘会现场，企业展位前人头攒动，求职者认真了解岗位需求和薪资待遇，现场达成就业意向300余人。",
    ],
)
INSERTED, DELETED, HIDDEN, COMMENT = (
    "（此句为修订插入。）",
    "被删去的旧数字",
    "隐藏的批注文字",
    "请核实投资额",
)


def registers_copy(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "data", content / "data")
    (content / "articles").mkdir(parents=True)
    return content


@pytest.fixture(scope="module")
def sent(tmp_path_factory) -> dict[str, Path]:
    """The submissions, as files: Word with revisions, its .doc and .odt, a plain one, text, email."""
    folder = tmp_path_factory.mktemp("sent")
    out = {"docx": write_docx(FEATURE, folder / "新材料项目.docx", photo_bytes())}
    add_revisions(out["docx"], INSERTED, DELETED, HIDDEN, COMMENT)
    out["plain"] = write_docx(PLAIN, folder / "招聘会.docx")
    text = "\r\n".join(["\u3000\u3000" + p for p in [PLAIN.title, *PLAIN.paragraphs]] + ["（清徐融媒）"])
    out["txt"] = folder / "招聘会.txt"
    out["txt"].write_bytes(text.encode("gb18030"))
    photo = folder / "车间.jpg"
    photo.write_bytes(photo_bytes(1600, 1200))
    mailed = write_docx(
        Piece(title=PLAIN.title, paragraphs=[*PLAIN.paragraphs, "图为招聘会现场。张华 摄"], title_style=True),
        folder / "mail" / "稿件.docx",
    )
    out["eml"] = write_eml(
        folder / "投稿.eml",
        "李小红",
        "lixh@example.com",
        "投稿：清徐经济开发区举办招聘会",
        "编辑老师好，稿件见附件。",
        [mailed, photo],
    )
    return out


@pytest.fixture(scope="module")
def converted(sent) -> dict[str, Path]:
    out = {fmt: convert(sent["docx"], fmt) for fmt in ("doc", "odt")}
    # Kingsoft WPS Writer saves Word 97 binaries (OLE compound files) under .wps: the bytes of
    # the .doc under that name are such a file, and LibreOffice must tell it by its content.
    out["wps"] = out["doc"].with_name("新材料项目（WPS）.wps")
    shutil.copy(out["doc"], out["wps"])
    return out


def accepted_text(piece: Piece) -> list[str]:
    """The paragraphs the draft must hold: the first with the tracked insertion accepted."""
    return [piece.paragraphs[0] + INSERTED, *piece.paragraphs[1:]]


def draft_of(content: Path, path: Path) -> tuple[dict, list[str]]:
    src, problems = read_source(path)
    assert not problems
    paras = [p for p in src.body.strip().split("\n\n")]
    return src.meta, paras


def check_feature(meta: dict, paras: list[str], content: Path, name: str) -> None:
    assert meta["title"] == FEATURE.title
    assert meta["kicker"] == FEATURE.kicker
    assert meta["subtitle"] == FEATURE.subtitle
    assert meta["authors"] == []  # 王晓明 is not in the register: proposed, never added
    assert meta["zones"] == ["左云经济技术开发区"]
    assert meta["genre"] in ("消息", "通讯")
    assert meta["status"] == "draft"
    assert meta["date"] == TODAY.isoformat()
    assert meta["image_caption"] == "图为项目生产车间。"
    assert meta["image_credit"] == "李明"
    assert meta["image_alt"] == "项目生产车间"
    assert (content / meta["image"]).read_bytes()[:2] == b"\xff\xd8"
    kinds = {d.split(":", 1)[0] for d in meta["doubts"]}
    assert {"byline", "zone", "genre", "date", "image"} <= kinds
    assert any("王晓明" in d for d in meta["doubts"])
    body = accepted_text(FEATURE)
    assert paras == [body[0], "## 一、抓项目促投产", body[1], body[2]], name
    text = "\n".join(paras)
    for gone in (DELETED, HIDDEN, COMMENT):
        assert gone not in text and gone not in str(meta)


def test_a_word_file_becomes_a_draft_with_every_field_and_paragraph(sent, tmp_path, site_registers):
    content = registers_copy(tmp_path)
    report = intake_files([sent["docx"]], content, site_registers, TODAY)
    assert not report.errors
    (draft,) = report.drafts
    meta, paras = draft_of(content, draft.path)
    assert draft.path == content / "articles" / "2024" / f"{meta['slug']}.md"
    check_feature(meta, paras, content, "docx")
    assert any(w.startswith("tracked changes") for w in draft.warnings)
    assert any(w.startswith("hidden text") for w in draft.warnings)
    assert any(w.startswith("comments") for w in draft.warnings)
    assert not any("characters not in the draft" in w for w in draft.warnings)
    (proposal,) = draft.proposals
    assert (proposal.name, proposal.zone) == ("王晓明", "左云经济技术开发区")
    assert "王晓明" in report.render() and "- name: 王晓明" in report.render()


@pytest.mark.render
@pytest.mark.parametrize("fmt", ["doc", "odt", "wps"])
def test_doc_odt_and_wps_converted_by_libreoffice_read_the_same(converted, fmt, tmp_path, site_registers):
    content = registers_copy(tmp_path)
    report = intake_files([converted[fmt]], content, site_registers, TODAY)
    assert not report.errors, report.errors
    (draft,) = report.drafts
    meta, paras = draft_of(content, draft.path)
    check_feature(meta, paras, content, fmt)
    assert any(w.startswith("tracked changes") for w in draft.warnings)


def test_headline_in_the_first_paragraph_and_byline_after_the_text(sent, tmp_path, site_registers):
    content = registers_copy(tmp_path)
    (draft,) = intake_files([sent["plain"]], content, site_registers, TODAY).drafts
    meta, paras = draft_of(content, draft.path)
    assert meta["title"] == PLAIN.title and "kicker" not in meta
    assert meta["authors"] == ["清徐融媒"]
    assert meta["zones"] == ["清徐经济开发区"]
    assert meta["genre"] == "消息"
    assert paras == PLAIN.paragraphs
    assert any(d.startswith("title: headline read from the layout") for d in meta["doubts"])
    assert "image" not in meta


def test_gb18030_text_reads_as_utf8_with_its_indentation_gone(sent, tmp_path, site_registers):
    content = registers_copy(tmp_path)
    (draft,) = intake_files([sent["txt"]], content, site_registers, TODAY).drafts
    meta, paras = draft_of(content, draft.path)
    assert meta["title"] == PLAIN.title and meta["authors"] == ["清徐融媒"]
    assert paras == PLAIN.paragraphs


def test_an_email_with_two_attachments(sent, tmp_path, site_registers):
    """The Word file is the article, the photo its picture; the sender is the proposed author."""
    content = registers_copy(tmp_path)
    report = intake_files([sent["eml"]], content, site_registers, TODAY)
    (draft,) = report.drafts
    meta, paras = draft_of(content, draft.path)
    assert draft.submitted == "投稿.eml/稿件.docx"
    assert meta["title"] == PLAIN.title
    assert meta["date"] == "2024-05-06"  # the day it was sent
    assert meta["authors"] == []
    assert any("sender (李小红 <lixh@example.com>)" in d for d in meta["doubts"])
    (proposal,) = draft.proposals
    assert (proposal.name, proposal.email, proposal.zone) == ("李小红", "lixh@example.com", "清徐经济开发区")
    assert "email: lixh@example.com" in proposal.yaml()
    assert paras == PLAIN.paragraphs
    assert (meta["image_caption"], meta["image_credit"]) == ("图为招聘会现场。", "张华")
    assert (content / meta["image"]).read_bytes() == (sent["eml"].parent / "车间.jpg").read_bytes()


def test_nothing_is_overwritten(sent, tmp_path, site_registers):
    content = registers_copy(tmp_path)
    first = intake_files([sent["plain"]], content, site_registers, TODAY).drafts[0].path
    before = first.read_text(encoding="utf-8")
    second = intake_files([sent["plain"]], content, site_registers, TODAY).drafts[0].path
    assert second != first and second.stem == first.stem + "-2"
    assert first.read_text(encoding="utf-8") == before


def test_a_file_the_intake_cannot_read_is_named_with_a_fix(tmp_path, site_registers):
    content = registers_copy(tmp_path)
    bad = tmp_path / "稿件.pdf"
    bad.write_bytes(b"%PDF-1.4")
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"not a zip")
    report = intake_files([bad, broken], content, site_registers, TODAY)
    assert not report.drafts
    assert report.errors[0].startswith(f"{bad}: '.pdf' is not a format the intake reads — save it as")
    assert report.errors[1].startswith("坏.docx: cannot be opened as a Word document")


@pytest.mark.render
@pytest.mark.parametrize(
    ("case", "why"),
    [
        ("noise", "is not a WPS Writer document LibreOffice can read"),
        ("old-wps", "is not a WPS Writer document LibreOffice can read"),
        ("text", "is not a WPS Writer document LibreOffice can read"),
        ("cut", "LibreOffice could not read it as a WPS Writer document (the file is damaged or cut short)"),
    ],
)
def test_a_wps_file_libreoffice_cannot_read_is_refused_with_a_fix(
    case, why, converted, tmp_path, site_registers
):
    """LibreOffice opens any bytes it does not recognise as plain text and 'converts' them: such
    a file must be refused, never become a draft of noise."""
    data = {
        "noise": bytes(range(256)) * 8,
        # a WPS 2000-era file (Kingsoft's own format before it wrote Word 97 binaries)
        "old-wps": b"WPS Writer\x00\x01" + "开发区建设".encode("gb18030") * 50,
        "text": "开发区项目建设综述".encode("gb18030"),
        "cut": converted["wps"].read_bytes()[:1536],
    }[case]
    bad = tmp_path / f"{case}.wps"
    bad.write_bytes(data)
    content = registers_copy(tmp_path)
    report = intake_files([bad], content, site_registers, TODAY)
    assert not report.drafts and not list((content / "articles").rglob("*.md"))
    (error,) = report.errors
    assert error.startswith(f"{case}.wps: {why}"), error
    assert error.endswith("ask the contributor to open it in WPS or Word and save it as .docx")


def publish(path: Path, content: Path, proposals) -> None:
    """What an editor does: settle every doubt, add the proposed contributors, publish."""
    text = path.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    meta = yaml.safe_load(head.removeprefix("---\n"))
    meta.pop("doubts")
    meta["status"] = "published"
    meta["authors"] = meta["authors"] + [p.name for p in proposals]
    if "image" in meta:
        meta["image_alt"] = "工人在新材料项目生产车间里操作设备"
    out = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{out}---\n{body}", encoding="utf-8")
    register = content / "data" / "contributors.yaml"
    register.write_text(
        register.read_text(encoding="utf-8") + "\n" + "\n".join(p.yaml() for p in proposals) + "\n",
        encoding="utf-8",
    )


def test_drafts_pass_the_check_once_an_editor_publishes_them(sent, tmp_path, site_registers):
    content = registers_copy(tmp_path)
    report = intake_files([sent["docx"], sent["eml"], sent["txt"]], content, site_registers, TODAY)
    assert len(report.drafts) == 3
    for draft in report.drafts:
        publish(draft.path, content, draft.proposals)
    registers = load_registers(content / "data")
    for draft in report.drafts:
        checked = check_article(draft.path, registers)
        assert checked.ok, [str(p) for p in checked.problems]
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--content", str(content)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 article file(s) checked, all valid (0 draft(s))" in result.stdout


def test_invoke_intake_on_a_folder_lists_drafts_and_doubts(sent, tmp_path):
    """A new editor's way: the email attachments saved in a folder, one command."""
    folder = tmp_path / "投稿"
    folder.mkdir()
    for key in ("plain", "eml"):
        shutil.copy(sent[key], folder)
    content = registers_copy(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "intake", str(folder), "--content", str(content)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 draft(s) written, 2 with doubts to settle" in result.stdout
    assert result.stdout.count("doubt: ") >= 6
    assert len(list((content / "articles").rglob("*.md"))) == 2
    check = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--content", str(content)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout  # drafts with doubts are valid drafts


def test_no_han_character_of_the_accepted_text_is_lost(sent, tmp_path, site_registers):
    """Every Han character Word shows as accepted text ends up in the draft (or its report)."""
    content = registers_copy(tmp_path)
    (doc,) = read(sent["docx"])
    (draft,) = intake_files([sent["docx"]], content, site_registers, TODAY).drafts
    sent_han = Counter(HAN_RE.findall("".join(p.text for p in doc.paras)))
    written = draft.path.read_text(encoding="utf-8").split("\ndoubts:", 1)
    src, _ = read_source(draft.path)
    kept = "".join(
        [str(src.meta.get(k) or "") for k in ("kicker", "title", "subtitle", "image_caption", "image_credit")]
        + [src.body, FEATURE.byline or "", "摄"]
    )
    assert sent_han - Counter(HAN_RE.findall(kept)) == Counter(), written[0]


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("\u3000\u3000本刊讯 近日，\n园区召开大会。", "本刊讯 近日，园区召开大会。"),
        ("  GDP\ngrowth 增长", "GDP growth 增长"),
        ("\t 标题\u00a0 ", "标题"),
        ("第一行\n\n第二行", "第一行第二行"),
        ("增长8\n.0%，总投资1\n2亿元", "增长8.0%，总投资12亿元"),
        ("5G\nnetwork", "5G network"),
    ],
)
def test_soft_breaks_and_typed_indentation_go(raw, cleaned):
    assert clean(raw) == cleaned


def test_invoke_review_settles_a_submitted_draft_in_its_file(sent, tmp_path, site_registers):
    """The same questions as for an imported draft; the answers go into the draft, which is
    published once no doubt is left, and passes the check."""
    from kfq.importer.resolve import ask
    from kfq.intake.review import open_drafts, settle

    content = registers_copy(tmp_path)
    (draft,) = intake_files([sent["docx"]], content, site_registers, TODAY).drafts
    register = content / "data" / "contributors.yaml"
    register.write_text(register.read_text(encoding="utf-8") + "\n" + draft.proposals[0].yaml() + "\n")
    (art,) = open_drafts(content / "articles")
    assert set(art.kinds) >= {"byline", "zone", "genre", "date", "image"}

    def partly(question: str) -> str:
        return {"byline": "王晓明", "zone": "ok"}.get(question.strip().split(":")[0], "")

    fields, accept = ask(art, partly)
    path = settle(art, fields, accept)
    meta, _ = draft_of(content, path)
    assert meta["status"] == "draft" and meta["authors"] == ["王晓明"]
    assert not any(d.startswith(("byline", "zone")) for d in meta["doubts"])

    (art,) = open_drafts(content / "articles")
    answers = {"date": "2025-01-06"}
    fields, accept = ask(art, lambda q: answers.get(q.strip().split(":")[0], "ok"))
    path = settle(art, fields, accept)
    assert path == content / "articles" / "2025" / draft.path.name and not draft.path.exists()
    meta, paras = draft_of(content, path)
    assert meta["status"] == "published" and "doubts" not in meta and meta["date"] == "2025-01-06"
    check_feature_text = "\n".join(paras)
    assert INSERTED in check_feature_text
    checked = check_article(path, load_registers(content / "data"))
    assert checked.ok, [str(p) for p in checked.problems]
    assert open_drafts(content / "articles") == []


def test_word_styles_give_headline_subtitle_and_section_headings(tmp_path, site_registers):
    """A contributor who uses Word's styles: Title, Subtitle (no —— typed), Heading 1/2."""
    import docx

    d = docx.Document()
    d.add_paragraph("转型发展看园区")  # the kicker, above the styled headline
    d.add_paragraph("太原高新区数字经济产业集聚成势", style="Title")
    d.add_paragraph("太原高新技术产业开发区发展数字经济纪实", style="Subtitle")
    d.add_paragraph("记者 李恒松  通讯员 赵文斌")
    first = "本刊讯 今年以来，太原高新区聚焦数字经济，新引进数字经济企业60余家，产业集聚效应日益显现。"
    d.add_paragraph(first)
    d.add_paragraph("一、筑巢引凤", style="Heading 1")
    second = "园区建成数字经济产业园三个，为企业提供从注册到投产的全流程服务，企业满意度持续提升。"
    d.add_paragraph(second)
    d.add_paragraph("（一）人才引育", style="Heading 2")
    third = "园区与省内高校共建实训基地，每年输送数字经济人才两千余名，为产业发展提供有力支撑。"
    d.add_paragraph(third)
    path = tmp_path / "数字经济.docx"
    d.save(str(path))
    content = registers_copy(tmp_path)
    (draft,) = intake_files([path], content, site_registers, TODAY).drafts
    meta, paras = draft_of(content, draft.path)
    assert (meta["kicker"], meta["title"], meta["subtitle"]) == (
        "转型发展看园区",
        "太原高新区数字经济产业集聚成势",
        "太原高新技术产业开发区发展数字经济纪实",
    )
    assert paras == [first, "## 一、筑巢引凤", second, "## （一）人才引育", third]
    signed = [*meta["authors"], *(p.name for p in draft.proposals)]
    assert sorted(signed) == sorted(["李恒松", "赵文斌"])
    assert not any(d.startswith("title:") for d in meta["doubts"])  # styled: no guess to check


def _sheet() -> bytes:
    import io

    import openpyxl

    buf = io.BytesIO()
    openpyxl.Workbook().save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("空.docx", lambda: b"", "cannot be opened as a Word document (it is no Word file"),
        (
            "表格.docx",
            _sheet,
            "cannot be opened as a Word document (it is a spreadsheet saved under a Word name)",
        ),
        ("乱码.eml", lambda: bytes(range(256)) * 8, "is not an email"),
        ("空.eml", lambda: b"", "is not an email"),
        ("二进制.txt", lambda: bytes(range(256)) * 8, "is not UTF-8 or GB18030 text"),
        ("空.txt", lambda: b"", "holds no text"),
        ("只有空行.txt", lambda: "\u3000\u3000\r\n\r\n  \n".encode("utf-8"), "holds no text"),
    ],
)
def test_a_damaged_or_empty_submission_is_named_and_writes_nothing(
    name, data, says, tmp_path, site_registers
):
    path = tmp_path / name
    path.write_bytes(data())
    content = registers_copy(tmp_path)
    report = intake_files([path], content, site_registers, TODAY)
    assert not report.drafts and not list((content / "articles").rglob("*"))
    (error,) = report.errors
    assert error.startswith(f"{name}: {says}"), error
    assert " — " in error and "Traceback" not in error


def test_an_email_with_a_bad_attachment_keeps_the_good_one_and_names_the_bad(sent, tmp_path, site_registers):
    bad = tmp_path / "旧稿.doc"
    bad.write_bytes(bytes(range(256)) * 4)
    gif = tmp_path / "合影.gif"
    Image.new("RGB", (1200, 800)).save(gif, "GIF")
    second = tmp_path / "车间2.jpg"
    second.write_bytes(photo_bytes(1600, 1200))
    eml = write_eml(
        tmp_path / "两份附件.eml",
        "李小红",
        "lixh@example.com",
        "投稿",
        "稿件见附件。",
        [sent["plain"], bad, gif, second],
    )
    content = registers_copy(tmp_path)
    report = intake_files([eml], content, site_registers, TODAY)
    (draft,) = report.drafts
    assert draft.submitted == "两份附件.eml/招聘会.docx"
    (error,) = report.errors
    assert error.startswith("两份附件.eml/旧稿.doc: is not a word-processor document LibreOffice can read")
    # Two images sent, one allowed by the call; the first (a GIF) cannot be published.
    assert any(w.startswith("2 images sent (合影.gif, 车间2.jpg); the call allows 1") for w in draft.warnings)
    assert any(w.startswith("photo not used: ") and "GIF" in w for w in draft.warnings), draft.warnings
    meta, _ = draft_of(content, draft.path)
    assert "image" not in meta


def test_a_paragraph_lost_on_the_way_is_reported(sent, tmp_path, site_registers, monkeypatch):
    """The intake's own check: were a stage to drop text, the draft says which characters."""
    from kfq.intake import pipeline

    def dropping(doc, known):
        s = structure(doc, known)
        s.paragraphs.pop()  # the last paragraph: 下一步，左云经开区将……20个以上。
        return s

    monkeypatch.setattr(pipeline, "structure", dropping)
    content = registers_copy(tmp_path)
    (draft,) = intake_files([sent["docx"]], content, site_registers, TODAY).drafts
    (lost,) = [w for w in draft.warnings if w.startswith("characters not in the draft: ")]
    missing = lost.removeprefix("characters not in the draft: ").split(" — ")[0]
    assert {"2", "0", "步", "签"} <= set(missing)


def test_an_email_with_two_articles_keeps_each_photo_with_its_own(tmp_path, site_registers):
    """Photos named after their documents go to them only; a photo whose name matches neither
    goes to both, with a warning; a registered sender's zone is the zone proposed for the
    colleague whose article they forward."""
    folder = tmp_path / "sent"
    feature = write_docx(
        Piece(title=FEATURE.title, byline=FEATURE.byline, paragraphs=FEATURE.paragraphs),
        folder / "新材料项目.docx",
    )
    fair = write_docx(
        Piece(title=PLAIN.title, byline="通讯员 赵新华", paragraphs=PLAIN.paragraphs), folder / "招聘会.docx"
    )
    photos = {}
    for name, size in (
        ("招聘会现场", (1600, 1200)),
        ("新材料项目车间", (1200, 900)),
        ("IMG_0001", (800, 600)),
    ):
        photos[name] = folder / f"{name}.jpg"
        photos[name].write_bytes(photo_bytes(*size))
    eml = write_eml(
        tmp_path / "两篇稿件.eml", "吕平", "lvping@example.com", "投稿两篇", "两篇稿件见附件。",
        [photos["IMG_0001"], feature, photos["招聘会现场"], fair, photos["新材料项目车间"]],
    )  # fmt: skip
    content = registers_copy(tmp_path)
    report = intake_files([eml], content, site_registers, TODAY)
    drafts = {d.submitted: d for d in report.drafts}
    assert set(drafts) == {"两篇稿件.eml/新材料项目.docx", "两篇稿件.eml/招聘会.docx"}
    for name, own in (("新材料项目", "新材料项目车间"), ("招聘会", "招聘会现场")):
        draft = drafts[f"两篇稿件.eml/{name}.docx"]
        meta, _ = draft_of(content, draft.path)
        assert (content / meta["image"]).read_bytes() == photos[own].read_bytes()
        assert any("(IMG_0001.jpg)" in w for w in draft.warnings), draft.warnings
    proposals = {p.name: p.zone for d in report.drafts for p in d.proposals}
    assert proposals == {"王晓明": "左云经济技术开发区", "赵新华": "左云经济技术开发区"}


@pytest.mark.parametrize(
    ("documents", "photos", "owners"),
    [
        (["稿件1", "稿件2"], ["稿件1配图", "稿件2", "IMG_0001"], [0, 1, None]),
        (["太原经开区项目", "清徐招聘会"], ["招聘会现场", "项目车间", "图1"], [1, 0, None]),
        (["稿件1", "稿件2"], ["稿件"], [None]),  # a tie is not guessed
        (["新闻"], ["IMG_0001", "合影"], [0, 0]),  # one document takes every photo
    ],
)
def test_photos_pair_with_the_documents_they_are_named_after(documents, photos, owners):
    from kfq.intake.formats import pair_photos

    assert pair_photos(documents, photos) == owners


ODD_SHAPES = {
    "labelled": (
        "引题：项目建设跑出加速度\n标题：太原经开区召开安全生产工作会议\n副标题：——部署下一阶段重点工作\n"
        "作者：张建国 李丽\n　　5月6日，太原经济技术开发区召开安全生产工作会议。\n",
        {"kicker": "项目建设跑出加速度", "title": "太原经开区召开安全生产工作会议",
         "subtitle": "部署下一阶段重点工作"},
        ["5月6日，太原经济技术开发区召开安全生产工作会议。"],
    ),
    "numbered headings, a role byline above the headline, a date under the text": (
        "本报通讯员 孙立新 周敏\n晋中开发区：数字经济跑出加速度\n　　近年来，示范区坚持创新驱动。\n"
        "　　一、强化平台支撑\n　　示范区建成数字经济产业园。\n　　（二）优化营商环境\n"
        "　　示范区推行“一枚印章管审批”。\n　　三、下一步，示范区将继续优化服务。\n2024年4月8日\n",
        {"title": "晋中开发区：数字经济跑出加速度"},
        ["近年来，示范区坚持创新驱动。", "## 一、强化平台支撑", "示范区建成数字经济产业园。",
         "## （二）优化营商环境", "示范区推行“一枚印章管审批”。", "三、下一步，示范区将继续优化服务。"],
    ),
    "a letter around the article": (
        "编辑老师：\n您好！现发来稿件一篇，请审阅。\n我们的好老师\n"
        "本刊讯（通讯员 赵新华）5月7日，清徐经济开发区举办教师节表彰会。\n感谢企业的支持。\n"
        "谢谢！\n赵新华\n清徐经济开发区管委会\n",
        {"title": "我们的好老师"},
        ["本刊讯 5月7日，清徐经济开发区举办教师节表彰会。", "感谢企业的支持。"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("shape", list(ODD_SHAPES))
def test_headline_labels_numbered_headings_and_a_date_line_are_read_as_meant(shape, tmp_path, site_registers):
    """标题：/副标题：/引题： name the headline's parts; 一、 and （一） number section headings (a
    numbered sentence stays text); a role byline above the headline is a byline; a date under
    the text and the letter around an article are reported, not printed; nothing is lost."""
    text, fields, body = ODD_SHAPES[shape]
    path = tmp_path / "来稿.txt"
    path.write_text(text, encoding="utf-8")
    content = registers_copy(tmp_path)
    (draft,) = intake_files([path], content, site_registers, TODAY).drafts
    meta, paras = draft_of(content, draft.path)
    assert {k: meta.get(k) for k in fields} == fields
    assert paras == body
    assert not any(w.startswith("characters not in the draft") for w in draft.warnings), draft.warnings
    assert not any(d.startswith("title:") for d in meta.get("doubts", []) if "labelled" in shape)
    if "letter" in shape:
        assert meta["authors"] == [] and [p.name for p in draft.proposals] == ["赵新华"]
        told = "the letter around the article kept out of the text: 编辑老师： / 您好！现发来稿件一篇"
        assert any(w.startswith(told) for w in draft.warnings), draft.warnings
    if "date" in shape:
        assert "the date under the text (2024年4月8日) kept out of it: set the issue's date" in draft.warnings
        assert [p.name for p in draft.proposals] == ["孙立新", "周敏"]


def test_a_table_keeps_every_cell_and_tells_the_editor_to_lay_it_out(tmp_path, site_registers):
    import docx

    d = docx.Document()
    d.add_paragraph("太原经开区一季度经济运行情况", style="Title")
    d.add_paragraph("本刊讯 一季度，太原经济技术开发区主要经济指标保持增长。")
    table = d.add_table(rows=2, cols=3)
    for cell, text in zip(table._cells, ["指标", "增速", "排名", "工业增加值", "12.5%", "第一"], strict=True):
        cell.text = text
    d.add_paragraph("下一步，开发区将继续抓项目促投产。")
    path = tmp_path / "表格.docx"
    d.save(path)
    content = registers_copy(tmp_path)
    (draft,) = intake_files([path], content, site_registers, TODAY).drafts
    _, paras = draft_of(content, draft.path)
    assert paras[1:7] == ["指标", "增速", "排名", "工业增加值", "12.5%", "第一"]
    told = "table(s) (2×3, rows × columns): each cell became a paragraph"
    assert any(w.startswith(told) for w in draft.warnings), draft.warnings


def test_the_caption_of_an_image_not_used_leaves_the_text_with_it(tmp_path, site_registers):
    """The call allows one photo: the second image's 图为…… must not be printed without it."""
    import io

    import docx
    from docx.shared import Inches

    d = docx.Document()
    d.add_paragraph(FEATURE.title, style="Title")
    d.add_paragraph(FEATURE.paragraphs[0])
    d.add_picture(io.BytesIO(photo_bytes(1600, 1200)), width=Inches(4))
    d.add_paragraph("图为开工现场。王伟 摄")
    d.add_paragraph(FEATURE.paragraphs[1])
    d.add_picture(io.BytesIO(photo_bytes(1200, 900)), width=Inches(4))
    d.add_paragraph("图为项目效果图。")
    d.add_paragraph(FEATURE.paragraphs[2])
    path = tmp_path / "两图.docx"
    d.save(path)
    content = registers_copy(tmp_path)
    (draft,) = intake_files([path], content, site_registers, TODAY).drafts
    meta, paras = draft_of(content, draft.path)
    assert paras == FEATURE.paragraphs
    assert (meta["image_caption"], meta["image_credit"]) == ("图为开工现场。", "王伟")
    assert "captions of the images not used, kept out of the text: 图为项目效果图。" in draft.warnings
    assert not any(w.startswith("characters not in the draft") for w in draft.warnings)

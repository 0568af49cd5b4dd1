"""Generated submissions: whatever the text (Han, Latin words, numbers, Chinese and ASCII
punctuation, typed spaces), wherever the contributor put headline and byline, however the lines
are broken, and in either encoding of a text file, the draft holds every paragraph as a reader
will see it: the text as sent, under the house rule (kfq.house_style) and nothing else."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import docx
import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pelicanconf
from kfq.frontmatter import read_source
from kfq.house_style import changes, tidy
from kfq.importer import bylines
from kfq.intake import intake_files
from kfq.intake.structure import CAPTION_RE, CONTACT_RE
from kfq.registers import load_registers
from tests.intake.test_intake_properties import HAN

ROOT = Path(__file__).resolve().parents[2]
REGISTERS = load_registers(ROOT / "content" / "data")
TODAY = dt.date(2024, 5, 8)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"

han_run = st.text(alphabet=HAN, min_size=1, max_size=8)
latin_word = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6
)
number = st.integers(0, 99999).map(str) | st.sampled_from(["3.5%", "1,200", "10:30", "2024年", "5G"])
mark = st.sampled_from(list("，。、；：“”（）《》！？…—") + list(".,;:!?()%-/'\"&*_<>[]{}#`\\|~^=$+"))
# What Markdown would take for markup, as contributors type it in running text.
markup = st.sampled_from(
    ["*注", "3*5", "a_b_c", "_x_", "`code`", "[1]", "[^1]", "{: .x}", "&copy;", "&#20013;", "<b>", "</p>",
     "<kfjzsk@163.com>", "<http://www.example.cn>", "\\*", "1\\2", "**", "~~x~~", "==x==", "<一>",
     "1. ", "2) ", "- ", "+ ", "> ", "# ", ": ", "---", "[TOC]", "![图](a.jpg)", "|"]
)  # fmt: skip
token = han_run | han_run | han_run | latin_word | number | mark | markup


@st.composite
def paragraph(draw) -> str:
    """A paragraph of prose: tokens with a single typed space between some of them."""
    tokens = draw(st.lists(token, min_size=6, max_size=40))
    text = ""
    for t in tokens:
        if text and draw(st.integers(0, 4)) == 0:
            text += " "
        text += t
    text = re.sub(" +", " ", text).strip() + "。"  # runs of spaces are one (structure.clean)
    if len(text) <= 40:
        text = draw(han_run) * 6 + "，" + text
    # What the intake reads as something else by design: a caption, a contact line, a
    # subtitle's dashes, a byline at the end; none is a paragraph of text.
    if CAPTION_RE.match(text) or CONTACT_RE.match(text) or text.startswith(("—", "－", "-", "–")):
        text = "园区" + text
    return text


name = st.builds(lambda s, g: s + g, st.sampled_from(SURNAMES), st.text(alphabet=HAN, min_size=1, max_size=2))


@dataclass
class Sent:
    title: str
    paragraphs: list[str]
    byline: str | None
    names: list[str]
    byline_after: bool


@st.composite
def submission(draw) -> Sent:
    title = draw(st.text(alphabet=HAN, min_size=4, max_size=12))
    if draw(st.booleans()):  # a headline in two phrases, with a space
        title += " " + draw(st.text(alphabet=HAN, min_size=4, max_size=10))
    paragraphs = draw(st.lists(paragraph(), min_size=1, max_size=5))
    names = draw(st.lists(name, min_size=1, max_size=2, unique=True))
    role = draw(st.sampled_from(["记者", "通讯员", "本刊记者"]))
    byline = draw(st.sampled_from([None, f"{role} {' '.join(names)}", f"（{'、'.join(names)}）"]))
    if byline is not None and bylines.parse_line(byline) != names:
        byline = None  # a name the byline reader takes for no name (e.g. a common word)
    return Sent(title, paragraphs, byline, names if byline else [], draw(st.booleans()))


def no_break_inside_a_word(text: str, at: int) -> bool:
    """A contributor breaks a line between words, never inside a Latin word or number."""
    a, b = text[at - 1], text[at]
    return not (a.isascii() and b.isascii() and a.isalnum() and b.isalnum())


def write_word(sent: Sent, path: Path, title_style: bool, cuts: list[list[int]], indent: bool) -> None:
    d = docx.Document()
    d.add_paragraph(sent.title, style="Title" if title_style else None)
    lines = []
    if sent.byline and not sent.byline_after:
        d.add_paragraph(sent.byline)
    for text, at in zip(sent.paragraphs, cuts, strict=False):
        p = d.add_paragraph()
        points = sorted({a for a in at if 0 < a < len(text) and no_break_inside_a_word(text, a)})
        lines = [text[i:j] for i, j in zip([0, *points], [*points, len(text)], strict=True)]
        run = p.add_run(("\u3000\u3000" if indent else "") + lines[0])
        for line in lines[1:]:  # Shift+Enter: a soft line break inside the paragraph
            run.add_break()
            run = p.add_run(line)
    if sent.byline and sent.byline_after:
        d.add_paragraph(sent.byline)
    d.save(str(path))


def write_text(sent: Sent, path: Path, encoding: str, newline: str, indent: bool) -> None:
    lines = [sent.title]
    if sent.byline and not sent.byline_after:
        lines.append(sent.byline)
    lines += [("\u3000\u3000" if indent else "") + p for p in sent.paragraphs]
    if sent.byline and sent.byline_after:
        lines.append(sent.byline)
    path.write_bytes(newline.join(lines).encode(encoding))


def seen_by_a_reader(body: str) -> list[str]:
    """The body's blocks as the site renders them (Python-Markdown with the site's settings)."""
    conf = pelicanconf.MARKDOWN
    html = markdown.markdown(
        body, extensions=list(conf["extension_configs"]), extension_configs=conf["extension_configs"]
    )
    soup = BeautifulSoup(html, "html.parser")
    return [el.get_text() for el in soup.find_all(recursive=False) if el.name]


def intake_one(path: Path, folder: Path):
    content = folder / "content"
    shutil.copytree(ROOT / "content" / "data", content / "data")
    (content / "articles").mkdir()
    report = intake_files([path], content, REGISTERS, TODAY)
    assert not report.errors, report.errors
    (draft,) = report.drafts
    src, problems = read_source(draft.path)
    assert not problems, problems
    return draft, src


def check(sent: Sent, draft, src) -> None:
    assert src.meta["title"] == sent.title
    assert seen_by_a_reader(src.body) == [tidy(p) for p in sent.paragraphs]
    assert not changes(src.body), "the escapes made the house rule warn about the draft"
    signed = [*src.meta["authors"], *(p.name for p in draft.proposals)]
    assert sorted(signed) == sorted(sent.names)
    assert not any("characters not in the draft" in w for w in draft.warnings), draft.warnings


cuts = st.lists(st.lists(st.integers(1, 120), max_size=4), min_size=5, max_size=5)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sent=submission(), title_style=st.booleans(), cuts=cuts, indent=st.booleans())
def test_a_generated_word_submission_loses_nothing(sent, title_style, cuts, indent):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "稿件.docx"
        write_word(sent, path, title_style, cuts, indent)
        check(sent, *intake_one(path, folder))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sent=submission(),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
    newline=st.sampled_from(["\n", "\r\n"]),
    indent=st.booleans(),
)
def test_a_generated_text_submission_loses_nothing_in_either_encoding(sent, encoding, newline, indent):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "稿件.txt"
        write_text(sent, path, encoding, newline, indent)
        check(sent, *intake_one(path, folder))


@pytest.mark.parametrize(
    "typed",
    ["1. 一二三", "2024) 一", "- 一", "---", "***", "# 一", "> 一", ": 00一", "<b>一", "<一>", "&copy; x",
     "&copy;一", "&#20013；", "&#x4e2d", "a_b *注 3*5 [1] {: .x} `c`", "<kfjzsk@163.com>",
     "<<kfjzsk@163.com>>", "<一<kfjzsk@163.com>", "<5>", "<A 一\n\n一 <一>",
     "< 一", "一 <\u00a0一 >", "<", "\\*", "+ a", "[TOC]", "H2O"],
)  # fmt: skip
def test_a_paragraph_reads_as_typed(typed):
    """Each mark Markdown would act on, typed in running text (one case across two paragraphs)."""
    from kfq.importer.model import Paragraph
    from kfq.intake.write import markdown as render

    paragraphs = typed.split("\n\n")
    body = render([Paragraph(p) for p in paragraphs])
    assert seen_by_a_reader(body) == [tidy(p) for p in paragraphs] and not changes(body)

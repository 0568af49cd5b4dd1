"""Property: `invoke check` and the build reach the same verdict on every perturbed article.

Hypothesis perturbs valid articles (key order, spacing, quoting, types, duplicates, aliases,
control characters, encodings, line ends, opening and closing lines, file names and
locations) and puts a few of them in one content folder. The check (the function `invoke
check` runs) and a real Pelican build must then agree: the check passes exactly when the build
succeeds; every article the check passed and did not mark as a draft has its page, and
nothing else does; and when the check fails, the build prints each of its problems, each
naming the file, a line and a field, and leaves output/ as it was.

Each example is one build: builds run in the editors' build server (kfq_quick.live), which
forks a build with Pelican and the plugins already loaded. The normal suite tries 50
examples; `pytest -m slow` runs a larger search.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT
from kfq.checking import check_content
from kfq.contract import parse_date
from kfq.registers import load_registers

BODY = (
    "本刊讯 左云经开区今年以来持续优化营商环境，签约项目十二个。\n\n## 招商引资\n\n园区实行领导包联制度。\n"
)
FIELDS = [
    ("title", "向高而攀 蓄势前行"),
    ("kicker", "左云经济技术开发区"),
    ("authors", "[李恒松]"),
    ("zones", "[左云经济技术开发区]"),
    ("topics", "[招商引资, 营商环境]"),
    ("theme", "营商环境"),
    ("genre", "通讯"),
    ("date", "2023-11-20"),
    ("slug", "{slug}"),
    ("status", "published"),
]
ODD_VALUES = ["2024", "yes", "no", "2024-05-05", "~", "''", "[甲, 乙]", "{a: 1}", "3.5", "'2024'",
              '"2024-05-05"', "上周五", "2023-02-30", "2023-11-20 08:00", "|\n  两行\n  文字",
              ">-\n  折叠", "'<b>粗</b>'"]  # fmt: skip
CONTROLS = ['"副\\x07题"', "副\x0b题", "副\u2028题", '"副\\t题"']
LOCATIONS = ["ok", "upper", "txt", "tilde", "top", "wrong-year", "hidden", "backup", "nested",
             "other-name", "copy-folder"]  # fmt: skip


@dataclass
class Perturbed:
    """One article file as hypothesis made it."""

    fields: list[tuple[str, str]]
    location: str
    encoding: str
    newline: str
    opening: str
    closing: str
    body: str

    def render(self, slug: str) -> bytes:
        lines = [self.opening]
        lines += [f"{k}: {v.replace('{slug}', slug)}" if k else v for k, v in self.fields]
        text = "\n".join([*lines, self.closing, "", self.body])
        text = text.replace("\n", self.newline)
        if self.encoding == "utf-8-sig":
            return b"\xef\xbb\xbf" + text.encode("utf-8")
        try:
            return text.encode(self.encoding)
        except UnicodeEncodeError:
            return text.encode("utf-8")

    def path(self, slug: str) -> str:
        return {
            "ok": f"2023/{slug}.md",
            "upper": f"2023/{slug}.MD",
            "txt": f"2023/{slug}.txt",
            "tilde": f"2023~/{slug}.md",
            "top": f"{slug}.md",
            "wrong-year": f"2024/{slug}.md",
            "hidden": f"2023/.{slug}.md",
            "backup": f"2023/{slug}.md~",
            "nested": f"2023/old/{slug}.md",
            "other-name": f"2023/{slug}-x.md",
            "copy-folder": f"2023 copy/{slug}.md",
        }[self.location]


# Perturbations an article survives, and ones that make it invalid (or a file that is no
# article); each file gets some of the first kind and, one time in three, one of the second.
BENIGN = ["shuffle", "space", "quote", "blank", "draft", "alias", "basis"]
HOSTILE = ["retype", "duplicate", "misspell", "drop", "control", "unknown"]


def perturb(draw, fields: list[tuple[str, str]], op: str) -> list[tuple[str, str]]:
    """fields with op applied at a place hypothesis picks."""
    fields = list(fields)
    i = draw(st.integers(0, len(fields) - 1))
    key, value = fields[i]
    if op == "shuffle":
        fields = draw(st.permutations(fields))
    elif op == "space" and key:
        fields[i] = (
            key,
            draw(st.sampled_from(["  ", "\t", " "])) + value + draw(st.sampled_from(["", "  "])),
        )
    elif op == "quote" and key and not value.startswith(("[", "&", "*", "'", '"')):
        fields[i] = (key, draw(st.sampled_from([f"'{value}'", f'"{value}"'])))
    elif op == "blank":
        fields.insert(i, ("", draw(st.sampled_from(["", "# 注释", "   "]))))
    elif op == "draft":
        fields = [(k, "draft" if k == "status" else v) for k, v in fields]
    elif op == "alias":
        fields += [("subtitle", "&s 左云经开区"), ("summary", "*s")]
    elif op == "basis":
        fields.append(("date_basis", "据版面所载最近事件推定"))
    elif op == "retype" and key:
        fields[i] = (key, draw(st.sampled_from(ODD_VALUES)))
    elif op == "duplicate" and key:
        fields.append((key, draw(st.sampled_from([value, "draft", "另一个标题"]))))
    elif op == "misspell" and key:
        fields[i] = (draw(st.sampled_from([key.capitalize(), key + "s", key[:-1], key.upper()])), value)
    elif op == "drop":
        del fields[i]
    elif op == "control":
        fields.append(
            ("subtitle", draw(st.sampled_from(['"副\\x07题"', "副\x0b题", "副\u2028题", '"副\\t题"'])))
        )
    elif op == "unknown":
        fields.append((draw(st.sampled_from(["titel", "tags", "save_as", "doubts"])),
                       draw(st.sampled_from(["x", "[标题待核]", "据版面推定"]))))  # fmt: skip
    return fields or [("", "")]


@st.composite
def perturbed(draw) -> Perturbed:
    fields = list(FIELDS)
    for op in draw(st.lists(st.sampled_from(BENIGN), max_size=3)):
        fields = perturb(draw, fields, op)
    hostile = draw(st.sampled_from([False, False, True]))
    if hostile:
        fields = perturb(draw, fields, draw(st.sampled_from(HOSTILE)))
    ok = ["ok", "ok", "ok", "ok", "hidden", "backup"]
    return Perturbed(
        fields=fields,
        location=draw(st.sampled_from(LOCATIONS if hostile else ok)),
        encoding=draw(
            st.sampled_from(["utf-8", "utf-8", "utf-8-sig", *(["gb18030", "utf-16"] if hostile else [])])
        ),
        newline=draw(st.sampled_from(["\n", "\n", "\r\n", "\r"])),
        opening=draw(
            st.sampled_from(["---", "---", "--- ", "---\t", "\n---", *(["----", "- --"] if hostile else [])])
        ),
        closing=draw(st.sampled_from(["---", "---", "--- ", "...", *(["----"] if hostile else [])])),
        body=draw(st.sampled_from([BODY, BODY, BODY, *(["", "（在这里写正文）"] if hostile else [])])),
    )


@pytest.fixture(scope="module")
def workbench(tmp_path_factory):
    """A content folder and a build server that builds it into output/ on each request."""
    from kfq_quick.live import LiveServer

    tmp = tmp_path_factory.mktemp("agreement")
    content = tmp / "content"
    shutil.copytree(FIXTURES / "data", content / "data")
    (content / "pages").mkdir()
    log = tmp / "build.log"
    kfq = {"SEARCH_INDEX": False, "MINIFY": False, "REQUIRED_PLUGINS": []}
    argv = [str(content), "-s", "pelicanconf.py", "-o", str(tmp / "output"), "-e", "KFQ=" + json.dumps(kfq)]
    server = LiveServer(argv, ROOT, log=log)
    yield content, tmp / "output", log, server
    server.close()


def agree(workbench, registers, batch: list[Perturbed]) -> None:
    content, output, log, server = workbench
    shutil.rmtree(content / "articles", ignore_errors=True)
    for n, article in enumerate(batch):
        slug = f"xiang-gao-er-pan-{n}"
        path = content / "articles" / article.path(slug)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(article.render(slug))
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} if output.exists() else {}
    checked = check_content(content, registers, ("articles",), shown_from=ROOT)
    problems = [p for c in checked for p in c.problems]
    start = log.stat().st_size if log.exists() else 0
    status = server.build()
    said = log.read_bytes()[start:].decode("utf-8", errors="replace")

    event("the check fails" if problems else "the check passes")
    assert (status == 0) == (not problems), (status, [str(p) for p in problems], said)
    if problems:
        for p in problems:
            assert p.line >= 1 and p.field and p.path.endswith(Path(p.path).name), p
            assert str(p) in said, (str(p), said)
        assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before
        return
    published = set()
    for c in checked:
        meta = c.source.meta
        if meta.get("status", "published") == "published":
            date = parse_date(meta["date"])
            published.add(f"articles/{date.year}/{date.month:02d}/{meta['slug']}/index.html")
    pages = {str(p.relative_to(output)) for p in output.glob("articles/*/*/*/index.html")}
    assert pages == published, said


@pytest.fixture(scope="module")
def test_registers():
    return load_registers(FIXTURES / "data")


@settings(max_examples=50, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(batch=st.lists(perturbed(), min_size=1, max_size=4))
def test_check_and_build_agree_on_every_perturbed_article(workbench, test_registers, batch):
    agree(workbench, test_registers, batch)


@pytest.mark.slow
@settings(max_examples=1000, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(batch=st.lists(perturbed(), min_size=1, max_size=6))
def test_check_and_build_agree_in_a_long_search(workbench, test_registers, batch):
    agree(workbench, test_registers, batch)

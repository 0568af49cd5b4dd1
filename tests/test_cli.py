"""`invoke check` and `invoke new` through their command lines, as editors run them."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from conftest import FIXTURES, ROOT, fixture_article, make_content
from kfq.contract import check_article
from kfq.registers import load_registers


def invoke(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "invoke", "--search-root", str(ROOT), *args]
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=120)


def test_check_passes_a_clean_folder(tmp_path):
    content = make_content(tmp_path, {"2023/valid-article.md": fixture_article("valid-article")})
    proc = invoke("check", "--content", str(content))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "1 article file(s) checked, all valid (0 draft(s))."


def test_check_lists_every_problem_as_path_line_field(tmp_path):
    cases = ["missing-title", "unknown-zone", "gbk-encoded", "broken-yaml"]
    content = make_content(tmp_path, {f"2023/{c}.md": fixture_article(c) for c in cases})
    proc = invoke("check", "--content", str(content), cwd=tmp_path)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines] == [
        "content/articles/2023/broken-yaml.md:4",
        "content/articles/2023/gbk-encoded.md:2",
        "content/articles/2023/missing-title.md:1",
        "content/articles/2023/unknown-zone.md:4",
    ]
    assert "4 problem(s) in 4 of 4 article file(s)." in proc.stderr


def test_new_scaffolds_a_valid_draft_with_a_place_name_slug(tmp_path):
    content = make_content(tmp_path)
    proc = invoke(
        "new", "--title", "山西省长治市长子县重点项目集中开工", "--zone", "长子经开区",
        "--author", "汪伟", "--genre", "消息", "--date", "2024-05-05", "--content", str(content),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    path = content / "articles/2024/shanxi-sheng-changzhi-shi-zhangzi-xian-zhong-dian-xiang-mu.md"
    assert path.exists(), proc.stdout
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert front["zones"] == ["长子经济技术开发区"]  # the alias became the canonical name
    assert front["status"] == "draft"
    registers = load_registers(FIXTURES / "data")
    assert check_article(path, registers).problems == []


def test_new_never_overwrites_and_keeps_slugs_unique(tmp_path):
    content = make_content(tmp_path)
    args = ("new", "--title", "向高而攀", "--date", "2024-05-05", "--content", str(content))
    assert invoke(*args).returncode == 0
    first = content / "articles/2024/xiang-gao-er-pan.md"
    first.write_text(first.read_text(encoding="utf-8") + "编辑写的正文。\n", encoding="utf-8")
    assert invoke(*args).returncode == 0
    assert "编辑写的正文。" in first.read_text(encoding="utf-8")
    assert (content / "articles/2024/xiang-gao-er-pan-2.md").exists()


@pytest.mark.parametrize(
    ("flag", "value", "words"),
    [
        ("--zone", "无名开发区", "--zone: '无名开发区' is not known"),
        ("--genre", "特写", "use one of: 消息、通讯、评论"),
        ("--author", "王五", "--author: '王五' is not known"),
        ("--date", "2024/5/5", "YYYY-MM-DD"),
    ],
)
def test_new_rejects_unknown_values_and_writes_nothing(tmp_path, flag, value, words):
    content = make_content(tmp_path)
    proc = invoke("new", "--title", "标题", flag, value, "--content", str(content))
    assert proc.returncode == 1
    assert words in proc.stderr
    assert list((content / "articles").rglob("*.md")) == []


def test_invoke_list_shows_every_task_with_a_docstring():
    proc = invoke("--list")
    assert proc.returncode == 0
    for name in ("check", "new", "build", "serve", "livereload", "import-seeds", "contributors", "bench"):
        line = next(line for line in proc.stdout.splitlines() if line.strip().startswith(name + " "))
        assert len(line.split(maxsplit=1)) == 2, line


def test_check_lists_the_open_doubts_of_imported_drafts(tmp_path):
    draft = fixture_article("draft-article").read_text(encoding="utf-8")
    doubted = draft.replace("status: draft", "status: draft\ndoubts:\n  - 'title: no headline printed'", 1)
    content = make_content(tmp_path, {"2023/draft-article.md": doubted})
    proc = invoke("check", "--content", str(content))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "draft-article.md:" in proc.stdout and "doubts: title: no headline printed" in proc.stdout
    assert "1 draft(s) with open doubts wait for an editor: run `invoke review`." in proc.stdout

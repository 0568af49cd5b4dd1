"""The house rule for Chinese text: applied by the importer, warned by `invoke check` with the fix."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, make_content
from kfq.frontmatter import read_source
from kfq.house_style import tidy, warnings


@pytest.mark.parametrize(
    ("text", "house"),
    [
        ("上报数为 32.68 亿元，增速为 1.8%，与", "上报数为32.68亿元，增速为1.8%，与"),
        ("世界各国人均 GDP 变化", "世界各国人均GDP变化"),
        ("科学导报讯 6 月 11 日上午", "科学导报讯 6月11日上午"),  # the dateline keeps its space
        ("本刊讯 近日，项目投产", "本刊讯 近日，项目投产"),
        ("项目,总投资1,000万元(含税)", "项目，总投资1,000万元（含税）"),  # 1,000 keeps its comma
        ("会议于10:30开始:大家发言;", "会议于10:30开始：大家发言；"),
        ("道新能源科技(忻州)有限公司", "道新能源科技（忻州）有限公司"),
        ("规划(2016—2030)》", "规划（2016—2030）》"),
        ("项目 ， 总投资", "项目，总投资"),  # no space beside full-width punctuation
        ("see (a) and b, c", "see (a) and b, c"),  # English stays English
        ("向高而攀 蓄势前行", "向高而攀 蓄势前行"),  # a space between Han is no business of the rule
    ],
)
def test_the_rule(text, house):
    assert tidy(text) == house


CHINESE_TEXT = st.text(
    alphabet=st.sampled_from(list("开发区项目投产年月日讯，。（）“”"))
    | st.sampled_from(list("0123456789ABab.,:;!?()% ")),
    max_size=60,
)


@given(CHINESE_TEXT)
def test_the_rule_is_idempotent_and_changes_only_spaces_and_marks(text):
    once = tidy(text)
    assert tidy(once) == once
    keep = re.compile(r"[^\s,;:!?()，；：！？（）]")
    assert keep.findall(once) == keep.findall(text)  # every character and digit stays, in order


def test_the_shipped_articles_follow_the_rule():
    for path in sorted((ROOT / "content/articles").rglob("*.md")):
        src, _ = read_source(path)
        assert warnings(str(path), src.body, src.body_line) == [], path


ARTICLE = """---
title: 厚生能源岛项目投产
authors: []
date: 2024-06-17
slug: hou-sheng
---

科学导报讯 近日，经过 5 个多月的建设，项目顺利实现投产。

总投资9280万元(含税)。
"""


def test_invoke_check_warns_with_the_fix_and_still_passes(tmp_path):
    content = make_content(tmp_path, {"2024/hou-sheng.md": ARTICLE})
    cmd = [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "check", "--content", str(content)]
    proc = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = [line for line in proc.stdout.splitlines() if line.startswith("warning:")]
    fix = " (no space between Han and Latin or digits; full-width punctuation in Chinese text)"
    where = "warning: content/articles/2024/hou-sheng.md"
    assert lines == [
        f"{where}:8: body: house style: “近日，经过 5 个多月的” (and 1 more on the line)"
        f" — write “近日，经过5个多月的建”{fix}",
        f"{where}:10: body: house style: “9280万元(含税)。” (and 1 more on the line)"
        f" — write “9280万元（含税）。”{fix}",
    ]
    assert "2 house-style warning(s)" in proc.stdout

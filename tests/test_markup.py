"""The faster engine writes a plain body's HTML byte for byte as Python-Markdown does."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from bench.corpus import generate
from conftest import ROOT
from kfq.frontmatter import read_source
from kfq.markup import is_plain, plain_html, same_dialect


@pytest.fixture(scope="module")
def python_markdown():
    """Pelican's own Markdown converter, set up by the site's settings."""
    reader = MarkdownReader(read_settings(str(ROOT / "pelicanconf.py")))
    assert same_dialect(reader.settings["MARKDOWN"])
    md = Markdown(**reader.settings["MARKDOWN"])  # as MarkdownReader.read makes it
    return lambda body: md.reset().convert(body)


def bodies(folder: Path) -> list[tuple[Path, str]]:
    out = []
    for path in sorted(folder.rglob("*.md")):
        src, problems = read_source(path, str(path))
        assert not problems, problems
        out.append((path, src.body))
    return out


def test_every_seed_article_renders_the_same(python_markdown):
    seeds = bodies(ROOT / "content" / "articles")
    assert len(seeds) >= 14
    plain = [(path, body) for path, body in seeds if is_plain(body)]
    # All but the one that writes COD<sub>Cr</sub> in raw HTML, left to Python-Markdown.
    assert len(plain) == len(seeds) - 1
    for path, body in plain:
        assert plain_html(body) == python_markdown(body), path
    # Headings, with their ids, are among what is compared.
    assert any("<h2 id=" in python_markdown(body) for _, body in seeds)


def test_the_bench_corpus_renders_the_same(python_markdown, tmp_path):
    corpus = generate(tmp_path / "corpus", 300)
    articles = bodies(corpus.content / "articles")
    plain = [(path, body) for path, body in articles if is_plain(body)]
    # The corpus borrows the seeds' sentences, COD<sub>Cr</sub> among them (about 3 in 100).
    assert len(plain) > 0.9 * len(articles)
    headed = 0
    for path, body in plain:
        html = python_markdown(body)
        assert plain_html(body) == html, path
        headed += "<h2 id=" in html
    assert headed > 10


@pytest.mark.parametrize(
    "body",
    [
        "本刊讯 *强调*的文字",
        "- 一项\n- 两项",
        "1. 第一\n2. 第二",
        "2023. 一年",
        "> 引用",
        "| 表 | 格 |\n|---|---|\n| 1 | 2 |",
        "#没有空格的标题",
        "## 标题 ##",
        "    缩进的代码",
        "第一行  \n第二行",
        '他说"好"',
        "a &amp; b",
        "<b>粗</b>",
        "见[链接](https://example.cn)",
        "标题\n===",
        "脚注[^1]\n\n[^1]: 注",
        "术语\n: 释义",
        "\t制表",
        "Note: 开头的一行像元数据",
    ],
)
def test_a_body_beyond_paragraphs_and_headings_goes_to_python_markdown(body):
    assert plain_html(body) is None


PLAIN_TEXT = st.text(
    alphabet=st.sampled_from(list("开发区建设左云，。、；：（）“”《》——…0123456789abcXYZ .-#%+=:/$@?年月日")),
    min_size=1,
    max_size=30,
)
LINE = st.one_of(
    PLAIN_TEXT, PLAIN_TEXT.map(lambda t: "## " + t), PLAIN_TEXT.map(lambda t: "# " + t), st.just("")
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, max_size=12).map("\n".join))
def test_whatever_the_fast_engine_accepts_it_writes_as_python_markdown_does(python_markdown, body):
    html = plain_html(body)
    if html is not None:
        assert html == python_markdown(body)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["## 进展", "## 进展", "## 成效  显著", "## 成效 显著", "正文。", ""]), max_size=10
    ).map("\n".join)
)
def test_repeated_headings_get_the_same_unique_ids(python_markdown, body):
    assert plain_html(body) == python_markdown(body)

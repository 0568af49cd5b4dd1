"""kfq.discovery: which files under content/articles/ are articles, for the check and the build alike."""

from __future__ import annotations

import os

import pytest

from conftest import fixture_article
from kfq.checking import check_content
from kfq.discovery import COMPANIONS, discover

VALID = fixture_article("valid-article").read_text(encoding="utf-8")


def lay_out(tmp_path, files: list[str]):
    articles = tmp_path / "content" / "articles"
    for rel in files:
        path = articles / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(VALID, encoding="utf-8")
    return tmp_path / "content"


@pytest.mark.parametrize(
    ("rel", "words"),
    [
        ("2023/valid-article.MD", "rename it to valid-article.md"),
        ("2023/valid-article.txt", "not .txt"),
        ("2023/valid-article.markdown", "not .markdown"),
        ("2023~/valid-article.md", "the folder '2023~' is not a year"),
        ("2023 copy/valid-article.md", "the folder '2023 copy' is not a year"),
        ("valid-article.md", "not in a year folder"),
        ("2023/old/valid-article.md", "sub-folder of articles/2023/"),
        ("2023/photo.jpg", "not an article"),
    ],
)
def test_a_file_that_would_not_become_an_article_is_refused_by_name(tmp_path, rel, words):
    found = discover(lay_out(tmp_path, [rel, "2023/b.md"]))
    assert [p.name for p in found.articles] == ["b.md"]
    [(path, problem)] = found.refused
    assert path.name == rel.split("/")[-1]
    assert (problem.line, problem.field) == (1, "file")
    assert words in str(problem) and " — " in str(problem)


@pytest.mark.parametrize(
    "rel",
    [".valid-article.md", "2023/.#valid-article.md", "2023/valid-article.md~", "2023/.valid-article.md.swp",
     ".git/config", "2023/.DS_Store", *COMPANIONS],
)  # fmt: skip
def test_hidden_backup_and_companion_files_are_passed_over(tmp_path, rel):
    found = discover(lay_out(tmp_path, [rel]))
    assert found.articles == [] and found.refused == []


def test_the_importers_own_files_are_companions():
    import importlib
    import importlib.util

    from kfq.importer.review import REVIEW_FILE

    assert REVIEW_FILE in COMPANIONS
    if importlib.util.find_spec("kfq.importer.ledger"):  # the importer's ledger, where it has one
        assert importlib.import_module("kfq.importer.ledger").FILE in COMPANIONS


def test_a_symlinked_year_folder_is_followed_and_checked(tmp_path, registers):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "valid-article.md").write_text(VALID.replace("\ntitle:", "\ntitel:"), encoding="utf-8")
    content = lay_out(tmp_path, [])
    (content / "articles").mkdir(parents=True)
    os.symlink(elsewhere, content / "articles" / "2023")
    found = discover(content)
    assert found.articles == [content / "articles" / "2023" / "valid-article.md"]
    problems = [p for c in check_content(content, registers) for p in c.problems]
    assert {p.field for p in problems} == {"titel", "title"}


def test_a_symlink_loop_is_walked_once(tmp_path):
    content = lay_out(tmp_path, ["2023/valid-article.md"])
    os.symlink(content / "articles", content / "articles" / "2023" / "loop")
    found = discover(content)
    assert [p.name for p in found.articles] == ["valid-article.md"]

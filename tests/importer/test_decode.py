"""decode.py: encodings are detected, line ends and odd spaces normalised, bad files named."""

from __future__ import annotations

import pytest

from kfq.importer import UndecodableFile, import_pages
from kfq.importer.decode import decode

from .conftest import write_manifest

TEXT = "本刊讯 左云经济技术开发区\u3000项目建设稳步推进。\n新建厂房\u00a0十二万平方米。\n"
EXPECTED = "本刊讯 左云经济技术开发区 项目建设稳步推进。\n新建厂房 十二万平方米。\n"


@pytest.mark.parametrize(
    ("name", "raw", "encoding"),
    [
        ("utf8.txt", TEXT.encode("utf-8"), "utf-8"),
        ("utf8_bom.txt", b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        ("gb18030.txt", TEXT.encode("gb18030"), "gb18030"),
        ("gbk.txt", TEXT.replace("\u00a0", " ").encode("gbk"), "gb18030"),
        ("crlf.txt", TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        ("cr.txt", TEXT.replace("\n", "\r").encode("gb18030"), "gb18030"),
        ("utf16.txt", b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_each_encoding_decodes_to_the_same_text(name, raw, encoding):
    page = decode(raw, name)
    assert page.text == EXPECTED
    assert page.encoding == encoding


def test_ideographic_indent_is_kept_as_an_indent():
    page = decode("\u3000\u3000第一段。\n".encode(), "indent.txt")
    assert page.text == "    第一段。\n"


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("big5.txt", "開發區建設穩步推進，項目陸續投產達產。".encode("big5")),
        ("binary.txt", bytes(range(256)) * 4),
        ("latin1.txt", "Développement économique à Taiyuan".encode("latin-1")),
    ],
)
def test_a_file_that_is_no_known_encoding_is_named(name, raw):
    with pytest.raises(UndecodableFile, match=name):
        decode(raw, name)


def test_other_files_still_import_when_one_is_undecodable(tmp_path, small_registers):
    src, dest = tmp_path / "seeds", tmp_path / "out"
    src.mkdir()
    (src / "a_bad.txt").write_bytes(bytes(range(256)) * 4)
    (src / "b_good.txt").write_text(
        "厂房建成投产\n\n本刊讯 长子经济技术开发区厂房建成投产。（李恒松）\n", encoding="utf-8"
    )
    write_manifest(src, {"b_good.txt": "2024-05-06"})
    report = import_pages(src, dest, small_registers)
    assert len(report.errors) == 1 and "a_bad.txt" in report.errors[0]
    assert len(report.written) == 1
    assert "a_bad.txt" in report.review_path.read_text(encoding="utf-8")

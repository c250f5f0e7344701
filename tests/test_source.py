"""Decoding bytes and splitting lines: the stage every span depends on."""

from __future__ import annotations

import codecs
import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speechparse.errors import (
    BinaryInputError,
    DecodeError,
    InputNotFoundError,
    NotAFileError,
    SpeechParseError,
)
from speechparse.reading.decoding import decode
from speechparse.reading.lines import Line, iter_lines, line_list, split_lines
from speechparse.reading.source import read_path

TEXT = "在全县大会上的讲话\r\n同志们：\n\u3000\u3000一、抓落实。要见实效。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(TEXT.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig", id="utf-8-bom"),
        pytest.param(TEXT.encode("gb18030"), "gb18030", id="gb18030"),
        pytest.param(
            codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", id="utf-16-le-bom"
        ),
        pytest.param(
            codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", id="utf-16-be-bom"
        ),
    ],
)
def test_decode_detects_encoding(data: bytes, encoding: str) -> None:
    """Each supported encoding gives the same text, without the byte-order mark."""
    text, detected = decode(data)
    assert text == TEXT
    assert detected == encoding


def test_decode_gb18030_four_byte_characters() -> None:
    """Characters outside GBK (encoded in four bytes) survive the GB18030 path."""
    text = "联系人：王䶮，地址：𠀀村\n"
    data = text.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode(data) == (text, "gb18030")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_decode_utf16_without_bom(codec: str) -> None:
    """UTF-16 without a BOM is recognised when it decodes to plausible text."""
    text = "在全县大会上的讲话\n同志们：\n一、抓落实。\n"
    assert decode(text.encode(codec)) == (text, codec)


def test_decode_pure_ascii_is_utf8() -> None:
    """ASCII is valid UTF-8, so it is reported as UTF-8."""
    assert decode(b"hello\n") == ("hello\n", "utf-8")


def test_decode_empty() -> None:
    """No bytes are an empty UTF-8 document, not an error."""
    assert decode(b"") == ("", "utf-8")


def test_decode_bom_only() -> None:
    """A file holding only a BOM is an empty document."""
    assert decode(codecs.BOM_UTF8) == ("", "utf-8-sig")


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x00", id="lone-nul"),
        pytest.param("讲话稿".encode() + b"\x00\x01\x02", id="nul-after-text"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", id="png-header"),
    ],
)
def test_decode_nul_bytes_are_binary(data: bytes) -> None:
    """NUL bytes that do not make plausible UTF-16 text mean the input is not text."""
    with pytest.raises(BinaryInputError) as info:
        decode(data, name="doc.txt")
    assert "doc.txt" in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x80\x80\xff", id="no-bom-garbage"),
        pytest.param(b"\x81\x30\x81", id="truncated-gb18030-four-byte"),
        pytest.param("讲话".encode() + b"\x80", id="stray-continuation"),
        pytest.param(codecs.BOM_UTF16_LE + b"\x00\xd8", id="utf-16-lone-surrogate"),
        pytest.param(codecs.BOM_UTF8 + b"\xff", id="bom-then-invalid-utf8"),
    ],
)
def test_decode_invalid_bytes(data: bytes) -> None:
    """Bytes that are no supported encoding raise DecodeError with one-line message."""
    with pytest.raises(DecodeError) as info:
        decode(data, name="bad.txt")
    message = str(info.value)
    assert message.startswith("bad.txt: ")
    assert "\n" not in message


def test_errors_share_one_base_and_exit_codes() -> None:
    """Callers catch one type; each subtype documents its CLI exit code."""
    for cls in (InputNotFoundError, NotAFileError, BinaryInputError, DecodeError):
        assert issubclass(cls, SpeechParseError)
        assert cls.exit_code != 0
    assert InputNotFoundError.exit_code == 3
    assert DecodeError.exit_code == BinaryInputError.exit_code == 4


def test_read_path_errors(tmp_path: Path) -> None:
    """Missing paths and directories become speechparse errors, not OSError."""
    with pytest.raises(InputNotFoundError):
        read_path(tmp_path / "missing.txt")
    with pytest.raises(NotAFileError):
        read_path(tmp_path)
    target = tmp_path / "ok.txt"
    target.write_bytes(b"abc")
    assert read_path(target) == b"abc"
    assert read_path(str(target)) == b"abc"


def _bodies(text: str) -> list[tuple[str, str]]:
    """(line content, line break) per line."""
    return [(text[ln.start : ln.end], text[ln.end : ln.stop]) for ln in split_lines(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("", [], id="empty"),
        pytest.param("a", [("a", "")], id="no-final-newline"),
        pytest.param("a\n", [("a", "\n")], id="lf"),
        pytest.param("a\r\nb\r\n", [("a", "\r\n"), ("b", "\r\n")], id="crlf"),
        pytest.param("a\rb\r", [("a", "\r"), ("b", "\r")], id="cr"),
        pytest.param("a\r\n\rb\n", [("a", "\r\n"), ("", "\r"), ("b", "\n")], id="mixed"),
        pytest.param("\n\n", [("", "\n"), ("", "\n")], id="blank-lines"),
        pytest.param("a\n\rb", [("a", "\n"), ("", "\r"), ("b", "")], id="lf-then-cr"),
        pytest.param("甲\u2028乙\x0c丙\n", [("甲\u2028乙\x0c丙", "\n")], id="no-split-on-ls-or-ff"),
    ],
)
def test_split_lines(text: str, expected: list[tuple[str, str]]) -> None:
    """CRLF, CR and LF end a line; nothing else does; no character is lost."""
    assert _bodies(text) == expected


def test_split_lines_covers_text_exactly() -> None:
    """Consecutive lines tile the text: each stop is the next start."""
    text = "标题\r\n\r\n\u3000正文。\r第二段\n最后"
    lines = split_lines(text)
    assert lines[0].start == 0
    assert lines[-1].stop == len(text)
    for before, after in itertools.pairwise(lines):
        assert before.stop == after.start
    for line in lines:
        assert line.start <= line.end <= line.stop
        assert "\r" not in text[line.start : line.end]
        assert "\n" not in text[line.start : line.end]


def test_line_is_frozen() -> None:
    """Lines are values."""
    line = Line(0, 1, 2)
    with pytest.raises(AttributeError):
        line.start = 5  # type: ignore[misc]


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="a甲\r\n\u2028", max_size=16))
def test_iter_lines_with_cr_are_the_split_lines(text: str) -> None:
    """iter_lines (CR turned into LF, split in C) yields exactly the lines split_lines finds.

    Text without CR may end on one more, empty line after a final LF (readers
    skip empty lines); text with CR gives the very same lines.
    """
    expected = [(ln.start, text[ln.start : ln.end]) for ln in split_lines(text)]
    got = list(iter_lines(text))
    if "\r" not in text and got and got[-1] == (len(text), "") and expected[-1:] != got[-1:]:
        got.pop()
    assert got == expected


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(st.sampled_from(("a", "甲", "\u3000", "\r\n", "\r\n\r\n", "\r", "\n")), max_size=12),
    st.booleans(),
)
def test_line_list_is_iter_lines_for_every_line_ending(pieces: list[str], windows: bool) -> None:
    """line_list's C splits (LF text, text whose every break is a CRLF) give iter_lines' lines.

    ``windows`` turns every line end into CRLF, the case the CRLF split is
    for; otherwise CR, LF and CRLF come mixed and the general reading is used.
    """
    text = "".join(pieces)
    if windows:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    assert line_list(text) == list(iter_lines(text))

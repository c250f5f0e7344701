"""Decoding you can trust (issue 12, item 7): detected encodings, their confidence, overrides.

Before, Big5 and Shift-JIS came out as GB18030 mojibake with exit 0 and
CP1252 text as UTF-16; now the detector reads them and says so on the
document, and ``--encoding`` names the codec outright.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from speechparse import parse_bytes
from speechparse.errors import DecodeError
from speechparse.reading.decoding import decode_as
from test_batch import cli, records

TRADITIONAL = (
    "在全縣教育工作會議上的講話\n同志們：\n一、提高認識，明確任務\n"
    "今年以來，全縣教育系統認真貫徹落實上級部署，各項工作取得新進展。"
    "學校佈局不斷優化，教師隊伍建設持續加強。\n二、突出重點，狠抓落實\n"
    "要堅持以人民為中心的發展思想，辦好人民滿意的教育。\n"
)
SIMPLIFIED = (
    "在全县教育工作会议上的讲话\n同志们：\n一、提高认识，明确任务\n"
    "今年以来，全县教育系统认真贯彻落实上级部署，各项工作取得新进展。\n"
    "二、突出重点，狠抓落实\n要坚持以人民为中心的发展思想，办好人民满意的教育。\n"
)
JAPANESE = (
    "全県教育会議における挨拶\n皆さん、こんにちは。今年は教育の質を高めるために、"
    "学校と地域が協力して取り組んできました。\n教師の研修を強化し、子供たちの学びを支えます。\n"
)
FRENCH = (
    "Rapport annuel de l'école élémentaire. Les élèves ont été très présents "
    "cette année ; le café du matin était apprécié.\n"
)


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        pytest.param(TRADITIONAL, "big5", "big5", id="big5"),
        pytest.param(JAPANESE, "shift_jis", ("shift_jis", "cp932"), id="shift-jis"),
        pytest.param(FRENCH, "cp1252", "cp1252", id="cp1252"),
    ],
)
def test_detected_encodings_read_right_and_say_so(
    text: str, codec: str, expected: str | tuple[str, ...]
) -> None:
    doc = parse_bytes(text.encode(codec), name="doc.txt")
    assert doc.source == text
    assert doc.encoding in (expected if isinstance(expected, tuple) else (expected,))
    notes = [d for d in doc.diagnostics if d.code.startswith("encoding-")]
    assert len(notes) == 1 and f"decoded as {doc.encoding}" in notes[0].message
    assert "confidence" in notes[0].message


def test_simplified_gb18030_and_utf16_without_bom_are_not_guesses() -> None:
    for codec in ("gb18030", "utf-16-le", "utf-8"):
        found = decode_as(SIMPLIFIED.encode(codec))
        assert (found.text, found.encoding, found.detected) == (SIMPLIFIED, codec, False)
        doc = parse_bytes(SIMPLIFIED.encode(codec))
        assert not [d for d in doc.diagnostics if d.code.startswith("encoding-")]


def test_mixed_utf8_and_gb18030_is_never_silent() -> None:
    """Half UTF-8, half GB18030 is an error naming the file, never a quiet GB18030 reading."""
    data = SIMPLIFIED[:40].encode("utf-8") + SIMPLIFIED[40:].encode("gb18030")
    with pytest.raises(DecodeError, match=r"mixed\.txt: not UTF-8"):
        parse_bytes(data, name="mixed.txt")


def test_encoding_option_overrides_detection(tmp_path: Path) -> None:
    doc = tmp_path / "tw.txt"
    doc.write_bytes(TRADITIONAL.encode("big5"))
    out = cli("--encoding", "big5", "outline", doc).stdout.decode()
    assert '"encoding": "big5"' in out and "講話" in out
    bad = cli("--encoding", "utf-8", "outline", doc, check=False)
    assert bad.returncode == DecodeError.exit_code
    assert (
        bad.stderr.decode().count("\n") == 1
        and "invalid utf-8 data at byte 0" in bad.stderr.decode()
    )
    unknown = cli("--encoding", "no-such-codec", "outline", doc, check=False)
    assert unknown.returncode == DecodeError.exit_code
    assert "unknown encoding 'no-such-codec'" in unknown.stderr.decode()
    jsonl = tmp_path / "out.jsonl"
    cli("--encoding", "big5", "batch", doc, "-o", jsonl)
    assert records(jsonl)[0]["outline"]["encoding"] == "big5"


@pytest.mark.parametrize(
    ("data", "offsets"),
    [
        pytest.param("要抓好".encode() + b"\xff" + "工作。\n".encode(), [9], id="utf-8-stray"),
        pytest.param(
            SIMPLIFIED.encode("gb18030") + b"\xff" + SIMPLIFIED.encode("gb18030") + b"\x81",
            [len(SIMPLIFIED.encode("gb18030")), 2 * len(SIMPLIFIED.encode("gb18030")) + 1],
            id="gb18030-two-bad",
        ),
        pytest.param(
            b"\xff\xfe" + "讲话".encode("utf-16-le") + b"\x00\xd8" + "稿".encode("utf-16-le"),
            [6],
            id="utf-16-bom-lone-surrogate",
        ),
    ],
)
def test_errors_replace_records_every_replaced_byte(data: bytes, offsets: list[int]) -> None:
    """Strict decoding refuses these bytes; ``replace`` goes on and says where each one was."""
    with pytest.raises(DecodeError):
        parse_bytes(data)
    doc = parse_bytes(data, errors="replace")
    notes = [d for d in doc.diagnostics if d.code == "replaced-bytes"]
    assert [int(d.message.split(" at byte ")[1].split(" ")[0]) for d in notes] == offsets
    for d in notes:
        assert doc.source[d.span[0] : d.span[1]] == "\ufffd"
    assert doc.source.count("\ufffd") == len(offsets)


def test_errors_replace_on_the_command_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(
        "在全县大会上的讲话\n一、抓落实\n要抓好".encode() + b"\xff" + "工作。\n".encode()
    )
    assert cli("outline", bad, check=False).returncode == DecodeError.exit_code
    out = cli("--errors", "replace", "parse", "--no-source", bad).stdout.decode()
    assert '"code": "replaced-bytes"' in out and '"span": [\n' in out
    jsonl = tmp_path / "out.jsonl"
    cli("--errors", "replace", "batch", bad, "--format", "document", "-o", jsonl)
    codes = [d["code"] for d in records(jsonl)[0]["document"]["diagnostics"]]
    assert "replaced-bytes" in codes


@pytest.mark.parametrize("stdin", [False, True], ids=["file", "stdin"])
def test_explain_honours_encoding_and_errors(tmp_path: Path, stdin: bool) -> None:
    """``explain`` decodes as ``outline`` and ``parse`` do: ``--encoding`` and ``--errors`` count.

    It used to detect the encoding whatever ``--encoding`` said, and to fail
    on bytes ``--errors replace`` lets the other commands read.
    """
    tw = tmp_path / "tw.txt"
    tw.write_bytes(TRADITIONAL.encode("big5"))
    bad = tmp_path / "bad.txt"
    bad.write_bytes(
        "在全县大会上的讲话\n一、抓落实\n要抓好".encode() + b"\xff" + "工作。\n".encode()
    )

    def explain(*options: str, path: Path, check: bool = True) -> Any:
        if stdin:
            return cli(*options, "explain", "--json", "-", input=path.read_bytes(), check=check)
        return cli(*options, "explain", "--json", path, check=check)

    assert json.loads(explain("--encoding", "big5", path=tw).stdout)["encoding"] == "big5"
    wrong = explain("--encoding", "utf-8", path=tw, check=False)
    assert wrong.returncode == DecodeError.exit_code
    assert "invalid utf-8 data at byte 0" in wrong.stderr.decode()
    assert explain(path=bad, check=False).returncode == DecodeError.exit_code
    out = explain("--errors", "replace", path=bad).stdout.decode()
    assert "replaced-bytes" in out and "\ufffd" in out


def test_index_honours_errors(tmp_path: Path) -> None:
    """``index`` reads with the group's ``--errors`` as ``batch`` does (it used to ignore it)."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(
        "在全县大会上的讲话\n一、抓落实\n要抓好".encode() + b"\xff" + "工作。\n".encode()
    )
    db = tmp_path / "index.sqlite"
    assert cli("index", bad, "--db", db, check=False).returncode == 7
    cli("--errors", "replace", "index", bad, "--db", db)

"""The bad-input matrix, for the API and the CLI alike.

Each input gives either a correct parse or exactly one line naming the file
and the problem, with the documented exception type and exit code
(docs/cli.md) — never a traceback, never silently wrong text.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import speechparse
from speechparse import (
    BinaryInputError,
    DecodeError,
    InputNotFoundError,
    InputTooLargeError,
    NotAFileError,
    SpeechParseError,
)

TEXT = (
    "关于作风建设的心得体会\n一、提高认识。我们要认真学习，把学习成果转化为工作动力。\n二、狠抓落实\n"
    * 3
)


def _cases(tmp: Path) -> dict[str, tuple[Path, type[SpeechParseError] | None, str | None]]:
    """Name → (path, expected error or None, expected title when it parses)."""
    files: dict[str, bytes] = {
        "empty": b"",
        "whitespace-only": " \u3000\n\t\r\n".encode(),
        "binary-nul": b"\x7fELF\x02\x01\x01\x00\x00\x00\x00" * 20,
        "truncated-gb18030": TEXT.rstrip("\n").encode("gb18030")[:-1],  # half a character
        "utf16-le-without-bom": TEXT.encode("utf-16-le"),
        "utf16-be-without-bom": TEXT.encode("utf-16-be"),
        "invalid-utf8-in-the-middle": (
            TEXT.encode()[:60] + b"\xff" + TEXT.encode()[60:] + TEXT.encode() * 3
        ),
    }
    out: dict[str, tuple[Path, type[SpeechParseError] | None, str | None]] = {}
    for name, data in files.items():
        path = tmp / f"{name}.txt"
        path.write_bytes(data)
        out[name] = (path, None, None)
    title = "关于作风建设的心得体会"
    out["empty"] = (out["empty"][0], None, None)
    out["whitespace-only"] = (out["whitespace-only"][0], None, None)
    out["binary-nul"] = (out["binary-nul"][0], BinaryInputError, None)
    out["truncated-gb18030"] = (out["truncated-gb18030"][0], DecodeError, None)
    out["utf16-le-without-bom"] = (out["utf16-le-without-bom"][0], None, title)
    out["utf16-be-without-bom"] = (out["utf16-be-without-bom"][0], None, title)
    out["invalid-utf8-in-the-middle"] = (out["invalid-utf8-in-the-middle"][0], DecodeError, None)
    out["directory"] = (tmp, NotAFileError, None)
    out["missing"] = (tmp / "no-such-file.txt", InputNotFoundError, None)
    huge = tmp / "huge.txt"
    with huge.open("wb") as fh:  # a sparse 100 MB file: costs no disk
        fh.truncate(100 * 1024 * 1024)
    out["100-mb"] = (huge, InputTooLargeError, None)
    return out


CASES = [
    "empty",
    "whitespace-only",
    "binary-nul",
    "truncated-gb18030",
    "utf16-le-without-bom",
    "utf16-be-without-bom",
    "invalid-utf8-in-the-middle",
    "directory",
    "missing",
    "100-mb",
]


@pytest.mark.parametrize("case", CASES)
def test_api(case: str, tmp_path: Path) -> None:
    """parse(Path) raises the documented type with one line, or parses right."""
    path, error, title = _cases(tmp_path)[case]
    if error is None:
        doc = speechparse.parse(path)
        assert (doc.title.text if doc.title else None) == title
        if title:
            assert [s.heading for s in doc.sections][:2] == ["提高认识", "狠抓落实"]
        return
    with pytest.raises(error) as info:
        speechparse.parse(path)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message


@pytest.mark.parametrize("case", CASES)
def test_cli(case: str, tmp_path: Path) -> None:
    """The CLI: exit code of the error type and one stderr line, or JSON on stdout."""
    path, error, title = _cases(tmp_path)[case]
    proc = subprocess.run(
        [sys.executable, "-m", "speechparse.apps.cli", "outline", str(path)],
        capture_output=True,
        check=False,
    )
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err
    if error is None:
        assert proc.returncode == 0, err
        assert f'"title": {"null" if title is None else chr(34) + title + chr(34)}' in (
            proc.stdout.decode("utf-8")
        )
        return
    assert proc.returncode == error.exit_code
    assert err.count("\n") == 1
    assert err.startswith(f"speechparse: {path}: ")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": b"bytes"}, "text must be str"),
        ({"text": "x", "encoding": None}, "encoding must be str"),
        ({"text": "x", "unmask": 1}, "unmask must be True or False"),
        ({"text": "x", "unmask": ""}, "unmask must be True or False"),
    ],
)
def test_parse_text_refuses_arguments_of_the_wrong_type(
    kwargs: dict[str, Any], message: str
) -> None:
    """The parser builds nodes without validation, so parse_text checks what it is handed."""
    with pytest.raises(TypeError, match=message):
        speechparse.parse_text(**kwargs)

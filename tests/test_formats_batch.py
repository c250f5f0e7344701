"""Batch and index over a folder of mixed formats: one record per document file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("lxml")
pytest.importorskip("trafilatura")
pytest.importorskip("pypdf")
pytest.importorskip("reportlab")

from format_files import speech_docx, speech_html, speech_pdf, speech_text


def mixed_folder(top: Path) -> Path:
    """The speech as .txt, .docx, .html and .pdf, an old .doc, and a file that is no document."""
    (top / "sub").mkdir(parents=True)
    (top / "a.txt").write_text(speech_text(), encoding="utf-8")
    (top / "b.docx").write_bytes(speech_docx())
    (top / "sub" / "c.html").write_bytes(speech_html())
    (top / "sub" / "d.pdf").write_bytes(speech_pdf(per_page=10))
    (top / "e.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (top / "notes.md").write_text("# not taken", encoding="utf-8")
    return top


def flat(sections: list[dict[str, Any]]) -> list[tuple[int, str, str]]:
    """Depth-first (level, marker, heading) of outline JSON sections."""
    out: list[tuple[int, str, str]] = []
    for s in sections:
        out.append((s["level"], s["marker"], s["heading"]))
        out.extend(flat(s["children"]))
    return out


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "speechparse.apps.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_batch_over_a_mixed_folder_gives_one_record_per_file(tmp_path: Path) -> None:
    folder = mixed_folder(tmp_path / "in")
    out = tmp_path / "out.jsonl"
    proc = cli("batch", str(folder), "-o", str(out))
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    names = [Path(r["input"]).name for r in got]
    assert names == ["a.txt", "b.docx", "e.doc", "c.html", "d.pdf"], proc.stderr
    outlines = {
        Path(r["input"]).name: flat(r["outline"]["sections"]) for r in got if "error" not in r
    }
    assert len(outlines) == 4
    assert len(outlines["a.txt"]) == 9
    assert len({json.dumps(v, ensure_ascii=False) for v in outlines.values()}) == 1
    error = next(r for r in got if "error" in r)
    assert error["error_type"] == "UnsupportedFormatError" and "soffice" in error["error"]


def test_index_over_a_mixed_folder_finds_every_format(tmp_path: Path) -> None:
    folder = mixed_folder(tmp_path / "in")
    db = tmp_path / "idx.db"
    indexed = cli("index", str(folder), "--db", str(db))
    assert "e.doc" in indexed.stderr  # the unsupported file is reported, the rest indexed
    search = cli("search", "莲藕", "--db", str(db))
    assert search.returncode == 0, search.stderr
    for name in ("a.txt", "b.docx", "c.html", "d.pdf"):
        assert name in search.stdout, name

"""The committed .docx, HTML and PDF examples are what the script makes today."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("reportlab")

ROOT = Path(__file__).resolve().parents[1]


def test_committed_examples_are_up_to_date() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_format_examples.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout

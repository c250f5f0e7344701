"""The real corpus, scored against its gold outlines, stays above the floors.

Floors from the accuracy issue: heading_f1 ≥ 0.95, title_acc ≥ 0.95,
exact_outline_rate ≥ 0.80.  Skipped when ../shared/corpus is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_outline.py"
CORPUS = SHARED / "corpus"

pytestmark = pytest.mark.skipif(
    not (SCORER.is_file() and CORPUS.is_dir()), reason="../shared/corpus not present"
)


def test_corpus_score_above_floors() -> None:
    """Runs the shared scorer on the CLI exactly as a user would."""
    cmd = f"{sys.executable} -m speechparse.cli outline"
    proc = subprocess.run(
        [sys.executable, str(SCORER), str(CORPUS), "--cmd", cmd, "--json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert summary["failed_runs"] == 0, proc.stdout
    assert summary["heading_f1"] >= 0.95, summary
    assert summary["title_acc"] >= 0.95, summary
    assert summary["exact_outline_rate"] >= 0.80, summary

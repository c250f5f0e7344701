"""The real corpus, scored against its gold outlines, never falls below the last landing.

A ratchet, not a target: ``FLOORS`` holds, per corpus folder, the scores the
last landed submission reached (rounded down to two decimals),
and a change may raise a floor but never lower one.  The accuracy issue's
targets (title_acc, heading_f1 ≥ 0.95, exact_outline_rate ≥ 0.85 on the whole
corpus and on ``sites/`` alone) are reached by raising these numbers.

Scored by the shared scorer on the CLI exactly as a user runs it.  Skipped when
../shared/corpus is absent.
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

#: folder -> (title_acc, heading_f1, exact_outline_rate) floors.
FLOORS: dict[str, tuple[float, float, float]] = {
    "seed": (1.0, 1.0, 1.0),
    "real": (1.0, 1.0, 1.0),
    "sites": (1.0, 1.0, 1.0),
}


def _score(folder: Path) -> dict[str, float]:
    cmd = f"{sys.executable} -m speechparse.apps.cli outline"
    proc = subprocess.run(
        [sys.executable, str(SCORER), str(folder), "--cmd", cmd, "--json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    summary: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    assert summary["failed_runs"] == 0, proc.stdout
    return summary


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_corpus_folder_at_or_above_its_floor(folder: str) -> None:
    """Each folder scores at least what the last landing reached."""
    path = CORPUS / folder
    if not path.is_dir():
        pytest.skip(f"{path} not present")
    summary = _score(path)
    title, f1, exact = FLOORS[folder]
    assert summary["title_acc"] >= title, summary
    assert summary["heading_f1"] >= f1, summary
    assert summary["exact_outline_rate"] >= exact, summary


def test_every_scored_folder_has_a_floor() -> None:
    """A new corpus folder with gold files gets a floor before it can regress unseen."""
    scored = {p.relative_to(CORPUS).parts[0] for p in CORPUS.rglob("*.gold.json")}
    assert scored <= set(FLOORS), sorted(scored - set(FLOORS))

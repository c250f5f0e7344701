"""Golden outlines: each fixture's ``doc.outline()`` against a committed JSON file.

Regenerate after an intended change with ``SPEECHPARSE_REGEN_GOLDEN=1 pytest
tests/test_golden.py`` and read the diff before committing it.  Fixtures the
parser gets wrong today are listed in ``KNOWN_WRONG``: their goldens were
written by hand to say what is right, regeneration leaves them alone, and
their tests are strict xfails until the parser is fixed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import speechparse
from invariants import check_models

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
REGEN = os.environ.get("SPEECHPARSE_REGEN_GOLDEN") == "1"

KNOWN_WRONG: dict[str, str] = {}

FIXTURE_PATHS = sorted(FIXTURES.glob("*.txt"))


def _param(path: Path) -> Any:
    reason = KNOWN_WRONG.get(path.stem)
    marks = [pytest.mark.xfail(strict=True, reason=f"BUG: {reason}")] if reason else []
    return pytest.param(path, id=path.stem, marks=marks)


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("path", [_param(p) for p in FIXTURE_PATHS])
def test_outline_matches_golden(path: Path) -> None:
    """The outline of each fixture equals its golden file."""
    actual = speechparse.parse(path).outline()
    golden = GOLDEN / f"{path.stem}.outline.json"
    if REGEN and path.stem not in KNOWN_WRONG:
        golden.write_text(_dump(actual), encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert actual == expected


@pytest.mark.parametrize("path", [_param(p) for p in FIXTURE_PATHS])
def test_fixture_models_revalidate(path: Path) -> None:
    """Each fixture's tree is exactly what pydantic's validators would make."""
    check_models(speechparse.parse(path))


def test_every_fixture_has_a_golden_and_back() -> None:
    """No fixture without a golden, no golden without a fixture."""
    fixtures = {p.stem for p in FIXTURE_PATHS}
    goldens = {p.name.removesuffix(".outline.json") for p in GOLDEN.glob("*.outline.json")}
    assert fixtures == goldens
    assert set(KNOWN_WRONG) <= fixtures


def test_there_are_enough_fixtures() -> None:
    """The brief asks for at least ten hand-written fixtures."""
    assert len(FIXTURE_PATHS) >= 10


@pytest.mark.skipif(not os.environ.get("CI"), reason="only meaningful on CI")
def test_regen_switch_is_off_in_ci() -> None:
    """CI must compare against the goldens, never rewrite them."""
    assert not REGEN, "SPEECHPARSE_REGEN_GOLDEN=1 is set on CI"

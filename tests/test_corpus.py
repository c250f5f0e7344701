"""Every real document in ``../shared/corpus`` parses and keeps the invariants.

The corpus lives outside the repository (``<repo>/../shared/corpus``) and is
read in place: nothing from it is copied into the project.  When it is
absent (a fresh clone, an sdist) these tests skip.  Outline accuracy against
the gold files is scored by ``../shared/tools/score_outline.py``, not here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import speechparse
from invariants import check_leaves_partition, check_models, check_node_spans
from speechparse.reading.decoding import decode

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
DOCUMENTS = sorted(CORPUS.rglob("*.txt")) if CORPUS.is_dir() else []

pytestmark = pytest.mark.skipif(not DOCUMENTS, reason=f"no corpus at {CORPUS}")


def _id(path: Path) -> str:
    return str(path.relative_to(CORPUS).with_suffix(""))


@pytest.fixture(params=DOCUMENTS, ids=_id, scope="module")
def parsed(request: pytest.FixtureRequest) -> tuple[str, speechparse.Document]:
    """(decoded text, document) per corpus file, parsed once for all checks."""
    path: Path = request.param
    text, _ = decode(path.read_bytes(), name=str(path))
    return text, speechparse.parse(path)


def test_parses_losslessly(parsed: tuple[str, speechparse.Document]) -> None:
    """The document parses and its source rendering is the decoded file."""
    text, doc = parsed
    assert doc.to_source() == text
    doc.outline()
    doc.to_text()


def test_leaves_partition(parsed: tuple[str, speechparse.Document]) -> None:
    """Leaves are disjoint and cover everything but white space."""
    check_leaves_partition(parsed[1])


def test_node_spans(parsed: tuple[str, speechparse.Document]) -> None:
    """Every node's span holds its text."""
    check_node_spans(parsed[1])


def test_models_revalidate(parsed: tuple[str, speechparse.Document]) -> None:
    """The parser's nodes are exactly what pydantic's validators would make."""
    check_models(parsed[1])

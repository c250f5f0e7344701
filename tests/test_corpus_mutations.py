"""Property tests on real documents, mutated: the invariants hold on text near real text.

Generated documents (``strategies.documents``) are clean by construction;
arbitrary text (``test_arbitrary_text``) is far from any speech.  Here
Hypothesis starts from the documents of ``../shared/corpus`` (``real/``,
``sites/``, ``seed/``) and damages them the way scraping and editing do:
lines deleted, duplicated, swapped or joined, noise characters inserted,
line endings changed, U+2028 or U+3000 dropped in, the text cut short.
Every mutant must keep DESIGN.md's invariants: the leaves partition the
source, ``to_source()`` is the input, and nothing but
:class:`~speechparse.SpeechParseError` is ever raised (a ``str`` never
raises; bytes cut mid-character may be a ``DecodeError``).

The corpus is read at test time, in place, and never copied into the
repository; without it these tests skip.  A modest number of examples keeps
the file under 20 seconds; ``SPEECHPARSE_FUZZ_LONG=1`` searches longer.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import speechparse
from invariants import check_leaves_partition, check_models, check_node_spans
from speechparse.reading.decoding import decode
from strategies import mutated

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
FOLDERS = ("real", "sites", "seed")
PATHS = sorted(p for f in FOLDERS if (CORPUS / f).is_dir() for p in (CORPUS / f).glob("*.txt"))

pytestmark = pytest.mark.skipif(not PATHS, reason=f"no corpus at {CORPUS}")

LONG = os.environ.get("SPEECHPARSE_FUZZ_LONG") == "1"

mutants = settings(
    max_examples=3000 if LONG else 100,
    deadline=None,
    derandomize=bool(os.environ.get("CI")) and not LONG,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
if LONG:
    pytestmark = [pytestmark, pytest.mark.timeout(0)]


def _texts() -> list[str]:
    """The corpus documents, decoded (read once per session, when a test first asks)."""
    if not _CACHE:
        _CACHE.extend(decode(p.read_bytes(), name=str(p))[0] for p in PATHS)
    return _CACHE


_CACHE: list[str] = []


def corpus_mutants() -> st.SearchStrategy[str]:
    """A corpus document with one to four mutations applied."""
    return st.integers(0, max(len(PATHS) - 1, 0)).flatmap(lambda k: mutated(_texts()[k]))


@mutants
@given(corpus_mutants())
def test_mutated_corpus_documents_keep_the_invariants(text: str) -> None:
    """Leaves partition the source, spans hold their text, the source comes back."""
    doc = speechparse.parse(text)
    assert doc.to_source() == text
    check_leaves_partition(doc)
    check_node_spans(doc)
    check_models(doc)
    doc.outline()
    doc.to_text()
    doc.to_markdown()


@mutants
@given(corpus_mutants(), st.sampled_from(("utf-8", "gb18030", "utf-16")), st.data())
def test_mutated_corpus_bytes_raise_only_speechparse_errors(
    text: str, encoding: str, data: st.DataObject
) -> None:
    """Encoded, maybe cut mid-character: a document, or one SpeechParseError, nothing else."""
    raw = text.encode(encoding, "surrogatepass")
    cut = data.draw(st.integers(0, len(raw)), label="cut") if data.draw(st.booleans()) else None
    try:
        doc = speechparse.parse(raw[:cut] if cut is not None else raw)
    except speechparse.SpeechParseError:
        return
    check_leaves_partition(doc)

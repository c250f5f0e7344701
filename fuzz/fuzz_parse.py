"""Coverage-guided fuzz target for atheris: bytes in, never a crash out.

Run (see fuzz/README.md)::

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/fuzz_parse.py fuzz/corpus -max_total_time=600

For every input: ``parse_bytes`` either returns a document or raises
``SpeechParseError``; a returned document reproduces its source, its leaves
never overlap, everything outside them is white space, and the document read
back through pydantic's validators equals it (the parser builds nodes
without validation, see speechparse/model/trusted.py).  Anything else is a
finding.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["speechparse"]):
    import speechparse
    from speechparse.lexicon.chars import WHITESPACE

_BLANK = frozenset(WHITESPACE + "\r\n")


def check(data: bytes) -> None:
    """One fuzz iteration: parse and verify the invariants."""
    try:
        doc = speechparse.parse_bytes(data)
    except speechparse.SpeechParseError:
        return
    source = doc.source
    assert doc.to_source() == source
    cursor = 0
    for what, (start, end) in doc.leaves():
        assert 0 <= start < end <= len(source), (what, start, end)
        assert start >= cursor, ("overlap", what, start, cursor)
        assert all(ch in _BLANK for ch in source[cursor:start]), ("lost text", cursor, start)
        cursor = end
    assert all(ch in _BLANK for ch in source[cursor:]), ("lost tail", cursor)
    assert type(doc).model_validate(doc.model_dump()) == doc, "trusted nodes fail validation"
    doc.outline()
    doc.to_text()
    doc.to_markdown()


def main() -> None:
    """Entry point for atheris; arguments are libFuzzer's."""
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

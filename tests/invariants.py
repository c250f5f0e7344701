"""Checks of the document invariants, shared by fixture, property and corpus tests.

Each ``check_*`` function raises ``AssertionError`` with a message that names
the offending node and its span, so a failure over a corpus file or a
Hypothesis example says what went wrong without a debugger.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from speechparse import (
    Byline,
    Diagnostic,
    Document,
    Noise,
    Paragraph,
    Salutation,
    Section,
    Subtitle,
    Title,
    TrailerBlock,
)
from speechparse.lexicon.chars import WHITESPACE
from speechparse.views.document_json import document_json

__all__ = [
    "SPACE",
    "check_leaves_partition",
    "check_models",
    "check_node_spans",
    "flat_outline",
    "iter_nodes",
    "squash",
]

SPACE = frozenset(WHITESPACE) | {"\r", "\n"}
"""What may stand between leaves: indentation, blank lines and line breaks."""

_SENTENCE_END = "。！？!?"


def squash(text: str) -> str:
    """``text`` without any white space, so line joins and indentation do not matter."""
    return "".join(ch for ch in text if ch not in SPACE)


def iter_nodes(model: BaseModel) -> Iterator[BaseModel]:
    """Every model with a ``span`` below ``model``, depth first (the root excluded)."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        values = value if isinstance(value, tuple | list) else (value,)
        for item in values:
            if isinstance(item, BaseModel):
                if hasattr(item, "span"):
                    yield item
                yield from iter_nodes(item)


def check_models(doc: Document) -> None:
    """The parser's nodes (made without validation) are what validation would make.

    The dump read back through pydantic's validators equals the document, and
    every node holds its fields in declaration order, as a validated node does
    (``repr`` and iteration follow that order).
    """
    again = Document.model_validate(doc.model_dump())
    assert again == doc, "the document read back from its dump differs from the parse"
    assert Document.model_validate_json(doc.model_dump_json()) == doc
    # ``speechparse parse`` writes the JSON in pieces; small pieces take every path.
    whole = doc.model_dump_json(indent=2).encode()
    for big in (8, 1 << 15):
        assert b"".join(document_json(doc, big=big)) == whole, f"JSON in pieces (big={big})"
    bare = doc.model_dump_json(indent=2, exclude={"source"}).encode()
    assert b"".join(document_json(doc, exclude={"source"}, big=8)) == bare
    for node in [doc, *iter_nodes(doc)]:
        # Document.section_index caches itself under a private key: not a field.
        fields = [k for k in node.__dict__ if not k.startswith("_")]
        assert fields == list(type(node).model_fields), (
            f"{type(node).__name__} {getattr(node, 'span', '')}: fields {list(node.__dict__)}"
        )
        for name, value in node.__dict__.items():
            assert type(value) is not list, f"{type(node).__name__}.{name} is a list, not a tuple"


def _noise_mask(doc: Document) -> list[bool]:
    mask = [False] * len(doc.source)
    for n in doc.noise:
        for k in range(n.span[0], n.span[1]):
            mask[k] = True
    return mask


def _clean(doc: Document, mask: list[bool], span: tuple[int, int]) -> str:
    """The source under ``span`` with noise cut out."""
    return "".join(ch for k, ch in enumerate(doc.source[span[0] : span[1]], span[0]) if not mask[k])


def _check_span(doc: Document, what: str, span: Any) -> None:
    start, end = span
    assert 0 <= start <= end <= len(doc.source), f"{what}: span {span} outside the source"


def check_node_spans(doc: Document) -> None:
    """Every node's span, sliced from the source (noise cut out), holds its text.

    Noise and diagnostics hold their text exactly; text nodes hold it up to
    white space (a two-line title is joined with a space); a subtitle's span
    also holds its dash; node kinds this check does not know (added later)
    must at least contain their text.
    """
    mask = _noise_mask(doc)
    for node in iter_nodes(doc):
        kind = getattr(node, "kind", type(node).__name__)
        what = f"{kind} {node.span}"
        _check_span(doc, what, node.span)
        raw = doc.source[slice(*node.span)]
        if isinstance(node, Diagnostic):
            continue
        if isinstance(node, Noise):
            assert raw == node.text, f"{what}: source says {raw!r}, node says {node.text!r}"
        elif isinstance(node, Section):
            _check_section(doc, mask, node)
        elif hasattr(node, "text") and raw != node.text:
            written = squash(_clean(doc, mask, node.span))
            text = squash(node.text)
            if isinstance(node, Subtitle):
                text = squash(node.dash) + text
            if isinstance(node, _EXACT):
                assert written == text, f"{what}: source says {written!r}, node says {text!r}"
            else:
                assert text in written, f"{what}: {text!r} not in {written!r}"
        elif hasattr(node, "marker") and not hasattr(node, "text"):
            # An ordinal point inside a paragraph: its span is the ordinal words.
            written = squash(_clean(doc, mask, node.span))
            assert written == squash(node.marker), f"{what}: span holds {written!r}"


_EXACT = (Title, Subtitle, Byline, Paragraph, Salutation, TrailerBlock)


def _check_section(doc: Document, mask: list[bool], section: Section) -> None:
    what = f"section {section.marker}{section.heading} {section.span}"
    _check_span(doc, what, section.marker_span)
    _check_span(doc, what, section.heading_span)
    marker = squash(_clean(doc, mask, section.marker_span))
    assert marker == squash(section.marker), f"{what}: marker span holds {marker!r}"
    heading = squash(_clean(doc, mask, section.heading_span))
    expected = squash(section.heading)
    # The span includes the sentence end that closes the heading; the text does not.
    assert heading == expected or (heading[:-1] == expected and heading[-1:] in _SENTENCE_END), (
        f"{what}: heading span holds {heading!r}"
    )
    inner = [section.marker_span, section.heading_span]
    inner += [b.span for b in section.paragraphs] + [c.span for c in section.children]
    for span in inner:
        if span[1] > span[0]:
            assert section.span[0] <= span[0] and span[1] <= section.span[1], (
                f"{what}: part {span} outside the section"
            )


def check_leaves_partition(doc: Document) -> None:
    """Leaves are sorted, disjoint, inside the source, and cover all but white space."""
    source = doc.source
    covered = [False] * len(source)
    previous_end = 0
    previous: Any = None
    for what, (start, end) in doc.leaves():
        assert 0 <= start < end <= len(source), f"leaf {what} {(start, end)} empty or outside"
        assert start >= previous_end, f"leaf {what} {(start, end)} overlaps {previous}"
        assert any(ch not in SPACE for ch in source[start:end]), (
            f"leaf {what} {(start, end)} is only white space: {source[start:end]!r}"
        )
        for k in range(start, end):
            covered[k] = True
        previous_end, previous = end, (what, (start, end))
    lost = [(k, ch) for k, ch in enumerate(source) if not covered[k] and ch not in SPACE]
    assert not lost, f"characters in no leaf: {lost[:10]}"


def flat_outline(doc: Document) -> tuple[str | None, tuple[tuple[int, str, str], ...]]:
    """Title and the depth-first (level, marker, heading) list."""
    title = doc.title.text if doc.title else None
    return title, tuple((s.level, s.marker, s.heading) for s in doc.iter_sections())

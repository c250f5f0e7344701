"""The outline JSON as a model, so that what ``speechparse outline`` prints loads back.

:func:`speechparse.views.outline.outline` builds the JSON as plain data
(the hot path of ``batch``); these classes read it back, validated, for a
program that stored outlines and wants attributes rather than dict keys:
``Outline.model_validate_json(line)``.  ``model_dump(mode="json")`` gives
the same data again (``tests/test_loading.py`` checks both directions on
every fixture).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from speechparse.model.nodes import Span, TrailerKind

__all__ = ["Outline", "OutlineDiagnostic", "OutlineSection", "OutlineTrailer"]

_CONFIG = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class OutlineSection(BaseModel):
    """A section of the outline: what the corpus gold scores, plus its span and size."""

    model_config = _CONFIG

    level: int
    """1 for a top-level section, 2 for its subsections …"""
    marker: str
    """The numbering as written (``一、``, ``（一）``, ``1.``)."""
    number: int | None
    """The marker's numeral as an integer (None for a marker without one)."""
    heading: str
    """The heading text, marker left out."""
    span: Span
    """The section's span in the source, subsections included."""
    paragraphs: int
    """Paragraphs directly under the heading."""
    children: tuple[OutlineSection, ...]
    """Subsections, in order."""


class OutlineTrailer(BaseModel):
    """A trailer block of the outline: its kind and text."""

    model_config = _CONFIG

    kind: TrailerKind
    """closing, ad, signature or date."""
    text: str
    """The block's text."""


class OutlineDiagnostic(BaseModel):
    """A diagnostic as the outline shows it (without severity)."""

    model_config = _CONFIG

    code: str
    """Machine-readable name (``numbering-gap`` …)."""
    message: str
    """One line for people."""
    span: Span
    """Where in the source it points."""


class Outline(BaseModel):
    """The outline JSON contract (docs/outline.md), as ``speechparse outline`` prints it."""

    model_config = _CONFIG

    schema_name: Literal["speechparse.outline"]
    """Names the contract."""
    version: Literal["1.0"]
    """Version of the contract (the document contract's version)."""
    encoding: str
    """How the input was decoded."""
    title: str | None
    """The title's text, or None."""
    subtitle: str | None
    """The subtitle's text, or None."""
    preamble_paragraphs: int
    """Blocks before the first section."""
    sections: tuple[OutlineSection, ...]
    """Top-level sections, each with its children."""
    trailer: tuple[OutlineTrailer, ...]
    """Trailer blocks after the speech."""
    noise: int
    """How many noise spans the document holds."""
    diagnostics: tuple[OutlineDiagnostic, ...]
    """The document's diagnostics, in source order."""

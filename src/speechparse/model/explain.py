"""The explain view's typed rows: what every source line became, and why.

A parse answers "what is the outline"; the explain view answers "why": for
each physical line of the source, which pieces of the tree stand on it (a
title with the score that won it, a heading with its style and number, a
paragraph with its points, a trailer line, noise of some kind), and which
diagnostics point at it.  Users read it to trust a result before running a
million files; developers read it to find the rule that got a line wrong.

The rows are a separate contract from the document JSON (``schema_name``
``speechparse.explanation``): they repeat what the tree says per line, plus
what only the lexer knows (the title candidates), so the document JSON does
not have to grow fields for a debugging view.

Every part carries ``span``, the piece of its node that stands on this line,
and ``node_span``/``lines``, the whole node: a hard-wrapped paragraph or a
title over two lines appears on each of its lines, and a collapsed line
holding several paragraphs has one part per paragraph.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from speechparse.model.nodes import Diagnostic, NoiseKind, Point, Span, TrailerKind

__all__ = [
    "EXPLANATION_SCHEMA_NAME",
    "BlockPart",
    "Candidate",
    "ExplainedLine",
    "Explanation",
    "HeadingPart",
    "NoisePart",
    "ParagraphPart",
    "Part",
    "TitlePart",
    "TrailerPart",
]

EXPLANATION_SCHEMA_NAME: Literal["speechparse.explanation"] = "speechparse.explanation"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class _PartBase(_Frozen):
    kind: str
    """What the piece is; each part class narrows it to its literal(s)."""
    span: Span
    """The part of the node that stands on this line (its text may include noise)."""
    node_span: Span
    """The whole node's span; wider than ``span`` when the node spans several lines."""
    lines: tuple[int, int]
    """First and last line (1-based) the node stands on."""
    text: str
    """``source[span]`` as written, shortened for display."""


class TitlePart(_PartBase):
    """The document's title line, with the title stage's score when it kept one."""

    kind: Literal["title"] = "title"
    genre: str | None = None
    """The 体裁 before the colon of a ``体裁：正标题`` title."""
    score: float | None = None
    """The chosen candidate's score; None when the title stage kept no candidates."""
    signals: tuple[str, ...] = ()
    """The chosen candidate's signals (``genre+3``, ``below:salutation+2``)."""


class BlockPart(_PartBase):
    """A subtitle, byline or salutation: the kind says everything decided."""

    kind: Literal["subtitle", "byline", "salutation"]


class HeadingPart(_PartBase):
    """A numbered heading: marker, number, style and level as the lexer placed it."""

    kind: Literal["heading"] = "heading"
    level: int
    """Section level (1 = the outermost numbering style this document uses)."""
    style: str
    """Numbering style name from lexicon/numbering.py (cn_dun for 一、, cn_paren for （一）, …)."""
    number: int | None
    """The marker's numeral as an integer."""
    marker: str
    """The marker as written."""
    heading: str
    """The heading text, noise removed."""
    run_in: bool
    """True when the heading shares its line with the section's first paragraph."""


class ParagraphPart(_PartBase):
    """A paragraph (or the part of one on this line), with the points found in it."""

    kind: Literal["paragraph"] = "paragraph"
    points: tuple[Point, ...] = ()
    """Points (一是, 首先, 第二，…) that start on this line."""
    marker_as_text: str | None = None
    """A numbering marker at the paragraph's start that was kept as text, if any."""
    why_text: str | None = None
    """Why that marker is not a heading, in a few words."""


class TrailerPart(_PartBase):
    """A line after the speech proper."""

    kind: Literal["trailer"] = "trailer"
    trailer: TrailerKind
    """closing, ad, signature or date."""


class NoisePart(_PartBase):
    """Text a site inserted: a whole line, or a marker inside one."""

    kind: Literal["noise"] = "noise"
    noise: NoiseKind
    """paywall, watermark, header, meta, note, toc, page_number, url or ad."""


Part = Annotated[
    TitlePart | BlockPart | HeadingPart | ParagraphPart | TrailerPart | NoisePart,
    Field(discriminator="kind"),
]
"""What may stand on a line."""


class Candidate(_Frozen):
    """A line the title stage weighed, located by line."""

    line: int
    """The line (1-based) the candidate starts on."""
    span: Span
    """Its span in the source."""
    text: str
    """Its text, shortened for display."""
    score: float
    """The sum of its signals' weights."""
    signals: tuple[str, ...]
    """Each signal as ``name±weight``, in the order weighed."""
    chosen: bool
    """True for the candidate that became the title."""


class ExplainedLine(_Frozen):
    """One physical line of the source and what it became."""

    line: int
    """Line number, 1-based, counting CRLF, CR and LF breaks."""
    span: Span
    """The line without its line break."""
    text: str
    """The line as written, shortened for display (slice the source by ``span`` for all of it)."""
    parts: tuple[Part, ...] = ()
    """What stands on the line, in order; empty for a blank line.

    Noise inside a node (a paywall marker mid-sentence) is listed after the
    part that contains it.
    """
    diagnostics: tuple[Diagnostic, ...] = ()
    """Diagnostics whose span starts on this line."""
    candidates: tuple[int, ...] = ()
    """Indices into :attr:`Explanation.title_candidates` of candidates on this line."""

    @property
    def blank(self) -> bool:
        """Nothing but white space on the line."""
        return not self.parts


class Explanation(_Frozen):
    """Every line of a document with what the parser decided about it."""

    schema_name: Literal["speechparse.explanation"] = EXPLANATION_SCHEMA_NAME
    """Names this contract, apart from the document and outline JSON."""
    version: Literal["1.0"] = "1.0"
    """Version of this contract."""
    encoding: str
    """How the input was decoded."""
    title_candidates: tuple[Candidate, ...] = ()
    """The lines the title stage weighed, in its order; empty when it kept none."""
    lines: tuple[ExplainedLine, ...] = ()
    """One row per physical line, in order."""

    def window(self, first: int = 1, last: int | None = None) -> Explanation:
        """Only the rows of lines ``first`` to ``last`` (1-based, inclusive; None: to the end).

        A view into a long file; the title candidates are kept whole, so the
        rows' ``candidates`` indices still point at them.
        """
        stop = len(self.lines) if last is None else max(min(last, len(self.lines)), 0)
        return self.model_copy(update={"lines": self.lines[max(first, 1) - 1 : stop]})

"""The node classes of the document tree.

Nodes are frozen pydantic models with a ``kind`` literal, so a JSON dump can be
read back into the right class and a renderer can dispatch on ``kind``.
Every node has ``span``: half-open code-point offsets into ``Document.source``
(``source[span[0]:span[1]]`` is the node as written, noise included).  Text
fields hold the clean text: noise such as paywall markers is cut out.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Block",
    "Byline",
    "Diagnostic",
    "Mask",
    "Node",
    "Noise",
    "NoiseKind",
    "Paragraph",
    "Point",
    "Salutation",
    "Section",
    "Span",
    "Subtitle",
    "Title",
    "TrailerBlock",
    "TrailerKind",
]

Span = tuple[int, int]
"""Half-open ``(start, end)`` code-point offsets into the decoded source."""


class Node(BaseModel):
    """Common configuration: immutable, no unknown fields, docstrings as descriptions."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    span: Span
    """Where the node stands in the source, as half-open code-point offsets."""


class Point(Node):
    """An ordinal inside a paragraph: 一是, 二要, 第三，, 首先, 理由一：.

    Points are not sections: they enumerate within running text.  ``span``
    covers the ordinal words only.
    """

    kind: Literal["point"] = "point"
    marker: str
    """The ordinal as written (一是, 第二, 首先)."""
    number: int | None
    """Its value (首先 → 1); None for 最后."""


class Paragraph(Node):
    """A paragraph of body text: one source line, or one segment of a run-in line."""

    kind: Literal["paragraph"] = "paragraph"
    text: str
    """The paragraph without noise, indentation or line break."""
    points: tuple[Point, ...] = ()
    """Ordinals that enumerate inside this paragraph, in order."""


class Salutation(Node):
    """The form of address that opens a speech (同志们：, 各位代表：)."""

    kind: Literal["salutation"] = "salutation"
    text: str
    """The salutation as written, without noise."""


Block = Annotated[Paragraph | Salutation, Field(discriminator="kind")]
"""What a preamble or a section body holds."""


class Subtitle(Node):
    """A line opened by a dash directly under the title (——在…上的讲话)."""

    kind: Literal["subtitle"] = "subtitle"
    text: str
    """The subtitle without its leading dash."""
    dash: str
    """The dash as written (——, --, —)."""


class Byline(Node):
    """A date, venue or author line under the title: （2023年10月12日）, 张三."""

    kind: Literal["byline"] = "byline"
    text: str
    """The line as written, parentheses included."""


class Title(Node):
    """The document's own title, with its parts when written as ``体裁：正标题``."""

    kind: Literal["title"] = "title"
    text: str
    """The full title line as written, without noise."""
    genre: str | None = None
    """The part before the colon of a ``体裁：正标题`` title (研讨交流发言)."""
    main: str | None = None
    """The part after that colon; None when the title has no genre prefix."""
    subtitle: Subtitle | None = None
    """The ``——`` line under the title, if any."""
    bylines: tuple[Byline, ...] = ()
    """Date, venue and author lines under the title and subtitle."""


class Section(Node):
    """A numbered section with its heading, its own paragraphs and its subsections.

    ``span`` runs from the marker to the end of the last descendant's text.
    """

    kind: Literal["section"] = "section"
    level: int
    """Nesting depth, 1 for the outermost numbering style this document uses."""
    style: str
    """The numbering style (cn_dun for 一、, cn_paren for （一）, …); see lexicon/numbering.py."""
    number: int | None
    """The marker's numeral as an integer (三 → 3, ③ → 3)."""
    marker: str
    """The marker as written (一、, （二）, 3.)."""
    marker_span: Span
    """Where the marker stands in the source."""
    heading: str
    """Heading text without marker, without the sentence end that closes it, without noise."""
    heading_span: Span
    """Where the heading stands, including the punctuation that closes a run-in heading."""
    run_in: bool = False
    """True when the heading shares its line with the first paragraph."""
    paragraphs: tuple[Block, ...] = ()
    """The section's own body, before its first subsection."""
    children: tuple[Section, ...] = ()
    """Subsections, one level deeper."""


TrailerKind = Literal["closing", "ad", "signature", "date"]


class TrailerBlock(Node):
    """A line after the speech proper: closing words, signature, date or advertising."""

    kind: TrailerKind
    text: str
    """The line as written, without noise."""


NoiseKind = Literal[
    "paywall",
    "page_number",
    "url",
    "ad",
    "watermark",
    "header",
    "meta",
    "note",
    "toc",
    "decoration",
    "label",
    "markup",
]


class Noise(Node):
    """Text a site inserted that is not part of the document; kept, never deleted.

    Kinds: ``paywall`` (##paidbegin##), ``page_number``, ``url``, ``ad``,
    ``watermark`` (a line a site repeats through the document), ``header`` (a
    web page's title when the document states its own), ``meta`` (来源/作者/
    发布时间 lines), ``note`` (an editor's note before the document's own
    title), ``toc`` (a table of contents: its heading and entries), ``markup``
    (raw HTML tags left in scraped text, ``<b>``, ``</p>``), ``decoration`` (a
    site's decoration on the title line: [VIP], a word count, .docx, a counter,
    a site-name suffix, a pagination mark, a category tag) and ``label`` (a
    compilation's count or item label on the title line: (精选5篇), 第1篇, 篇一).
    """

    kind: NoiseKind
    text: str
    """The noise exactly as it stands in the source."""


class Mask(Node):
    """A masked character or placeholder the site or author left in the text.

    ``D`` for 党 (D员, 共产D人) is ``party`` and can be restored with
    ``unmask=True``; XX, ×××, ** and 某某 are ``placeholder`` and cannot.
    """

    kind: Literal["party", "placeholder"]
    text: str
    """The mask as written."""
    restored: str | None
    """What ``unmask=True`` puts in clean text (党), or None."""


class Diagnostic(BaseModel):
    """Something odd the parser noticed and worked around (a gap in numbering, …)."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    code: str
    """A stable identifier such as ``numbering-gap``."""
    message: str
    """One line for a human."""
    span: Span
    """Where in the source the problem was seen."""
    severity: Literal["info", "warning"] = "warning"
    """``warning`` when the outline may be wrong, ``info`` otherwise."""


AnyNode = (
    Title | Subtitle | Byline | Salutation | Paragraph | Point | Section | TrailerBlock | Noise
)
"""What :func:`walk` yields: every concrete node class, so ``.kind`` type-checks."""

"""The typed document tree: nodes in ``nodes``, the root in ``document``."""

from speechparse.model.document import SCHEMA_VERSION, Document
from speechparse.model.nodes import (
    Block,
    Byline,
    Diagnostic,
    Mask,
    Noise,
    Paragraph,
    Point,
    Salutation,
    Section,
    Span,
    Subtitle,
    Title,
    TrailerBlock,
)
from speechparse.model.origin import HeadingHint, InputInfo

__all__ = [
    "SCHEMA_VERSION",
    "Block",
    "Byline",
    "Diagnostic",
    "Document",
    "HeadingHint",
    "InputInfo",
    "Mask",
    "Noise",
    "Paragraph",
    "Point",
    "Salutation",
    "Section",
    "Span",
    "Subtitle",
    "Title",
    "TrailerBlock",
]

"""The document JSON without its source (``speechparse parse --no-source``), as a model.

A :class:`~speechparse.model.document.Document` always holds ``source``:
every span indexes into it and ``to_source`` returns it, so it cannot be
optional there without every caller checking for None.  A dump made with
``--no-source`` (or ``batch --format document --no-source``) loads into
:class:`DocumentNoSource` instead, which has every other field, and
:meth:`DocumentNoSource.with_source` makes the full :class:`Document` again
once the text is at hand (read from the file it was made from).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from speechparse.model.document import SCHEMA_VERSION, Document
from speechparse.model.nodes import Block, Diagnostic, Mask, Noise, Section, Title, TrailerBlock
from speechparse.model.origin import TEXT_INPUT, InputInfo

__all__ = ["DocumentNoSource"]


class DocumentNoSource(BaseModel):
    """A :class:`Document` without ``source``: every field but that one, same types and order.

    ``tests/test_loading.py`` fails when the two classes drift apart.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    schema_name: Literal["speechparse.document"] = "speechparse.document"
    """Names the JSON contract so stored dumps can be recognised."""
    version: Literal["1.0"] = SCHEMA_VERSION
    """Version of that contract."""
    encoding: str
    """How the input was decoded."""
    title: Title | None
    """The document's own title with subtitle and bylines, or None when it has none."""
    preamble: tuple[Block, ...]
    """Salutation and paragraphs before the first numbered section."""
    sections: tuple[Section, ...]
    """Top-level sections; each nests its subsections in ``children``."""
    trailer: tuple[TrailerBlock, ...]
    """Closing words, signature, date and advertising after the speech."""
    noise: tuple[Noise, ...]
    """Paywall markers, page numbers, ad and URL lines, wherever they stood."""
    diagnostics: tuple[Diagnostic, ...]
    """Irregularities the parser worked around, in source order."""
    masks: tuple[Mask, ...] = ()
    """Masked characters and placeholders, in source order."""
    unmasked: bool = False
    """True when clean text fields have known masks restored."""
    input: InputInfo = TEXT_INPUT
    """The input's format and what it recorded beyond the text."""

    def with_source(self, source: str) -> Document:
        """The full :class:`Document`, given the decoded text it was parsed from.

        The spans are only meaningful on that same text: a ``source`` shorter
        than the furthest span raises ``ValueError``, since it cannot be it.
        """
        ends = [s.span[1] for s in self.sections] + [t.span[1] for t in self.trailer]
        ends += [n.span[1] for n in self.noise]
        if ends and max(ends) > len(source):
            raise ValueError(
                f"source has {len(source)} characters, the spans reach {max(ends)}: "
                "not the text this document was parsed from"
            )
        data = {name: getattr(self, name) for name in type(self).model_fields}
        return Document(**data, source=source)

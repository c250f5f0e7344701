"""The JSON Lines records of ``batch`` (and of several FILEs) as models, to load them back.

:mod:`speechparse.apps.batch` writes each record as text for speed; these classes
read one back, validated: :func:`load_record` picks the class by the key the
line holds beside ``input`` and ``id`` (``outline``, ``document``, ``chunks``,
``text``, ``markdown``, ``source``, or ``error`` for a failed input).
"""

from __future__ import annotations

import json
from typing import Any, cast

from pydantic import BaseModel, ConfigDict

from speechparse.model.document import Document
from speechparse.model.nosource import DocumentNoSource
from speechparse.model.outline import Outline
from speechparse.views.chunks import Chunk, EmbeddedChunk

__all__ = [
    "ChunksRecord",
    "DocumentRecord",
    "ErrorRecord",
    "MarkdownRecord",
    "OutlineRecord",
    "Record",
    "SourceRecord",
    "TextRecord",
    "load_record",
]

_CONFIG = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class _Base(BaseModel):
    model_config = _CONFIG

    input: str
    """The input the record is for: a path, ``file.jsonl:LINE`` or ``<stdin>:LINE``."""
    id: str
    """The document id: the JSONL id, else the hash of the source."""


class OutlineRecord(_Base):
    """``--format outline``: the outline JSON."""

    outline: Outline
    """What ``speechparse outline`` prints for the input."""


class DocumentRecord(_Base):
    """``--format document``: the full document JSON, or without source (``--no-source``)."""

    document: Document | DocumentNoSource
    """A :class:`Document`, or a :class:`DocumentNoSource` when the line has no ``source``."""


class ChunksRecord(_Base):
    """``--format chunks``: the title and the document's chunks."""

    title: str | None
    """The document's title, or None."""
    chunks: tuple[Chunk, ...] | tuple[EmbeddedChunk, ...]
    """The chunks; :class:`EmbeddedChunk` when written with ``--embed-text``."""


class TextRecord(_Base):
    """``--format text``: the clean text (``render --to text`` of several files)."""

    text: str
    """The clean text."""


class MarkdownRecord(_Base):
    """``--format markdown``: the Markdown rendering."""

    markdown: str
    """The Markdown."""


class SourceRecord(_Base):
    """``--format source``: the decoded input exactly."""

    source: str
    """The decoded input."""


class ErrorRecord(BaseModel):
    """An input that failed: its one-line message and the error's class name."""

    model_config = _CONFIG

    input: str
    """The input that failed."""
    id: str | None = None
    """The JSONL id, when the line had a usable one."""
    error: str
    """The one-line message, naming the input."""
    error_type: str
    """The :class:`~speechparse.errors.SpeechParseError` subclass (``DecodeError`` …)."""


Record = (
    OutlineRecord
    | DocumentRecord
    | ChunksRecord
    | TextRecord
    | MarkdownRecord
    | SourceRecord
    | ErrorRecord
)
"""Any line ``batch`` writes."""

_BY_KEY: dict[str, type[BaseModel]] = {
    "outline": OutlineRecord,
    "document": DocumentRecord,
    "chunks": ChunksRecord,
    "text": TextRecord,
    "markdown": MarkdownRecord,
    "source": SourceRecord,
    "error": ErrorRecord,
}


def load_record(line: str | bytes) -> Record:
    """One record line as its model; ``ValueError`` (pydantic's) when it is none of them."""
    data: Any = json.loads(line)
    if not isinstance(data, dict):
        raise ValueError("a record is a JSON object")
    for key, cls in _BY_KEY.items():
        if key in data:
            return cast(Record, cls.model_validate(data))
    raise ValueError(f"not a speechparse record (keys: {', '.join(data)})")

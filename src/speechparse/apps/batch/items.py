"""The values the batch engine passes around: inputs, record options, a run's stats.

An :class:`Item` is what travels to a worker and :class:`RecordOptions` says
what the worker makes of it; listing (:mod:`.inputs`), reading
(:mod:`.load`), rendering (:mod:`.lines`) and the worker pool
(:mod:`.workers`) all take them, so they live apart from every one of those
steps and each step imports only what it uses.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal

from speechparse.errors import SpeechParseError
from speechparse.reading.source import MAX_BYTES
from speechparse.views.chunks import DEFAULT_MAX_CHARS

Format = Literal["outline", "document", "chunks", "text", "markdown", "source"]
Transport = Literal["shard", "pipe"]

FORMATS: tuple[Format, ...] = ("outline", "document", "chunks", "text", "markdown", "source")
"""What each output line holds beside ``input`` and ``id``; ``text``, ``markdown``
and ``source`` are ``speechparse render`` of several files, one JSON string each."""

JSONL_SUFFIXES = (".jsonl", ".ndjson")
"""Files read as one document per line, however they were found."""


class JSONLError(SpeechParseError):
    """A JSONL line is not a JSON object with a string text field."""


@dataclass(frozen=True, slots=True)
class RecordOptions:
    """How an input becomes a record; the same options give the same bytes on every path."""

    format: Format = "outline"
    """``outline``: the outline JSON; ``document``: the full document JSON;
    ``chunks``: the title and the document's chunks."""
    unmask: bool = False
    """Restore known masks (D → 党) in clean text."""
    source: bool = True
    """Keep ``source`` in ``document`` records (it is most of their size)."""
    max_chars: int = DEFAULT_MAX_CHARS
    """Chunk size for ``chunks`` records."""
    overlap: int = 0
    """Chunk overlap for ``chunks`` records."""
    embed_text: bool = False
    """Add ``embed_text`` (heading path and text, as an embedder gets them) to each chunk."""
    min_chars: int = 0
    """Chunks: avoid pieces shorter than this where a neighbour can take them."""
    merge_siblings: bool = False
    """Chunks: let small sibling sections share a chunk."""
    keep_empty: bool = True
    """Chunks: keep sections that have a heading and nothing else."""
    text_field: str = "text"
    """Field of a JSONL line that holds the document text."""
    id_field: str = "id"
    """Field of a JSONL line that holds the document id (optional in each line)."""
    max_bytes: int | None = MAX_BYTES
    """Larger files and JSONL lines become InputTooLargeError records; None: no limit."""
    encoding: str | None = None
    """Decode files with this codec instead of detecting it (JSONL text is already decoded)."""
    errors: Literal["strict", "replace"] = "strict"
    """``replace``: undecodable bytes of a file become U+FFFD and diagnostics, not an error."""

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {self.format!r}")
        if not 0 <= self.overlap < self.max_chars:
            raise ValueError("overlap must be at least 0 and less than max_chars")


@dataclass(frozen=True, slots=True)
class Item:
    """One input, cheap to pickle: a path, a raw JSONL line, or text.

    JSONL lines travel raw and are decoded by the worker, so the parent
    neither spends time on JSON nor holds decoded text, and skipping lines
    on resume costs nothing.
    """

    key: str
    """What the record's ``input`` says: the path, ``file.jsonl:LINE``, or ``text:HASH``."""
    path: str | None = None
    line: bytes | None = None
    text: str | None = None
    id: str | None = None
    """The caller's document id, when known before parsing."""
    error: tuple[str, str] | None = None
    """(error type, one-line message) found while listing inputs (an unreadable folder)."""

    def size(self) -> int:
        """Input bytes behind this item, for sizing tasks: a file's size is looked up."""
        if self.line is not None:
            return len(self.line)
        if self.text is not None:
            return len(self.text)
        if self.path is not None:
            try:
                return os.stat(self.path).st_size
            except OSError:
                return 0  # the worker will report it
        return 0


@dataclass(frozen=True, slots=True)
class BatchStats:
    """What a run did: ``skipped`` inputs were already in the output (``resume``)."""

    records: int
    errors: int
    skipped: int
    seconds: float

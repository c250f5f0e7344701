"""Parse many documents into one JSON Lines file: in input order, in parallel, resumable.

A corpus is millions of files, so everything here streams: inputs are
walked lazily (folders one directory at a time, JSONL files one line at a
time), at most a few tasks are in flight, and no result is held once it is
written.  Output is **one line per input** in the order the inputs were
given, whatever ``jobs`` is; that one-to-one order is what makes
``resume`` exact: the number of complete lines already written is the
number of inputs to skip, and the ``input`` key on every line lets the
resume check that it is skipping the right ones.

A bad input never stops the run: it becomes an error record naming it
(``{"input": ..., "error": "...", "error_type": "DecodeError"}``).

Worker processes write their own output.  Each task is a run of consecutive
inputs; a worker renders them into a shard file and returns only its error
count, and the parent appends finished shards to the output in task order.
Sending the rendered JSON back through the pool's pipe (``transport="pipe"``)
is kept for comparison; ``benchmarks/batch_rss.py`` measures both, and
docs/batch.md gives the numbers behind the default.

:func:`render_record` is the single function that turns one input into one
line; the Dask path (:mod:`speechparse.apps.distributed`) calls it too, so both
paths give byte-identical output.  :func:`load_item` is the one place an
input becomes a Document, for records and for :func:`iter_documents` (the
same pool sending documents back, behind :func:`speechparse.parse_many`).
"""

from __future__ import annotations

import contextlib
import ctypes
import fnmatch
import functools
import gc
import hashlib
import itertools
import json
import multiprocessing
import os
import shutil
import signal
import stat
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from speechparse.api import _parser, parse_file, parse_text
from speechparse.apps.output import check_output, finish, is_special, partial_path, write_error
from speechparse.apps.resume import resume as resume_records
from speechparse.apps.resume import run_info, write_run
from speechparse.errors import (
    BatchError,
    DecodeError,
    InputIsADirectoryError,
    InputNotFoundError,
    InputPermissionError,
    InputTooLargeError,
    NotAFileError,
    ReadError,
    SpeechParseError,
)
from speechparse.formats import DEFAULT_GLOB
from speechparse.model.document import Document
from speechparse.reading.source import MAX_BYTES
from speechparse.views.chunks import DEFAULT_MAX_CHARS, document_id, iter_chunks

__all__ = [
    "FORMATS",
    "BatchError",
    "BatchStats",
    "Block",
    "Item",
    "JSONLError",
    "RecordOptions",
    "file_items",
    "iter_documents",
    "iter_inputs",
    "iter_records",
    "iter_values",
    "known_count",
    "known_id",
    "listed_items",
    "load_item",
    "read_listing",
    "render_record",
    "run_batch",
    "text_key",
    "walk_files",
    "write_records",
]

Format = Literal["outline", "document", "chunks", "text", "markdown", "source"]
Transport = Literal["shard", "pipe"]
_Mode = Literal["shard", "pipe", "values"]
"""What a worker sends back: ``values`` (for :func:`iter_values`) pickles what
the task function made of each input (a Document or error, table rows)
instead of rendering a record."""

Work = Callable[[list["Item"], "RecordOptions"], tuple[list[Any], int]]
"""A task function for :func:`iter_values`: one value per input, and how many
inputs failed.  Module-level (or a ``functools.partial`` of one), so it pickles
to the workers."""

FORMATS: tuple[Format, ...] = ("outline", "document", "chunks", "text", "markdown", "source")
"""What each output line holds beside ``input`` and ``id``; ``text``, ``markdown``
and ``source`` are ``speechparse render`` of several files, one JSON string each."""

JSONL_SUFFIXES = (".jsonl", ".ndjson")
"""Files read as one document per line, however they were found."""

TASK_ITEMS = 64
"""Inputs per task: enough that process overhead is small against parsing them."""
TASK_BYTES = 1 << 20
"""A task closes early once its inputs hold this many bytes: a task's rendered
output (about three times its input for ``document``) is held whole in the
worker and in the parent with ``transport="pipe"``."""
TASKS_PER_JOB = 2
"""Tasks in flight per worker: one running, one queued so the worker never waits."""


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


# -- inputs -------------------------------------------------------------------


def _is_jsonl(path: str) -> bool:
    return path.lower().endswith(JSONL_SUFFIXES)


def _error_item(key: str, exc: SpeechParseError) -> Item:
    return Item(key=key, error=(exc.record_type, str(exc)))


def _os_error(exc: OSError, name: str) -> SpeechParseError:
    if isinstance(exc, FileNotFoundError):
        return InputNotFoundError("no such file", name=name)
    if isinstance(exc, IsADirectoryError):
        return InputIsADirectoryError("not a file", name=name)
    if isinstance(exc, NotADirectoryError):
        return NotAFileError("not a file", name=name)
    if isinstance(exc, PermissionError):
        return InputPermissionError("permission denied", name=name)
    return ReadError(exc.strerror or "cannot read", name=name)


def _jsonl_items(path: str, max_bytes: int | None) -> Iterator[Item]:
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by the with below, after the yields
    except OSError as exc:
        yield _error_item(path, _os_error(exc, path))
        return
    with handle:
        yield from _line_items(handle, path, max_bytes)


def _line_items(handle: IO[bytes], name: str, max_bytes: int | None) -> Iterator[Item]:
    """Non-blank lines of a stream as JSONL items keyed ``name:LINE``; overlong ones as errors."""
    limit = -1 if max_bytes is None else max_bytes + 1
    for lineno in itertools.count(1):
        line = handle.readline(limit)
        if not line:
            return
        key = f"{name}:{lineno}"
        if max_bytes is not None and len(line) > max_bytes:
            yield _error_item(key, _too_long(handle, line, key, max_bytes))
        elif line.strip():
            yield Item(key=key, line=line)


def _too_long(handle: IO[bytes], head: bytes, key: str, max_bytes: int) -> InputTooLargeError:
    """Skip the rest of an overlong line without ever holding it, and say how long it was."""
    size = len(head)
    line = head
    while not line.endswith(b"\n"):
        line = handle.readline(1 << 20)
        if not line:
            break
        size += len(line)
    message = f"{size:,}-byte line is over the {max_bytes:,}-byte limit (max_bytes)"
    return InputTooLargeError(message, name=key)


def _file_items(path: str, max_bytes: int | None) -> Iterator[Item]:
    if _is_jsonl(path):
        yield from _jsonl_items(path, max_bytes)
    else:
        yield Item(key=path, path=path)


def walk_files(top: str, glob: str = DEFAULT_GLOB) -> Iterator[str | Item]:
    """Paths of the files under ``top`` matching ``glob``, sorted by name within each directory.

    ``glob`` may list several patterns separated by commas; the default takes
    every format speechparse reads (text, .docx, HTML, PDF), so a folder of
    mixed files gives one record per document.

    Depth first, a directory's own files before its subdirectories, so the
    order depends only on the names, never on the file system's listing
    order.  Only one directory listing is held at a time per level.  A
    directory that cannot be listed comes out as an error :class:`Item`.
    """
    problems: list[OSError] = []
    patterns = [g.strip() for g in glob.split(",") if g.strip()]
    by_path = "/" in glob
    for dirpath, dirnames, filenames in os.walk(top, onerror=problems.append):
        while problems:
            yield _listing_error(problems.pop(0), dirpath)
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            subject = Path(os.path.relpath(path, top)).as_posix() if by_path else name
            if any(fnmatch.fnmatchcase(subject, g) for g in patterns):
                yield _regular(path)
    for exc in problems:
        yield _listing_error(exc, top)


def _regular(path: str) -> str | Item:
    """The path of a regular file; anything else found in a folder becomes an error item.

    Opening a FIFO blocks until a writer comes, and a device can be endless,
    so neither is ever opened from a folder walk.  A path that cannot be
    looked up (a dangling link) goes on, for the worker to report.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return path
    if stat.S_ISREG(mode):
        return path
    return _error_item(path, NotAFileError(f"not a regular file ({_kind(mode)})", name=path))


def _kind(mode: int) -> str:
    """What a non-regular file is, in the words of ``ls -l``'s first column."""
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a directory" if stat.S_ISDIR(mode) else "not a file"


def _listing_error(exc: OSError, where: str) -> Item:
    name = exc.filename if isinstance(exc.filename, str) else where
    return _error_item(name, _os_error(exc, name))


def iter_inputs(
    paths: Iterable[str | os.PathLike[str]],
    *,
    glob: str = DEFAULT_GLOB,
    max_bytes: int | None = MAX_BYTES,
) -> Iterator[Item]:
    """Every input under ``paths``, lazily, in a deterministic order.

    A folder is walked recursively for files whose name matches ``glob``
    (the path relative to the folder when ``glob`` contains ``/``); a
    ``.jsonl``/``.ndjson`` file gives one input per non-blank line; any
    other path is one input, even when it does not exist, so that a missing
    file listed explicitly becomes an error record instead of vanishing.
    A JSONL line longer than ``max_bytes`` becomes an error item without
    being held in memory (files are checked when they are read).  A folder
    in which nothing matches ``glob`` is an error item too: a typo in a
    glob must not pass for an empty corpus.
    """
    for raw in paths:
        path = os.fspath(raw)
        if not os.path.isdir(path):
            yield from _file_items(path, max_bytes)
            continue
        matched = False
        for found in walk_files(path, glob):
            matched = True
            if isinstance(found, Item):
                yield found
            else:
                yield from _file_items(found, max_bytes)
        if not matched:
            yield _error_item(path, InputNotFoundError(f"no file matches {glob}", name=path))


def file_items(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Item]:
    """One input per path, exactly as given: the FILEs of ``outline``, ``parse`` and the rest.

    Unlike :func:`iter_inputs` nothing is expanded, so a FILE means the same
    whether it is given alone or with others: a ``.jsonl`` file is one
    document, a folder is an error (``is a directory``) when it is read.
    """
    for raw in paths:
        path = os.fspath(raw)
        yield Item(key=path, path=path)


def listed_items(
    handle: IO[bytes], name: str, *, max_bytes: int | None = MAX_BYTES
) -> Iterator[Item]:
    """The inputs listed one a line in ``handle`` (``--files-from``), lazily, in order.

    A line whose first non-blank character is ``{`` is a JSONL record (keyed
    ``name:LINE``, read like a line of a ``.jsonl`` file); any other line is
    the path of one file, the line ending removed and nothing else, so that a
    name may hold spaces (write ``./{x}.txt`` for a file whose name starts
    with ``{``).  Blank lines are skipped; names that are not UTF-8 are kept
    as their bytes (``os.fsdecode``).
    """
    for item in _line_items(handle, name, max_bytes):
        line = item.line
        if line is None or line.lstrip().startswith(b"{"):
            yield item  # a record, or an overlong line's error
            continue
        path = os.fsdecode(line.rstrip(b"\r\n"))
        yield Item(key=path, path=path)


def read_listing(path: str, *, max_bytes: int | None = MAX_BYTES) -> Iterator[Item]:
    """:func:`listed_items` of the file ``path``, opened now (records keyed ``path:LINE``).

    Opened before the first item is asked for, so that a missing or
    unreadable list is one error before anything is written, not a record.
    """
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by _closing_items when it ends
    except OSError as exc:
        raise _os_error(exc, path) from None
    return _closing_items(handle, path, max_bytes)


def _closing_items(handle: IO[bytes], name: str, max_bytes: int | None) -> Iterator[Item]:
    with handle:
        yield from listed_items(handle, name, max_bytes=max_bytes)


def known_count(paths: Iterable[str | os.PathLike[str]]) -> int | None:
    """How many inputs ``paths`` hold, when that is known without reading them (for a progress bar).

    Known when every path is one input: not a folder (walked lazily) and not
    a ``.jsonl`` file (a line each).  None otherwise.
    """
    count = 0
    for raw in paths:
        path = os.fspath(raw)
        if _is_jsonl(path) or os.path.isdir(path):
            return None
        count += 1
    return count


def text_key(text: str) -> str:
    """The ``input`` of a document given as bare text: its content hash."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8)
    return f"text:{digest.hexdigest()}"


# -- one input → one line -------------------------------------------------------


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _jsonl_object(item: Item, line: bytes) -> dict[str, Any]:
    """The JSON object on a JSONL line; every way a line can be wrong is a one-line error."""
    try:
        obj = json.loads(line)
    except UnicodeDecodeError:
        raise DecodeError("JSONL line is not UTF-8", name=item.key) from None
    except json.JSONDecodeError as exc:
        raise JSONLError(f"not JSON ({exc.msg} at column {exc.colno})", name=item.key) from None
    if not isinstance(obj, dict):
        raise JSONLError("not a JSON object", name=item.key)
    return obj


def _jsonl_id(item: Item, obj: dict[str, Any], options: RecordOptions) -> str | None:
    raw_id = obj.get(options.id_field)
    if raw_id is None or isinstance(raw_id, str):
        return raw_id
    if isinstance(raw_id, int) and not isinstance(raw_id, bool):
        return str(raw_id)
    raise JSONLError(f'"{options.id_field}" is neither a string nor an integer', name=item.key)


def _jsonl_text(item: Item, obj: dict[str, Any], options: RecordOptions) -> str:
    text = obj.get(options.text_field)
    if not isinstance(text, str):
        what = "missing" if text is None else "not a string"
        raise JSONLError(f'"{options.text_field}" field is {what}', name=item.key)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:  # json.loads accepts a lone "\ud800" escape
            raise DecodeError(
                f"text holds a lone surrogate at character {exc.start}", name=item.key
            ) from None
    return text


def _body(doc: Document, doc_id: str, options: RecordOptions) -> list[bytes] | dict[str, Any]:
    """The record's fields after ``input`` and ``id``, as UTF-8 pieces of one line.

    Bytes, not text: pydantic-core's JSON is UTF-8 already, and a ``str`` of a
    large document's JSON (twice its size for Chinese text), copied by each
    concatenation, was most of a record's peak memory.  The pieces are joined
    once, into the line (benchmarks/memory.py).  An outline comes back as
    its dict, encoded once the document is let go (:func:`_pieces`).
    """
    if options.format == "outline":
        return doc.outline()
    if options.format == "document":
        exclude = None if options.source else {"source"}
        return [b'"document":', doc.__pydantic_serializer__.to_json(doc, exclude=exclude)]
    if options.format in ("text", "markdown", "source"):
        rendered = {"text": doc.to_text, "markdown": doc.to_markdown, "source": doc.to_source}
        return [f'"{options.format}":'.encode(), _encode(_dumps(rendered[options.format]()))]
    title = doc.title.text if doc.title is not None else None
    pieces = [b'"title":', _encode(_dumps(title)), b',"chunks":[']
    chunks = iter_chunks(
        doc,
        max_chars=options.max_chars,
        overlap=options.overlap,
        min_chars=options.min_chars,
        merge_siblings=options.merge_siblings,
        keep_empty=options.keep_empty,
        doc_id=doc_id,
    )
    for k, chunk in enumerate(chunks):
        data = chunk.__pydantic_serializer__.to_json(chunk)
        if options.embed_text:
            embed = _encode(',"embed_text":' + _dumps(chunk.contextualize()) + "}")
            data = data[:-1] + embed
        pieces.append(data if k == 0 else b"," + data)
    pieces.append(b"]")
    return pieces


def _pieces(body: list[bytes] | dict[str, Any]) -> list[bytes]:
    """A record body as UTF-8 pieces (an outline dict is encoded here)."""
    if isinstance(body, dict):
        return [b'"outline":', _encode(_dumps(body))]
    return body


def _one_line(message: str) -> str:
    return " ".join(message.split())


class _Known:
    """The caller's id of an input, once known (a JSONL line's id field), even if parsing fails."""

    __slots__ = ("id",)

    def __init__(self, doc_id: str | None) -> None:
        self.id = doc_id


def known_id(item: Item) -> _Known:
    """Where :func:`load_item` puts the caller's id of ``item`` as soon as it is read.

    Read it after a failure too: an error for a JSONL line names the line's id.
    """
    return _Known(item.id)


def load_item(item: Item, options: RecordOptions, known: _Known | None = None) -> Document:
    """Parse one input into its :class:`Document`: the one place an :class:`Item` is read.

    Batch records (:func:`render_line`) and :func:`speechparse.parse_many`
    both come through here, so a path, a JSONL line and a text are read the
    same way on every path.  Raises :class:`SpeechParseError` for a bad input;
    ``known.id`` is set to a JSONL line's id as soon as it is read.
    """
    if item.error is not None:
        raise SpeechParseError(item.error[1])  # render_line records it under its own type
    if item.path is not None:
        return parse_file(
            item.path,
            unmask=options.unmask,
            max_bytes=options.max_bytes,
            encoding=options.encoding,
            errors=options.errors,
        )
    if item.line is not None:
        obj = _jsonl_object(item, item.line)
        doc_id = _jsonl_id(item, obj, options)
        if known is not None:
            known.id = doc_id  # known from here on, also in an error record
        text = _jsonl_text(item, obj, options)
        return parse_text(text, encoding="utf-8", name=item.key, unmask=options.unmask)
    if item.text is not None:
        return parse_text(item.text, name=item.key, unmask=options.unmask)
    raise JSONLError("input has neither path, line nor text", name=item.key)


def render_line(item: Item, options: RecordOptions) -> tuple[bytes, bool]:
    """The UTF-8 record line for one input (newline included) and whether it is an error.

    Never raises for a bad input: any exception becomes an error record, so
    one strange file cannot stop a run over a million.
    """
    if item.error is not None:
        kind, message = item.error
        return _error_line(item.key, None, kind, message), True
    known = _Known(item.id)
    try:
        doc = load_item(item, options, known)
        doc_id = known.id if known.id is not None else document_id(doc)
        head = _encode('{"input":' + _dumps(item.key) + ',"id":' + _dumps(doc_id) + ",")
        body = _body(doc, doc_id, options)
        del doc  # what the record holds is in ``body``: the tree can go before the line is made
        return b"".join([head, *_pieces(body), b"}\n"]), False
    except SpeechParseError as exc:
        return _error_line(item.key, known.id, exc.record_type, str(exc)), True
    except Exception as exc:  # a bug on one input must not end the run
        message = f"{item.key}: {_one_line(str(exc)) or 'failed'}"
        return _error_line(item.key, known.id, type(exc).__name__, message), True


def _error_line(key: str, doc_id: str | None, kind: str, message: str) -> bytes:
    record: dict[str, Any] = {"input": key}
    if doc_id is not None:
        record["id"] = doc_id
    record["error"] = _one_line(message)
    record["error_type"] = kind
    return _encode(_dumps(record) + "\n")


def _encode(line: str) -> bytes:
    """UTF-8 bytes of a JSON line; a lone surrogate becomes its JSON escape.

    File names that are not valid UTF-8 reach Python as lone surrogates
    (surrogateescape).  Outside JSON strings a line is ASCII, so
    ``backslashreplace`` can only ever write ``\\udcXX`` inside a string,
    which is the JSON escape that reads back as the same name.
    """
    return line.encode("utf-8", "backslashreplace")


def render_record(item: Item, options: RecordOptions | None = None) -> str:
    """One input as one JSON record (no trailing newline): the unit every path shares."""
    line, _ = render_line(item, options or RecordOptions())
    return line[:-1].decode("utf-8")


# -- running in order, in parallel ------------------------------------------------


@dataclass(slots=True)
class Block:
    """Finished records of consecutive inputs, in order: bytes in memory or a shard file."""

    items: list[Item]
    errors: int
    data: bytes | None = None
    shard: str | None = None
    values: list[Any] | None = None
    """What the task function made of each item (:func:`iter_values`)."""

    @property
    def count(self) -> int:
        return len(self.items)

    def copy_to(self, out: IO[bytes]) -> None:
        """Append the records to ``out`` without splitting them into lines."""
        if self.data is not None:
            out.write(self.data)
        elif self.shard is not None:
            with open(self.shard, "rb") as f:
                shutil.copyfileobj(f, out, 1 << 20)

    def lines(self) -> Iterator[bytes]:
        """The records one by one, each with its newline."""
        if self.data is not None:
            yield from self.data.splitlines(keepends=True)
        elif self.shard is not None:
            with open(self.shard, "rb") as f:
                yield from f


def _tasks(items: Iterator[Item]) -> Iterator[list[Item]]:
    task: list[Item] = []
    size = 0
    for item in items:
        task.append(item)
        size += item.size()
        if len(task) >= TASK_ITEMS or size >= TASK_BYTES:
            yield task
            task, size = [], 0
    if task:
        yield task


def _pipe_task(items: list[Item], options: RecordOptions) -> tuple[bytes, int]:
    out = bytearray()
    errors = 0
    for item in items:
        line, failed = render_line(item, options)
        out += line
        errors += failed
    return bytes(out), errors


def _document_task(items: list[Item], options: RecordOptions) -> tuple[list[Any], int]:
    values = [_document_or_error(item, options) for item in items]
    return values, sum(isinstance(v, SpeechParseError) for v in values)


def _document_or_error(item: Item, options: RecordOptions) -> Document | SpeechParseError:
    """One input as a value: its Document, or the error that names it (never raised).

    An exception that is not a :class:`SpeechParseError` (a bug) becomes one
    naming the input and the exception's type, as in a record, so one strange
    file cannot end the iteration and the error always pickles.
    """
    try:
        return load_item(item, options)
    except SpeechParseError as exc:
        return exc
    except Exception as exc:  # a bug on one input must not end the run
        detail = _one_line(str(exc)) or "failed"
        return SpeechParseError(f"{type(exc).__name__}: {detail}", name=item.key)


def _shard_task(items: list[Item], options: RecordOptions, shard: str) -> int:
    errors = 0
    with open(shard, "wb") as f:
        for item in items:
            line, failed = render_line(item, options)
            f.write(line)
            errors += failed
    return errors


_PR_SET_PDEATHSIG = 1


def _init_worker() -> None:
    """Leave Ctrl-C to the parent, and die with it.

    A parent killed with SIGKILL cannot stop its workers, and a forked worker
    holds both ends of the task pipe, so it would wait forever; on Linux the
    kernel kills it instead (PR_SET_PDEATHSIG).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _context() -> multiprocessing.context.BaseContext:
    """fork when it is safe (no other threads), so workers inherit the compiled parser.

    Forking a process that runs threads (a Dask client, a web server) can
    copy a held lock; then forkserver, whose workers start from a clean
    single-threaded server and compile the parser once each.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _serial(items: Iterator[Item], options: RecordOptions) -> Generator[Block, None, None]:
    for item in items:
        line, failed = render_line(item, options)
        yield Block([item], int(failed), data=line)


def _serial_values(
    items: Iterator[Item], options: RecordOptions, work: Work
) -> Generator[Block, None, None]:
    for item in items:
        values, errors = work([item], options)
        yield Block([item], errors, values=values)


def _parallel(  # noqa: PLR0917 - private; every caller passes all of them
    items: Iterator[Item],
    options: RecordOptions,
    jobs: int,
    transport: _Mode,
    tmp: str | None,
    work: Work = _document_task,
) -> Generator[Block, None, None]:
    ctx = _context()
    forks = ctx.get_start_method() == "fork"
    # A caller that froze objects itself keeps its own freeze: unfreeze() at
    # the end would thaw everything, so only a run that froze nothing freezes.
    frozen = forks and gc.get_freeze_count() == 0
    if forks:
        _parser()  # compiled once here, inherited by every worker
    if frozen:
        # Inherited objects move to the permanent generation: a worker's
        # collections neither traverse them nor write their headers, so their
        # pages stay shared instead of being copied (CPU spent in page faults).
        gc.freeze()
    _remove_stale_shards(tmp)
    shard_dir = tempfile.mkdtemp(prefix=f"{SHARD_PREFIX}{os.getpid()}-", dir=tmp)
    window: deque[tuple[list[Item], str, Future[Any]]] = deque()
    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker)
    first = 0

    def dead(task: list[Item]) -> BatchError:
        last = first + len(task) - 1
        return BatchError(
            f"a worker process died while parsing inputs {first}..{last} "
            f"(from {task[0].key}); the output is complete up to there, rerun with resume"
        )

    def finish() -> Block:
        task, shard, future = window.popleft()
        try:
            result = future.result()
        except BrokenProcessPool:
            raise dead(task) from None
        if transport == "pipe":
            data, errors = result
            return Block(task, errors, data=data)
        if transport == "values":
            values, errors = result
            return Block(task, errors, values=values)
        return Block(task, result, shard=shard)

    try:
        for n, task in enumerate(_tasks(items)):
            shard = os.path.join(shard_dir, f"{n:012d}.jsonl")
            future: Future[Any]
            try:
                if transport == "pipe":
                    future = pool.submit(_pipe_task, task, options)
                elif transport == "values":
                    future = pool.submit(work, task, options)
                else:
                    future = pool.submit(_shard_task, task, options, shard)
            except BrokenProcessPool:  # a worker died between two results
                raise dead(window[0][0] if window else task) from None
            window.append((task, shard, future))
            if len(window) >= TASKS_PER_JOB * jobs:
                block = finish()
                yield block
                first += block.count
                _unlink(shard=block.shard)
        while window:
            block = finish()
            yield block
            first += block.count
            _unlink(shard=block.shard)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(shard_dir, ignore_errors=True)
        if frozen:
            gc.unfreeze()


SHARD_PREFIX = ".speechparse-shards-"
"""Shard folders are named ``{SHARD_PREFIX}{pid}-{random}`` beside the output."""


def _remove_stale_shards(folder: str | None) -> None:
    """Delete shard folders left by a run that was killed (its process no longer exists)."""
    if folder is None:
        return
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not (entry.name.startswith(SHARD_PREFIX) and entry.is_dir()):
                continue
            pid = entry.name[len(SHARD_PREFIX) :].split("-", 1)[0]
            if pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(entry.path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, but belongs to someone else
    return True


def _unlink(*, shard: str | None) -> None:
    if shard is not None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(shard)


def iter_records(
    items: Iterable[Item],
    options: RecordOptions | None = None,
    *,
    jobs: int = 1,
    transport: Transport = "shard",
    tmp_dir: str | os.PathLike[str] | None = None,
) -> Generator[Block, None, None]:
    """Render ``items`` in order, ``jobs`` processes at a time, as blocks of records.

    ``jobs=1`` parses in this process.  With more, at most
    ``TASKS_PER_JOB * jobs`` tasks are in flight, so memory depends on the
    task size, never on the number of inputs.  Shard files go to ``tmp_dir``
    (the system's temporary folder by default; :func:`run_batch` uses the
    output's folder) and are deleted once their block has been consumed.
    """
    options = options or RecordOptions()
    it = iter(items)
    if jobs <= 1:
        return _serial(it, options)
    tmp = os.fspath(tmp_dir) if tmp_dir is not None else None
    return _parallel(it, options, jobs, transport, tmp)


def iter_documents(
    items: Iterable[Item], options: RecordOptions | None = None, *, jobs: int = 1
) -> Iterator[tuple[Item, Document | SpeechParseError]]:
    """Each input with its :class:`Document` or its error, in input order, ``jobs`` at a time.

    :func:`iter_values` with the documents themselves as the values
    (pickled back from the workers); ``options.format`` is not used.  A bad
    input is a value, never raised.
    """
    return iter_values(items, options or RecordOptions(), _document_task, jobs=jobs)


def iter_values(
    items: Iterable[Item], options: RecordOptions, work: Work, *, jobs: int = 1
) -> Iterator[tuple[Item, Any]]:
    """Each input with what ``work`` made of it, in input order, ``jobs`` processes at a time.

    The same engine as :func:`iter_records` (tasks, in-flight window, a dead
    worker reported as :class:`BatchError`), but workers send back ``work``'s
    values (pickled) instead of rendered records: the documents of
    :func:`iter_documents`, the table rows of :mod:`speechparse.apps.columns`.
    ``work`` must never raise for a bad input: its failures are values.
    """
    it = iter(items)
    blocks = (
        _serial_values(it, options, work)
        if jobs <= 1
        else _parallel(it, options, jobs, "values", None, work)
    )
    with contextlib.closing(blocks):
        for block in blocks:
            yield from zip(block.items, block.values or (), strict=True)


# -- the whole run ---------------------------------------------------------------


def run_batch(
    paths: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str] | IO[bytes],
    options: RecordOptions | None = None,
    *,
    jobs: int = 1,
    glob: str = DEFAULT_GLOB,
    resume: bool = False,
    transport: Transport = "shard",
    progress: Callable[[int, int], None] | None = None,
    on_error: Callable[[dict[str, Any]], None] | None = None,
) -> BatchStats:
    """Parse every input under ``paths`` into JSON Lines at ``out``, one line per input.

    ``out`` is a path or a binary stream.  A path is checked first (never an
    input, never inside an input folder: :func:`speechparse.apps.output.check_output`);
    the records go to ``OUT.partial``, renamed onto ``out`` when the run is
    complete.  ``progress(records, errors)`` is called with increments after
    each block, ``on_error(record)`` with each error record.  With
    ``resume=True`` the ``.partial`` of a killed run (or a finished ``out``)
    is continued: a partial last line is cut off, and as many inputs are
    skipped as it holds complete lines.  ``OUT.run.json`` records the paths, glob and
    options; a resume with any of them changed, or with a record that does
    not name the input at its place, raises :class:`BatchError`
    (:mod:`speechparse.apps.resume`).  A failed write raises
    :class:`~speechparse.errors.OutputError`.
    """
    started = time.perf_counter()
    options = options or RecordOptions()
    given = [os.fspath(p) for p in paths]
    skipped = 0
    drain = functools.partial(
        _drain,
        options=options,
        jobs=jobs,
        transport=transport,
        progress=progress,
        on_error=on_error,
    )
    if isinstance(out, str | os.PathLike):
        target = Path(out)
        check_output(target, given)
        items = iter_inputs(given, glob=glob, max_bytes=options.max_bytes)
        work = partial_path(target)
        if is_special(target) or (resume and not work.exists() and target.exists()):
            # A device or FIFO (/dev/stdout) is written as it is, never replaced;
            # a finished run (or one from before .partial files) is continued in place.
            work = target
        continuing = resume and work.exists()
        info = run_info(given, glob, options)
        if continuing:
            skipped = resume_records(work, target, items, info)
        if work != target:
            write_run(target, info)
        try:
            with open(work, "ab" if continuing else "wb") as stream:
                records, errors = drain(items, stream=stream, tmp_dir=target.parent)
        except SpeechParseError:
            raise  # some are OSErrors too, and none of them is a write error
        except OSError as exc:
            raise write_error(exc, str(work)) from None
        if work != target:
            finish(work, target)
    else:
        if resume:
            raise BatchError("resume needs an output file, not a stream")
        items = iter_inputs(given, glob=glob, max_bytes=options.max_bytes)
        return write_records(
            items,
            out,
            options,
            jobs=jobs,
            transport=transport,
            progress=progress,
            on_error=on_error,
        )
    return BatchStats(records, errors, skipped, time.perf_counter() - started)


def write_records(
    items: Iterable[Item],
    out: IO[bytes],
    options: RecordOptions | None = None,
    *,
    jobs: int = 1,
    transport: Transport = "shard",
    progress: Callable[[int, int], None] | None = None,
    on_error: Callable[[dict[str, Any]], None] | None = None,
) -> BatchStats:
    """Write one record line per item to the stream ``out``, in order: ``batch -o -``.

    Also what ``outline``, ``parse``, ``render`` and ``chunks`` print for
    several FILEs, so their lines are byte for byte those of ``batch``.  A
    failed write raises :class:`~speechparse.errors.OutputError` (a closed
    pipe is left to the caller as :class:`BrokenPipeError`).
    """
    started = time.perf_counter()
    try:
        records, errors = _drain(
            iter(items),
            stream=out,
            options=options or RecordOptions(),
            jobs=jobs,
            transport=transport,
            tmp_dir=None,
            progress=progress,
            on_error=on_error,
        )
    except (BrokenPipeError, SpeechParseError):
        raise  # some SpeechParseErrors are OSErrors too (a dead worker's is not a write error)
    except OSError as exc:
        raise write_error(exc, "<stdout>") from None
    return BatchStats(records, errors, 0, time.perf_counter() - started)


def _drain(
    items: Iterator[Item],
    *,
    stream: IO[bytes],
    options: RecordOptions,
    jobs: int,
    transport: Transport,
    tmp_dir: Path | None,
    progress: Callable[[int, int], None] | None,
    on_error: Callable[[dict[str, Any]], None] | None,
) -> tuple[int, int]:
    records = errors = 0
    blocks = iter_records(items, options, jobs=jobs, transport=transport, tmp_dir=tmp_dir)
    with contextlib.closing(blocks):
        for block in blocks:
            block.copy_to(stream)
            stream.flush()
            if block.errors and on_error is not None:
                for line in block.lines():
                    record = json.loads(line)
                    if "error_type" in record:
                        on_error(record)
            records += block.count
            errors += block.errors
            if progress is not None:
                progress(block.count, block.errors)
    return records, errors

"""Documents and chunks as table rows: the one schema Parquet, pandas and Dask share.

Data pipelines want columns, not a tree: one row per document (its title,
headings, clean text and outline) or one row per chunk (what an index
stores).  The columns are declared here once, as data (:data:`DOCUMENT_COLUMNS`,
:data:`CHUNK_COLUMNS`), and every columnar output is made from them:
``speechparse batch --format parquet`` (:mod:`speechparse.apps.parquet`),
:func:`speechparse.to_dataframe` and the Dask functions
(:func:`speechparse.apps.distributed.parse_table`), so a file gives the same row
on every path and ``pandas.read_parquet`` of the file equals the frame.

A bad input is a row too, with ``error`` and ``error_type`` set and the
parsed columns null, so a table holds one row per input (documents) or at
least one row per input (chunks), in input order.

Rows are plain dicts of Python values; pyarrow (the ``parquet`` extra) is
needed only to turn them into a table, and is imported there.
"""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Literal

from speechparse.errors import MissingExtraError, SpeechParseError
from speechparse.formats import DEFAULT_GLOB
from speechparse.model.document import Document
from speechparse.views.chunks import document_id, iter_chunks

if TYPE_CHECKING:
    import pandas
    import pyarrow

    from speechparse.apps.batch import Item, RecordOptions

__all__ = [
    "CHUNK_COLUMNS",
    "DOCUMENT_COLUMNS",
    "ROWS",
    "Column",
    "Rows",
    "arrow_schema",
    "chunk_rows",
    "document_row",
    "error_row",
    "frame",
    "item_rows",
    "rows_table",
    "rows_worker",
    "to_dataframe",
]

Rows = Literal["documents", "chunks"]
ROWS: tuple[Rows, ...] = ("documents", "chunks")


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its name, its type and what it holds (docs/columns.md lists them)."""

    name: str
    type: Literal["string", "int32", "int64", "list<string>", "list<int32>", "list<span>"]
    doc: str


DOCUMENT_COLUMNS: tuple[Column, ...] = (
    Column("input", "string", "The input as batch names it: path, file.jsonl:LINE or text:HASH."),
    Column("id", "string", "Document id: the JSONL id, else a hash of the source; null if unread."),
    Column("error", "string", "One-line error message when the input failed, else null."),
    Column("error_type", "string", "The error's class name (DecodeError …), else null."),
    Column("format", "string", "What the input was: text, docx, html or pdf."),
    Column("encoding", "string", "The codec the bytes were decoded with."),
    Column("title", "string", "The title line as written, null when the document has none."),
    Column("genre", "string", "The 体裁 before the colon of 体裁：正标题, else null."),
    Column("main_title", "string", "The title after that colon, else null."),
    Column("subtitle", "string", "The ——subtitle under the title, without its dash, else null."),
    Column("headings", "list<string>", "Every section's marker and heading, in document order."),
    Column("heading_levels", "list<int32>", "The level (1–6) of each entry of headings."),
    Column("text", "string", "Clean text: title, headings, paragraphs; no noise, no trailer."),
    Column("chars", "int64", "Characters in the decoded source."),
    Column("diagnostics", "list<string>", "The code of each diagnostic (numbering-gap …)."),
    Column("outline", "string", "The outline JSON, as batch --format outline writes it."),
)
"""One row per input."""

CHUNK_COLUMNS: tuple[Column, ...] = (
    Column("input", "string", "The input as batch names it: path, file.jsonl:LINE or text:HASH."),
    Column("doc_id", "string", "The document's id (as the documents table's id)."),
    Column("id", "string", "The chunk id, {doc_id}:{sections}:{part}; null on an error row."),
    Column("error", "string", "One-line error message when the input failed, else null."),
    Column("error_type", "string", "The error's class name, else null."),
    Column("title", "string", "The document's title line, null when it has none."),
    Column("ordinal", "int32", "Position among the document's chunks, from 0."),
    Column("part", "int32", "Position among the pieces of the same section, from 0."),
    Column("sections", "list<string>", "Addresses (2.1) of the sections whose body it holds."),
    Column("heading_path", "list<string>", "Title, then marker and heading of each section."),
    Column("level", "int32", "Level of the section(s) the text comes from; 0: preamble."),
    Column("numbers", "list<int32>", "Numbers of the sections in heading_path (null: unread)."),
    Column("text", "string", "The chunk's body text."),
    Column("embed_text", "string", "Heading path, then text: what an embedder gets."),
    Column("spans", "list<span>", "Source pieces of the text as [start, end) pairs."),
    Column("char_count", "int32", "len(text), overlap included."),
    Column("overlap_chars", "int32", "Leading characters of text repeated from the piece before."),
)
"""One row per chunk; an input that failed or has no chunk is one row, chunk columns null."""


def _columns(rows: Rows) -> tuple[Column, ...]:
    if rows not in ROWS:
        raise ValueError(f"rows must be documents or chunks, not {rows!r}")
    return DOCUMENT_COLUMNS if rows == "documents" else CHUNK_COLUMNS


def _empty(rows: Rows) -> dict[str, Any]:
    return dict.fromkeys(c.name for c in _columns(rows))


def error_row(rows: Rows, key: str, doc_id: str | None, kind: str, message: str) -> dict[str, Any]:
    """The row of an input that failed: what batch's error record says, the rest null."""
    row = _empty(rows)
    row["input"] = key
    row["doc_id" if rows == "chunks" else "id"] = doc_id
    row["error"] = " ".join(message.split())
    row["error_type"] = kind
    return row


def document_row(doc: Document, key: str, doc_id: str | None = None) -> dict[str, Any]:
    """The documents-table row of ``doc`` (``doc_id`` defaults to the source hash)."""
    title = doc.title
    sections = list(doc.iter_sections())
    return {
        "input": key,
        "id": doc_id if doc_id is not None else document_id(doc),
        "error": None,
        "error_type": None,
        "format": doc.input.format,
        "encoding": doc.encoding,
        "title": title.text if title is not None else None,
        "genre": title.genre if title is not None else None,
        "main_title": title.main if title is not None else None,
        "subtitle": title.subtitle.text if title is not None and title.subtitle else None,
        "headings": [s.marker + s.heading for s in sections],
        "heading_levels": [s.level for s in sections],
        "text": doc.to_text(),
        "chars": len(doc.source),
        "diagnostics": [d.code for d in doc.diagnostics],
        "outline": json.dumps(doc.outline(), ensure_ascii=False, separators=(",", ":")),
    }


def chunk_rows(
    doc: Document, key: str, doc_id: str | None = None, **options: Any
) -> list[dict[str, Any]]:
    """Chunks-table rows of ``doc``, cut by :func:`~speechparse.views.chunks.iter_chunks`.

    A document without a chunk still gives one row (chunk columns null), so
    no input disappears from the table.
    """
    ident = doc_id if doc_id is not None else document_id(doc)
    title = doc.title.text if doc.title is not None else None
    out = [
        {
            "input": key,
            "doc_id": ident,
            "id": chunk.id,
            "error": None,
            "error_type": None,
            "title": title,
            "ordinal": chunk.ordinal,
            "part": chunk.part,
            "sections": list(chunk.sections),
            "heading_path": list(chunk.heading_path),
            "level": chunk.level,
            "numbers": list(chunk.numbers),
            "text": chunk.text,
            "embed_text": chunk.contextualize(),
            "spans": [list(span) for span in chunk.spans],
            "char_count": chunk.char_count,
            "overlap_chars": chunk.overlap_chars,
        }
        for chunk in iter_chunks(doc, doc_id=ident, **options)
    ]
    if not out:
        row = _empty("chunks")
        row.update(input=key, doc_id=ident, title=title)
        out.append(row)
    return out


def _chunk_options(options: RecordOptions) -> dict[str, Any]:
    return {
        "max_chars": options.max_chars,
        "overlap": options.overlap,
        "min_chars": options.min_chars,
        "merge_siblings": options.merge_siblings,
        "keep_empty": options.keep_empty,
    }


def item_rows(
    items: list[Item], options: RecordOptions, rows: Rows = "documents"
) -> tuple[list[list[dict[str, Any]]], int]:
    """The rows of each input (a list per input) and how many inputs failed.

    A worker task of :func:`speechparse.apps.batch.iter_values`: inputs are read
    by :func:`speechparse.apps.batch.load_item`, ids chosen as batch records choose
    them, and any failure is an error row (never raised), as in a record.
    """
    from speechparse.apps.batch import known_id, load_item  # noqa: PLC0415 - batch imports this module

    out: list[list[dict[str, Any]]] = []
    failed = 0
    for item in items:
        if item.error is not None:
            out.append([error_row(rows, item.key, None, *item.error)])
            failed += 1
            continue
        known = known_id(item)
        try:
            doc = load_item(item, options, known)
            ident = known.id if known.id is not None else document_id(doc)
            if rows == "documents":
                out.append([document_row(doc, item.key, ident)])
            else:
                out.append(chunk_rows(doc, item.key, ident, **_chunk_options(options)))
        except SpeechParseError as exc:
            out.append([error_row(rows, item.key, known.id, exc.record_type, str(exc))])
            failed += 1
        except Exception as exc:  # a bug on one input must not end the run
            message = f"{item.key}: {exc}" if str(exc) else f"{item.key}: failed"
            out.append([error_row(rows, item.key, known.id, type(exc).__name__, message)])
            failed += 1
    return out, failed


def rows_worker(rows: Rows) -> partial[tuple[list[list[dict[str, Any]]], int]]:
    """:func:`item_rows` for one table, as a picklable task for the worker pool."""
    _columns(rows)
    return partial(item_rows, rows=rows)


# -- tables ----------------------------------------------------------------------


def _require(module: str) -> Any:
    """The module, or :class:`MissingExtraError` naming the extra (one line in the CLI, exit 8)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(
            f"columnar output needs {module}: pip install 'speechparse[parquet]'"
        ) from None


def arrow_schema(rows: Rows = "documents") -> pyarrow.Schema:
    """The table's pyarrow schema, built from the column declarations."""
    pa = _require("pyarrow")

    def listed(item: Any, size: int = -1) -> Any:
        # Parquet names a list's items "element": naming them so here too makes
        # a table read back from a file equal to the one written.
        return pa.list_(pa.field("element", item), size)

    types = {
        "string": pa.string(),
        "int32": pa.int32(),
        "int64": pa.int64(),
        "list<string>": listed(pa.string()),
        "list<int32>": listed(pa.int32()),
        "list<span>": listed(listed(pa.int64(), 2)),
    }
    fields = [pa.field(c.name, types[c.type], nullable=True) for c in _columns(rows)]
    return pa.schema(fields, metadata={"speechparse.rows": rows})


def rows_table(rows: Iterable[dict[str, Any]], table: Rows = "documents") -> pyarrow.Table:
    """A pyarrow table of ``rows`` in the schema of ``table``."""
    pa = _require("pyarrow")
    return pa.Table.from_pylist(list(rows), schema=arrow_schema(table))


def to_dataframe(
    paths: Iterable[str | os.PathLike[str]],
    *,
    rows: Rows = "documents",
    jobs: int = 1,
    options: RecordOptions | None = None,
    glob: str = DEFAULT_GLOB,
) -> pandas.DataFrame:
    """A pandas DataFrame with a row per document (or per chunk) of the inputs under ``paths``.

    ``paths`` are what ``speechparse batch`` takes (files, folders, .jsonl
    files), read with the same engine (``jobs`` worker processes, input
    order kept, folders walked for ``glob``); ``options`` are batch's
    :class:`~speechparse.apps.batch.RecordOptions` (chunk size, unmask …).  The
    columns and their values are those of ``batch --format parquet`` (the
    frame is made from the same pyarrow table, with the types of
    :func:`frame`), so ``frame(pyarrow.parquet.read_table(OUT))`` equals
    this frame.
    """
    from speechparse.apps.batch import RecordOptions, iter_inputs, iter_values  # noqa: PLC0415

    options = options or RecordOptions()
    items = iter_inputs(paths, glob=glob, max_bytes=options.max_bytes)
    flat: Iterator[dict[str, Any]] = (
        row
        for _, group in iter_values(items, options, rows_worker(rows), jobs=jobs)
        for row in group
    )
    return frame(rows_table(flat, rows))


def frame(table: pyarrow.Table) -> pandas.DataFrame:
    """A table of this module's schema as a pandas DataFrame with the same types everywhere.

    Integers become pandas' nullable ``Int32``/``Int64`` (with NumPy
    integers a single failed input, its counts null, would turn a whole
    column into floats), strings ``string[pyarrow]``, lists Arrow lists
    (``pd.ArrowDtype``; a cell reads as a Python list).  Dask converts
    object columns to strings, lists included, so nothing here is left as
    ``object``: the frames of :func:`to_dataframe` and of
    :func:`speechparse.apps.distributed.parse_table` are equal.
    """
    pa = _require("pyarrow")
    pd = _require("pandas")
    fixed = {
        pa.int32(): pd.Int32Dtype(),
        pa.int64(): pd.Int64Dtype(),
        pa.string(): pd.StringDtype("pyarrow"),
    }

    def mapped(t: Any) -> Any:
        return pd.ArrowDtype(t) if pa.types.is_list(t) else fixed.get(t)

    return table.to_pandas(types_mapper=mapped)

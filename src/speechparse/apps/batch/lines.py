"""One input → one JSON line: the record every batch path writes, byte for byte.

:func:`render_line` is the single function that turns an input into its
line (or its error line); the worker pool (:mod:`.workers`), ``speechparse
batch`` and the Dask path (:mod:`speechparse.apps.distributed`) all call it,
so every path gives byte-identical output.
"""

from __future__ import annotations

import json
from typing import Any

from speechparse.apps.batch.items import Item, RecordOptions
from speechparse.apps.batch.load import _Known, load_item
from speechparse.errors import SpeechParseError
from speechparse.model.document import Document
from speechparse.views.chunks import document_id, iter_chunks


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


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

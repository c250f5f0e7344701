"""Reading one input into its Document: the one place an Item is read.

Batch records (:mod:`.lines`), :func:`speechparse.parse_many` and the table
rows of :mod:`speechparse.apps.columns` all come through :func:`load_item`,
so a path, a JSONL line and a text are read the same way on every path;
the JSONL line is decoded here, in the worker, never in the parent.
"""

from __future__ import annotations

import json
from typing import Any

from speechparse.api import parse_file, parse_text
from speechparse.apps.batch.items import Item, JSONLError, RecordOptions
from speechparse.errors import DecodeError, SpeechParseError
from speechparse.model.document import Document


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

"""Parse a corpus on a Dask cluster: the ``speechparse[dask]`` extra.

For corpora that outgrow one machine.  Every record is made by
:func:`speechparse.apps.batch.render_record`, the function ``speechparse batch``
uses, so the same inputs give byte-identical lines on a laptop and on a
cluster; only the scheduling differs.

Dask has no type annotations, hence the ``cast`` and ``type: ignore`` on
its calls.  It is imported inside the functions, never at module import, so that
``import speechparse`` never needs it and a missing extra is one clear
error at the call.  Worker processes need speechparse installed (the same
version) and, for path inputs, the files at the same paths: use absolute
paths on a shared file system.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import IO, TYPE_CHECKING, Any, Literal, cast

from speechparse.apps.batch import (
    Format,
    Item,
    RecordOptions,
    iter_inputs,
    render_line,
    text_key,
    walk_files,
)
from speechparse.apps.columns import Rows, frame, item_rows, rows_table
from speechparse.formats import DEFAULT_GLOB

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe

__all__ = ["inputs_bag", "parse_bag", "parse_dataframe", "parse_table", "write_jsonl"]

Kind = Literal["paths", "texts", "records"]


def _require_dask() -> None:
    try:
        import dask.bag  # noqa: F401, PLC0415 - the optional extra is imported on use
    except ImportError:
        raise ImportError(
            "speechparse.apps.distributed needs Dask: pip install 'speechparse[dask]'"
        ) from None


def _record_item(element: Any, options: RecordOptions) -> Item:
    """A dict or JSON line as a JSONL-style item, so it is checked exactly as batch checks lines."""
    if isinstance(element, bytes | str):
        raw = element.encode("utf-8", "surrogatepass") if isinstance(element, str) else element
        try:
            obj = json.loads(raw)
        except ValueError:
            return Item(key="record", line=raw)
    else:
        obj = element
    if not isinstance(obj, dict):
        return Item(key="record", line=json.dumps(obj).encode())
    doc_id = obj.get(options.id_field)
    text = obj.get(options.text_field)
    if doc_id is not None:
        key = str(doc_id)
    elif isinstance(text, str):
        key = text_key(text)
    else:
        key = "record"
    # Only the two fields travel on, so a wide dataframe row does not need to be JSON.
    fields = {options.id_field: doc_id, options.text_field: text}
    line = json.dumps(fields, ensure_ascii=False, default=str).encode("utf-8", "surrogatepass")
    return Item(key=key, line=line)


def _items(
    elements: Iterable[Any], kind: Kind, options: RecordOptions, glob: str
) -> Iterator[Item]:
    for element in elements:
        if isinstance(element, Item):
            yield element
        elif kind == "texts":
            if isinstance(element, str):
                yield Item(key=text_key(element), text=element)
            else:
                message = f"expected document text, got {type(element).__name__}"
                yield Item(key="text", error=("TypeError", message))
        elif kind == "records":
            yield _record_item(element, options)
        else:
            # A folder or a .jsonl path expands right here on the worker, as batch expands it.
            yield from iter_inputs([element], glob=glob, max_bytes=options.max_bytes)


def _render_partition(
    elements: Iterable[Any], kind: Kind, options: RecordOptions, glob: str, as_json: bool
) -> list[Any]:
    out: list[Any] = []
    for item in _items(elements, kind, options, glob):
        line = render_line(item, options)[0][:-1].decode("utf-8")
        out.append(line if as_json else json.loads(line))
    return out


def _rows_partition(
    elements: Iterable[Any], kind: Kind, options: RecordOptions, glob: str, rows: Rows
) -> Any:
    groups, _ = item_rows(list(_items(elements, kind, options, glob)), options, rows)
    return frame(rows_table((row for group in groups for row in group), rows))


def inputs_bag(
    paths: Iterable[str | os.PathLike[str]],
    *,
    glob: str = DEFAULT_GLOB,
    partition_size: int = 256,
) -> dask.bag.Bag:
    """The inputs ``speechparse batch PATH...`` would read, as a bag in the same order.

    Folders are listed here, on the client, so their files spread over many
    partitions; a ``.jsonl`` file stays one element and is read line by line
    by the worker that gets it (split a very large one into several files).
    Give absolute paths when the workers run elsewhere.
    """
    _require_dask()
    import dask.bag as db  # noqa: PLC0415 - optional extra

    elements: list[str | Item] = []
    for raw in paths:
        path = os.fspath(raw)
        if os.path.isdir(path):
            elements.extend(walk_files(path, glob))
        else:
            elements.append(path)
    bag = db.from_sequence(elements, partition_size=partition_size)  # type: ignore[no-untyped-call]
    return cast("dask.bag.Bag", bag)


def parse_bag(
    bag: dask.bag.Bag,
    format: Format = "outline",
    *,
    kind: Kind = "paths",
    glob: str = DEFAULT_GLOB,
    as_json: bool = False,
    **settings: Any,
) -> dask.bag.Bag:
    """Parse every element of ``bag`` into a record, lazily, partition by partition.

    ``kind`` says what the elements are: ``"paths"`` (files, folders or
    .jsonl files, expanded exactly as ``speechparse batch`` expands them),
    ``"texts"`` (document text; the record's ``input`` is ``text:HASH``) or
    ``"records"`` (dicts, or JSON lines as from ``dask.bag.read_text``, with
    the text under ``text_field`` and the id under ``id_field``; ``input`` is
    the id).  :class:`~speechparse.apps.batch.Item` elements are taken as they are.

    The result holds dicts, or with ``as_json=True`` the JSON lines (without
    newline) that ``speechparse batch`` writes, byte for byte.  ``settings``
    are the other :class:`~speechparse.apps.batch.RecordOptions` fields
    (``unmask``, ``source``, ``max_chars``, ``overlap``, ``embed_text``,
    ``text_field``, ``id_field``); ``glob`` picks files from folder elements.
    """
    _require_dask()
    if kind not in ("paths", "texts", "records"):
        raise ValueError(f"kind must be paths, texts or records, not {kind!r}")
    options = replace(RecordOptions(**settings), format=format)
    parsed = bag.map_partitions(_render_partition, kind, options, glob, as_json)  # type: ignore[no-untyped-call]
    return cast("dask.bag.Bag", parsed)


def parse_table(
    bag: dask.bag.Bag,
    rows: Rows = "documents",
    *,
    kind: Kind = "paths",
    glob: str = DEFAULT_GLOB,
    **settings: Any,
) -> dask.dataframe.DataFrame:
    """The table of :mod:`speechparse.apps.columns` for each element of ``bag``, a Dask DataFrame.

    A row per document (or per chunk with ``rows="chunks"``), the columns and
    types of :func:`speechparse.to_dataframe` and ``batch --format parquet``;
    each partition of ``bag`` becomes one partition of the frame, in order
    (``.compute()`` then equals ``to_dataframe`` of the same inputs, up to the
    index, which restarts in every partition).  ``kind``, ``glob`` and
    ``settings`` are those of :func:`parse_bag`.  Write it with
    ``.to_parquet(folder)``.
    """
    _require_dask()
    import dask.dataframe as dd  # noqa: PLC0415 - optional extra

    if kind not in ("paths", "texts", "records"):
        raise ValueError(f"kind must be paths, texts or records, not {kind!r}")
    options = RecordOptions(**settings)
    meta = frame(rows_table([], rows))
    tables = bag.map_partitions(_rows_partition, kind, options, glob, rows)  # type: ignore[no-untyped-call]
    parts = tables.to_delayed()
    return cast("dask.dataframe.DataFrame", dd.from_delayed(parts, meta=meta, verify_meta=False))


def parse_dataframe(
    df: dask.dataframe.DataFrame,
    format: Format = "outline",
    *,
    text_column: str = "text",
    id_column: str | None = "id",
    as_json: bool = False,
    **settings: Any,
) -> dask.bag.Bag:
    """Parse a dataframe with a text column (and optionally an id column), row by row.

    Returns a bag of records in row order (see :func:`parse_bag`); turn it
    back into a dataframe with ``.to_dataframe()`` when the records are
    flat enough for the purpose.
    """
    _require_dask()
    columns = [text_column] if id_column is None else [id_column, text_column]
    rows = df[columns].to_bag(index=False, format="dict")
    # Without an id column, name a field no row has, so every id is None.
    fields = {"text_field": text_column, "id_field": id_column or "\0no id"}
    return parse_bag(rows, format, kind="records", as_json=as_json, **fields, **settings)


def write_jsonl(
    bag: dask.bag.Bag, out: str | os.PathLike[str] | IO[bytes], *, window: int = 8
) -> int:
    """Write a bag of JSON lines (``parse_bag(..., as_json=True)``) to one file, in order.

    Partitions are computed ``window`` at a time on the current scheduler (a
    ``distributed.Client`` when one is active), so the client holds a few
    partitions, never the corpus.  ``bag.to_textfiles("out/*.jsonl",
    name_function=lambda i: f"{i:06d}", last_endline=True)`` is the
    alternative that writes one file per partition from the workers (the
    lines carry no newline: Dask's default would leave each file's last one
    off, and its default names do not sort in partition order).
    Returns the number of lines.
    """
    _require_dask()
    from dask.base import compute  # noqa: PLC0415 - optional extra

    parts = bag.to_delayed()  # type: ignore[no-untyped-call]
    lines = 0
    stream: IO[bytes]
    close = False
    if isinstance(out, str | os.PathLike):
        stream = open(out, "wb")  # noqa: SIM115 - closed in the finally below
        close = True
    else:
        stream = out
    try:
        for start in range(0, len(parts), window):
            for part in compute(*parts[start : start + window]):  # type: ignore[no-untyped-call]
                for line in part:
                    stream.write(line.encode("utf-8") + b"\n")
                    lines += 1
            stream.flush()
    finally:
        if close:
            stream.close()
    return lines

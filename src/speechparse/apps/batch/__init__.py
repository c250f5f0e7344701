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

The package is split by responsibility: :mod:`.items` (what is passed
around), :mod:`.inputs` (listing), :mod:`.load` (reading one input),
:mod:`.lines` (one input → one line), :mod:`.workers` (the pool, in order)
and :mod:`.run` (the whole run into a file or stream).  This module only
re-exports their public names, so ``speechparse.apps.batch.X`` stays the
path to import from.
"""

from __future__ import annotations

from speechparse.apps.batch.inputs import (
    file_items,
    iter_inputs,
    known_count,
    listed_items,
    read_listing,
    text_key,
    walk_files,
)
from speechparse.apps.batch.items import (
    FORMATS,
    BatchStats,
    Item,
    JSONLError,
    RecordOptions,
)
from speechparse.apps.batch.items import JSONL_SUFFIXES as JSONL_SUFFIXES
from speechparse.apps.batch.items import Format as Format
from speechparse.apps.batch.items import Transport as Transport
from speechparse.apps.batch.lines import render_line as render_line
from speechparse.apps.batch.lines import render_record
from speechparse.apps.batch.load import known_id, load_item
from speechparse.apps.batch.run import run_batch, write_records
from speechparse.apps.batch.workers import Block, iter_documents, iter_records, iter_values
from speechparse.errors import BatchError

# The ``X as X`` imports above stay importable from here, as before the split,
# without joining __all__.
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

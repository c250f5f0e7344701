"""``speechparse batch --format parquet``: a table of :mod:`speechparse.apps.columns` in a file.

Rows are made by the batch engine's workers (:func:`speechparse.apps.batch.iter_values`
with :func:`speechparse.apps.columns.item_rows`), in input order, and written a row
group at a time, so memory holds one row group, never the corpus.  As with
JSON Lines the file is written to ``OUT.partial`` and renamed when complete:
a Parquet file without its footer cannot be read, and one that looks whole
must be whole.  Parquet files cannot be appended to, so there is no resume:
a run that stops is started again.

pyarrow is the ``parquet`` extra, imported when a file is written.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from speechparse.apps.batch import BatchStats, RecordOptions, iter_inputs, iter_values
from speechparse.apps.columns import Rows, arrow_schema, rows_table, rows_worker
from speechparse.apps.output import check_output, finish, is_special, partial_path, write_error
from speechparse.errors import BatchError, SpeechParseError
from speechparse.formats import DEFAULT_GLOB

__all__ = ["ROW_GROUP_CHARS", "write_parquet"]

ROW_GROUP_CHARS = 1 << 25
"""A row group is written once its rows hold about this many characters of text
(32 Mi: large enough for Parquet's compression and column statistics, small
enough that the rows waiting in memory stay a few hundred MB at most)."""


def _weight(row: dict[str, Any]) -> int:
    return sum(len(v) for v in (row.get("text"), row.get("outline")) if isinstance(v, str)) + 64


def write_parquet(
    paths: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    options: RecordOptions | None = None,
    *,
    rows: Rows = "documents",
    jobs: int = 1,
    glob: str = DEFAULT_GLOB,
    progress: Callable[[int, int], None] | None = None,
    on_error: Callable[[dict[str, Any]], None] | None = None,
    row_group_chars: int = ROW_GROUP_CHARS,
) -> BatchStats:
    """Write the ``rows`` table of every input under ``paths`` to the Parquet file ``out``.

    The inputs, options, ``jobs``, ``glob``, ``progress`` and ``on_error``
    are :func:`speechparse.apps.batch.run_batch`'s; ``on_error`` gets
    ``{"input", "error", "error_type"}`` of each failed input, which is also
    a row of the table.  The output is checked as batch checks it (never an
    input, never inside an input folder).  A failed write raises
    :class:`~speechparse.errors.OutputError`.
    """
    started = time.perf_counter()
    options = options or RecordOptions()
    given = [os.fspath(p) for p in paths]
    target = Path(out)
    if is_special(target):
        raise BatchError(f"Parquet needs a regular file, not {target}")
    check_output(target, given)
    schema = arrow_schema(rows)  # pyarrow missing: one clear ImportError before any work
    import pyarrow.parquet as pq  # noqa: PLC0415 - the optional extra

    work = partial_path(target)
    records = errors = 0
    pending: list[dict[str, Any]] = []
    weight = 0
    try:
        with pq.ParquetWriter(work, schema) as writer:
            items = iter_inputs(given, glob=glob, max_bytes=options.max_bytes)
            for _, group in iter_values(items, options, rows_worker(rows), jobs=jobs):
                failed = group[0]["error_type"] is not None
                records += 1
                errors += failed
                if failed and on_error is not None:
                    row = group[0]
                    on_error({k: row[k] for k in ("input", "error", "error_type")})
                pending.extend(group)
                weight += sum(_weight(r) for r in group)
                if weight >= row_group_chars:
                    writer.write_table(rows_table(pending, rows))
                    pending, weight = [], 0
                if progress is not None:
                    progress(1, int(failed))
            if pending or not records:
                writer.write_table(rows_table(pending, rows))
    except BaseException as exc:
        with contextlib.suppress(OSError):
            work.unlink()  # half a Parquet file (no footer) is of no use to anyone
        if isinstance(exc, OSError) and not isinstance(exc, SpeechParseError):
            raise write_error(exc, str(work)) from None
        raise
    finish(work, target)
    return BatchStats(records, errors, 0, time.perf_counter() - started)

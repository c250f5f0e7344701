"""The whole run: every input under some paths into one JSON Lines file or stream.

Where the engine meets the output: a path is checked (never an input),
written to ``OUT.partial`` and renamed when complete, with ``OUT.run.json``
beside it so that ``resume`` (:mod:`speechparse.apps.resume`) can continue a
killed run exactly; a stream gets the same lines as they come.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from speechparse.apps.batch.inputs import iter_inputs
from speechparse.apps.batch.items import BatchStats, Item, RecordOptions, Transport
from speechparse.apps.batch.workers import iter_records
from speechparse.apps.output import check_output, finish, is_special, partial_path, write_error
from speechparse.apps.resume import resume as resume_records
from speechparse.apps.resume import run_info, write_run
from speechparse.errors import BatchError, SpeechParseError
from speechparse.formats import DEFAULT_GLOB


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

"""Running inputs in order, in parallel: tasks, the worker pool, the in-flight window.

Each task is a run of consecutive inputs; at most ``TASKS_PER_JOB * jobs``
tasks are in flight, so memory depends on the task size, never on the
number of inputs.  Workers write their records to shard files (or send
them, or other values, back through the pool's pipe) and the parent hands
out finished blocks in input order, whatever ``jobs`` is.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import IO, Any, Literal

from speechparse.api import _parser
from speechparse.apps.batch.items import Item, RecordOptions, Transport
from speechparse.apps.batch.lines import _one_line, render_line
from speechparse.apps.batch.load import load_item
from speechparse.errors import BatchError, SpeechParseError
from speechparse.model.document import Document

_Mode = Literal["shard", "pipe", "values"]
"""What a worker sends back: ``values`` (for :func:`iter_values`) pickles what
the task function made of each input (a Document or error, table rows)
instead of rendering a record."""

Work = Callable[[list["Item"], "RecordOptions"], tuple[list[Any], int]]
"""A task function for :func:`iter_values`: one value per input, and how many
inputs failed.  Module-level (or a ``functools.partial`` of one), so it pickles
to the workers."""

TASK_ITEMS = 64
"""Inputs per task: enough that process overhead is small against parsing them."""
TASK_BYTES = 1 << 20
"""A task closes early once its inputs hold this many bytes: a task's rendered
output (about three times its input for ``document``) is held whole in the
worker and in the parent with ``transport="pipe"``."""
TASKS_PER_JOB = 2
"""Tasks in flight per worker: one running, one queued so the worker never waits."""


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

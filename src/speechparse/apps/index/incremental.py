"""Indexing files and JSONL incrementally: skip what is unchanged, replace, remove.

A run over a large corpus after a few edits should cost what the edits
cost; this module decides, file by file, from a ``stat`` and when needed a
SHA-256, what is parsed again, feeds the rest through the batch machinery
of :mod:`speechparse.apps.batch`, and compacts the index after a large run.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from speechparse.apps.batch import (
    JSONL_SUFFIXES,
    Block,
    Item,
    RecordOptions,
    iter_inputs,
    iter_records,
)
from speechparse.apps.index.database import Index
from speechparse.apps.index.schema import BUSY_SECONDS, _db_error
from speechparse.apps.index.writing import FileState
from speechparse.formats import DEFAULT_GLOB

COMPACT_SHARE = 0.25
"""An index run that stored at least this share of the index's chunks compacts it after."""

COMMIT_EVERY = 200
"""Documents per transaction: fewer commits are faster, a smaller batch loses less on a crash."""


@dataclass(frozen=True, slots=True)
class IndexStats:
    """What an indexing run did.

    ``documents`` (= ``added + replaced``) and ``chunks`` count what was
    parsed and stored in this run; ``unchanged`` files were skipped and
    ``removed`` documents were dropped because their files are gone.
    """

    documents: int
    chunks: int
    errors: int
    seconds: float
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    removed: int = 0


RACY_NS = 2_000_000_000
"""A file modified less than this before it was looked at has its mtime stored as -1.

File systems stamp mtimes from a clock that ticks coarsely (a few ms on
Linux, 2 s on FAT), so a write just after the ``stat`` can leave size and
mtime as they were; such a file is hashed again on the next run instead of
being trusted by its stat (git's "racily clean" entries).
"""

HASH_BLOCK = 1 << 20
"""Bytes read at a time when hashing a file, so a large file is never held whole."""


def _sha256(path: str) -> str | None:
    """The file's SHA-256, or None when it cannot be read (the worker then reports why)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            while block := f.read(HASH_BLOCK):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def _doc_key(item: Item, record: dict[str, Any]) -> tuple[str, str]:
    """(id in the index, path shown) for an input and its record."""
    if item.line is not None:
        file, _, line = item.key.rpartition(":")
        return str(record["id"]), f"{os.path.abspath(file)}:{line}"
    if item.path is not None:
        path = os.path.abspath(item.path)
        return path, path
    return str(record["id"]), item.key


def _storable(*texts: str) -> bool:
    """SQLite holds UTF-8 only: a file name that is not UTF-8 (lone surrogates) cannot be stored."""
    try:
        for text in texts:
            text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _name_error(item: Item) -> dict[str, Any]:
    """The error record of an input whose name cannot be stored; the run goes on."""
    name = item.key.encode("utf-8", "backslashreplace").decode("utf-8")
    return {
        "input": name,
        "error": f"{name}: file name is not UTF-8, so it cannot be stored in the index",
        "error_type": "DecodeError",
    }


def _records(blocks: Iterable[Block]) -> Iterator[tuple[Item, dict[str, Any]]]:
    for block in blocks:
        for item, line in zip(block.items, block.lines(), strict=True):
            yield item, json.loads(line)


def _settings(options: RecordOptions) -> str:
    """The options that change a file's chunks, as stored text: other options mean re-index."""
    return json.dumps(
        [options.unmask, options.max_chars, options.overlap, options.encoding, options.errors],
        separators=(",", ":"),
    )


@dataclass(slots=True)
class _Run:
    """The bookkeeping of an incremental run: what was skipped, and the state of what was not."""

    index: Index
    settings: str
    progress: Callable[[int, int], None] | None
    unchanged: int = 0
    touched: int = 0
    states: dict[str, FileState] = field(default_factory=dict)
    """The state of each file sent to be parsed, by input key, stored when its record comes."""
    seen: set[str] = field(default_factory=set)
    """Ids skipped or indexed in this run: present, so not looked for when removing."""

    def changed(self, items: Iterable[Item]) -> Iterator[Item]:
        """The inputs that need parsing: every file whose stored state no longer matches, all JSONL.

        An unchanged file costs one ``stat`` and one lookup; its bytes are
        read only when its size or mtime differ, and then it is parsed only
        when its hash differs too.  Anything that cannot be looked at here
        (no such file, a name SQLite cannot store) goes on for the worker
        to report as it always has.
        """
        for item in items:
            if item.path is None or item.line is not None or item.error is not None:
                yield item
                continue
            doc_id = os.path.abspath(item.path)
            try:
                info = os.stat(item.path)
            except OSError:
                yield item
                continue
            file = os.path.realpath(item.path)
            if not _storable(doc_id, file):
                yield item
                continue
            old = self.index.file_state(doc_id)
            if old is not None and (old.file, old.settings) != (file, self.settings):
                old = None  # a link pointed elsewhere, or other chunk options: index it again
            if old is not None and (old.size, old.mtime_ns) == (info.st_size, info.st_mtime_ns):
                self._skip(doc_id)
                continue
            digest = _sha256(item.path)
            if digest is None:
                yield item
                continue
            mtime = info.st_mtime_ns if time.time_ns() - info.st_mtime_ns >= RACY_NS else -1
            state = FileState(file, info.st_size, mtime, digest, self.settings)
            if old is not None and old.sha256 == digest:
                self.index.touch(doc_id, state)
                self.touched += 1
                self._skip(doc_id)
                continue
            self.states[item.key] = state
            yield item

    def _skip(self, doc_id: str) -> None:
        self.unchanged += 1
        self.seen.add(doc_id)
        if self.progress is not None:
            self.progress(1, 0)

    def remove_missing(self, roots: list[str]) -> int:
        """Drop the documents under ``roots`` whose files no longer exist; how many.

        Only documents under the PATHs of this run, so indexing one folder
        never touches another's; a document still on disk stays even when
        this run did not take it (another ``--glob``, an input that failed).
        """
        removed = 0
        for raw in roots:
            if raw.lower().endswith(JSONL_SUFFIXES):
                continue
            for root in dict.fromkeys((os.path.abspath(raw), os.path.realpath(raw))):
                if not _storable(root):
                    continue
                for doc_id in self.index.under(root):
                    if doc_id in self.seen or os.path.exists(doc_id):
                        continue
                    self.index.remove(doc_id)
                    self.seen.add(doc_id)
                    removed += 1
        return removed


def index_paths(
    paths: Iterable[str | os.PathLike[str]],
    db: str | os.PathLike[str],
    options: RecordOptions | None = None,
    *,
    jobs: int = 1,
    glob: str = DEFAULT_GLOB,
    progress: Callable[[int, int], None] | None = None,
    on_error: Callable[[dict[str, Any]], None] | None = None,
    busy_seconds: float = BUSY_SECONDS,
    rebuild: bool = False,
    short_terms: bool = False,
) -> IndexStats:
    """Parse and chunk every input under ``paths`` into the index at ``db``, incrementally.

    Inputs are found as for :func:`speechparse.apps.batch.run_batch`.  A file
    indexed before is skipped while its size and mtime (or, when those
    changed, its SHA-256) and the chunk options are the same, and replaced
    otherwise; a document under ``paths`` whose file is gone is removed.
    JSONL records are indexed every run, replacing the same id.  A bad
    input is passed to ``on_error`` as its error record and skipped; the
    run goes on (so is a file name that is not UTF-8).  Another process
    writing the same database is waited for up to ``busy_seconds``; then,
    as for a full disk, one :class:`IndexDatabaseError`.  ``rebuild=True``
    empties the database first (the way to move an index of an older
    schema, or to start over); ``short_terms`` is accepted and does nothing
    (every index answers one- and two-character terms).
    """
    started = time.perf_counter()
    roots = [os.fspath(p) for p in paths]
    base = options or RecordOptions()
    options = RecordOptions(
        format="chunks",
        unmask=base.unmask,
        max_chars=base.max_chars,
        overlap=base.overlap,
        text_field=base.text_field,
        id_field=base.id_field,
        max_bytes=base.max_bytes,
        encoding=base.encoding,
        errors=base.errors,
    )
    added = replaced = chunks = errors = pending = removed = 0
    tmp = Path(db).resolve().parent
    try:
        with Index(
            db, busy_seconds=busy_seconds, rebuild=rebuild, short_terms=short_terms
        ) as index:
            run = _Run(index, _settings(options), progress)
            items = run.changed(iter_inputs(roots, glob=glob, max_bytes=options.max_bytes))
            blocks = iter_records(items, options, jobs=jobs, tmp_dir=tmp)
            try:
                for item, found in _records(blocks):
                    record = found
                    state = run.states.pop(item.key, None)
                    if "error" not in record:
                        doc_id, path = _doc_key(item, record)
                        if not _storable(doc_id, path):
                            record = _name_error(item)
                    if "error" in record:
                        errors += 1
                        if on_error is not None:
                            on_error(record)
                    else:
                        if index.has(doc_id):
                            replaced += 1
                        else:
                            added += 1
                        chunks += index.add(
                            doc_id, record["chunks"], path=path, title=record["title"], file=state
                        )
                        run.seen.add(doc_id)
                        pending += 1
                    if progress is not None:
                        progress(1, int("error" in record))
                    if pending + run.touched >= COMMIT_EVERY:
                        index.commit()
                        pending = run.touched = 0
            finally:
                blocks.close()
            removed = run.remove_missing(roots)
            if chunks + removed and chunks >= COMPACT_SHARE * index.count()[1]:
                index.compact()
    except sqlite3.Error as exc:
        raise _db_error(exc, os.fspath(db), busy_seconds) from None
    return IndexStats(
        added + replaced,
        chunks,
        errors,
        time.perf_counter() - started,
        added=added,
        replaced=replaced,
        unchanged=run.unchanged,
        removed=removed,
    )

"""An embedded full-text index of chunks: SQLite with FTS5, for people without a search server.

SQLite ships with Python and FTS5's ``trigram`` tokenizer (SQLite ≥ 3.34)
indexes every run of three characters, so Chinese is searchable without a
word segmenter: a query of three or more characters matches wherever it
occurs, like a substring.  Shorter terms produce no trigram at all, so they
are matched with ``LIKE`` over the chunk table instead (a scan, which is
what a one- or two-character search costs anyway).

Tables::

    documents(id PRIMARY KEY, path, title, chunk_count, indexed_at)
    chunks(rowid, id, doc_id → documents.id, ordinal, part, level, sections,
           heading_path, heading, numbers, text, spans, char_count, overlap_chars)
    chunks_fts  FTS5 over chunks(heading, text), external content, trigram

JSON arrays (``sections``, ``heading_path``, ``numbers``, ``spans``) are
stored as JSON text; ``heading`` is the heading path joined by `` › `` so
that a heading is searchable.  Triggers keep ``chunks_fts`` in step with
``chunks``, so replacing a document is two deletes and the inserts.

A document's id in the index is its JSONL id when the input had one, else
its absolute path: indexing the same file again replaces it, even from
another working directory.  The JSONL from ``speechparse batch --format
chunks`` stays the interface for external engines (docs/batch.md).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from pydantic import BaseModel, ConfigDict

from speechparse.batch import Block, Item, RecordOptions, iter_inputs, iter_records
from speechparse.chunks import Chunk
from speechparse.errors import InputNotFoundError, SpeechParseError
from speechparse.formats import DEFAULT_GLOB

__all__ = [
    "SCHEMA_VERSION",
    "Hit",
    "Index",
    "IndexDatabaseError",
    "IndexStats",
    "index_paths",
    "search",
]

SCHEMA_VERSION = 1
"""Stored as ``PRAGMA user_version``; a database of another version is refused."""

MIN_TRIGRAM = 3
"""Terms shorter than this have no trigram and are matched with LIKE."""

MARKS = ("«", "»")
"""Default snippet highlight: rare in Chinese text, unlike 【】 which ads use."""

COMMIT_EVERY = 200
BUSY_SECONDS = 30.0
"""How long a write waits for another process's write to the same database
before it gives up with one line (``database is locked``)."""
"""Documents per transaction: fewer commits are faster, a smaller batch loses less on a crash."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    title TEXT,
    chunk_count INTEGER NOT NULL,
    indexed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    ordinal INTEGER NOT NULL,
    part INTEGER NOT NULL,
    level INTEGER NOT NULL,
    sections TEXT NOT NULL,
    heading_path TEXT NOT NULL,
    heading TEXT NOT NULL,
    numbers TEXT NOT NULL,
    text TEXT NOT NULL,
    spans TEXT NOT NULL,
    char_count INTEGER NOT NULL,
    overlap_chars INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id, ordinal);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    heading, text, content='chunks', content_rowid='rowid', tokenize='trigram'
);
CREATE TRIGGER IF NOT EXISTS chunks_ai AFTER INSERT ON chunks BEGIN
    INSERT INTO chunks_fts(rowid, heading, text) VALUES (new.rowid, new.heading, new.text);
END;
CREATE TRIGGER IF NOT EXISTS chunks_ad AFTER DELETE ON chunks BEGIN
    INSERT INTO chunks_fts(chunks_fts, rowid, heading, text)
    VALUES ('delete', old.rowid, old.heading, old.text);
END;
"""

_COLUMNS = (
    "id, doc_id, ordinal, part, level, sections, heading_path, heading, numbers, "
    "text, spans, char_count, overlap_chars"
)


class IndexDatabaseError(SpeechParseError):
    """The database cannot be used: no FTS5 trigram support, another schema, not SQLite."""

    exit_code = 3


class Hit(BaseModel):
    """One matching chunk, with what a reader needs to judge it and find it in the source."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    doc_id: str
    """The document's id in the index (its JSONL id or absolute path)."""
    path: str
    """Where the document came from (``file.jsonl:LINE`` for a JSONL line)."""
    title: str | None
    """The document's title, if it has one."""
    chunk_id: str
    """The chunk's own id (see docs/chunks.md)."""
    ordinal: int
    """Position of the chunk in its document."""
    heading_path: tuple[str, ...]
    """Title, then the headings the chunk stands under."""
    snippet: str
    """A stretch of the chunk around the match, the matched text between marks."""
    spans: tuple[tuple[int, int], ...]
    """Source pieces of the chunk text, to point back into the original."""
    score: float | None
    """FTS5 bm25 rank (lower is better); None for LIKE-only (short) queries."""


@dataclass(frozen=True, slots=True)
class IndexStats:
    """What an indexing run did."""

    documents: int
    chunks: int
    errors: int
    seconds: float


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _phrase(term: str) -> str:
    """An FTS5 string literal: every character literal, so punctuation is never syntax."""
    return '"' + term.replace('"', '""') + '"'


def _snippet(text: str, terms: list[str], marks: tuple[str, str], width: int = 24) -> str:
    """A window around the first occurrence of a short term, for LIKE-only hits."""
    folded = text.casefold()
    found = [(folded.find(t.casefold()), t) for t in terms]
    found = [(i, t) for i, t in found if i >= 0]
    if not found:
        return text[: 2 * width] + ("…" if len(text) > 2 * width else "")
    at, term = min(found)
    lo, hi = max(0, at - width), min(len(text), at + len(term) + width)
    head = "…" if lo > 0 else ""
    tail = "…" if hi < len(text) else ""
    return (
        head
        + text[lo:at]
        + marks[0]
        + text[at : at + len(term)]
        + marks[1]
        + text[at + len(term) : hi]
        + tail
    )


def _db_error(exc: sqlite3.Error, name: str, busy_seconds: float) -> IndexDatabaseError:
    """One line for a failure inside SQLite: locked past the busy timeout, full disk, corrupt."""
    message = str(exc)
    if "locked" in message or "busy" in message:
        message += f" (another process kept it for over {busy_seconds:g} s)"
    return IndexDatabaseError(message, name=name)


class Index:
    """A chunk index in one SQLite file; use as a context manager to commit and close."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        busy_seconds: float = BUSY_SECONDS,
    ) -> None:
        self.path = Path(path)
        self.busy_seconds = busy_seconds
        name = str(path)
        if not create and not self.path.exists():
            raise InputNotFoundError("no such index database", name=name)
        try:
            self.conn = sqlite3.connect(self.path, timeout=busy_seconds)
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error as exc:
            raise IndexDatabaseError(f"cannot open: {exc}", name=name) from None
        if version not in (0, SCHEMA_VERSION):
            self.conn.close()
            raise IndexDatabaseError(
                f"index schema version {version}, this speechparse reads {SCHEMA_VERSION}",
                name=name,
            )
        if version == 0:
            if not create:
                self.conn.close()
                raise IndexDatabaseError("not a speechparse index", name=name)
            self._create(name)
        try:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.Error as exc:
            self.conn.close()
            raise _db_error(exc, name, busy_seconds) from None

    def _create(self, name: str) -> None:
        try:
            self.conn.executescript(_SCHEMA)
        except sqlite3.OperationalError as exc:
            self.conn.close()
            raise IndexDatabaseError(
                f"SQLite {sqlite3.sqlite_version} cannot build the index ({exc}); "
                "FTS5 with the trigram tokenizer needs SQLite 3.34 or later",
                name=name,
            ) from None
        self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self.conn.commit()

    def __enter__(self) -> Index:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.conn.commit()
        else:
            self.conn.rollback()
        self.conn.close()

    # -- writing ---------------------------------------------------------------

    def remove(self, doc_id: str) -> None:
        """Forget a document and its chunks (the FTS rows go with them, by trigger)."""
        self.conn.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
        self.conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def add(
        self,
        doc_id: str,
        chunks: Iterable[Chunk | dict[str, Any]],
        *,
        path: str,
        title: str | None,
    ) -> int:
        """Store a document's chunks, replacing whatever the index held under ``doc_id``.

        ``chunks`` are :class:`Chunk` objects or their JSON form (as in a
        ``batch --format chunks`` record).  Returns how many were stored.
        """
        self.remove(doc_id)
        rows = [self._row(doc_id, c) for c in chunks]
        self.conn.execute(
            "INSERT INTO documents(id, path, title, chunk_count, indexed_at) VALUES (?,?,?,?,?)",
            (doc_id, path, title, len(rows), _now()),
        )
        self.conn.executemany(
            f"INSERT INTO chunks({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows
        )
        return len(rows)

    @staticmethod
    def _row(doc_id: str, chunk: Chunk | dict[str, Any]) -> tuple[Any, ...]:
        c = chunk.model_dump(mode="json") if isinstance(chunk, Chunk) else chunk
        dumps = json.dumps
        return (
            c["id"],
            doc_id,
            c["ordinal"],
            c["part"],
            c["level"],
            dumps(c["sections"], ensure_ascii=False),
            dumps(c["heading_path"], ensure_ascii=False),
            Chunk.HEADING_SEPARATOR.join(c["heading_path"]),
            dumps(c["numbers"]),
            c["text"],
            dumps(c["spans"]),
            c["char_count"],
            c["overlap_chars"],
        )

    def commit(self) -> None:
        self.conn.commit()

    # -- reading -----------------------------------------------------------------

    def count(self) -> tuple[int, int]:
        """(documents, chunks) in the index."""
        docs = self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        chunks = self.conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
        return int(docs), int(chunks)

    def search(self, query: str, *, limit: int = 10, marks: tuple[str, str] = MARKS) -> list[Hit]:
        """Chunks that contain every whitespace-separated term of ``query``.

        Terms of three or more characters go to FTS5 as literal phrases
        (ranked by bm25, snippet by FTS5); shorter ones are LIKE conditions.
        A query made only of short terms is a scan in document order.
        """
        terms = query.split()
        if not terms:
            raise SpeechParseError("empty query")
        long = [t for t in terms if len(t) >= MIN_TRIGRAM]
        short = [t for t in terms if len(t) < MIN_TRIGRAM]
        where: list[str] = []
        params: list[Any] = []
        for term in short:
            where.append("(c.text LIKE ? ESCAPE '\\' OR c.heading LIKE ? ESCAPE '\\')")
            params += [_like(term), _like(term)]
        select = (
            "SELECT c.doc_id, d.path, d.title, c.id, c.ordinal, c.heading_path, c.text, "
            "c.spans, {snippet}, {score} FROM {source} JOIN documents d ON d.id = c.doc_id"
        )
        if long:
            sql = select.format(
                snippet="snippet(chunks_fts, -1, ?, ?, '…', 32)",
                score="bm25(chunks_fts)",
                source="chunks_fts JOIN chunks c ON c.rowid = chunks_fts.rowid",
            )
            sql += " WHERE chunks_fts MATCH ?"
            sql += "".join(f" AND {w}" for w in where) + " ORDER BY bm25(chunks_fts), c.rowid"
            args = [*marks, " ".join(_phrase(t) for t in long), *params]
        else:
            sql = select.format(snippet="NULL", score="NULL", source="chunks c")
            sql += " WHERE " + " AND ".join(where) + " ORDER BY c.doc_id, c.ordinal"
            args = params
        sql += " LIMIT ?"
        args.append(limit)
        try:
            rows = self.conn.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise IndexDatabaseError(
                f"search failed ({exc}); try fewer terms", name=str(self.path)
            ) from None
        hits = []
        for row in rows:
            doc_id, path, title, chunk_id, ordinal, heading_path, text, spans, snip, score = row
            if snip is None:
                snip = _snippet(text, short, marks)
            hits.append(
                Hit(
                    doc_id=doc_id,
                    path=path,
                    title=title,
                    chunk_id=chunk_id,
                    ordinal=ordinal,
                    heading_path=tuple(json.loads(heading_path)),
                    snippet=snip,
                    spans=tuple(tuple(s) for s in json.loads(spans)),
                    score=score,
                )
            )
        return hits


def search(
    db: str | os.PathLike[str], query: str, *, limit: int = 10, marks: tuple[str, str] = MARKS
) -> list[Hit]:
    """Search an index made by :func:`index_paths` (or ``speechparse index``)."""
    with Index(db, create=False) as index:
        return index.search(query, limit=limit, marks=marks)


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
) -> IndexStats:
    """Parse and chunk every input under ``paths`` into the index at ``db``.

    Inputs are found as for :func:`speechparse.batch.run_batch`; a document
    already in the index is replaced.  A bad input is passed to
    ``on_error`` as its error record and skipped; the run goes on (so is a
    file name that is not UTF-8).  Another process writing the same database
    is waited for up to ``busy_seconds``; then, as for a full disk, one
    :class:`IndexDatabaseError`.
    """
    started = time.perf_counter()
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
    documents = chunks = errors = pending = 0
    tmp = Path(db).resolve().parent
    try:
        with Index(db, busy_seconds=busy_seconds) as index:
            items = iter_inputs(paths, glob=glob, max_bytes=options.max_bytes)
            blocks = iter_records(items, options, jobs=jobs, tmp_dir=tmp)
            try:
                for item, found in _records(blocks):
                    record = found
                    if "error" not in record:
                        doc_id, path = _doc_key(item, record)
                        if not _storable(doc_id, path):
                            record = _name_error(item)
                    if "error" in record:
                        errors += 1
                        if on_error is not None:
                            on_error(record)
                    else:
                        chunks += index.add(
                            doc_id, record["chunks"], path=path, title=record["title"]
                        )
                        documents += 1
                        pending += 1
                    if progress is not None:
                        progress(1, int("error" in record))
                    if pending >= COMMIT_EVERY:
                        index.commit()
                        pending = 0
            finally:
                blocks.close()
    except sqlite3.Error as exc:
        raise _db_error(exc, os.fspath(db), busy_seconds) from None
    return IndexStats(documents, chunks, errors, time.perf_counter() - started)

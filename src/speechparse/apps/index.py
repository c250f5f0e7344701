"""An embedded full-text index of chunks: SQLite with FTS5, for people without a search server.

SQLite ships with Python, and FTS5 indexes any tokens it is given.  Chinese
has no spaces, so a search term is a substring; this index writes each
column as its character pairs (:func:`speechparse.apps.index_match.pairs`) into
FTS5 tables that keep no positions, narrows a term to the chunks holding all
of its pairs, checks longer terms against the stored text, and ranks with
BM25F in SQL (:mod:`speechparse.apps.index_match` says why and how).  Every term,
one character or twenty, is answered from the index, and the index is about
half the size that FTS5's trigram postings with their positions made it
(benchmarks/index_size.py).

Queries are written in speechparse's own small language
(:mod:`speechparse.apps.search_syntax`) and compiled into SQL in which every
token is a quoted FTS5 string: user text is never FTS5 syntax.

Tables::

    documents(doc INTEGER PRIMARY KEY, id UNIQUE, path, title, match_title,
              chunk_count, indexed_at, file, size, mtime_ns, sha256, settings)
    chunks(rowid, doc → documents.doc, id, ordinal, part, level, sections,
           heading, path, heading_path, numbers, text, spans, char_count,
           overlap_chars, text_length, match_heading, match_path, match_text)
    chunks_pairs  FTS5, contentless, detail=none: the text's pairs
    chunks_head   FTS5, contentless, detail=column: (heading, path) as pairs
                  for row = chunk rowid, (title) for row = −doc
    totals        one row: how many chunks, each matched column's total length

What repeats with every chunk of a document is stored once: a chunk names
its document by the integer ``doc``; the title, and its tokens, are the
document's (a title match is every chunk of the document).  A chunk's
heading path is stored as its own ``heading`` and the ``path`` of headings
above it (under the title, joined by ``Chunk.HEADING_SEPARATOR``), and as
JSON in ``heading_path`` only when it cannot be put back from those.  JSON
arrays (``sections``, ``numbers``, ``spans``) are stored as JSON text.  The
``match_`` columns are what is *matched*: the title, the chunk's own
heading, the headings above it and the text with masks restored (D员 is
found by 党员, whatever ``--unmask`` was) — same length, so a position in
one is a position in the other and snippets are cut from ``text`` as
stored.  Each is NULL when it equals the column as written (most hold no
mask), so nothing is stored twice.  ``text_length`` is the matched text's
length as SQLite's ``length()`` counts it, read for every candidate when
ranking.  The token tables are contentless and keep no per-row column
sizes (BM25F is computed in SQL from the stored columns), so this module
writes and deletes their rows itself (the same tokens, recomputed from the
stored columns); triggers keep ``totals`` in step with ``chunks`` (the
title's share is added per document, with its tokens).
Pages are 8 KiB: a chunk row of a few KB leaves less of a page unused
than with SQLite's 4 KiB (about 5% of the file on real speeches).

A document's id in the index is its JSONL id when the input had one, else
its absolute path: indexing the same file again replaces it, even from
another working directory.  The JSONL from ``speechparse batch --format
chunks`` stays the interface for external engines (docs/batch.md).

Runs are incremental for files, so re-indexing a large corpus after a few
edits costs what the edits cost: a file's row keeps its resolved path, size,
``mtime_ns``, SHA-256 and the chunk options it was indexed with.  A later
run skips a file whose size and mtime (and options) are unchanged after one
``stat``, reads and hashes it only when they differ (a touched file with the
same bytes is skipped and its stat updated), re-indexes it when the bytes
differ, and removes documents under the run's PATHs whose files are gone.
JSONL records carry no file stat: they are indexed every run, replaced by
id, and never removed for being absent.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from pydantic import BaseModel, ConfigDict

from speechparse.apps.batch import (
    JSONL_SUFFIXES,
    Block,
    Item,
    RecordOptions,
    iter_inputs,
    iter_records,
)
from speechparse.apps.index_match import (
    WEIGHTS,
    compile_query,
    df_query,
    pairs,
    presence_query,
    unmasked,
    word_start,
)
from speechparse.apps.search_syntax import (
    QuerySyntaxError,
    Term,
    parse_query,
    positive_terms,
)
from speechparse.errors import InputNotFoundError, SpeechParseError
from speechparse.formats import DEFAULT_GLOB
from speechparse.views.chunks import Chunk

__all__ = [
    "SCHEMA_VERSION",
    "WEIGHTS",
    "Hit",
    "Index",
    "IndexDatabaseError",
    "IndexStats",
    "QuerySyntaxError",
    "index_paths",
    "search",
    "unmasked",
]

SCHEMA_VERSION = 5
"""Stored as ``PRAGMA user_version``; a database of another version is refused.

1: FTS over (heading path, text) as written.  2: FTS over (title, headings,
text) with masks restored, for column filters and masked text.  3: each
file's resolved path, size, mtime_ns, SHA-256 and chunk options in
``documents``, so a later run can skip what has not changed.  4: character
pairs without positions instead of trigrams, BM25F in SQL, every term from
the index (a third of the size).  5: what repeated per chunk stored once:
documents by an integer key, the title (and its tokens) once per document,
headings as written with their matched forms only when a mask differs, no
per-row column sizes in the token tables (about 12% smaller).
"""

MARKS = ("«", "»")
"""Default snippet highlight: rare in Chinese text, unlike 【】 which ads use."""

COMPACT_SHARE = 0.25
"""An index run that stored at least this share of the index's chunks compacts it after."""

COMMIT_EVERY = 200
"""Documents per transaction: fewer commits are faster, a smaller batch loses less on a crash."""
BUSY_SECONDS = 30.0
"""How long a write waits for another process's write to the same database
before it gives up with one line (``database is locked``)."""

SNIPPET_WIDTH = 24
"""Characters of context on each side of the first match in a snippet."""

_SCHEMA = """
PRAGMA page_size = 8192;
CREATE TABLE IF NOT EXISTS documents (
    doc INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    title TEXT,
    match_title TEXT,
    chunk_count INTEGER NOT NULL,
    indexed_at TEXT NOT NULL,
    file TEXT,
    size INTEGER,
    mtime_ns INTEGER,
    sha256 TEXT,
    settings TEXT
);
CREATE INDEX IF NOT EXISTS documents_file ON documents(file);
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(doc),
    id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    part INTEGER NOT NULL,
    level INTEGER NOT NULL,
    sections TEXT NOT NULL,
    heading TEXT NOT NULL,
    path TEXT NOT NULL,
    heading_path TEXT,
    numbers TEXT NOT NULL,
    text TEXT NOT NULL,
    spans TEXT NOT NULL,
    char_count INTEGER NOT NULL,
    overlap_chars INTEGER NOT NULL,
    text_length INTEGER NOT NULL,
    match_heading TEXT,
    match_path TEXT,
    match_text TEXT
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_pairs USING fts5(
    text, content='', tokenize='ascii', detail=none, columnsize=0
);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_head USING fts5(
    title, heading, path, content='', tokenize='ascii', detail=column, columnsize=0
);
CREATE TABLE IF NOT EXISTS totals (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    chunks INTEGER NOT NULL, title INTEGER NOT NULL, heading INTEGER NOT NULL,
    path INTEGER NOT NULL, text INTEGER NOT NULL
);
INSERT OR IGNORE INTO totals VALUES (1, 0, 0, 0, 0, 0);
CREATE TRIGGER IF NOT EXISTS chunks_ai AFTER INSERT ON chunks BEGIN
    UPDATE totals SET chunks = chunks + 1,
        heading = heading + length(coalesce(new.match_heading, new.heading)),
        path = path + length(coalesce(new.match_path, new.path)),
        text = text + length(coalesce(new.match_text, new.text));
END;
CREATE TRIGGER IF NOT EXISTS chunks_ad AFTER DELETE ON chunks BEGIN
    UPDATE totals SET chunks = chunks - 1,
        heading = heading - length(coalesce(old.match_heading, old.heading)),
        path = path - length(coalesce(old.match_path, old.path)),
        text = text - length(coalesce(old.match_text, old.text));
END;
"""

_MATCH_ROWS = (
    "SELECT rowid, coalesce(match_heading, heading), coalesce(match_path, path), "
    "coalesce(match_text, text) FROM chunks"
)
"""Each chunk's matched columns, from which its token rows are made (and unmade)."""

_DROP = """
DROP TRIGGER IF EXISTS chunks_ai;
DROP TRIGGER IF EXISTS chunks_ad;
DROP TABLE IF EXISTS chunks_fts;
DROP TABLE IF EXISTS chunks_grams;
DROP TABLE IF EXISTS chunks_pairs;
DROP TABLE IF EXISTS chunks_head;
DROP TABLE IF EXISTS totals;
DROP VIEW IF EXISTS chunks_match;
DROP TABLE IF EXISTS chunks;
DROP TABLE IF EXISTS documents;
PRAGMA user_version = 0;
"""

_COLUMNS = (
    "doc, id, ordinal, part, level, sections, heading, path, heading_path, numbers, "
    "text, spans, char_count, overlap_chars, text_length, match_heading, match_path, match_text"
)
_PLACES = ",".join("?" * len(_COLUMNS.split(",")))


class IndexDatabaseError(SpeechParseError):
    """The database cannot be used: no FTS5 support, another schema, not SQLite."""

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
    """BM25F rank (lower is better; docs/cli.md, "Ranking").  Always set by this
    version; None in hits saved by versions that did not rank short queries."""


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


@dataclass(frozen=True, slots=True)
class FileState:
    """What tells an indexed file unchanged: stat first (cheap), then the content hash."""

    file: str
    """The resolved path (symbolic links followed), to tell a link pointed elsewhere."""
    size: int
    mtime_ns: int
    """-1 when the file was modified too recently to trust (:data:`RACY_NS`): hash it next time."""
    sha256: str
    settings: str
    """The chunk options it was indexed with: other options mean other chunks."""


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


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


def _intervals(text: str, terms: list[Term]) -> list[tuple[int, int]]:
    """Where the terms that can show in the text occur in it, merged, in order."""
    found: list[tuple[int, int]] = []
    for term in terms:
        if term.column in (None, "text"):
            edge = "(?<![0-9A-Za-z])" if word_start(term) else ""
            pattern = re.compile(edge + re.escape(unmasked(term.text)), re.IGNORECASE)
            found.extend(m.span() for m in pattern.finditer(text) if m.end() > m.start())
    merged: list[tuple[int, int]] = []
    for a, b in sorted(found):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _snippet(
    text: str,
    intervals: list[tuple[int, int]],
    marks: tuple[str, str],
    width: int = SNIPPET_WIDTH,
) -> str:
    """A window of ``text`` around its first match, every match inside it between marks.

    The matches were found in the unmasked text, which has the same length,
    so the window and the marks are cut from the text as stored (D员 stays
    D员 in the snippet of a hit found by 党员).
    """
    if not intervals:
        return text[: 2 * width] + ("…" if len(text) > 2 * width else "")
    first, last = intervals[0]
    lo, hi = max(0, first - width), min(len(text), last + width)
    out = ["…" if lo > 0 else ""]
    at = lo
    for start, end in intervals:
        a, b = max(start, lo), min(end, hi)
        if a >= hi:
            break
        out += [text[at:a], marks[0], text[a:b], marks[1]]
        at = b
    out += [text[at:hi], "…" if hi < len(text) else ""]
    return "".join(out)


def _split_path(heading: str, above: str) -> list[str]:
    """The headings under the title, put back from the own heading and those above it."""
    if not heading and not above:
        return []
    return [*(above.split(Chunk.HEADING_SEPARATOR) if above else []), heading]


def _heading_path(
    title: str | None, heading: str, above: str, stored: str | None
) -> tuple[str, ...]:
    """A hit's heading path: the stored JSON list, or the title and the headings under it."""
    if stored is not None:
        return tuple(json.loads(stored))
    return (title or "", *_split_path(heading, above))


def _db_error(exc: sqlite3.Error, name: str, busy_seconds: float) -> IndexDatabaseError:
    """One line for a failure inside SQLite: locked past the busy timeout, full disk, corrupt."""
    message = str(exc)
    if "locked" in message or "busy" in message:
        message += f" (another process kept it for over {busy_seconds:g} s)"
    return IndexDatabaseError(message, name=name)


def _version_message(version: int) -> str:
    """Why a database of another schema is refused, and what to run instead."""
    if version < SCHEMA_VERSION:
        return (
            f"index made by an older speechparse (schema {version}, this one reads "
            f"{SCHEMA_VERSION}); index the documents again with `speechparse index --rebuild`"
        )
    return (
        f"index made by a newer speechparse (schema {version}, this one reads "
        f"{SCHEMA_VERSION}); upgrade speechparse or index again with `--rebuild`"
    )


class Index:
    """A chunk index in one SQLite file; use as a context manager to commit and close.

    ``rebuild=True`` drops what an earlier speechparse stored (any schema
    version) and starts an empty index, for ``speechparse index --rebuild``.
    ``short_terms`` is accepted and does nothing: since schema 4 every index
    answers one- and two-character terms from its tokens.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        rebuild: bool = False,
        short_terms: bool = False,  # noqa: ARG002 - kept for callers of schema 3
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
        if rebuild and version != 0:
            try:
                self.conn.executescript(_DROP)
            except sqlite3.Error as exc:
                self.conn.close()
                raise _db_error(exc, name, busy_seconds) from None
            version = 0
        if version not in (0, SCHEMA_VERSION):
            self.conn.close()
            raise IndexDatabaseError(_version_message(version), name=name)
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

    def _write_tokens(self, rows: list[Any], *, delete: bool = False) -> None:
        """Insert (or, with ``delete``, remove: the same tokens) the token rows of chunks.

        ``rows`` are :data:`_MATCH_ROWS`: (rowid, heading, path, text).
        Contentless tables forget what they were given, so a delete passes the
        very tokens the insert did, recomputed from the stored columns.
        """
        if not rows:
            return
        if delete:
            text_sql = "INSERT INTO chunks_pairs(chunks_pairs, rowid, text) VALUES ('delete', ?, ?)"
            head_sql = (
                "INSERT INTO chunks_head(chunks_head, rowid, title, heading, path) "
                "VALUES ('delete', ?, '', ?, ?)"
            )
        else:
            text_sql = "INSERT INTO chunks_pairs(rowid, text) VALUES (?, ?)"
            head_sql = "INSERT INTO chunks_head(rowid, title, heading, path) VALUES (?, '', ?, ?)"
        self.conn.executemany(text_sql, ((r[0], pairs(r[3])) for r in rows))
        self.conn.executemany(head_sql, ((r[0], *map(pairs, r[1:3])) for r in rows))

    def _write_title(self, doc: int, title: str, chunks: int, *, delete: bool = False) -> None:
        """Post a document's title once, as the head row ``-doc``, and count it for each chunk.

        The title is the same for every chunk of a document, so its tokens
        are written once (a title match is the document's chunks) and its
        length is added to the totals once per chunk, as BM25F's average
        per chunk needs.
        """
        sign = -1 if delete else 1
        self.conn.execute("UPDATE totals SET title = title + ?", (sign * chunks * len(title),))
        tokens = pairs(title)
        if not tokens:
            return
        if delete:
            self.conn.execute(
                "INSERT INTO chunks_head(chunks_head, rowid, title, heading, path) "
                "VALUES ('delete', ?, ?, '', '')",
                (-doc, tokens),
            )
        else:
            self.conn.execute(
                "INSERT INTO chunks_head(rowid, title, heading, path) VALUES (?, ?, '', '')",
                (-doc, tokens),
            )

    def _create(self, name: str) -> None:
        try:
            self.conn.executescript(_SCHEMA)
        except sqlite3.OperationalError as exc:
            self.conn.close()
            raise IndexDatabaseError(
                f"SQLite {sqlite3.sqlite_version} cannot build the index ({exc}); "
                "the index needs SQLite with FTS5 (3.20 or later)",
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
        """Forget a document, its chunks and their token rows."""
        found = self.conn.execute(
            "SELECT doc, coalesce(match_title, title, ''), chunk_count FROM documents WHERE id = ?",
            (doc_id,),
        ).fetchone()
        if found is None:
            return
        doc, title, count = found
        rows = self.conn.execute(f"{_MATCH_ROWS} WHERE doc = ?", (doc,)).fetchall()
        self._write_tokens(rows, delete=True)
        self._write_title(doc, title, count, delete=True)
        self.conn.execute("DELETE FROM chunks WHERE doc = ?", (doc,))
        self.conn.execute("DELETE FROM documents WHERE doc = ?", (doc,))

    def add(
        self,
        doc_id: str,
        chunks: Iterable[Chunk | dict[str, Any]],
        *,
        path: str,
        title: str | None,
        file: FileState | None = None,
    ) -> int:
        """Store a document's chunks, replacing whatever the index held under ``doc_id``.

        ``chunks`` are :class:`Chunk` objects or their JSON form (as in a
        ``batch --format chunks`` record).  ``file`` is the state of the
        file they came from, so that a later run can skip it while it stays
        the same.  Returns how many chunks were stored.
        """
        self.remove(doc_id)
        dicts = [c.model_dump(mode="json") if isinstance(c, Chunk) else c for c in chunks]
        state = (
            (file.file, file.size, file.mtime_ns, file.sha256, file.settings)
            if file is not None
            else (None,) * 5
        )
        match_title = unmasked(title or "")
        cursor = self.conn.execute(
            "INSERT INTO documents(id, path, title, match_title, chunk_count, indexed_at, "
            "file, size, mtime_ns, sha256, settings) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                doc_id,
                path,
                title,
                None if match_title == (title or "") else match_title,
                len(dicts),
                _now(),
                *state,
            ),
        )
        doc = cursor.lastrowid
        assert doc is not None  # an INSERT into a rowid table
        rows = [self._row(doc, c, title) for c in dicts]
        self.conn.executemany(f"INSERT INTO chunks({_COLUMNS}) VALUES ({_PLACES})", rows)
        self._write_tokens(self.conn.execute(f"{_MATCH_ROWS} WHERE doc = ?", (doc,)).fetchall())
        self._write_title(doc, match_title, len(rows))
        return len(rows)

    @staticmethod
    def _row(doc: int, c: dict[str, Any], title: str | None) -> tuple[Any, ...]:
        """A chunk as stored: its headings as written once, the matched forms only when they differ.

        The heading path is stored as the own heading and the headings above
        it (under the document's title, which is stored once, in
        ``documents``); the JSON list only when it cannot be put back from
        those (a heading holding the separator, a path not under the title).
        """
        dumps = json.dumps
        full = list(c["heading_path"])
        titled = title is not None and full[:1] == [title]
        rest = full[1:] if titled else full
        heading = rest[-1] if rest else ""
        above = Chunk.HEADING_SEPARATOR.join(rest[:-1])
        stored = (
            None
            if titled and _split_path(heading, above) == rest
            else dumps(full, ensure_ascii=False)
        )
        match_heading, match_above, match_text = (
            unmasked(heading),
            unmasked(above),
            unmasked(c["text"]),
        )
        return (
            doc,
            c["id"],
            c["ordinal"],
            c["part"],
            c["level"],
            dumps(c["sections"], ensure_ascii=False),
            heading,
            above,
            stored,
            dumps(c["numbers"]),
            c["text"],
            dumps(c["spans"]),
            c["char_count"],
            c["overlap_chars"],
            len(match_text.partition("\0")[0]),  # as SQLite's length() counts: up to a NUL
            None if match_heading == heading else match_heading,
            None if match_above == above else match_above,
            None if match_text == c["text"] else match_text,
        )

    def has(self, doc_id: str) -> bool:
        """True when the index holds a document under ``doc_id``."""
        found = self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return found is not None

    def file_state(self, doc_id: str) -> FileState | None:
        """The file state stored with ``doc_id``; None when absent or not from a file (JSONL)."""
        row = self.conn.execute(
            "SELECT file, size, mtime_ns, sha256, settings FROM documents "
            "WHERE id = ? AND file IS NOT NULL",
            (doc_id,),
        ).fetchone()
        return None if row is None else FileState(*row)

    def touch(self, doc_id: str, file: FileState) -> None:
        """Store the new stat of a file whose bytes did not change: the next run needs no hash."""
        self.conn.execute(
            "UPDATE documents SET file = ?, size = ?, mtime_ns = ? WHERE id = ?",
            (file.file, file.size, file.mtime_ns, doc_id),
        )

    def under(self, root: str) -> list[str]:
        """Ids of the file documents at or below ``root`` (absolute), by path or by resolved path.

        Both, because a root given through a symbolic link has its files'
        ids under the link and their resolved paths under the target.  A
        range on the sorted column (``root/`` up to ``root0``, '0' being
        the character after '/') uses the index instead of scanning.
        """
        prefix = root if root.endswith(os.sep) else root + os.sep
        upper = prefix[:-1] + chr(ord(os.sep) + 1)
        found: set[str] = set()
        for column in ("id", "file"):
            rows = self.conn.execute(
                f"SELECT id FROM documents WHERE file IS NOT NULL AND "
                f"({column} = ? OR ({column} >= ? AND {column} < ?))",
                (root, prefix, upper),
            )
            found.update(r[0] for r in rows)
        return sorted(found)

    def compact(self) -> None:
        """Merge the token tables into one segment each and give the freed pages back.

        FTS5 writes a table as segments, each with its own dictionary of
        tokens, merged only now and then; after a large run a table holds the
        same tokens several times over, and merging leaves free pages in the
        file.  This costs a pass over the index, so :func:`index_paths` calls
        it only after a run that wrote a large share of it
        (:data:`COMPACT_SHARE`), such as the first.
        """
        for table in ("chunks_pairs", "chunks_head"):
            self.conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        self.conn.commit()
        self.conn.execute("VACUUM")

    def commit(self) -> None:
        self.conn.commit()

    # -- reading -----------------------------------------------------------------

    def count(self) -> tuple[int, int]:
        """(documents, chunks) in the index."""
        docs = self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        chunks = self.conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
        return int(docs), int(chunks)

    def _stats(self) -> dict[str, float]:
        """How many chunks, and each matched column's total length (for BM25's averages)."""
        row = self.conn.execute("SELECT chunks, title, heading, path, text FROM totals").fetchone()
        names = ("chunks", "title", "heading", "path", "text")
        return {k: float(v) for k, v in zip(names, row or (0,) * 5, strict=True)}

    def _document_frequency(self, term: Term) -> int:
        """How many chunks hold ``term`` where it may occur: the input of its IDF."""
        sql, params = df_query(term)
        return int(self.conn.execute(sql, params).fetchone()[0])

    def _present(self, term: Term, column: str) -> bool:
        """False only when no chunk can hold ``term`` in ``column`` (its tokens are not there)."""
        found = presence_query(term, column)
        if found is None:
            return True
        sql, params = found
        return self.conn.execute(sql, params).fetchone() is not None

    def search(self, query: str, *, limit: int = 10, marks: tuple[str, str] = MARKS) -> list[Hit]:
        """Chunks that match ``query``, in the query language of docs/cli.md, best first.

        Ranked by BM25F with :data:`~speechparse.apps.index_match.WEIGHTS` (a title
        or heading match above a body match), ties in the order indexed.  A
        query that does not parse raises :class:`QuerySyntaxError`.
        """
        node = parse_query(query)
        terms = positive_terms(node)
        began = not self.conn.in_transaction
        try:
            # One read transaction: the totals, the document frequencies and the
            # hits all come from the same state of the index.
            if began:
                self.conn.execute("BEGIN")
            stats = self._stats()
            compiled = compile_query(node, terms, stats, self._document_frequency, self._present)
            # The best rowids first, then their rows: the sort carries two numbers
            # a match, not every matching chunk's text.
            join = " JOIN documents d ON d.doc = c.doc" if compiled.documents else ""
            sql = (
                "SELECT d.id, d.path, d.title, c.id, c.ordinal, c.heading, c.path, "
                "c.heading_path, c.text, c.match_text, c.spans, top.score FROM ("
                f"SELECT c.rowid AS hit, {compiled.score} AS score FROM chunks c{join} "
                f"WHERE {compiled.where} ORDER BY score, c.rowid LIMIT ?"
                ") top JOIN chunks c ON c.rowid = top.hit JOIN documents d ON d.doc = c.doc "
                "ORDER BY top.score, top.hit"
            )
            args = [*compiled.score_params, *compiled.params, limit]
            rows = self.conn.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise IndexDatabaseError(
                f"search failed ({exc}); try fewer terms", name=str(self.path)
            ) from None
        finally:
            if began and self.conn.in_transaction:
                self.conn.rollback()
        hits = []
        for row in rows:
            doc_id, path, title, chunk_id, ordinal, heading, above, stored = row[:8]
            text, match_text, spans, score = row[8:]
            found = _intervals(match_text if match_text is not None else text, terms)
            hits.append(
                Hit(
                    doc_id=doc_id,
                    path=path,
                    title=title,
                    chunk_id=chunk_id,
                    ordinal=ordinal,
                    heading_path=_heading_path(title, heading, above, stored),
                    snippet=_snippet(text, found, marks),
                    spans=tuple(tuple(s) for s in json.loads(spans)),
                    score=score,
                )
            )
        return hits


def search(
    db: str | os.PathLike[str], query: str, *, limit: int = 10, marks: tuple[str, str] = MARKS
) -> list[Hit]:
    """Search an index made by :func:`index_paths` (or ``speechparse index``).

    The query is parsed before the database is opened, so a query that does
    not parse is a :class:`QuerySyntaxError` whatever the database.
    """
    parse_query(query)
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

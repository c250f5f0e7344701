"""The index's database file: its tables, their schema version, and opening it.

One place says what the file holds (the DDL, ``PRAGMA user_version``) and
decides whether an existing file may be used (another schema is refused,
``rebuild`` starts over, a read that finds no index says so), so writing
and searching both start from a checked connection.  The tables and why
they are laid out so are described in :mod:`speechparse.apps.index`.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from speechparse.errors import InputNotFoundError, SpeechParseError
from speechparse.views.chunks import Chunk

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

BUSY_SECONDS = 30.0
"""How long a write waits for another process's write to the same database
before it gives up with one line (``database is locked``)."""

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


class IndexDatabaseError(SpeechParseError):
    """The database cannot be used: no FTS5 support, another schema, not SQLite."""

    exit_code = 3


def _split_path(heading: str, above: str) -> list[str]:
    """The headings under the title, put back from the own heading and those above it."""
    if not heading and not above:
        return []
    return [*(above.split(Chunk.HEADING_SEPARATOR) if above else []), heading]


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


class IndexFile:
    """An open index database whose schema is this version's; the base of :class:`Index`.

    Opening is where a file of another schema is refused, emptied
    (``rebuild``) or created, so every method of the subclasses may take
    the tables as :data:`_SCHEMA` makes them.
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

    def commit(self) -> None:
        self.conn.commit()

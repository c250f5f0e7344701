"""Storing documents in the index: their chunks, token rows and totals, and compaction.

The token tables are contentless, so what was written into them must be
written again to delete it; the methods that add and remove a document
therefore live together here, with the stored form of a chunk row and the
file state that lets a later run skip a file (:mod:`~speechparse.apps.index.incremental`).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from speechparse.apps.index.schema import IndexFile, _split_path
from speechparse.apps.index_match import pairs, unmasked
from speechparse.views.chunks import Chunk

_MATCH_ROWS = (
    "SELECT rowid, coalesce(match_heading, heading), coalesce(match_path, path), "
    "coalesce(match_text, text) FROM chunks"
)
"""Each chunk's matched columns, from which its token rows are made (and unmade)."""

_COLUMNS = (
    "doc, id, ordinal, part, level, sections, heading, path, heading_path, numbers, "
    "text, spans, char_count, overlap_chars, text_length, match_heading, match_path, match_text"
)
_PLACES = ",".join("?" * len(_COLUMNS.split(",")))


@dataclass(frozen=True, slots=True)
class FileState:
    """What tells an indexed file unchanged: stat first (cheap), then the content hash."""

    file: str
    """The resolved path (symbolic links followed), to tell a link pointed elsewhere."""
    size: int
    mtime_ns: int
    """-1 when the file was modified too recently to trust
    (:data:`~speechparse.apps.index.incremental.RACY_NS`): hash it next time."""
    sha256: str
    settings: str
    """The chunk options it was indexed with: other options mean other chunks."""


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


class IndexWriter(IndexFile):
    """The writing half of :class:`Index`: documents in and out, stat updates, compaction."""

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
        (:data:`~speechparse.apps.index.incremental.COMPACT_SHARE`), such as the first.
        """
        for table in ("chunks_pairs", "chunks_head"):
            self.conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        self.conn.commit()
        self.conn.execute("VACUUM")

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
sizes (BM25F is computed in SQL from the stored columns), so the package
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

The package is split by responsibility:
:mod:`~speechparse.apps.index.schema` (the tables, their version, opening),
:mod:`~speechparse.apps.index.writing` (storing documents),
:mod:`~speechparse.apps.index.searching` (queries to hits) with
:mod:`~speechparse.apps.index.hits` (the hit model and snippets),
:mod:`~speechparse.apps.index.database` (:class:`Index` and :func:`search`)
and :mod:`~speechparse.apps.index.incremental` (:func:`index_paths`).
"""

from __future__ import annotations

from speechparse.apps.index.database import Index, search
from speechparse.apps.index.hits import MARKS as MARKS  # the CLI's default snippet marks
from speechparse.apps.index.hits import Hit
from speechparse.apps.index.incremental import IndexStats, index_paths
from speechparse.apps.index.schema import SCHEMA_VERSION, IndexDatabaseError
from speechparse.apps.index_match import WEIGHTS, unmasked
from speechparse.apps.search_syntax import QuerySyntaxError

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

"""Answering a query from the index: SQL from the query, BM25F's inputs, hits out.

:mod:`speechparse.apps.index_match` compiles a parsed query into SQL and
needs the index's totals and document frequencies; this module asks the
database for them in one read transaction and turns the rows into
:class:`Hit` objects.
"""

from __future__ import annotations

import json
import sqlite3

from speechparse.apps.index.hits import MARKS, Hit, _heading_path, _intervals, _snippet
from speechparse.apps.index.schema import IndexDatabaseError, IndexFile
from speechparse.apps.index_match import compile_query, df_query, presence_query
from speechparse.apps.search_syntax import Term, parse_query, positive_terms


class IndexReader(IndexFile):
    """The reading half of :class:`Index`: counts, and search."""

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

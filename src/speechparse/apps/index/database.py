"""``Index``, the one object that stores and searches, and ``search``: the halves joined.

A caller holds one index, as a context manager, whatever it does with it;
its methods are written by responsibility in
:mod:`~speechparse.apps.index.writing` and
:mod:`~speechparse.apps.index.searching`, on the opening of
:mod:`~speechparse.apps.index.schema`.
"""

from __future__ import annotations

import os
from types import TracebackType

from speechparse.apps.index.hits import MARKS, Hit
from speechparse.apps.index.searching import IndexReader
from speechparse.apps.index.writing import IndexWriter
from speechparse.apps.search_syntax import parse_query


class Index(IndexWriter, IndexReader):
    """A chunk index in one SQLite file; use as a context manager to commit and close.

    ``rebuild=True`` drops what an earlier speechparse stored (any schema
    version) and starts an empty index, for ``speechparse index --rebuild``.
    ``short_terms`` is accepted and does nothing: since schema 4 every index
    answers one- and two-character terms from its tokens.
    """

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

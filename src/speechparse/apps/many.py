"""``parse_many``: many files in input order, in parallel, with errors as values.

For a program that wants :class:`Document` objects rather than JSON lines:
the same inputs, options and worker pool as ``speechparse batch``
(:func:`speechparse.apps.batch.iter_documents`), so a file gives the same document
either way.  A bad file is a :class:`ParseFailure` in its place in the
sequence, never an exception that ends the loop over a million files.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from speechparse.apps.batch import RecordOptions, file_items, iter_documents
from speechparse.errors import SpeechParseError
from speechparse.model.document import Document
from speechparse.reading.source import MAX_BYTES

__all__ = ["ParseFailure", "parse_many"]


@dataclass(frozen=True, slots=True)
class ParseFailure:
    """An input that could not be parsed, in its place among the results of :func:`parse_many`.

    A value rather than a raised exception, so that one bad file among many
    neither ends the iteration nor loses the files after it.  ``raise
    failure.error`` turns it back into the exception :func:`speechparse.parse`
    would have raised (a :class:`~speechparse.errors.SpeechParseError`,
    also the matching builtin: ``FileNotFoundError``, ``ValueError`` …).
    """

    path: str
    """The input as given."""
    error: SpeechParseError
    """Why it failed; ``str(error)`` is the one-line message naming ``path``."""


def parse_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    unmask: bool = False,
    max_bytes: int | None = MAX_BYTES,
    encoding: str | None = None,
    errors: Literal["strict", "replace"] = "strict",
) -> Iterator[Document | ParseFailure]:
    """Parse each path in turn, ``jobs`` worker processes at a time; results in input order.

    Yields one item per path: its :class:`Document`, or a :class:`ParseFailure`
    carrying the path and the error.  ``paths`` is read lazily and at most a
    few tasks per worker are in flight, so memory does not grow with the
    number of paths.  Each path is one file (a str is a path here, never
    text; folders are not walked: use :func:`speechparse.apps.batch.iter_inputs`
    for that).  The keyword arguments are those of
    :func:`speechparse.parse_file`.  A worker process that dies raises
    :class:`~speechparse.errors.BatchError`.

    >>> from speechparse import Document, parse_many
    >>> for got in parse_many(["examples/short.txt", "examples/missing.txt"]):
    ...     print(got.title.text if isinstance(got, Document) else got.error)
    学习心得：把初心写在行动上
    examples/missing.txt: no such file
    """
    options = RecordOptions(unmask=unmask, max_bytes=max_bytes, encoding=encoding, errors=errors)
    for item, value in iter_documents(file_items(paths), options, jobs=jobs):
        if isinstance(value, SpeechParseError):
            yield ParseFailure(path=item.key, error=value)
        else:
            yield value

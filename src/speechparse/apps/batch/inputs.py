"""Listing a batch's inputs: folders walked, JSONL files split, lists read, lazily.

A corpus is millions of files, so nothing here holds more than one
directory listing per level or one line of a file: inputs come out one
:class:`~speechparse.apps.batch.items.Item` at a time, in an order that
depends only on the names.  Whatever cannot be listed (an unreadable
folder, a FIFO, an overlong JSONL line) comes out as an error item, so that
it becomes a record instead of stopping the run.
"""

from __future__ import annotations

import fnmatch
import hashlib
import itertools
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from speechparse.apps.batch.items import JSONL_SUFFIXES, Item
from speechparse.errors import (
    InputIsADirectoryError,
    InputNotFoundError,
    InputPermissionError,
    InputTooLargeError,
    NotAFileError,
    ReadError,
    SpeechParseError,
)
from speechparse.formats import DEFAULT_GLOB
from speechparse.reading.source import MAX_BYTES


def _is_jsonl(path: str) -> bool:
    return path.lower().endswith(JSONL_SUFFIXES)


def _error_item(key: str, exc: SpeechParseError) -> Item:
    return Item(key=key, error=(exc.record_type, str(exc)))


def _os_error(exc: OSError, name: str) -> SpeechParseError:
    if isinstance(exc, FileNotFoundError):
        return InputNotFoundError("no such file", name=name)
    if isinstance(exc, IsADirectoryError):
        return InputIsADirectoryError("not a file", name=name)
    if isinstance(exc, NotADirectoryError):
        return NotAFileError("not a file", name=name)
    if isinstance(exc, PermissionError):
        return InputPermissionError("permission denied", name=name)
    return ReadError(exc.strerror or "cannot read", name=name)


def _jsonl_items(path: str, max_bytes: int | None) -> Iterator[Item]:
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by the with below, after the yields
    except OSError as exc:
        yield _error_item(path, _os_error(exc, path))
        return
    with handle:
        yield from _line_items(handle, path, max_bytes)


def _line_items(handle: IO[bytes], name: str, max_bytes: int | None) -> Iterator[Item]:
    """Non-blank lines of a stream as JSONL items keyed ``name:LINE``; overlong ones as errors."""
    limit = -1 if max_bytes is None else max_bytes + 1
    for lineno in itertools.count(1):
        line = handle.readline(limit)
        if not line:
            return
        key = f"{name}:{lineno}"
        if max_bytes is not None and len(line) > max_bytes:
            yield _error_item(key, _too_long(handle, line, key, max_bytes))
        elif line.strip():
            yield Item(key=key, line=line)


def _too_long(handle: IO[bytes], head: bytes, key: str, max_bytes: int) -> InputTooLargeError:
    """Skip the rest of an overlong line without ever holding it, and say how long it was."""
    size = len(head)
    line = head
    while not line.endswith(b"\n"):
        line = handle.readline(1 << 20)
        if not line:
            break
        size += len(line)
    message = f"{size:,}-byte line is over the {max_bytes:,}-byte limit (max_bytes)"
    return InputTooLargeError(message, name=key)


def _file_items(path: str, max_bytes: int | None) -> Iterator[Item]:
    if _is_jsonl(path):
        yield from _jsonl_items(path, max_bytes)
    else:
        yield Item(key=path, path=path)


def walk_files(top: str, glob: str = DEFAULT_GLOB) -> Iterator[str | Item]:
    """Paths of the files under ``top`` matching ``glob``, sorted by name within each directory.

    ``glob`` may list several patterns separated by commas; the default takes
    every format speechparse reads (text, .docx, HTML, PDF), so a folder of
    mixed files gives one record per document.

    Depth first, a directory's own files before its subdirectories, so the
    order depends only on the names, never on the file system's listing
    order.  Only one directory listing is held at a time per level.  A
    directory that cannot be listed comes out as an error :class:`Item`.
    """
    problems: list[OSError] = []
    patterns = [g.strip() for g in glob.split(",") if g.strip()]
    by_path = "/" in glob
    for dirpath, dirnames, filenames in os.walk(top, onerror=problems.append):
        while problems:
            yield _listing_error(problems.pop(0), dirpath)
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            subject = Path(os.path.relpath(path, top)).as_posix() if by_path else name
            if any(fnmatch.fnmatchcase(subject, g) for g in patterns):
                yield _regular(path)
    for exc in problems:
        yield _listing_error(exc, top)


def _regular(path: str) -> str | Item:
    """The path of a regular file; anything else found in a folder becomes an error item.

    Opening a FIFO blocks until a writer comes, and a device can be endless,
    so neither is ever opened from a folder walk.  A path that cannot be
    looked up (a dangling link) goes on, for the worker to report.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return path
    if stat.S_ISREG(mode):
        return path
    return _error_item(path, NotAFileError(f"not a regular file ({_kind(mode)})", name=path))


def _kind(mode: int) -> str:
    """What a non-regular file is, in the words of ``ls -l``'s first column."""
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a directory" if stat.S_ISDIR(mode) else "not a file"


def _listing_error(exc: OSError, where: str) -> Item:
    name = exc.filename if isinstance(exc.filename, str) else where
    return _error_item(name, _os_error(exc, name))


def iter_inputs(
    paths: Iterable[str | os.PathLike[str]],
    *,
    glob: str = DEFAULT_GLOB,
    max_bytes: int | None = MAX_BYTES,
) -> Iterator[Item]:
    """Every input under ``paths``, lazily, in a deterministic order.

    A folder is walked recursively for files whose name matches ``glob``
    (the path relative to the folder when ``glob`` contains ``/``); a
    ``.jsonl``/``.ndjson`` file gives one input per non-blank line; any
    other path is one input, even when it does not exist, so that a missing
    file listed explicitly becomes an error record instead of vanishing.
    A JSONL line longer than ``max_bytes`` becomes an error item without
    being held in memory (files are checked when they are read).  A folder
    in which nothing matches ``glob`` is an error item too: a typo in a
    glob must not pass for an empty corpus.
    """
    for raw in paths:
        path = os.fspath(raw)
        if not os.path.isdir(path):
            yield from _file_items(path, max_bytes)
            continue
        matched = False
        for found in walk_files(path, glob):
            matched = True
            if isinstance(found, Item):
                yield found
            else:
                yield from _file_items(found, max_bytes)
        if not matched:
            yield _error_item(path, InputNotFoundError(f"no file matches {glob}", name=path))


def file_items(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Item]:
    """One input per path, exactly as given: the FILEs of ``outline``, ``parse`` and the rest.

    Unlike :func:`iter_inputs` nothing is expanded, so a FILE means the same
    whether it is given alone or with others: a ``.jsonl`` file is one
    document, a folder is an error (``is a directory``) when it is read.
    """
    for raw in paths:
        path = os.fspath(raw)
        yield Item(key=path, path=path)


def listed_items(
    handle: IO[bytes], name: str, *, max_bytes: int | None = MAX_BYTES
) -> Iterator[Item]:
    """The inputs listed one a line in ``handle`` (``--files-from``), lazily, in order.

    A line whose first non-blank character is ``{`` is a JSONL record (keyed
    ``name:LINE``, read like a line of a ``.jsonl`` file); any other line is
    the path of one file, the line ending removed and nothing else, so that a
    name may hold spaces (write ``./{x}.txt`` for a file whose name starts
    with ``{``).  Blank lines are skipped; names that are not UTF-8 are kept
    as their bytes (``os.fsdecode``).
    """
    for item in _line_items(handle, name, max_bytes):
        line = item.line
        if line is None or line.lstrip().startswith(b"{"):
            yield item  # a record, or an overlong line's error
            continue
        path = os.fsdecode(line.rstrip(b"\r\n"))
        yield Item(key=path, path=path)


def read_listing(path: str, *, max_bytes: int | None = MAX_BYTES) -> Iterator[Item]:
    """:func:`listed_items` of the file ``path``, opened now (records keyed ``path:LINE``).

    Opened before the first item is asked for, so that a missing or
    unreadable list is one error before anything is written, not a record.
    """
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by _closing_items when it ends
    except OSError as exc:
        raise _os_error(exc, path) from None
    return _closing_items(handle, path, max_bytes)


def _closing_items(handle: IO[bytes], name: str, max_bytes: int | None) -> Iterator[Item]:
    with handle:
        yield from listed_items(handle, name, max_bytes=max_bytes)


def known_count(paths: Iterable[str | os.PathLike[str]]) -> int | None:
    """How many inputs ``paths`` hold, when that is known without reading them (for a progress bar).

    Known when every path is one input: not a folder (walked lazily) and not
    a ``.jsonl`` file (a line each).  None otherwise.
    """
    count = 0
    for raw in paths:
        path = os.fspath(raw)
        if _is_jsonl(path) or os.path.isdir(path):
            return None
        count += 1
    return count


def text_key(text: str) -> str:
    """The ``input`` of a document given as bare text: its content hash."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8)
    return f"text:{digest.hexdigest()}"

"""Read a document's bytes from a file, within the memory a parse may take.

The size limits are derived here from the measured worst-case memory of a
parse, so that the CLI, batch runs and the library refuse a file that
would exhaust a small machine before reading it; OS failures become
:class:`~speechparse.errors.SpeechParseError` subclasses with the file's name.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from speechparse.errors import (
    InputIsADirectoryError,
    InputNotFoundError,
    InputPermissionError,
    InputTooLargeError,
    NotAFileError,
    ReadError,
    SpeechParseError,
)

__all__ = [
    "EXPLAIN_FACTOR",
    "EXPLAIN_MAX_BYTES",
    "MAX_BYTES",
    "MEMORY_BUDGET",
    "WORST_FACTOR",
    "read_path",
    "too_large",
]

MEMORY_BUDGET = 1 << 30
"""Memory one parse may take at the default limit: 1 GiB, so that ``batch -j 2``
on a small (4 GB) machine, or a default run anywhere, cannot exhaust it."""

WORST_FACTOR = 40
"""Peak RSS over the baseline of a parse (and of ``speechparse outline``,
``parse``, ``render``, ``chunks``) as a multiple of the input, at worst: a file
of nothing but heading lines (measured 27–34.5×, ``benchmarks/memory.py``;
speech text 6–8×).  ``explain`` has its own factor and limit below."""

MAX_BYTES = 16 * 1024 * 1024
"""Largest file ``read_path`` reads by default: ``WORST_FACTOR`` times it fits in
``MEMORY_BUDGET`` (16 MiB × 40 = 640 MiB, plus a baseline of ~50 MB).  A
speech is kilobytes and a whole compilation a few megabytes, so a larger
"document" is almost always a mistake (a dump, a database file), better
refused at once than parsed into gigabytes; ``max_bytes=None`` (``--max-bytes
0``) lifts the limit for the rare real one."""


EXPLAIN_FACTOR = 100
"""Peak RSS of ``explain`` as a multiple of its input, at worst (a row object per
line: measured 94× for heading lines, 17× for speech text)."""

EXPLAIN_MAX_BYTES = 8 * 1024 * 1024
"""``explain``'s own default limit, derived like ``MAX_BYTES``: 8 MiB × 100 = 800 MiB,
plus the baseline, fits ``MEMORY_BUDGET``.  An explanation is read by a person,
a document at a time; a file past this wants ``outline`` or a larger ``--max-bytes``."""


def read_path(path: str | os.PathLike[str], *, max_bytes: int | None = MAX_BYTES) -> bytes:
    """Read a file's bytes, turning OS failures into :class:`SpeechParseError`.

    ``max_bytes=None`` lifts the size limit.
    """
    p = Path(path)
    name = str(path)
    try:
        st = p.stat()
        mode = st.st_mode
        if stat.S_ISDIR(mode):
            raise InputIsADirectoryError("is a directory", name=name)
        if not stat.S_ISREG(mode):
            # A FIFO blocks until a writer comes and /dev/zero never ends:
            # only regular files are read (standard input is read with "-").
            raise NotAFileError("not a regular file (a FIFO, device or socket)", name=name)
        if max_bytes is not None and st.st_size > max_bytes:
            raise too_large(st.st_size, max_bytes, name)
        with p.open("rb") as f:
            data = f.read() if max_bytes is None else f.read(max_bytes + 1)
        if max_bytes is not None and len(data) > max_bytes:
            raise too_large(len(data), max_bytes, name)  # it grew while being read
        return data
    except SpeechParseError:
        raise  # raised above; several of them are OSErrors too (errors.py)
    except FileNotFoundError:
        raise InputNotFoundError("no such file", name=name) from None
    except IsADirectoryError:
        raise InputIsADirectoryError("is a directory", name=name) from None
    except PermissionError:
        raise InputPermissionError("permission denied", name=name) from None
    except OSError as exc:
        raise ReadError(exc.strerror or "cannot read", name=name) from None


def too_large(size: int, max_bytes: int, name: str) -> InputTooLargeError:
    """The one message for input over the size limit (files and standard input)."""
    return InputTooLargeError(
        f"{size:,} bytes is over the {max_bytes:,}-byte limit (max_bytes)", name=name
    )

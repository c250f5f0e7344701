"""The ``speechparse`` command: outline, parse, render, explain, chunks and schema.

Every command reads a file path or ``-`` for standard input.  ``outline``,
``parse``, ``render`` and ``chunks`` also take several FILEs or
``--files-from LIST`` and then print JSON Lines, one ``batch`` record per
input.  Bad input prints one line ``speechparse: NAME: problem`` to
standard error and exits with the error's code (see docs/cli.md); never a
traceback.

The commands live in one module each by what they work on:
:mod:`~speechparse.apps.cli.documents` (outline, parse, render, chunks,
schema), :mod:`~speechparse.apps.cli.explain`,
:mod:`~speechparse.apps.cli.batch` and :mod:`~speechparse.apps.cli.index`
(index, search); the group and what they share are in
:mod:`~speechparse.apps.cli.common`.  Importing this package registers
every command on :func:`main`, the console entry point.
"""

from __future__ import annotations

# Importing a command's module registers it on the group (@main.command).
from speechparse.apps.cli import batch, documents, explain, index  # noqa: F401
from speechparse.apps.cli.batch import _progress as _progress
from speechparse.apps.cli.common import INPUT_FAILED, NO_HITS, main
from speechparse.apps.cli.common import _color as _color

__all__ = ["INPUT_FAILED", "NO_HITS", "main"]

"""What every ``speechparse`` command shares: the group, its options, output and errors.

The command group (``--max-bytes``, ``--encoding``, ``--errors``) and how a
command reads them, writing to standard output without holding it twice,
one stderr line and an exit code for every :class:`SpeechParseError`
(never a traceback), colour on a terminal, and the options and exit codes
several commands take.  Each command lives in its own module and imports
from here; this module imports no command.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
from collections.abc import Callable, Iterable
from typing import Any, Literal, TypeVar

import click
from click.core import ParameterSource

from speechparse.api import parse_bytes, parse_file
from speechparse.apps import batch as _batch
from speechparse.apps.output import write_error
from speechparse.errors import SpeechParseError
from speechparse.model.document import Document
from speechparse.reading.source import MAX_BYTES, too_large
from speechparse.views.chunks import DEFAULT_MAX_CHARS

INPUT_FAILED = 7
"""Exit code of ``batch`` and ``index`` when the run finished but some inputs failed."""

NO_HITS = 1
"""Exit code of ``search`` when nothing matched: grep's convention, so ``search … && …`` works."""

F = TypeVar("F", bound=Callable[..., Any])


def _max_bytes(default: int = MAX_BYTES) -> int | None:
    """The size limit given to the command group (0 means none).

    ``default`` is the command's own limit when ``--max-bytes`` was not given:
    ``explain`` needs more memory per input byte than the other commands.
    """
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return default
    root = ctx.find_root()
    if root.get_parameter_source("max_bytes") in (None, ParameterSource.DEFAULT):
        return default
    return int(root.params.get("max_bytes", default)) or None


def _encoding() -> str | None:
    """The ``--encoding`` given to the command group (None: detect)."""
    ctx = click.get_current_context(silent=True)
    value = ctx.find_root().params.get("encoding") if ctx else None
    return str(value) if value else None


def _errors() -> Literal["strict", "replace"]:
    """The ``--errors`` given to the command group."""
    ctx = click.get_current_context(silent=True)
    value = ctx.find_root().params.get("errors") if ctx else None
    return "replace" if value == "replace" else "strict"


def _stdin(default: int = MAX_BYTES) -> bytes:
    """Standard input, never more than ``--max-bytes`` of it held (``yes | speechparse …``)."""
    limit = _max_bytes(default)
    if limit is None:
        return sys.stdin.buffer.read()
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise too_large(len(data), limit, "<stdin>")
    return data


def _decoding() -> dict[str, Any]:
    """``--encoding`` and ``--errors`` as keyword arguments, for every command that reads.

    The one place that hands them on (parse, explain, batch and index), so a
    command cannot forget them.
    """
    return {"encoding": _encoding(), "errors": _errors()}


def _load(path: str, unmask: bool = False) -> Document:
    if path == "-":
        return parse_bytes(_stdin(), name="<stdin>", unmask=unmask, **_decoding())
    return parse_file(path, unmask=unmask, max_bytes=_max_bytes(), **_decoding())


_PIECE = 1 << 16
"""Characters encoded at a time: the output is never held twice, as text and as bytes."""


def _write(*parts: str | bytes | memoryview) -> None:
    """Write text as UTF-8 (bytes as they are), so CRLF and CR survive on every platform."""
    _write_all(parts)


def _write_all(parts: Iterable[str | bytes | memoryview]) -> None:
    """Write each part as it comes (an iterator is never gathered first).

    Text is encoded a piece at a time: encoding a whole document's JSON at
    once would hold a second copy of it, and the output is what a run's peak
    memory is made of once the document is parsed (benchmarks/memory.py).
    A failed write (a full disk) is an :class:`OutputError`, never exit 0
    with the output cut short; a closed pipe is left to :func:`_guard`.
    """
    out = sys.stdout.buffer
    try:
        for part in parts:
            if not isinstance(part, str):
                out.write(part)
                continue
            for at in range(0, len(part), _PIECE):
                out.write(part[at : at + _PIECE].encode("utf-8", "surrogatepass"))
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise write_error(exc, "<stdout>") from None


def _json(data: Any) -> None:
    """``json.dumps(data, ensure_ascii=False, indent=2)`` and a newline, written as it is made.

    With ``indent`` the standard library encodes in Python and joins many
    small strings at the end; writing them as they come (gathered into
    pieces) keeps that list out of memory, with the same bytes.
    """
    pieces: list[str] = []
    size = 0
    for chunk in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data):
        pieces.append(chunk)
        size += len(chunk)
        if size >= _PIECE:
            _write("".join(pieces))
            pieces.clear()
            size = 0
    pieces.append("\n")
    _write("".join(pieces))


def _guard(func: F) -> F:
    """Turn :class:`SpeechParseError` into one stderr line and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SpeechParseError as exc:
            click.echo(f"speechparse: {exc}", err=True)
            sys.exit(exc.exit_code)
        except BrokenPipeError:
            # The reader went away (``| head``): not an error.  Point stdout at
            # /dev/null so the interpreter's final flush cannot fail again.
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)

    return wrapper  # type: ignore[return-value]


_FILE = click.argument("file", metavar="FILE", type=str)
_UNMASK = click.option(
    "--unmask", is_flag=True, help="Restore known masks (D → 党) in clean text; source unchanged."
)


def _jobs(jobs: int) -> int:
    return jobs or os.cpu_count() or 1


_JOBS = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Worker processes; 0 for one per CPU.",
)


def _color() -> bool:
    """Colour on a terminal, unless NO_COLOR is set to anything (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _options(**kwargs: Any) -> _batch.RecordOptions:
    """Record options for ``batch`` and ``index``, with the group's size limit and decoding."""
    if kwargs.get("overlap", 0) >= kwargs.get("max_chars", DEFAULT_MAX_CHARS):
        raise click.BadParameter("must be less than --max-chars", param_hint="--overlap")
    return _batch.RecordOptions(**kwargs, max_bytes=_max_bytes(), **_decoding())


def _summarise(summary: str, errors: int) -> None:
    """A batch or index run's last line on stderr, and exit 7 when any input failed."""
    click.echo(f"speechparse: {summary}", err=True)
    if errors:
        sys.exit(INPUT_FAILED)


def _report(record: dict[str, Any]) -> None:
    """One stderr line per failed input, as it is written (the record has the same text)."""
    click.echo(f"speechparse: {record['error']}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="speechparse")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=0),
    default=MAX_BYTES,
    show_default=True,
    help="Refuse files larger than this (0: no limit).",
)
@click.option(
    "--encoding",
    metavar="NAME",
    default=None,
    help="Decode input with this codec (big5, shift_jis, …) instead of detecting it.",
)
@click.option(
    "--errors",
    type=click.Choice(["strict", "replace"]),
    default="strict",
    show_default=True,
    help="replace: bytes no encoding reads become U+FFFD, each one a diagnostic.",
)
def main(max_bytes: int, encoding: str | None, errors: str) -> None:
    """Parse Chinese speeches and official documents (FILE may be - for stdin)."""

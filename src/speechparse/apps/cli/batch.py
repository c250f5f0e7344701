"""The ``batch`` command, and the PATH options it shares with ``index``.

A run over a corpus: PATHs (folders walked, ``.jsonl`` files split) or
``--files-from LIST``, a progress bar on a terminal, one stderr line per
failed input and a summary line at the end (docs/batch.md).  ``index``
(:mod:`speechparse.apps.cli.index`) finds its inputs the same way, with
the same options, imported from here.
"""

from __future__ import annotations

import contextlib
import itertools
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal

import click

from speechparse.apps import batch as _batch
from speechparse.apps.cli.common import (
    _JOBS,
    _UNMASK,
    _guard,
    _jobs,
    _max_bytes,
    _options,
    _report,
    _summarise,
    main,
)
from speechparse.apps.columns import ROWS, Rows
from speechparse.errors import SpeechParseError
from speechparse.formats import DEFAULT_GLOB
from speechparse.views.chunks import DEFAULT_MAX_CHARS


@contextlib.contextmanager
def _progress(label: str, total: int | None = None) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on standard error when it is a terminal; nothing when it is piped.

    With ``total`` (every PATH a single file, :func:`speechparse.apps.batch.known_count`)
    the bar shows the percentage and the time left; otherwise (folders and
    JSONL files are listed lazily) the count, the error count and the rate.
    """
    if not sys.stderr.isatty():
        yield lambda _records, _errors: None
        return
    started = time.perf_counter()
    errors = 0

    def status(_: Any) -> str:
        rate = bar.pos / max(time.perf_counter() - started, 1e-9)
        return f"{errors} errors  {rate:,.0f} docs/s"

    # A range has a length: click then shows the percentage and the time left.
    steps: Iterable[Any] = itertools.repeat(None) if total is None else range(total)
    bar = click.progressbar(
        steps,
        label=label,
        file=sys.stderr,
        show_pos=True,
        show_percent=total is not None,
        show_eta=True,
        item_show_func=status,
    )

    def update(records: int, new_errors: int) -> None:
        nonlocal errors
        errors += new_errors
        bar.update(records, current_item=None)

    with bar:
        yield update


_PATHS = click.argument("paths", nargs=-1, type=str, metavar="PATH...")
_PATHS_FROM = click.option(
    "--files-from",
    metavar="LIST",
    default=None,
    help="Also read PATHs from LIST (- for standard input), one a line.",
)


def _paths(paths: tuple[str, ...], files_from: str | None) -> list[str]:
    """The PATHs of ``batch``/``index``: those given, then those listed by ``--files-from``.

    Each listed line is a PATH like one on the command line (a folder is
    walked, a ``.jsonl`` file split).  The list is read whole, because the
    run checks its output against every input and records them for
    ``--resume`` before it starts, as it does for PATHs given as arguments.
    JSONL records belong in a ``.jsonl`` file here, which is what lets a
    resumed run find them again.
    """
    if "-" in paths:
        raise click.BadParameter(
            "batch and index read no document from standard input; "
            "give a list of paths on standard input with --files-from -",
            param_hint="PATH",
        )
    found = list(paths)
    if files_from is not None:
        if files_from == "-":
            listed = _batch.listed_items(sys.stdin.buffer, "<stdin>", max_bytes=_max_bytes())
        else:
            listed = _batch.read_listing(files_from, max_bytes=_max_bytes())
        for item in listed:
            if item.error is not None:
                raise SpeechParseError(item.error[1])
            if item.path is None:
                raise click.BadParameter(
                    f"{item.key} is a JSONL record; batch and index read records "
                    "from a .jsonl file given as a PATH",
                    param_hint="--files-from",
                )
            found.append(item.path)
    if not found:
        raise click.UsageError("Missing argument 'PATH...' (or --files-from LIST).")
    return found


_GLOB = click.option(
    "--glob",
    default=DEFAULT_GLOB,
    show_default=True,
    help="Files to take from folders (searched recursively); several patterns: comma-separated.",
)
_TEXT_FIELD = click.option(
    "--jsonl-text-field",
    default="text",
    show_default=True,
    help="Field of each .jsonl line that holds the document text.",
)
_ID_FIELD = click.option(
    "--jsonl-id-field",
    default="id",
    show_default=True,
    help="Field of each .jsonl line that holds the document id.",
)
_MAX_CHARS = click.option(
    "--max-chars",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_CHARS,
    show_default=True,
    help="Longest chunk text (chunks).",
)
_OVERLAP = click.option(
    "--overlap",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Characters repeated from the previous piece of a section (chunks).",
)


@main.command()
@_PATHS
@_PATHS_FROM
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="OUT.jsonl",
    help="JSON Lines output, one line per input; - for standard output (not for parquet).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice((*_batch.FORMATS, "parquet")),
    default="outline",
    show_default=True,
    help="What each line holds beside input and id; parquet: a table (see --rows).",
)
@click.option(
    "--rows",
    type=click.Choice(ROWS),
    default="documents",
    show_default=True,
    help="With --format parquet: one row per document or one per chunk.",
)
@_JOBS
@_GLOB
@_TEXT_FIELD
@_ID_FIELD
@click.option(
    "--resume",
    is_flag=True,
    help="Continue an interrupted run into the same OUT (same PATHs and options).",
)
@click.option("--no-source", is_flag=True, help="Leave the source text out (document).")
@_MAX_CHARS
@_OVERLAP
@click.option("--embed-text", is_flag=True, help="Add embed_text to each chunk (chunks).")
@_UNMASK
@_guard
def batch(
    paths: tuple[str, ...],
    files_from: str | None,
    *,
    output: str,
    fmt: _batch.Format | Literal["parquet"],
    rows: Rows,
    jobs: int,
    glob: str,
    jsonl_text_field: str,
    jsonl_id_field: str,
    resume: bool,
    no_source: bool,
    max_chars: int,
    overlap: int,
    embed_text: bool,
    unmask: bool,
) -> None:
    """Parse files, folders and .jsonl documents into JSON Lines, one line per input.

    Lines come in input order whatever --jobs is; an input that cannot be
    parsed gives a line {"input", "error", "error_type"} and the run goes on.
    With --format parquet the same inputs become a Parquet table instead
    (docs/columns.md), a row per document or per chunk, failed inputs as rows.
    """
    if resume and output == "-":
        raise click.BadParameter("cannot resume standard output", param_hint="--resume")
    if fmt == "parquet":
        _parquet_options(output, resume=resume, no_source=no_source, embed_text=embed_text)
    elif rows != "documents":
        raise click.BadParameter("only with --format parquet", param_hint="--rows")
    inputs = _paths(paths, files_from)
    options = _options(
        format="outline" if fmt == "parquet" else fmt,
        unmask=unmask,
        source=not no_source,
        max_chars=max_chars,
        overlap=overlap,
        embed_text=embed_text,
        text_field=jsonl_text_field,
        id_field=jsonl_id_field,
    )
    out: Any = sys.stdout.buffer if output == "-" else output
    try:
        total = None if resume else _batch.known_count(inputs)
        with _progress("parsing", total) as progress:
            if fmt == "parquet":
                from speechparse.apps.parquet import write_parquet  # noqa: PLC0415 - optional extra

                stats = write_parquet(
                    inputs,
                    output,
                    options,
                    rows=rows,
                    jobs=_jobs(jobs),
                    glob=glob,
                    progress=progress,
                    on_error=_report,
                )
            else:
                stats = _batch.run_batch(
                    inputs,
                    out,
                    options,
                    jobs=_jobs(jobs),
                    glob=glob,
                    resume=resume,
                    progress=progress,
                    on_error=_report,
                )
    except KeyboardInterrupt:
        hint = "" if output == "-" else "; the same command with --resume continues"
        click.echo(f"speechparse: interrupted{hint}", err=True)
        sys.exit(130)
    skipped = f", {stats.skipped} already done" if stats.skipped else ""
    _summarise(
        f"{stats.records} records ({stats.errors} errors){skipped} "
        f"in {stats.seconds:.1f} s -> {output}",
        stats.errors,
    )


def _parquet_options(output: str, *, resume: bool, no_source: bool, embed_text: bool) -> None:
    """Refuse what a Parquet table cannot do, before any input is read."""
    if output == "-":
        raise click.BadParameter("parquet needs a file, not standard output", param_hint="-o")
    if resume:
        raise click.BadParameter(
            "a Parquet file cannot be continued: run again without --resume",
            param_hint="--resume",
        )
    if no_source or embed_text:
        # The table never holds the source, and every chunk row has embed_text.
        flag = "--no-source" if no_source else "--embed-text"
        raise click.BadParameter("has no effect with --format parquet", param_hint=flag)

"""The ``speechparse`` command: outline, parse, render, explain, chunks and schema.

Every command reads a file path or ``-`` for standard input.  ``outline``,
``parse``, ``render`` and ``chunks`` also take several FILEs or
``--files-from LIST`` and then print JSON Lines, one ``batch`` record per
input.  Bad input prints one line ``speechparse: NAME: problem`` to
standard error and exits with the error's code (see docs/cli.md); never a
traceback.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal, TypeVar

import click
from click.core import ParameterSource

from speechparse.api import parse_bytes, parse_file
from speechparse.apps import batch as _batch
from speechparse.apps import index as _index
from speechparse.apps.columns import ROWS, Rows
from speechparse.apps.output import write_error
from speechparse.errors import SpeechParseError
from speechparse.formats import DEFAULT_GLOB
from speechparse.model.document import Document
from speechparse.model.outline import Outline
from speechparse.reading.source import EXPLAIN_MAX_BYTES, MAX_BYTES, too_large
from speechparse.views.chunks import DEFAULT_MAX_CHARS, iter_chunks
from speechparse.views.document_json import document_json
from speechparse.views.explain import ExplainRenderer
from speechparse.views.explainer import PREVIEW, explain_bytes, explain_file, parse_line_range
from speechparse.views.tree import OutlineTreeRenderer

__all__ = ["INPUT_FAILED", "NO_HITS", "main"]

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


# -- one FILE or several (docs/cli.md, "Several files") -------------------------

_FILES = click.argument("files", nargs=-1, metavar="FILE...", type=str)
_FILES_FROM = click.option(
    "--files-from",
    metavar="LIST",
    default=None,
    help="Read inputs from LIST (- for standard input), one a line: a path, "
    "or a JSONL record starting with {.  Output is JSON Lines.",
)


def _inputs(files: tuple[str, ...], files_from: str | None) -> Iterator[_batch.Item] | None:
    """The inputs of a command given FILE..., or None for the one-document mode.

    One FILE without ``--files-from`` is the mode these commands always had:
    one document, its own output.  Anything else prints JSON Lines, one
    record per input; the choice follows the arguments, never how many
    inputs a list turns out to hold, so a script's output format cannot
    depend on its data.  ``-`` keeps one meaning, a document on standard
    input, and is therefore allowed only alone: a list on standard input is
    ``--files-from -``.
    """
    if files_from is None and len(files) == 1:
        return None
    if files_from is None and not files:
        raise click.UsageError("Missing argument 'FILE...' (or --files-from LIST).")
    if "-" in files:
        raise click.BadParameter(
            "- (a document on standard input) must be the only FILE; "
            "give a list of paths on standard input with --files-from -",
            param_hint="FILE",
        )
    items = _batch.file_items(files)
    if files_from is None:
        return items
    if files_from == "-":
        listed = _batch.listed_items(sys.stdin.buffer, "<stdin>", max_bytes=_max_bytes())
    else:
        listed = _batch.read_listing(files_from, max_bytes=_max_bytes())
    return itertools.chain(items, listed)


def _many_options(fmt: _batch.Format, unmask: bool, **kwargs: Any) -> _batch.RecordOptions:
    """The record options of several FILEs: the command's (``_options`` adds the group's)."""
    return _options(format=fmt, unmask=unmask, **kwargs)


def _write_many(items: Iterator[_batch.Item], options: _batch.RecordOptions, jobs: int) -> None:
    """Print one ``batch`` record per input; a stderr line per failed one, exit 7 if any failed."""
    stats = _batch.write_records(
        items, sys.stdout.buffer, options, jobs=_jobs(jobs), on_error=_report
    )
    if stats.errors:
        sys.exit(INPUT_FAILED)


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


def _tree(outline: dict[str, Any]) -> str:
    """The outline as an indented tree, coloured on a terminal unless NO_COLOR is set."""
    return OutlineTreeRenderer(color=_color()).render(Outline.model_validate(outline))


@main.command()
@_FILES
@_FILES_FROM
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tree", "json"]),
    default=None,
    help="tree: an indented tree for people; json: the outline JSON "
    "[default: tree when standard output is a terminal, else json].",
)
@_JOBS
@_UNMASK
@_guard
def outline(
    files: tuple[str, ...], files_from: str | None, fmt: str | None, jobs: int, unmask: bool
) -> None:
    """Print the outline: the outline JSON (title and the section tree), or a tree for people.

    JSON stays the default whenever standard output is not a terminal, so
    ``speechparse outline FILE | python …`` reads what it always read.
    """
    fmt = fmt or ("tree" if sys.stdout.isatty() else "json")
    items = _inputs(files, files_from)
    if items is None:
        found = _load(files[0], unmask).outline()
        if fmt == "json":
            _json(found)
        else:
            _write(_tree(found))
        return
    options = _many_options("outline", unmask)
    if fmt == "json":
        _write_many(items, options, jobs)
        return
    failed = 0
    for n, (item, value) in enumerate(_batch.iter_documents(items, options, jobs=_jobs(jobs))):
        if isinstance(value, SpeechParseError):
            click.echo(f"speechparse: {value}", err=True)
            failed += 1
            continue
        _write(("\n" if n else "") + f"==> {item.key} <==\n" + _tree(value.outline()))
    if failed:
        sys.exit(INPUT_FAILED)


@main.command(name="parse")
@_FILES
@_FILES_FROM
@click.option("--no-source", is_flag=True, help="Leave the source text out of the JSON.")
@_JOBS
@_UNMASK
@_guard
def parse_cmd(
    files: tuple[str, ...], files_from: str | None, no_source: bool, jobs: int, unmask: bool
) -> None:
    """Print the full document JSON (every node with its span)."""
    items = _inputs(files, files_from)
    if items is not None:
        _write_many(items, _many_options("document", unmask, source=not no_source), jobs)
        return
    doc = _load(files[0], unmask)
    exclude = {"source"} if no_source else None
    # In pieces, as UTF-8 bytes: the whole JSON at once, as a str, would
    # weigh three times its size on top of the document (render/document_json.py).
    _write_all(itertools.chain(document_json(doc, exclude=exclude), [b"\n"]))


@main.command()
@_FILES
@_FILES_FROM
@click.option(
    "--to",
    "fmt",
    type=click.Choice(["text", "markdown", "source"]),
    default="text",
    show_default=True,
    help="text: clean text; markdown; source: the input exactly.",
)
@_JOBS
@_UNMASK
@_guard
def render(
    files: tuple[str, ...], files_from: str | None, fmt: _batch.Format, jobs: int, unmask: bool
) -> None:
    """Render the document as clean text, Markdown, or the exact source.

    Several documents are never run together as plain text, where nothing
    could tell where one ends: they come as JSON Lines, each rendering one
    JSON string (``{"input", "id", "text"}``).
    """
    items = _inputs(files, files_from)
    if items is not None:
        _write_many(items, _many_options(fmt, unmask), jobs)
        return
    doc = _load(files[0], unmask)
    if fmt == "source":
        _write(doc.to_source())
    elif fmt == "markdown":
        _write(doc.to_markdown())
    else:
        _write(doc.to_text())


@main.command()
@_FILES
@_FILES_FROM
@click.option(
    "--max-chars",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_CHARS,
    show_default=True,
    help="Longest chunk text, overlap included.",
)
@click.option(
    "--overlap",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Characters of the previous piece of the same section repeated in front.",
)
@click.option(
    "--min-chars",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Avoid pieces shorter than this where a neighbour can take them.",
)
@click.option("--merge-siblings", is_flag=True, help="Let small sibling sections share a chunk.")
@click.option(
    "--no-empty", is_flag=True, help="Skip sections that have a heading and nothing else."
)
@click.option("--doc-id", default=None, help="Document id for chunk ids [default: source hash].")
@click.option(
    "--embed-text",
    is_flag=True,
    help="Add an embed_text field: heading path and text, as an embedder gets them.",
)
@_JOBS
@_UNMASK
@_guard
def chunks(
    files: tuple[str, ...],
    files_from: str | None,
    *,
    max_chars: int,
    overlap: int,
    min_chars: int,
    merge_siblings: bool,
    no_empty: bool,
    doc_id: str | None,
    embed_text: bool,
    jobs: int,
    unmask: bool,
) -> None:
    """Print the body text as chunks for an index: JSON Lines, one chunk a line.

    Several FILEs give one line per document instead, ``{"input", "id",
    "title", "chunks": [...]}`` as ``batch --format chunks`` writes it.
    """
    if overlap >= max_chars:
        raise click.BadParameter("must be less than --max-chars", param_hint="--overlap")
    cutting: dict[str, Any] = {
        "max_chars": max_chars,
        "overlap": overlap,
        "min_chars": min_chars,
        "merge_siblings": merge_siblings,
        "keep_empty": not no_empty,
    }
    items = _inputs(files, files_from)
    if items is not None:
        if doc_id is not None:
            raise click.BadParameter("names one document; not with several", param_hint="--doc-id")
        _write_many(items, _many_options("chunks", unmask, **cutting, embed_text=embed_text), jobs)
        return
    found = iter_chunks(_load(files[0], unmask), **cutting, doc_id=doc_id)

    def lines() -> Iterator[str]:
        # One chunk, one line at a time: a list of chunks and the lines joined
        # would each be about the output's size again (benchmarks/memory.py).
        for chunk in found:
            data = chunk.model_dump(mode="json")
            if embed_text:
                data["embed_text"] = chunk.contextualize()
            yield json.dumps(data, ensure_ascii=False) + "\n"

    _write_all(lines())


def _line_range(_ctx: Any, _param: Any, value: str | None) -> tuple[int, int | None]:
    """``--lines`` as (first, last); a bad range is a usage error (exit 2)."""
    try:
        return parse_line_range(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--lines") from None


def _color() -> bool:
    """Colour on a terminal, unless NO_COLOR is set to anything (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@main.command(name="explain")
@_FILE
@click.option("--json", "as_json", is_flag=True, help="One JSON object on one line, for programs.")
@click.option(
    "--preview",
    type=click.IntRange(min=0),
    default=PREVIEW,
    show_default=True,
    help="Characters of each line shown (0: the whole line).",
)
@click.option(
    "--lines",
    "window",
    metavar="A-B",
    callback=_line_range,
    help="Only lines A to B (A-, -B and A also work); --json keeps the rows of those lines.",
)
@_UNMASK
@_guard
def explain_cmd(
    file: str, as_json: bool, preview: int, window: tuple[int, int | None], unmask: bool
) -> None:
    """Print what every line became and why: one aligned line per source line.

    Title candidates with their scores, headings with level, marker, number
    and numbering style, paragraphs with their points, trailer and noise
    kinds, and the diagnostics under the line they point at.
    """
    if file == "-":
        found = explain_bytes(
            _stdin(EXPLAIN_MAX_BYTES), name="<stdin>", unmask=unmask, preview=preview, **_decoding()
        )
    else:
        found = explain_file(
            file,
            unmask=unmask,
            max_bytes=_max_bytes(EXPLAIN_MAX_BYTES),
            preview=preview,
            **_decoding(),
        )
    if window != (1, None):
        found = found.window(*window)
    if as_json:
        _write(found.__pydantic_serializer__.to_json(found), b"\n")
        return
    _write(ExplainRenderer(color=_color()).render(found))


@main.command()
def schema() -> None:
    """Print the JSON Schema of the document JSON."""
    _json(Document.model_json_schema())


# -- many documents: batch, index, search (docs/batch.md) ----------------------


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


def _options(**kwargs: Any) -> _batch.RecordOptions:
    """Record options for ``batch`` and ``index``, with the group's size limit and decoding."""
    if kwargs.get("overlap", 0) >= kwargs.get("max_chars", DEFAULT_MAX_CHARS):
        raise click.BadParameter("must be less than --max-chars", param_hint="--overlap")
    return _batch.RecordOptions(**kwargs, max_bytes=_max_bytes(), **_decoding())


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


def _summarise(summary: str, errors: int) -> None:
    """A batch or index run's last line on stderr, and exit 7 when any input failed."""
    click.echo(f"speechparse: {summary}", err=True)
    if errors:
        sys.exit(INPUT_FAILED)


def _report(record: dict[str, Any]) -> None:
    """One stderr line per failed input, as it is written (the record has the same text)."""
    click.echo(f"speechparse: {record['error']}", err=True)


@main.command()
@_PATHS
@_PATHS_FROM
@click.option(
    "--db", required=True, metavar="FILE.sqlite", help="SQLite index to create or update."
)
@_JOBS
@_GLOB
@_TEXT_FIELD
@_ID_FIELD
@_MAX_CHARS
@_OVERLAP
@_UNMASK
@click.option(
    "--rebuild",
    is_flag=True,
    help="Start the database afresh (drops what it held, any schema version).",
)
@click.option(
    "--short-terms",
    is_flag=True,
    help="Accepted for indexes of schema 3; every index now answers 1-2 character terms.",
)
@_guard
def index(
    paths: tuple[str, ...],
    files_from: str | None,
    *,
    db: str,
    rebuild: bool,
    short_terms: bool,
    jobs: int,
    glob: str,
    jsonl_text_field: str,
    jsonl_id_field: str,
    max_chars: int,
    overlap: int,
    unmask: bool,
) -> None:
    """Chunk documents into a SQLite full-text index (FTS5, character pairs) for `search`.

    Incremental: a file already indexed is skipped while its size and mtime
    (else its content hash) and the chunk options are unchanged, replaced
    when it changed, and removed when it is gone from under the PATHs.
    JSONL records are indexed every run, replacing the same id.
    Inputs that cannot be parsed are reported on standard error and skipped.
    Masked text (D员) is matched as restored (党员) whatever --unmask says;
    --unmask decides what snippets show.  --rebuild empties the database
    first and indexes everything again: the way to move an index made by an
    older speechparse.
    """
    options = _options(
        format="chunks",
        unmask=unmask,
        max_chars=max_chars,
        overlap=overlap,
        text_field=jsonl_text_field,
        id_field=jsonl_id_field,
    )

    inputs = _paths(paths, files_from)
    with _progress("indexing", _batch.known_count(inputs)) as progress:
        stats = _index.index_paths(
            inputs,
            db,
            options,
            jobs=_jobs(jobs),
            glob=glob,
            progress=progress,
            on_error=_report,
            rebuild=rebuild,
            short_terms=short_terms,
        )
    _summarise(
        f"{stats.documents} documents, {stats.chunks} chunks ({stats.errors} errors); "
        f"{stats.added} added, {stats.replaced} replaced, {stats.unchanged} unchanged, "
        f"{stats.removed} removed in {stats.seconds:.1f} s -> {db}",
        stats.errors,
    )


@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", type=str)
@click.option("--db", required=True, metavar="FILE.sqlite", help="Index made by `index`.")
@click.option(
    "-n", "--limit", type=click.IntRange(min=1), default=10, show_default=True, help="Most hits."
)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one hit a line.")
@_guard
def search(query: str, *, db: str, limit: int, as_json: bool) -> None:
    """Search the index: terms, "phrases", OR, NOT/-term, prefix*, ( ), title: and heading:.

    Terms side by side must all occur; a run of Chinese characters is matched
    as written (a phrase).  Best first (bm25, title and heading matches above
    body matches).  Prints each hit's title, path, heading path and a snippet
    with the match between « »; --json one object per line.  Exit 0 with
    hits, 1 without, 2 for a query that does not parse (docs/cli.md).
    """
    hits = _index.search(db, query, limit=limit)
    if as_json:
        _write("".join(hit.model_dump_json() + "\n" for hit in hits))
    else:
        _print_hits(hits)
    if not hits:
        click.echo("speechparse: no hits", err=True)
        sys.exit(NO_HITS)


def _print_hits(hits: list[_index.Hit]) -> None:
    """Three lines a hit for a reader: rank, title and path; heading path; snippet."""
    color = _color()
    lines = []
    for n, hit in enumerate(hits, 1):
        snippet = hit.snippet
        if color:
            open_, close = _index.MARKS
            snippet = snippet.replace(open_, "\x1b[1;31m").replace(close, "\x1b[0m")
        lines.append(f"{n}. {hit.title or '(untitled)'}  [{hit.path}]")
        lines.append("   " + " › ".join(hit.heading_path))
        lines.append("   " + snippet.replace("\n", " "))
    _write("".join(line + "\n" for line in lines))


if __name__ == "__main__":  # pragma: no cover
    main()

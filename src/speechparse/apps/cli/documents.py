"""The one-document commands: outline, parse, render, chunks and schema.

Each reads one FILE (or ``-`` for standard input) and prints that
document's own output; given several FILEs or ``--files-from LIST`` they
print JSON Lines instead, one ``batch`` record per input, so their lines
are byte for byte those of ``speechparse batch`` (docs/cli.md, "Several
files").
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Iterator
from typing import Any

import click

from speechparse.apps import batch as _batch
from speechparse.apps.cli.common import (
    _JOBS,
    _UNMASK,
    INPUT_FAILED,
    _color,
    _guard,
    _jobs,
    _json,
    _load,
    _max_bytes,
    _options,
    _report,
    _write,
    _write_all,
    main,
)
from speechparse.errors import SpeechParseError
from speechparse.model.document import Document
from speechparse.model.outline import Outline
from speechparse.views.chunks import DEFAULT_MAX_CHARS, iter_chunks
from speechparse.views.document_json import document_json
from speechparse.views.tree import OutlineTreeRenderer

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


@main.command()
def schema() -> None:
    """Print the JSON Schema of the document JSON."""
    _json(Document.model_json_schema())

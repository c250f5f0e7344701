"""The ``index`` and ``search`` commands: a SQLite full-text index of chunks, and queries on it.

``index`` takes its inputs as ``batch`` does (the PATH options of
:mod:`speechparse.apps.cli.batch`); the index itself, incremental runs and
the query language are :mod:`speechparse.apps.index`'s.
"""

from __future__ import annotations

import sys

import click

from speechparse.apps import batch as _batch
from speechparse.apps import index as _index
from speechparse.apps.cli.batch import (
    _GLOB,
    _ID_FIELD,
    _MAX_CHARS,
    _OVERLAP,
    _PATHS,
    _PATHS_FROM,
    _TEXT_FIELD,
    _paths,
    _progress,
)
from speechparse.apps.cli.common import (
    _JOBS,
    _UNMASK,
    NO_HITS,
    _color,
    _guard,
    _jobs,
    _options,
    _report,
    _summarise,
    _write,
    main,
)


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

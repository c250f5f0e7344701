"""The ``speechparse`` command: outline, parse, render, chunks and schema.

Every command reads a file path or ``-`` for standard input.  Bad input
prints one line ``speechparse: NAME: problem`` to standard error and exits
with the error's code (see docs/cli.md); never a traceback.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from speechparse.api import parse_bytes, parse_file
from speechparse.chunks import DEFAULT_MAX_CHARS
from speechparse.errors import SpeechParseError
from speechparse.model.document import Document

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])


def _load(path: str, unmask: bool = False) -> Document:
    if path == "-":
        return parse_bytes(sys.stdin.buffer.read(), name="<stdin>", unmask=unmask)
    return parse_file(path, unmask=unmask)


def _write(text: str) -> None:
    """Write UTF-8 bytes, so CRLF and CR survive on every platform."""
    sys.stdout.buffer.write(text.encode("utf-8", "surrogatepass"))
    sys.stdout.buffer.flush()


def _json(data: Any) -> None:
    _write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


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
            sys.exit(0)

    return wrapper  # type: ignore[return-value]


_FILE = click.argument("file", metavar="FILE", type=str)
_UNMASK = click.option(
    "--unmask", is_flag=True, help="Restore known masks (D → 党) in clean text; source unchanged."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="speechparse")
def main() -> None:
    """Parse Chinese speeches and official documents (FILE may be - for stdin)."""


@main.command()
@_FILE
@_UNMASK
@_guard
def outline(file: str, unmask: bool) -> None:
    """Print the outline JSON: title and the section tree."""
    _json(_load(file, unmask).outline())


@main.command(name="parse")
@_FILE
@click.option("--no-source", is_flag=True, help="Leave the source text out of the JSON.")
@_UNMASK
@_guard
def parse_cmd(file: str, no_source: bool, unmask: bool) -> None:
    """Print the full document JSON (every node with its span)."""
    doc = _load(file, unmask)
    exclude = {"source"} if no_source else None
    _write(doc.model_dump_json(indent=2, exclude=exclude) + "\n")


@main.command()
@_FILE
@click.option(
    "--to",
    "fmt",
    type=click.Choice(["text", "markdown", "source"]),
    default="text",
    show_default=True,
    help="text: clean text; markdown; source: the input exactly.",
)
@_UNMASK
@_guard
def render(file: str, fmt: str, unmask: bool) -> None:
    """Render the document as clean text, Markdown, or the exact source."""
    doc = _load(file, unmask)
    if fmt == "source":
        _write(doc.to_source())
    elif fmt == "markdown":
        _write(doc.to_markdown())
    else:
        _write(doc.to_text())


@main.command()
@_FILE
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
@_UNMASK
@_guard
def chunks(
    file: str,
    *,
    max_chars: int,
    overlap: int,
    min_chars: int,
    merge_siblings: bool,
    no_empty: bool,
    doc_id: str | None,
    embed_text: bool,
    unmask: bool,
) -> None:
    """Print the body text as chunks for an index: JSON Lines, one chunk a line."""
    if overlap >= max_chars:
        raise click.BadParameter("must be less than --max-chars", param_hint="--overlap")
    doc = _load(file, unmask)
    lines = []
    for chunk in doc.chunks(
        max_chars=max_chars,
        overlap=overlap,
        min_chars=min_chars,
        merge_siblings=merge_siblings,
        keep_empty=not no_empty,
        doc_id=doc_id,
    ):
        data = chunk.model_dump(mode="json")
        if embed_text:
            data["embed_text"] = chunk.contextualize()
        lines.append(json.dumps(data, ensure_ascii=False) + "\n")
    _write("".join(lines))


@main.command()
def schema() -> None:
    """Print the JSON Schema of the document JSON."""
    _json(Document.model_json_schema())


if __name__ == "__main__":  # pragma: no cover
    main()

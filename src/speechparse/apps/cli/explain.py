"""The ``explain`` command: what every line of a document became, and why.

Apart from the other one-document commands because it reads differently
(its own size limit, ``explain`` needs more memory per input byte) and
prints a report about the parse rather than the parse itself.
"""

from __future__ import annotations

from typing import Any

import click

from speechparse.apps.cli.common import (
    _FILE,
    _UNMASK,
    _color,
    _decoding,
    _guard,
    _max_bytes,
    _stdin,
    _write,
    main,
)
from speechparse.reading.source import EXPLAIN_MAX_BYTES
from speechparse.views.explain import ExplainRenderer
from speechparse.views.explainer import PREVIEW, explain_bytes, explain_file, parse_line_range


def _line_range(_ctx: Any, _param: Any, value: str | None) -> tuple[int, int | None]:
    """``--lines`` as (first, last); a bad range is a usage error (exit 2)."""
    try:
        return parse_line_range(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--lines") from None


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

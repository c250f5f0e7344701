"""The full document JSON in pieces, byte for byte what ``model_dump_json`` gives.

``speechparse parse`` prints a JSON that is 4–12 times the size of its input
(indented, the text twice: ``source`` and the paragraphs).  Made in one go,
pydantic-core builds it in a growing buffer and copies that into a
``bytes``, and ``model_dump_json`` decodes it into a ``str`` (two bytes a
character for Chinese text): the output was held three times over on top of
the parsed document, more than the parse itself (benchmarks/memory.py).
Here a node is serialized with its large parts left empty — the tuples of
nodes (sections, preamble, trailer, noise, diagnostics, masks; a section's
paragraphs and children) and strings over ``BIG`` characters (the source) —
and the parts are written into the places the empty ones held: tuple
elements one at a time, re-indented (a large section in pieces again), a
string a slice at a time.  The peak is the document plus one piece.

Why this is exact: with ``indent=2`` every key of a serialized node sits on
its own line after exactly two spaces (deeper keys have more, and a JSON
string never holds a raw newline), so ``\n  "sections": []`` occurs once
in it; an element serializes with its own class's serializer to what the
enclosing serializer gives for it; indenting every line of it by the depth
it sits at reproduces the nesting; and pydantic-core escapes a string one
character at a time, so slices escape to the pieces of the whole.
``tests/invariants.check_models`` compares the pieces with
``model_dump_json`` for every document the tests parse (fixtures, corpus,
property tests), with ``big`` lowered so that every path is taken.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel
from pydantic_core import to_json

from speechparse.model.document import Document

__all__ = ["INDENT", "document_json"]

INDENT = 2
"""The indentation ``speechparse parse`` prints with."""

BIG = 1 << 15
"""A node spanning more characters than this, or a longer string, is serialized in pieces."""


def document_json(
    doc: Document, *, exclude: set[str] | None = None, big: int = BIG
) -> Iterator[bytes | memoryview]:
    """UTF-8 pieces whose concatenation is ``doc.model_dump_json(indent=2, exclude=exclude)``.

    ``big``: nodes spanning more characters, and ``str`` fields longer, are
    serialized in pieces (the tests lower it to take every path on small
    documents).
    """
    return _pieces(doc, exclude, b"\n", big)


def _streamed(model: BaseModel, exclude: set[str] | None, big: int) -> list[str]:
    """The model's non-empty tuples of nodes and long strings, in declaration order.

    Only fields declared ``str`` count as strings: a ``Literal`` field emptied
    in the shell would make its serializer warn.
    """
    found = []
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if exclude and name in exclude:
            continue
        if isinstance(value, str):
            if info.annotation is str and len(value) > big:
                found.append(name)
        elif value and isinstance(value, tuple) and isinstance(value[0], BaseModel):
            found.append(name)
    return found


def _pieces(
    model: BaseModel, exclude: set[str] | None, pad: bytes, big: int
) -> Iterator[bytes | memoryview]:
    """``model``'s JSON with every newline followed by ``pad``'s indentation.

    ``pad`` is a newline and the spaces the model's lines sit at; ``b"\\n"``
    for the document itself, whose shell is then handed out without a copy.
    """
    serializer = model.__pydantic_serializer__
    streamed = _streamed(model, exclude, big)
    if not streamed:
        yield _indent(serializer.to_json(model, indent=INDENT, exclude=exclude), pad)
        return
    empty = {n: "" if isinstance(getattr(model, n), str) else () for n in streamed}
    shell = model.model_copy(update=empty)
    head = serializer.to_json(shell, indent=INDENT, exclude=exclude)
    del shell
    view = memoryview(head)
    pos = 0
    for name in streamed:  # in declaration order, so each key comes after the last
        key = b'\n  "' + name.encode() + (b'": ""' if empty[name] == "" else b'": []')
        cut = head.index(key, pos) + len(key) - 1  # just before the closing quote or bracket
        yield _indent(view[pos:cut], pad)
        value = getattr(model, name)
        if isinstance(value, str):
            yield from _string(value, big)
        else:
            yield from _items(value, pad, big)
        pos = cut
    yield _indent(view[pos:], pad)


def _string(text: str, big: int) -> Iterator[bytes]:
    """The inside of ``text``'s JSON string, escaped by pydantic-core a slice at a time.

    Escaping is per character, so slices escape to the pieces of the whole.
    """
    for at in range(0, len(text), big):
        yield to_json(text[at : at + big])[1:-1]


def _items(items: tuple[BaseModel, ...], pad: bytes, big: int) -> Iterator[bytes | memoryview]:
    """The elements of a JSON array, each on its own lines, and the indentation of its end."""
    inner = pad + b" " * (2 * INDENT)
    last = len(items) - 1
    for k, item in enumerate(items):
        yield inner
        span = getattr(item, "span", (0, 0))
        if span[1] - span[0] > big:
            yield from _pieces(item, None, inner, big)
        else:
            yield _indent(item.__pydantic_serializer__.to_json(item, indent=INDENT), inner)
        if k < last:
            yield b","
    yield pad + b" " * INDENT


def _indent(data: bytes | memoryview, pad: bytes) -> bytes | memoryview:
    """``data`` with every newline followed by ``pad``'s indentation (as it is for none)."""
    if pad == b"\n":
        return data
    return bytes(data).replace(b"\n", pad)

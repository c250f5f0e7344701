"""Make nodes from values the parser already knows are right, without re-checking them.

Why: pydantic's validating constructor costs 2–5 µs per node (the text is
copied through the validator, a section's tuples are walked again), and a
6 KB speech has some forty nodes, so validation alone was the largest single
cost of a parse.  The parser only ever passes values of the declared types,
built by its own code; re-checking them at run time protects nothing.

What keeps this honest: the tests re-validate every document the parser
makes (``tests/invariants.check_models``: the dump read back through the
validators is equal to the document, and each node's fields stand in
declaration order), over the fixtures, the corpus and the property tests.
Nodes a *user* builds still go through the validating constructors.

A trusted node is an ordinary instance of its class: equality, hashing,
``model_dump``, pickling and ``model_copy`` work as for a validated one.
All trusted nodes of a class share one ``model_fields_set`` (every field):
a set per node would cost a fifth of a large document's memory.  The shared
set is a :class:`SharedFieldsSet`, which refuses to change so that no node
can change it for the others, and becomes a plain set when pydantic copies
it (``model_copy(update=...)`` copies the set, then adds to the copy).

``SPEECHPARSE_VALIDATE=1`` in the environment routes every trusted node
through pydantic's validators instead: slower, for development, when a
builder change is suspected of making a node the validators would reject.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

from pydantic import BaseModel

__all__ = ["VALIDATE", "SharedFieldsSet", "trusted", "trusted_maker"]

M = TypeVar("M", bound=BaseModel)

VALIDATE = os.environ.get("SPEECHPARSE_VALIDATE") == "1"
"""Validate every trusted node (read once, at import)."""


class SharedFieldsSet(set[str]):
    """The ``model_fields_set`` all trusted nodes of a class share.

    A ``set`` (pydantic-core reads it as one) that refuses to change, so
    that no node can change it for the others; a copy is a plain ``set``,
    which is what pydantic updates in ``model_copy(update=...)``.
    """

    __slots__ = ()

    def _refuse(self, *_args: object, **_kwargs: object) -> NoReturn:
        raise TypeError("a trusted node's fields set is shared by its class: copy it to change it")

    add = discard = remove = pop = clear = update = _refuse
    difference_update = intersection_update = symmetric_difference_update = _refuse
    __ior__ = __iand__ = __isub__ = __ixor__ = _refuse

    def __copy__(self) -> set[str]:
        return set(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> set[str]:
        return set(self)


_FIELDS_SET: dict[type[BaseModel], SharedFieldsSet] = {}

# BaseModel keeps a node's state in four slots; their descriptors are called
# directly: ``object.__setattr__`` would look each one up by name again for
# every node, which is most of what a trusted node costs to make.
_slots = BaseModel.__dict__
_set_dict = _slots["__dict__"].__set__
_set_fields_set = _slots["__pydantic_fields_set__"].__set__
_set_extra = _slots["__pydantic_extra__"].__set__
_set_private = _slots["__pydantic_private__"].__set__
_new = object.__new__


def trusted(cls: type[M], values: dict[str, Any]) -> M:
    """An instance of ``cls`` holding ``values`` as they are (the dict is kept, not copied).

    ``values`` must name every field, in declaration order, defaults included.
    """
    if VALIDATE:
        return cls.model_validate(values)
    fields_set = _FIELDS_SET.get(cls)
    if fields_set is None:
        fields_set = _FIELDS_SET[cls] = SharedFieldsSet(cls.model_fields)
    node = _new(cls)
    _set_dict(node, values)
    _set_fields_set(node, fields_set)
    _set_extra(node, None)
    _set_private(node, None)
    return node


def trusted_maker(cls: type[M]) -> Callable[[dict[str, Any]], M]:
    """:func:`trusted` for one class, as a function of the values alone.

    Why: the lexer makes a paragraph node for nearly every line; this skips
    the per-call lookups of ``trusted`` (the validate switch, the class's
    shared fields set, the slot setters as globals), which are a sizeable part
    of a node's cost.  The node made is the same.
    """
    if VALIDATE:
        return cls.model_validate
    fields_set = _FIELDS_SET.get(cls)
    if fields_set is None:
        fields_set = _FIELDS_SET[cls] = SharedFieldsSet(cls.model_fields)

    new, set_dict, set_fields_set = _new, _set_dict, _set_fields_set
    set_extra, set_private = _set_extra, _set_private

    def make(values: dict[str, Any]) -> M:
        node: M = new(cls)
        set_dict(node, values)
        set_fields_set(node, fields_set)
        set_extra(node, None)
        set_private(node, None)
        return node

    return make

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
nodes are frozen, so pydantic never adds to it in place (``model_copy``
copies it before updating), and a set per node would cost a fifth of a large
document's memory.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["trusted"]

M = TypeVar("M", bound=BaseModel)

_set = object.__setattr__
_FIELDS_SET: dict[type[BaseModel], set[str]] = {}


def trusted(cls: type[M], values: dict[str, Any]) -> M:
    """An instance of ``cls`` holding ``values`` as they are (the dict is kept, not copied).

    ``values`` must name every field, in declaration order, defaults included.
    """
    fields_set = _FIELDS_SET.get(cls)
    if fields_set is None:
        fields_set = _FIELDS_SET[cls] = set(cls.model_fields)
    node = cls.__new__(cls)
    _set(node, "__dict__", values)
    _set(node, "__pydantic_fields_set__", fields_set)
    _set(node, "__pydantic_extra__", None)
    _set(node, "__pydantic_private__", None)
    return node

"""``batch --resume`` made exact: what a run was made with, and every record checked.

A run writes a sidecar ``OUT.run.json`` beside its output naming the paths,
the glob and every record option.  ``--resume`` refuses to continue when
any of them differ (a changed ``--format`` would mix record types in one
file), and then walks the records already written side by side with the
inputs, checking that record *n* names input *n* for every *n*: a file
added before the cut and another removed would leave the count right and
the last record matching, yet one input missing.  Only the ``input`` key of
each line is decoded, so the check costs little even on a large output.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any, Protocol

from speechparse.apps.output import write_error
from speechparse.errors import BatchError

__all__ = ["RUN_SUFFIX", "resume", "run_info", "run_path", "write_run"]

RUN_SUFFIX = ".run.json"
"""``OUT.run.json`` records what ``OUT`` was made with."""

RUN_SCHEMA = "speechparse.apps.batch-run"
_DECODER = json.JSONDecoder()
_PREFIX = b'{"input":'


class _Keyed(Protocol):
    @property
    def key(self) -> str: ...


def run_path(out: Path) -> Path:
    """The sidecar of the output ``out``."""
    return out.with_name(out.name + RUN_SUFFIX)


def run_info(paths: Sequence[str], glob: str, options: Any) -> dict[str, Any]:
    """What a run is made with: enough to tell whether a resume continues the same run."""
    return {
        "schema_name": RUN_SCHEMA,
        "version": 1,
        "paths": list(paths),
        "glob": glob,
        "options": dataclasses.asdict(options),
    }


def write_run(out: Path, info: dict[str, Any]) -> None:
    """Write the sidecar whole (a temporary file renamed), so it is never half there."""
    target = run_path(out)
    tmp = target.with_name(target.name + ".tmp")
    try:
        tmp.write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        raise write_error(exc, str(target)) from None


_ADDED: dict[str, Any] = {"min_chars": 0, "merge_siblings": False, "keep_empty": True}
"""Record options added after run records were first written, with the value every
earlier run had: a run record without them continues with these, not refused."""


def _check_run(out: Path, info: dict[str, Any]) -> None:
    target = run_path(out)
    try:
        before = json.loads(target.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return  # an output made before sidecars: the records are still checked one by one
    except (OSError, ValueError):
        raise BatchError("cannot resume: the run record is unreadable", name=str(target)) from None
    changed = [k for k in ("paths", "glob") if before.get(k) != info[k]]
    old, new = before.get("options", {}), info["options"]
    was = {k: old.get(k, _ADDED.get(k)) for k in new}
    changed += [f"{k} {was[k]!r} → {new[k]!r}" for k in new if was[k] != new[k]]
    if changed:
        raise BatchError(
            f"cannot resume: the run was made with other settings ({'; '.join(changed)})",
            name=str(out),
        )


def resume(work: Path, out: Path, items: Iterator[_Keyed], info: dict[str, Any]) -> int:
    """Cut a partial last line of ``work``, check every record against ``items``; return the count.

    ``items`` is consumed exactly as far as the records go, so the run
    continues with the first input not yet written.
    """
    _check_run(out, info)
    with open(work, "r+b") as f:
        count, end = _complete_lines(f)
        f.truncate(end)
        f.seek(0)
        for n in range(1, count + 1):
            key = _input_of(f.readline(), n, work)
            item = next(items, None)
            if item is None:
                raise BatchError(
                    f"cannot resume: {count} records but only {n - 1} inputs", name=str(work)
                )
            if item.key != key:
                raise BatchError(
                    f"cannot resume: record {n} is for {key} but input {n} is {item.key}; "
                    "were the inputs or their order changed?",
                    name=str(work),
                )
    return count


def _input_of(line: bytes, n: int, work: Path) -> str:
    """The ``input`` of a record line, decoding nothing else."""
    if line.startswith(_PREFIX):
        try:
            key, _ = _DECODER.raw_decode(line.decode("utf-8"), len(_PREFIX))
        except (UnicodeDecodeError, ValueError):
            pass
        else:
            if isinstance(key, str):
                return key
    raise BatchError(f"cannot resume: line {n} is not a batch record", name=str(work))


def _complete_lines(f: IO[bytes]) -> tuple[int, int]:
    """(number of newline-terminated lines, offset just after the last one)."""
    count = end = pos = 0
    f.seek(0)
    while block := f.read(1 << 20):
        n = block.count(b"\n")
        if n:
            count += n
            end = pos + block.rindex(b"\n") + 1
        pos += len(block)
    return count, end

"""Writing output without losing data: never onto an input, never half a file that looks whole.

Three rules live here and nowhere else:

* an output path that is an input (same resolved path or same inode, so a
  hard link or a symlink is caught) or lies inside an input folder is
  refused before anything is written: ``batch a.txt -o a.txt`` would
  destroy its input, and an output inside a walked folder is read back as
  input by the next run;
* a file output is written to ``OUT.partial`` and renamed onto ``OUT`` only
  when complete, so a run that fails or is killed never leaves a file that
  looks finished (``--resume`` continues the ``.partial``);
* every write error (a full disk, a closed pipe aside) becomes one
  :class:`~speechparse.errors.OutputError` line instead of a traceback or,
  worse, exit 0 with the output cut short.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from speechparse.errors import OutputError

__all__ = [
    "PARTIAL_SUFFIX",
    "check_output",
    "finish",
    "is_special",
    "partial_path",
    "write_error",
]

PARTIAL_SUFFIX = ".partial"
"""``OUT.partial`` holds a run's records until the run is complete."""


def write_error(exc: OSError, name: str) -> OutputError:
    """The one-line error for a failed write to ``name`` (a file or ``<stdout>``)."""
    reason = exc.strerror or errno.errorcode.get(exc.errno or 0, "") or "cannot write"
    return OutputError(f"cannot write: {reason}", name=name)


def partial_path(out: str | os.PathLike[str]) -> Path:
    """Where the records of ``out`` are written until the run is complete."""
    path = Path(out)
    return path.with_name(path.name + PARTIAL_SUFFIX)


def check_output(out: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Refuse an output that cannot be written or that would overwrite or re-read an input.

    Runs before anything is opened for writing.  Inputs that do not exist
    are left to the input listing, which reports them.
    """
    name = os.fspath(out)
    path = Path(name)
    if path.is_dir():
        raise OutputError("is a directory", name=name)
    parent = path.parent
    if not parent.is_dir():
        what = "is not a folder" if parent.exists() else "does not exist"
        raise OutputError(f"cannot write: the folder {parent} {what}", name=name)
    resolved = path.resolve()
    written = [_identity(path), _identity(partial_path(path))]
    for raw in inputs:
        given = os.fspath(raw)
        try:
            st = os.stat(given)
        except OSError:
            continue
        if (st.st_dev, st.st_ino) in written or Path(given).resolve() == resolved:
            raise OutputError(f"is the input {given}; refusing to overwrite it", name=name)
        if stat.S_ISDIR(st.st_mode) and _inside(resolved, Path(given).resolve()):
            raise OutputError(
                f"is inside the input folder {given}; it would be read back as input", name=name
            )


def is_special(path: Path) -> bool:
    """An existing output that is not a regular file (a device, a FIFO): written, never replaced."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _inside(path: Path, folder: Path) -> bool:
    return path != folder and path.is_relative_to(folder)


def finish(partial: Path, out: Path) -> None:
    """Move the complete records into place (atomic on one file system)."""
    try:
        os.replace(partial, out)
    except OSError as exc:
        raise write_error(exc, str(out)) from None

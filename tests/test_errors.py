"""The error classes: one family, and the builtin each input error also is.

Callers that know only the standard library catch ``FileNotFoundError`` or
``ValueError``; the process pool sends errors back pickled.  Both must work
without changing the one-line message or the batch record.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

import speechparse
from speechparse import errors
from speechparse.apps.batch import Item, RecordOptions, iter_inputs, render_line

BUILTINS: list[tuple[type[errors.SpeechParseError], type[Exception]]] = [
    (errors.InputNotFoundError, FileNotFoundError),
    (errors.InputIsADirectoryError, IsADirectoryError),
    (errors.InputPermissionError, PermissionError),
    (errors.NotAFileError, OSError),
    (errors.ReadError, OSError),
    (errors.DecodeError, ValueError),
    (errors.BinaryInputError, ValueError),
    (errors.PathAsTextError, ValueError),
]


@pytest.mark.parametrize(("cls", "builtin"), BUILTINS, ids=lambda c: c.__name__)
def test_error_is_its_builtin_with_one_line_message(
    cls: type[errors.SpeechParseError], builtin: type[Exception]
) -> None:
    """``str``, ``args`` and ``name`` are the family's, whatever builtin is mixed in.

    OSError reads two positional arguments as (errno, strerror) and shows
    them as ``[Errno 2] ...``: the constructor passes one, so nothing of the
    sort happens and the OS fields stay None.
    """
    err = cls("no  such\nfile", name="a.txt")
    assert isinstance(err, builtin)
    assert isinstance(err, errors.SpeechParseError)
    assert str(err) == "a.txt: no such file"
    assert err.args == ("a.txt: no such file",)
    assert err.name == "a.txt"
    if isinstance(err, OSError):
        assert (err.errno, err.strerror, err.filename) == (None, None, None)
    with pytest.raises(builtin):
        raise err


@pytest.mark.parametrize(("cls", "builtin"), BUILTINS, ids=lambda c: c.__name__)
def test_error_pickles_whole(cls: type[errors.SpeechParseError], builtin: type[Exception]) -> None:
    """A worker's error comes back from the pool as the same class, message and name."""
    err = cls("is a directory", name="corpus/a")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is cls
    assert isinstance(back, builtin)
    assert (str(back), back.args, back.name, back.exit_code) == (
        str(err),
        err.args,
        "corpus/a",
        err.exit_code,
    )


def test_builtin_subclasses_keep_exit_code_and_record_type() -> None:
    """The classes that exist to match a builtin exit and record as their parents did."""
    assert errors.InputIsADirectoryError.exit_code == errors.NotAFileError.exit_code == 3
    assert errors.InputPermissionError.exit_code == errors.ReadError.exit_code == 3
    assert errors.InputIsADirectoryError.record_type == "NotAFileError"
    assert errors.InputPermissionError.record_type == "ReadError"
    assert errors.DecodeError.record_type == "DecodeError"
    assert errors.PathAsTextError.exit_code == 1


def test_reading_raises_the_builtin_kinds(tmp_path: Path) -> None:
    """``parse(Path)`` on a missing file, a folder and bad bytes: catchable as builtins."""
    with pytest.raises(FileNotFoundError, match="no such file"):
        speechparse.parse(tmp_path / "missing.txt")
    with pytest.raises(IsADirectoryError, match="is a directory"):
        speechparse.parse(tmp_path)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    with pytest.raises(ValueError, match=r"bad\.txt"):
        speechparse.parse(bad)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
def test_unreadable_file_is_a_permission_error(tmp_path: Path) -> None:
    """A file without read permission is a PermissionError, recorded as ReadError in batch."""
    locked = tmp_path / "locked.txt"
    locked.write_text("在全县大会上的讲话\n", encoding="utf-8")
    locked.chmod(0)
    try:
        with pytest.raises(PermissionError, match="permission denied"):
            speechparse.parse(locked)
        (item,) = iter_inputs([str(locked)])
        line, failed = render_line(item, RecordOptions())
    finally:
        locked.chmod(0o600)
    assert failed
    assert json.loads(line)["error_type"] == "ReadError"


def test_refused_open_is_a_permission_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same without needing a non-root user: the operating system refuses the open."""
    name = tmp_path / "locked.txt"
    name.write_text("讲话\n", encoding="utf-8")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(PermissionError, match="permission denied") as caught:
        speechparse.parse(name)
    assert type(caught.value) is errors.InputPermissionError
    assert str(caught.value) == f"{name}: permission denied"


def test_directory_record_still_says_not_a_file(tmp_path: Path) -> None:
    """Batch records keep ``NotAFileError`` for a directory read as a file."""
    folder = tmp_path / "d.txt"
    folder.mkdir()
    line, failed = render_line(Item(key=str(folder), path=str(folder)), RecordOptions())
    assert failed
    assert json.loads(line)["error_type"] == "NotAFileError"


def test_parse_str_naming_a_file_points_to_path(tmp_path: Path) -> None:
    """``parse("x.txt")`` for an existing file refuses, naming ``Path(...)`` as the fix."""
    name = tmp_path / "speech.txt"
    name.write_text("在全县大会上的讲话\n", encoding="utf-8")
    with pytest.raises(errors.PathAsTextError) as caught:
        speechparse.parse(str(name))
    message = str(caught.value)
    assert f"Path({str(name)!r})" in message
    assert "parse_text" in message
    assert "\n" not in message
    assert isinstance(caught.value, ValueError)
    # The file itself, and the same string as text, still work.
    assert speechparse.parse(name).title is not None
    assert speechparse.parse_text(str(name)).source == str(name)


def test_parse_str_that_is_text_or_a_folder_name_parses(tmp_path: Path) -> None:
    """Only an existing file counts: a missing name, a folder, text with a line break parse."""
    name = tmp_path / "speech.txt"
    name.write_text("x", encoding="utf-8")
    for text in (str(tmp_path / "missing.txt"), str(tmp_path), str(name) + "\n", "", "\x00"):
        assert speechparse.parse(text).source == text

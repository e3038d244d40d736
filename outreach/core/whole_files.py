"""Write a file whole: into a temporary beside it, synced, then renamed over it.

Input: a target path and its bytes (or a function that writes them). Output: the file,
which no reader ever sees half-written, with the mode the umask gives (or the one asked
for). Temporaries are named `.outreach-<pid>-<random>.NAME.tmp`, so that only ours are
ever removed (issue 21). The build's output folder (`jobs/output_files.py`) and the
translation catalogs (`content/catalogs.py`) both write through here.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

TEMPORARY_PREFIX = ".outreach-"
# `.outreach-<pid>-<mkstemp's random part>.<name>.tmp`: nothing a person names a file.
_OURS = re.compile(r"\.outreach-\d+-[a-z0-9_]{8}\..+\.tmp")


def is_our_temporary(name: str) -> bool:
    """Whether a file name is one of our temporaries (never a user's `.foo.tmp`)."""
    return _OURS.fullmatch(name) is not None


def file_mode() -> int:
    """The mode a new file gets from the umask (0644 under umask 022).

    mkstemp makes 0600 files; outputs are for colleagues, web servers and shared drives.
    """
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def spool_file(
    folder: Path, name: str, write: Callable[[BinaryIO], object], mode: int | None = None
) -> Path:
    """A temporary file for `name` in `folder`, filled by `write` and synced to disk."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f"{TEMPORARY_PREFIX}{os.getpid()}-", suffix=f".{name}.tmp", dir=folder
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            if hasattr(os, "fchmod"):  # not on Windows before 3.13
                os.fchmod(stream.fileno(), file_mode() if mode is None else mode)
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def atomic_write_with(
    path: Path, write: Callable[[BinaryIO], object], mode: int | None = None
) -> None:
    """Let `write` fill a temporary file beside `path`, then rename it into place."""
    temporary = spool_file(path.parent, path.name, write, mode)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write via a temporary file and rename, so no reader ever sees half a file."""
    atomic_write_with(path, lambda stream: stream.write(data), mode)

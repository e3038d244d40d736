"""Write output files so that no reader ever sees half of one.

Every file goes to a temporary `.outreach-<pid>-<random>.NAME.tmp` beside its target and is
renamed into place when whole. A PDF built into a folder is streamed into such a file as it
is drawn (`spool_file`), so a long print run is never held in memory (issue 3); a build
killed half-way leaves only temporaries, which the next build removes. Only files named
that way are ever removed: a user's own `.notes.tmp` is not ours (issue 21). A build holds
a lock on its output folder (`lock_folder`), so a second build cannot take its temporaries
for a dead build's.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from outreach.core.whole_files import (
    TEMPORARY_PREFIX,
    atomic_write,
    atomic_write_with,
    file_mode,
    is_our_temporary,
    spool_file,
)
from outreach.render.pdf_data import PdfData

__all__ = [  # written here for the build, whole-file writing itself is core's
    "TEMPORARY_PREFIX",
    "atomic_write",
    "atomic_write_with",
    "file_mode",
    "is_our_temporary",
    "spool_file",
]

LOCK_NAME = ".outreach.lock"


class FolderBusyError(Exception):
    """Another build holds the output folder's lock."""


def remove_stale_temporaries(out_dir: Path) -> None:
    """Delete the temporaries a killed build left behind (never a finished output).

    Call it only while holding the folder's lock: then no other build is writing there.
    """
    if out_dir.is_dir():
        for stale in out_dir.iterdir():
            if is_our_temporary(stale.name):
                stale.unlink(missing_ok=True)


@contextmanager
def lock_folder(out_dir: Path) -> Iterator[Path]:
    """Hold an exclusive lock on `out_dir` (created if needed) while a build writes there.

    The lock file lives only as long as the build: it is removed while still locked, and a
    build that locked a file since removed tries again, so two builds never both hold it.

    Raises:
        FolderBusyError: if another build holds it; it is never waited for.
        OSError: if the folder cannot be made or written (a file, `/dev/null`, read-only).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; builds must not overlap
        yield out_dir
        return
    path = out_dir / LOCK_NAME
    while True:
        handle = path.open("a+b")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.close()
            raise FolderBusyError(str(out_dir)) from exc
        try:
            same = os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        handle.close()  # locked a file its holder had just removed: take the new one
    try:
        yield out_dir
    finally:
        path.unlink(missing_ok=True)
        handle.close()


def write_json(stream: BinaryIO, data: object, **options: Any) -> None:
    """Encode JSON into `stream` as it goes.

    A print run's manifest lists every site and its codes: encoding it to one string
    first would hold it twice more at the end of the build (issue 3).
    """
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="\n")
    json.dump(data, text, **options)
    text.write("\n")
    text.flush()
    text.detach()


def atomic_write_json(path: Path, data: object, **options: Any) -> None:
    """Write JSON as it is encoded, atomically."""
    atomic_write_with(path, lambda stream: write_json(stream, data, **options))


class Staging:
    """Files written to temporaries first, then renamed into place one after another.

    Running out of disk or permission happens while staging, when nothing has been
    replaced yet; the renames that follow need no space. The last file staged is renamed
    last: the manifest, so a folder whose moves were cut short fails `outreach check`.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._moves: list[tuple[Path, Path]] = []

    def add(self, name: str, data: PdfData) -> None:
        """Stage `name`: a PDF's temporary file as it is, or bytes written to one."""
        if isinstance(data, Path):
            self._moves.append((data, self.folder / name))
        else:
            self.add_with(name, lambda stream: stream.write(data))

    def add_with(self, name: str, write: Callable[[BinaryIO], object]) -> None:
        """Stage `name`, filled by `write`."""
        self._moves.append((spool_file(self.folder, name, write), self.folder / name))

    def commit(self) -> list[Path]:
        """Rename every staged file into place, in the order staged; returns the targets."""
        done = []
        for temporary, target in self._moves:
            os.replace(temporary, target)
            done.append(target)
        self._moves = []
        return done

    def discard(self) -> None:
        """Remove every staged temporary that is still there."""
        for temporary, _ in self._moves:
            temporary.unlink(missing_ok=True)
        self._moves = []

"""The one atomic file write: a temporary file in the same folder, written, flushed and fsynced,
moved over the target in one step (os.replace), then the folder fsynced. A reader never sees half a
file, and a failed or killed write leaves the old file as it was.

A target that is a symbolic link has its link target updated (the link stays a link); the new file
keeps the old one's permission bits (a new file gets the usual ones, not mkstemp's 0600). Temp files
are named ``.<name>.<8 random>.tmp``; ``remove_stale_temp_files`` clears those a killed save left.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bcpviewer.io.errors import SaveError

# mkstemp's names: ".<name>." + 8 characters + ".tmp"; older versions also wrote
# ".<stem>-XXXXXXXX.xlsx.tmp" and ".<stem>-XXXXXXXX.pdf.tmp".
_TEMP_NAME = re.compile(r"^\..+[.-][a-z0-9_]{8}(?:\.xlsx|\.pdf)?\.tmp$")
STALE_MINUTES = 60


def write_atomic(path: str | os.PathLike[str], content: bytes | Callable[[str], None], *,
                 what: str = "file") -> Path:
    """Write ``content`` to ``path`` atomically and return the path written (a link's target).

    ``content`` is the bytes, or a function that writes the file at the temporary path it is given
    (openpyxl's ``wb.save``, a PDF writer). Any OSError becomes SaveError, one sentence naming the
    file and ``what`` it is ("project", "workbook"); the temp file is removed and the old file is
    untouched. Anything else the writer raises (Cancelled included) is re-raised as it is, after the
    temp file is removed.
    """
    target = Path(path)
    if "\x00" in str(target):
        raise SaveError(str(path), f"The {what} could not be saved: its name holds a character no file "
                                   "name can (a NUL). The file on disk has not changed.")
    folder = target.parent if str(target.parent) else Path(".")
    tmp: str | None = None
    try:
        target = _resolve(target)
        folder = target.parent if str(target.parent) else Path(".")
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        if isinstance(content, (bytes, bytearray, memoryview)):
            with os.fdopen(fd, "wb") as fh:
                fh.write(content)
                fh.flush()
                os.fsync(fh.fileno())
        else:
            os.close(fd)
            content(tmp)
            _fsync_file(tmp)
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise SaveError(str(path), _save_reason(target, exc, what)) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    with contextlib.suppress(OSError):  # the new file is in place; this only hurries it to the disk
        _fsync_folder(folder)
    return target


def remove_stale_temp_files(folder: str | os.PathLike[str], older_than_minutes: float = STALE_MINUTES,
                            *, now: float | None = None) -> list[Path]:
    """Remove the temp files a killed write left in ``folder`` (our naming only, regular files
    last changed more than ``older_than_minutes`` ago); returns those removed. Never raises."""
    cutoff = (time.time() if now is None else now) - older_than_minutes * 60
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _TEMP_NAME.match(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and st.st_mtime < cutoff:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _resolve(path: Path) -> Path:
    """A symbolic link's final target (so the link is kept and what it points to is updated)."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _mode_for(target: Path) -> int:
    """The old file's permission bits, or the usual ones for a new file (0666 less the umask)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_file(name: str) -> None:
    fd = os.open(name, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder to flush it; its rename is already durable
        return
    _fsync_file(str(folder))


def _save_reason(path: Path, exc: OSError, what: str) -> str:
    where = f"“{path.name}” in {path.parent}"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        why = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "you do not have permission to write in that folder"
    elif exc.errno == errno.ENOENT:
        why = "the folder does not exist any more"
    elif exc.errno == errno.ENAMETOOLONG:
        why = "the name is too long"
    else:
        why = exc.strerror or str(exc)
    return f"The {what} could not be saved as {where}: {why}. The file on disk has not changed."

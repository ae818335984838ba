"""Opening a file to read: only an ordinary file (never a pipe, a device, a socket or a folder,
however it is reached through links), read with a byte cap rather than "ask its size, read it all".

A FIFO named x.csv would block the first read forever, and a link to /dev/zero or /dev/urandom
never ends; both are refused at once, before a byte is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from bcpviewer.io.errors import LoadError, unreadable
from bcpviewer.io.grid import format_bytes

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def open_regular(path: str | os.PathLike[str], noun: str = "file") -> BinaryIO:
    """The file opened for reading in binary; LoadError (one sentence) when it cannot be opened
    or is not an ordinary file. Opened without blocking, so a pipe is seen before it is read."""
    p = str(path)
    if "\x00" in p:
        raise LoadError(p, f"The name of this {noun} holds a character no file name can (a NUL).")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(p, flags)
    except OSError as e:
        raise unreadable(p, e, noun) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            what = next((name for test, name in _KINDS if test(mode)), "not an ordinary file")
            if what == "a folder":
                raise LoadError(p, f"This is a folder, not a {noun}: choose a {noun} inside it.")
            raise LoadError(p, f"This is {what}, not an ordinary {noun}: it cannot be read. Save "
                               f"the data to a {noun} and open that.")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def check_regular(path: str | os.PathLike[str], noun: str = "file") -> None:
    """LoadError unless ``path`` is an ordinary file that can be opened (see open_regular)."""
    open_regular(path, noun).close()


def read_head(path: str | os.PathLike[str], n: int = 8, noun: str = "file") -> bytes:
    """The first ``n`` bytes of an ordinary file."""
    with open_regular(path, noun) as fh:
        return fh.read(n)


def read_capped(path: str | os.PathLike[str], limit: int, noun: str = "file",
                advice: str = "split it into smaller files") -> bytes:
    """The whole of an ordinary file of at most ``limit`` bytes; LoadError naming the limit when
    it holds more (found by reading one byte past it, whatever its size says)."""
    with open_regular(path, noun) as fh:
        try:
            data = fh.read(limit + 1)
        except OSError as e:
            raise unreadable(str(path), e, noun) from None
    if len(data) > limit:
        size = max(len(data), _size(path))
        raise LoadError(str(path), f"This {noun} is {format_bytes(size)}, more than the "
                                   f"{format_bytes(limit)} limit: {advice}.")
    return data


def _size(path: str | os.PathLike[str]) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0

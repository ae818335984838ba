"""The errors io raises: a file that cannot be read or written (FileError: LoadError, SaveError),
said in one sentence a user can act on, and Cancelled (the user stopped a long read or write)."""

from __future__ import annotations

import errno


class FileError(Exception):
    """A file could not be read or written. ``str(err)`` is one sentence a user can act on."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return self.reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # pickled whole: a worker process sends them
        return type(self), (self.path, self.reason)


class LoadError(FileError):
    """A file could not be read at all."""


class SaveError(FileError, OSError):
    """A file could not be written; the file on disk is as it was. It is also an OSError, so code
    that guards a write with ``except OSError`` still catches it."""

    def __init__(self, path: str, reason: str) -> None:
        FileError.__init__(self, path, reason)

    def __str__(self) -> str:
        return self.reason


class Cancelled(Exception):
    """The user cancelled a load (or a write) in progress; nothing was changed."""


def unreadable(path: str, exc: OSError, noun: str = "file") -> LoadError:
    """The one sentence for a file that could not even be opened (missing, a folder, no permission)."""
    if isinstance(exc, FileNotFoundError):
        return LoadError(path, f"There is no such {noun}: check the name and folder.")
    if isinstance(exc, IsADirectoryError):
        return LoadError(path, f"This is a folder, not a {noun}: choose a {noun} inside it.")
    if isinstance(exc, PermissionError):
        return LoadError(path, f"You do not have permission to read this {noun}.")
    if exc.errno == errno.ENAMETOOLONG:
        return LoadError(path, f"The name of this {noun} is too long to open.")
    return LoadError(path, f"The {noun} could not be opened ({exc.strerror or exc}).")

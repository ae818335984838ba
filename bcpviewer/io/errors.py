"""The one error type a loader raises: a file that cannot be read at all, said in one sentence."""


class LoadError(Exception):
    """A file could not be read at all. ``str(err)`` is one sentence a user can act on."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


class Cancelled(Exception):
    """The user cancelled a load in progress; nothing was changed."""


def unreadable(path: str, exc: OSError, noun: str = "file") -> LoadError:
    """The one sentence for a file that could not even be opened (missing, a folder, no permission)."""
    if isinstance(exc, FileNotFoundError):
        return LoadError(path, f"There is no such {noun}: check the name and folder.")
    if isinstance(exc, IsADirectoryError):
        return LoadError(path, f"This is a folder, not a {noun}: choose a {noun} inside it.")
    if isinstance(exc, PermissionError):
        return LoadError(path, f"You do not have permission to read this {noun}.")
    return LoadError(path, f"The {noun} could not be opened ({exc.strerror or exc}).")

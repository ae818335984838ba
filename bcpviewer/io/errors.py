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

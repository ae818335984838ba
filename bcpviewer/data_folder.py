"""Where the app keeps files of its own (recovery files, the user's updated copy of the official
data): the one rule, used by the settings (ui) and by io. Light to import: start-up uses it before
the io package is loaded, so it lives beside ``bundled``, not in io."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "BCPVIEWER_DATA_DIR"  # a folder to use instead of the user's data folder
ORGANISATION, APPLICATION = "BCP Viewer", "bcpviewer"


def data_dir(own: str | Path | None = None) -> Path:
    """$BCPVIEWER_DATA_DIR when set, else ``own`` (the folder of settings kept in a file: tests,
    portable installs), else the user's data folder (platformdirs)."""
    env = os.environ.get(DATA_DIR_ENV, "").strip()
    if env:
        return Path(env)
    if own is not None:
        return Path(own)
    return user_data_dir()


def user_data_dir() -> Path:
    """The user's data folder for the app (for example ~/.local/share/bcpviewer)."""
    from platformdirs import user_data_dir as folder  # here, not at start-up

    return Path(folder(APPLICATION, ORGANISATION))

"""Where the official data is: the shipped file (resources/official.sqlite, never written) and the
user's updated copy in the app's data folder (File › Update official data writes it; the app reads
it in preference to the shipped file while it is there and readable)."""

from __future__ import annotations

import os
from pathlib import Path

import bcpviewer
from bcpviewer import data_folder
from bcpviewer.bundled import resources_path

RESOURCE = "official.sqlite"
USER_FILE = "official-updated.sqlite"
DATA_DIR_ENV = data_folder.DATA_DIR_ENV  # the app's data folder (the one rule: bcpviewer.data_folder)
FOLDER_ENV = "BCPVIEWER_OFFICIAL_DIR"  # set by use_data_dir for the worker processes that read files
_data_dir: Path | None = None


def shipped_path() -> Path:
    """The shipped file: in the installed package, else the source tree's resources/ folder."""
    found = resources_path(RESOURCE)
    return found if found is not None else Path(bcpviewer.__file__).resolve().parents[1] / "resources" / RESOURCE


def use_data_dir(folder: str | Path | None) -> None:
    """The app's data folder, as the settings give it (None: $BCPVIEWER_DATA_DIR, else the user's)."""
    global _data_dir
    _data_dir = Path(folder) if folder is not None else None
    if folder is None:
        os.environ.pop(FOLDER_ENV, None)
    else:
        os.environ[FOLDER_ENV] = str(folder)  # a worker process started later reads the same copy


def data_dir() -> Path:
    """The folder the user's copy lives in: as set by ``use_data_dir`` (the app passes its
    settings' folder; a worker process is told it in $BCPVIEWER_OFFICIAL_DIR), else the app's data
    folder by the one rule (``bcpviewer.data_folder``: $BCPVIEWER_DATA_DIR, else the user's)."""
    if _data_dir is not None:
        return _data_dir
    env = os.environ.get(FOLDER_ENV, "").strip()
    return Path(env) if env else data_folder.data_dir()


def user_copy_path() -> Path:
    """Where the user's updated copy is (or would be) written."""
    return data_dir() / USER_FILE


def current_path() -> Path:
    """The file to read: the user's updated copy when there is one made from the shipped file
    read now, else the shipped file (a copy made from an older shipped release would hide the
    newer one: ``stale_note`` says so)."""
    user = user_copy_path()
    return user if user.is_file() and stale_note(user) is None else shipped_path()


def stale_note(copy: Path | None = None, shipped_file: Path | None = None) -> str | None:
    """The sentence to tell the user when their copy was made from an older shipped release than
    the one the app has now (after an upgrade), else None (no copy, or one as new)."""
    copy = copy or user_copy_path()
    if not copy.is_file():
        return None
    made_from = _metadata(copy).get("shipped_built")
    shipped = _metadata(shipped_file or shipped_path()).get("built")
    if not made_from or not shipped or shipped <= made_from:  # ISO dates compare as text
        return None
    return (f"BCP Viewer's official data (built {_day(shipped)}) is newer than the data your updated "
            f"copy was made from (built {_day(made_from)}), so the official data shipped with the app is "
            "read: update again to add your files.")


def _metadata(path: Path) -> dict[str, str]:
    """A file's metadata table ({} when it cannot be read)."""
    import sqlite3
    from urllib.parse import quote

    try:
        db = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
        try:
            return dict(db.execute("SELECT key, value FROM metadata"))
        finally:
            db.close()
    except (sqlite3.Error, OSError):
        return {}


def _day(iso: str) -> str:
    from datetime import date

    from bcpviewer.model.spans import format_date

    try:
        return format_date(date.fromisoformat(iso))
    except ValueError:
        return "on an unknown date"

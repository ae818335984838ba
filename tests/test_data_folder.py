"""The app's data folder has one rule (bcpviewer.data_folder) that the settings and the official
data's paths both follow: $BCPVIEWER_DATA_DIR, else the settings file's own folder, else the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

from bcpviewer import data_folder
from bcpviewer.io import official_paths

REAL_USER_DATA_DIR = data_folder.user_data_dir  # before the fixture stands in for it

@pytest.fixture(autouse=True)
def _no_folder_set(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setattr(official_paths, "_data_dir", None)
    monkeypatch.delenv(official_paths.FOLDER_ENV, raising=False)
    monkeypatch.delenv(data_folder.DATA_DIR_ENV, raising=False)
    users = tmp_path / "users-data"
    monkeypatch.setattr(data_folder, "user_data_dir", lambda: users)
    return users


def test_the_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert data_folder.data_dir() == tmp_path / "users-data"
    assert data_folder.data_dir(tmp_path / "own") == tmp_path / "own"
    monkeypatch.setenv(data_folder.DATA_DIR_ENV, str(tmp_path / "env"))
    assert data_folder.data_dir(tmp_path / "own") == tmp_path / "env"


def test_the_user_data_folder_is_named_for_the_app() -> None:
    assert "bcpviewer" in REAL_USER_DATA_DIR().parts


def test_the_official_copy_and_the_settings_follow_the_one_rule(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from bcpviewer.ui.shell.settings import Settings

    assert official_paths.user_copy_path() == tmp_path / "users-data" / official_paths.USER_FILE
    kept = Settings.from_file(tmp_path / "portable.ini")
    assert kept.data_dir() == tmp_path / "portable-data"
    monkeypatch.setenv(data_folder.DATA_DIR_ENV, str(tmp_path / "env"))
    assert kept.data_dir() == official_paths.data_dir() == tmp_path / "env"
    official_paths.use_data_dir(kept.data_dir())  # as the window does: its settings' folder
    assert official_paths.user_copy_path() == tmp_path / "env" / official_paths.USER_FILE
    official_paths.use_data_dir(None)

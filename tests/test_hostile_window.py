"""In a real window: hostile files (a memory bomb, a pipe, an endless device) end in one sentence
each, and the data already shown stays as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from tests.test_zip_bombs import strings_bomb, workbook

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "bcp-childrens-services.xlsx"


@pytest.fixture
def window(make_window, tmp_path, monkeypatch):
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    said: list[tuple[str, str, str]] = []
    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, lambda _p, t, x, *a, _k=kind, **kw: said.append((_k, t, x)))
    w = make_window()
    w.said = said  # type: ignore[attr-defined]
    return w


def test_hostile_files_leave_the_window_and_its_data_as_they_were(window, qtbot, tmp_path: Path) -> None:
    window.open_files([SAMPLE])
    qtbot.waitUntil(lambda: not window.is_loading, timeout=60_000)
    actions = len(window.session.dataset.actions)
    assert actions > 0
    hostile = [workbook(tmp_path / "bomb.xlsx", strings=strings_bomb(1300))]
    if os.name == "posix":
        os.mkfifo(tmp_path / "pipe.csv")
        hostile.append(tmp_path / "pipe.csv")
        if os.path.exists("/dev/zero"):
            (tmp_path / "zero.json").symlink_to("/dev/zero")
            hostile.append(tmp_path / "zero.json")
    window.open_files(hostile)
    qtbot.waitUntil(lambda: not window.is_loading, timeout=60_000)
    text = "\n".join(x for _k, _t, x in window.said)  # type: ignore[attr-defined]
    assert "would expand to 1.4 GB, more than the 1 GB limit" in text
    if os.name == "posix":
        assert "pipe (FIFO)" in text and ("device" in text or len(hostile) == 2)
    assert len(window.session.dataset.actions) == actions
    assert window.windowTitle()  # the window is alive and answers

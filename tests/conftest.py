"""Test set-up: Qt runs offscreen so the suite needs no screen, however pytest is started; hypothesis is
derandomised (the same examples every run, so `make test` is deterministic) unless HYPOTHESIS_PROFILE=fuzz
(`make fuzz`: random seeds, many examples, the seed printed); and the one way tests build a main window
(``make_window``), its settings in a file under the test's tmp_path."""

from __future__ import annotations

import os
from datetime import date

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("fuzz", derandomize=False, max_examples=2_000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def make_window(qtbot, tmp_path):
    """``make_window(name="settings.ini", today=None, autosave_ms=None, deferred=False)``: a MainWindow
    with its settings in ``tmp_path/name``, closed with the test. Qt is imported only when called, so
    model and io tests never load it."""

    def make(name: str = "settings.ini", *, today: date | None = None, autosave_ms: int | None = None,
             deferred: bool = False):
        from bcpviewer.ui.shell.main_window import MainWindow
        from bcpviewer.ui.shell.settings import Settings

        w = MainWindow(Settings.from_file(tmp_path / name), today=today, autosave_ms=autosave_ms,
                       deferred=deferred)
        qtbot.addWidget(w)
        return w

    return make

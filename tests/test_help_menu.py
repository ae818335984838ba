"""The Help menu of the real main window: User guide (F1), Keyboard shortcuts, Spreadsheet template… and
About, usable from the moment the window's frame shows, before its views are built."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from bcpviewer.ui.help.shortcuts import ShortcutsDialog
from bcpviewer.ui.help.window import HelpWindow
from bcpviewer.ui.shell.main_window import MainWindow
from bcpviewer.ui.shell.settings import Settings


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    w = MainWindow(Settings.from_file(tmp_path / "settings.ini"), today=date(2024, 6, 1))
    qtbot.addWidget(w)
    return w


def _help_menu(window: MainWindow) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    return [a.text().replace("&", "") for a in menu.actions()]


def test_help_menu_entries(window: MainWindow) -> None:
    assert _help_menu(window) == ["User guide", "Keyboard shortcuts", "Spreadsheet template…", "",
                                  "About BCP Viewer"]
    assert QKeySequence(QKeySequence.StandardKey.HelpContents) in window.commands.user_guide.shortcuts()


def test_user_guide_opens_with_every_menus_keys(window: MainWindow) -> None:
    window.commands.user_guide.trigger()
    guide = window.findChild(HelpWindow)
    assert guide is not None and guide.isVisible() and guide.page() == "index.html"
    guide.show_page("shortcuts.html")
    text = guide.browser.toPlainText()
    for key in ("Ctrl+O", "Ctrl+M", "Ctrl+Shift+E", "Ctrl+Shift+I", "Ctrl+L"):  # File, Edit and Analysis
        assert key in text, key
    window.commands.user_guide.trigger()
    assert window.findChildren(HelpWindow) == [guide]


def test_shortcuts_dialog(window: MainWindow) -> None:
    window.commands.shortcuts.trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    assert "Ctrl+Shift+T" in dialog.text() and "Spreadsheet template" not in dialog.text()  # keys only


def test_template_command(window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "tracker.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    window.commands.template.trigger()
    assert target.is_file()
    assert str(target) in window.statusBar().currentMessage()


def test_about_box(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _p, _t, text: shown.append(text))
    window.commands.about.trigger()
    assert len(shown) == 1 and "Open Government Licence v3.0" in shown[0] and "MIT licence" in shown[0]


def test_help_works_before_the_views_are_built(qtbot: QtBot, tmp_path: Path) -> None:
    w = MainWindow(Settings.from_file(tmp_path / "s.ini"), today=date(2024, 6, 1), deferred=True)
    qtbot.addWidget(w)
    assert not w.is_built
    assert w.commands.user_guide.isEnabled() and w.commands.shortcuts.isEnabled()
    w.commands.user_guide.trigger()
    assert w.findChild(HelpWindow) is not None

"""The window's layout across restarts: the timeline keeps most of the height at first, a restored layout
never leaves it a sliver (a layout saved on another screen), and View > Reset layout puts the panels back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from bcpviewer.io.loader import load_file
from bcpviewer.ui.shell.layout import MIN_TIMELINE_SHARE

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "bcp-childrens-services.xlsx"
TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for kind in ("warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **kw: None)


def _show(make_window, qtbot, name: str = "shared.ini"):
    w = make_window(name, today=TODAY)
    w.resize(1440, 900)
    w.session.set_data(load_file(SAMPLE))
    w.show()
    qtbot.waitExposed(w)
    qtbot.wait(20)  # the guard runs once the restored layout has taken effect
    QApplication.processEvents()
    return w


def test_the_timeline_has_most_of_the_height_at_first(make_window, qtbot):
    w = _show(make_window, qtbot)
    assert w.timeline.height() >= w.height() * 0.5
    assert w.docks.dock("items_dock").isVisible() and w.docks.dock("details_dock").isVisible()


def test_a_layout_that_squeezed_the_timeline_is_not_restored_as_it_was(make_window, qtbot):
    first = _show(make_window, qtbot)
    items = first.docks.dock("items_dock")
    first.resizeDocks([items], [first.height()], Qt.Orientation.Vertical)  # the table takes everything
    QApplication.processEvents()
    assert first.timeline.height() < first.height() * MIN_TIMELINE_SHARE
    first.close()
    second = _show(make_window, qtbot)
    assert second.timeline.height() >= second.height() * MIN_TIMELINE_SHARE - 2
    assert second.docks.dock("items_dock").isVisible()  # the panels stay where they were, only smaller


def test_reset_layout_puts_the_panels_back(make_window, qtbot):
    w = _show(make_window, qtbot)
    details, items = w.docks.dock("details_dock"), w.docks.dock("items_dock")
    details.hide()
    w.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, items)
    w.commands.reset_layout.trigger()
    QApplication.processEvents()
    assert details.isVisible() and items.isVisible()
    assert w.dockWidgetArea(items) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert w.dockWidgetArea(details) == Qt.DockWidgetArea.RightDockWidgetArea
    assert w.timeline.height() >= w.height() * 0.5

"""Progressive start-up: the window's frame is shown before the views (and pyqtgraph, numpy and the file
readers) exist; they are built just after, and then the files are read. Nothing is lost on the way."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from bcpviewer.ui.shell.main_window import MainWindow
from bcpviewer.ui.shell.settings import Settings
from bcpviewer.ui.shell.startup import Placeholder

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "bcp-childrens-services.xlsx"
HEAVY = ("pyqtgraph", "numpy", "openpyxl", "python_calamine", "bcpviewer.io", "bcpviewer.plots",
         "bcpviewer.report", "bcpviewer.model.records", "bcpviewer.ui.timeline.timeline_view",
         "bcpviewer.ui.charts.metrics_panel", "bcpviewer.ui.items.items", "bcpviewer.ui.loading.loading",
         "bcpviewer.ui.project.controller", "bcpviewer.ui.export.export_dialog")


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("BCPVIEWER_DATA_DIR", str(tmp_path / "data"))
    for kind in ("warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **kw: None)


def deferred(qtbot, path: Path) -> MainWindow:
    w = MainWindow(Settings.from_file(path), deferred=True)
    qtbot.addWidget(w)
    return w


def menu_tree(menu: QMenu) -> list[object]:
    """Every entry of a menu, in order: (text, shortcut) or [submenu title, entries...] or '-'."""
    out: list[object] = []
    for act in menu.actions():
        sub = act.menu()
        if isinstance(sub, QMenu) and sub.title() not in ("Open &Recent", "Recent &Projects"):
            out.append([sub.title(), *menu_tree(sub)])
        elif act.isSeparator():
            out.append("-")
        else:
            out.append((act.text(), act.shortcut().toString()))
    return out


def window_menus(w: MainWindow) -> list[object]:
    return [[a.text(), *menu_tree(a.menu())] for a in w.menuBar().actions()]


def test_the_frame_comes_first_and_the_views_after(qtbot, tmp_path):
    w = deferred(qtbot, tmp_path / "s.ini")
    assert not w.is_built
    assert isinstance(w.centralWidget(), Placeholder) and w.placeholder is w.centralWidget()
    assert not hasattr(w, "timeline") and w.findChildren(type(w.main_toolbar)) == [w.main_toolbar]
    assert [a.text() for a in w.menuBar().actions()] == ["&File", "&Edit", "&View", "&Analysis", "&Help"]
    assert not w.menus.analysis.menuAction().isEnabled()  # filled and enabled once built
    assert w.windowTitle() == "Untitled[*] — BCP Viewer"
    w.open_files([str(SAMPLE)])  # waits for the views, and says so
    assert w.placeholder.text() == "Opening bcp-childrens-services.xlsx…"
    w.show()
    qtbot.waitExposed(w)

    w.finish_building()
    assert w.is_built and w.placeholder is None
    assert w.centralWidget() is w.timeline and w.docks.dock("items_dock").widget() is w.items.tables
    qtbot.waitUntil(lambda: not w.is_loading and not w.session.dataset.is_empty, timeout=20000)
    assert w.timeline.counts()[0] > 0 and w.items.tables.proxies["actions"].rowCount() > 0
    assert w.windowTitle() == "bcp-childrens-services.xlsx[*] — BCP Viewer"
    w.finish_building()  # twice: nothing more happens
    assert w.centralWidget() is w.timeline


def test_commands_that_need_the_views_wait_for_them(qtbot, tmp_path):
    w = deferred(qtbot, tmp_path / "s.ini")
    acts = w.commands
    waiting = [acts.open, acts.sample, acts.new_project, acts.save, acts.save_as, acts.find,
               acts.clear_filters, acts.zoom_fit, *acts.zoom_presets, *acts.tabs, acts.show_details,
               acts.council, acts.annotate_item, acts.annotate_range, acts.export_summary, acts.print,
               w.menus.files.menuAction(), w.menus.projects.menuAction()]
    assert not any(a.isEnabled() for a in waiting)
    assert acts.quit.isEnabled() and acts.about.isEnabled()
    acts.find.trigger()  # disabled: nothing happens, nothing breaks
    w.finish_building()
    assert all(a.isEnabled() for a in waiting if a not in (acts.export_summary, acts.print))
    assert not acts.export_summary.isEnabled() and not acts.print.isEnabled()  # no data yet


def test_the_built_window_is_the_window_built_at_once(qtbot, tmp_path):
    at_once = MainWindow(Settings.from_file(tmp_path / "a.ini"))
    qtbot.addWidget(at_once)
    later = deferred(qtbot, tmp_path / "b.ini")
    assert later.commands.quit.shortcut() == QKeySequence("Ctrl+Q")  # shortcuts are there from the start
    later.finish_building()
    assert window_menus(later) == window_menus(at_once)
    assert [a.text() for a in later.main_toolbar.actions()] == \
        [a.text() for a in at_once.main_toolbar.actions()]
    assert [w.objectName() for w in later.findChildren(type(at_once.docks.dock("items_dock")))] == \
        [w.objectName() for w in at_once.findChildren(type(at_once.docks.dock("items_dock")))]
    for w in (at_once, later):
        assert w.toolBarArea(w.filter_bar) == Qt.ToolBarArea.TopToolBarArea and w.toolBarBreak(w.filter_bar)
    assert later.windowTitle() == at_once.windowTitle()


def test_size_and_panels_are_restored_once_the_panels_exist(qtbot, tmp_path):
    path = tmp_path / "shared.ini"
    first = MainWindow(Settings.from_file(path))
    qtbot.addWidget(first)
    first.resize(760, 560)
    first.show()
    qtbot.waitExposed(first)
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, first.docks.dock("details_dock"))
    first.docks.dock("items_dock").hide()
    first.close()

    second = deferred(qtbot, path)
    assert second.size() == first.size()  # before it is shown: it appears where it was
    second.show()
    qtbot.waitExposed(second)
    second.finish_building()
    assert second.dockWidgetArea(second.docks.dock("details_dock")) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert second.docks.dock("items_dock").isHidden() and not second.docks.dock("details_dock").isHidden()
    assert not second.docks.dock("items_dock").toggleViewAction().isChecked()


def test_closing_before_the_views_are_built_is_safe_and_keeps_the_layout(qtbot, tmp_path):
    path = tmp_path / "s.ini"
    Settings.from_file(path).set_window_state(QByteArray(b"a layout saved last time"))
    w = deferred(qtbot, path)
    w.open_files([str(SAMPLE)])
    w.resize(700, 500)
    w.show()
    qtbot.waitExposed(w)
    assert w.close()
    w.finish_building()  # the start-up timer may still fire: nothing is built, nothing is read
    assert not w.is_built and not hasattr(w, "loader")
    settings = Settings.from_file(path)
    assert settings.window_state() == QByteArray(b"a layout saved last time")  # not a layout without panels
    assert not settings.window_geometry().isEmpty()
    w.shutdown()  # again, as on quitting: still fine


def test_the_placeholder_says_when_it_has_been_drawn(qtbot):
    p = Placeholder("Opening 2 files…")
    qtbot.addWidget(p)
    with qtbot.waitSignal(p.painted, timeout=5000):
        p.show()
    assert p.text() == "Opening 2 files…"


def _run(code: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
            "XDG_CONFIG_HOME": str(tmp_path / "config"), "BCPVIEWER_LOG_DIR": str(tmp_path / "logs"),
            "BCPVIEWER_DATA_DIR": str(tmp_path / "data"),
            "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]), **env}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=full, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)


def test_the_app_shows_its_window_before_importing_the_heavy_modules(tmp_path):
    """The real start-up on the sample: at the first show and first paint nothing heavy is imported;
    then the views are built and the sample is read."""
    done = _run(f"""
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        app = QApplication(sys.argv[:1])
        import bcpviewer.ui.shell.app as start
        HEAVY = {HEAVY!r}
        seen = {{}}

        def loaded():
            return sorted(m for m in HEAVY if m in sys.modules)

        class Spy(start.MainWindow):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)  # heard before the app's own start of the build:
                self.placeholder.painted.connect(lambda: seen.setdefault("paint", loaded()))

            def showEvent(self, event):
                seen.setdefault("show", (loaded(), self.is_built, self.placeholder.text()))
                super().showEvent(event)

        start.MainWindow = Spy
        def check():
            windows = [w for w in app.topLevelWidgets() if isinstance(w, Spy)]
            if not windows or not windows[0].is_built or windows[0].is_loading or windows[0].session.dataset.is_empty:
                QTimer.singleShot(20, check)
                return
            w = windows[0]
            print("SHOW", seen["show"])
            print("PAINT", seen.get("paint"))
            print("BUILT", type(w.centralWidget()).__name__, w.items.tables.proxies["actions"].rowCount() > 0,
                  w.commands.find.isEnabled(), "pyqtgraph" in sys.modules)
            w.close()
        QTimer.singleShot(0, check)
        sys.exit(start.run([]))
    """, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "SHOW ([], False, 'Opening bcp-childrens-services.xlsx…')" in done.stdout, done.stdout
    assert "PAINT []" in done.stdout, done.stdout
    assert "BUILT TimelineView True True True" in done.stdout, done.stdout


def test_the_frame_imports_nothing_heavy(tmp_path):
    """What runs before the first show is cheap: importing the app's entry point and building the frame."""
    done = _run(f"""
        import sys
        from PySide6.QtWidgets import QApplication
        app = QApplication(sys.argv[:1])
        import bcpviewer.cli, bcpviewer.ui.shell.app
        from bcpviewer.ui.shell.main_window import MainWindow
        w = MainWindow(deferred=True)
        w.open_files(["x.xlsx"])
        w.show()
        print("HEAVY", sorted(m for m in {HEAVY!r} if m in sys.modules))
    """, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "HEAVY []" in done.stdout, done.stdout


def test_a_window_that_cannot_be_finished_is_reported_and_the_app_stops(tmp_path):
    done = _run("""
        import sys
        from PySide6.QtWidgets import QMessageBox
        shown = []
        QMessageBox.exec = lambda self: shown.append(self.text()) or 0
        import bcpviewer.ui.shell.app as app
        def broken(self):
            raise OSError("the views could not be built")
        app.MainWindow.finish_building = broken
        code = app.run([])
        print("DIALOGS", len(shown), "EXIT", code)
    """, tmp_path)
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr
    assert "DIALOGS 1 EXIT 1" in done.stdout, done.stdout + done.stderr
    assert "OSError: the views could not be built" in (tmp_path / "logs" / "bcpviewer.log").read_text("utf-8")

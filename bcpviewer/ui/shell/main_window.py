"""The main window as a frame: menus, toolbar, docks and status bar around the timeline, and the session
and controllers that fill them. The window holds no state of the work itself: that is the session's.

Start-up is progressive: ``MainWindow(deferred=True)`` builds only the frame (title, menus, toolbar,
status bar and a quiet placeholder), from PySide6 and light modules, so that it can be shown at once;
``finish_building()`` then imports pyqtgraph, numpy, the views and the file readers and builds the rest.
``MainWindow()`` builds everything straight away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from bcpviewer.ui.help import commands as help_commands
from bcpviewer.ui.shell.docks import Docks
from bcpviewer.ui.shell.layout import WindowLayout
from bcpviewer.ui.shell.menus import create_actions, install_menus, install_toolbar, set_icons
from bcpviewer.ui.shell.settings import Settings
from bcpviewer.ui.shell.startup import TABS, Placeholder, opening_text
from bcpviewer.ui.shell.status import StatusLine

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent

    from bcpviewer.ui.session import Session

__all__ = ["TABS", "MainWindow"]

# commands usable (or managed) while building
ALWAYS_ENABLED = frozenset({"quit", "about", "user_guide", "shortcuts", "template", "undo", "redo"})
TITLE = "Untitled[*] — BCP Viewer"  # what the project names a window with no project and no data


class MainWindow(QMainWindow):
    """The timeline with its tables, details, charts, filter bar and menus over one session.

    With ``deferred=True`` only the frame is built (see the module's docstring): until
    ``finish_building()`` the commands that need the views are disabled, files asked for with
    ``open_files`` wait, and closing saves the window's size and place only.
    """

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None, *,
                 today: date | None = None, autosave_ms: int | None = None, deferred: bool = False) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else Settings()
        self.today = today  # None: days overdue are counted to the real today
        self._autosave_ms = autosave_ms
        self._built = self._closed = False  # closed before it was built: never built
        self._waiting: list[str] = []  # files asked for before the window was built
        self._first_show = True
        self.setWindowTitle(TITLE)
        self.setAcceptDrops(True)  # files dropped on the window are added to the data (a project opens)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)
        self.undo_stack = QUndoStack(self)  # the session's, once it exists
        self.commands = create_actions(self, [title for _key, title in TABS], self.undo_stack)
        self.main_toolbar = install_toolbar(self, self.commands)
        self.menus = install_menus(self, self.commands, [], [self.main_toolbar])
        help_commands.connect(self, self.commands.user_guide, self.commands.shortcuts, self.commands.template)
        self.status = StatusLine(self.statusBar())
        self.docks = Docks(self)
        self.layout_keeper = WindowLayout(self, self.settings)
        self.placeholder: Placeholder | None = None  # in the middle until the views are built
        if deferred:
            self.placeholder = Placeholder()
            self.setCentralWidget(self.placeholder)
            for act in self._waiting_commands():
                act.setEnabled(False)
            self.layout_keeper.restore_geometry()  # the window appears where it was; panels once built
        else:
            self.finish_building()

    @property
    def is_built(self) -> bool:
        """True once the views exist (at once unless constructed with ``deferred=True``)."""
        return self._built

    def _waiting_commands(self) -> list[QAction]:
        """The commands that need the views: disabled until the window is built."""
        acts: list[QAction] = [self.menus.files.menuAction(), self.menus.projects.menuAction()]
        if self.menus.analysis is not None:
            acts.append(self.menus.analysis.menuAction())
        for field in fields(self.commands):
            if field.name not in ALWAYS_ENABLED:
                value = getattr(self.commands, field.name)
                acts += value if isinstance(value, list) else [value]
        return acts

    def finish_building(self) -> None:
        """Import the views and build them, the session and the controllers (the slow part of start-up),
        then restore the panels' layout and read the files asked for meanwhile. Does nothing if already
        built, or if the window was closed first."""
        if self._built or self._closed:
            return
        from bcpviewer.ui.shell.assembly import assemble

        parts = assemble(self, self._autosave_ms)
        self._session, self.timeline, self.filter_bar = parts.session, parts.timeline, parts.filter_bar
        self.project, self.editor, self.loading = parts.project, parts.editor, parts.loading
        self.items, self.charts, self.annotations = parts.items, parts.charts, parts.annotations
        self.analysis, self.export = parts.analysis, parts.export
        self._built = True
        set_icons(self, self.commands)
        for act in self._waiting_commands():
            act.setEnabled(True)
        self.refresh_recent_menus()
        self.session.set_data(self.session.dataset)  # the empty state: summary, title, commands
        self.layout_keeper.restore_layout()
        from PySide6.QtCore import Qt

        self.timeline.setFocus(Qt.FocusReason.OtherFocusReason)  # the window opens on the timeline
        if self.isVisible():  # shown while being built: what showEvent would have done
            self._on_first_shown()
        if self._waiting:
            waiting, self._waiting = self._waiting, []
            QTimer.singleShot(0, lambda: self.open_files(waiting))  # after any offer of unsaved work

    # -- what the rest of the app asks of the frame ------------------------------------------------
    @property
    def session(self) -> Session:
        return self._session

    @property
    def is_loading(self) -> bool:
        """Reading files (or, before the window is built, waiting to read them)."""
        return self.loading.is_loading if self._built else bool(self._waiting)

    def open_files(self, paths: Sequence[str | Path]) -> None:
        """Open a project (.bcpv), or read data files in the background keeping the old data until done.

        Before the window is built the files wait, named in the placeholder, and are opened once it is.
        """
        targets = [str(p) for p in paths if str(p)]
        if self._built:
            self.loading.open_files(targets)
        elif targets:
            self._waiting = targets
            if self.placeholder is not None:
                self.placeholder.set_text(opening_text([Path(p).name for p in targets]))

    def refresh_recent_menus(self) -> None:
        from bcpviewer.ui.shell.menus import fill_recent_menu

        s = self.settings
        fill_recent_menu(self.menus.files, s.recent_files(), lambda p: self.open_files([p]),
                         lambda: (s.clear_recent_files(), self.refresh_recent_menus()), "No recent files")
        fill_recent_menu(self.menus.projects, s.recent_projects(), self.project.open_project,
                         lambda: (s.clear_recent_projects(), self.refresh_recent_menus()), "No recent projects")

    def open_sample(self) -> None:
        from bcpviewer.bundled import sample_path

        path = sample_path()
        if path is None:
            QMessageBox.warning(self, "Sample not found",
                                "The bundled sample workbook is not installed with this copy.")
        else:
            self.open_files([str(path)])

    def show_about(self) -> None:
        help_commands.show_about(self)

    # -- files dropped on the window ----------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if self._built and dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt's name)
        paths = dropped_paths(event.mimeData())
        if not self._built or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.loading.drop_files(paths)

    # -- showing and closing ----------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._built:
            self._on_first_shown()

    def _on_first_shown(self) -> None:
        """Once the window is up and built: offer unsaved work, and size the panels on a first run."""
        if self._first_show:  # after a crash: offer the unsaved work, once the window is up
            self._first_show = False
            QTimer.singleShot(0, self.project.offer_recovery)
        self.layout_keeper.size_first_run(self.docks.dock("items_dock"), self.docks.dock("details_dock"),
                                          self.items.details.sizeHint().width())
        QTimer.singleShot(0, self.keep_timeline_room)  # once the restored layout has taken effect

    def keep_timeline_room(self) -> None:
        """Give the timeline a usable height if the panels (as restored) leave it too little."""
        self.layout_keeper.ensure_timeline_room(self.timeline, self.docks.dock("items_dock"))

    def restore_project_layout(self, text: str) -> None:
        """The panels as a project kept them (nothing changes when it kept none)."""
        if self.layout_keeper.restore_panels(text):
            QTimer.singleShot(0, self.keep_timeline_room)

    def reset_layout(self) -> None:
        """View > Reset layout: the panels as on a first run, the timeline with most of the height."""
        self.layout_keeper.reset(self.docks.dock("items_dock"), self.docks.dock("details_dock"),
                                 self.items.details.sizeHint().width())

    def shutdown(self) -> None:
        """Cancel any load, wait for it, and save the window layout and settings (safe to call twice).

        Unsaved work stays in its recovery file, to be offered on the next start. A window closed before
        it was built saves its size and place only (the panels' layout it never had is kept).
        """
        if not self._built:
            self._closed = True
            self.layout_keeper.save(panels=False)
            return
        self.loading.wait()
        self.analysis.shutdown()
        self.project.autosave()
        self.project.autosave_timer.stop()
        self.layout_keeper.save(panels=True)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._built and not self.project.confirm_close():  # unsaved work: Save, Discard or Cancel
            event.ignore()
            return
        self.shutdown()
        super().closeEvent(event)


def dropped_paths(mime: QMimeData) -> list[str]:
    """The local files in a drag (none when it carries anything else)."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]

"""The window's size, place and panel layout: restored at start, saved at close, sized on a first run."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from bcpviewer.ui.shell.settings import LAYOUT_VERSION, Settings


class WindowLayout:
    """Remembers ``window``'s geometry and dock layout in ``settings``."""

    def __init__(self, window: QMainWindow, settings: Settings) -> None:
        self.window, self.settings = window, settings
        self._geometry_restored = False
        self._default_docks = False

    def restore_geometry(self) -> None:
        """The size and place it had; on a first run most of the screen, up to 1600x1000."""
        self._geometry_restored = True
        w = self.window
        if not w.restoreGeometry(self.settings.window_geometry()):
            screen = w.screen().availableGeometry()
            w.resize(min(1600, screen.width() * 9 // 10), min(1000, screen.height() * 9 // 10))

    def restore_layout(self) -> None:
        """The panels as they were (the geometry too, unless restored already)."""
        if not self._geometry_restored:  # a deferred window had its size and place before it was shown
            self.restore_geometry()
        self._default_docks = not self.window.restoreState(self.settings.window_state(), LAYOUT_VERSION)

    def size_first_run(self, bottom: QDockWidget, right: QDockWidget, right_hint: int) -> None:
        """With no saved layout: the bottom panels a third of the height, the right ones about a quarter
        of the width (once, for the window as first shown)."""
        if not self._default_docks:
            return
        self._default_docks = False
        w = self.window
        w.resizeDocks([bottom], [w.height() // 3], Qt.Orientation.Vertical)
        width = max(right_hint, w.width() // 4)
        w.resizeDocks([right], [min(width, w.width() // 3)], Qt.Orientation.Horizontal)

    def save(self, *, panels: bool) -> None:
        """Keep the size and place (and, with ``panels``, the dock layout) for the next start."""
        self.settings.set_window_geometry(self.window.saveGeometry())
        if panels:
            self.settings.set_window_state(self.window.saveState(LAYOUT_VERSION))
        self.settings.sync()

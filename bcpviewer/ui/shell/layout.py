"""The window's size, place and panel layout: restored at start, saved at close, sized on a first run,
guarded so that the timeline keeps a usable height (a layout saved on another screen may not leave it
one), and put back as first laid out by View > Reset layout."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from bcpviewer.ui.shell.settings import LAYOUT_VERSION, Settings

BOTTOM_SHARE = 0.25  # of the window's height the bottom panels take at first: the timeline keeps most
MIN_TIMELINE_SHARE = 0.55  # a restored layout never leaves the timeline less than most of the height
MIN_TIMELINE_PX = 240  # nor fewer pixels than this (on a very small screen, as many as there are)


class WindowLayout:
    """Remembers ``window``'s geometry and dock layout in ``settings``."""

    def __init__(self, window: QMainWindow, settings: Settings) -> None:
        self.window, self.settings = window, settings
        self._geometry_restored = False
        self._default_docks = False
        self._default_state = QByteArray()  # the panels as first laid out, before any saved layout

    def restore_geometry(self) -> None:
        """The size and place it had; on a first run most of the screen, up to 1600x1000."""
        self._geometry_restored = True
        w = self.window
        if not w.restoreGeometry(self.settings.window_geometry()):
            screen = w.screen().availableGeometry()
            w.resize(min(1600, screen.width() * 9 // 10), min(1000, screen.height() * 9 // 10))

    def restore_layout(self) -> None:
        """The panels as they were (the geometry too, unless restored already); the panels as first
        laid out are kept for View > Reset layout."""
        if not self._geometry_restored:  # a deferred window had its size and place before it was shown
            self.restore_geometry()
        self._default_state = self.window.saveState(LAYOUT_VERSION)
        self._default_docks = not self.window.restoreState(self.settings.window_state(), LAYOUT_VERSION)

    def panels_text(self) -> str:
        """The panels' layout as text, for a project to keep."""
        return bytes(self.window.saveState(LAYOUT_VERSION).toBase64().data()).decode("ascii")

    def restore_panels(self, text: str) -> bool:
        """The panels as a project kept them (``panels_text``); False, changing nothing, when ``text``
        is empty or not a layout of this version."""
        if not text:
            return False
        try:
            state = QByteArray.fromBase64(text.encode("ascii"))
        except UnicodeEncodeError:
            return False
        return bool(state) and self.window.restoreState(state, LAYOUT_VERSION)

    def reset(self, bottom: QDockWidget, right: QDockWidget, right_hint: int) -> None:
        """The panels back as on a first run: where they were first put, shown, and sized."""
        if not self._default_state.isEmpty():
            self.window.restoreState(self._default_state, LAYOUT_VERSION)
        for dock in (bottom, right):
            dock.setFloating(False)
            dock.show()
            dock.raise_()
        self._default_docks = True
        self.size_first_run(bottom, right, right_hint)

    def ensure_timeline_room(self, timeline: QWidget, bottom: QDockWidget) -> None:
        """If the panels leave the timeline too little height (a layout saved on a taller screen, or
        dragged down to a sliver), give the bottom panels less."""
        w = self.window
        want = max(MIN_TIMELINE_PX, round(w.height() * MIN_TIMELINE_SHARE))
        short = want - timeline.height()
        if short <= 0 or bottom.isFloating() or not bottom.isVisible():
            return
        from PySide6.QtCore import Qt  # here: Qt's enums are made when first touched (start-up)

        if w.dockWidgetArea(bottom) != Qt.DockWidgetArea.BottomDockWidgetArea:
            return
        w.resizeDocks([bottom], [max(bottom.height() - short, bottom.minimumSizeHint().height())],
                      Qt.Orientation.Vertical)

    def size_first_run(self, bottom: QDockWidget, right: QDockWidget, right_hint: int) -> None:
        """With no saved layout: the bottom panels a quarter of the height, the right ones about a
        quarter of the width (once, for the window as first shown)."""
        if not self._default_docks:
            return
        self._default_docks = False
        from PySide6.QtCore import Qt

        w = self.window
        w.resizeDocks([bottom], [round(w.height() * BOTTOM_SHARE)], Qt.Orientation.Vertical)
        width = max(right_hint, w.width() // 4)
        w.resizeDocks([right], [min(width, w.width() // 3)], Qt.Orientation.Horizontal)

    def save(self, *, panels: bool) -> None:
        """Keep the size and place (and, with ``panels``, the dock layout) for the next start."""
        self.settings.set_window_geometry(self.window.saveGeometry())
        if panels:
            self.settings.set_window_state(self.window.saveState(LAYOUT_VERSION))
        self.settings.sync()

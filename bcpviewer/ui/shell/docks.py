"""The dock host: what a controller may ask of the window's frame to add and show its panels.

Controllers take a DockHost rather than the main window, so they never reach into its attributes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Protocol

from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

Area = Literal["bottom", "right"]


def _area(area: Area) -> Qt.DockWidgetArea:
    """Looked up when a dock is added: touching Qt's namespace at import costs start-up ~30 ms."""
    from PySide6.QtCore import Qt

    return Qt.DockWidgetArea.RightDockWidgetArea if area == "right" else Qt.DockWidgetArea.BottomDockWidgetArea


class DockHost(Protocol):
    """Adds panels as dock widgets (found again by name) and brings them to the front."""

    def add_dock(self, name: str, title: str, widget: QWidget, area: Area = "bottom",
                 tab_with: str | None = None) -> QDockWidget: ...

    def dock(self, name: str) -> QDockWidget: ...

    def raise_dock(self, name: str) -> None:
        """Bring a tabbed dock to the front of its tabs (it is not shown if the user hid it)."""
        self._docks[name].raise_()

    def show_dock(self, name: str, *, focus: bool = True) -> None: ...


class Docks:
    """The DockHost of a QMainWindow: one QDockWidget per panel, named for saveState/restoreState."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self._docks: dict[str, QDockWidget] = {}

    def add_dock(self, name: str, title: str, widget: QWidget, area: Area = "bottom",
                 tab_with: str | None = None) -> QDockWidget:
        """A dock for ``widget``, tabbed with the dock named ``tab_with`` (else alone in ``area``). A
        tabbed panel may squeeze to 220 px (its rows of controls wrap): the window must still fit a small
        laptop screen; the first panel of an area keeps its own minimum, so the area keeps a usable size."""
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)  # saveState/restoreState find docks by object name
        dock.setAccessibleName(f"{title} panel")
        dock.setWidget(widget)
        dock.toggleViewAction().setText(f"{title} panel")
        dock.toggleViewAction().setStatusTip(f"Show or hide the {title} panel")
        self.window.addDockWidget(_area(area), dock)
        if tab_with is not None:
            self.window.tabifyDockWidget(self._docks[tab_with], dock)
            widget.setMinimumWidth(min(widget.minimumSizeHint().width(), 220))
        self._docks[name] = dock
        return dock

    def dock(self, name: str) -> QDockWidget:
        return self._docks[name]

    def all(self) -> list[QDockWidget]:
        """Every dock, in the order added."""
        return list(self._docks.values())

    def raise_dock(self, name: str) -> None:
        """Bring a tabbed dock to the front of its tabs (it is not shown if the user hid it)."""
        self._docks[name].raise_()

    def show_dock(self, name: str, *, focus: bool = True) -> None:
        dock = self._docks[name]
        dock.show()
        dock.raise_()
        if focus and dock.widget() is not None:
            from PySide6.QtCore import Qt

            dock.widget().setFocus(Qt.FocusReason.OtherFocusReason)

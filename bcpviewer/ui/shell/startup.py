"""What the main window needs before its views are built: the tables' names (for the menus) and the
light placeholder shown in the middle while the views are built and the first files are read.

Imported before the window is first shown, so it uses PySide6 only (see MainWindow(deferred=True)).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

TABS: tuple[tuple[str, str], ...] = (
    ("actions", "Actions"),
    ("events", "Events"),
    ("metrics", "Metrics"),
    ("sources", "Sources"),
    ("problems", "Problems"),
)

STARTING = "Starting BCP Viewer…"


def opening_text(names: list[str]) -> str:
    """``Opening bcp-childrens-services.xlsx…`` (or ``Opening 3 files…``) for the placeholder."""
    if not names:
        return STARTING
    return f"Opening {names[0]}…" if len(names) == 1 else f"Opening {len(names)} files…"


class Placeholder(QWidget):
    """One short, quiet line in the middle of the window while the views are built.

    ``painted`` is emitted once, from the event loop just after the placeholder was first drawn (and so
    the window's frame is on the screen): the moment to start the slow work of building the views.
    """

    painted = Signal()

    def __init__(self, text: str = STARTING, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painted = False
        self.setObjectName("placeholder")
        self.label = QLabel(text)
        self.label.setEnabled(False)  # drawn in the style's quiet (disabled) text colour
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.label.setFont(font)
        row = QHBoxLayout()  # stretches either side and above and below: centred without alignment flags
        row.addStretch(1)
        row.addWidget(self.label)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)
        self.setAccessibleName(text)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self.painted.emit)  # after this paint reaches the screen

    def set_text(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleName(text)

    def text(self) -> str:
        return self.label.text()

"""The data files open now, above the Sources table: one line each (full path in the tooltip), with
Remove to take one out of the dataset (the others are read again) and Add data… to read more in."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

MAX_ROWS_SHOWN = 4  # the list scrolls past this many files


class DataFiles(QWidget):
    """Lists the data files; ``remove_requested(path)`` and ``add_requested()`` ask for changes."""

    remove_requested = Signal(str)
    add_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("data_files")
        self.heading = QLabel("Data files: none open")
        self.files = QListWidget()
        self.files.setAccessibleName("Data files open")
        self.files.setObjectName("data_files_list")
        self.remove_button = QPushButton("&Remove file")
        self.remove_button.setToolTip("Take the chosen file out of the dataset (the other files are read again)")
        self.add_button = QPushButton("Add &data…")
        self.add_button.setToolTip("Add spreadsheets and CSV files to the data open now")
        buttons = QVBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.files, 1)
        row.addLayout(buttons)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 0)
        box.addWidget(self.heading)
        box.addLayout(row)
        self.remove_button.clicked.connect(self._remove)
        self.add_button.clicked.connect(self.add_requested)
        self.files.currentItemChanged.connect(lambda *_: self._enable())
        self.set_files(())

    def set_files(self, paths: Sequence[str]) -> None:
        """Show ``paths`` (absolute), by name."""
        self.files.clear()
        for path in paths:
            item = QListWidgetItem(Path(path).name)
            item.setToolTip(path)
            item.setData(Qt.ItemDataRole.UserRole, path)
            self.files.addItem(item)
        n = len(paths)
        self.heading.setText(f"Data files: {n} open" if n else "Data files: none open")
        rows = max(1, min(n, MAX_ROWS_SHOWN))
        self.files.setFixedHeight(rows * self.files.fontMetrics().height() + 12)
        if n:
            self.files.setCurrentRow(0)
        self._enable()

    def paths(self) -> list[str]:
        return [self.files.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.files.count())]

    def _enable(self) -> None:
        self.remove_button.setEnabled(self.files.currentItem() is not None)

    def _remove(self) -> None:
        item = self.files.currentItem()
        if item is not None:
            self.remove_requested.emit(item.data(Qt.ItemDataRole.UserRole))

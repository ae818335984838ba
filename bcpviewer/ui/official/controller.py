"""File › Update official data: tells the io layer where the user's copy of the official data lives
(the settings' data folder), opens the one Update dialog, and has the data read again when the
official data read changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtWidgets import QWidget

from bcpviewer.io import official_paths
from bcpviewer.ui.shell.settings import Settings

if TYPE_CHECKING:
    from bcpviewer.ui.official.update_dialog import UpdateDialog


class OfficialUpdateController(QObject):
    """Owns the Update official data dialog; ``reread()`` is called when the data read changes."""

    def __init__(self, settings: Settings, parent: QWidget, reread: Callable[[], None]) -> None:
        super().__init__(parent)
        self.settings = settings
        self.parent_widget = parent
        self._reread = reread
        self.dialog: UpdateDialog | None = None
        official_paths.use_data_dir(settings.data_dir())
        parent.installEventFilter(self)  # an import under way is stopped when the window closes

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.parent_widget and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    @Slot()
    def ask(self) -> None:
        """Show the dialog (one, kept between uses)."""
        if self.dialog is None:
            from bcpviewer.ui.official.update_dialog import UpdateDialog  # loaded when first asked for

            self.dialog = UpdateDialog(self.parent_widget, self.settings.last_directory())
            self.dialog.changed.connect(self._reread)
        self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def shutdown(self) -> None:
        if self.dialog is not None:
            self.dialog.shutdown()

"""Open a link from data only after showing its address, and only for http, https and mailto."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from bcpviewer.model.links import safe_url


def open_link(parent: QWidget | None, text: str | None) -> bool:
    """Ask before opening ``text`` in the browser or mail program; refuse other schemes."""
    url = safe_url(text)
    if url is None:
        QMessageBox.information(
            parent, "Link not opened",
            f"This address is not a web or e-mail link, so it is shown as text only:\n\n{text}",
        )
        return False
    answer = QMessageBox.question(
        parent, "Open link?", f"Open this address?\n\n{url}",
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Open:
        return False
    return QDesktopServices.openUrl(QUrl(url))

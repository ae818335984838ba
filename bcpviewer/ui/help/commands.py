"""The Help menu's commands, connected to a main window: User guide, Keyboard shortcuts, Spreadsheet
template… and About. They need none of the window's views, so they work from the moment it shows; the
guide, dialogs and template writer are imported when first used (start-up does not wait for them)."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow


def connect(window: QMainWindow, guide: QAction, shortcuts: QAction, template: QAction) -> None:
    """Run the Help commands on ``window`` (About is the window's own show_about, which calls show_about)."""
    guide.triggered.connect(lambda: open_user_guide(window))
    shortcuts.triggered.connect(lambda: show_shortcuts(window))
    template.triggered.connect(lambda: write_template(window))


def open_user_guide(window: QMainWindow, page: str = "index.html") -> object:
    """Help › User guide: the guide's window (one per main window), with this window's shortcuts."""
    from bcpviewer.ui.help.shortcuts import menu_actions
    from bcpviewer.ui.help.window import open_guide

    return open_guide(window, menu_actions(window), page)


def show_shortcuts(window: QMainWindow) -> object:
    """Help › Keyboard shortcuts: every menu command with its keys, and the timeline's and panels' keys."""
    from bcpviewer.ui.help.shortcuts import ShortcutsDialog, menu_actions

    dialog = ShortcutsDialog(menu_actions(window), window)
    from PySide6.QtCore import Qt  # here: Qt's namespace costs start-up ~30 ms when first touched

    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def write_template(window: QMainWindow) -> None:
    """Help › Spreadsheet template…: ask where, write it, and say where it went."""
    from bcpviewer.ui.help.template import save_template

    path = save_template(window)
    if path is not None:
        window.statusBar().showMessage(f"Wrote the spreadsheet template: {path}", 10000)


def show_about(window: QMainWindow) -> None:
    """Help › About BCP Viewer."""
    from bcpviewer.ui.help.about import show_about as about_box

    about_box(window)

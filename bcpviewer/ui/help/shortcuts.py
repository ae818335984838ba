"""Keyboard shortcuts read from the window's own actions, and the dialog that lists them."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QVBoxLayout, QWidget

from bcpviewer.ui.help import guide


def _plain(text: str) -> str:
    """Menu text without its access-key ampersands ("&&" is a literal "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def menu_path(action: QAction) -> str:
    """Where ``action`` sits in the menus: "File", "View › Zoom to period"; "" when in none."""
    menus = [o for o in action.associatedObjects() if isinstance(o, QMenu)]
    if not menus:
        return ""
    names: list[str] = []
    menu: QMenu | None = menus[0]
    while menu is not None and len(names) < 10:
        names.insert(0, _plain(menu.title()))
        parents = [o for o in menu.menuAction().associatedObjects() if isinstance(o, QMenu)]
        menu = parents[0] if parents else None
    return " › ".join(n for n in names if n)


def shortcut_rows(actions: Iterable[QAction]) -> list[guide.Shortcut]:
    """Each action that has keys, once, in the order given."""
    rows: list[guide.Shortcut] = []
    seen: set[int] = set()
    for act in actions:
        if id(act) in seen or act.isSeparator():
            continue
        seen.add(id(act))
        keys = tuple(k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts() if not k.isEmpty())
        if keys:
            rows.append(guide.Shortcut(_plain(act.text()), menu_path(act), keys))
    return rows


def menu_actions(window: QWidget) -> list[QAction]:
    """Every action in ``window``'s menu bar, submenus included, in menu order (empty without one)."""
    from PySide6.QtWidgets import QMainWindow

    if not isinstance(window, QMainWindow):
        return []
    out: list[QAction] = []

    def walk(actions: Iterable[QAction], depth: int) -> None:
        for act in actions:
            sub = act.menu()
            if isinstance(sub, QMenu) and depth < 10:
                walk(sub.actions(), depth + 1)
            elif not act.isSeparator():
                out.append(act)

    walk(window.menuBar().actions(), 0)
    return out


class ShortcutsDialog(QDialog):
    """Help › Keyboard shortcuts: the guide's shortcuts page, with the menu commands of ``actions``."""

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from bcpviewer.ui.help.window import GuideBrowser

        self.setWindowTitle("Keyboard shortcuts")
        self.setObjectName("shortcuts_dialog")
        self._actions = list(actions)
        self.rows = shortcut_rows(self._actions)
        self.browser = GuideBrowser(self.rows, self)
        self.browser.setAccessibleName("Keyboard shortcuts")
        self.browser.show_page(guide.SHORTCUTS)
        self.browser.setOpenLinks(False)  # a link to another page opens the guide's own window
        self.browser.anchorClicked.connect(self._on_link)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 560)

    def _on_link(self, url: QUrl) -> None:
        if not url.isLocalFile():
            QDesktopServices.openUrl(url)
            return
        from bcpviewer.ui.help.window import open_guide

        open_guide(self.parentWidget(), self._actions, Path(url.toLocalFile()).name)

    def text(self) -> str:
        """What the dialog shows, as plain text."""
        return self.browser.toPlainText()

"""The user guide's window: a contents list beside the page, Back, Forward and Contents, links between
pages followed inside the window and web links opened in the browser."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QAction, QKeySequence, QTextDocument
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QMainWindow, QSplitter, QTextBrowser, QToolBar, QWidget

from bcpviewer.ui.help import guide


class GuideBrowser(QTextBrowser):
    """Shows guide pages with their generated parts filled in (see guide.render)."""

    def __init__(self, shortcuts: Sequence[guide.Shortcut] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shortcuts = shortcuts
        self.folder = guide.folder()
        self.setOpenExternalLinks(True)  # https: links open in the web browser
        self.setObjectName("guide_browser")
        if self.folder is not None and (css := self.folder / "guide.css").is_file():
            self.document().setDefaultStyleSheet(css.read_text(encoding="utf-8"))

    def show_page(self, name: str) -> None:
        """Show page ``name`` (a file name such as "exports.html")."""
        if self.folder is None:
            self.setHtml(guide.render(name, self.shortcuts))
            return
        self.setSource(QUrl.fromLocalFile(str(self.folder / name)))

    def page(self) -> str:
        """The file name of the page shown ("" before any)."""
        return Path(self.source().toLocalFile()).name if self.source().isLocalFile() else ""

    def loadResource(self, kind: int, url: QUrl | str) -> Any:  # noqa: N802 (Qt's name)
        url = QUrl(url)
        if (kind == QTextDocument.ResourceType.HtmlResource and url.isLocalFile() and self.folder is not None
                and Path(url.toLocalFile()).parent == self.folder):
            return guide.render(Path(url.toLocalFile()).name, self.shortcuts, self.folder)
        return super().loadResource(kind, url)


class HelpWindow(QMainWindow):
    """BCP Viewer's user guide, offline. ``actions`` are the main window's commands, for the shortcuts page."""

    def __init__(self, actions: Iterable[QAction] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        from bcpviewer.ui.help.shortcuts import shortcut_rows

        self.setObjectName("help_window")
        self.setWindowTitle("BCP Viewer user guide")
        self.browser = GuideBrowser(None if actions is None else shortcut_rows(actions), self)
        self.browser.setAccessibleName("User guide page")
        self.contents = QListWidget(self)
        self.contents.setObjectName("guide_contents")
        self.contents.setAccessibleName("User guide contents")
        for name in guide.pages(self.browser.folder):
            item = QListWidgetItem(guide.title(name, self.browser.folder))
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.contents.addItem(item)
        split = QSplitter(self)
        split.addWidget(self.contents)
        split.addWidget(self.browser)
        split.setStretchFactor(1, 1)
        split.setSizes([250, 710])
        self.setCentralWidget(split)
        self._build_toolbar()
        self.contents.currentItemChanged.connect(self._on_contents_changed)
        self.browser.sourceChanged.connect(self._on_source_changed)
        self.resize(960, 720)
        self.show_page(guide.INDEX)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Navigation", self)
        bar.setObjectName("guide_toolbar")
        bar.setMovable(False)
        self.back_action = QAction("&Back", self)
        self.back_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Back)])
        self.back_action.triggered.connect(self.browser.backward)
        self.forward_action = QAction("&Forward", self)
        self.forward_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Forward)])
        self.forward_action.triggered.connect(self.browser.forward)
        self.home_action = QAction("&Contents", self)
        self.home_action.triggered.connect(lambda: self.show_page(guide.INDEX))
        for act in (self.back_action, self.forward_action, self.home_action):
            bar.addAction(act)
        self.back_action.setEnabled(False)
        self.forward_action.setEnabled(False)
        self.browser.backwardAvailable.connect(self.back_action.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_action.setEnabled)
        self.addToolBar(bar)

    def show_page(self, name: str) -> None:
        """Show page ``name`` of the guide."""
        self.browser.show_page(name)

    def page(self) -> str:
        """The file name of the page shown."""
        return self.browser.page()

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_contents_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None and item.data(Qt.ItemDataRole.UserRole) != self.page():
            self.show_page(item.data(Qt.ItemDataRole.UserRole))

    @Slot(QUrl)
    def _on_source_changed(self, url: QUrl) -> None:
        name = Path(url.toLocalFile()).name  # source() still gives the old page while this is emitted
        for i in range(self.contents.count()):
            item = self.contents.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == name:
                self.contents.blockSignals(True)
                self.contents.setCurrentItem(item)
                self.contents.blockSignals(False)
                break


def open_guide(parent: QWidget | None = None, actions: Iterable[QAction] | None = None,
               page: str = guide.INDEX) -> HelpWindow:
    """Show the user guide at ``page``: the window ``parent`` already has, raised, or a new one."""
    window = parent.findChild(HelpWindow) if parent is not None else None
    if window is None:
        window = HelpWindow(actions, parent)
    window.show_page(page)
    window.show()
    window.raise_()
    window.activateWindow()
    return window

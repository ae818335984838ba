"""The Annotations panel: every annotation, filterable by text, tag and flag; orphans marked; click to jump."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bcpviewer.model.annotations import (
    Annotation,
    AnnotationFilter,
    AnnotationSet,
    all_tags,
    matches,
)
from bcpviewer.model.spans import format_date
from bcpviewer.plots import style

ID_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ("Where", "Annotation", "Tags", "Flags", "Author", "Edited")
FLAGS: tuple[tuple[str, dict[str, bool]], ...] = (
    ("Any flag", {}),
    ("In briefing", {"briefing": True}),
    ("Private", {"private": True}),
    ("Not private", {"private": False}),
    ("Orphaned", {"orphaned": True}),
)
ORPHAN_TIP = ("Orphaned: the item this note was on is not in the data now. The note is kept; it will "
              "attach again if the item comes back, or you can delete it.")


def flags_text(a: Annotation, orphaned: bool) -> str:
    words = (["⚠ orphaned"] if orphaned else []) + (["briefing"] if a.include_in_briefing else []) + (
        ["private"] if a.private else [])
    return ", ".join(words)


class AnnotationsPanel(QWidget):
    """A list of annotations; ``jump_requested`` on click, ``edit_requested``/``delete_requested`` by id."""

    jump_requested = Signal(str)
    edit_requested = Signal(str)
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotations_panel")
        self._doc = AnnotationSet()
        self._where: Mapping[str, str] = {}
        self._orphans: frozenset[str] = frozenset()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter annotations: text, tag, source, author…")
        self.search.setAccessibleName("Filter annotations by text")
        self.search.setClearButtonEnabled(True)
        self.tag_box = QComboBox()
        self.tag_box.setAccessibleName("Filter annotations by tag")
        self.flag_box = QComboBox()
        self.flag_box.setAccessibleName("Filter annotations by flag")
        for text, _ in FLAGS:
            self.flag_box.addItem(text)
        self.tag_box.view().setAccessibleName("Tags to filter by")
        self.flag_box.view().setAccessibleName("Flags to filter by")
        self.tree = QTreeWidget()
        self.tree.setObjectName("annotations_list")
        self.tree.setAccessibleName("Annotations list")
        self.tree.setAccessibleDescription("Click an annotation to go to its place; Delete removes it")
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        char = self.tree.fontMetrics().averageCharWidth()
        for column, chars in enumerate((40, 56, 18, 22, 12)):
            self.tree.setColumnWidth(column, chars * char)
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setAccessibleName("Edit the selected annotation")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setAccessibleName("Delete the selected annotation")
        self.count_label = QLabel()
        self.count_label.setAccessibleName("How many annotations are shown")
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.tag_box)
        top.addWidget(self.flag_box)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.edit_button)
        bottom.addWidget(self.delete_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addLayout(top)
        box.addWidget(self.tree, 1)
        box.addLayout(bottom)
        self.search.textChanged.connect(self._refill)
        self.tag_box.currentIndexChanged.connect(self._refill)
        self.flag_box.currentIndexChanged.connect(self._refill)
        self.tree.itemClicked.connect(self._on_item_clicked)
        self.tree.itemActivated.connect(self._on_item_clicked)
        self.tree.currentItemChanged.connect(self._update_buttons)
        self.edit_button.clicked.connect(lambda: self._emit(self.edit_requested))
        self.delete_button.clicked.connect(lambda: self._emit(self.delete_requested))
        self._refill()

    # -- data ----------------------------------------------------------------------------------------
    def set_annotations(self, doc: AnnotationSet, where: Mapping[str, str],
                        orphans: frozenset[str] = frozenset()) -> None:
        """Show ``doc``; ``where`` says where each annotation is (by id), ``orphans`` are marked."""
        self._doc, self._where, self._orphans = doc, where, frozenset(orphans)
        tags = all_tags(doc)
        current = self.tag_box.currentData()
        self.tag_box.blockSignals(True)
        self.tag_box.clear()
        self.tag_box.addItem("Any tag", None)
        for t in tags:
            self.tag_box.addItem(t, t)
        index = self.tag_box.findData(current) if current is not None else 0
        self.tag_box.setCurrentIndex(max(index, 0))
        self.tag_box.blockSignals(False)
        self._refill()

    def current_filter(self) -> AnnotationFilter:
        flags = FLAGS[max(self.flag_box.currentIndex(), 0)][1]
        return AnnotationFilter(self.search.text(), self.tag_box.currentData(), **flags)

    def shown_ids(self) -> list[str]:
        return [self.tree.topLevelItem(i).data(0, ID_ROLE) for i in range(self.tree.topLevelItemCount())]

    def selected_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def select(self, annotation_id: str | None) -> None:
        """Make ``annotation_id`` the current row (emits nothing)."""
        self.tree.blockSignals(True)
        try:
            self.tree.setCurrentItem(None)
            for i in range(self.tree.topLevelItemCount()):
                item = self.tree.topLevelItem(i)
                if item.data(0, ID_ROLE) == annotation_id:
                    self.tree.setCurrentItem(item)
                    self.tree.scrollToItem(item)
        finally:
            self.tree.blockSignals(False)
        self._update_buttons()

    @Slot()
    def _refill(self) -> None:
        keep = self.selected_id()
        flt = self.current_filter()
        self.tree.clear()
        warn = QBrush(QColor(style.OVERDUE_TEXT))
        shown = 0
        for a in self._doc.values():
            where = self._where.get(a.id, a.target.label)
            orphaned = a.id in self._orphans
            if not matches(a, flt, self._orphans, where):
                continue
            first = a.text.strip().splitlines()[0] if a.text.strip() else ""
            item = QTreeWidgetItem([f"⚠ {where}" if orphaned else where, first, ", ".join(a.tags),
                                    flags_text(a, orphaned), a.author, format_date(a.edited.date())])
            item.setData(0, ID_ROLE, a.id)
            item.setToolTip(1, a.text)
            item.setToolTip(0, ORPHAN_TIP if orphaned else where)
            if orphaned:
                for c in (0, 3):
                    item.setForeground(c, warn)
            self.tree.addTopLevelItem(item)
            shown += 1
        total, lost = len(self._doc), len(self._orphans & set(self._doc))
        text = f"{shown:,} of {total:,} annotations" if shown != total else f"{total:,} annotations"
        if total == 1 and shown == 1:
            text = "1 annotation"
        if lost:
            text += f" · {lost:,} orphaned"
        self.count_label.setText(text if total else "No annotations yet: select an item and press Ctrl+M.")
        self.select(keep)

    # -- handlers ------------------------------------------------------------------------------------
    @Slot()
    def _update_buttons(self, *_args: object) -> None:
        has = self.selected_id() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    @Slot(QTreeWidgetItem, int)
    def _on_item_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.jump_requested.emit(item.data(0, ID_ROLE))

    def _emit(self, signal: Signal) -> None:
        ident = self.selected_id()
        if ident is not None:
            signal.emit(ident)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.tree.hasFocus():
            self._emit(self.delete_requested)
        elif event.key() == Qt.Key.Key_F2:
            self._emit(self.edit_requested)
        else:
            super().keyPressEvent(event)

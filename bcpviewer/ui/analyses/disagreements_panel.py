"""The Sources differ panel: every place two sources give different dates, grades or figures, side by side."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from bcpviewer.model.disagreements import Claim, Disagreement
from bcpviewer.model.records import Source
from bcpviewer.model.spans import format_date
from bcpviewer.plots import style

INDEX_ROLE = Qt.ItemDataRole.UserRole  # the row's place in the list given
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # what a column sorts by, where its text would mislead
FIXED = ("When", "Subject", "What differs")
MAX_CLAIM_COLUMNS = 3  # side-by-side claims; any further ones are joined into the last column
EMPTY_TEXT = ("No two sources disagree in the loaded files. When two files give different dates, "
              "grades or figures for the same thing, they are listed here.")
HINT = "Select a row to read what each source says; both records are kept, neither is picked."
KEPT = "Both records are kept; neither has been picked."
KEPT_MANY = "All {n} records are kept; none has been picked."
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def claim_text(claim: Claim, sources: Mapping[str, Source]) -> str:
    """``6-17 Dec 2021 — Ofsted inspection report``: the value and the source that gives it."""
    return f"{claim.value} — {claim.cited(sources)}"


def claim_header(index: int, last: bool, more: bool) -> str:
    """``Source A says``; the last column says it may hold several."""
    letter = _LETTERS[index % len(_LETTERS)]
    if last and more:
        return f"Source {letter} and others say"
    return f"Source {letter} says"


def claim_cells(d: Disagreement, sources: Mapping[str, Source], columns: int) -> list[str]:
    """One cell per claim column: each claim in its own, the rest joined into the last."""
    texts = [claim_text(c, sources) for c in d.claims]
    if len(texts) > columns:
        texts = texts[:columns - 1] + ["; ".join(texts[columns - 1:])]
    return texts + [""] * (columns - len(texts))


class _Row(QTreeWidgetItem):
    """A row that sorts by its sort key where it has one (dates sort as dates, not as text)."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        tree = self.treeWidget()
        column = tree.sortColumn() if tree is not None else 0
        mine, theirs = self.data(column, SORT_ROLE), other.data(column, SORT_ROLE)
        if mine is not None and theirs is not None:
            return mine < theirs
        return self.text(column).casefold() < other.text(column).casefold()


class DisagreementsPanel(QWidget):
    """A sortable table of disagreements; ``item_selected`` gives the first item key of the row chosen."""

    item_selected = Signal(str)  # ``event:<id>`` or ``metric:<id>``

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("disagreements_panel")
        self.setAccessibleName("Sources differ")
        self._items: tuple[Disagreement, ...] = ()
        self._sources: dict[str, Source] = {}
        self._filling = False
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("disagreements_list")
        self.tree.setAccessibleName("Where sources differ")
        self.tree.setAccessibleDescription("One row per date, grade or figure that two sources give "
                                           "differently; select a row to go to the item")
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSortingEnabled(True)
        self.tree.header().setSortIndicatorShown(True)
        self.empty = QLabel(EMPTY_TEXT, self)
        self.empty.setObjectName("disagreements_empty")
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setStyleSheet(f"color: {style.MUTED}; padding: 8px;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setAccessibleName("No disagreements")
        self.detail = QLabel(HINT, self)
        self.detail.setObjectName("disagreement_detail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)  # titles and values are data, never markup
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setStyleSheet(f"color: {style.MUTED}; padding: 4px;")
        self.detail.setAccessibleName("What the sources say about the selected row")
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addWidget(self.empty)
        box.addWidget(self.tree, 1)
        box.addWidget(self.detail)
        self.tree.currentItemChanged.connect(self._on_current_changed)
        self.tree.itemActivated.connect(self._on_activated)
        self._set_columns(2)
        self.tree.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.set_disagreements((), {})

    # -- data ----------------------------------------------------------------------------------
    def set_disagreements(self, items: Sequence[Disagreement], sources: Mapping[str, Source]) -> None:
        """Show ``items``, citing ``sources`` (by id) by their titles; the sort order is kept."""
        self._items, self._sources = tuple(items), dict(sources)
        claims = max((len(d.claims) for d in self._items), default=2)
        columns = max(2, min(claims, MAX_CLAIM_COLUMNS))
        more = claims > MAX_CLAIM_COLUMNS
        self._filling = True
        try:
            self.tree.setSortingEnabled(False)
            self.tree.clear()
            self._set_columns(columns, more)
            for i, d in enumerate(self._items):
                self.tree.addTopLevelItem(self._row(i, d, columns))
            self._fit_columns()
            self.tree.setSortingEnabled(True)
        finally:
            self._filling = False
        has = bool(self._items)
        self.empty.setVisible(not has)
        self.tree.setVisible(has)
        self.detail.setVisible(has)
        self.detail.setText(HINT)
        self.detail.setStyleSheet(f"color: {style.MUTED}; padding: 4px;")

    @property
    def disagreements(self) -> tuple[Disagreement, ...]:
        return self._items

    def row_count(self) -> int:
        return self.tree.topLevelItemCount()

    def shown(self) -> list[Disagreement]:
        """The disagreements in the order the table shows them."""
        return [self._items[self.tree.topLevelItem(i).data(0, INDEX_ROLE)] for i in range(self.row_count())]

    def selected(self) -> Disagreement | None:
        item = self.tree.currentItem()
        return self._items[item.data(0, INDEX_ROLE)] if item is not None else None

    # -- building ------------------------------------------------------------------------------
    def _set_columns(self, claims: int, more: bool = False) -> None:
        heads = [*FIXED, *(claim_header(i, i == claims - 1, more) for i in range(claims))]
        self.tree.setColumnCount(len(heads))
        self.tree.setHeaderLabels(heads)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Each column as wide as its contents, within a readable range (tooltips hold the rest)."""
        fm = self.tree.fontMetrics()
        char = fm.averageCharWidth()
        header = self.tree.header()
        for column in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(column)
            least = fm.horizontalAdvance("30 Sep 2023") + 24 if column == 0 else 12 * char
            most = (28 if column == 1 else 18 if column == 2 else 36) * char
            heading = fm.horizontalAdvance(self.tree.headerItem().text(column)) + 28
            width = max(least, heading, min(header.sectionSize(column), most))
            self.tree.setColumnWidth(column, width)

    def _row(self, index: int, d: Disagreement, columns: int) -> QTreeWidgetItem:
        cells = claim_cells(d, self._sources, columns)
        item = _Row([format_date(d.when), d.subject, d.field[:1].upper() + d.field[1:], *cells])
        item.setData(0, INDEX_ROLE, index)
        item.setData(0, SORT_ROLE, (d.when.isoformat(), d.subject, d.field))
        whole = d.describe(self._sources)
        for c in range(item.columnCount()):
            item.setToolTip(c, whole)
        return item

    # -- handlers ------------------------------------------------------------------------------
    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_current_changed(self, current: QTreeWidgetItem | None, _previous: object = None) -> None:
        if current is None:
            self.detail.setText(HINT)
            self.detail.setStyleSheet(f"color: {style.MUTED}; padding: 4px;")
            return
        d = self._items[current.data(0, INDEX_ROLE)]
        kept = KEPT if len(d.claims) <= 2 else KEPT_MANY.format(n=len(d.claims))
        self.detail.setText(f"{d.describe(self._sources)} {kept}")
        self.detail.setStyleSheet(f"color: {style.FOREGROUND}; padding: 4px;")
        if not self._filling:
            self._emit(d)

    @Slot(QTreeWidgetItem, int)
    def _on_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self._emit(self._items[item.data(0, INDEX_ROLE)])

    def _emit(self, d: Disagreement) -> None:
        if d.keys:
            self.item_selected.emit(d.keys[0])

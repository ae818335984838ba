"""The "Plan versions" dock: both versions named, what changed in a sortable, filterable table,
the buttons that ask to compare or cancel, and the switch for the older dates on the timeline."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from bcpviewer.model.versions import ActionChange, Change, PlanComparison
from bcpviewer.plots import style
from bcpviewer.ui.analyses.plan_changes import ALL_CHANGES, EVERYTHING, FILTERS, ChangeProxy, ChangeTableModel
from bcpviewer.ui.items.items import ItemTable

TITLE = "Plan versions"
EMPTY_TEXT = ("Open an older version of the tracker to see what changed: "
              "Analysis › Compare plan versions…")


class _Table(ItemTable):
    """The comparison table: Enter on a row says which action it is."""

    entered = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.entered.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class PlanVersionsPanel(QWidget):
    """The "Plan versions" dock: both versions named, what changed in a sortable, filterable table,
    and a switch for the older dates on the timeline."""

    ghosts_toggled = Signal(bool)
    compare_requested = Signal()
    cancel_requested = Signal()
    item_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plan_versions")
        self.setAccessibleName(TITLE)
        self._comparison: PlanComparison | None = None
        self.model = ChangeTableModel(self)
        self.proxy = ChangeProxy(self)
        self.proxy.setSourceModel(self.model)

        self.heading = QLabel(self)
        self.heading.setObjectName("plan_versions_heading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.heading.setAccessibleName("The two versions compared")
        self.status = QLabel(self)
        self.status.setObjectName("plan_versions_status")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Comparison progress")
        self.status.setStyleSheet(f"color: {style.MUTED};")
        self.status.hide()

        self.filter_combo = QComboBox(self)
        self.filter_combo.setAccessibleName("Show changes")
        self.filter_combo.view().setAccessibleName("Kinds of change to show")
        self.filter_combo.setToolTip("Which actions to list: one kind of change, every changed "
                                     "action, or every action in either version")
        for label, which in FILTERS:
            self.filter_combo.addItem(label, which)
        self.filter_combo.currentIndexChanged.connect(self._on_filter_changed)
        show = QLabel("&Show:", self)
        show.setBuddy(self.filter_combo)
        self.ghosts_check = QCheckBox("Show the older &dates on the timeline", self)
        self.ghosts_check.setAccessibleName("Show the older dates on the timeline")
        self.ghosts_check.setToolTip("Draw the older version's dates as pale dashed bars under each "
                                     "re-dated action, and dropped actions in a lane at the bottom")
        self.ghosts_check.setEnabled(False)
        self.ghosts_check.toggled.connect(self.ghosts_toggled)
        self.compare_button = QPushButton("&Compare with another version…", self)
        self.compare_button.setAccessibleName("Compare with another version")
        self.compare_button.setToolTip("Choose another version of the tracker (an older one, "
                                       "usually) to compare with the open data")
        self.compare_button.clicked.connect(self.compare_requested)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName("Cancel reading the other version")
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.cancel_button.hide()

        self.table = _Table(self)
        self.table.setObjectName("plan_versions_table")
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Changes between the two versions")
        self.table.setAccessibleDescription(
            "One row per action: what changed, its dates, owner and status then and now; click a "
            "header to sort, Enter or a click shows the action on the timeline")
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # plan order until a header is clicked
        self.table.setSortingEnabled(True)
        self.table.clicked.connect(self._on_row_chosen)
        self.table.entered.connect(self._on_row_chosen)
        self.shown_label = QLabel(self)
        self.shown_label.setStyleSheet(f"color: {style.MUTED};")

        self.empty = QLabel(EMPTY_TEXT, self)
        self.empty.setObjectName("plan_versions_empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAccessibleName("No comparison yet")
        self.empty.setStyleSheet(f"color: {style.MUTED}; padding: 12px;")
        table_page = QWidget(self)
        tbox = QVBoxLayout(table_page)
        tbox.setContentsMargins(0, 0, 0, 0)
        tbox.setSpacing(2)
        tbox.addWidget(self.table, 1)
        tbox.addWidget(self.shown_label)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.empty)
        self.pages.addWidget(table_page)

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(show)
        controls.addWidget(self.filter_combo)
        controls.addSpacing(12)
        controls.addWidget(self.ghosts_check)
        controls.addStretch(1)
        controls.addWidget(self.cancel_button)
        controls.addWidget(self.compare_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.setSpacing(4)
        box.addWidget(self.heading)
        box.addWidget(self.status)
        box.addLayout(controls)
        box.addWidget(self.pages, 1)
        self.set_comparison(None)

    # -- public API ----------------------------------------------------------------------------
    @property
    def comparison(self) -> PlanComparison | None:
        return self._comparison

    def set_comparison(self, cmp: PlanComparison | None) -> None:
        """Show ``cmp`` (None: the empty state, saying how to start)."""
        self._comparison = cmp
        self.model.set_records(cmp.rows if cmp is not None else ())
        if cmp is None:
            self.heading.setText("<b>No comparison yet</b>")
            self.pages.setCurrentWidget(self.empty)
            self.ghosts_check.setEnabled(False)
            self.filter_combo.setEnabled(False)
        else:
            self.filter_combo.setEnabled(True)
            self.heading.setText(
                f"<b>Older:</b> {html.escape(cmp.old_label)} &nbsp;→&nbsp; "
                f"<b>Newer:</b> {html.escape(cmp.new_label)}<br>{html.escape(cmp.summary())}")
            self.pages.setCurrentWidget(self.table.parentWidget())
            self.ghosts_check.setEnabled(self.model.open_is_newer)
        self._update_filter_counts()
        self._after_filter()

    def set_open_is_newer(self, newer: bool) -> None:
        """Say whether the open data (on the timeline) is the newer version (the usual case): rows
        then name its actions in ``item_selected``, and the older dates can be drawn on it."""
        if newer == self.model.open_is_newer:
            return
        self.model.open_is_newer = newer
        self.model.set_records(self.model.records)
        self.ghosts_check.setEnabled(newer and self._comparison is not None)
        self.ghosts_check.setToolTip(
            "Draw the older version's dates as pale dashed bars under each re-dated action, and "
            "dropped actions in a lane at the bottom" if newer else
            "The open data is the older version: open the newer one to see the older dates on it")

    def set_filter(self, which: Change | str) -> None:
        """Show one kind of change, ``ALL_CHANGES`` or ``EVERYTHING``."""
        for i in range(self.filter_combo.count()):
            if self.filter_combo.itemData(i) == which:
                self.filter_combo.setCurrentIndex(i)
                return
        raise ValueError(f"not a filter: {which!r}")

    def set_busy(self, busy: bool) -> None:
        """While another version is being read: a Cancel button, no second compare."""
        self.cancel_button.setVisible(busy)
        self.compare_button.setEnabled(not busy)

    def set_message(self, text: str) -> None:
        """A line under the heading: progress, or why a comparison could not be made ('' hides it)."""
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def shown_rows(self) -> list[ActionChange]:
        """The rows as listed now (filtered and sorted)."""
        return [self.model.record(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
                for r in range(self.proxy.rowCount())]

    def row_texts(self) -> list[list[str]]:
        """Every cell of the rows listed now, as shown."""
        return [[self.proxy.index(r, c).data() for c in range(self.proxy.columnCount())]
                for r in range(self.proxy.rowCount())]

    # -- internals ------------------------------------------------------------------------------
    def _update_filter_counts(self) -> None:
        cmp = self._comparison
        counts = cmp.counts() if cmp is not None else {}
        changed = len(cmp.changed) if cmp is not None else 0
        total = len(cmp.rows) if cmp is not None else 0
        for i, (label, which) in enumerate(FILTERS):
            n = changed if which == ALL_CHANGES else total if which == EVERYTHING else counts.get(which, 0)
            self.filter_combo.setItemText(i, f"{label} ({n:,})" if cmp is not None else label)

    @Slot(int)
    def _on_filter_changed(self, index: int) -> None:
        self.proxy.set_which(self.filter_combo.itemData(index))
        self._after_filter()

    def _after_filter(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.shown_label.setText(f"{shown:,} of {total:,} actions listed"
                                 + ("" if shown else ": none with this kind of change"))
        self.fit_columns()

    def fit_columns(self) -> None:
        """Columns as wide as their contents, capped; spare width goes to the Action column."""
        view = self.table
        view.resizeColumnsToContents()
        header = view.horizontalHeader()
        char = view.fontMetrics().averageCharWidth()
        widths = [min(header.sectionSize(c), max(col.max_chars * char, header.sectionSizeHint(c)))
                  for c, col in enumerate(self.model.columns)]
        main = next(c for c, col in enumerate(self.model.columns) if col.main)
        room = view.viewport().width() if view.isVisible() else view.width() - 2 * view.frameWidth()
        spare = room - view.verticalScrollBar().sizeHint().width() - sum(widths)
        if spare > 0:
            widths[main] = min(header.sectionSize(main), widths[main] + spare)
        for c, width in enumerate(widths):
            header.resizeSection(c, width)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width() and self._comparison is not None:
            self.fit_columns()

    def _on_row_chosen(self, index: QModelIndex) -> None:
        key = self.proxy.key_at(index)
        if key is not None:
            self.item_selected.emit(key)

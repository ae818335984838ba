"""The Items panel: a tab per kind of record, sharing the selected action or event with the timeline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTabWidget, QVBoxLayout, QWidget

from bcpviewer.model.keys import ACTION, split_key
from bcpviewer.model.records import Dataset
from bcpviewer.ui.shell.startup import TABS
from bcpviewer.ui.items.data_files import DataFiles
from bcpviewer.ui.items.kind_models import (
    ActionTableModel,
    EventTableModel,
    MetricTableModel,
    ProblemTableModel,
    SourceTableModel,
)
from bcpviewer.ui.items.table_models import RecordSortProxy, RecordTableModel
from bcpviewer.ui.jobs import BIG, Latest

KEYED = ("actions", "events")  # tables whose rows are timeline items
BIG_TABLES = 5_000  # rows in all, from which the tables are filled from the background
FIT_ROWS = 25  # rows measured (besides those in sight) when columns are sized to their contents


def style_table(view: QTableView) -> None:
    """How every table of records looks and moves: whole rows, one at a time, no wrapping, Tab leaves
    the table, compact rows, sortable by a header click (file order until one is clicked)."""
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setTabKeyNavigation(False)  # Tab moves on to the next control, arrows move between cells
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    header.setResizeContentsPrecision(FIT_ROWS)  # columns fit the rows in sight and so many more, not all
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)


class ItemTable(QTableView):
    """A table that keeps Home and End for moving between rows (not the window's Zoom to fit)."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Home, Qt.Key.Key_End):
                event.accept()
                return True
        return super().event(event)


class ItemsPanel(QTabWidget):
    """Actions, Events, Metrics, Sources and Problems tables; ``selected``/``activated`` carry item keys."""

    selected = Signal(str)
    activated = Signal(str)

    def __init__(self, today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("items_tabs")
        self.setAccessibleName("Data tables")
        self.setDocumentMode(True)
        self._metric_model = MetricTableModel()
        self.models: dict[str, RecordTableModel] = {
            "actions": ActionTableModel(today=today),
            "events": EventTableModel(),
            "metrics": self._metric_model,
            "sources": SourceTableModel(),
            "problems": ProblemTableModel(),
        }
        self.proxies: dict[str, RecordSortProxy] = {}
        self.views: dict[str, QTableView] = {}
        self._quiet = False
        self._emitted: str | None = None
        self._refit_timer = QTimer(self)
        self._refit_timer.setSingleShot(True)
        self._refit_timer.setInterval(120)
        self._refit_timer.timeout.connect(self.refit)
        self._unfitted: set[QTableView] = set()  # fitted when their tab is next shown
        self._worker = Latest("listing the records", self)
        self._worker.done.connect(lambda result: self._fill(*result))
        self.data_files = DataFiles()  # the files open, above the Sources table
        self._page_view: dict[QWidget, QTableView] = {}  # a tab holding more than its table
        for key, title in TABS:
            view = self._make_view(key, title)
            if key == "sources":
                page = QWidget()
                box = QVBoxLayout(page)
                box.setContentsMargins(0, 0, 0, 0)
                box.addWidget(self.data_files)
                box.addWidget(view, 1)
                self._page_view[page] = view
                self.addTab(page, title)
            else:
                self.addTab(view, title)
        self.currentChanged.connect(lambda _index: self._fit_shown())

    def _make_view(self, key: str, title: str) -> QTableView:
        proxy = RecordSortProxy(self)
        proxy.setSourceModel(self.models[key])
        view = ItemTable()
        view.setObjectName(f"{key}_table")
        view.setModel(proxy)
        view.setAccessibleName(f"{title} table")
        description = f"The loaded {title.lower()}, one row each; click a header to sort"
        if key in KEYED:
            description += "; Enter shows the details"
        view.setAccessibleDescription(description)
        style_table(view)
        if key in KEYED:
            view.selectionModel().currentRowChanged.connect(
                lambda current, _previous, k=key: self._on_current_row_changed(k, current)
            )
            view.activated.connect(lambda index, k=key: self._on_row_activated(k, index))
        self.proxies[key] = proxy
        self.views[key] = view
        return view

    # -- data -----------------------------------------------------------------------------
    def set_dataset(self, dataset: Dataset) -> None:
        """Show ``dataset``'s records; a big dataset's tables are emptied at once and filled when their
        texts have been worked out in the background."""
        self._metric_model.set_sources(dataset.source_by_id())
        rows = {"actions": dataset.actions, "events": dataset.events, "metrics": dataset.series,
                "sources": dataset.sources, "problems": dataset.problems}
        big = dataset.observation_count >= BIG or sum(map(len, rows.values())) >= BIG_TABLES
        if big:
            self._fill({key: () for key in rows}, {key: [] for key in rows})
            self._worker.run(lambda: (rows, {k: self.models[k].texts_for(v) for k, v in rows.items()}))
        else:
            self._worker.supersede()
            self._fill(rows, {key: self.models[key].texts_for(records) for key, records in rows.items()})

    @property
    def filling(self) -> bool:
        """A big dataset's tables are still being worked out."""
        return self._worker.busy

    def _fill(self, rows: dict[str, Sequence[object]], texts: dict[str, list[list[str]]]) -> None:
        self._quiet = True
        try:
            for key, records in rows.items():
                self.models[key].set_records(records, texts[key])
        finally:
            self._quiet = False
        self._emitted = None
        self.refit()
        self.update_titles()

    def set_filter(self, keys: set[str] | None, text: str) -> None:
        """Actions and events: only ``keys`` (None: all); other tables: rows with every word of ``text``."""
        self._quiet = True
        try:
            for key, proxy in self.proxies.items():
                if key in KEYED:
                    proxy.set_keys(keys)
                    # a hidden selected row makes Qt move the highlight to a neighbour: take it off
                    if proxy.key_at(self.views[key].currentIndex()) != self._emitted:
                        self.views[key].selectionModel().clear()
                else:
                    proxy.set_filter_text(text)
        finally:
            self._quiet = False
        self.update_titles()

    # -- selection ------------------------------------------------------------------------
    def current_key(self) -> str | None:
        """The item key of the current row of the Actions or Events tab shown, if any."""
        name = TABS[self.currentIndex()][0] if self.currentIndex() >= 0 else ""
        if name not in KEYED:
            return None
        return self.proxies[name].key_at(self.views[name].currentIndex())

    def select_key(self, key: str | None) -> None:
        """Select and scroll to ``key``'s row, switching to its tab; emits nothing. None clears."""
        self._quiet = True
        try:
            if not key:
                for name in KEYED:
                    self.views[name].selectionModel().clear()
                self._emitted = None
                return
            try:
                kind, _rid = split_key(key)
            except ValueError:
                return
            name = "actions" if kind == ACTION else "events"
            self._clear_other(name)
            view = self.views[name]
            index = self.proxies[name].index_of_key(key)
            self.setCurrentIndex([t for t, _ in TABS].index(name))
            if not index.isValid():  # filtered out of the table
                view.selectionModel().clear()
                return
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            view.selectionModel().setCurrentIndex(index, flags)
            view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
            self._emitted = key
        finally:
            self._quiet = False

    def _on_current_row_changed(self, name: str, current: QModelIndex) -> None:
        if self._quiet:
            return
        key = self.proxies[name].key_at(current)
        if key is not None and key != self._emitted:
            self._clear_other(name)
            self._emitted = key
            self.selected.emit(key)

    def _clear_other(self, name: str) -> None:
        """One selection at a time: selecting in one keyed table clears the other's."""
        quiet, self._quiet = self._quiet, True
        try:
            for other in KEYED:
                if other != name:
                    self.views[other].selectionModel().clear()
        finally:
            self._quiet = quiet

    def _on_row_activated(self, name: str, index: QModelIndex) -> None:
        key = self.proxies[name].key_at(index)
        if key is not None:
            if key != self._emitted:
                self._emitted = key
                self.selected.emit(key)
            self.activated.emit(key)

    # -- layout ---------------------------------------------------------------------------
    def fit_columns(self, view: QTableView) -> None:
        """Size columns to their contents, capped per column; spare width goes to the main text column."""
        view.resizeColumnsToContents()
        header = view.horizontalHeader()
        model = view.model().sourceModel()
        char = view.fontMetrics().averageCharWidth()
        natural = [header.sectionSize(c) for c in range(header.count())]
        widths = [
            min(natural[c], max(col.max_chars * char, header.sectionSizeHint(c)))  # never clip the header
            for c, col in enumerate(model.columns)
        ]
        main = next((c for c, col in enumerate(model.columns) if col.main), None)
        shown = self.currentWidget() or view  # a hidden tab is not laid out: measure the one shown
        room = shown.width() - 2 * view.frameWidth() - view.verticalScrollBar().sizeHint().width()
        spare = room - sum(widths)
        if spare > 0 and main is not None:
            widths[main] = min(natural[main], widths[main] + spare)
        elif spare < 0:  # too wide: narrow the long text columns, the main one last; short ones stay whole
            for pass_main in (False, True):
                floors = [
                    widths[c] if widths[c] <= 18 * char
                    else max(header.sectionSizeHint(c), (14 if c == main else 12) * char)
                    for c in range(len(widths))
                ]
                give = [max(0, w - f) if (c == main) == pass_main else 0
                        for c, (w, f) in enumerate(zip(widths, floors, strict=True))]
                if sum(give) and spare < 0:
                    cut = min(1.0, -spare / sum(give))
                    widths = [w - int(g * cut) for w, g in zip(widths, give, strict=True)]
                    spare = room - sum(widths)
        for c, width in enumerate(widths):
            header.resizeSection(c, width)

    def update_titles(self) -> None:
        for i, (key, title) in enumerate(TABS):
            total = self.models[key].rowCount()
            shown = self.proxies[key].rowCount()
            count = f"{shown:,} of {total:,}" if shown != total else f"{total:,}"
            self.setTabText(i, f"{title} ({count})")
            self.setTabToolTip(i, f"{title}: {count} rows (Alt+{i + 1})")

    @Slot()
    def refit(self) -> None:
        """Fit the columns of the tab shown now, and of each other tab when it is shown."""
        self._unfitted = set(self.views.values())
        self._fit_shown()

    def _fit_shown(self) -> None:
        view = self._page_view.get(self.currentWidget(), self.currentWidget())
        if view in self._unfitted:
            self._unfitted.discard(view)
            self.fit_columns(view)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._refit_timer.start()  # once the resizing pauses

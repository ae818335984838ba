"""The Items panel: a tab per kind of record, sharing the selected action or event with the timeline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QHelpEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from bcpviewer.model.keys import ACTION, split_key
from bcpviewer.model.records import Dataset, Problem
from bcpviewer.ui.items.data_files import DataFiles
from bcpviewer.ui.items.file_models import ProblemTableModel, SourceTableModel
from bcpviewer.ui.items.kind_models import (
    ActionTableModel,
    EventTableModel,
    MetricTableModel,
)
from bcpviewer.ui.items.table_models import RecordSortProxy, RecordTableModel
from bcpviewer.ui.jobs import BIG, Latest
from bcpviewer.ui.shell.startup import TABS

KEYED = ("actions", "events")  # tables whose rows are timeline items
BIG_TABLES = 5_000  # rows in all, from which the tables are filled from the background
FIT_ROWS = 25  # rows measured (besides those in sight) when columns are sized to their contents
MAIN_CHARS = 32  # the title column keeps room for about so many characters before the table scrolls


def _is_error(problem: Problem) -> bool:
    return problem.is_error


def _shrink(widths: list[int], floors: dict[int, int], room: int) -> list[int]:
    """``widths`` with the columns in ``floors`` narrowed towards their floor, in proportion to what
    each can give, until the whole fits ``room`` (or every one is at its floor)."""
    give = {c: max(0, widths[c] - f) for c, f in floors.items()}
    over = sum(widths) - room
    if over <= 0 or not sum(give.values()):
        return widths
    cut = min(1.0, over / sum(give.values()))
    return [w - int(give.get(c, 0) * cut) for c, w in enumerate(widths)]


def style_table(view: QTableView) -> None:
    """How every table of records looks and moves: whole rows, one at a time, no wrapping, the main
    text (a title) elided in the middle and others at the end (the full text is in the tooltip), Tab
    leaves the table, compact rows, sortable by a header click (file order until one is clicked)."""
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setTabKeyNavigation(False)  # Tab moves on to the next control, arrows move between cells
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    model = view.model()
    source = model.sourceModel() if isinstance(model, RecordSortProxy) else model
    if isinstance(source, RecordTableModel):
        for c, col in enumerate(source.columns):
            if col.main:
                view.setItemDelegateForColumn(c, MiddleElide(view))
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    header.setResizeContentsPrecision(FIT_ROWS)  # columns fit the rows in sight and so many more, not all
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)


class MiddleElide(QStyledItemDelegate):
    """Cells elided in the middle ("Agree a budget … work capacity"): a title's start and end show."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
                        ) -> None:  # noqa: N802 (Qt's name)
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


class ItemTable(QTableView):
    """A table that keeps Home and End for moving between rows (not the window's Zoom to fit), and
    shows a cell's full text as its tooltip when the cell is too narrow for it."""

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.indexAt(event.pos())
            if index.isValid() and index.data(Qt.ItemDataRole.ToolTipRole) is None:
                text = str(index.data() or "")
                padding = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 4
                if self.fontMetrics().horizontalAdvance(text) + padding > self.visualRect(index).width():
                    QToolTip.showText(event.globalPos(), text, self.viewport(), self.visualRect(index))
                    return True
        return super().viewportEvent(event)

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
        self.errors_only = QCheckBox("Errors only")  # above the Problems table
        self.errors_only.setObjectName("errors_only")
        self.errors_only.setToolTip("Hide the columns not used, values not known and rows skipped: "
                                    "list only the values that were not read")
        self.errors_only.toggled.connect(self._on_errors_only)
        above = {"sources": self.data_files, "problems": self.errors_only}
        for key, title in TABS:
            view = self._make_view(key, title)
            if key in above:
                page = QWidget()
                box = QVBoxLayout(page)
                box.setContentsMargins(0, 0, 0, 0)
                box.addWidget(above[key])
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

    @Slot(bool)
    def _on_errors_only(self, on: bool) -> None:
        self.proxies["problems"].set_record_filter(_is_error if on else None)
        self.update_titles()

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
        """Size columns to their contents, capped per column; spare width goes to the main text column
        (the title). When the table is too wide, room is found first from the other long text columns,
        then by putting long headers over short figures on two lines, and only then from the title,
        which keeps at least MAIN_CHARS characters (the table scrolls sideways beyond that)."""
        header = view.horizontalHeader()
        model = view.model().sourceModel()
        model.wrap_headers(set())
        view.resizeColumnsToContents()
        char = view.fontMetrics().averageCharWidth()
        columns = model.columns
        n = len(columns)
        content = [max(view.sizeHintForColumn(c), 2 * char) for c in range(n)]
        hint = [header.sectionSizeHint(c) for c in range(n)]
        natural = [max(content[c], hint[c]) for c in range(n)]
        widths = [min(natural[c], max(col.max_chars * char, hint[c])) for c, col in enumerate(columns)]
        main = next((c for c, col in enumerate(columns) if col.main), None)
        shown = self.currentWidget() or view  # a hidden tab is not laid out: measure the one shown
        room = shown.width() - 2 * view.frameWidth() - view.verticalScrollBar().sizeHint().width()
        others = [c for c in range(n) if c != main]
        if room < sum(widths):  # the other long text columns first
            long = [c for c in others if widths[c] > 18 * char and columns[c].max_chars > 18]
            widths = _shrink(widths, {c: max(hint[c], 12 * char) for c in long}, room)
        wide_headers = {c for c in others if hint[c] > content[c] + char and " " in columns[c].header}
        if room < sum(widths) and wide_headers:  # long headers over short figures: on two lines
            model.wrap_headers(wide_headers)
            for c in wide_headers:
                widths[c] = min(widths[c], max(content[c], header.sectionSizeHint(c)))
        if room < sum(widths) and main is not None:  # the title last, never below MAIN_CHARS
            widths = _shrink(widths, {main: min(widths[main], MAIN_CHARS * char)}, room)
        if room < sum(widths):  # then the other long texts, further (dates and figures stay whole)
            widths = _shrink(widths, {c: max(hint[c], 10 * char) for c in others if content[c] > 18 * char},
                             room)
        if room > sum(widths) and main is not None:
            widths[main] = min(natural[main], widths[main] + room - sum(widths))
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

"""The metrics panel: a searchable tree of metric series by theme, and the stack of linked charts (one
per ticked metric, sharing one time axis). One chart widget is in ``chart_widget``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QScrollArea,
    QSplitter,
    QToolButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bcpviewer.model.records import Dataset, MetricSeries
from bcpviewer.model.vocab import EventKind
from bcpviewer.plots import style
from bcpviewer.plots.chart_style import DEFAULT_EVENT_KINDS
from bcpviewer.plots.timeline_axes import DAY, dates_to_seconds
from bcpviewer.ui.charts.chart_widget import CHART_MIN_HEIGHT, MetricChart, chart_placeholder
from bcpviewer.ui.charts.metric_tree import NAME_ROLE, MetricTree, by_name, figure_span, fill_tree

# Charts are made as the event loop turns: a chart in sight is begun, then drawn a piece (a curve, its
# targets...) per turn, so the window never stalls while many are made (issue 19).
EMPTY_TEXT = "Tick one or more metrics on the left to chart them."
NO_METRICS_TEXT = ("No metrics in this data. Metrics come from a workbook's Metrics sheet "
                   "or a DfE statistics file.")


class MetricsPanel(QWidget):
    """Every metric series in a searchable tree by theme; ticked ones are charted, sharing one time axis."""

    checked_changed = Signal(list)
    charts_added = Signal()  # more of the ticked metrics' charts were made (they are made a few at a time)

    def __init__(self, parent: QWidget | None = None, council_label: str = "Council") -> None:
        super().__init__(parent)
        self._dataset = Dataset()
        self._series: dict[str, MetricSeries] = {}
        self._figure_span: tuple | None = ()  # first and last period end of every figure; None: not yet
        self._items: dict[str, QTreeWidgetItem] = {}  # each metric's row in the tree, in tree order
        self._ticked: set[str] = set()  # the ticked ones (kept as the tree's check boxes change)
        self._charts: dict[str, MetricChart] = {}
        self._kinds: set[EventKind] = set(DEFAULT_EVENT_KINDS)
        self._external: pg.PlotItem | None = None
        self._council_label = council_label
        self._syncing = False
        self._last_range: tuple[float, float] | None = None
        self._pending: list[str] = []  # ticked metrics whose charts are still to be made, in order
        self._holders: dict[str, QLabel] = {}  # their places in the stack meanwhile
        self._maker = QTimer(self)  # makes those in sight, one per turn of the event loop
        self._maker.setInterval(0)
        self._maker.timeout.connect(self._make_next)
        self._build()
        bar = self.scroll.verticalScrollBar()  # scrolled or resized: more charts may be in sight
        bar.valueChanged.connect(lambda _value: self._maker.start())
        bar.rangeChanged.connect(lambda _low, _high: self._maker.start())
        self.setAccessibleName("Metrics")

    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Find a metric…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find a metric")
        self.search.textChanged.connect(self._on_search_changed)
        self.tree = MetricTree(self)
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Metrics by theme; tick to chart")
        self.tree.itemChanged.connect(self._on_item_changed)
        left = QWidget(self)
        lbox = QVBoxLayout(left)
        lbox.setContentsMargins(0, 0, 0, 0)
        lbox.addWidget(self.search)
        lbox.addWidget(self.tree, 1)
        self.events_button = QToolButton(self)
        self.events_button.setText("Events on charts")
        self.events_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.events_button.setToolTip("Choose which kinds of event are drawn as lines on every chart")
        self.events_menu = QMenu(self.events_button)
        self.events_button.setMenu(self.events_menu)
        self.fit_button = QToolButton(self)
        self.fit_button.setText("Show all dates")
        self.fit_button.clicked.connect(self.zoom_to_fit)
        self.status = QLabel(self)
        self.status.setStyleSheet(f"color: {style.MUTED};")
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.status, 1)
        head.addWidget(self.events_button)
        head.addWidget(self.fit_button)
        self._content = QWidget()
        self._content.setStyleSheet(f"background: {style.BACKGROUND};")
        self._stack = QVBoxLayout(self._content)
        self._stack.setContentsMargins(0, 0, 0, 0)
        self._stack.setSpacing(0)
        self.empty = QLabel(EMPTY_TEXT, self._content)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color: {style.MUTED}; padding: 24px;")
        self._stack.addWidget(self.empty, 1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self._content)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right = QWidget(self)
        rbox = QVBoxLayout(right)
        rbox.setContentsMargins(0, 0, 0, 0)
        rbox.addLayout(head)
        rbox.addWidget(self.scroll, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 900])
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.splitter)

    # -- public API ----------------------------------------------------------------------------
    def set_dataset(self, dataset: Dataset) -> None:
        """List ``dataset``'s metrics; keep ticked the ones still there (else tick the first)."""
        keep = self.checked()
        self._dataset = dataset
        self._series = by_name(dataset.series)
        self._figure_span = None  # worked out when first asked for (a linked view may never ask)
        for name in list(self._charts):
            self._remove_chart(name)
        self._last_range = None
        self._fill_tree()
        self._fill_events_menu()
        keep = [n for n in keep if n in self._series] or list(self._series)[:1]
        self.set_checked(keep, _force=True)
        if self._external is None:
            self.zoom_to_fit()

    def set_checked(self, names: Sequence[str], _force: bool = False) -> None:
        """Chart exactly these metrics (unknown names are ignored)."""
        before = self.checked()
        wanted = set(names)
        self._syncing = True
        try:  # only the rows that change: a big dataset lists thousands
            for name, item in self._items.items():
                on = name in wanted
                if on != (name in self._ticked):
                    item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        finally:
            self._syncing = False
        self._sync_charts(emit=before != self.checked() or _force)

    def checked(self) -> list[str]:
        """Names of the ticked metrics in tree order."""
        return [name for name in self._items if name in self._ticked]

    def charts(self) -> list[MetricChart]:
        """The chart widgets, top to bottom (any still waiting to be made are made now)."""
        unfinished = [c for c in self._charts.values() if not c.drawn]
        if self._pending or unfinished:
            for name in list(self._pending):
                self._make_chart(name)
            for chart in self._charts.values():
                chart.draw_all()
            self._lay_out(self.checked())
            self.charts_added.emit()
        return self.charts_so_far()

    def charts_so_far(self) -> list[MetricChart]:
        """The charts made so far, top to bottom (the rest follow, one per turn of the event loop)."""
        return [self._charts[n] for n in self.checked() if n in self._charts]

    def link_x(self, plot_item: pg.PlotItem | None) -> None:
        """Make every chart share its x-range (time) with ``plot_item`` (the timeline's); None unlinks."""
        self._external = plot_item
        self._relink()

    def set_event_kinds_visible(self, kinds: Iterable[EventKind]) -> None:
        """Draw only events of these kinds on the charts."""
        self._kinds = set(kinds)
        for act in self.events_menu.actions():
            act.blockSignals(True)
            act.setChecked(act.data() in self._kinds)
            act.blockSignals(False)
        for chart in self._charts.values():
            chart.drawing.set_event_kinds_visible(self._kinds)

    def event_kinds_visible(self) -> set[EventKind]:
        return set(self._kinds)

    def set_council_label(self, label: str) -> None:
        """What the council's own line is called in legends and readouts (for example "BCP")."""
        self._council_label = label
        for name in list(self._charts):
            self._remove_chart(name)
        self._sync_charts(emit=False)

    def zoom_to_fit(self) -> None:
        """Show every figure and event of the dataset on the charts (and the linked timeline)."""
        rng = self.fit_range()
        charts = self.charts_so_far()
        if rng is not None and charts:
            charts[0].plot_item.getViewBox().setXRange(*rng, padding=0)
        self._last_range = rng

    def fit_range(self) -> tuple[float, float] | None:
        """Every figure and every shown event of the dataset, with a margin."""
        if self._figure_span is None:
            self._figure_span = figure_span(self._dataset)
        dates = list(self._figure_span) + [e.start for e in self._dataset.events if e.kind in self._kinds]
        if not dates:
            return None
        xs = dates_to_seconds(dates)
        x0, x1 = float(xs.min()), float(xs.max())
        margin = max((x1 - x0) * 0.04, 30 * DAY)
        return x0 - margin, x1 + margin

    # -- tree ----------------------------------------------------------------------------------
    def _metric_items(self) -> list[QTreeWidgetItem]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out.extend(top.child(j) for j in range(top.childCount()))
        return out

    def _fill_tree(self) -> None:
        self._syncing = True
        try:
            self._ticked = set()
            self._items = fill_tree(self.tree, self._series)
        finally:
            self._syncing = False
        self.empty.setText(EMPTY_TEXT if self._series else NO_METRICS_TEXT)
        if self.search.text().split():  # new rows are all shown: only a search hides some
            self._on_search_changed(self.search.text())

    def _on_search_changed(self, text: str) -> None:
        words = text.casefold().split()
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            shown = 0
            for j in range(top.childCount()):
                child = top.child(j)
                hay = f"{child.text(0)} {top.text(0)}".casefold()
                match = all(w in hay for w in words)
                child.setHidden(not match)
                shown += match
            top.setHidden(shown == 0)
            if words:
                top.setExpanded(True)

    def visible_names(self) -> list[str]:
        """Metric names the search leaves showing in the tree."""
        return [i.data(0, NAME_ROLE) for i in self._metric_items()
                if not i.isHidden() and not i.parent().isHidden()]

    def _on_item_changed(self, item: QTreeWidgetItem, _column: int) -> None:
        name = item.data(0, NAME_ROLE)
        if name is None:
            return
        if item.checkState(0) == Qt.CheckState.Checked:
            self._ticked.add(name)
        else:
            self._ticked.discard(name)
        if self._syncing:
            return
        self._sync_charts(emit=True)

    # -- charts --------------------------------------------------------------------------------
    def _sync_charts(self, emit: bool) -> None:
        names = self.checked()
        for name in [n for n in self._charts if n not in names]:
            self._remove_chart(name)
        self._pending = [n for n in names if n not in self._charts]
        self._lay_out(names)
        self.status.setText(f"{len(names)} of {len(self._series)} metrics charted" if self._series else "")
        self._maker.start()
        if emit:
            self.checked_changed.emit(names)

    def _make_chart(self, name: str) -> None:
        self._pending.remove(name)
        self._charts[name] = MetricChart(self._series[name], self._dataset.events, self._kinds,
                                         self._council_label, self._content, deferred=True)
        self._charts[name].hovered.connect(self._on_hovered)

    def _lay_out(self, names: list[str]) -> None:
        """The charts in tick order; a metric whose chart is not made yet holds its place."""
        while self._stack.count():
            self._stack.takeAt(0)
        for name in names:
            if name not in self._charts and name not in self._holders:
                self._holders[name] = chart_placeholder(name, self._content)
            self._stack.addWidget(self._charts.get(name) or self._holders[name], 1)
        for name in [n for n in self._holders if n in self._charts or n not in names]:
            self._holders.pop(name).deleteLater()
        self._stack.addWidget(self.empty, 1)
        self.empty.setVisible(not names)
        self._relink()

    def _in_sight(self, names: list[str]) -> list[str]:
        """Metrics to be drawn whose place is in or next to the view (charts share its height)."""
        height = max(self.scroll.viewport().height(), 1)
        slot = max(CHART_MIN_HEIGHT, height / max(len(names), 1))
        top = self.scroll.verticalScrollBar().value()
        first, last = int(top // slot) - 1, int((top + height) // slot) + 1
        return [n for i, n in enumerate(names) if first <= i <= last and n in self._pending]

    def _make_next(self) -> None:
        """Draw the next piece of a chart begun, else begin the next chart that came into sight (one
        piece per turn of the event loop)."""
        unfinished = next((c for c in self._charts.values() if not c.drawn), None)
        if unfinished is not None:
            unfinished.draw_step()
            return
        names = self.checked()
        due = self._in_sight(names)
        if not due:
            self._maker.stop()
            return
        self._make_chart(due[0])
        self._lay_out(names)
        self.charts_added.emit()

    @property
    def making(self) -> bool:
        """Charts in sight still to be made or drawn (those further down: when scrolled to)."""
        return any(not c.drawn for c in self._charts.values()) or bool(self._in_sight(self.checked()))

    def _remove_chart(self, name: str) -> None:
        chart = self._charts.pop(name)
        vb = chart.plot_item.getViewBox()
        self._last_range = tuple(vb.viewRange()[0])
        chart.plot_item.setXLink(None)
        self._stack.removeWidget(chart)
        chart.hide()
        chart.setParent(None)
        chart.deleteLater()

    def _relink(self) -> None:
        charts = self.charts_so_far()
        hub = self._external
        if hub is not None:
            try:
                hub.getViewBox()
            except RuntimeError:  # the timeline was deleted
                hub = self._external = None
        if hub is None and charts:
            hub = charts[0].plot_item
            hub.setXLink(None)
            if self._last_range is not None:
                hub.getViewBox().setXRange(*self._last_range, padding=0)
            else:
                rng = self.fit_range()
                if rng is not None:
                    hub.getViewBox().setXRange(*rng, padding=0)
        for chart in charts:
            if chart.plot_item is not hub:
                chart.plot_item.setXLink(hub)

    def _on_hovered(self, x: float | None) -> None:
        for chart in self._charts.values():
            chart.show_readout(x)

    def _fill_events_menu(self) -> None:
        self.events_menu.clear()
        kinds = sorted({e.kind for e in self._dataset.events}, key=lambda k: k.label)
        for kind in kinds:
            act = QAction(kind.label, self.events_menu)
            act.setCheckable(True)
            act.setChecked(kind in self._kinds)
            act.setData(kind)
            act.toggled.connect(self._on_event_kind_toggled)
            self.events_menu.addAction(act)
        self.events_button.setEnabled(bool(kinds))

    def _on_event_kind_toggled(self, _checked: bool) -> None:
        listed = {a.data() for a in self.events_menu.actions()}
        ticked = {a.data() for a in self.events_menu.actions() if a.isChecked()}
        self.set_event_kinds_visible((self._kinds - listed) | ticked)

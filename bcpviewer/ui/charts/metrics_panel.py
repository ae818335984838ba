"""The metrics panel: a searchable tree of metric series by theme, and one linked chart per ticked metric."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bcpviewer.model.glance import decimals_of, format_value
from bcpviewer.model.records import Dataset, Event, MetricSeries
from bcpviewer.model.themes import THEMES, theme_for
from bcpviewer.model.vocab import EventKind
from bcpviewer.plots import chart_export, style
from bcpviewer.plots.chart_style import DEFAULT_EVENT_KINDS, PERIOD_END_NOTE
from bcpviewer.plots.metric_chart import MetricChartPlot, make_chart_plot_item
from bcpviewer.plots.timeline_axes import DAY, dates_to_seconds

CHART_MIN_HEIGHT = 340
NAME_ROLE = Qt.ItemDataRole.UserRole
HINT = "Hover over a chart to read the figures at a date. " + PERIOD_END_NOTE
EMPTY_TEXT = "Tick one or more metrics on the left to chart them."
NO_METRICS_TEXT = ("No metrics in this data. Metrics come from a workbook's Metrics sheet "
                   "or a DfE statistics file.")


class MetricChart(QWidget):
    """One metric's chart with its readout line; right-click copies or exports it."""

    hovered = Signal(object)  # the x (seconds) under the mouse, or None when it leaves the plot
    last_dir = ""  # the folder of the last export, shared by all charts for this session

    def __init__(self, series: MetricSeries, events: Sequence[Event], kinds: Iterable[EventKind],
                 council_label: str = "Council", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series = series
        self._plot_item = make_chart_plot_item()
        self.widget = pg.PlotWidget(background=style.BACKGROUND, plotItem=self._plot_item)
        self.widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.widget.customContextMenuRequested.connect(self._on_context_menu)
        self.widget.setAccessibleName(f"Chart: {series.name}")
        self.widget.setAccessibleDescription(_describe(series))
        self.drawing = MetricChartPlot(self._plot_item, council_label)
        self.drawing.set_events(events)
        self.drawing.set_event_kinds_visible(set(kinds))
        self.drawing.set_series(series)
        self.readout = QLabel(HINT, self)
        self.readout.setWordWrap(True)
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.readout.setStyleSheet(f"color: {style.MUTED}; padding: 0 4px;")
        self.readout.setMinimumHeight(self.readout.fontMetrics().lineSpacing() * 2 + 4)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 6)
        box.setSpacing(0)
        box.addWidget(self.widget, 1)
        box.addWidget(self.readout)
        self.setMinimumHeight(CHART_MIN_HEIGHT)
        self.widget.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.widget.viewport().installEventFilter(self)

    @property
    def plot_item(self) -> pg.PlotItem:
        return self._plot_item

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(640, CHART_MIN_HEIGHT + 40)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        # The wrapped readout would make the scroll area size every chart to its preferred height.
        return False

    @property
    def name(self) -> str:
        return self.series.name

    # -- hover ---------------------------------------------------------------------------------
    def show_readout(self, x: float | None) -> None:
        """Draw the crosshair at ``x`` and say every series' figure there (None: back to the hint)."""
        self.drawing.set_crosshair(x)
        self.readout.setText(HINT if x is None else self.drawing.readout(x))
        self.readout.setStyleSheet(f"color: {style.MUTED if x is None else style.FOREGROUND}; "
                                   "padding: 0 4px;")

    def readout_text(self, x: float) -> str:
        return self.drawing.readout(x)

    def _on_mouse_moved(self, pos: QPointF) -> None:
        vb = self._plot_item.getViewBox()
        inside = vb.sceneBoundingRect().contains(pos)
        self.hovered.emit(vb.mapSceneToView(pos).x() if inside else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Leave:
            self.hovered.emit(None)
        return False

    # -- copy and export -----------------------------------------------------------------------
    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        for text, slot in (("Copy as image", self.copy_image), ("Export PNG…", self.export_png),
                           ("Export SVG…", self.export_svg)):
            act = QAction(text, menu)
            act.triggered.connect(lambda _checked=False, s=slot: s())
            menu.addAction(act)
        return menu

    def _on_context_menu(self, pos) -> None:
        menu = self.context_menu()
        menu.exec(self.widget.mapToGlobal(pos))
        menu.deleteLater()

    def copy_image(self) -> None:
        chart_export.copy_image(self._plot_item, hide=(self.drawing.crosshair,))

    def export_png(self, path: str | None = None) -> str | None:
        """Write a PNG to ``path``, or where the user chooses; returns the path written, or None."""
        return self._export("PNG image (*.png)", ".png", path, chart_export.export_png)

    def export_svg(self, path: str | None = None) -> str | None:
        def write(plot: pg.PlotItem, file: str, hide: tuple) -> None:
            with self.drawing.clipped_to_view():
                chart_export.export_svg(plot, file, self.series.name, hide)

        return self._export("SVG drawing (*.svg)", ".svg", path, write)

    def _export(self, filt: str, suffix: str, path: str | None, write) -> str | None:
        if path is None:
            path = self._ask_path(filt, suffix)
            if path is None:
                return None
        try:
            write(self._plot_item, path, hide=(self.drawing.crosshair,))
        except OSError as exc:
            QMessageBox.warning(self, "Export failed", f"Could not write {path}:\n{exc}")
            return None
        MetricChart.last_dir = str(Path(path).parent)
        return path

    def _ask_path(self, filt: str, suffix: str) -> str | None:
        """The file dialog asks before replacing a file; a suffix added afterwards is asked about here."""
        start = str(Path(self.last_dir or Path.home()) / (_file_stem(self.series.name) + suffix))
        path, _chosen = QFileDialog.getSaveFileName(self, f"Export {self.series.name}", start, filt)
        if not path:
            return None
        if not path.lower().endswith(suffix):
            path += suffix
            if Path(path).exists():
                answer = QMessageBox.question(self, "Replace file?",
                                              f"{path} already exists. Replace it?")
                if answer != QMessageBox.StandardButton.Yes:
                    return None
        return path


class MetricsPanel(QWidget):
    """Every metric series in a searchable tree by theme; ticked ones are charted, sharing one time axis."""

    checked_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None, council_label: str = "Council") -> None:
        super().__init__(parent)
        self._dataset = Dataset()
        self._series: dict[str, MetricSeries] = {}
        self._charts: dict[str, MetricChart] = {}
        self._kinds: set[EventKind] = set(DEFAULT_EVENT_KINDS)
        self._external: pg.PlotItem | None = None
        self._council_label = council_label
        self._syncing = False
        self._last_range: tuple[float, float] | None = None
        self._build()
        self.setAccessibleName("Metrics")

    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Find a metric…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find a metric")
        self.search.textChanged.connect(self._on_search_changed)
        self.tree = QTreeWidget(self)
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
        self._series = _by_name(dataset.series)
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
        try:
            for item in self._metric_items():
                on = item.data(0, NAME_ROLE) in wanted
                item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        finally:
            self._syncing = False
        self._sync_charts(emit=before != self.checked() or _force)

    def checked(self) -> list[str]:
        """Names of the ticked metrics in tree order."""
        return [i.data(0, NAME_ROLE) for i in self._metric_items()
                if i.checkState(0) == Qt.CheckState.Checked]

    def charts(self) -> list[MetricChart]:
        """The chart widgets, top to bottom."""
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
        charts = self.charts()
        if rng is not None and charts:
            charts[0].plot_item.getViewBox().setXRange(*rng, padding=0)
        self._last_range = rng

    def fit_range(self) -> tuple[float, float] | None:
        """Every figure and every shown event of the dataset, with a margin."""
        dates = [o.period.end for s in self._dataset.series
                 for obs in (s.observations, *(c.observations for c in s.comparators)) for o in obs]
        dates += [e.start for e in self._dataset.events if e.kind in self._kinds]
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
            self.tree.clear()
            groups: dict[str, list[str]] = {}
            for name, s in self._series.items():
                groups.setdefault(s.theme or theme_for(s.name), []).append(name)
            order = [t for t in THEMES if t in groups] + sorted(t for t in groups if t not in THEMES)
            for theme in order:
                top = QTreeWidgetItem([f"{theme} ({len(groups[theme])})"])
                top.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                             | Qt.ItemFlag.ItemIsAutoTristate)
                font = top.font(0)
                font.setBold(True)
                top.setFont(0, font)
                top.setToolTip(0, f"Tick to chart every {theme.lower()} metric")
                self.tree.addTopLevelItem(top)
                for name in groups[theme]:
                    item = QTreeWidgetItem([name])
                    item.setData(0, NAME_ROLE, name)
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                                  | Qt.ItemFlag.ItemIsSelectable)
                    item.setCheckState(0, Qt.CheckState.Unchecked)
                    item.setToolTip(0, _describe(self._series[name]))
                    top.addChild(item)
                top.setExpanded(True)
        finally:
            self._syncing = False
        self.empty.setText(EMPTY_TEXT if self._series else NO_METRICS_TEXT)
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
        if self._syncing or item.data(0, NAME_ROLE) is None:
            return
        self._sync_charts(emit=True)

    # -- charts --------------------------------------------------------------------------------
    def _sync_charts(self, emit: bool) -> None:
        names = self.checked()
        for name in [n for n in self._charts if n not in names]:
            self._remove_chart(name)
        for name in names:
            if name not in self._charts:
                self._charts[name] = MetricChart(self._series[name], self._dataset.events, self._kinds,
                                                 self._council_label, self._content)
                self._charts[name].hovered.connect(self._on_hovered)
        while self._stack.count():
            self._stack.takeAt(0)
        for name in names:
            self._stack.addWidget(self._charts[name], 1)
        self._stack.addWidget(self.empty, 1)
        self.empty.setVisible(not names)
        self._relink()
        self.status.setText(f"{len(names)} of {len(self._series)} metrics charted" if self._series else "")
        if emit:
            self.checked_changed.emit(names)

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
        charts = self.charts()
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


def _by_name(series: Iterable[MetricSeries]) -> dict[str, MetricSeries]:
    """Series by name; a repeated name gets its id added so both can be charted."""
    out: dict[str, MetricSeries] = {}
    for s in series:
        out[s.name if s.name not in out else f"{s.name} [{s.id}]"] = s
    return out


MAX_NOTES = 12  # comparator notes shown in a tooltip; the JSON and Details keep them all


def _describe(s: MetricSeries) -> str:
    latest = s.latest()
    parts = [s.name, f"Unit: {s.unit or 'not stated'}; {s.polarity.label}"]
    if latest is not None and latest.value is not None:
        parts.append(f"Latest: {format_value(latest.value, s.unit, decimals_of(s))} ({latest.period.label})")
    if s.comparators:
        parts.append("Compared with: " + ", ".join(c.label for c in s.comparators))
    for c in s.comparators:  # e.g. which statistical neighbours had no figure for a period
        parts.extend(f"{c.label}: {note}" for note in c.notes[:MAX_NOTES])
    if s.source or s.release:
        parts.append("Source: " + " · ".join(x for x in (s.source, s.release) if x))
    return "\n".join(parts)


def _file_stem(name: str) -> str:
    keep = "".join(ch if ch.isalnum() else "-" for ch in name.casefold())
    return "-".join(part for part in keep.split("-") if part) or "chart"

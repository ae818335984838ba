"""One metric's chart widget: the plot with its readout line under it (the figures at the date under the
mouse), copied or exported as PNG/SVG from its right-click menu."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QMessageBox, QVBoxLayout, QWidget

from bcpviewer.model.glance import decimals_of, format_value
from bcpviewer.model.records import Event, MetricSeries
from bcpviewer.model.vocab import EventKind
from bcpviewer.plots import chart_export, style
from bcpviewer.plots.chart_style import PERIOD_END_NOTE
from bcpviewer.plots.metric_chart import MetricChartPlot, make_chart_plot_item

CHART_MIN_HEIGHT = 340
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_DONE = object()
HINT = "Hover over a chart to read the figures at a date. " + PERIOD_END_NOTE


class MetricChart(QWidget):
    """One metric's chart with its readout line; right-click copies or exports it."""

    hovered = Signal(object)  # the x (seconds) under the mouse, or None when it leaves the plot
    last_dir = ""  # the folder of the last export, shared by all charts for this session

    def __init__(self, series: MetricSeries, events: Sequence[Event], kinds: Iterable[EventKind],
                 council_label: str = "Council", parent: QWidget | None = None, *,
                 deferred: bool = False) -> None:
        """With ``deferred``, the series is drawn by ``draw_step()`` calls (one piece each) until
        ``drawn``; else at once."""
        super().__init__(parent)
        self.series = series
        self._plot_item = make_chart_plot_item()
        self.widget = pg.PlotWidget(background=style.BACKGROUND, plotItem=self._plot_item)
        self.widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.widget.customContextMenuRequested.connect(self._on_context_menu)
        self.widget.setAccessibleName(f"Chart: {series.name}")
        self.widget.setAccessibleDescription(describe_series(series))
        self.drawing = MetricChartPlot(self._plot_item, council_label)
        self.drawing.set_events(events)
        self.drawing.set_event_kinds_visible(set(kinds))
        self._steps = self.drawing.series_steps(series) if deferred else None
        if not deferred:
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

    @property
    def drawn(self) -> bool:
        """Whether the series is drawn whole (a deferred chart is drawn a step at a time)."""
        return self._steps is None

    def draw_step(self) -> None:
        """Draw the next piece of a deferred chart's series."""
        if self._steps is not None and next(self._steps, _DONE) is _DONE:
            self._steps = None

    def draw_all(self) -> None:
        """Draw whatever is left of the series now."""
        while self._steps is not None:
            self.draw_step()

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


def chart_placeholder(name: str, parent: QWidget) -> QLabel:
    """Where a ticked metric's chart goes until it is scrolled into sight and made."""
    label = QLabel(f"Drawing the chart of {name}…", parent)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet(f"color: {style.MUTED};")
    label.setMinimumHeight(CHART_MIN_HEIGHT)
    return label


MAX_NOTES = 12  # comparator notes shown in a tooltip; the JSON and Details keep them all


def describe_series(s: MetricSeries) -> str:
    """What a metric is, in a tooltip or for assistive technology: unit, polarity, latest figure,
    comparators (and their notes), source."""
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

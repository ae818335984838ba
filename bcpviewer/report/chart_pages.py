"""Metric charts in a briefing pack: the council against its comparators, targets and events, as vectors."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from bcpviewer.model.records import Event, MetricSeries
from bcpviewer.model.spans import Span
from bcpviewer.plots.chart_export import render_plot
from bcpviewer.plots.metric_chart import MetricChartPlot, make_chart_plot_item
from bcpviewer.plots.timeline_axes import DAY, dates_to_seconds, to_seconds


def x_range(series: MetricSeries, period: Span | None) -> tuple[float, float]:
    """The period, widened to the series' own dates when fewer than two of its figures fall inside."""
    xs = dates_to_seconds([o.period.end for o in series.observations if o.value is not None])
    if period is None and not len(xs):
        return 0.0, 365 * DAY
    if period is None:
        x0, x1 = float(xs.min()), float(xs.max())
    else:
        x0, x1 = to_seconds(period.start), to_seconds(period.end) + DAY
        inside = np.count_nonzero((xs >= x0) & (xs <= x1))
        if inside < 2 and len(xs) >= 2:
            x0, x1 = min(x0, float(xs.min())), max(x1, float(xs.max()))
    pad = max((x1 - x0) * 0.03, 15 * DAY)
    return x0 - pad, x1 + pad


class ChartPainter:
    """One off-screen chart reused for every metric; events drawn as lines, as in the app."""

    def __init__(self, events: Sequence[Event], council_label: str) -> None:
        self.view = pg.GraphicsView()  # never shown: axes measure their length in pixels through a view
        self.scene = self.view.scene()
        self.plot = make_chart_plot_item()
        self.scene.addItem(self.plot)
        self.drawing = MetricChartPlot(self.plot, council_label or "Council")
        self.drawing.set_events(events)

    def draw(self, p: QPainter, rect: QRectF, series: MetricSeries, period: Span | None) -> None:
        if self.drawing.series is not series:
            self.drawing.set_series(series)
            self.drawing.legend.setColumnCount(5 if rect.width() > 900 else 3)  # the key must fit the page
        self.plot.setGeometry(QRectF(0, 0, rect.width(), rect.height()))
        self.plot.layout.activate()  # lay out axes, title and legend now: no event loop runs in between
        x0, x1 = x_range(series, period)
        self.plot.getViewBox().setXRange(x0, x1, padding=0)
        self.drawing.fit_y()
        with self.drawing.clipped_to_view():
            render_plot(self.plot, p, rect, hide=(self.drawing.crosshair,))

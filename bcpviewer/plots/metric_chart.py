"""A metric chart on a PlotItem: the council, its comparators, targets, gaps and the event overlay."""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen

from bcpviewer.model.glance import decimals_of, format_value, value_decimals
from bcpviewer.model.records import Event, MetricSeries
from bcpviewer.model.spans import format_date
from bcpviewer.model.vocab import Polarity
from bcpviewer.plots import style
from bcpviewer.plots.chart_data import (
    COUNCIL_KEY,
    Curve,
    clip_to_range,
    code_meaning,
    readout,
    series_curves,
)
from bcpviewer.plots.chart_decimate import DecimatedCurveItem
from bcpviewer.plots.chart_events import EventLayer
from bcpviewer.plots.chart_style import (
    DEFAULT_EVENT_KINDS,
    DENSE_PX_PER_POINT,
    GAP_COLOUR,
    PERIOD_END_NOTE,
    SYMBOLS_UP_TO,
    TARGET_COLOUR,
    ValueGrid,
)
from bcpviewer.plots.timeline import MIN_DAYS_SHOWN
from bcpviewer.plots.timeline_axes import DAY, UKDateAxis, from_seconds, to_seconds
from bcpviewer.plots.timeline_text import font

Y_PAD = 0.08  # head room above the highest value, as a fraction of the range
GAP_STRIP_PX = 22.0  # pixels under zero kept for the markers of missing figures
GAP_LIFT_PX = 8.0  # their centre, above the bottom of the view
MIN_X_RANGE = MIN_DAYS_SHOWN * DAY  # as the timeline, so linked views never disagree
MAX_X_RANGE = 400 * 365 * DAY
_POLARITY_ARROW = {Polarity.LOWER_IS_BETTER: "↓", Polarity.HIGHER_IS_BETTER: "↑"}
_NO_CURVES: tuple[Curve, ...] = ()


def style_axes(plot: pg.PlotItem) -> None:
    """Dark ink on light, readable tick labels, plain numbers and a faint grid on the value axis."""
    ink = QPen(style.qcolor(style.FOREGROUND))
    for name in ("bottom", "left"):
        axis = plot.getAxis(name)
        axis.setPen(QPen(style.qcolor(style.MUTED)))
        axis.setTextPen(ink)
        axis.setStyle(tickFont=font(9.5))
    left = plot.getAxis("left")
    left.enableAutoSIPrefix(False)
    left.setWidth(64)
    plot.addItem(ValueGrid(left), ignoreBounds=True)  # faint lines help read values off a printout


def make_chart_plot_item() -> pg.PlotItem:
    """A print-friendly PlotItem (white, dark ink) with the timeline's UTC date axis, zooming in x only."""
    plot = pg.PlotItem(axisItems={"bottom": UKDateAxis()})
    style_axes(plot)
    plot.getAxis("bottom").setToolTip(PERIOD_END_NOTE)
    plot.hideButtons()
    plot.setMenuEnabled(False)
    vb = plot.getViewBox()
    vb.setMouseEnabled(x=True, y=False)
    vb.disableAutoRange()
    vb.setBackgroundColor(QColor(style.BACKGROUND))
    vb.setLimits(minXRange=MIN_X_RANGE, maxXRange=MAX_X_RANGE)
    return plot


class MetricChartPlot:
    """Draws one MetricSeries with comparators, targets, coded gaps and events on a PlotItem."""

    def __init__(self, plot: pg.PlotItem, council_label: str = "Council") -> None:
        self.plot = plot
        self.council_label = council_label
        self.series: MetricSeries | None = None
        self.decimals = 0  # decimals the council's figures are given to
        self.curves: tuple[Curve, ...] = _NO_CURVES
        self.items: dict[str, pg.PlotDataItem] = {}
        self.target_lines: list[pg.InfiniteLine] = []
        self.target_markers = pg.ScatterPlotItem(symbol="star", size=15, pen=pg.mkPen(TARGET_COLOUR),
                                                 brush=pg.mkBrush("#FFFFFF"), hoverable=True, tip=_tip)
        self.gap_markers = pg.ScatterPlotItem(size=9, hoverable=True, tip=_tip)
        self.events = EventLayer()
        self.crosshair = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen(style.OVERDUE_TEXT, width=1.2),
            label="", labelOpts={"position": 0.04, "color": "#FFFFFF", "fill": style.OVERDUE_TEXT,
                                 "anchors": [(0.5, 1), (0.5, 1)]},
        )
        self.crosshair.setVisible(False)
        self.legend = pg.LegendItem(colCount=5, horSpacing=18, verSpacing=-4,
                                    labelTextColor=style.FOREGROUND, labelTextSize="9pt")
        self.legend.setToolTip(PERIOD_END_NOTE)
        plot.layout.addItem(self.legend, 4, 1)  # under the date axis: never over the data
        plot.layout.setRowSpacing(3, 2)
        for z, item in enumerate((self.events, self.crosshair)):
            item.setZValue(-20 + z)
            plot.addItem(item, ignoreBounds=True)
        for item in (self.target_markers, self.gap_markers):
            item.setZValue(30)
            plot.addItem(item, ignoreBounds=True)
        self._kinds = set(DEFAULT_EVENT_KINDS)
        self._dense: dict[str, bool] = {}
        plot.getViewBox().sigXRangeChanged.connect(self._on_x_range_changed)
        plot.getViewBox().sigResized.connect(self._on_resized)

    # -- data ---------------------------------------------------------------------------------
    def set_series(self, series: MetricSeries) -> None:
        """Replace the curves, targets and gap markers with those of ``series``."""
        for _step in self.series_steps(series):
            pass

    def series_steps(self, series: MetricSeries) -> Iterator[None]:
        """``set_series`` a piece at a time: each step (a curve, then the targets, gaps and fit) takes a
        few milliseconds, so a view making many charts can let the event loop turn between them. The
        chart is consistent after every step (curves appear one by one)."""
        self.series = series
        self.decimals = decimals_of(series)
        for item in self.items.values():
            self.plot.removeItem(item)
        for line in self.target_lines:
            self.plot.removeItem(line)
        self.legend.clear()
        self.items, self.target_lines, self._dense = {}, [], {}
        self.curves = _NO_CURVES
        curves = tuple(series_curves(series, self.council_label))
        yield
        for z, c in enumerate(curves):
            item = self._curve_item(c)
            item.setZValue(10 - z if c.key != COUNCIL_KEY else 20)
            self.plot.addItem(item)
            item.setClipToView(True)  # only after adding: before, pyqtgraph mistakes the widget for the view
            item.setDownsampling(auto=True, method="peak")
            item.opts["autoDownsampleFactor"] = 1.0  # one min-max pair per pixel column: exact envelope
            self.items[c.key] = item
            self.curves = curves[: z + 1]  # the curves drawn so far (a view change meanwhile fits them)
            self.legend.addItem(self._sample(c), c.label)
            yield
        self._set_targets(series)
        yield
        self._set_gaps()
        self._set_title(series)
        self.fit_y()
        self._update_density()

    def set_events(self, events: Sequence[Event]) -> None:
        self.events.set_events(events)
        self.events.set_visible_kinds(self._kinds)
        self.fit_y()

    def set_event_kinds_visible(self, kinds: set | frozenset) -> None:
        self._kinds = set(kinds)
        self.events.set_visible_kinds(self._kinds)
        self.fit_y()

    def _curve_item(self, c: Curve) -> pg.PlotDataItem:
        st = c.style
        item = DecimatedCurveItem(  # pyqtgraph's peak downsampling, made once per zoom level
            c.x, c.y, connect="finite", pen=st.pen(), antialias=True,
            symbol=_symbol(c), symbolSize=st.symbol_size,
            symbolPen=pg.mkPen(st.colour, width=1.2), symbolBrush=pg.mkBrush(st.colour),
        )
        return item

    @staticmethod
    def _sample(c: Curve) -> pg.PlotDataItem:
        """The legend's own copy of a curve's look, so exports that alter the curve leave the key alone."""
        st = c.style
        # One dummy point: the legend draws symbols from the item's scatter, styled only with data.
        return pg.PlotDataItem([0.0], [0.0], pen=st.pen(), symbol=st.symbol, symbolSize=st.symbol_size,
                               symbolPen=pg.mkPen(st.colour, width=1.2), symbolBrush=pg.mkBrush(st.colour))

    def _set_targets(self, series: MetricSeries) -> None:
        xs, ys, tips = [], [], []
        for t in series.targets:
            words = f"Target {format_value(t.value, series.unit, value_decimals(t.value, self.decimals + 1))}"
            if t.due is not None:
                words += f" by {format_date(t.due)}"
                xs.append(to_seconds(t.due))
                ys.append(t.value)
                tips.append(words + (f" ({t.label})" if t.label else ""))
            pen = pg.mkPen(TARGET_COLOUR, width=1.4, style=Qt.PenStyle.DotLine)
            line = pg.InfiniteLine(
                pos=t.value, angle=0, movable=False, pen=pen, label=words,
                labelOpts={"position": 0.01, "color": style.FOREGROUND, "fill": (255, 255, 255, 225),
                           "anchors": [(0, 1), (0, 1)]},
            )
            line.setToolTip(words)
            line.setZValue(5)
            self.plot.addItem(line, ignoreBounds=True)
            self.target_lines.append(line)
        self.target_markers.setData(xs, ys, data=tips)
        if series.targets:  # a legend sample must be a data item: it cannot draw an InfiniteLine
            sample = pg.PlotDataItem([0.0], [0.0], pen=self.target_lines[0].pen,
                                     symbol="star" if xs else None, symbolSize=13,
                                     symbolPen=pg.mkPen(TARGET_COLOUR), symbolBrush=pg.mkBrush("#FFFFFF"))
            self.legend.addItem(sample, "Target")

    def _set_gaps(self) -> None:
        """Hollow markers at the foot of the chart where a figure is missing; the item is moved, not
        refilled, when the y-range changes."""
        xs, data, pens, symbols = [], [], [], []
        for c in self.curves:
            pen = pg.mkPen(c.style.colour, width=1.6)  # one pen per series: one symbol image each
            for i in c.gaps:
                xs.append(c.x[i])
                data.append(f"{c.label}, {c.periods[i].label}: no figure — {code_meaning(c.codes[i])}")
                pens.append(pen)
                symbols.append(c.style.symbol)
        self.gap_markers.setData(x=np.asarray(xs, float), y=np.zeros(len(xs)), data=data, pen=pens,
                                 brush=pg.mkBrush("#FFFFFF"), symbol=symbols)
        if xs:
            sample = pg.ScatterPlotItem(symbol="o", size=9, pen=pg.mkPen(GAP_COLOUR, width=1.6),
                                        brush=pg.mkBrush("#FFFFFF"))
            self.legend.addItem(sample, "No figure (hollow, along the foot; hover for why)")

    def _set_title(self, series: MetricSeries) -> None:
        title = f"<b>{html.escape(series.name)}</b>"
        if series.polarity is not Polarity.NEUTRAL:
            title += (f"&nbsp;&nbsp;<span style='color:{style.MUTED}'>"
                      f"{_POLARITY_ARROW[series.polarity]} {series.polarity.label}</span>")
        else:
            title += f"&nbsp;&nbsp;<span style='color:{style.MUTED}'>(context: no better direction)</span>"
        self.plot.setTitle(title, size="11pt", color=style.FOREGROUND)
        self.plot.setLabel("left", series.unit or "value", color=style.FOREGROUND, size="9.5pt")

    # -- view -----------------------------------------------------------------------------------
    def data_x_range(self) -> tuple[float, float] | None:
        """First and last x of the figures, targets and visible events (None when there are none)."""
        xs = [c.x for c in self.curves if len(c)]
        xs.append(np.array([x for _e, x in self.events.visible()]))
        xs.append(np.array([to_seconds(t.due) for t in self.series.targets if t.due] if self.series else []))
        allx = np.concatenate([a.astype(float) for a in xs]) if xs else np.empty(0)
        return (float(allx.min()), float(allx.max())) if len(allx) else None

    def fit_y(self) -> None:
        """Fit y to the figures in the visible x-range and the targets, from zero when all are >= 0."""
        vb = self.plot.getViewBox()
        x0, x1 = vb.viewRange()[0]
        lo, hi = np.inf, -np.inf
        for c in self.curves:
            r = c.finite_range(x0, x1)
            if r is not None and self.items[c.key].isVisible():
                lo, hi = min(lo, r[0]), max(hi, r[1])
        for t in self.series.targets if self.series else ():
            lo, hi = min(lo, t.value), max(hi, t.value)
        if not np.isfinite(lo):
            lo, hi = 0.0, 1.0
        from_zero = lo >= 0
        lo = 0.0 if from_zero else lo
        span = hi - lo or max(abs(hi), 1.0)
        y0 = lo - span * Y_PAD if not from_zero else lo
        y1 = hi + span * Y_PAD
        height = vb.height()
        if height > 0:  # keep the event labels' rows at the top clear of the figures
            rows = self.events.rows_needed(x0, x1, vb.width())
            f = min((rows * self.events.row_height + 6) / height, 0.45) if rows else 0.0
            y1 = max(y1, (hi - f * y0) / (1 - f))
        gaps = len(self.gap_markers.data) > 0
        if from_zero:  # zero lifted clear of the gap strip, and so its tick label is not cut off
            px = GAP_STRIP_PX if gaps else 9.0
            below = max(0.03, px / height) if height > 0 else 0.03
            y0 = y1 - (y1 - lo) / (1 - below)
        vb.setYRange(y0, y1, padding=0)
        # Gap markers sit in a strip under the lowest figure (under zero), never on a value.
        lift = GAP_LIFT_PX / height if height > 0 else 0.02
        self.gap_markers.setPos(0.0, y0 + (y1 - y0) * lift)

    def set_crosshair(self, x: float | None) -> None:
        self.crosshair.setVisible(x is not None)
        if x is not None:
            self.crosshair.setPos(x)
            self.crosshair.label.setText(format_date(from_seconds(x)))

    def readout(self, x: float) -> str:
        """``At 15 Jan 2024: Council 36.7% (30 Sep 2023) · England ...`` plus any event at that date."""
        if self.series is None:
            return ""
        parts = readout(self.curves, x, self.series.unit, self.decimals)
        px = self.plot.getViewBox().viewPixelSize()[0]
        near = self.events.near(x, max(px * 5, DAY / 2))
        text = f"At {format_date(from_seconds(x))}: " + " · ".join(parts)
        if near:
            text += " · " + "; ".join(f"{e.title} ({e.when_label})" for e in near)
        return text

    @contextmanager
    def clipped_to_view(self) -> Iterator[None]:
        """While exporting vectors (Qt's SVG has no clipping): lines cut at the view's edges, and the
        markers outside the view left out."""
        x0, x1 = self.plot.getViewBox().viewRange()[0]
        extra: list[pg.ScatterPlotItem] = []
        for c in self.curves:
            item = self.items[c.key]
            xc, yc = clip_to_range(c.x, c.y, x0, x1)
            item.setData(xc, yc, symbol=None)
            inside = (c.x >= x0) & (c.x <= x1) & np.isfinite(c.y)
            if len(c) <= SYMBOLS_UP_TO and inside.any() and item.isVisible():
                st = c.style
                dots = pg.ScatterPlotItem(c.x[inside], c.y[inside], symbol=st.symbol, size=st.symbol_size,
                                          pen=pg.mkPen(st.colour, width=1.2), brush=pg.mkBrush(st.colour))
                dots.setZValue(item.zValue())
                self.plot.addItem(dots, ignoreBounds=True)
                extra.append(dots)
        for m in (self.gap_markers, self.target_markers):
            mx = m.getData()[0]
            m.setPointsVisible((mx >= x0) & (mx <= x1))
        try:
            yield
        finally:
            for dots in extra:
                self.plot.removeItem(dots)
            for c in self.curves:
                st = c.style
                self.items[c.key].setData(c.x, c.y, symbol=_symbol(c))
            for m in (self.gap_markers, self.target_markers):
                m.setPointsVisible(np.ones(len(m.data), bool))

    def _update_density(self) -> None:
        """Draw curves with several points per pixel as dense traces, the rest with their dashes."""
        vb = self.plot.getViewBox()
        x0, x1 = vb.viewRange()[0]
        width = max(vb.width(), 1.0)
        for c in self.curves:
            lo, hi = np.searchsorted(c.x, [x0, x1])
            dense = bool((hi - lo) * DENSE_PX_PER_POINT > width)
            if self._dense.get(c.key) is dense:
                continue
            self._dense[c.key] = dense
            item = self.items[c.key]
            item.opts["antialias"] = not dense
            item.setPen(c.style.dense_pen() if dense else c.style.pen())

    def is_dense(self, key: str) -> bool:
        return self._dense.get(key, False)

    def _on_x_range_changed(self, *_args: object) -> None:
        self.fit_y()
        self._update_density()

    def _on_resized(self, *_args: object) -> None:
        self.fit_y()
        self._update_density()


def _tip(x: float, y: float, data: object) -> str:
    return str(data)


def _symbol(c: Curve) -> str | None:
    """Symbols on short curves only, and never on a curve with no finite value (pyqtgraph's
    scatter bounds would take the min of all-NaN data)."""
    if len(c) > SYMBOLS_UP_TO or not np.isfinite(c.y).any():
        return None
    return c.style.symbol

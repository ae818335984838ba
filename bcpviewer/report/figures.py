"""The pack's charts as SVG, drawn off-screen by the plots the app shows (metric charts, the journeys chart,
the timeline), each with alt text that says what it shows."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from bcpviewer.model.briefing import Briefing
from bcpviewer.model.journeys import INADEQUATE, Journey
from bcpviewer.model.records import Event, MetricSeries
from bcpviewer.model.scorecard import score_words
from bcpviewer.model.spans import Span, format_date
from bcpviewer.model.timeline import layout
from bcpviewer.model.vocab import Polarity, squash
from bcpviewer.plots.chart_export import svg_bytes
from bcpviewer.plots.journey_chart import JourneyPlot, short_name
from bcpviewer.plots.metric_chart import MetricChartPlot, make_chart_plot_item
from bcpviewer.plots.timeline import TimelinePlot, make_plot_item
from bcpviewer.plots.timeline_axes import DAY, dates_to_seconds, to_seconds

FONT_FAMILY = "Atkinson Hyperlegible, DejaVu Sans"  # the pack's fonts, shipped in resources/fonts
_FAMILY = re.compile(r'font-family="[^"]*"')


@dataclass(frozen=True)
class Chart:
    """One chart for the pack: SVG bytes, its size in pixels (at 96 per inch) and its alt text."""

    svg: bytes
    width: int
    height: int
    alt: str


def pack_svg(plot: pg.PlotItem, hide: Sequence[object] = (), title: str = "") -> bytes:
    """``plot`` as SVG with its text in the pack's font (the page and its charts read alike)."""
    data = svg_bytes(plot, title, tuple(hide))  # type: ignore[arg-type]
    return _FAMILY.sub(f'font-family="{FONT_FAMILY}"', data.decode("utf-8")).encode("utf-8")


def _sized(plot: pg.PlotItem, width: int, height: int) -> None:
    plot.setGeometry(QRectF(0, 0, width, height))
    plot.layout.activate()  # lay out axes, title and legend now: no event loop runs in between


# -- metric charts -------------------------------------------------------------------------------------
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


class MetricCharts:
    """One off-screen metric chart (the app's), reused for every metric of the pack."""

    def __init__(self, events: Sequence[Event], council_label: str) -> None:
        self.view = pg.GraphicsView()  # never shown: axes measure their length in pixels through a view
        self.plot = make_chart_plot_item()
        self.view.scene().addItem(self.plot)
        self.drawing = MetricChartPlot(self.plot, council_label or "Council")
        self.drawing.set_events(events)

    def chart(self, series: MetricSeries, period: Span | None, width: int, height: int,
              alt: str) -> Chart:
        self.drawing.set_series(series)
        self.drawing.legend.setColumnCount(4 if width > 700 else 3)  # the key must fit the page
        _sized(self.plot, width, height)
        x0, x1 = x_range(series, period)
        self.plot.getViewBox().setXRange(x0, x1, padding=0)
        self.drawing.fit_y()
        with self.drawing.clipped_to_view():
            svg = pack_svg(self.plot, (self.drawing.crosshair,), series.name)
        return Chart(svg, width, height, alt)


def metric_alt(b: Briefing, s: MetricSeries) -> str:
    """``Line chart of Agency rate (% of FTE), 2019 to 2025, for BCP Council, England and ...: ...``"""
    lines = [b.council or "the council", *(c.label for c in s.comparators)]
    figures = [o for o in s.observations if o.value is not None]
    span = f", {figures[0].period.label} to {figures[-1].period.label}" if figures else ", no figures"
    unit = f" ({s.unit})" if s.unit.strip() else ""
    row = next((r for r in b.scorecard if r.series.id == s.id), None)
    said = f" {score_words(row)}." if row is not None else ""
    targets = f" Targets drawn: {len(s.targets)}." if s.targets else ""
    return (f"Line chart of {s.name}{unit}{span}, for {', '.join(lines)}; events drawn as vertical lines."
            f"{said}{targets}")


# -- journeys ---------------------------------------------------------------------------------------------
def journeys_chart(b: Briefing, journeys: Sequence[Journey], width: int, height: int) -> Chart:
    view = pg.GraphicsView()
    drawing = JourneyPlot()
    view.scene().addItem(drawing.plot)
    _sized(drawing.plot, width, height)
    polarity = next((s.polarity for s in b.series if squash(s.name) == squash(b.journey_metric)),
                    Polarity.NEUTRAL)
    metric = b.journey_metric or "the metric"
    drawing.set_journeys(journeys, metric, b.journey_unit, polarity, b.journey_own or None, anchor=INADEQUATE)
    anchor = b.journey_anchor.strip()
    if anchor:  # the briefing names the anchor the journeys were lined up on
        drawing.plot.setLabel("bottom", anchor[:1].upper() + anchor[1:])
        if "inadequate" not in anchor.casefold():
            drawing.anchor_line.label.setFormat("Anchor event")
    drawing.readout_label.setText("")
    _sized(drawing.plot, width, height)
    svg = pack_svg(drawing.plot, (drawing.crosshair,), metric)
    done = [j for j in journeys if j.months_to_reinspection is not None]
    own = f" {short_name(b.journey_own)} is the heavy solid line." if b.journey_own else ""
    alt = (f"Line chart of {metric} for {len(journeys)} councils against "
           f"{anchor or INADEQUATE.label}.{own} {len(done)} of them were re-inspected; each re-inspection "
           "is marked with a star and the grade reached. The table below gives every council's figures.")
    return Chart(svg, width, height, alt)


# -- timeline overview ------------------------------------------------------------------------------------
def timeline_chart(b: Briefing, width: int, height: int, lane_axis: int = 170) -> Chart | None:
    """The whole plan on one drawing: workstreams folded to a row each, events and milestones labelled."""
    if b.period is None:
        return None
    full = layout(b.selection, as_of=b.as_of)
    if not full.placed:
        return None
    actions = frozenset(lane.key for lane in full.lanes if lane.kind == "actions")
    overview = layout(b.selection, as_of=b.as_of, collapsed=actions)
    view = pg.GraphicsView()
    plot = make_plot_item()
    plot.getAxis("left").setWidth(lane_axis)
    plot.getAxis("left").interactive = False
    view.scene().addItem(plot)
    drawing = TimelinePlot(plot)
    drawing.today.label.setFormat(f"As at {format_date(b.as_of)}")
    drawing.set_layout(overview)
    _sized(plot, width, height)
    x0, x1 = to_seconds(b.period.start), to_seconds(b.period.end) + DAY
    pad = (x1 - x0) * 0.02
    plot.getViewBox().setRange(xRange=(x0 - pad, x1 + pad), yRange=(0.0, overview.height), padding=0)
    svg = pack_svg(plot, (), "Timeline overview")
    events = len(b.selection.events)
    alt = (f"Timeline from {format_date(b.period.start)} to {format_date(b.period.end)}: {events} events in lanes "
           f"by kind, and {len(b.selection.actions)} actions folded to one row per workstream, with a line at "
           f"{format_date(b.as_of)}. Every event is listed with its dates in the chronology table that follows.")
    return Chart(svg, width, height, alt)


__all__ = ["Chart", "MetricCharts", "journeys_chart", "metric_alt", "pack_svg", "timeline_chart", "x_range"]

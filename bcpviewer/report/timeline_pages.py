"""The timeline in a briefing pack: an overview, then a window of years per page, lanes split across pages."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from bcpviewer.model.filtering import action_span
from bcpviewer.model.keys import item_key
from bcpviewer.model.records import Dataset
from bcpviewer.model.spans import Span, format_date
from bcpviewer.model.timeline import Lane, TimelineLayout, layout
from bcpviewer.plots.chart_export import render_plot
from bcpviewer.plots.timeline import TimelinePlot, make_plot_item
from bcpviewer.plots.timeline_axes import DAY, to_seconds
from bcpviewer.report.page import Geometry

ROW_MM = 5.8  # one sub-row: tall enough for a title inside a bar at the labels' 9 pt
MIN_ROW_MM = 2.2  # the overview squeezes rows down to this before it gives up labels
LANE_AXIS_MM = 46.0
AXIS_MM = 8.0
TOP_MM = 2.0
MIN_MM_PER_DAY = 0.28  # a year takes at least ~10 cm: bars of a month still hold a word or two


@dataclass(frozen=True)
class Slice:
    """One timeline drawing: a layout, the dates and rows in view, and its height on the page."""

    layout: TimelineLayout
    x0: float
    x1: float
    y0: float
    y1: float
    row: float  # device units per layout row
    title: str

    def height(self, g: Geometry) -> float:
        return (self.y1 - self.y0) * self.row + g.mm(AXIS_MM + TOP_MM)


def plan(data: Dataset, period: Span, as_of: date, g: Geometry, room: float) -> list[Slice]:
    """An overview of the whole period, then windows of whole years (``split`` cuts them to fit pages)."""
    out: list[Slice] = []
    full = layout(data, as_of=as_of)
    if not full.placed:
        return out
    actions = frozenset(lane.key for lane in full.lanes if lane.kind == "actions")
    overview = layout(data, as_of=as_of, collapsed=actions)
    x0, x1 = to_seconds(period.start), to_seconds(period.end) + DAY
    x0, x1 = x0 - (x1 - x0) * 0.02, x1 + (x1 - x0) * 0.02  # room for the labels of marks at the ends
    fixed = g.mm(AXIS_MM + TOP_MM)
    row = max(min(g.mm(ROW_MM), (room - fixed) / max(overview.height, 1.0)), g.mm(MIN_ROW_MM))
    out.append(Slice(overview, x0, x1, 0.0, overview.height, row,
                     f"Overview, {format_date(period.start)} to {format_date(period.end)} "
                     "(workstreams folded to one row each)"))
    width = g.width - g.mm(LANE_AXIS_MM)
    years = max(1, int(width / g.mm(365 * MIN_MM_PER_DAY)))
    row = g.mm(ROW_MM)
    pad = 20 * DAY  # a little either side of a window, so its first year's tick and label show
    for first in range(period.start.year, period.end.year + 1, years):
        start = max(period.start, date(first, 1, 1))
        end = min(period.end, date(min(first + years - 1, 9999), 12, 31))
        window = _window(data, as_of, _keys_in(data, start, end, as_of))
        if window.placed:
            out.append(Slice(window, to_seconds(start) - pad, to_seconds(end) + DAY + pad, 0.0, window.height,
                             row, f"{format_date(start)} to {format_date(end)}"))
    return out


def split(s: Slice, first_rows: float, rows: float) -> list[Slice]:
    """``s`` cut between lanes into parts of at most ``first_rows`` rows, then ``rows`` rows each."""
    groups = _lane_groups(s.layout.lanes, max(first_rows, 1.0), max(rows, 4.0), s.y1)
    if len(groups) == 1:
        return [s]
    return [replace(s, y0=y0, y1=y1, title=f"{s.title} (part {i} of {len(groups)})")
            for i, (y0, y1) in enumerate(groups, start=1)]


def _window(data: Dataset, as_of: date, keys: set[str]) -> TimelineLayout:
    """The layout of the items in a window: workstreams with nothing in it left out, event lanes with
    nothing in it folded to one row (every event stays in the data: eras need the judgements)."""
    actions = tuple(a for a in data.actions if item_key(a) in keys)
    inside = replace(data, actions=actions)
    first = layout(inside, as_of=as_of, visible=keys)
    empty = frozenset(lane.key for lane in first.lanes if not lane.shown)
    return layout(inside, as_of=as_of, visible=keys, collapsed=empty) if empty else first


def _keys_in(data: Dataset, start: date, end: date, as_of: date) -> set[str]:
    """Keys of the items drawn somewhere between ``start`` and ``end``."""
    keys = set()
    for a in data.actions:
        span = action_span(a)
        if span is None:
            continue
        last = max(span.end, a.completed or span.end)
        if not a.is_complete:  # an overdue action is drawn on to the as-at date
            last = max(last, as_of)
        if span.start <= end and last >= start:
            keys.add(item_key(a))
    for e in data.events:
        last = max(d for d in (e.start, e.end, e.published) if d is not None)
        if e.start <= end and last >= start:
            keys.add(item_key(e))
    return keys


def _lane_groups(lanes: tuple[Lane, ...], first: float, capacity: float,
                 height: float) -> list[tuple[float, float]]:
    """(y0, y1) runs of whole lanes, the first at most ``first`` rows (it includes the era strip), the
    others ``capacity``; a lane taller than a page gets a page of its own."""
    if not lanes or height <= first:
        return [(0.0, height)]
    groups: list[tuple[float, float]] = []
    top, bottom, room = 0.0, lanes[0].y0, first
    for lane in lanes:
        if lane.y1 - top > room and bottom > top:
            groups.append((top, bottom))
            top, room = lane.y0, capacity
        bottom = lane.y1
    groups.append((top, bottom))
    return groups


class TimelinePainter:
    """One off-screen plot reused for every slice; drawn as vectors onto the page."""

    def __init__(self, g: Geometry, as_of: date) -> None:
        self.view = pg.GraphicsView()  # never shown: axes measure their length in pixels through a view
        self.scene = self.view.scene()
        self.plot = make_plot_item()
        self.plot.getAxis("left").setWidth(round(g.mm(LANE_AXIS_MM)))
        self.plot.getAxis("left").interactive = False
        self.plot.getAxis("bottom").setHeight(round(g.mm(AXIS_MM)))
        self.plot.setContentsMargins(0, g.mm(TOP_MM), g.mm(1.0), 0)
        self.scene.addItem(self.plot)
        self.drawing = TimelinePlot(self.plot)
        self.drawing.today.label.setFormat(f"As at {format_date(as_of)}")
        self._layout: TimelineLayout | None = None

    def draw(self, p: QPainter, rect: QRectF, s: Slice) -> None:
        if s.layout is not self._layout:
            self.drawing.set_layout(s.layout)
            self._layout = s.layout
        self.plot.setGeometry(QRectF(0, 0, rect.width(), rect.height()))
        self.plot.layout.activate()  # lay out axes, title and legend now: no event loop runs in between
        vb = self.plot.getViewBox()
        vb.setRange(xRange=(s.x0, s.x1), yRange=(s.y0, s.y1), padding=0)
        render_plot(self.plot, p, rect)

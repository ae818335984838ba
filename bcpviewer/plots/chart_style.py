"""How metric charts draw things: one colour, dash and symbol per series role; event line styles."""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from bcpviewer.model.event_names import short_name
from bcpviewer.model.records import Event
from bcpviewer.model.timeline import EVENT_GROUPS
from bcpviewer.model.vocab import EventKind
from bcpviewer.plots import style

K = EventKind
SYMBOLS_UP_TO = 400  # series with more points than this are drawn as lines only
DENSE_PX_PER_POINT = 3.0  # fewer pixels per point than this: a dense trace (solid, thin, not antialiased)
PERIOD_END_NOTE = ("Each figure is drawn at the end of its period (a year to 31 March at 31 March, "
                   "a quarter at its last day), so yearly and quarterly series line up.")


@dataclass(frozen=True, slots=True)
class SeriesStyle:
    """A line's look on any chart (a metric's role, a council on the journeys chart): colour, line width,
    dash and symbol (two cues besides colour)."""

    colour: str
    width: float
    dash: Qt.PenStyle
    symbol: str
    symbol_size: float

    def pen(self) -> QPen:
        pen = QPen(QColor(self.colour), self.width, self.dash)
        pen.setCosmetic(True)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        return pen

    def dense_pen(self) -> QPen:
        """For a trace with several points per pixel: dashes cannot show there, and thin solid
        lines without antialiasing draw a hundred times faster."""
        pen = QPen(QColor(self.colour), 2.0 if self.width > 2 else 1.0, Qt.PenStyle.SolidLine)
        pen.setCosmetic(True)
        return pen


# The council is the heavy solid line; each comparator has its own colour, dash and marker.
COUNCIL = SeriesStyle(style.OKABE_ITO["blue"], 2.6, Qt.PenStyle.SolidLine, "o", 8)
COMPARATOR_STYLES: dict[str, SeriesStyle] = {
    "england": SeriesStyle(style.OKABE_ITO["vermillion"], 1.8, Qt.PenStyle.DashLine, "s", 7),
    "region": SeriesStyle(style.OKABE_ITO["bluish_green"], 1.8, Qt.PenStyle.DotLine, "t", 8),
    "neighbours": SeriesStyle("#B07A00", 1.8, Qt.PenStyle.DashDotLine, "d", 8),  # darkened orange
}
OTHER_STYLES = (
    SeriesStyle(style.OKABE_ITO["reddish_purple"], 1.6, Qt.PenStyle.DashDotDotLine, "t1", 8),
    SeriesStyle(style.OKABE_ITO["sky_blue"], 1.6, Qt.PenStyle.DashLine, "x", 8),
    SeriesStyle(style.MUTED, 1.6, Qt.PenStyle.DotLine, "+", 8),
)
TARGET_COLOUR = style.FOREGROUND
GAP_COLOUR = style.MUTED


def comparator_style(kind: str, index: int) -> SeriesStyle:
    """The style of a comparator of ``kind``; ``index`` picks among the 'other' styles."""
    return COMPARATOR_STYLES.get(kind) or OTHER_STYLES[index % len(OTHER_STYLES)]


# -- events --------------------------------------------------------------------------------------
# Kinds drawn on charts unless the reader turns them off: inspections, visits, plans, directions.
DEFAULT_EVENT_KINDS = frozenset({
    K.STANDARD_INSPECTION, K.SHORT_INSPECTION, K.SIF_INSPECTION, K.FOCUSED_VISIT,
    K.MONITORING_VISIT, K.JTAI, K.AREA_SEND, K.IMPROVEMENT_NOTICE, K.STATUTORY_DIRECTION,
    K.DIRECTION_REVOKED, K.PLAN_SUBMITTED, K.PLAN_APPROVED,
})
_GROUP_OF = {kind: key for key, _label, kinds in EVENT_GROUPS for kind in kinds}
# Event lines stay in the background: greys (inspections darkest), the intervention in purple; never
# the council's blue or the comparators' colours.
EVENT_COLOURS = {
    "events:inspections": "#3D3D3D",
    "events:visits": "#7A7A7A",
    "events:intervention": style.OKABE_ITO["reddish_purple"],
    "events:scrutiny": "#A6A6A6",
    "events:other": "#A6A6A6",
}
_GROUP_DASH = {
    "events:inspections": Qt.PenStyle.SolidLine,
    "events:visits": Qt.PenStyle.DashLine,
    "events:intervention": Qt.PenStyle.DashDotLine,
    "events:scrutiny": Qt.PenStyle.DotLine,
    "events:other": Qt.PenStyle.DotLine,
}
EVENT_GROUP_KEYS: tuple[str, ...] = tuple(key for key, _l, _k in EVENT_GROUPS)



def event_group(kind: EventKind) -> int:
    """Index into ``EVENT_GROUP_KEYS`` of the timeline lane ``kind`` is drawn in."""
    return EVENT_GROUP_KEYS.index(_GROUP_OF.get(kind, "events:other"))


def event_pen(group: int) -> QPen:
    key = EVENT_GROUP_KEYS[group]
    pen = QPen(QColor(EVENT_COLOURS[key]), 1.1, _GROUP_DASH[key])
    pen.setCosmetic(True)
    return pen


def event_label(e: Event) -> str:
    """A few characters for the line's label: the timeline's short name (``MV3``, ``ILACS: Inadequate``,
    ``Direction``), so an event is called the same on every chart, the timeline and in print."""
    return short_name(e)


class ValueGrid(pg.GraphicsObject):
    """Faint horizontal lines at the value axis's ticks (major, and minor fainter): they help read a
    figure off a printout. One light item in the plot, not the axis's own grid (``AxisItem.setGrid``),
    which repainted the whole plot area through the axis's picture, 10-20 ms a chart at every repaint
    (GUI stalls, issue 19)."""

    ALPHAS = (38, 18)  # of 255, per tick level

    def __init__(self, axis: pg.AxisItem) -> None:
        super().__init__()
        self._axis = axis
        self._pens = []
        for alpha in self.ALPHAS:
            colour = style.qcolor(style.MUTED)
            colour.setAlpha(alpha)
            pen = QPen(colour, 1)
            pen.setCosmetic(True)
            self._pens.append(pen)
        self.setZValue(-50)

    def _view_rect(self) -> QRectF:
        vb = self.getViewBox()
        return vb.viewRect() if vb is not None else QRectF()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self._view_rect()

    def viewRangeChanged(self) -> None:  # noqa: N802 (pyqtgraph's name)
        self.prepareGeometryChange()
        self.update()

    def paint(self, p: QPainter, *_args: object) -> None:
        vb = self.getViewBox()
        rect = self._view_rect()
        if vb is None or rect.height() <= 0:
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        levels = self._axis.tickValues(rect.top(), rect.bottom(), max(vb.height(), 1.0))
        drawn: set[float] = set()
        for pen, (_spacing, values) in zip(self._pens, levels, strict=False):
            p.setPen(pen)
            for v in values:
                if v not in drawn and rect.top() <= v <= rect.bottom():
                    drawn.add(v)
                    p.drawLine(QPointF(rect.left(), v), QPointF(rect.right(), v))

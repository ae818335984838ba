"""The journeys chart of a briefing pack, drawn with QPainter: councils' metric by months since an event."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from bcpviewer.model.impact import figure
from bcpviewer.model.journeys import Journey
from bcpviewer.plots import style
from bcpviewer.report.page import INK, MUTED, Flow, Fonts

COLOURS = tuple(style.OKABE_ITO[k] for k in ("blue", "vermillion", "bluish_green", "orange", "reddish_purple",
                                              "sky_blue"))
DASHES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DashDotLine, Qt.PenStyle.DotLine)
MARKERS = ("circle", "square", "triangle", "down", "cross")  # the diamond is kept for re-inspections
GRID = QColor(style.GRID)
At = Callable[[float, float], QPointF]  # months and value to a point on the page
MAX_MARKERS = 40  # a series with more figures than this gets a marker on every n-th only


@dataclass(frozen=True)
class Look:
    """How one council's line is drawn: colour, dash and marker, so no council rests on colour alone."""

    colour: QColor
    dash: Qt.PenStyle
    marker: str
    width_mm: float
    own: bool = False


def looks(journeys: Sequence[Journey], own: str) -> list[Look]:
    out, i = [], 0
    for j in journeys:
        if own and j.council == own:
            out.append(Look(QColor(style.FOREGROUND), Qt.PenStyle.SolidLine, "circle", 0.75, True))
            continue
        out.append(Look(QColor(COLOURS[i % len(COLOURS)]), DASHES[i % len(DASHES)], MARKERS[i % len(MARKERS)],
                        0.35))
        i += 1
    return out


def nice_step(span: float, count: int = 5) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about ``count`` ticks over ``span``."""
    if span <= 0:
        return 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


def _ticks(lo: float, hi: float, step: float) -> list[float]:
    first = math.ceil(lo / step - 1e-9) * step
    out, v = [], first
    while v <= hi + 1e-9:
        out.append(round(v, 9))
        v += step
    return out


def _legend_layout(width: float, names: Sequence[str], fm: QFontMetricsF, sample: float
                   ) -> tuple[int, float, int]:
    """(columns, column width, rows) of the key: as many columns of equal width as fit."""
    widest = max((fm.horizontalAdvance(n) for n in names), default=0.0) + sample + fm.averageCharWidth() * 3
    cols = max(1, min(len(names), int(width // max(widest, 1.0))))
    return cols, width / cols, -(-len(names) // cols)


def legend_height(flow: Flow, journeys: Sequence[Journey], f: Fonts) -> float:
    fm = flow.metrics(f.small_bold)
    names = [j.council for j in journeys] + [_REINSPECTED]
    _cols, _w, rows = _legend_layout(flow.width, names, fm, flow.geometry.mm(12))
    return rows * fm.lineSpacing() * 1.25 + flow.geometry.mm(1)


_REINSPECTED = "re-inspection, with the grade reached"


class JourneyChart:
    """Lines of one metric for several councils against months since each council's anchor."""

    def __init__(self, journeys: Sequence[Journey], own: str, metric: str, unit: str, anchor: str,
                 fonts: Fonts) -> None:
        self.journeys = list(journeys)
        self.own = own
        self.metric, self.unit, self.anchor = metric, unit, anchor
        self.f = fonts
        self.looks = looks(self.journeys, own)
        # the own council last, so its bold line is drawn on top
        self.order = sorted(range(len(self.journeys)), key=lambda i: self.looks[i].own)
        xs = [p.months for j in self.journeys for p in j.points if p.value is not None]
        xs += [m for j in self.journeys if (m := j.months_to_reinspection) is not None]
        ys = [p.value for j in self.journeys for p in j.points if p.value is not None]
        x0, x1 = min(xs + [0.0]), max(xs + [0.0])
        self.x_step = 6.0 if x1 - x0 <= 48 else 12.0 if x1 - x0 <= 132 else 24.0
        self.x0 = math.floor(x0 / self.x_step) * self.x_step
        self.x1 = max(math.ceil(x1 / self.x_step) * self.x_step, self.x0 + self.x_step)
        lo, hi = (min(ys), max(ys)) if ys else (0.0, 1.0)
        if lo >= 0 and lo < (hi - lo) * 1.5:  # positive figures not far from zero: start the axis at zero
            lo = 0.0
        step = nice_step(hi - lo if hi > lo else abs(hi) or 1.0)
        self.y0 = math.floor(lo / step) * step
        self.y1 = math.ceil(hi / step) * step
        if self.y1 <= self.y0:
            self.y1 = self.y0 + step
        self.y_step = step

    # -- geometry ---------------------------------------------------------------------------------------
    def _plot_rect(self, p: QPainter, r: QRectF) -> QRectF:
        fm = QFontMetricsF(self.f.small, p.device())
        labels = [self._y_label(v) for v in _ticks(self.y0, self.y1, self.y_step)]
        left = max((fm.horizontalAdvance(t) for t in labels), default=0.0) + fm.averageCharWidth() * 1.5
        top = fm.lineSpacing() * 2.4
        bottom = fm.lineSpacing() * 3.0
        return QRectF(r.left() + left, r.top() + top, r.width() - left - fm.averageCharWidth() * 2,
                      r.height() - top - bottom)

    def _y_label(self, v: float) -> str:
        return figure(v, "%" if self.unit.strip() == "%" else "")

    # -- drawing ------------------------------------------------------------------------------------------
    def draw(self, p: QPainter, r: QRectF) -> None:
        plot = self._plot_rect(p, r)
        mm = p.device().logicalDpiY() / 25.4

        def at(x: float, y: float) -> QPointF:
            return QPointF(plot.left() + (x - self.x0) / (self.x1 - self.x0) * plot.width(),
                           plot.bottom() - (y - self.y0) / (self.y1 - self.y0) * plot.height())

        self._axes(p, r, plot, at)
        self._labels: list[QRectF] = []
        p.save()
        p.setClipRect(plot.adjusted(-mm * 2, -mm * 2, mm * 2, mm * 2))
        for i in self.order:
            self._line(p, self.journeys[i], self.looks[i], at, mm)
        for i in self.order:
            self._reinspection(p, self.journeys[i], self.looks[i], at, mm, plot)
        p.restore()

    def _axes(self, p: QPainter, r: QRectF, plot: QRectF, at: At) -> None:
        fm = QFontMetricsF(self.f.small, p.device())
        p.setFont(self.f.small)
        for v in _ticks(self.y0, self.y1, self.y_step):
            y = at(self.x0, v).y()
            p.setPen(QPen(GRID, 0.6))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            text = self._y_label(v)
            p.setPen(QPen(INK))
            p.drawText(QPointF(plot.left() - fm.horizontalAdvance(text) - fm.averageCharWidth() * 0.7,
                               y + fm.ascent() / 2 - 1), text)
        for v in _ticks(self.x0, self.x1, self.x_step):
            x = at(v, self.y0).x()
            p.setPen(QPen(GRID, 0.6))
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            text = f"{v:+.0f}" if v else "0"
            p.setPen(QPen(INK))
            p.drawText(QPointF(x - fm.horizontalAdvance(text) / 2, plot.bottom() + fm.ascent() * 1.5 + 2), text)
        p.setPen(QPen(INK, 0.9))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(plot)
        zero = at(0.0, self.y0).x()
        p.setPen(QPen(INK, 1.1, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(zero, plot.top()), QPointF(zero, plot.bottom()))
        label = "judged inadequate" if "inadequate" in self.anchor.lower() else "the event"
        p.setFont(self.f.small_bold)
        p.setPen(QPen(INK))
        p.drawText(QPointF(zero + 3, plot.top() - fm.descent() - 2), f"▼ {label}")
        unit = self.unit.strip()
        p.setFont(self.f.small)
        p.setPen(QPen(MUTED))
        head = self.metric + (f" ({unit})" if unit else "")
        p.drawText(QPointF(r.left(), plot.top() - fm.descent() - 2 - fm.lineSpacing()), head)
        title = self.anchor[:1].upper() + self.anchor[1:]
        p.setPen(QPen(INK))
        p.drawText(QPointF(plot.center().x() - fm.horizontalAdvance(title) / 2,
                           plot.bottom() + fm.lineSpacing() * 2.6), title)

    def _line(self, p: QPainter, j: Journey, look: Look, at: At, mm: float) -> None:
        pen = QPen(look.colour, look.width_mm * mm, look.dash)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        path = QPainterPath()
        drawing = False
        for pt in j.points:
            if pt.value is None:
                drawing = False
                continue
            q = at(pt.months, pt.value)
            if drawing:
                path.lineTo(q)
            else:
                path.moveTo(q)
                drawing = True
        p.setPen(pen)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        valued = [pt for pt in j.points if pt.value is not None]
        every = max(1, math.ceil(len(valued) / MAX_MARKERS))
        size = mm * (1.5 if look.own else 1.25)
        for pt in valued[::every]:
            assert pt.value is not None
            marker(p, at(pt.months, pt.value), look.marker, size, look.colour, filled=True, width=0.8)

    def _reinspection(self, p: QPainter, j: Journey, look: Look, at: At, mm: float, plot: QRectF) -> None:
        m = j.months_to_reinspection
        if m is None or j.grade_reached is None:
            return
        v = on_line(j, m)
        q = at(m, v) if v is not None else QPointF(at(m, self.y0).x(), plot.bottom() - mm * 2)
        size = mm * 2.0
        marker(p, q, "diamond", size, look.colour, filled=False, width=mm * 0.45)
        text = j.grade_reached.short
        font = self.f.small_bold
        fm = QFontMetricsF(font, p.device())
        box = QRectF(q.x() - fm.horizontalAdvance(text) / 2 - 2, q.y() - size - fm.lineSpacing() - 1,
                     fm.horizontalAdvance(text) + 4, fm.lineSpacing())
        if box.top() < plot.top():
            box.moveTop(q.y() + size + 1)
        while any(box.intersects(b) for b in self._labels):  # two re-inspections close together
            box.moveTop(box.top() - box.height())
        self._labels.append(box)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(QColor(255, 255, 255, 220)))
        p.drawRect(box)
        p.setFont(font)
        p.setPen(QPen(INK))
        p.drawText(QPointF(box.left() + 2, box.top() + fm.ascent()), text)

    def draw_legend(self, p: QPainter, r: QRectF) -> None:
        fm = QFontMetricsF(self.f.small_bold, p.device())
        mm = p.device().logicalDpiY() / 25.4
        sample = mm * 12
        names = [j.council for j in self.journeys] + [_REINSPECTED]
        cols, col_w, _rows = _legend_layout(r.width(), names, fm, sample)
        line = fm.lineSpacing() * 1.25
        for k, name in enumerate(names):
            x = r.left() + (k % cols) * col_w
            y = r.top() + (k // cols) * line
            mid = y + line / 2
            if k < len(self.journeys):
                look = self.looks[k]
                pen = QPen(look.colour, look.width_mm * mm, look.dash)
                p.setPen(pen)
                p.drawLine(QPointF(x, mid), QPointF(x + sample - mm * 2, mid))
                marker(p, QPointF(x + (sample - mm * 2) / 2, mid), look.marker, mm * 1.25, look.colour,
                       filled=True, width=0.8)
                font: QFont = self.f.small_bold if look.own else self.f.small
            else:
                marker(p, QPointF(x + (sample - mm * 2) / 2, mid), "diamond", mm * 2.0, QColor(INK),
                       filled=False, width=mm * 0.35)
                font = self.f.small
            p.setFont(font)
            p.setPen(QPen(INK))
            p.drawText(QPointF(x + sample, mid + QFontMetricsF(font, p.device()).ascent() / 2 - 1), name)


def on_line(j: Journey, months: float) -> float | None:
    """Where a council's line is at ``months``: between the figures either side, else the last one."""
    before = after = None
    for pt in j.points:
        if pt.months <= months:
            before = pt
        elif after is None:
            after = pt
    if before is None or before.value is None:
        return j.value_at(months)
    if after is None or after.value is None or after.months == before.months:
        return before.value
    share = (months - before.months) / (after.months - before.months)
    return before.value + (after.value - before.value) * share


def marker(p: QPainter, c: QPointF, shape: str, size: float, colour: QColor, *, filled: bool,
           width: float) -> None:
    """A marker of ``shape`` centred on ``c``, ``size`` across: filled with the colour, or white inside."""
    h = size / 2
    p.setPen(QPen(colour.darker(115) if filled else colour, width))
    p.setBrush(QBrush(colour if filled else QColor(style.BACKGROUND)))
    if shape == "circle":
        p.drawEllipse(c, h, h)
    elif shape == "square":
        p.drawRect(QRectF(c.x() - h * 0.9, c.y() - h * 0.9, h * 1.8, h * 1.8))
    elif shape in ("triangle", "down"):
        s = 1 if shape == "triangle" else -1
        p.drawPolygon(QPolygonF([QPointF(c.x(), c.y() - s * h * 1.1), QPointF(c.x() + h, c.y() + s * h * 0.8),
                                 QPointF(c.x() - h, c.y() + s * h * 0.8)]))
    elif shape == "diamond":
        p.drawPolygon(QPolygonF([QPointF(c.x(), c.y() - h * 1.2), QPointF(c.x() + h, c.y()),
                                 QPointF(c.x(), c.y() + h * 1.2), QPointF(c.x() - h, c.y())]))
    else:  # cross
        p.setPen(QPen(colour, max(width * 1.6, 1.2)))
        p.drawLine(QPointF(c.x() - h, c.y() - h), QPointF(c.x() + h, c.y() + h))
        p.drawLine(QPointF(c.x() - h, c.y() + h), QPointF(c.x() + h, c.y() - h))

"""Timeline axes: dates as seconds at UTC midnight, a UK-style date axis and a lane-label axis."""

from __future__ import annotations

import calendar
from collections import OrderedDict
from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.DateAxisItem import (
    DAY_SPACING,
    MONTH_SPACING,
    YEAR_SPACING,
    TickSpec,
    ZoomLevel,
    makeSStepper,
    makeYStepper,
)
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QPen

from bcpviewer.model.timeline import Lane
from bcpviewer.plots import style

DAY = 86400.0
MONTH_LABEL_PX = 64.0  # room a month's label ("Sep 2022") takes on the date axis, with a gap
_EPOCH = date(1970, 1, 1)
_EPOCH_ORDINAL = _EPOCH.toordinal()


def to_seconds(d: date) -> float:
    """Seconds since 1970 at UTC midnight of ``d``: the one date-to-x conversion of the timeline."""
    return float((d.toordinal() - _EPOCH_ORDINAL) * 86400)


def dates_to_seconds(dates: Sequence[date]) -> np.ndarray:
    """``to_seconds`` for many dates at once (float64 array)."""
    if not len(dates):
        return np.empty(0)
    # toordinal() mapped in C is many times faster than numpy's datetime64 conversion of Python dates.
    days = np.fromiter(map(date.toordinal, dates), np.int64, len(dates)) - _EPOCH_ORDINAL
    return days.astype(np.float64) * DAY


def from_seconds(x: float) -> date:
    """The day containing ``x`` seconds since 1970 (UTC), clamped to the dates Python can hold."""
    days = int(np.floor(x / DAY))
    days = max(date.min.toordinal() - _EPOCH_ORDINAL, min(days, date.max.toordinal() - _EPOCH_ORDINAL))
    return _EPOCH + timedelta(days=days)


def grid_lines(x0: float, x1: float, width_px: float) -> tuple[list[float], list[float]]:
    """(major, minor) grid x positions: year starts, and month (or day) starts when they are far apart."""
    if x1 <= x0 or width_px <= 0:
        return [], []
    first, last = from_seconds(x0), from_seconds(x1)
    px_day = width_px * DAY / (x1 - x0)
    step = 1 if px_day * 365 >= 24 else 5
    major = [to_seconds(date(y, 1, 1)) for y in range(first.year, last.year + 2) if y % step == 0]
    minor: list[float] = []
    if px_day >= 10 and last.toordinal() - first.toordinal() < 400:
        minor = [to_seconds(first) + DAY * i for i in range(last.toordinal() - first.toordinal() + 2)]
    elif px_day * 30 >= 20:
        minor = [to_seconds(date(y, m, 1)) for y in range(first.year, last.year + 1)
                 for m in range(1, 13) if m != 1]
    return major, minor


def _month_stepper(months: int):
    """Ticks every ``months`` * n months, aligned to January (quarters fall on Jan, Apr, Jul, Oct)."""
    def stepper(val: float, n: int, first: bool) -> float:
        if not -6e10 < val < 2.5e11:  # outside the years 1 to 9999
            return np.inf
        d = from_seconds(val + 1)
        k = months * n
        index = d.year * 12 + d.month - 1
        index = (index // k + 1) * k if first else index + k
        if index // 12 > 9998:
            return np.inf
        return to_seconds(date(index // 12, index % 12 + 1, 1))

    return stepper


def _zoom_levels() -> OrderedDict[float, ZoomLevel]:
    """Own copies of pyqtgraph's year/month and month/day levels (theirs are shared module globals)."""
    years = ZoomLevel([
        TickSpec(YEAR_SPACING, makeYStepper(1), "%Y", autoSkip=[1, 5, 10, 25]),
        TickSpec(MONTH_SPACING, _month_stepper(1), "%b", autoSkip=[1, 3, 6]),
    ], "2022")
    months = ZoomLevel([
        TickSpec(MONTH_SPACING, _month_stepper(1), "%b %Y"),
        TickSpec(DAY_SPACING, makeSStepper(DAY_SPACING), "%d", autoSkip=[1, 5]),
    ], "Sep 2022")
    for level in (years, months):
        level.utcOffset = 0
    return OrderedDict([(np.inf, years), (5 * DAY, months)])


class UKDateAxis(pg.DateAxisItem):
    """Date axis at UTC (never shifted by daylight saving) with UK labels: 2022, Mar, Mar 2022, 6."""

    def __init__(self, orientation: str = "bottom", **kwargs: object) -> None:
        super().__init__(orientation, utcOffset=0, **kwargs)
        self.zoomLevels = _zoom_levels()

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        out = []
        year_shown_from = self._first_year_label_x()
        for i, v in enumerate(values):
            d = from_seconds(v + 1)  # +1 s: a tick at midnight belongs to that day
            if spacing >= YEAR_SPACING:
                out.append(str(d.year))
            elif spacing >= MONTH_SPACING:
                top = self.zoomLevel.tickSpecs[0].spacing == MONTH_SPACING
                month = calendar.month_abbr[d.month]
                # the first month says its year when its year's own label is off the left edge: a
                # view of Feb to Dec 2022 still says which year it is
                no_year = i == 0 and to_seconds(date(d.year, 1, 1)) < year_shown_from
                out.append(f"{month} {d.year}" if top or no_year else month)
            else:  # a day's number, unless it would run into the month's label ("Apr 2023" then "3")
                out.append("" if d.day < self._first_day_clear() else str(d.day))
        return out

    def _first_year_label_x(self) -> float:
        """The earliest date (in seconds) whose year label is drawn whole: a label centred nearer the
        left edge than half its width is clipped away."""
        vb = self.linkedView()
        if vb is None or vb.width() <= 0:
            return -np.inf
        x0, x1 = vb.viewRange()[0]
        return x0 + (MONTH_LABEL_PX / 2) * max(x1 - x0, 1.0) / vb.width()

    def _first_day_clear(self) -> int:
        """The first day of a month whose number clears the month's own label at this zoom."""
        vb = self.linkedView()
        if vb is None or vb.width() <= 0:
            return 2
        x0, x1 = vb.viewRange()[0]
        px_day = vb.width() * DAY / max(x1 - x0, 1.0)
        return 2 + int(MONTH_LABEL_PX // max(px_day, 1e-6))


class LaneAxis(pg.AxisItem):
    """Left axis naming each lane at its centre; clicking a name toggles the lane's collapse."""

    lane_clicked = Signal(str)
    scrolled = Signal(float)  # the wheel over the lane names: rows to scroll (down positive)

    def __init__(self, width: int = 240) -> None:
        super().__init__("left")
        self._lanes: tuple[Lane, ...] = ()
        self._era_bottom = 0.0
        self.interactive = True  # False on paper: no fold marks, no "(3 of 7)" counts
        self.setWidth(width)
        self.setAcceptHoverEvents(True)
        font = QFont()
        font.setPointSizeF(9.5)
        self.setStyle(tickFont=font, tickLength=0)
        self._font = font

    def set_lanes(self, lanes: Sequence[Lane], era_bottom: float) -> None:
        """The lanes to name and where the era strip ends (labelled "Periods" above it)."""
        self._lanes = tuple(lanes)
        self._era_bottom = era_bottom
        self.picture = None
        self.update()

    def lane_at(self, y: float) -> Lane | None:
        return next((lane for lane in self._lanes if lane.y0 <= y < lane.y1), None)

    def _to_local_y(self, y: float) -> float | None:
        vb = self.linkedView()
        if vb is None:
            return None
        return self.mapFromScene(vb.mapViewToScene(QPointF(0.0, y))).y()

    def generateDrawSpecs(self, p):  # noqa: N802 (pyqtgraph's name)
        bounds = self.mapRectFromParent(self.geometry())
        pen = QPen(style.qcolor(style.GRID))
        axis = (QPen(style.qcolor(style.MUTED)), bounds.topRight(), bounds.bottomRight())
        ticks, texts = [], []
        fm = QFontMetricsF(self._font)
        width = bounds.width() - 14
        for lane in self._lanes:
            top, bottom = self._to_local_y(lane.y0), self._to_local_y(lane.y1)
            if top is None or bottom is None:
                continue
            top, bottom = min(top, bottom), max(top, bottom)
            if bottom <= bounds.top() + 0.5 or top >= bounds.bottom() - 0.5:
                continue  # a lane out of view (a printed page shows some of the lanes): no stray label
            ticks.append((pen, QPointF(bounds.left() + 2, top), QPointF(bounds.right(), top)))
            mark = ("▸ " if lane.collapsed else "▾ ") if self.interactive else ""
            suffix = ""
            if self.interactive and (lane.collapsed or lane.shown != lane.count):
                suffix = f" ({lane.shown} of {lane.count})" if lane.shown != lane.count \
                    else f" ({lane.count})"
            lines = wrap(f"{mark}{lane.label}", fm, width, max(1, int((bottom - top) // fm.lineSpacing())),
                         suffix)
            rect = QRectF(bounds.left() + 4, top, width, bottom - top).intersected(bounds)
            texts.append((rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, lines))
        if self._era_bottom > 0:
            top, bottom = self._to_local_y(0.0), self._to_local_y(self._era_bottom)
            if top is not None and bottom is not None:
                rect = QRectF(bounds.left() + 4, min(top, bottom), width, abs(bottom - top))
                texts.append((rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                              "Periods"))
        return axis, ticks, texts

    def hoverEvent(self, ev) -> None:  # noqa: N802 (pyqtgraph's name)
        if ev.isExit():
            self.setToolTip("")
            return
        vb = self.linkedView()
        lane = self.lane_at(vb.mapSceneToView(ev.scenePos()).y()) if vb is not None else None
        if lane is None:
            self.setToolTip("")
            self.setCursor(Qt.CursorShape.ArrowCursor)
            return
        verb = "expand" if lane.collapsed else "collapse"
        self.setToolTip(f"{lane.label}\n{lane.summary}\nClick to {verb} this lane.")
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def wheelEvent(self, ev) -> None:  # noqa: N802 (Qt's name)
        ev.accept()
        self.scrolled.emit(-ev.delta() / 120 * 3)

    def mouseClickEvent(self, event) -> None:  # noqa: N802 (pyqtgraph's name)
        vb = self.linkedView()
        if event.button() != Qt.MouseButton.LeftButton or vb is None:
            super().mouseClickEvent(event)
            return
        lane = self.lane_at(vb.mapSceneToView(event.scenePos()).y())
        if lane is not None:
            event.accept()
            self.lane_clicked.emit(lane.key)


def wrap(text: str, fm: QFontMetricsF, width: float, max_lines: int, suffix: str = "") -> str:
    """Word-wrap ``text`` into at most ``max_lines`` lines of ``width`` pixels, eliding the last
    but always keeping ``suffix`` (such as a count) at its end."""
    words, lines, line = (text + suffix).split(), [], ""
    for i, word in enumerate(words):
        trial = f"{line} {word}".strip()
        if fm.horizontalAdvance(trial) <= width or not line:
            line = trial
            continue
        if len(lines) == max_lines - 1:
            line = " ".join([line, *words[i:]])
            break
        lines.append(line)
        line = word
    if suffix and fm.horizontalAdvance(line) > width and line.endswith(suffix.strip()):
        line = line[: len(line) - len(suffix.strip())].rstrip()
        line = fm.elidedText(line, Qt.TextElideMode.ElideRight, width - fm.horizontalAdvance(suffix)) + suffix
    lines.append(fm.elidedText(line, Qt.TextElideMode.ElideRight, width))
    return "\n".join(lines)

"""An older version's dates on the timeline: faint dashed bars behind the live ones, and the
actions dropped since in a lane of their own at the bottom."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from pyqtgraph.Qt import internals
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from bcpviewer.model.spans import format_date
from bcpviewer.model.timeline import (
    BAR_HEIGHT,
    COLLAPSED_BAR,
    COLLAPSED_HEIGHT,
    FALLBACK_START_DAYS,
    LANE_PAD,
    MAX_ROWS,
    ROW,
    Lane,
    TimelineLayout,
)
from bcpviewer.model.versions import Ghost
from bcpviewer.plots import style
from bcpviewer.plots.timeline_axes import dates_to_seconds
from bcpviewer.plots.timeline_layers import DETAIL_LIMIT, ViewLayer, draw_rects
from bcpviewer.plots.timeline_text import LABEL_POINTS, MAX_LABELS, MIN_LABEL_PX, font, next_start_in_row

GHOST_LANE = "ghosts:dropped"
GHOST_LANE_LABEL = "Dropped from the plan"
GHOST_OFFSET = 0.26  # a ghost's centre sits this far below its live bar's centre (row units) ...
GHOST_HEIGHT = 0.46  # ... and is this high, so its lower edge shows under the live bar
EDGE = "#595959"  # the dashed outline and the old-due marker: darker than the muted grey, for print
FILL = QColor(255, 255, 255, 215)  # a pale, nearly white card: lighter than any live bar
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def ghost_text(ghost: Ghost, now_due: date | None = None) -> str:
    """"Older version: due 31 Mar 2023 (now 30 Sep 2023, +183 days)" (or "... dropped since")."""
    then = f"Older version: due {format_date(ghost.due)}"
    if ghost.dropped or ghost.key is None:
        return f"{then} (not in this version)"
    if now_due is None:
        return f"{then} (now no due date)"
    shift = (now_due - ghost.due).days
    if shift == 0:
        return f"{then} (unchanged)"
    return f"{then} (now {format_date(now_due)}, {shift:+,} days)"


def ghost_tooltip(ghost: Ghost) -> list[str]:
    """Lines about a dropped action's ghost: what it was and when it was due."""
    lines = [GHOST_LANE_LABEL, ghost.title]
    if ghost.start is not None:
        lines.append(f"Older version: start {format_date(ghost.start)}, due {format_date(ghost.due)}")
    else:
        lines.append(f"Older version: due {format_date(ghost.due)}")
    lines.append("Not in this version of the tracker.")
    return lines


@dataclass(frozen=True)
class GhostPlacement:
    """Where each shown ghost is drawn (view units, x in seconds) and the dropped lane, if any.

    ``index`` points into the ghosts given to :func:`place_ghosts`; ghosts of actions that are not
    drawn (filtered out, in a collapsed lane, without dates) are left out and counted in ``hidden``.
    """

    x0: np.ndarray
    x1: np.ndarray
    y: np.ndarray
    h: np.ndarray
    due: np.ndarray
    index: np.ndarray
    dropped: np.ndarray
    row: np.ndarray  # sub-row in the dropped lane (-1 for a ghost behind a live bar)
    lane: Lane | None
    hidden: int = 0

    @property
    def height(self) -> float:
        """How much the dropped lane adds below the layout."""
        return self.lane.height if self.lane is not None else 0.0

    def __len__(self) -> int:
        return len(self.x0)


def place_ghosts(ghosts: Sequence[Ghost], layout: TimelineLayout, *, collapsed: bool = False,
                 max_rows: int = MAX_ROWS) -> GhostPlacement:
    """Put each ghost on its live action's row (a little lower), dropped ones in a lane below
    every other lane, packed so that no two overlap (up to ``max_rows`` sub-rows)."""
    placed = {p.key: p for p in layout.placed}
    folded = {lane.key for lane in layout.lanes if lane.collapsed}
    starts: list[date] = []
    dues: list[date] = []
    ys: list[float] = []
    hs: list[float] = []
    index: list[int] = []
    hidden = 0
    live = []
    dropped = []
    for i, g in enumerate(ghosts):
        if g.dropped or g.key is None:
            dropped.append(i)
            continue
        p = placed.get(g.key)
        if p is None or p.lane_key in folded:
            hidden += 1
            continue
        live.append(i)
        start = g.start or p.start
        starts.append(min(start, g.due))
        dues.append(g.due)
        ys.append(p.y + GHOST_OFFSET * p.height / BAR_HEIGHT)
        hs.append(GHOST_HEIGHT * p.height / BAR_HEIGHT)
        index.append(i)
    rows = [-1] * len(live)
    lane = None
    if dropped:
        spans = []
        for i in dropped:
            g = ghosts[i]
            start = g.start or g.due - timedelta(days=FALLBACK_START_DAYS)
            spans.append((min(start, g.due), g.due, i))
        spans.sort(key=lambda s: (s[0], s[1], s[2]))
        packed, n_rows = _pack(spans, 1 if collapsed else max_rows)
        y0 = layout.height
        height = COLLAPSED_HEIGHT if collapsed else n_rows * ROW + 2 * LANE_PAD
        for (start, due, i), row in packed:
            starts.append(start)
            dues.append(due)
            if collapsed:
                ys.append(y0 + height / 2)
                hs.append(COLLAPSED_BAR)
            else:
                ys.append(y0 + LANE_PAD + 0.5 * ROW + row * ROW)
                hs.append(BAR_HEIGHT)
            index.append(i)
            rows.append(row)
        n = len(dropped)
        summary = (f"{n} action{'' if n == 1 else 's'} in the older version that "
                   f"{'is' if n == 1 else 'are'} not in this one, at the older version's dates")
        lane = Lane(GHOST_LANE, GHOST_LANE_LABEL, "actions", n_rows, y0, height, collapsed, n, n,
                    summary)
    x0 = dates_to_seconds(starts)
    due = dates_to_seconds(dues)
    is_dropped = np.zeros(len(index), bool)
    is_dropped[len(live):] = True
    return GhostPlacement(x0, due.copy(), np.array(ys, float), np.array(hs, float), due,
                          np.array(index, int), is_dropped, np.array(rows, int), lane, hidden)


def _pack(spans: list[tuple[date, date, int]], cap: int
          ) -> tuple[list[tuple[tuple[date, date, int], int]], int]:
    """First-fit packing of (start, end) spans into at most ``cap`` rows: (span, row), rows used."""
    busy: list[tuple[date, int]] = []  # (end, row)
    free: list[int] = []
    rows = 0
    out = []
    for span in spans:
        while busy and busy[0][0] < span[0]:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            row = heapq.heappop(free)
        elif rows < cap:
            row, rows = rows, rows + 1
        else:
            row = heapq.heappop(busy)[1]
        heapq.heappush(busy, (span[1], row))
        out.append((span, row))
    return out, max(rows, 1)


class GhostLayer(ViewLayer):
    """Every ghost as a pale card with a dashed edge, a hollow diamond at its due date, and, for
    dropped actions, the title: one item, culled to the view, all bars in one drawRects call."""

    def __init__(self, max_labels: int = MAX_LABELS) -> None:
        super().__init__()
        self.max_labels = max_labels
        self.drawn = 0  # ghost bars drawn by the last paint
        self.labelled = 0  # titles drawn by the last paint
        self._pen = QPen(QColor(EDGE), 1.2, Qt.PenStyle.DashLine)
        self._pen.setCosmetic(True)
        self._pen.setDashPattern([4.0, 3.0])
        self._brush = QBrush(FILL)
        self._marker_pen = QPen(QColor(EDGE), 1.3)
        self._marker_pen.setCosmetic(True)
        self._marker_brush = QBrush(QColor("#FFFFFF"))
        self._font = font(LABEL_POINTS)
        self._font.setItalic(True)
        self._fm = QFontMetricsF(self._font)
        self._text_pen = QPen(QColor(style.MUTED))
        self._buf = internals.PrimitiveArray(QRectF, 4)
        self.set_data(np.empty(0), np.empty(0), np.empty(0), np.empty(0), np.empty(0), [])

    def set_data(self, x0: np.ndarray, x1: np.ndarray, y: np.ndarray, h: np.ndarray,
                 due: np.ndarray, labels: Sequence[str]) -> None:
        """Bars from x0 to x1 centred on y, h high; a marker at ``due``; a label ('' for none)."""
        self._x0, self._x1 = np.asarray(x0, float), np.asarray(x1, float)
        self._y, self._h = np.asarray(y, float), np.asarray(h, float)
        self._due = np.asarray(due, float)
        self._labels = list(labels)
        self._room = next_start_in_row(self._x0, self._y)
        self._changed()

    def __len__(self) -> int:
        return len(self._x0)

    def hit(self, x: float, y: float, tol_x: float) -> int | None:
        """The position (in set_data order) of the ghost drawn at (x, y), within ``tol_x`` in x."""
        if not len(self._x0):
            return None
        inside = ((self._x0 - tol_x <= x) & (x <= self._x1 + tol_x)
                  & (np.abs(self._y - y) <= self._h / 2))
        found = np.flatnonzero(inside)
        return int(found[0]) if len(found) else None

    def paint(self, p: QPainter, *args: object) -> None:
        self.drawn = self.labelled = 0
        dev = self._device(p)
        if dev is None or not len(self._x0):
            return
        sx, dx, sy, dy, vx0, vx1 = dev
        vis = np.flatnonzero((self._x1 >= vx0) & (self._x0 <= vx1))
        if not len(vis):
            return
        left, right = sx * vx0 + dx - 2, sx * vx1 + dx + 2
        px0 = np.clip(sx * self._x0[vis] + dx, left, right)
        px1 = np.clip(sx * self._x1[vis] + dx, left, right)
        width = np.maximum(px1 - px0, 2.0)
        hpx = np.abs(sy * self._h[vis])
        ytop = sy * (self._y[vis] - self._h[vis] / 2) + dy
        if sy < 0:
            ytop -= hpx
        p.save()
        p.resetTransform()
        p.setPen(self._pen)
        p.setBrush(self._brush)
        draw_rects(p, self._buf, np.column_stack((px0, ytop, width, hpx)))
        self.drawn = len(vis)
        if len(vis) <= DETAIL_LIMIT:
            self._paint_markers(p, sx * self._due[vis] + dx, ytop + hpx, hpx)
            self._paint_labels(p, vis, px0, px1, sy * self._y[vis] + dy, hpx, sx, dx, right)
        p.restore()

    def _paint_markers(self, p: QPainter, x: np.ndarray, bottom: np.ndarray, hpx: np.ndarray) -> None:
        """A hollow diamond on each ghost's lower edge at the older due date."""
        half = np.clip(hpx * 0.4, 2.5, 4.0)
        path = QPainterPath()
        for cx, cy, r in zip(x.tolist(), bottom.tolist(), half.tolist()):
            path.addPolygon(QPolygonF([QPointF(cx, cy - r), QPointF(cx + r, cy), QPointF(cx, cy + r),
                                       QPointF(cx - r, cy), QPointF(cx, cy - r)]))
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setPen(self._marker_pen)
        p.setBrush(self._marker_brush)
        p.drawPath(path)

    def _paint_labels(self, p: QPainter, vis: np.ndarray, px0: np.ndarray, px1: np.ndarray,
                      yc: np.ndarray, hpx: np.ndarray, sx: float, dx: float, right: float) -> None:
        """Titles of dropped actions: inside the bar when they fit before its due marker, else
        beside it, up to the next ghost in the row (elided)."""
        line = self._fm.height()
        p.setFont(self._font)
        p.setPen(self._text_pen)
        for k, i in enumerate(vis.tolist()):
            text = self._labels[i]
            if not text or hpx[k] < line * 0.92:
                continue
            if self.labelled >= self.max_labels:
                break
            a = max(px0[k], 0.0) + 4
            b = min(px1[k] - 8, right - 4)
            if self._fm.horizontalAdvance(text) > b - a:  # not inside: beside, after the marker
                a2, b2 = px1[k] + 8, min(sx * self._room[i] + dx - 6, right - 4)
                if b2 - a2 >= max(MIN_LABEL_PX, b - a):
                    a, b = a2, b2
            if b - a < MIN_LABEL_PX:
                continue
            shown = self._fm.elidedText(text, Qt.TextElideMode.ElideRight, b - a)
            p.drawText(QRectF(a, yc[k] - line / 2 - 1, b - a + 2, line + 2), _LEFT, shown)
            self.labelled += 1

"""The event overlay of a metric chart: one layer of vertical lines with short, non-overlapping labels."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen

from bcpviewer.model.records import Event
from bcpviewer.plots import style
from bcpviewer.plots.chart_style import EVENT_GROUP_KEYS, event_group, event_label, event_pen
from bcpviewer.plots.timeline_axes import dates_to_seconds
from bcpviewer.plots.timeline_layers import ViewLayer
from bcpviewer.plots.timeline_text import font

LABEL_ROWS = 3  # labels stack in up to this many rows at the top; the rest wait for a zoom
LABEL_FONT = font(8.5)


class EventLayer(ViewLayer):
    """Vertical lines at event dates (their start), styled by timeline lane, labelled at the top."""

    def __init__(self) -> None:
        super().__init__()
        self._pens = [event_pen(g) for g in range(len(EVENT_GROUP_KEYS))]
        self._fm = QFontMetricsF(LABEL_FONT)
        self._text_pen = QPen(style.qcolor(style.FOREGROUND))
        self._box = QBrush(QColor(255, 255, 255, 225))
        self.events: tuple[Event, ...] = ()
        self.labels_drawn = 0
        self.set_events(())

    def set_events(self, events: Sequence[Event]) -> None:
        """Draw these events (sorted by date); all visible until ``set_visible_kinds``."""
        self.events = tuple(sorted(events, key=lambda e: (e.start, e.id)))
        self._x = dates_to_seconds([e.start for e in self.events])
        self._group = np.array([event_group(e.kind) for e in self.events], int)
        self._labels = [event_label(e) for e in self.events]
        self._width = np.array([self._fm.horizontalAdvance(t) + 8 for t in self._labels])
        self._shown = np.ones(len(self.events), bool)
        self._changed()

    def set_visible_kinds(self, kinds: set | frozenset) -> None:
        self._shown = np.array([e.kind in kinds for e in self.events], bool)
        self._changed()

    def visible(self) -> list[tuple[Event, float]]:
        """(event, x) of the events drawn (whatever the current zoom)."""
        return [(e, float(x)) for e, x, s in zip(self.events, self._x, self._shown) if s]

    def label_of(self, event: Event) -> str:
        return self._labels[self.events.index(event)]

    def near(self, x: float, tolerance: float) -> list[Event]:
        """Visible events within ``tolerance`` (view units) of ``x``."""
        hit = np.flatnonzero(self._shown & (np.abs(self._x - x) <= tolerance))
        return [self.events[i] for i in hit]

    @property
    def row_height(self) -> float:
        """Pixels one row of labels takes."""
        return self._fm.height() + 2

    def _rows(self, idx: np.ndarray, px: np.ndarray, right: float) -> list[tuple[int, float, int]]:
        """(event index, label left edge, row) for the labels that fit in LABEL_ROWS rows, greedily."""
        row_end = [-np.inf] * LABEL_ROWS
        out = []
        for i, x in zip(idx.tolist(), px.tolist()):
            w = self._width[i]
            left = x + 2 if x + 2 + w <= right else x - 2 - w
            row = next((r for r in range(LABEL_ROWS) if row_end[r] < left), None)
            if row is not None:
                row_end[row] = left + w + 2
                out.append((i, left, row))
        return out

    def rows_needed(self, vx0: float, vx1: float, width_px: float) -> int:
        """How many rows of labels the events between vx0 and vx1 take on a plot ``width_px`` wide."""
        idx = np.flatnonzero(self._shown & (self._x >= vx0) & (self._x <= vx1))
        if not len(idx) or vx1 <= vx0 or width_px <= 0:
            return 0
        px = (self._x[idx] - vx0) * (width_px / (vx1 - vx0))
        return 1 + max((row for _i, _l, row in self._rows(idx, px, width_px)), default=-1)

    def paint(self, p: QPainter, *args: object) -> None:
        self.labels_drawn = 0
        dev = self._device(p)
        vr = self.viewRect()
        if dev is None or vr is None or not len(self._x):
            return
        sx, dx, sy, dy, vx0, vx1 = dev
        idx = np.flatnonzero(self._shown & (self._x >= vx0) & (self._x <= vx1))
        if not len(idx):
            return
        vr = vr.normalized()
        y0, y1 = sorted((sy * vr.top() + dy, sy * vr.bottom() + dy))
        px = sx * self._x[idx] + dx
        p.save()
        p.resetTransform()
        for g in np.unique(self._group[idx]):
            p.setPen(self._pens[g])
            p.drawLines([QLineF(x, y0, x, y1) for x in px[self._group[idx] == g]])
        p.setFont(LABEL_FONT)
        line = self.row_height
        for i, left, row in self._rows(idx, px, sx * vx1 + dx):
            rect = QRectF(left, y0 + 2 + row * line, self._width[i], line - 1)
            p.fillRect(rect, self._box)
            p.setPen(QPen(self._pens[self._group[i]].color(), 1.0))
            p.drawRect(rect)
            p.setPen(self._text_pen)
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._labels[i])
            self.labels_drawn += 1
        p.restore()

"""The timeline's vertical extent: rows keep a readable height, and when the lanes do not all fit the
view scrolls (a scroll bar beside it, Page Up and Page Down) rather than squeezing rows too thin to label.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollBar, QWidget

MIN_ROW_PX = 24.0  # a row holds one line of a title (9 pt) with its bar: never squeezed thinner
MAX_ROW_PX = 30.0  # with few lanes, rows grow no taller than this (the rest of the view stays empty)
MARGIN = 0.1  # view units above the first and below the last lane
STEPS = 100  # scroll-bar steps per row


class VerticalScroller:
    """Keeps ``vb``'s y-range at readable rows over a content ``height`` (view units), with a scroll bar."""

    def __init__(self, vb: pg.ViewBox, parent: QWidget) -> None:
        self.vb = vb
        self.height = 1.0
        self.bar = QScrollBar(Qt.Orientation.Vertical, parent)
        self.bar.setAccessibleName("Scroll the lanes")
        self.bar.setToolTip("More lanes above or below: scroll, or press Page Up and Page Down")
        self.bar.hide()
        self.bar.valueChanged.connect(self._on_bar)
        self._setting = False
        vb.sigResized.connect(lambda *_: self.fit(keep=True))

    def rows_in_view(self) -> float:
        """How many rows (view units) the view holds at the minimum row height."""
        return max(self.vb.height(), 1.0) / MIN_ROW_PX

    def top(self) -> float:
        return float(self.vb.viewRange()[1][0])

    def set_height(self, height: float) -> None:
        """The content is now ``height`` view units tall: keep the top in place where possible."""
        self.height = max(height, 1.0)
        self.fit(keep=True)

    def fit(self, *, keep: bool) -> None:
        """Rows as tall as fit between MIN_ROW_PX and MAX_ROW_PX; scrolling when they do not all fit."""
        total = self.height + 2 * MARGIN
        px = self.vb.height()
        span = total if px <= 1 else max(total, px / MAX_ROW_PX)
        scroll = px > 1 and total > px / MIN_ROW_PX
        if scroll:
            span = px / MIN_ROW_PX
        top = min(max(self.top() if keep else -MARGIN, -MARGIN), total - MARGIN - span) if scroll else -MARGIN
        self.vb.setLimits(yMin=-MARGIN, yMax=max(total, span) - MARGIN)
        self.vb.setYRange(top, top + span, padding=0)
        self._setting = True
        try:
            self.bar.setVisible(scroll)
            self.bar.setRange(0, max(0, round((total - span) * STEPS)) if scroll else 0)
            self.bar.setPageStep(round(span * STEPS))
            self.bar.setSingleStep(STEPS)
            self.bar.setValue(round((top + MARGIN) * STEPS))
        finally:
            self._setting = False

    def scroll_by(self, rows: float) -> None:
        """Move the view down (positive) or up by ``rows``."""
        if not self.bar.isHidden():
            self.bar.setValue(self.bar.value() + round(rows * STEPS))

    def page(self, step: int) -> None:
        """A page down (1) or up (-1), keeping a row of overlap."""
        self.scroll_by(step * max(self.rows_in_view() - 1, 1))

    def ensure_visible(self, y: float) -> None:
        """Scroll so that the row centred on ``y`` is in view."""
        if self.bar.isHidden():
            return
        y0, y1 = self.vb.viewRange()[1]
        if y - 0.5 < y0:
            self.bar.setValue(round((y - 0.5 + MARGIN) * STEPS))
        elif y + 0.5 > y1:
            self.bar.setValue(round((y + 0.5 - (y1 - y0) + MARGIN) * STEPS))

    def _on_bar(self, value: int) -> None:
        if self._setting:
            return
        span = self.vb.viewRange()[1][1] - self.vb.viewRange()[1][0]
        top = value / STEPS - MARGIN
        self.vb.setYRange(top, top + span, padding=0)

"""Shift+drag across a date-axis plot to pick a date range (shown live as a shaded region)."""

from __future__ import annotations

from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QGraphicsSceneMouseEvent

from bcpviewer.plots.annotation_layer import COLOUR
from bcpviewer.plots.timeline_axes import DAY, from_seconds

MIN_DRAG_PX = 4.0  # shorter drags are clicks, not ranges


class RangeDragger(QObject):
    """An event filter on a PlotItem's scene: Shift + left drag emits ``picked(start, end)``."""

    picked = Signal(object, object)  # first and last day (inclusive)

    def __init__(self, plot: pg.PlotItem, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plot = plot
        self._start: float | None = None
        self._press_x = 0.0
        self._region = pg.LinearRegionItem(movable=False, brush=pg.mkBrush(204, 121, 167, 70),
                                           pen=pg.mkPen(COLOUR, width=1.5))
        self._region.setZValue(6)
        self._region.hide()
        plot.addItem(self._region, ignoreBounds=True)
        plot.scene().installEventFilter(self)

    @property
    def dragging(self) -> bool:
        return self._start is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind == QEvent.Type.GraphicsSceneMousePress and isinstance(event, QGraphicsSceneMouseEvent):
            return self._press(event)
        if self._start is None:
            return False
        if kind == QEvent.Type.GraphicsSceneMouseMove and isinstance(event, QGraphicsSceneMouseEvent):
            self._region.setRegion(sorted((self._start, self._x(event))))
            return True
        if kind == QEvent.Type.GraphicsSceneMouseRelease and isinstance(event, QGraphicsSceneMouseEvent):
            self._release(event)
            return True
        return False

    def _x(self, event: QGraphicsSceneMouseEvent) -> float:
        return self.plot.getViewBox().mapSceneToView(event.scenePos()).x()

    def _press(self, event: QGraphicsSceneMouseEvent) -> bool:
        shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        inside = self.plot.getViewBox().sceneBoundingRect().contains(event.scenePos())
        if event.button() != Qt.MouseButton.LeftButton or not shift or not inside:
            return False
        self._start = self._x(event)
        self._press_x = event.scenePos().x()
        self._region.setRegion((self._start, self._start))
        self._region.show()
        return True

    def _release(self, event: QGraphicsSceneMouseEvent) -> None:
        start, end = sorted((self._start or 0.0, self._x(event)))
        far = abs(event.scenePos().x() - self._press_x) >= MIN_DRAG_PX
        self._start = None
        self._region.hide()
        if far:
            first: date = from_seconds(start + DAY / 2)  # the day most of whose width is inside
            last: date = from_seconds(max(start, end - DAY / 2))
            self.picked.emit(first, max(first, last))

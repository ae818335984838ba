"""One graphics item for all annotations on a date-axis plot: flags on items and dates, shaded ranges."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import QToolTip

from bcpviewer.model.annotations import Annotation, DateTarget, RangeTarget
from bcpviewer.plots import style
from bcpviewer.plots.timeline_axes import DAY, to_seconds
from bcpviewer.plots.timeline_text import font

COLOUR = style.OKABE_ITO["reddish_purple"]
INK = "#7A2E5C"  # a darkened reddish purple: readable text and lines on white and on light tints
LABEL_CHARS = 30
MAX_LABELS = 80  # flags beyond this in view are drawn without their label
ROWS = 3  # label rows along the bottom before a flag goes without its label
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
Locate = Callable[[str], tuple[date, date] | None]  # item key -> its dates, None when not in the data
RowOf = Callable[[str], float | None]  # item key -> the y of its row now (None: no rows on this plot)


@dataclass(frozen=True, slots=True)
class _Mark:
    id: str
    x0: float
    x1: float | None  # end of a shaded range (exclusive), None for a flag
    key: str | None  # the item an item flag is on
    label: str
    tip: str


def _label(a: Annotation) -> str:
    first = a.text.strip().splitlines()[0] if a.text.strip() else "(no text)"
    return first if len(first) <= LABEL_CHARS else first[: LABEL_CHARS - 1].rstrip() + "…"


def _pen(colour: str, width: float, line: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(QColor(colour), width, line)
    pen.setCosmetic(True)
    return pen


class AnnotationLayer(pg.GraphicsObject):
    """Draws the annotations it is given on any PlotItem whose x axis is seconds at UTC midnight.

    Item annotations need ``locate`` (item key to dates); those it cannot place (orphans) are not
    drawn and are counted in ``unplaced``. With ``row_of`` (asked at each paint, so it follows the
    plot's layout) an item's flag and label sit on the item's row; otherwise, and for dates and
    ranges, a line crosses the plot and the label goes in a few rows along the bottom.
    """

    clicked = Signal(str)  # the annotation id of a clicked flag or range label

    def __init__(self, locate: Locate | None = None, row_of: RowOf | None = None, rows: int = ROWS) -> None:
        super().__init__()
        self.setZValue(5)
        self.rows = rows
        self._locate = locate
        self._row_of = row_of
        self._annotations: list[Annotation] = []
        self._marks: list[_Mark] = []
        self.unplaced = 0
        self.highlight: str | None = None
        self._hits: list[tuple[QRectF, str, str]] = []  # device rect, id, tooltip
        self._ends: list[float] = []
        self._on_rows: dict[int, float] = {}
        self._labels = 0
        self._to_device = QTransform()
        self._font = font(8.5)
        self._fm = QFontMetricsF(self._font)
        self._line = _pen(INK, 1.2)
        self._dotted = _pen(INK, 1.2, Qt.PenStyle.DotLine)
        self._edge = _pen(COLOUR, 1.0, Qt.PenStyle.DashLine)
        self._fill = QBrush(QColor(204, 121, 167, 34))
        self._box = QBrush(QColor(255, 255, 255, 235))
        self._flag = QBrush(QColor(COLOUR))

    # -- data ----------------------------------------------------------------------------------------
    def set_locator(self, locate: Locate | None, row_of: RowOf | None = None) -> None:
        """How to find an item's dates and row; the marks are placed again."""
        self._locate, self._row_of = locate, row_of
        self.set_annotations(self._annotations)

    def set_annotations(self, annotations: Sequence[Annotation]) -> None:
        """Draw exactly these annotations (private ones too: the layer is for the screen)."""
        self._annotations = list(annotations)
        marks, unplaced = [], 0
        for a in self._annotations:
            m = self._place(a)
            if m is None:
                unplaced += 1
            else:
                marks.append(m)
        marks.sort(key=lambda m: (m.x1 is None, m.x0))  # ranges first (underneath), then flags by date
        self._marks, self.unplaced = marks, unplaced
        self.update()

    def set_highlight(self, annotation_id: str | None) -> None:
        self.highlight = annotation_id
        self.update()

    def drawn_ids(self) -> list[str]:
        """Ids of the annotations placed on the plot (whether in view or not)."""
        return [m.id for m in self._marks]

    def _place(self, a: Annotation) -> _Mark | None:
        t = a.target
        tip = a.text if len(a.text) <= 400 else a.text[:399] + "…"
        tip = f"{t.label}: {tip}" if not a.key else tip
        if isinstance(t, RangeTarget):
            return _Mark(a.id, to_seconds(t.start), to_seconds(t.end) + DAY, None, _label(a), tip)
        if isinstance(t, DateTarget):
            return _Mark(a.id, to_seconds(t.day) + DAY / 2, None, None, _label(a), tip)
        found = self._locate(t.key) if self._locate is not None else None
        if found is None:
            return None
        return _Mark(a.id, to_seconds(found[0]), None, t.key, _label(a), tip)

    # -- drawing -------------------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        vr = self.viewRect()
        return QRectF() if vr is None else vr.normalized()

    def viewTransformChanged(self) -> None:  # noqa: N802 (pyqtgraph's name)
        self.prepareGeometryChange()
        super().viewTransformChanged()

    def paint(self, p: QPainter, *args: object) -> None:
        self._hits = []
        vr = self.viewRect()
        if vr is None or not self._marks:
            return
        vr = vr.normalized()
        t = p.transform()
        self._to_device = t
        a, b = t.map(QPointF(vr.left(), vr.top())), t.map(QPointF(vr.right(), vr.bottom()))
        left, right = min(a.x(), b.x()), max(a.x(), b.x())
        top, bottom = min(a.y(), b.y()), max(a.y(), b.y())
        pad = (vr.right() - vr.left()) * 0.02
        shown = [m for m in self._marks if m.x0 <= vr.right() + pad and (m.x1 or m.x0) >= vr.left() - pad]
        p.save()
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.setFont(self._font)
        row_h = self._fm.height() + 4
        self._ends = [left - 1e9] * self.rows  # right edge of the last label in each bottom row
        self._on_rows = {}  # right edge of the last label on each item row (by pixel y)
        self._labels = 0
        for m in shown:
            x0 = t.map(QPointF(m.x0, vr.top())).x()
            if m.x1 is not None:
                x1 = t.map(QPointF(m.x1, vr.top())).x()
                x0, x1 = sorted((x0, x1))
                p.fillRect(QRectF(x0, top, x1 - x0, bottom - top), self._fill)
                p.setPen(self._edge)
                for x in (x0, x1):
                    if left <= x <= right:
                        p.drawLine(QPointF(x, top), QPointF(x, bottom))
                self._bottom_label(p, max(x0, left) + 3, bottom, row_h, m)
                continue
            y = self._row_of(m.key) if m.key is not None and self._row_of is not None else None
            if y is not None:
                self._item_label(p, x0, t.map(QPointF(m.x0, y)).y(), row_h, m)
                continue
            p.setPen(self._dotted if m.key else self._line)
            p.drawLine(QPointF(x0, top), QPointF(x0, bottom))
            self._bottom_label(p, x0, bottom, row_h, m)
        p.restore()

    def _bottom_label(self, p: QPainter, x: float, bottom: float, row_h: float, m: _Mark) -> None:
        width = self._fm.horizontalAdvance(m.label) + 14
        row = next((r for r in range(self.rows) if self._ends[r] + 4 <= x), None)
        if row is None or self._labels >= MAX_LABELS:
            self._pennant(p, x, bottom - 10, m)
            return
        self._ends[row] = x + width
        self._labels += 1
        self._tag(p, QRectF(x, bottom - (row + 1) * row_h - 2, width, row_h - 2), m)

    def _item_label(self, p: QPainter, x: float, y: float, row_h: float, m: _Mark) -> None:
        """A pennant on the item itself and its label just right of it, on the item's row."""
        self._pennant(p, x - 1, y - 9, m)
        width = self._fm.horizontalAdvance(m.label) + 14
        line = round(y)
        if self._on_rows.get(line, -1e9) + 4 > x + 10 or self._labels >= MAX_LABELS:
            return
        self._on_rows[line] = x + 10 + width
        self._labels += 1
        self._tag(p, QRectF(x + 10, y - row_h / 2 - 1, width, row_h - 2), m)

    def _pennant(self, p: QPainter, x: float, y: float, m: _Mark) -> None:
        p.setPen(_pen(INK, 1.0))
        p.setBrush(self._flag)
        p.drawPolygon(QPolygonF([QPointF(x, y), QPointF(x + 9, y + 4), QPointF(x, y + 8)]))
        self._hits.append((QRectF(x - 3, y - 2, 14, 12), m.id, m.tip))

    def _tag(self, p: QPainter, rect: QRectF, m: _Mark) -> None:
        strong = m.id == self.highlight
        p.setPen(_pen(INK, 2.2 if strong else 1.0))
        p.setBrush(QBrush(QColor(COLOUR)) if strong else self._box)
        p.drawRoundedRect(rect, 3, 3)
        p.setBrush(self._flag)
        p.setPen(Qt.PenStyle.NoPen)
        p.drawRect(QRectF(rect.left(), rect.top(), 4, rect.height()))
        p.setPen(QPen(QColor("#FFFFFF" if strong else INK)))
        p.drawText(rect.adjusted(8, 0, -2, 0), _LEFT, m.label)
        self._hits.append((rect, m.id, m.tip))

    # -- interaction ---------------------------------------------------------------------------------
    def hit(self, pos: QPointF) -> tuple[str, str] | None:
        """(id, tooltip) of the label or flag at ``pos`` (item coordinates), if any."""
        dev = self._to_device.map(pos)
        for rect, ident, tip in reversed(self._hits):
            if rect.contains(dev):
                return ident, tip
        return None

    def mouseClickEvent(self, ev) -> None:  # noqa: N802 (pyqtgraph's name)
        found = self.hit(ev.pos()) if ev.button() == Qt.MouseButton.LeftButton else None
        if found is None:
            ev.ignore()
            return
        ev.accept()
        self.clicked.emit(found[0])

    def hoverEvent(self, ev) -> None:  # noqa: N802 (pyqtgraph's name)
        if ev.isExit():
            return
        found = self.hit(ev.pos())
        if found is not None:
            ev.acceptClicks(Qt.MouseButton.LeftButton)
            QToolTip.showText(ev.screenPos().toPoint(), found[1])

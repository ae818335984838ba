"""Fast timeline layers: one graphics item per layer, culled to the view and merged per pixel when dense."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols, renderSymbol
from pyqtgraph.Qt import internals
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QImage, QPainter, QPainterPath, QPen, QPixmap, QTransform

DETAIL_LIMIT = 3000  # above this many visible items a layer merges them per pixel column
DENSE_PX = 5.0  # bars thinner than this are filled without outline or pattern
MARKER_SCALES = (1.0, 0.66, 0.42)  # marker sizes for rows of >= 14, >= 9 and fewer pixels


@dataclass(frozen=True)
class RectStyle:
    """Pen and brush of one group of rectangles (drawn in device pixels, so patterns stay crisp).

    ``dense`` fills bars, without an outline, when they are merged or too thin for pens and patterns.
    """

    pen: QPen
    brush: QBrush
    dense: QBrush | None = None


@dataclass(frozen=True)
class MarkerStyle:
    """A marker: a pyqtgraph symbol name or a path, its size in pixels, pen and brush."""

    symbol: str | QPainterPath
    size: float
    pen: QPen
    brush: QBrush


class ViewLayer(pg.GraphicsObject):
    """Base of the layers: bounds are the visible view; paint works in device pixels."""

    def __init__(self) -> None:
        super().__init__()
        self._bounds: QRectF | None = None

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        if self._bounds is None:
            vr = self.viewRect()
            self._bounds = QRectF() if vr is None else vr.normalized()
        return self._bounds

    def viewTransformChanged(self) -> None:  # noqa: N802 (pyqtgraph's name)
        self.prepareGeometryChange()
        self._bounds = None
        super().viewTransformChanged()

    def _changed(self) -> None:
        """Data changed: drop caches, tell the scene and the view."""
        self.prepareGeometryChange()
        self._bounds = None
        self.update()
        self.informViewBoundsChanged()

    def _view_y(self) -> tuple[float, float]:
        """The rows in view (view units, top to bottom): what lies outside is not drawn."""
        vr = self.viewRect()
        if vr is None:
            return -np.inf, np.inf
        vr = vr.normalized()
        return vr.top(), vr.bottom()

    def _device(self, p: QPainter) -> tuple[float, float, float, float, float, float] | None:
        """(sx, dx, sy, dy, vx0, vx1): item-to-device scale and offset, and the visible x-range."""
        vr = self.viewRect()
        if vr is None:
            return None
        t = p.transform()
        vr = vr.normalized()
        return t.m11(), t.dx(), t.m22(), t.dy(), vr.left(), vr.right()


def draw_rects(p: QPainter, buf: internals.PrimitiveArray, xywh: np.ndarray) -> None:
    """Draw many rectangles (rows of x, y, w, h in device pixels) in one call."""
    if not len(xywh):
        return
    buf.resize(len(xywh))
    buf.ndarray()[:] = xywh
    p.drawRects(*buf.drawargs())


class RectLayer(ViewLayer):
    """Horizontal bars in groups of one style each; every style is one drawRects call."""

    def __init__(self, styles: list[RectStyle], min_width_px: float = 1.0) -> None:
        super().__init__()
        self.styles = styles
        self.min_width_px = min_width_px
        self._buf = internals.PrimitiveArray(QRectF, 4)
        self.set_data(np.empty(0), np.empty(0), np.empty(0), np.empty(0), np.empty(0, int))
        self.merged = False  # whether the last paint merged items per pixel

    def set_data(self, x0: np.ndarray, x1: np.ndarray, y: np.ndarray, h: np.ndarray,
                 group: np.ndarray) -> None:
        """Bars from x0 to x1 centred on y, h high (view units), drawn with ``styles[group]``."""
        rowid = np.unique(y, return_inverse=True)[1] if len(y) else np.empty(0, int)
        combo = np.asarray(group, np.int64) * (int(rowid.max(initial=0)) + 1) + rowid
        order = np.lexsort((x0, combo))  # by style, then row, then start: ready for merging runs
        self._raw = _Bars(np.asarray(x0, float)[order], np.asarray(x1, float)[order],
                          np.asarray(y, float)[order], np.asarray(h, float)[order],
                          np.asarray(group, int)[order], combo[order])
        self._union = self._raw.union()  # overlapping bars of a style and sub-row, as one (for dense views)
        self._changed()

    def __len__(self) -> int:
        return len(self._raw.x0)

    def paint(self, p: QPainter, *args: object) -> None:
        dev = self._device(p)
        if dev is None or not len(self._raw.x0):
            return
        sx, dx, sy, dy, vx0, vx1 = dev
        raw = self._raw
        self.merged = int(np.count_nonzero((raw.x1 >= vx0) & (raw.x0 <= vx1))) > DETAIL_LIMIT
        bars = (self._union if self.merged else raw).visible(vx0, vx1, *self._view_y())
        if not len(bars.x0):
            return
        left, right = sx * vx0 + dx - 2, sx * vx1 + dx + 2
        px0 = np.clip(sx * bars.x0 + dx, left, right)
        px1 = np.clip(sx * bars.x1 + dx, left, right)
        ytop = sy * (bars.y - bars.h / 2) + dy
        hpx = np.abs(sy * bars.h)
        if sy < 0:
            ytop -= hpx
        group = bars.group
        if self.merged:
            px0, px1, ytop, hpx, group = _merge_runs(np.floor(px0), np.ceil(px1), ytop, hpx, group,
                                                     bars.combo)
        width = px1 - px0
        narrow = width < self.min_width_px
        if narrow.any():  # widen thin bars about their centre, so points stay where they are
            px0 = np.where(narrow, px0 - (self.min_width_px - width) / 2, px0)
            width = np.maximum(width, self.min_width_px)
        dense = self.merged or float(hpx.max()) < DENSE_PX
        p.save()
        p.resetTransform()
        bounds = np.flatnonzero(group[1:] != group[:-1]) + 1
        starts = [0, *bounds.tolist()]
        ends = [*bounds.tolist(), len(group)]
        xywh = np.column_stack((px0, ytop, width, hpx))
        for s, e in zip(starts, ends):
            st = self.styles[int(group[s])]
            if dense and st.dense is not None:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(st.dense)
            else:
                p.setPen(st.pen)
                p.setBrush(st.brush)
            draw_rects(p, self._buf, xywh[s:e])
        p.restore()


@dataclass(frozen=True)
class _Bars:
    """Parallel arrays of bars sorted by (combo = style and sub-row, start)."""

    x0: np.ndarray
    x1: np.ndarray
    y: np.ndarray
    h: np.ndarray
    group: np.ndarray
    combo: np.ndarray

    def visible(self, vx0: float, vx1: float, vy0: float = -np.inf, vy1: float = np.inf) -> _Bars:
        """The bars in the x-range [vx0, vx1] and the rows [vy0, vy1] scrolled into view."""
        vis = (self.x1 >= vx0) & (self.x0 <= vx1) & (self.y + self.h / 2 >= vy0) & (self.y - self.h / 2 <= vy1)
        if vis.all():
            return self
        idx = np.flatnonzero(vis)
        return _Bars(self.x0[idx], self.x1[idx], self.y[idx], self.h[idx], self.group[idx],
                     self.combo[idx])

    def union(self) -> _Bars:
        """Bars of one style and sub-row that overlap, merged (exactly, in view units)."""
        if not len(self.x0):
            return self
        new = np.ones(len(self.x0), bool)
        reach = _running_max_by_group(self.x1, self.combo)
        new[1:] = (self.combo[1:] != self.combo[:-1]) | (self.x0[1:] > reach[:-1])
        first = np.flatnonzero(new)
        ends = np.maximum.reduceat(self.x1, first)
        return _Bars(self.x0[first], ends, self.y[first], self.h[first], self.group[first],
                     self.combo[first])


def _running_max_by_group(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Running maximum of ``values`` restarting where ``groups`` (sorted) changes."""
    shift = (values.max() - values.min() + 1.0) * groups.astype(float)
    return np.maximum.accumulate(values - values.min() + shift) - shift + values.min()


def _merge_runs(px0, px1, ytop, hpx, group, combo):
    """Merge bars of one style and sub-row that touch in pixel space into single runs."""
    big = float(2 ** 31)
    a = combo * big + px0
    b = combo * big + px1
    runmax = np.maximum.accumulate(b)
    new = np.ones(len(a), bool)
    new[1:] = a[1:] > runmax[:-1] + 1
    first = np.flatnonzero(new)
    ends = np.maximum.reduceat(b, first) - combo[first] * big
    return px0[first], ends, ytop[first], hpx[first], group[first]


class MarkerLayer(ViewLayer):
    """Point symbols from a pre-rendered atlas; at most one symbol of a style per pixel."""

    def __init__(self, styles: list[MarkerStyle], row_height: float = 1.0) -> None:
        super().__init__()
        self.styles = styles
        self.row_height = row_height  # view units; markers shrink when rows are thin on screen
        self._dpr = 0.0
        self._frags = internals.PrimitiveArray(QPainter.PixmapFragment, 10)
        self.set_data(np.empty(0), np.empty(0), np.empty(0, int))

    def set_data(self, x: np.ndarray, y: np.ndarray, group: np.ndarray) -> None:
        order = np.argsort(x, kind="stable")
        self._x, self._y = np.asarray(x, float)[order], np.asarray(y, float)[order]
        self._group = np.asarray(group, int)[order]
        self._changed()

    def _atlas(self, dpr: float) -> None:
        if dpr == self._dpr:
            return
        images = [renderSymbol(s.symbol, max(s.size * k, 3.0), _scaled(s.pen, k), s.brush, dpr=dpr)
                  for k in MARKER_SCALES for s in self.styles]
        w = sum(im.width() for im in images)
        h = max(im.height() for im in images)
        atlas = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        atlas.fill(Qt.GlobalColor.transparent)
        painter = QPainter(atlas)
        rects, x = [], 0
        for im in images:
            painter.drawImage(x, 0, im)
            rects.append((x, 0, im.width(), im.height()))
            x += im.width()
        painter.end()
        self._pixmap = QPixmap.fromImage(atlas)
        self._source = np.array(rects, float).reshape(len(MARKER_SCALES), len(self.styles), 4)
        self._dpr = dpr

    def paint(self, p: QPainter, option: object, widget: object = None) -> None:
        dev = self._device(p)
        if dev is None or not len(self._x):
            return
        sx, dx, sy, dy, vx0, vx1 = dev
        pad = 20 / max(abs(sx), 1e-12)
        lo, hi = np.searchsorted(self._x, [vx0 - pad, vx1 + pad])
        if hi <= lo:
            return
        dpr = widget.devicePixelRatioF() if widget is not None else 1.0
        self._atlas(dpr)
        vy0, vy1 = self._view_y()
        ys = self._y[lo:hi]
        rows = np.flatnonzero((ys >= vy0 - self.row_height) & (ys <= vy1 + self.row_height))
        px = sx * self._x[lo:hi][rows] + dx  # only the rows scrolled into view
        py = sy * self._y[lo:hi][rows] + dy
        group = self._group[lo:hi][rows]
        row_px = abs(sy * self.row_height)
        level = 0 if row_px >= 14 else 1 if row_px >= 9 else 2
        if len(px) > DETAIL_LIMIT:
            px, py, group = _one_per_cell(px, py, group, cell=(6.0, 5.0, 4.0)[level])
        if self._exportOpts:  # print, PDF, SVG: symbols as vector paths, never bitmaps
            self._paint_paths(p, px, py, group, level)
            return
        src = self._source[level][group]
        self._frags.resize(len(px))
        frags = self._frags.ndarray()
        frags[:, 0] = px
        frags[:, 1] = py
        frags[:, 2:6] = src
        frags[:, 6:10] = [1 / dpr, 1 / dpr, 0.0, 1.0]
        p.save()
        p.resetTransform()
        p.drawPixmapFragments(*self._frags.drawargs(), self._pixmap)
        p.restore()


    def _paint_paths(self, p: QPainter, px: np.ndarray, py: np.ndarray, group: np.ndarray,
                     level: int) -> None:
        """Each marker as a filled and outlined path at its device position (resolution-independent)."""
        k = MARKER_SCALES[level]
        p.save()
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for g in np.unique(group).tolist():
            st = self.styles[g]
            path = symbol_path(st.symbol, max(st.size * k, 3.0))
            p.setPen(_scaled(st.pen, k))
            p.setBrush(st.brush)
            sel = group == g
            for x, y in zip(px[sel].tolist(), py[sel].tolist()):
                p.drawPath(path.translated(x, y))
        p.restore()


def symbol_path(symbol: str | QPainterPath, size: float) -> QPainterPath:
    """A pyqtgraph symbol (name or path, drawn in a unit square about 0, 0) as a path ``size`` across."""
    path = Symbols[symbol] if isinstance(symbol, str) else symbol
    return QTransform.fromScale(size, size).map(path)


def _scaled(pen: QPen, k: float) -> QPen:
    """A copy of ``pen`` with its width scaled (outlines of small markers must not swamp them)."""
    out = QPen(pen)
    out.setWidthF(pen.widthF() * k)
    return out


def _one_per_cell(px: np.ndarray, py: np.ndarray, group: np.ndarray, cell: float
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Keep one marker per ``cell``-pixel square (the last one drawn there wins, as it would on top)."""
    cx = ((px - px.min()) * (1 / cell)).astype(np.int32)  # non-negative: truncation is floor
    cy = ((py - py.min()) * (1 / cell)).astype(np.int32)
    width = int(cx.max()) + 1
    slots = np.full((int(cy.max()) + 1) * width, -1, np.int32)
    slots[cy * width + cx] = np.arange(len(px), dtype=np.int32)
    keep = slots[slots >= 0]
    return px[keep], py[keep], group[keep]

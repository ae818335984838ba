"""The timeline's background layer: lane stripes and separators, date grid, era bands and shading."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from pyqtgraph.Qt import internals
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from bcpviewer.model.eras import Era
from bcpviewer.model.timeline import Lane
from bcpviewer.plots import style
from bcpviewer.plots.timeline_axes import grid_lines
from bcpviewer.plots.timeline_layers import ViewLayer, draw_rects
from bcpviewer.plots.timeline_text import font

MAX_ERAS = 12  # more eras than this in view: bands only, no shading, boundary lines or text
ERA_POINTS = 8.5
STRIPE = "#F2F2F2"
MAJOR_GRID = "#D4D4D4"
MINOR_GRID = "#EAEAEA"
SHADE = 0.08  # how strongly "Judged inadequate" tints the lanes behind it
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class BackgroundLayer(ViewLayer):
    """Lane stripes, a light date grid, lane separators, and era bands with shading behind the lanes."""

    def __init__(self) -> None:
        super().__init__()
        self._lanes: tuple[Lane, ...] = ()
        self._eras: tuple[Era, ...] = ()
        self._era_row = 0.9
        self._font = font(ERA_POINTS, bold=True)
        self._fm = QFontMetricsF(self._font)
        self._era_x = (np.empty(0), np.empty(0))
        self._era_y = np.empty((0, 2))
        self._judged = np.empty(0, bool)
        self._buf = internals.PrimitiveArray(QRectF, 4)

    def set_data(self, lanes: Sequence[Lane], eras: Sequence[Era],
                 era_x: tuple[np.ndarray, np.ndarray], era_row: float) -> None:
        self._lanes, self._eras, self._era_x, self._era_row = tuple(lanes), tuple(eras), era_x, era_row
        ys = np.array([e.y for e in self._eras], float)
        self._era_y = np.column_stack((ys - era_row * 0.42, ys + era_row * 0.42)).reshape(-1, 2)
        self._judged = np.array([e.kind == "judgement" for e in self._eras], bool)
        self._changed()

    def paint(self, p: QPainter, *args: object) -> None:
        dev = self._device(p)
        if dev is None or not self._lanes:
            return
        sx, dx, sy, dy, vx0, vx1 = dev
        left, right = round(sx * vx0 + dx), round(sx * vx1 + dx)
        lanes = np.array([sorted((round(sy * lane.y0 + dy), round(sy * lane.y1 + dy)))
                          for lane in self._lanes], float)
        top, bottom = float(lanes[:, 0].min()), float(lanes[:, 1].max())
        xs0, xs1 = self._era_x
        a = np.maximum(np.round(sx * xs0 + dx), left - 2)
        b = np.minimum(np.round(sx * xs1 + dx), right + 2)
        shown = np.flatnonzero(b - a >= 1)
        p.save()
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setPen(Qt.PenStyle.NoPen)
        judged = shown[self._judged[shown]] if len(shown) <= MAX_ERAS else shown[:0]
        runs = _merge(a[judged], b[judged])  # with many eras in view, shading would only be noise
        for parity, base in ((0, STRIPE), (1, style.BACKGROUND)):  # the view's white shows between
            bands = lanes[parity::2]
            if parity == 0:  # stripes only where no shading will cover them: each pixel is filled once
                p.setBrush(QColor(base))
                draw_rects(p, self._buf, _grid(_gaps(runs, left, right), bands))
            p.setBrush(_blend(base, style.OKABE_ITO["vermillion"], SHADE))
            draw_rects(p, self._buf, _grid(runs, bands))
        self._paint_grid(p, sx, dx, vx0, vx1, right - left, top, bottom)
        self._paint_eras(p, shown, a, b, sy, dy, left, right, bottom)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(style.qcolor(style.GRID))
        ys = lanes[:, :1]
        draw_rects(p, self._buf, np.column_stack((np.full_like(ys, left), ys, np.full_like(ys, right - left),
                                                  np.ones_like(ys))))
        p.restore()

    def _paint_grid(self, p: QPainter, sx: float, dx: float, vx0: float, vx1: float, width: float,
                    top: float, bottom: float) -> None:
        """Vertical grid lines (drawn as 1-pixel rectangles: the fast path of the raster engine)."""
        major, minor = grid_lines(vx0, vx1, width)
        p.setPen(Qt.PenStyle.NoPen)
        for colour, values in ((MINOR_GRID, minor), (MAJOR_GRID, major)):
            p.setBrush(QColor(colour))
            draw_rects(p, self._buf, _vlines(np.round(sx * np.asarray(values, float) + dx), top, bottom))

    def _paint_eras(self, p: QPainter, shown: np.ndarray, a: np.ndarray, b: np.ndarray, sy: float,
                    dy: float, left: float, right: float, bottom: float) -> None:
        """Era bands in the strip above the lanes; with few in view, also boundary lines and text."""
        band = np.round(sy * self._era_y[shown] + dy)
        ys = np.full((len(self._eras), 2), np.nan)
        ys[shown] = np.column_stack((band.min(axis=1), band.max(axis=1)))
        detail = len(shown) <= MAX_ERAS
        for judged, colour in ((True, style.OKABE_ITO["vermillion"]),
                               (False, style.OKABE_ITO["reddish_purple"])):
            idx = shown[self._judged[shown] == judged]
            p.setPen(QPen(QColor(colour), 1) if detail else Qt.PenStyle.NoPen)
            p.setBrush(style.tint(colour, 0.35))
            draw_rects(p, self._buf, np.column_stack((a[idx], ys[idx, 0], b[idx] - a[idx],
                                                      ys[idx, 1] - ys[idx, 0])))
        if not detail:
            return
        p.setFont(self._font)
        for i in shown.tolist():
            era = self._eras[i]
            if b[i] - a[i] < 30:
                continue
            colour = style.OKABE_ITO["vermillion" if era.kind == "judgement" else "reddish_purple"]
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(colour))
            edges = [x for x, inside in ((a[i], a[i] > left),
                                         (b[i], b[i] < right and not era.open_ended)) if inside]
            draw_rects(p, self._buf, _dashes(np.array(edges, float), ys[i, 1], bottom))
            inner = QRectF(a[i] + 5, ys[i, 0], b[i] - a[i] - 10, ys[i, 1] - ys[i, 0])
            if inner.height() < self._fm.height() * 0.9:
                continue
            p.setPen(QPen(style.qcolor(style.FOREGROUND)))
            text = f"{era.label} · {era.dates_label}"  # the dates go first when short of room
            if self._fm.horizontalAdvance(text) > inner.width():
                text = era.label
            p.drawText(inner, _LEFT, self._fm.elidedText(text, Qt.TextElideMode.ElideRight, inner.width()))


def _merge(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Pixel intervals [a, b] merged where they touch: rows of (start, end)."""
    if not len(a):
        return np.empty((0, 2))
    order = np.argsort(a)
    a, b = a[order], b[order]
    reach = np.maximum.accumulate(b)
    new = np.ones(len(a), bool)
    new[1:] = a[1:] > reach[:-1] + 1
    first = np.flatnonzero(new)
    return np.column_stack((a[first], np.maximum.reduceat(b, first)))


def _gaps(runs: np.ndarray, left: float, right: float) -> np.ndarray:
    """The parts of [left, right] not covered by ``runs`` (sorted, merged): rows of (start, end)."""
    starts = np.concatenate(([left], runs[:, 1]))
    ends = np.concatenate((runs[:, 0], [right]))
    keep = ends > starts
    return np.column_stack((starts[keep], ends[keep]))


def _grid(runs: np.ndarray, bands: np.ndarray) -> np.ndarray:
    """Rectangles (x, y, w, h) for every x-run crossed with every y-band."""
    if not len(runs) or not len(bands):
        return np.empty((0, 4))
    r = np.repeat(runs, len(bands), axis=0)
    y = np.tile(bands, (len(runs), 1))
    return np.column_stack((r[:, 0], y[:, 0], r[:, 1] - r[:, 0], y[:, 1] - y[:, 0]))


def _blend(base: str, colour: str, alpha: float) -> QColor:
    """``colour`` laid over ``base`` at ``alpha``, as one opaque colour (opaque fills are fast)."""
    b, c = QColor(base), QColor(colour)
    mix = lambda u, v: round(u + (v - u) * alpha)  # noqa: E731
    return QColor(mix(b.red(), c.red()), mix(b.green(), c.green()), mix(b.blue(), c.blue()))


def _vlines(xs: np.ndarray, top: float, bottom: float) -> np.ndarray:
    """One-pixel-wide rectangles (x, y, w, h) from top to bottom at each x."""
    return np.column_stack((xs, np.full_like(xs, top), np.ones_like(xs), np.full_like(xs, bottom - top)))


def _dashes(xs: np.ndarray, top: float, bottom: float, on: float = 4.0, off: float = 4.0) -> np.ndarray:
    """Dashed vertical lines as many small solid rectangles (pattern brushes and dash pens are slow)."""
    ys = np.arange(top, bottom, on + off)
    if not len(xs) or not len(ys):
        return np.empty((0, 4))
    x = np.repeat(xs, len(ys))
    y = np.tile(ys, len(xs))
    return np.column_stack((x, y, np.ones_like(x), np.minimum(on, bottom - y)))

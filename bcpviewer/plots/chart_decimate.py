"""Long curves drawn from a peak decimation made once per zoom level, so that panning is free.

pyqtgraph's own peak downsampling (a PlotDataItem with clipToView and autoDownsample) recomputes
the (max, min) pairs of the visible part on every change of the x-range, in bins that start
wherever the visible part starts, and rebuilds the curve's QPainterPath: with ten long curves a
pan step costs tens of milliseconds. Here the bins are fixed to the series (bin k holds points
k*ds to k*ds + ds - 1), so each level's pairs are made once for the whole curve, and the curve is
handed a window wider than the view: a pan that keeps the scale and stays inside the window
changes nothing but the view's transform (no decimation, no new path).

What is drawn is what pyqtgraph's "peak" method draws: per bin of ``ds`` points, at most one
pixel column wide, the highest and the lowest value (so every peak shows), and a bin holding a
missing figure (NaN) is a NaN pair, a break in the line. Only the order of each pair alternates
(see peak_decimate): a dense trace then strokes each column about once instead of twice, and
the 2 px council trace draws in half the time; the short joins between bins may reach a few
pixels past a column's own span, towards its neighbour's.
"""

from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.PlotDataItem import PlotDataset

MIN_POINTS = 2048  # shorter curves are left to pyqtgraph: they cost little either way
WINDOW = 0.5  # the curve is handed this many view widths more on each side of the view
LEVELS_KEPT = 6  # decimations kept per curve (a zoom back to a recent scale reuses its pairs)


def peak_decimate(x: np.ndarray, y: np.ndarray, ds: int) -> tuple[np.ndarray, np.ndarray]:
    """One (max, min) pair per bin of ``ds`` points (the last bin may be shorter), both at the x
    of the bin's middle point. A bin with a NaN gives a NaN pair, as in pyqtgraph (a gap).

    Odd bins give their pair as (min, max): the line then runs max-min-min-max-max..., joining
    neighbouring bins low to low and high to high. Each bin still draws its whole span, and no
    join runs the height of the trace again (pyqtgraph's max-min-max-min strokes a dense trace
    twice over, and a wide pen costs by the pixel)."""
    n = len(x)
    if ds <= 1 or n == 0:
        return x, y
    full = n // ds
    bins = -(-n // ds)
    pairs = np.empty((bins, 2))
    if full:
        blocks = y[: full * ds].reshape(full, ds)
        pairs[:full, 0] = blocks.max(axis=1)
        pairs[:full, 1] = blocks.min(axis=1)
    if bins > full:
        tail = y[full * ds :]
        pairs[full] = tail.max(), tail.min()
    pairs[1::2] = pairs[1::2, ::-1].copy()
    middle = np.minimum(np.arange(bins) * ds + ds // 2, n - 1)
    return np.repeat(x[middle], 2), pairs.reshape(-1)


class DecimatedCurveItem(pg.PlotDataItem):
    """A PlotDataItem whose clipped peak downsampling is cached per level (see the module).

    Used as pyqtgraph's with ``clipToView``, ``autoDownsample`` and ``downsampleMethod="peak"``
    on a curve of at least MIN_POINTS points with finite, increasing x and no data mapping (log,
    fft...); anything else, or a y-range so narrow that pyqtgraph would clip the values, is left
    to pyqtgraph unchanged.
    """

    _levels: OrderedDict[int, tuple[np.ndarray, np.ndarray]] | None = None
    _levels_of: object = None  # the dataset the levels were made from
    _ordered: bool = False  # that dataset's x is finite and non-decreasing
    _shown: tuple[int, int, int, np.ndarray] | None = None  # (ds, lo, hi, level x) handed over

    def __init__(self, *args, **kargs) -> None:  # noqa: ANN002, ANN003 (pyqtgraph's)
        super().__init__(*args, **kargs)
        self.curve.viewTransformChanged = self._curve_view_changed

    def _curve_view_changed(self) -> None:
        """The curve's bounding rect follows the view (its pixel padding), its data bounds do
        not: pyqtgraph drops both on every pan, then scans the data again for min and max."""
        self.curve._boundingRect = None
        self.curve.prepareGeometryChange()

    # -- what to show ---------------------------------------------------------------------------
    def _plan(self) -> tuple[int, float, float] | None:
        """(level, left, right) for the current view; None when pyqtgraph should do it."""
        o = self.opts
        data = self._dataset
        if (data is None or not o["clipToView"] or not o["autoDownsample"]
                or o["downsampleMethod"] != "peak" or o["fftMode"] or o["derivativeMode"]
                or o["phasemapMode"] or o["subtractMeanMode"] or True in o["logMode"]
                or o["stepMode"] or isinstance(o["connect"], np.ndarray)):
            return None
        view = self.getViewBox()
        if view is None or view.autoRangeEnabled()[0]:
            return None
        x = data.x
        n = len(x)
        if n < MIN_POINTS or not self._usable(data):
            return None
        rect = view.viewRect()
        ds = 1
        dx = float(x[-1] - x[0]) / (n - 1)
        width = view.width()
        if dx != 0.0 and width != 0.0:  # the level pyqtgraph would choose
            f = max(1.0, abs(rect.width() / dx / (width * o["autoDownsampleFactor"])))
            if math.isfinite(f):
                ds = int(f)
        if math.isclose(ds, self._adsLastValue, rel_tol=0.01):
            ds = self._adsLastValue
        return ds, rect.left(), rect.right()

    def _usable(self, data: PlotDataset) -> bool:
        if self._levels_of is not data:
            self._levels, self._levels_of, self._shown = OrderedDict(), data, None
            x, y = data.x, data.y
            self._ordered = bool(
                x.dtype.kind == "f" and y.dtype.kind == "f" and np.isfinite(x).all()
                and (np.diff(x) >= 0).all()
            )
        return self._ordered

    def _level(self, ds: int) -> tuple[np.ndarray, np.ndarray]:
        levels = self._levels
        assert levels is not None
        found = levels.get(ds)
        if found is None:
            found = levels[ds] = peak_decimate(self._dataset.x, self._dataset.y, ds)
            while len(levels) > LEVELS_KEPT:
                levels.popitem(last=False)
        else:
            levels.move_to_end(ds)
        return found

    def _would_clip_y(self) -> bool:
        """Would pyqtgraph's dynamic range limit clip the values in this view (a y-range a
        million times narrower than the data)? Then pyqtgraph draws the curve itself."""
        limit = self.opts["dynamicRangeLimit"]
        view = self.getViewBox()
        if limit is None or view is None:
            return False
        rect, data = view.viewRect(), self._dataset.dataRect()
        if data is None:
            return False
        height = rect.height()
        return (height > 0 and not data.bottom() < rect.top() and not data.top() > rect.bottom()
                and data.height() > 2 * self.opts["dynamicRangeHyst"] * limit * height)

    def _covers(self, shown: tuple[int, int, int, np.ndarray], plan: tuple[int, float, float]) -> bool:
        ds, lo, hi, xd = shown
        level, left, right = plan
        return (level == ds and (lo == 0 or xd[lo] <= left)
                and (hi == len(xd) or xd[hi - 1] >= right))

    # -- pyqtgraph's hooks ------------------------------------------------------------------------
    def _getDisplayDataset(self) -> PlotDataset | None:
        plan = self._plan()
        if plan is None or self._would_clip_y():
            self._shown = None
            return super()._getDisplayDataset()
        ds, left, right = plan
        self._adsLastValue = ds
        xd, yd = self._level(ds)
        span = right - left
        lo = int(np.searchsorted(xd, left - span * WINDOW, "left")) - 2
        hi = int(np.searchsorted(xd, right + span * WINDOW, "right")) + 2
        lo = max(lo - lo % 2, 0)  # whole (max, min) pairs, one either side of the window
        hi = min(hi + hi % 2, len(xd))
        self._shown = (ds, lo, hi, xd)
        self._datasetDisplay = PlotDataset(xd[lo:hi], yd[lo:hi], True, None)
        self.setProperty("xViewRangeWasChanged", False)
        self.setProperty("yViewRangeWasChanged", False)
        return self._datasetDisplay

    def viewRangeChanged(self, vb=None, ranges=None, changed=None):  # noqa: ANN001 (pyqtgraph's)
        shown = self._shown
        if shown is not None and self._datasetDisplay is not None:
            plan = self._plan()
            if plan is not None and self._covers(shown, plan) and not self._would_clip_y():
                return  # same scale, still inside the window: the curve stands as it is
        super().viewRangeChanged(vb, ranges, changed)

    def shown_range(self) -> tuple[int, int, int] | None:
        """(level, first, end) of the decimated points the curve was handed; None when
        pyqtgraph chose them (for tests)."""
        return None if self._shown is None else self._shown[:3]

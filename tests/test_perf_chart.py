"""Long metric curves: the peak decimation made once per zoom level keeps each pixel bin's highest
and lowest value and every gap, and a pan at the same scale reuses it without rebuilding the
curve; fitting y to the view gives the same range as a scan of the visible values."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pyqtgraph as pg
import pytest

from bcpviewer.model.records import Comparator, MetricSeries, Observation
from bcpviewer.model.spans import Span
from bcpviewer.model.vocab import Polarity
from bcpviewer.plots import style
from bcpviewer.plots.chart_data import COUNCIL_KEY, Curve
from bcpviewer.plots.chart_decimate import MIN_POINTS, DecimatedCurveItem, peak_decimate
from bcpviewer.plots.chart_style import COUNCIL
from bcpviewer.plots.metric_chart import MetricChartPlot, make_chart_plot_item

N = 50_000
GAP_EVERY = 397  # a suppressed figure (a gap) now and then
SPIKE = GAP_EVERY * 42 + 198  # a lone spike, 198 points from the gaps either side


def _walk(seed: int, n: int = N) -> np.ndarray:
    rnd = np.random.default_rng(seed)
    y = np.clip(50 + np.cumsum(rnd.normal(0, 1, n)), 0, 100).round(1)
    y[GAP_EVERY - 1 :: GAP_EVERY] = np.nan
    if n > SPIKE:
        y[SPIKE] = 250.0
    return y


def _series(n: int = N) -> MetricSeries:
    first = date(1990, 1, 1)
    spans = [Span.day(first + timedelta(days=i)) for i in range(n)]

    def obs(y: np.ndarray) -> tuple[Observation, ...]:
        return tuple(Observation(s, None, "c") if np.isnan(v) else Observation(s, float(v))
                     for s, v in zip(spans, y))

    return MetricSeries("m", "Daily measure", "%", Polarity.LOWER_IS_BETTER, "Demand", obs(_walk(1, n)),
                        (Comparator("england", "England", obs(_walk(2, n))),))


@pytest.fixture
def drawn(qtbot):
    plot = make_chart_plot_item()
    widget = pg.PlotWidget(background=style.BACKGROUND, plotItem=plot)
    qtbot.addWidget(widget)
    drawing = MetricChartPlot(plot)
    drawing.set_series(_series())
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    vb = plot.getViewBox()
    x0, x1 = drawing.data_x_range()
    vb.setXRange(x0, x1, padding=0)
    yield drawing, vb  # the widget (qtbot closes it) lives as long as this frame
    assert widget is not None


def _bins_ok(x: np.ndarray, y: np.ndarray, xd: np.ndarray, yd: np.ndarray, ds: int) -> None:
    """Every bin of ds points gives its max and min (either order) at its middle x, NaN when it
    holds a gap; nothing else."""
    n = len(x)
    bins = -(-n // ds)
    assert len(xd) == len(yd) == 2 * bins
    for k in range(bins):
        part = y[k * ds : (k + 1) * ds]
        pair = yd[2 * k : 2 * k + 2]
        assert xd[2 * k] == xd[2 * k + 1] == x[min(k * ds + ds // 2, n - 1)]
        if np.isnan(part).any():
            assert np.isnan(pair).all()
        else:
            assert sorted(pair) == [part.min(), part.max()]


@pytest.mark.parametrize("ds", [1, 2, 7, 64, 333, N, 2 * N])
def test_peak_decimate_keeps_each_bins_min_max_and_gaps(ds: int) -> None:
    x = np.arange(N, dtype=float) * 86400.0
    y = _walk(3)
    xd, yd = peak_decimate(x, y, ds)
    if ds == 1:
        assert xd is x and yd is y
        return
    _bins_ok(x, y, xd, yd, ds)
    spike_bin = yd[2 * (SPIKE // ds) : 2 * (SPIKE // ds) + 2]  # shown unless its bin has a gap
    assert (250.0 in spike_bin) == (not np.isnan(y[SPIKE // ds * ds : (SPIKE // ds + 1) * ds]).any())
    # pairs alternate (max, min), (min, max): neighbouring bins join low to low, high to high
    pairs = yd.reshape(-1, 2)
    whole = ~np.isnan(pairs).any(axis=1)
    even = whole & (np.arange(len(pairs)) % 2 == 0)
    assert (pairs[even, 0] >= pairs[even, 1]).all() and (pairs[whole & ~even, 0] <= pairs[whole & ~even, 1]).all()


def test_chart_curve_keeps_min_max_in_each_pixel_bin_and_the_gaps(drawn) -> None:
    drawing, vb = drawn
    for key in (COUNCIL_KEY, "england"):
        item = drawing.items[key]
        assert isinstance(item, DecimatedCurveItem)
        ds, lo, hi = item.shown_range()
        c = next(c for c in drawing.curves if c.key == key)
        # a bin is at most one pixel column wide
        px = vb.viewPixelSize()[0]
        assert 1 < ds and ds * (c.x[1] - c.x[0]) <= px * 1.0001
        xs, ys = item.curve.getData()
        xd, yd = peak_decimate(c.x, c.y, ds)
        _bins_ok(c.x, c.y, xd, yd, ds)
        assert np.array_equal(xs, xd[lo:hi]) and np.array_equal(ys, yd[lo:hi], equal_nan=True)
        # the whole view is covered, from a point left of it (or the first) to one right of it
        x0, x1 = vb.viewRange()[0]
        assert (lo == 0 or xs[0] <= x0) and (hi == len(xd) or xs[-1] >= x1)
        # every gap in the view breaks the line: each bin holding one is a NaN pair
        bins_with_gaps = {i // ds for i in np.flatnonzero(np.isnan(c.y))}
        shown_bins = set(range(lo // 2, hi // 2))
        nan_bins = {lo // 2 + j for j in np.flatnonzero(np.isnan(ys[::2]))}
        assert nan_bins == bins_with_gaps & shown_bins
        assert np.nanmax(ys) == 250.0  # the lone spike shows


def test_pan_at_the_same_scale_reuses_the_curve_and_zoom_makes_a_new_level(drawn, qtbot) -> None:
    drawing, vb = drawn
    item = drawing.items[COUNCIL_KEY]
    x0, x1 = vb.viewRange()[0]
    width = x1 - x0
    path = item.curve.getPath()
    shown = item.shown_range()
    for step in (0.01, 0.05, -0.1, 0.2):
        vb.setXRange(x0 + step * width, x1 + step * width, padding=0)
        assert item.shown_range() == shown  # no new decimation...
        assert item.curve.getPath() is path  # ...and no new QPainterPath
    vb.setXRange(x0, x0 + width / 10, padding=0)  # zoom in: a finer level, and the window moves
    ds, lo, hi = item.shown_range()
    assert ds < shown[0]
    xs, ys = item.curve.getData()
    c = drawing.curves[0]
    _bins_ok(c.x, c.y, *peak_decimate(c.x, c.y, ds), ds)
    assert (lo == 0 or xs[0] <= x0) and xs[-1] >= x0 + width / 10
    vb.setXRange(x0 + 2 * width, x1 + 2 * width, padding=0)  # far beyond the data: empty view
    vb.setXRange(x0, x1, padding=0)  # back to the full range: its level is still cached
    assert item.shown_range()[0] == shown[0]


def test_export_clipping_and_restore_keep_the_decimated_curve(drawn) -> None:
    drawing, vb = drawn
    item = drawing.items[COUNCIL_KEY]
    before = item.shown_range()
    with drawing.clipped_to_view():
        pass
    assert item.shown_range() == before
    assert item.getOriginalDataset()[0] is not None and len(item.getOriginalDataset()[0]) == N


def test_short_curves_are_left_to_pyqtgraph(qtbot) -> None:
    plot = make_chart_plot_item()
    widget = pg.PlotWidget(plotItem=plot)
    qtbot.addWidget(widget)
    n = MIN_POINTS - 1
    item = DecimatedCurveItem(np.arange(n, dtype=float), _walk(4, n), connect="finite")
    plot.addItem(item)
    item.setClipToView(True)
    item.setDownsampling(auto=True, method="peak")
    widget.resize(400, 300)
    widget.show()
    qtbot.waitExposed(widget)
    plot.getViewBox().setXRange(0, n, padding=0)
    assert item.shown_range() is None and len(item.curve.getData()[0]) > 0


def test_finite_range_matches_a_scan_of_the_values() -> None:
    y = _walk(5)
    y[1000:3000] = np.nan  # a long run of gaps, whole blocks of them
    x = np.arange(N, dtype=float)
    c = Curve("k", "K", x, y, [], [], COUNCIL)
    rnd = np.random.default_rng(6)
    cases = [(-10.0, 5.0), (999.5, 3001.0), (1100.0, 2900.0), (0.0, N), (-5.0, 2 * N), (N + 5.0, N + 9.0)]
    cases += [tuple(sorted(rnd.uniform(-100, N + 100, 2))) for _ in range(300)]
    for x0, x1 in cases:
        lo = max(int(np.searchsorted(x, x0, "left")) - 1, 0)
        hi = min(int(np.searchsorted(x, x1, "right")) + 1, N)
        part = y[lo:hi]
        want = None if not len(part) or np.isnan(part).all() else (np.nanmin(part), np.nanmax(part))
        assert c.finite_range(x0, x1) == want

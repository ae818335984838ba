"""A metric series as arrays to plot: x at each period's end (seconds), y with NaN for gaps, codes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from bcpviewer.model.glance import format_figure
from bcpviewer.model.records import MetricSeries, Observation
from bcpviewer.model.spans import Span
from bcpviewer.model.vocab import SUPPRESSION_CODES
from bcpviewer.plots.chart_style import COUNCIL, SeriesStyle, comparator_style
from bcpviewer.plots.timeline_axes import dates_to_seconds

COUNCIL_KEY = "council"


@dataclass(frozen=True, eq=False)
class Curve:
    """One line of a chart, sorted by x; ``y`` is NaN where the figure is missing or suppressed."""

    key: str  # "council", or the comparator's kind ("england", "region", "neighbours", "other:<label>")
    label: str
    x: np.ndarray  # seconds since 1970 at UTC midnight of each period's last day
    y: np.ndarray
    periods: Sequence[Span]
    codes: Sequence[str | None]
    style: SeriesStyle

    def __len__(self) -> int:
        return len(self.x)

    @property
    def gaps(self) -> np.ndarray:
        """Indices of the points without a value."""
        return np.flatnonzero(np.isnan(self.y))

    def index_at(self, x: float) -> int:
        """The last point at or before ``x`` (-1 when none)."""
        return int(np.searchsorted(self.x, x, side="right")) - 1

    def finite_range(self, x0: float, x1: float) -> tuple[float, float] | None:
        """(min, max) of the values with x in [x0, x1], also counting the points either side."""
        lo = max(int(np.searchsorted(self.x, x0, side="left")) - 1, 0)
        hi = min(int(np.searchsorted(self.x, x1, side="right")) + 1, len(self.x))
        if hi - lo <= 2 * RANGE_BLOCK:
            return _finite_min_max(self.y[lo:hi])
        # whole blocks from their precomputed extremes, the ragged ends point by point
        b0, b1 = -(-lo // RANGE_BLOCK), hi // RANGE_BLOCK
        lows, highs = self._block_extremes
        parts = [r for r in (_finite_min_max(self.y[lo : b0 * RANGE_BLOCK]),
                             _finite_min_max(self.y[b1 * RANGE_BLOCK : hi]),
                             _finite_min_max(lows[b0:b1], highs[b0:b1])) if r is not None]
        if not parts:
            return None
        return min(p[0] for p in parts), max(p[1] for p in parts)

    @cached_property
    def _block_extremes(self) -> tuple[np.ndarray, np.ndarray]:
        """The finite min and max of each whole block of RANGE_BLOCK values (NaN: none)."""
        n = len(self.y) // RANGE_BLOCK
        blocks = self.y[: n * RANGE_BLOCK].reshape(n, RANGE_BLOCK)
        finite = ~np.isnan(blocks)
        lows = np.where(finite, blocks, np.inf).min(axis=1)
        highs = np.where(finite, blocks, -np.inf).max(axis=1)
        empty = ~finite.any(axis=1)
        lows[empty] = highs[empty] = np.nan
        return lows, highs


RANGE_BLOCK = 256  # values per block of a curve's precomputed extremes (for fitting y fast)


def _finite_min_max(low: np.ndarray, high: np.ndarray | None = None) -> tuple[float, float] | None:
    """(min of ``low``, max of ``high``) over their non-NaN values; None when there are none."""
    high = low if high is None else high
    keep = ~np.isnan(low)
    if not keep.any():
        return None
    return float(low[keep].min()), float(high[~np.isnan(high)].max())


def clip_to_range(x: np.ndarray, y: np.ndarray, x0: float, x1: float) -> tuple[np.ndarray, np.ndarray]:
    """The points with x in [x0, x1], plus points interpolated at x0 and x1 where a line crosses them.

    For vector export: SVG as Qt writes it has no clipping, so lines must stop at the view's edges.
    """
    n = len(x)
    lo, hi = int(np.searchsorted(x, x0, "left")), int(np.searchsorted(x, x1, "right"))
    xs, ys = [x[lo:hi]], [y[lo:hi]]

    def cross(i: int, at: float) -> tuple[np.ndarray, np.ndarray] | None:
        if 0 < i < n and np.isfinite(y[i - 1]) and np.isfinite(y[i]) and x[i] > x[i - 1]:
            t = (at - x[i - 1]) / (x[i] - x[i - 1])
            return np.array([at]), np.array([y[i - 1] + t * (y[i] - y[i - 1])])
        return None

    first, last = cross(lo, x0), cross(hi, x1)
    if first is not None:
        xs.insert(0, first[0])
        ys.insert(0, first[1])
    if last is not None:
        xs.append(last[0])
        ys.append(last[1])
    return np.concatenate(xs), np.concatenate(ys)


def code_meaning(code: str | None) -> str:
    """``c: confidential (suppressed to protect individuals)``; ``no figure`` for a blank."""
    if not code:
        return "no figure"
    meaning = SUPPRESSION_CODES.get(code.strip().casefold())
    return f"{code}: {meaning}" if meaning else f"{code}: not a number"


def curve(key: str, label: str, observations: Sequence[Observation], style: SeriesStyle) -> Curve:
    """A Curve from observations (in any order), x at each period's end."""
    periods = [o.period for o in observations]
    x = dates_to_seconds([p.end for p in periods])
    y = np.array([np.nan if o.value is None else o.value for o in observations], float)
    codes = [o.code for o in observations]
    if len(x) > 1 and (np.diff(x) < 0).any():
        order = np.argsort(x, kind="stable")
        x, y = x[order], y[order]
        periods, codes = [periods[i] for i in order], [codes[i] for i in order]
    return Curve(key, label, x, y, periods, codes, style)


def series_curves(series: MetricSeries, council_label: str = "Council") -> list[Curve]:
    """The council's curve, then one per comparator (England, region, neighbours, others)."""
    out = [curve(COUNCIL_KEY, council_label, series.observations, COUNCIL)]
    others = 0
    for c in series.comparators:
        key = c.kind if c.kind in ("england", "region", "neighbours") else f"other:{c.label}"
        out.append(curve(key, c.label or c.kind.title(), c.observations, comparator_style(c.kind, others)))
        others += key.startswith("other:")
    return out


def describe_point(c: Curve, i: int, unit: str, decimals: int) -> str:
    """``England 17.9% (30 Sep 2023)`` or ``England c: confidential ... (30 Sep 2023)``."""
    period = c.periods[i].label
    if np.isnan(c.y[i]):
        return f"{c.label} {code_meaning(c.codes[i])} ({period})"
    return f"{c.label} {format_figure(float(c.y[i]), unit, decimals)} ({period})"


def readout(curves: Sequence[Curve], x: float, unit: str, decimals: int) -> list[str]:
    """For each curve, the figure of the latest period ending at or before ``x``."""
    out = []
    for c in curves:
        i = c.index_at(x)
        out.append(f"{c.label} —" if i < 0 else describe_point(c, i, unit, decimals))
    return out

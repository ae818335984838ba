"""Metric chart speed: frame times of a chart of 10 series x 100,000 points against an empty chart.

``python benchmarks/chart_bench.py [points]`` prints a table; ``run()`` returns rows shaped like
benchmarks/run.py's (figure, value_s, floor_s, ratio, goal). A frame is the chart's PlotWidget rendered
at 1600x900 into a QImage (median of several). Static frames are measured at the full range and at a
1% zoom; pan frames move the range by 1% of its width before each render, so they include pyqtgraph's
clipping and peak downsampling of every series. The floor is the same PlotWidget with an empty chart.

Goals: a frame may cost at most 16 ms (one frame at 60 Hz) more than the empty chart, so the goal on
the "floor: empty" rows is the ratio (floor + 16 ms) / floor; the "vs 16 ms budget" rows ask for the
whole frame within 16 ms (goal 1.0).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bcpviewer.model.records import Comparator, MetricSeries, Observation  # noqa: E402
from bcpviewer.model.spans import Span  # noqa: E402
from bcpviewer.model.vocab import Polarity  # noqa: E402

WIDTH, HEIGHT = 1600, 900
FRAMES = int(os.environ.get("BENCH_FRAMES", "9"))
PAINT_BUDGET_S = 0.016
SERIES = 10
FIRST = date(1970, 1, 2)  # daily points from here: 100,000 of them run to 2243
KINDS = ("england", "region", "neighbours") + ("other",) * (SERIES - 4)


def generate(points: int = 100_000, series: int = SERIES, seed: int = 1) -> MetricSeries:
    """A metric with ``series - 1`` comparators, each a daily random walk with a suppressed day in 500."""
    rnd = random.Random(seed)
    spans = [Span.day(FIRST + timedelta(days=i)) for i in range(points)]

    def walk() -> tuple[Observation, ...]:
        v, out = 50.0, []
        for i, span in enumerate(spans):
            v = min(max(v + rnd.gauss(0, 1), 0.0), 100.0)
            out.append(Observation(span, None, "c") if i % 500 == 499 else Observation(span, round(v, 1)))
        return tuple(out)

    comps = tuple(Comparator(KINDS[i], f"Comparator {i + 1}", walk()) for i in range(series - 1))
    return MetricSeries("bench", "Generated daily measure", "%", Polarity.LOWER_IS_BETTER, "Demand",
                        walk(), comps)


def _median_time(fn: Callable[[], object], runs: int = FRAMES) -> float:
    fn()  # warm up caches (glyph atlases, fonts, downsampled data)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _renderer(widget) -> Callable[[], None]:
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)

    def frame() -> None:
        p = QPainter(image)
        widget.render(p)
        p.end()

    return frame


def _chart(series: MetricSeries | None):
    """A PlotWidget with a metric chart (empty when ``series`` is None), shown at 1600x900."""
    import pyqtgraph as pg

    from bcpviewer.plots import style
    from bcpviewer.plots.metric_chart import MetricChartPlot, make_chart_plot_item

    plot = make_chart_plot_item()
    widget = pg.PlotWidget(background=style.BACKGROUND, plotItem=plot)
    drawing = MetricChartPlot(plot)
    if series is not None:
        drawing.set_series(series)
    widget.resize(WIDTH, HEIGHT)
    widget.show()
    return widget, drawing


def _frames(app: QApplication, widget, full: tuple[float, float]) -> dict[str, float]:
    vb = widget.getPlotItem().getViewBox()
    frame = _renderer(widget)
    out = {}
    for name, fraction in (("full", 1.0), ("zoom", 0.01)):
        width = (full[1] - full[0]) * fraction
        mid = (full[0] + full[1]) / 2
        vb.setXRange(mid - width / 2, mid + width / 2, padding=0)
        app.processEvents()
        out[name] = _median_time(frame)
        step = [0]

        def pan(w: float = width, m: float = mid) -> None:
            step[0] += 1
            shift = w * 0.01 * (step[0] % 20 - 10)
            vb.setXRange(m - w / 2 + shift, m + w / 2 + shift, padding=0)
            frame()

        out[f"pan {name}"] = _median_time(pan)
    return out


def _row(figure: str, value: float, floor: float, goal: float) -> dict[str, object]:
    return {"figure": figure, "value_s": value, "floor_s": floor, "ratio": value / floor, "goal": goal}


def run(points: int = 100_000, series: int = SERIES) -> list[dict[str, object]]:
    """Rows {figure, value_s, floor_s, ratio, goal}; a row is within its goal when ratio <= goal."""
    app = QApplication.instance() or QApplication([])
    metric = generate(points, series)
    t = time.perf_counter()
    widget, drawing = _chart(metric)
    app.processEvents()
    build = time.perf_counter() - t
    empty, _ = _chart(None)
    app.processEvents()
    t = time.perf_counter()
    _chart(None)[0].close()
    empty_build = time.perf_counter() - t
    full = drawing.data_x_range()
    assert full is not None
    chart = _frames(app, widget, full)
    floor = _frames(app, empty, full)
    label = f"{series}x{points:,}"
    rows = [_row(f"build chart {label} (floor: empty chart)", build, empty_build, 1e9)]
    for key, words in (("full", "full-range frame"), ("zoom", "1% zoom frame"),
                       ("pan full", "full-range pan frame"), ("pan zoom", "1% zoom pan frame")):
        rows.append(_row(f"{words} {label} (floor: empty)", chart[key], floor[key],
                         (floor[key] + PAINT_BUDGET_S) / floor[key]))
        rows.append(_row(f"{words} {label} vs 16 ms budget", chart[key], PAINT_BUDGET_S, 1.0))
    widget.close()
    empty.close()
    return rows


def main() -> int:
    points = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rows = run(points)
    print(f"\n{'figure':52} {'value':>9} {'floor':>9} {'ratio':>7} {'goal':>7}")
    for r in rows:
        ok = "" if r["ratio"] <= r["goal"] else "  over goal"
        goal = "-" if r["goal"] >= 1e8 else f"{r['goal']:.2f}"
        print(f"{r['figure']:52} {r['value_s']:9.4f} {r['floor_s']:9.4f} {r['ratio']:7.2f} {goal:>7}{ok}")
    print(f"\n(seconds; frames are medians of {FRAMES} renders at {WIDTH}x{HEIGHT} into a QImage; goal on "
          "'floor: empty' rows = at most 16 ms over the empty chart; build has no goal)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

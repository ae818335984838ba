"""Timeline speed: build and frame times of the timeline view against a naive scene and an empty plot.

``python benchmarks/timeline_bench.py`` prints a table; ``run()`` returns rows shaped like
benchmarks/run.py's. Frames are whole-widget ``grab()`` renders at 1600x900 (median of several),
at the full range and at a 1% zoom. The naive scene is one QGraphicsRectItem per bar in a plain
pyqtgraph PlotWidget; the empty plot (same axes, nothing in it) is the floor.
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

from PySide6.QtCore import QRectF  # noqa: E402
from PySide6.QtGui import QBrush, QColor, QPen  # noqa: E402
from PySide6.QtWidgets import QApplication, QGraphicsRectItem  # noqa: E402

from bcpviewer.model.records import Action, Dataset, Event  # noqa: E402
from bcpviewer.model.vocab import EventKind, Grade, Status  # noqa: E402

WIDTH, HEIGHT = 1600, 900
FRAMES = int(os.environ.get("BENCH_FRAMES", "7"))
PAINT_BUDGET_S = 0.016
SPEEDUP_GOAL = 20.0
FIRST = date(2019, 1, 1)
DAYS = 8 * 365


def generate(n: int, seed: int = 1) -> Dataset:
    """``n`` actions in 8 workstreams and ``n`` events of every kind, spread over eight years."""
    rnd = random.Random(seed)
    statuses = list(Status)
    actions = []
    for i in range(n):
        start = FIRST + timedelta(days=rnd.randrange(DAYS))
        due = start + timedelta(days=rnd.randint(14, 400))
        revised = (due + timedelta(days=rnd.randint(30, 300)),) if rnd.random() < 0.3 else ()
        status = rnd.choice(statuses)
        done = (revised[-1] if revised else due) + timedelta(days=rnd.randint(-20, 40)) \
            if status is Status.COMPLETE else None
        actions.append(Action(f"A{i}", f"Generated action {i} with a longish title", f"Workstream {i % 8}",
                              "Owner", start, due, revised, done, status))
    kinds = list(EventKind)
    events = []
    for i in range(n):
        kind = kinds[i % len(kinds)]
        start = FIRST + timedelta(days=rnd.randrange(DAYS))
        end = start + timedelta(days=rnd.randint(1, 11)) if kind.is_inspection else None
        graded = kind in (EventKind.STANDARD_INSPECTION, EventKind.SHORT_INSPECTION)
        events.append(Event(f"E{i}", kind, f"Generated event {i}", start, end,
                            start + timedelta(days=50) if graded else None,
                            grades={"overall": rnd.choice(list(Grade))} if graded else {}))
    return Dataset(tuple(actions), tuple(events))


def _median_time(fn: Callable[[], object], runs: int = FRAMES) -> float:
    fn()  # warm up caches (glyph atlases, fonts)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _timed(fn: Callable[[], object]) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def _empty_plot():
    import pyqtgraph as pg

    from bcpviewer.plots.timeline import make_plot_item

    w = pg.PlotWidget(background="w", plotItem=make_plot_item())
    w.resize(WIDTH, HEIGHT)
    w.show()
    return w


def _naive_plot(ds: Dataset):
    """One QGraphicsRectItem per action bar and per event, added to a plain PlotWidget."""
    import pyqtgraph as pg

    from bcpviewer.plots.timeline_axes import to_seconds

    w = pg.PlotWidget(background="w", axisItems={"bottom": pg.DateAxisItem(utcOffset=0)})
    vb = w.getPlotItem().getViewBox()
    pen = QPen(QColor("#0072B2"))
    pen.setCosmetic(True)
    brush = QBrush(QColor("#9CC7E4"))
    for i, a in enumerate(ds.actions):
        x0 = to_seconds(a.start)
        item = QGraphicsRectItem(QRectF(x0, i % 100, to_seconds(a.due) - x0, 0.7))
        item.setPen(pen)
        item.setBrush(brush)
        vb.addItem(item, ignoreBounds=True)
    for i, e in enumerate(ds.events):
        x0 = to_seconds(e.start)
        item = QGraphicsRectItem(QRectF(x0, 100 + i % 20, 86400 * 3, 0.7))
        item.setPen(pen)
        item.setBrush(brush)
        vb.addItem(item, ignoreBounds=True)
    vb.setYRange(0, 120, padding=0)
    w.resize(WIDTH, HEIGHT)
    w.show()
    return w


def _timeline(ds: Dataset):
    from bcpviewer.ui.timeline.timeline_view import TimelineView

    v = TimelineView()
    v.resize(WIDTH, HEIGHT)
    v.show()
    v.set_dataset(ds, date(2026, 11, 23))
    return v


def _frames(app: QApplication, widget, set_range: Callable[[float, float], None], full: tuple[float, float]
            ) -> tuple[float, float]:
    """(full-range frame, 1% zoom frame) render times of ``widget``."""
    set_range(*full)
    app.processEvents()
    whole = _median_time(widget.grab)
    mid, width = (full[0] + full[1]) / 2, (full[1] - full[0]) * 0.01
    set_range(mid - width / 2, mid + width / 2)
    app.processEvents()
    zoom = _median_time(widget.grab)
    return whole, zoom


def _row(figure: str, value: float, floor: float, goal: float) -> dict[str, object]:
    return {"figure": figure, "value_s": value, "floor_s": floor, "ratio": value / floor, "goal": goal}


def run(sizes: tuple[int, ...] = (1000, 10000, 100000)) -> list[dict[str, object]]:
    """Rows {figure, value_s, floor_s, ratio, goal}; a row is within its goal when ratio <= goal."""
    app = QApplication.instance() or QApplication([])
    rows: list[dict[str, object]] = []
    empty = _empty_plot()
    for n in sizes:
        ds = generate(n)
        t_build, view = _timed(lambda: _timeline(ds))
        app.processEvents()
        full = view.plot_item.getViewBox().viewRange()[0]

        def view_range(a: float, b: float, v=view) -> None:
            v.plot_item.getViewBox().setXRange(a, b, padding=0)

        tl_full, tl_zoom = _frames(app, view, view_range, tuple(full))
        n_build, naive = _timed(lambda: _naive_plot(ds))
        app.processEvents()
        naive_range = naive.getPlotItem().getViewBox()
        nv_full, nv_zoom = _frames(app, naive, lambda a, b: naive_range.setXRange(a, b, padding=0),
                                   tuple(full))
        ev = empty.getPlotItem().getViewBox()
        em_full, em_zoom = _frames(app, empty, lambda a, b: ev.setXRange(a, b, padding=0), tuple(full))
        speed = 1 / SPEEDUP_GOAL if n >= 100000 else float("inf")  # the speed-up goal is set at 100k
        rows += [
            _row(f"build {n:,}: timeline (floor: naive)", t_build, n_build, 1.0),
            _row(f"full frame {n:,}: timeline (floor: empty)", tl_full, em_full,
                 (em_full + PAINT_BUDGET_S) / em_full),
            _row(f"full frame {n:,}: naive (floor: empty)", nv_full, em_full,
                 (em_full + PAINT_BUDGET_S) / em_full),
            _row(f"full frame {n:,}: timeline (floor: naive)", tl_full, nv_full, speed),
            _row(f"full frame {n:,}: timeline vs 16 ms budget", tl_full, PAINT_BUDGET_S, 1.0),
            _row(f"1% zoom frame {n:,}: timeline (floor: empty)", tl_zoom, em_zoom,
                 (em_zoom + PAINT_BUDGET_S) / em_zoom),
            _row(f"1% zoom frame {n:,}: naive (floor: empty)", nv_zoom, em_zoom,
                 (em_zoom + PAINT_BUDGET_S) / em_zoom),
            _row(f"1% zoom frame {n:,}: timeline (floor: naive)", tl_zoom, nv_zoom, speed),
            _row(f"1% zoom frame {n:,}: timeline vs 16 ms budget", tl_zoom, PAINT_BUDGET_S, 1.0),
        ]
        view.close()
        naive.close()
        view.deleteLater()
        naive.deleteLater()
        app.processEvents()
    empty.close()
    return rows


def main() -> int:
    sizes = tuple(int(s) for s in (sys.argv[1:] or ["1000", "10000", "100000"]))
    rows = run(sizes)
    print(f"\n{'figure':48} {'value':>9} {'floor':>9} {'ratio':>7} {'goal':>6}")
    for r in rows:
        ok = "" if r["ratio"] <= r["goal"] else "  over goal"
        goal = f"{r['goal']:6.2f}" if r["goal"] != float("inf") else f"{'-':>6}"
        print(f"{r['figure']:48} {r['value_s']:9.4f} {r['floor_s']:9.4f} {r['ratio']:7.2f} {goal}{ok}")
    print(f"\n(seconds; frames are medians of {FRAMES} grabs at {WIDTH}x{HEIGHT}; "
          "goal on 'floor: empty' frame rows = at most 16 ms over the empty plot)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

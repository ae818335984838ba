"""Speed figures, each next to a floor measured in the same run: ``make bench``.

Import: full import (read + normalise + problems) of long-form metrics workbooks against a bare
python-calamine read of the same file. Start-up: launch to first shown main window (offscreen)
against a bare PySide6 script showing an empty QMainWindow (both quit from the event loop just
after show()); and, for information, launch until the sample is on the screen. Then the timeline
(timeline_bench.py), metric charts (chart_bench.py), exports (export_bench.py) and the longest GUI stall per
step with big data (gui_bench.py, BENCH_GUI=0 skips it). Medians of several runs, printed as a
table and written to benchmarks/results.json (not committed). BENCH_TIMELINE=0, BENCH_CHARTS=0 or
BENCH_EXPORT=0 skip a part; BENCH_ROWS and BENCH_RUNS set the import sizes and repeats.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NO_GOAL = 1e9  # a figure given for information (as in chart_bench.py)
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SIZES = [int(s) for s in os.environ.get("BENCH_ROWS", "10000,100000,200000").split(",")]

CHILD = """
import sys, time, resource
if __name__ != "__main__":  # the worker process imports this script: nothing to run there
    raise SystemExit
t = time.perf_counter()
if sys.argv[1] == "floor":
    import python_calamine as pc
    wb = pc.CalamineWorkbook.from_path(sys.argv[2])
    rows = wb.get_sheet_by_index(0).to_python()
    n = len(rows)
elif sys.argv[1] in ("worker", "cold"):  # as the app reads: in a worker process, the result sent back
    from bcpviewer.io.worker import load_files_isolated, prewarm
    if sys.argv[1] == "worker":  # the app starts its reader while the window is built: a spare waits
        prewarm()
        time.sleep(3)  # a user opening a file a few seconds after start-up
        t = time.perf_counter()
    d, errors, _report = load_files_isolated([sys.argv[2]])
    n = d.observation_count
    assert not errors and not d.problems
else:
    from bcpviewer.io.loader import load_file
    d = load_file(sys.argv[2])
    n = d.observation_count
    assert not d.problems, d.problems[:3]
el = time.perf_counter() - t
print(el, n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

# The app until the sample is on the screen (the views built and the workbook read), then quit: the
# whole of start-up, of which "first window" above is the first part.
SAMPLE_SHOWN = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from bcpviewer.cli import main

def check():
    for w in app.topLevelWidgets():
        if hasattr(w, "timeline") and not w.is_loading and not w.session.dataset.is_empty:
            app.closeAllWindows()
            app.quit()
            return
    QTimer.singleShot(5, check)

QTimer.singleShot(0, check)
sys.exit(main([]))
"""

BARE_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def write_metrics_workbook(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Metrics")
    ws.append(["Metric", "Period", "Value", "Unit", "England", "South West",
               "Statistical neighbours", "Target", "Polarity", "Release"])
    for i in range(rows):
        m, k = divmod(i, 120)
        year, month = 2015 + k // 12, k % 12 + 1
        v = "c" if i % 97 == 0 else round(10 + (i % 53) * 0.7, 1)
        ws.append([f"Indicator {m:04d}", f"{month:02d}/{year}", v, "%",
                   round(15 + (i % 11) * 0.3, 1), round(14 + (i % 7) * 0.4, 1),
                   round(16 + (i % 5) * 0.2, 1), 20, "lower", "Release 2025"])
    wb.save(path)


def timed(args: list[str], env: dict[str, str] | None = None) -> tuple[float, str]:
    t = time.perf_counter()
    r = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    return time.perf_counter() - t, r.stdout


def median_of(fn, runs: int = RUNS) -> tuple[float, list[str]]:
    times, outs = [], []
    for _ in range(runs):
        el, out = fn()
        times.append(el)
        outs.append(out)
    return statistics.median(times), outs


def bench_import(tmp: Path) -> list[dict[str, object]]:
    rows_out = []
    for n in SIZES:
        path = tmp / f"metrics_{n}.xlsx"
        write_metrics_workbook(path, n)

        def run(mode: str) -> tuple[float, str]:
            return timed([sys.executable, "-c", CHILD, mode, str(path)])

        floor_s, floor_out = median_of(lambda: run("floor"))
        full_s, full_out = median_of(lambda: run("full"))
        f_in = statistics.median(float(o.split()[0]) for o in floor_out)
        i_in = statistics.median(float(o.split()[0]) for o in full_out)
        f_mem = statistics.median(int(o.split()[2]) for o in floor_out)
        i_mem = statistics.median(int(o.split()[2]) for o in full_out)
        rows_out.append({"figure": f"import {n:,} rows (in-process)", "value_s": i_in,
                         "floor_s": f_in, "ratio": i_in / f_in, "goal": 2.0})
        rows_out.append({"figure": f"import {n:,} rows (whole process)", "value_s": full_s,
                         "floor_s": floor_s, "ratio": full_s / floor_s, "goal": 2.0})
        if n >= 100_000:  # the app reads in a worker process (issue 19): the cost of isolation
            worker_s, worker_out = median_of(lambda: run("worker"))
            w_in = statistics.median(float(o.split()[0]) for o in worker_out)
            rows_out.append({"figure": f"import {n:,} rows in the app's worker process (spare waiting)",
                             "value_s": w_in, "floor_s": f_in, "ratio": w_in / f_in, "goal": 2.0})
            cold_s, cold_out = median_of(lambda: run("cold"))
            c_in = statistics.median(float(o.split()[0]) for o in cold_out)
            rows_out.append({"figure": f"import {n:,} rows in a new worker process (information)",
                             "value_s": c_in, "floor_s": f_in, "ratio": c_in / f_in, "goal": NO_GOAL})
        cli_s, _ = median_of(lambda: timed(
            [sys.executable, "-m", "bcpviewer", "inspect", "--json", str(path)]))
        rows_out.append({"figure": f"bcpviewer inspect {n:,} rows (process)", "value_s": cli_s,
                         "floor_s": floor_s, "ratio": cli_s / floor_s, "goal": 2.0})
        rows_out.append({"figure": f"import {n:,} rows peak memory (MB)", "value_s": i_mem / 1024,
                         "floor_s": f_mem / 1024, "ratio": i_mem / f_mem, "goal": 2.0})
    return rows_out


def bench_startup() -> list[dict[str, object]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BCPVIEWER_QUIT_AFTER_MS": "0"}
    floor_s, _ = median_of(lambda: timed([sys.executable, "-c", BARE_WINDOW], env))
    app_s, _ = median_of(lambda: timed([sys.executable, str(ROOT / "main.py")], env))
    shown_env = {k: v for k, v in env.items() if k != "BCPVIEWER_QUIT_AFTER_MS"}
    shown_s, _ = median_of(lambda: timed([sys.executable, "-c", SAMPLE_SHOWN], shown_env))
    return [{"figure": "start-up to first window (sample)", "value_s": app_s, "floor_s": floor_s,
             "ratio": app_s / floor_s, "goal": 1.5},
            {"figure": "start-up to sample shown (for information)", "value_s": shown_s, "floor_s": floor_s,
             "ratio": shown_s / floor_s, "goal": NO_GOAL}]


def main() -> int:
    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as d:
        results += bench_import(Path(d))
    results += bench_startup()
    if os.environ.get("BENCH_TIMELINE", "1") != "0":
        from timeline_bench import run as bench_timeline  # benchmarks/ is on sys.path

        results += bench_timeline()
    if os.environ.get("BENCH_CHARTS", "1") != "0":
        from chart_bench import run as bench_charts

        results += bench_charts()
    if os.environ.get("BENCH_OFFICIAL", "1") != "0":
        from official_bench import run as bench_official

        results += bench_official()
    if os.environ.get("BENCH_BUNDLE", "1") != "0":  # only when `make bundle` has built one
        from bundle_bench import run as bench_bundle

        results += bench_bundle()
    if os.environ.get("BENCH_EXPORT", "1") != "0":
        from export_bench import run as bench_export

        results += bench_export()
    if os.environ.get("BENCH_GUI", "1") != "0":  # in a process of its own: a QApplication of its own
        out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gui_bench.py"), "--json"],
                             capture_output=True, text=True, cwd=ROOT, check=True).stdout
        results += json.loads(out.strip().splitlines()[-1])
    print(f"\n{'figure':62} {'value':>10} {'floor':>10} {'ratio':>7} {'goal':>6}")
    for r in results:
        ok = "" if r["ratio"] <= r["goal"] else "  over goal"
        goal = "-" if r["goal"] >= NO_GOAL / 10 else f"{r['goal']:.1f}"
        print(f"{r['figure']:62} {r['value_s']:10.3f} {r['floor_s']:10.3f} {r['ratio']:7.2f} {goal:>6}{ok}")
    (ROOT / "benchmarks" / "results.json").write_text(json.dumps(results, indent=2))
    print(f"\n(median of {RUNS} runs; seconds unless stated; written to benchmarks/results.json)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

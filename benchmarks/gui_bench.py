"""GUI stalls: the longest gap of a 10 ms heartbeat timer in a real (offscreen) main window, for each step
a user takes with big data: showing a 200,000-row metrics workbook once it is read, charting 40 metrics
at once, and opening a project that holds it. The budget is 100 ms a step (issue 19): the event loop must
keep turning, so the window repaints and Cancel answers. Run in its own process by run.py (or alone:
``python benchmarks/gui_bench.py``)."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
BUDGET_S = 0.100
HEARTBEAT_MS = 10
ROWS = int(os.environ.get("BENCH_GUI_ROWS", "200000"))


class Heartbeat:
    """A 10 ms timer; the longest wait between two beats is the longest the GUI was stalled."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.beats: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(lambda: self.beats.append(time.perf_counter()))

    def measure(self, start, done, settle_s: float = 0.3) -> float:
        """Call ``start()``, run the event loop (as the app does: ``exec``, waiting for events when
        there are none) until ``done()`` and ``settle_s`` more; the longest gap."""
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        deadline = time.perf_counter() + 600
        settled: list[float] = []

        def check() -> None:
            now = time.perf_counter()
            if not settled and (done() or now > deadline):
                settled.append(now + settle_s)
            if settled and now >= settled[0]:
                loop.quit()

        poll = QTimer()
        poll.setInterval(5)
        poll.timeout.connect(check)
        self.beats = [time.perf_counter()]
        self.timer.start()
        poll.start()
        start()
        loop.exec()
        poll.stop()
        self.timer.stop()
        self.beats.append(time.perf_counter())
        return max(b - a for a, b in zip(self.beats, self.beats[1:]))


def busy(window) -> bool:  # noqa: ANN001
    """Parts of the window still working out what they show (in the background or a few at a time)."""
    return (window.charts.glance.busy or window.charts.metrics.making or window.items.tables.filling
            or window.analysis.checking)


def run() -> list[dict[str, object]]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from PySide6.QtWidgets import QApplication, QMessageBox

    from run import write_metrics_workbook  # the import benchmark's workbook

    from bcpviewer.ui.shell.main_window import MainWindow
    from bcpviewer.ui.shell.settings import Settings

    app = QApplication.instance() or QApplication([])
    for kind in ("warning", "critical", "information", "question"):
        setattr(QMessageBox, kind, staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard))
    rows = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        book = tmp / "metrics.xlsx"
        write_metrics_workbook(book, ROWS)
        window = MainWindow(Settings.from_file(tmp / "s.ini"))
        window.resize(1440, 900)
        window.show()
        app.processEvents()
        beat = Heartbeat()
        shown = []
        window.session.dataset_changed.connect(lambda ds: shown.append(ds))
        gap = beat.measure(lambda: window.open_files([str(book)]),
                           lambda: bool(shown) and not window.is_loading and not busy(window))
        rows.append(("show a 200,000-row workbook", gap))
        names = [s.name for s in window.session.dataset.series][:40]
        gap = beat.measure(lambda: window.session.set_metrics(names),  # until the charts in sight are made
                           lambda: not window.charts.metrics.making)
        rows.append((f"chart {len(names)} metrics at once", gap))
        project = tmp / "big.bcpv"
        window.project.save_as(str(project))
        shown.clear()
        gap = beat.measure(lambda: window.project.open_project(str(project)),
                           lambda: bool(shown) and not window.is_loading and not busy(window))
        rows.append(("open a project holding it", gap))
        window.shutdown()
        window.close()
    return [{"figure": f"GUI longest stall: {what}", "value_s": gap, "floor_s": BUDGET_S,
             "ratio": gap / BUDGET_S, "goal": 1.0} for what, gap in rows]


if __name__ == "__main__":
    results = run()
    if "--json" in sys.argv:
        import json

        print(json.dumps(results))
        sys.exit(0)
    for r in results:
        print(f"{r['figure']:50} {r['value_s'] * 1000:8.0f} ms (budget {BUDGET_S * 1000:.0f} ms)")

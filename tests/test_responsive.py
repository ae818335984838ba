"""A GUI that never freezes: while a 200,000-row workbook loads, the event loop keeps turning (a
50 ms timer is never late by more than 200 ms), the load completes, and Cancel stops it quickly
without touching what is shown."""

from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from bcpviewer.ui.shell.main_window import MainWindow
from bcpviewer.ui.shell.settings import Settings

ROWS = 200_000
METRICS = 500
TICK_MS = 50
MAX_GAP_S = 0.200
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@pytest.fixture(scope="session")
def big_metrics(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A long-form metrics workbook: 500 metrics x 400 months = 200,000 rows (written once)."""
    from openpyxl import Workbook

    path = tmp_path_factory.mktemp("responsive") / "metrics-200k.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Metrics")
    ws.append(["Metric", "Period", "Value", "England"])
    for i in range(ROWS):
        k = i // METRICS
        ws.append([f"Indicator {i % METRICS}", f"{MONTHS[k % 12]} {1990 + k // 12}",
                   (i * 7919 % 1000) / 10, (i * 104729 % 1000) / 10])
    wb.save(path)
    return path


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    warnings: list[tuple[object, ...]] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: warnings.append(a)))
    w = MainWindow(Settings.from_file(tmp_path / "s.ini"))
    w.warnings = warnings  # type: ignore[attr-defined]
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.shutdown()


class Ticker:
    """A 50 ms timer that records when it fires: a late tick is a frozen GUI."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(lambda: self.times.append(time.perf_counter()))

    def start(self) -> None:
        self.times = [time.perf_counter()]
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def gaps(self, until: float | None = None) -> list[float]:
        t = [x for x in self.times if until is None or x <= until]
        return [b - a for a, b in zip(t, t[1:])]


def _small_csv(tmp_path: Path) -> Path:
    p = tmp_path / "plan.csv"
    p.write_text("Ref,Action,Due date,Status\nA1,Recruit team managers,31/03/2023,Amber\n"
                 "A2,Audit cases,30/06/2023,Green\n", encoding="utf-8")
    return p


def _timed_load(qtbot, window, path: Path) -> tuple[list[float], float, float, list[int]]:
    """Load ``path`` with a 50 ms ticker running: (gaps between ticks until the window starts
    showing the data, seconds to that point, seconds showing it, progress-bar values seen)."""
    shown_at: list[tuple[float, float]] = []
    original = window.show_dataset

    def timed_show(dataset) -> None:  # the GUI-thread work after the load, timed apart
        t = time.perf_counter()
        original(dataset)
        shown_at.append((t, time.perf_counter()))

    window.show_dataset = timed_show
    progress: list[int] = []
    window.progress_bar.valueChanged.connect(progress.append)
    gc.collect()  # what earlier tests left behind is not this load's to walk
    ticker = Ticker()
    try:
        ticker.start()
        started = time.perf_counter()
        window.open_files([str(path)])
        qtbot.waitUntil(lambda: not window.is_loading and bool(shown_at), timeout=120_000)
        qtbot.wait(3 * TICK_MS)
    finally:
        ticker.stop()
        window.progress_bar.valueChanged.disconnect(progress.append)
        del window.show_dataset
    return (ticker.gaps(until=shown_at[0][0]), shown_at[0][0] - started,
            shown_at[0][1] - shown_at[0][0], progress)


def test_event_loop_keeps_turning_while_a_200k_row_workbook_loads(
    qtbot, window, big_metrics: Path
) -> None:
    """A second attempt is allowed only to ride out a busy machine (another process taking the
    CPU for a moment): a freeze caused by the load itself shows in both attempts."""
    attempts = []
    for _ in range(2):
        gaps, load_s, show_s, progress = _timed_load(qtbot, window, big_metrics)
        attempts.append(max(gaps))
        print(f"\nload {load_s:.2f} s; {len(gaps)} ticks while loading, longest gap "
              f"{max(gaps) * 1000:.0f} ms; show_dataset on the GUI thread {show_s * 1000:.0f} ms")
        assert window.warnings == []  # type: ignore[attr-defined]
        assert len(window.dataset.series) == METRICS
        assert window.dataset.observation_count == ROWS
        assert len(gaps) >= 5
        assert len(set(progress)) >= 3, progress  # the bar moves while the sheet is read
        if max(gaps) < MAX_GAP_S:
            break
    assert min(attempts) < MAX_GAP_S, [f"{g * 1000:.0f} ms" for g in attempts]


def test_cancel_stops_the_load_and_keeps_what_is_shown(
    qtbot, window, big_metrics: Path, tmp_path: Path
) -> None:
    window.open_files([str(_small_csv(tmp_path))])
    qtbot.waitUntil(lambda: not window.is_loading, timeout=20_000)
    before = window.dataset
    assert len(before.actions) == 2

    window.open_files([str(big_metrics)])
    assert window.is_loading
    qtbot.wait(400)  # well into reading the sheet
    assert window.is_loading
    cancelled_at = time.perf_counter()
    window._on_cancel_load()
    qtbot.waitUntil(lambda: not window.is_loading, timeout=10_000)
    owner = getattr(window, "loader", window)  # the threads live in the window's Loader
    qtbot.waitUntil(lambda: not getattr(owner, "_threads", ()), timeout=10_000)  # all finished
    stopped = time.perf_counter() - cancelled_at
    print(f"\ncancel took {stopped * 1000:.0f} ms")
    assert stopped < 3.0
    assert window.dataset is before
    assert window.warnings == []  # type: ignore[attr-defined]
    assert window.settings.recent_files() == [str(tmp_path / "plan.csv")]

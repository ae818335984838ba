"""Files are read in a worker process: what it reads is what the app would read in-process, and when the
worker dies (out of memory, killed, aborted) the load fails with one sentence and the window keeps its
data and its annotations."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

import pytest

from bcpviewer.io.errors import Cancelled, LoadError
from bcpviewer.io.loader import load_files
from bcpviewer.io.worker import ENV_MEMORY, load_files_isolated

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "samples" / "bcp-childrens-services.xlsx"


def test_the_worker_reads_what_the_app_reads_in_process() -> None:
    seen: list[tuple[float, str]] = []
    dataset, errors, report = load_files_isolated([str(SAMPLE)], progress=lambda f, m: seen.append((f, m)))
    here, here_errors = load_files([str(SAMPLE)])
    assert dataset == here and errors == here_errors == [] and not report.needs_council
    assert seen and seen[-1][0] == pytest.approx(1.0)


def test_a_file_that_cannot_be_read_is_one_sentence(tmp_path: Path) -> None:
    bad = tmp_path / "notes.xlsx"
    bad.write_bytes(b"this is not a workbook")
    dataset, errors, _report = load_files_isolated([str(bad), str(SAMPLE)])
    assert len(dataset.actions) == 50 and [Path(e.path).name for e in errors] == ["notes.xlsx"]
    assert str(errors[0]).endswith(".") and "\n" not in str(errors[0])


def test_a_worker_killed_mid_read_fails_the_load_not_the_caller() -> None:
    def kill_the_worker(_fraction: float, _message: str) -> None:
        for child in multiprocessing.active_children():
            os.kill(child.pid, signal.SIGKILL)

    with pytest.raises(LoadError) as caught:
        load_files_isolated([str(SAMPLE)], progress=kill_the_worker)
    assert "more memory than BCP Viewer allows" in str(caught.value) and "nothing was changed" in str(caught.value)
    assert multiprocessing.active_children() == []


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    """A 20,000-row metrics workbook: reading it needs memory the process does not have yet."""
    from openpyxl import Workbook

    path = tmp_path_factory.mktemp("worker") / "big.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Metrics")
    ws.append(["Metric", "Period", "Value", "England"])
    for i in range(20_000):
        ws.append([f"Indicator {i % 100}", f"{i % 12 + 1:02d}/{2000 + i // 1200}", i % 97 / 3, i % 89 / 3])
    wb.save(path)
    return path


def test_a_worker_out_of_memory_fails_the_load_in_one_sentence(monkeypatch, big: Path) -> None:
    monkeypatch.setenv(ENV_MEMORY, "1")  # far less than reading it takes
    try:  # the file refused (a LoadError among the errors), or the whole read (a LoadError raised)
        dataset, errors, _report = load_files_isolated([str(big)])
    except LoadError as e:
        said = str(e)
    else:
        assert dataset.is_empty and [Path(e.path).name for e in errors] == ["big.xlsx"]
        said = str(errors[0])
    assert "\n" not in said and "memory" in said


def test_cancel_stops_the_worker_at_once() -> None:
    with pytest.raises(Cancelled):
        load_files_isolated([str(SAMPLE)], cancelled=lambda: True)
    assert multiprocessing.active_children() == []


def test_the_window_keeps_its_data_and_notes_when_the_reader_dies(make_window, qtbot, monkeypatch,
                                                                  big: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from bcpviewer.model.annotations import ItemTarget, new_annotation

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, title, text, *a, **k: warned.append(text)))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard))
    window = make_window()
    window.open_files([str(SAMPLE)])
    qtbot.waitUntil(lambda: not window.is_loading and not window.session.dataset.is_empty, timeout=60_000)
    shown = window.session.dataset
    window.editor.add_annotation(new_annotation(ItemTarget("action:A1.01"), "Asked about at committee"))
    monkeypatch.setenv(ENV_MEMORY, "1")  # the next worker runs out of memory
    window.open_files([str(big)])
    qtbot.waitUntil(lambda: not window.is_loading, timeout=60_000)
    assert window.session.dataset is shown and len(window.session.document) == 1
    said = " ".join(warned)
    assert "data shown has not changed" in said or "Nothing was loaded" in window.statusBar().currentMessage()


def test_a_spare_worker_reads_the_same_and_is_replaced_after_each_read() -> None:
    from bcpviewer.io.worker import prewarm, stop_spare

    try:
        prewarm()
        waiting = multiprocessing.active_children()
        assert [p.name for p in waiting] == ["bcpviewer-reader"]
        dataset, errors, _report = load_files_isolated([str(SAMPLE)])
        assert dataset == load_files([str(SAMPLE)])[0] and errors == []
        assert waiting[0].exitcode is not None  # the spare did the read, then ended
        after = multiprocessing.active_children()
        assert len(after) == 1 and after[0].pid != waiting[0].pid  # and a new one waits for the next
    finally:
        stop_spare()
    assert multiprocessing.active_children() == []


def test_a_spare_that_died_while_waiting_is_replaced_without_a_word() -> None:
    from bcpviewer.io.worker import prewarm, stop_spare

    try:
        prewarm()
        (spare,) = multiprocessing.active_children()
        os.kill(spare.pid, signal.SIGKILL)
        spare.join(10)
        dataset, errors, _report = load_files_isolated([str(SAMPLE)])
        assert len(dataset.actions) == 50 and errors == []
    finally:
        stop_spare()
    assert multiprocessing.active_children() == []


def test_a_spare_reads_with_the_settings_of_the_moment_it_is_used(monkeypatch, big: Path) -> None:
    """A spare started before the app set a limit (or its data folder) reads with the limit set since."""
    from bcpviewer.io.worker import prewarm, stop_spare

    try:
        prewarm()
        monkeypatch.setenv(ENV_MEMORY, "1")  # set after the spare started
        try:
            dataset, errors, _report = load_files_isolated([str(big)])
        except LoadError as e:
            said = str(e)
        else:
            assert dataset.is_empty and errors
            said = str(errors[0])
        assert "memory" in said
    finally:
        stop_spare()


def test_the_result_crosses_the_pipe_unchanged_whatever_periods_the_comparators_have() -> None:
    from datetime import date

    from bcpviewer.io.worker import from_pieces, pack, to_pieces, unpack
    from bcpviewer.model.records import Comparator, Dataset, MetricSeries, Observation
    from bcpviewer.model.spans import Span

    p = [Span.day(date(2020 + i, 9, 30)) for i in range(4)]

    def obs(periods: list[Span], base: float) -> tuple[Observation, ...]:
        return tuple(Observation(s, base + i, None if i else "c", "R") for i, s in enumerate(periods))

    series = (
        MetricSeries("M1", "Own periods", observations=obs(p[:3], 1), comparators=(
            Comparator("england", "England", obs(p[:3], 10)),  # the series' own periods
            Comparator("region", "Region", obs(p[1:], 20)),  # others
            Comparator("neighbours", "Neighbours", ()))),
        MetricSeries("M2", "No figures of its own", comparators=(Comparator("england", "England", obs(p, 5)),)),
    )
    dataset = Dataset(series=series)
    shell, columns = pack(dataset)
    spans, pieces = to_pieces(columns)
    back = unpack(shell, from_pieces(spans, pieces))
    assert back == dataset
    first = back.series[0]
    assert first.comparators[0].observations[0].period is first.observations[0].period  # made once

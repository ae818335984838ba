"""Durations among figures (issue 15): ``00:10``, ``1:30``, ``12 days``, time and duration cells are read
in a stated unit (minutes, days) or reported with sheet, row, column and value; never dropped in
silence, and never mixed with plain figures in one series (no Qt)."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bcpviewer.io.durations import DAYS, MINUTES, names_a_duration, parse_duration
from bcpviewer.io.loader import load_file
from bcpviewer.io.values import NUMBER_EXPECTED, parse_figure, parse_number
from bcpviewer.model.records import PROBLEM_ERROR, PROBLEM_NOT_KNOWN, PROBLEM_UNUSED_COLUMN, Dataset


@pytest.mark.parametrize(("cell", "value", "unit"), [
    ("00:10", 10, MINUTES), ("1:30", 90, MINUTES), (" 12:05 ", 725, MINUTES), ("1:30:30", 90.5, MINUTES),
    ("-0:15", -15, MINUTES), ("36:00", 2160, MINUTES), ("12 days", 12, DAYS), ("3.5 days", 3.5, DAYS),
    ("1 day", 1, DAYS), ("450 Days", 450, DAYS), (time(0, 10), 10, MINUTES),
    (timedelta(hours=36), 2160, MINUTES),
])
def test_durations_are_read_in_a_stated_unit(cell, value, unit) -> None:
    d = parse_duration(cell)
    assert d is not None and (d.value, d.unit) == (value, unit)
    assert parse_figure(cell) == (value, None, unit)


@pytest.mark.parametrize("cell", ["12", "37.4%", "1,234", "x", "", "10:75", "1:5", "days", "12 weeks",
                                  "2022-01-01", None, 3.0])
def test_other_cells_are_not_durations(cell) -> None:
    assert parse_duration(cell) is None


NOT_TIMED = (f"expected {NUMBER_EXPECTED}; text written n:nn is read as hours and minutes only where the "
             "metric or its unit names a duration (a ratio such as 1:15 is not a number)")


def test_a_duration_where_a_number_is_expected_says_so() -> None:
    for cell, words in (("00:10", "written n:nn (hours and minutes, or a ratio); expected a number"),
                        ("3.5 days", "a duration in days; expected a number"),
                        (time(0, 10), "a duration (a time cell); expected a number")):
        with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
            parse_number(cell)


def test_headers_naming_a_duration() -> None:
    assert names_a_duration("Time to strategy meeting") and names_a_duration("Days to adoption")
    assert names_a_duration("Average wait (hh:mm)")
    assert not names_a_duration("Time") and not names_a_duration("Date of visit")
    assert not names_a_duration("Shift1.Start")


@given(st.integers(0, 99_999), st.integers(0, 59))
def test_hours_and_minutes_are_exact_minutes(hours: int, minutes: int) -> None:
    d = parse_duration(f"{hours:02d}:{minutes:02d}")
    assert d is not None and d.unit == MINUTES and d.value == hours * 60 + minutes


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False))
def test_days_text_is_its_number_of_days(days) -> None:
    d = parse_duration(f"{days} days")
    assert d is not None and d.unit == DAYS and d.value == float(days)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_plain_numbers_are_never_durations(x: float) -> None:
    assert parse_figure(repr(x)) == (*parse_number(repr(x)), None)


# -- files -------------------------------------------------------------------------------------
def _series(data: Dataset) -> dict[str, tuple[str, list[float | None]]]:
    return {s.name: (s.unit, [o.value for o in s.observations]) for s in data.series}


def test_a_monthly_csv_reads_a_column_of_hh_mm_in_minutes(tmp_path: Path) -> None:
    path = tmp_path / "monthly.csv"
    path.write_text("Month,Agency %,Time to strategy meeting\nApr-21,20.1,00:10\nMay-21,19.5,1:30\n"
                    "Jun-21,18.2,12:05\n", encoding="utf-8")
    data = load_file(path)
    assert _series(data)["Time to strategy meeting"] == ("minutes", [10, 90, 725])
    (note,) = data.problems
    assert note.kind == PROBLEM_NOT_KNOWN and "00:10 is 10 minutes" in note.message
    assert (note.row, note.column, note.value) == (2, "C (Time to strategy meeting)", "00:10")


def test_a_scorecard_reads_time_cells_duration_cells_and_days(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Scorecard"
    ws.append(["Measure", "2021/22", "2022/23", "2023/24"])
    ws.append(["Time to strategy meeting", time(0, 10), time(1, 30), timedelta(hours=36)])
    ws.append(["Days to adoption", "450 days", "420 days", "3.5 days"])
    ws.append(["Agency social workers %", 20, 18, 15])
    wb.save(tmp_path / "scorecard.xlsx")
    data = load_file(tmp_path / "scorecard.xlsx")
    got = _series(data)
    assert got["Time to strategy meeting"] == ("minutes", [10, 90, 2160])
    assert got["Days to adoption"] == ("days", [450, 420, 3.5])
    assert got["Agency social workers %"] == ("%", [20, 18, 15])
    assert {p.kind for p in data.problems} == {PROBLEM_NOT_KNOWN}
    assert sorted(p.row for p in data.problems) == [2, 3]


def test_durations_among_plain_figures_are_reported_not_mixed(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Scorecard"
    ws.append(["Measure", "2021/22", "2022/23", "2023/24"])
    ws.append(["Caseload", 18, "00:20", 16])
    ws.append(["Agency %", 20, 18, "1:00"])
    ws.append(["Days to adoption", "450 days", "1:30", "400 days"])
    wb.save(tmp_path / "mixed.xlsx")
    data = load_file(tmp_path / "mixed.xlsx")
    got = _series(data)
    assert got["Caseload"] == ("", [18, 16])
    assert got["Agency %"] == ("%", [20, 18])
    assert got["Days to adoption"] == ("days", [450, 400])
    errors = {(p.sheet, p.row, p.column, p.value): p.message for p in data.problems if p.kind == PROBLEM_ERROR}
    assert errors == {
        # text n:nn under a metric that names no duration is not a number (it may be a ratio)
        ("Scorecard", 2, "C (2022/23)", "00:20"): NOT_TIMED,
        ("Scorecard", 3, "D (2023/24)", "1:00"): NOT_TIMED,
        ("Scorecard", 4, "C (2022/23)", "1:30"): "a duration in hours and minutes (hh:mm) not read: most of "
                                                 "'Days to adoption' is durations in days, and units are never "
                                                 "mixed",
    }


def test_a_long_table_reports_durations_it_cannot_read(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("Metric,Period,Value\nTime to strategy meeting,2022/23,00:10\nCaseload,2022/23,18\n",
                    encoding="utf-8")
    data = load_file(path)
    assert _series(data)["Caseload"] == ("", [18])
    (p,) = [p for p in data.problems if p.kind == PROBLEM_ERROR]
    assert (p.row, p.column, p.value) == (2, "C (Value)", "00:10")
    assert p.message == "written n:nn (hours and minutes, or a ratio); expected a number"


def _scorecard(tmp_path: Path, *rows: list[object], head: tuple[str, ...] = ("Measure", "Unit")) -> Dataset:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Scorecard"
    ws.append([*head, "2021/22", "2022/23", "2023/24"])
    for row in rows:
        ws.append(row)
    wb.save(tmp_path / "scorecard.xlsx")
    return load_file(tmp_path / "scorecard.xlsx")


def test_a_ratio_is_never_read_as_hours_and_minutes(tmp_path: Path) -> None:
    """Reviewer's example: "Manager to social worker ratio,1:15,1:12" was a series in minutes, 75 and 72."""
    path = tmp_path / "ratios.csv"
    path.write_text("Measure,2021/22,2022/23\nManager to social worker ratio,1:15,1:12\n"
                    "Caseload,18,16\n", encoding="utf-8")
    data = load_file(path)
    assert _series(data) == {"Caseload": ("", [18, 16])}
    errors = {(p.row, p.column, p.value): p.message for p in data.problems if p.kind == PROBLEM_ERROR}
    assert errors == {(2, "B (2021/22)", "1:15"): NOT_TIMED, (2, "C (2022/23)", "1:12"): NOT_TIMED}


def test_a_ratio_down_the_side_is_not_a_duration(tmp_path: Path) -> None:
    path = tmp_path / "monthly.csv"
    path.write_text("Month,Manager ratio,Time to strategy meeting\nApr-21,1:15,00:10\nMay-21,1:12,1:30\n",
                    encoding="utf-8")
    data = load_file(path)
    assert _series(data) == {"Time to strategy meeting": ("minutes", [10, 90])}
    # a column of ratios is not a column of figures: it is reported as not used, never read
    (unused,) = [p for p in data.problems if p.column == "B (Manager ratio)"]
    assert unused.kind == PROBLEM_UNUSED_COLUMN and "not read" in unused.message


def test_time_cells_are_durations_whatever_the_metric_is_called(tmp_path: Path) -> None:
    data = _scorecard(tmp_path, ["Strategy meetings", "", time(0, 10), time(1, 30), time(0, 45)])
    assert _series(data) == {"Strategy meetings": ("minutes", [10, 90, 45])}


@pytest.mark.parametrize(("unit", "cells", "want"), [
    ("hh:mm", ["0:10", "1:30", time(0, 45)], ("minutes", [10, 90, 45])),
    ("h:mm", ["0:10", "1:30", "2:00"], ("minutes", [10, 90, 120])),
    ("hours", ["1:30", "0:15", 2], ("hours", [1.5, 0.25, 2])),
    ("Hours", [time(1, 30), "2:45", 3.5], ("Hours", [1.5, 2.75, 3.5])),
    ("minutes", ["1:30", "0:10", 12], ("minutes", [90, 10, 12])),
    ("days", ["12 days", 14, "3.5 days"], ("days", [12, 14, 3.5])),
])
def test_a_stated_duration_unit_reads_what_fits_it(tmp_path: Path, unit, cells, want) -> None:
    """Reviewer's example: a stated unit of hh:mm, hours, minutes or days threw good figures away."""
    data = _scorecard(tmp_path, ["Strategy meetings", unit, *cells])
    assert _series(data) == {"Strategy meetings": want}
    assert not [p for p in data.problems if p.kind == PROBLEM_ERROR]


def test_a_stated_hh_mm_unit_is_said_to_be_read_in_minutes(tmp_path: Path) -> None:
    data = _scorecard(tmp_path, ["Strategy meetings", "hh:mm", "0:10", "1:30", "0:45"])
    (s,) = data.series
    assert s.unit == "minutes" and s.notes == "stated unit hh:mm: read in minutes"
    (note,) = data.problems
    assert note.kind == PROBLEM_NOT_KNOWN and "1:30 is 90 minutes" in note.message


@pytest.mark.parametrize(("unit", "cells", "bad"), [
    ("days", ["12 days", "1:30", 14], "1:30"),
    ("hours", ["1:30", "2 days", 2], "2 days"),
    ("hh:mm", ["0:10", 12, "1:30"], "12"),
    ("%", ["1:30", 12, 14], "1:30"),
])
def test_genuinely_different_units_are_reported_never_mixed(tmp_path: Path, unit, cells, bad) -> None:
    data = _scorecard(tmp_path, ["Time to strategy meeting", unit, *cells])
    (s,) = data.series
    assert len(s.observations) == 2
    (p,) = [p for p in data.problems if p.kind == PROBLEM_ERROR]
    assert p.value == bad and "units are never mixed" in p.message

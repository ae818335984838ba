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
from bcpviewer.io.values import parse_figure, parse_number
from bcpviewer.model.records import PROBLEM_ERROR, PROBLEM_NOT_KNOWN, Dataset


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


def test_a_duration_where_a_number_is_expected_says_so() -> None:
    for cell, words in (("00:10", "a duration (hh:mm); expected a number"),
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
        ("Scorecard", 2, "C (2022/23)", "00:20"): "a duration in hours and minutes (hh:mm) not read: most of "
                                                  "'Caseload' is plain figures, and units are never mixed",
        ("Scorecard", 3, "D (2023/24)", "1:00"): "a duration in hours and minutes (hh:mm) not read: the series "
                                                 "is in '%', and units are never mixed",
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
    assert p.message == "a duration (hh:mm); expected a number"

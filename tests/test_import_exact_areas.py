"""Areas never mixed (issue 15): a long table or scorecard listing many councils is read for the
chosen council only, with England and its region as comparators; without a council it is not read
(the loader's report asks); a council absent from the file is said, never replaced (no Qt)."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from bcpviewer.io.grid import Grid
from bcpviewer.io.loader import LoadReport, load_file, read_grids

HEADER = ["time_period", "geographic_level", "la_name", "new_la_code", "region_name", "Indicator",
          "Value"]
BCP, DORSET, LEEDS = "Bournemouth, Christchurch and Poole", "Dorset", "Leeds"
FIGURES = {  # year -> (England, South West, BCP, Dorset, Leeds)
    "2021": (75, 77, 80, 70, 60), "2022": (76, 78, 82, 71, 61), "2023": (74, 79, 83, 69, 62)}


def _rows(stray: bool = False) -> list[list[object]]:
    rows: list[list[object]] = []
    for y, (eng, sw, bcp, dor, leeds) in FIGURES.items():
        rows.append([y, "National", "", "E92000001", "", "Dental checks %", eng])
        rows.append([y, "Regional", "", "E12000009", "South West", "Dental checks %", sw])
        rows.append([y, "Local authority", BCP, "E06000058", "South West", "Dental checks %", bcp])
        rows.append([y, "Local authority", DORSET, "E06000059", "South West", "Dental checks %", dor])
        if stray:
            rows.append([y, "Local authority", LEEDS, "E08000035", "Yorkshire and The Humber",
                         "Dental checks %", leeds])
    return rows


def _read(rows: list[list[object]], council: str | None):
    return read_grids([Grid("dental.csv", None, [list(HEADER), *map(list, rows)])], "dental.csv",
                      council=council)


def _figures(data) -> dict[str, list[float | None]]:
    (s,) = data.series
    out = {"council": [o.value for o in s.observations]}
    out.update({c.kind: [o.value for o in c.observations] for c in s.comparators})
    return out


def test_the_chosen_councils_rows_with_england_and_region_as_comparators() -> None:
    data = _read(_rows(), "Bournemouth, Christchurch and Poole")
    assert _figures(data) == {"council": [80, 82, 83], "england": [75, 76, 74], "region": [77, 78, 79]}
    assert data.series[0].comparator("region").label == "South West"
    assert not data.problems


def test_the_council_by_old_code_ons_code_or_another_spelling() -> None:
    for chosen in ("839", "E06000058", "bournemouth christchurch & poole"):
        assert _figures(_read(_rows(), chosen))["council"] == [80, 82, 83]
    assert _figures(_read(_rows(), "Dorset"))["council"] == [70, 71, 69]


def test_without_a_council_nothing_is_merged_and_the_report_asks(tmp_path: Path) -> None:
    path = tmp_path / "dental.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([HEADER, *_rows()])
    report = LoadReport()
    data = load_file(path, report=report)
    assert data.series == ()
    (p,) = data.problems
    assert "holds figures for 2 councils" in p.message and "never merged" in p.message
    assert report.needs_council
    assert [c.name for c in report.all_councils()] == [BCP, DORSET]


def test_a_council_absent_from_the_file_is_said_never_replaced() -> None:
    data = _read(_rows(), "Leeds")
    assert data.series == ()
    (p,) = data.problems
    assert p.message.startswith("Leeds is not in this file (it holds Bournemouth, Christchurch and Poole")


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False), st.booleans())
def test_shuffling_rows_or_adding_a_stray_area_never_changes_the_figures(rnd: random.Random,
                                                                        stray: bool) -> None:
    rows = _rows(stray)
    rnd.shuffle(rows)
    assert _figures(_read(rows, "839")) == {"council": [80, 82, 83], "england": [75, 76, 74],
                                           "region": [77, 78, 79]}


def test_problems_keep_the_files_row_numbers() -> None:
    rows = _rows()
    rows[6][6] = "n/k"  # 2022's BCP figure, file row 8 (header row 1)
    data = _read(rows, "839")
    bad = [p for p in data.problems if p.is_error]
    assert [(p.row, p.value) for p in bad] == [(8, "n/k")]


def test_a_scorecard_of_many_areas_reads_one(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Scorecard"
    ws.append(["LA", "Measure", "2021/22", "2022/23"])
    ws.append(["England", "School places filled %", 90, 91])
    for k, name in enumerate([BCP, DORSET, LEEDS, "Wiltshire", "Somerset"]):
        ws.append([name, "School places filled %", 80 + k, 81 + k])
    wb.save(tmp_path / "places.xlsx")
    data = load_file(tmp_path / "places.xlsx", council="Dorset")
    (s,) = data.series
    assert [o.value for o in s.observations] == [81, 82]
    assert not [p for p in data.problems if p.is_error]
    assert any("England and region rows were left out" in n for n in data.notes)
    report = LoadReport()
    none = load_file(tmp_path / "places.xlsx", report=report)
    assert none.series == () and "5 councils" in none.problems[0].message and report.needs_council


def test_a_council_given_for_a_file_with_no_area_column_is_said(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws.append(["ID", "Action", "Due"])
    ws.append(["A1", "Write the plan", "31/03/2022"])
    wb.save(tmp_path / "plan.xlsx")
    data = load_file(tmp_path / "plan.xlsx", council="839")
    assert len(data.actions) == 1
    (note,) = data.notes
    assert "no column names a council" in note and "839" in note


def test_an_area_column_that_is_a_workstream_is_left_alone(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws.append(["ID", "Area", "Action", "Due"])
    ws.append(["A1", "Front door", "Write the plan", "31/03/2022"])
    ws.append(["A2", "Workforce", "Hire", "31/03/2022"])
    wb.save(tmp_path / "plan.xlsx")
    data = load_file(tmp_path / "plan.xlsx")
    assert [a.workstream for a in data.actions] == ["Front door", "Workforce"]
    assert not data.problems and not data.notes


def test_neighbour_summaries_are_rounded_to_their_inputs_precision() -> None:
    from datetime import date

    from bcpviewer.io import neighbours as sn
    from bcpviewer.model.records import Observation
    from bcpviewer.model.spans import Span

    near = sn.model("2021").of("839")
    period = Span(date(2023, 4, 1), date(2024, 3, 31))
    values = [16.1, 16.3] * (len(near) // 2) + [16.1] * (len(near) % 2)
    figures = {c: {period: Observation(period, v)} for c, v in zip(near, values, strict=True)}
    for stat in ("median", "mean"):
        comp = sn.neighbour_comparator("839", figures, [period], stat=stat)
        assert comp is not None
        (obs,) = comp.observations
        assert len(repr(obs.value)) <= 10, obs.value  # no 16.200000000000003

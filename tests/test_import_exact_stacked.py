"""One table at a time (issue 15): tables stacked on one sheet (header, rows, a blank gap, a title,
another header) are read apart and never merged; a single table with blank spacer rows and section
headings stays one table (no Qt)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from bcpviewer.io.grid import Grid
from bcpviewer.io.loader import load_file
from bcpviewer.io.stacked import locate_all


def _providers_and_places(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Providers"])
    ws.append(["Measure", "2021", "2022", "2023"])
    ws.append(["Children's homes", 2_950, 3_010, 3_119])
    ws.append(["Fostering agencies", 300, 305, 310])
    ws.append([])
    ws.append(["Places"])
    ws.append(["Measure", "2021", "2022", "2023"])
    ws.append(["Children's homes", 12_800, 13_100, 13_528])
    wb.save(path)
    return path


def test_stacked_tables_are_read_apart_and_named_by_their_titles(tmp_path: Path) -> None:
    data = load_file(_providers_and_places(tmp_path / "p.xlsx"))
    latest = {s.name: s.latest().value for s in data.series}
    assert latest == {"Children's homes (Providers)": 3_119, "Fostering agencies": 310,
                      "Children's homes (Places)": 13_528}
    assert len({s.id for s in data.series}) == 3
    assert not data.problems  # no "already has a value": nothing was merged
    places = next(s for s in data.series if s.name.endswith("(Places)"))
    assert places.origin.row == 8


def test_rows_keep_the_sheets_numbers_in_a_lower_table(tmp_path: Path) -> None:
    path = _providers_and_places(tmp_path / "p.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.active["C8"] = "thirteen thousand"
    wb.save(path)
    (p,) = load_file(path).problems
    assert (p.row, p.column, p.value) == (8, "C (2022)", "thirteen thousand")


def test_a_tracker_with_spacer_rows_and_headings_is_one_table() -> None:
    rows: list[list[object]] = [
        ["ID", "Action", "Due"],
        ["", "Leadership", ""],
        ["1.1", "Appoint a DCS", "31/03/2022"],
        ["", "", ""],
        ["", "Front door", ""],
        ["2.1", "Audit the MASH", "30/06/2022"],
    ]
    (only,) = locate_all(Grid("t.xlsx", "Actions", rows))
    assert len(only.table.grid.rows) == len(rows)

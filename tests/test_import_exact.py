"""Never a plausible wrong answer (issue 15): every column of a tracker is read or reported as not
used, a revised target is what slippage and lateness are measured against, "TBC" is kept as not
known with a problem, and overdue is counted on the tracker's own date (no Qt)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from bcpviewer.io.loader import load_file
from bcpviewer.model.analysis import overdue_actions, slippage
from bcpviewer.model.glance import glance, overdue_text
from bcpviewer.model.records import PROBLEM_ERROR, PROBLEM_NOT_KNOWN, PROBLEM_UNUSED_COLUMN

HEADER = ["Ref", "Action", "Lead", "Target date", "Revised Target", "RAG", "Update / commentary",
          "Risk to delivery"]


def _tracker(path: Path, title: str | None = "Updated: 14/03/2023") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Improvement plan"
    if title:
        ws.append([title])
        ws.append([])
    ws.append(HEADER)
    ws.append(["1.1", "Audit the front door", "Head of MASH", "31/03/2022", "30/09/2023", "Amber",
               "Audit moved after the restructure", "Low"])
    ws.append(["1.2", "Recruit permanent social workers", "HR lead", "TBC", "", "Red",
               "Campaign paused", "High"])
    ws.append(["1.3", "Refresh the threshold document", "Head of service", "31/12/2022",
               "to be confirmed", "Red", "", "Medium"])
    wb.save(path)
    return path


def test_revised_target_column_is_the_date_lateness_is_counted_against(tmp_path: Path) -> None:
    data = load_file(_tracker(tmp_path / "t.xlsx"))
    a = {x.id: x for x in data.actions}["1.1"]
    assert a.due == date(2022, 3, 31)
    assert a.revised_due == (date(2023, 9, 30),)
    assert slippage(a).revised_by_days == (date(2023, 9, 30) - date(2022, 3, 31)).days
    # re-dated to Sep 2023 and the tracker speaks for 14 Mar 2023: not late at all
    assert "1.1" not in {o.action.id for o in overdue_actions(data.actions, date(2026, 12, 7))}


def test_commentary_becomes_the_actions_latest_update(tmp_path: Path) -> None:
    data = load_file(_tracker(tmp_path / "t.xlsx"))
    assert {x.id: x for x in data.actions}["1.1"].notes == "Audit moved after the restructure"


def test_a_column_no_field_reads_is_reported_once_as_not_used(tmp_path: Path) -> None:
    data = load_file(_tracker(tmp_path / "t.xlsx"))
    unused = [p for p in data.problems if p.kind == PROBLEM_UNUSED_COLUMN]
    assert [(p.column, p.value) for p in unused] == [("H (Risk to delivery)", "Risk to delivery")]
    assert "column not used" in unused[0].message and unused[0].sheet == "Improvement plan"
    assert not unused[0].is_error


def test_tbc_due_dates_are_not_known_with_sheet_row_column_and_value(tmp_path: Path) -> None:
    data = load_file(_tracker(tmp_path / "t.xlsx"))
    by_id = {x.id: x for x in data.actions}
    assert by_id["1.2"].due is None and by_id["1.3"].revised_due == ()
    kept = {(p.row, p.column, p.value) for p in data.problems if p.kind == PROBLEM_NOT_KNOWN}
    assert kept == {(5, "D (Target date)", "TBC"), (6, "E (Revised Target)", "to be confirmed")}
    assert all(p.sheet == "Improvement plan" for p in data.problems)
    assert not [p for p in data.problems if p.kind == PROBLEM_ERROR]


def test_several_note_columns_and_several_revised_columns_are_all_read(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws.append(["ID", "Action", "Due", "Revised date (Jun 22)", "Revised date (Dec 22)", "Notes",
               "Progress update"])
    ws.append(["A1", "Write the plan", "31/03/2022", "30/06/2022", "31/12/2022", "Board owns it",
               "Drafted"])
    wb.save(tmp_path / "two.xlsx")
    data = load_file(tmp_path / "two.xlsx")
    (a,) = data.actions
    assert a.revised_due == (date(2022, 6, 30), date(2022, 12, 31))
    assert a.notes == "Notes: Board owns it\nProgress update: Drafted"
    assert not data.problems


def test_a_headerless_column_holding_values_is_reported(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Actions"
    ws.append(["ID", "Action", "Due", None])
    ws.append(["A1", "Write the plan", "31/03/2022", "a stray remark"])
    wb.save(tmp_path / "stray.xlsx")
    (p,) = load_file(tmp_path / "stray.xlsx").problems
    assert (p.kind, p.column) == (PROBLEM_UNUSED_COLUMN, "D")


# -- the tracker's own date ------------------------------------------------------------------------
def test_title_row_gives_the_trackers_date_and_overdue_is_counted_on_it(tmp_path: Path) -> None:
    data = load_file(_tracker(tmp_path / "t.xlsx"))
    assert data.as_at == date(2023, 3, 14)
    late = {o.action.id: o for o in overdue_actions(data.actions, date(2026, 12, 7))}
    assert set(late) == {"1.3"}
    assert late["1.3"].days_late == (date(2023, 3, 14) - date(2022, 12, 31)).days
    assert late["1.3"].tracker_date and late["1.3"].as_of == date(2023, 3, 14)
    text = overdue_text(glance(data, date(2026, 12, 7)).overdue)
    assert text.startswith("1 action overdue as of 14 Mar 2023 (the tracker's date)")


def test_a_switch_counts_against_today(tmp_path: Path) -> None:
    data = load_file(_tracker(tmp_path / "t.xlsx"))
    late = {o.action.id: o for o in overdue_actions(data.actions, date(2026, 12, 7), against_today=True)}
    assert set(late) == {"1.1", "1.3"} and not late["1.3"].tracker_date


def test_an_earlier_day_asked_for_is_kept(tmp_path: Path) -> None:
    data = load_file(_tracker(tmp_path / "t.xlsx"))
    assert overdue_actions(data.actions, date(2022, 6, 1)) == []


def test_without_a_title_the_latest_update_date_is_the_trackers_date(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ID", "Action", "Due", "Status", "As at"])
    ws.append(["A1", "Write the plan", "31/03/2022", "Red", "30/04/2022"])
    ws.append(["A1", "Write the plan", "31/03/2022", "Red", "31/05/2022"])
    wb.save(tmp_path / "h.xlsx")
    data = load_file(tmp_path / "h.xlsx")
    assert data.as_at == date(2022, 5, 31)
    (o,) = overdue_actions(data.actions, date(2026, 1, 1))
    assert o.days_late == 61


def test_title_shapes(tmp_path: Path) -> None:
    from bcpviewer.io.as_at import title_as_at
    from bcpviewer.io.grid import Grid

    for rows, expected in [
        ([["Improvement plan tracker - As at 31 March 2023 (draft)"]], date(2023, 3, 31)),
        ([["Position at Q3 2022/23"]], date(2022, 12, 31)),
        ([["Last updated", date(2023, 2, 1)]], date(2023, 2, 1)),
        ([["Data as of: 05/01/2024"]], date(2024, 1, 5)),
        ([["Children's services improvement plan"]], None),
    ]:
        assert title_as_at(Grid("f.xlsx", "S", [*rows, ["ID", "Action", "Due"]]), len(rows)) == expected


def test_at_a_glance_can_count_against_today(tmp_path: Path) -> None:
    data = load_file(_tracker(tmp_path / "t.xlsx"))
    text = overdue_text(glance(data, date(2026, 12, 7), against_today=True).overdue)
    assert text.startswith("2 actions overdue; ") and "tracker" not in text

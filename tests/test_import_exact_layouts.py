"""Everyday layouts (issue 15): a chronology of visits with types written FV, MV, ILACS,
Re-inspection, O&S; a scorecard with periods across then England and Target columns and a
footnote; a monthly CSV in Windows-1252 with semicolons (no Qt)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from bcpviewer.io.loader import load_file
from bcpviewer.model.records import PROBLEM_NOT_KNOWN, PROBLEM_SKIPPED, PROBLEM_UNUSED_COLUMN
from bcpviewer.model.vocab import EventKind, Grade


def _chronology(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Ofsted activity"
    ws.append(["Ofsted activity since 2019"])
    ws.append([])
    ws.append(["Date of visit", "To", "Type", "Focus", "Outcome", "Letter published", "Link"])
    ws.append(["06/12/2021", "17/12/2021", "ILACS", "", "Inadequate", "11/02/2022", "https://r.example/1"])
    ws.append(["01/03/2019", "02/03/2019", "FV", "Front door", "Letter", "01/04/2019", ""])
    ws.append(["17/05/2022", "18/05/2022", "MV", "Care leavers", "Letter", "10/06/2022", ""])
    ws.append(["2024-02-21", "2024-02-22", "Re-inspection", "", "Requires improvement to be good", "", ""])
    ws.append(["14/09/2022", "", "O&S", "Improvement plan", "", "", ""])
    wb.save(path)
    return path


def test_a_chronology_of_dates_and_types_gives_events(tmp_path: Path) -> None:
    data = load_file(_chronology(tmp_path / "c.xlsx"))
    got = [(e.start, e.end, e.kind) for e in data.events]
    assert got == [
        (date(2021, 12, 6), date(2021, 12, 17), EventKind.STANDARD_INSPECTION),
        (date(2019, 3, 1), date(2019, 3, 2), EventKind.FOCUSED_VISIT),
        (date(2022, 5, 17), date(2022, 5, 18), EventKind.MONITORING_VISIT),
        (date(2024, 2, 21), date(2024, 2, 22), EventKind.STANDARD_INSPECTION),
        (date(2022, 9, 14), None, EventKind.SCRUTINY_MEETING),
    ]
    ilacs, fv, _mv, again, _os = data.events
    assert ilacs.overall is Grade.INADEQUATE and again.overall is Grade.REQUIRES_IMPROVEMENT
    assert ilacs.published == date(2022, 2, 11) and ilacs.source == "https://r.example/1"
    assert fv.theme == "Front door" and fv.notes == "Outcome: Letter" and fv.overall is None
    assert fv.kind_text == "FV" and fv.title == "Focused visit"
    assert not data.problems


def _scorecard(path: Path, england: str = "England") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Scorecard"
    ws.append(["Children's services scorecard"])
    ws.append(["Measure", "2019/20", "2020/21", "2021/22", "2022/23", "Q2 2023/24", england, "Target"])
    ws.append(["Agency social workers %", 20.1, 22.3, 25.0, 28.3, 27.0, 17.6, 15])
    ws.append(["Re-referrals within 12 months %", 19, 21, 22, 23, 22.5, 21.5, 20])
    ws.append([])
    ws.append(["Source: council performance team."])
    wb.save(path)
    return path


def test_a_scorecard_reads_england_and_target_as_comparator_and_target(tmp_path: Path) -> None:
    data = load_file(_scorecard(tmp_path / "s.xlsx", "England 2022/23"))
    assert [s.name for s in data.series] == ["Agency social workers %", "Re-referrals within 12 months %"]
    agency = data.series[0]
    assert [o.period.label for o in agency.observations] == ["2019/20", "2020/21", "2021/22", "2022/23",
                                                             "Q2 2023/24"]
    (england,) = agency.comparator("england").observations
    assert (england.period.label, england.value) == ("2022/23", 17.6)
    assert [t.value for t in agency.targets] == [15] and agency.unit == "%"
    (footnote,) = data.problems
    assert footnote.kind == PROBLEM_SKIPPED and footnote.row == 6


def test_an_england_column_without_its_period_is_said(tmp_path: Path) -> None:
    data = load_file(_scorecard(tmp_path / "s.xlsx"))
    said = [p for p in data.problems if p.kind == PROBLEM_NOT_KNOWN]
    assert len(said) == 1 and "shown against Q2 2023/24" in said[0].message
    assert said[0].column == "G (England)"


def test_a_monthly_csv_in_windows_1252_with_semicolons_gives_series(tmp_path: Path) -> None:
    text = ("Month;Agency %;Caseload;Comment\r\nApr-21;18.5%;19.2;\r\n"
            "May-21;19.0%;18.7;new team \u2013 started\r\nJun-21;;18.1;\u00a3 n/a\r\n")
    path = tmp_path / "monthly.csv"
    path.write_bytes(text.encode("cp1252"))
    data = load_file(path)
    got = {s.name: [(o.period.label, o.value) for o in s.observations] for s in data.series}
    assert got == {"Agency %": [("Apr 2021", 18.5), ("May 2021", 19.0)],
                   "Caseload": [("Apr 2021", 19.2), ("May 2021", 18.7), ("Jun 2021", 18.1)]}
    assert data.series[0].unit == "%"
    (p,) = data.problems
    assert p.kind == PROBLEM_UNUSED_COLUMN and p.value == "Comment"


def test_a_calendar_of_dates_times_and_flags_is_not_a_table_of_figures(tmp_path: Path) -> None:
    from datetime import datetime, time

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Calendars"
    ws.append(["Date", "Working?", "Shift1.Start", "Shift3.Start"])
    for d in range(1, 11):
        ws.append([datetime(2022, 1, d, 9), d % 7 > 1, time(8, 0), 0])
    wb.save(tmp_path / "cal.xlsx")
    data = load_file(tmp_path / "cal.xlsx")
    assert data.series == ()
    assert "no table" in data.problems[0].message

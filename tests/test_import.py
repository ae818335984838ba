"""The forgiving importer on workbooks shaped like researchers' own (no Qt)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bcpviewer.io.errors import LoadError
from bcpviewer.io.loader import load_file, load_files
from bcpviewer.model.spans import SpanKind
from bcpviewer.model.vocab import EventKind, Grade, Polarity, Status
from tests import messy


@pytest.fixture
def tracker(tmp_path: Path):
    return load_file(messy.messy_tracker(tmp_path / "tracker.xlsx"))


def test_tracker_header_found_below_title_rows(tracker) -> None:
    ids = [a.id for a in tracker.actions]
    assert ids == ["1.1", "1.2", "2.1", "2.2", "2.4"]


def test_section_heading_and_merged_label_give_workstreams(tracker) -> None:
    by_id = {a.id: a for a in tracker.actions}
    assert by_id["1.1"].workstream == "Leadership and governance"
    assert by_id["2.1"].workstream == "Front door"
    assert by_id["2.2"].workstream == "Front door"  # merged B9:B12


def test_uk_dates_months_and_quarters(tracker) -> None:
    by_id = {a.id: a for a in tracker.actions}
    a = by_id["1.1"]
    assert (a.start, a.due, a.completed) == (date(2022, 4, 1), date(2022, 6, 30), date(2022, 7, 15))
    assert a.status is Status.COMPLETE
    assert by_id["1.2"].start == date(2022, 4, 1)  # "Apr 2022" starts on the 1st
    assert by_id["1.2"].due == date(2022, 9, 30)  # "Sep 2022" is due by the 30th
    assert by_id["2.4"].due == date(2024, 3, 31)  # Q4 2023/24 ends 31 Mar 2024
    assert by_id["2.4"].start is None  # TBC is no date, and no problem
    assert by_id["2.1"].due == date(2022, 12, 31)  # real Excel dates


def test_history_rows_make_one_action(tracker) -> None:
    a = {a.id: a for a in tracker.actions}["1.2"]
    assert [h.status for h in a.history] == [Status.AMBER, Status.RED]
    assert [h.as_at for h in a.history] == [date(2022, 10, 31), date(2023, 1, 31)]
    assert a.status is Status.RED
    assert a.revised_due == (date(2022, 12, 31), date(2023, 3, 31))
    assert a.current_due == date(2023, 3, 31)


def test_every_unusable_cell_is_a_problem(tracker) -> None:
    msgs = {(p.row, p.value): p for p in tracker.problems}
    bad_date = msgs[(10, "31/02/2023")]
    assert bad_date.sheet == "Improvement Plan"
    assert bad_date.column.startswith("F")
    assert "February 2023 has no day 31" in bad_date.message
    assert "status" in msgs[(10, "purple")].message
    no_title = msgs[(12, "")]
    assert "no action title" in no_title.message
    assert all(p.file == "tracker.xlsx" for p in tracker.problems)


def test_formula_like_text_is_kept_as_text(tracker) -> None:
    a = {a.id: a for a in tracker.actions}["1.2"]
    assert a.history[0].note == "=cmd|' /C calc'!A0"


def test_ids_are_stable_when_rows_are_reordered(tmp_path: Path) -> None:
    from openpyxl import Workbook

    def write(rows: list[list[object]], name: str) -> Path:
        wb = Workbook()
        ws = wb.active
        ws.title = "Actions"
        ws.append(["Action", "Workstream", "Due"])
        for r in rows:
            ws.append(r)
        wb.save(tmp_path / name)
        return tmp_path / name

    rows = [["Hire staff", "Workforce", "31/03/2023"], ["Audit cases", "QA", "30/06/2023"]]
    a = load_file(write(rows, "a.xlsx"))
    b = load_file(write(rows[::-1], "b.xlsx"))
    assert {x.title: x.id for x in a.actions} == {x.title: x.id for x in b.actions}
    assert len({x.id for x in a.actions}) == 2


@pytest.fixture
def chronology(tmp_path: Path):
    return load_file(messy.messy_chronology(tmp_path / "chron.xlsx"))


def test_events_kinds_dates_and_grades(chronology) -> None:
    ev = {e.title: e for e in chronology.events}
    insp = ev["Standard inspection"]
    assert insp.kind is EventKind.STANDARD_INSPECTION
    assert (insp.start, insp.end, insp.published) == (date(2021, 12, 6), date(2021, 12, 17),
                                                      date(2022, 2, 11))
    assert insp.grades == {"overall": Grade.INADEQUATE, "leaders": Grade.INADEQUATE,
                           "help_protection": Grade.INADEQUATE,
                           "in_care": Grade.REQUIRES_IMPROVEMENT}
    mv = ev["Monitoring visit 1"]
    assert mv.kind is EventKind.MONITORING_VISIT
    assert (mv.start, mv.end) == (date(2022, 6, 7), date(2022, 6, 8))
    assert mv.grades == {}
    assert ev["Focused visit"].precision is SpanKind.MONTH
    assert ev["Focused visit"].when_label == "Nov 2019"
    assert ev["DfE improvement adviser appointed"].kind is EventKind.ADVISER_APPOINTED
    assert ev["DfE improvement adviser appointed"].when_label == "2020"
    send = ev["Area SEND inspection"]
    assert (send.start, send.end) == (date(2021, 6, 28), date(2021, 7, 2))
    other = ev["Statutory direction issued"]
    assert other.kind is EventKind.OTHER and other.kind_text == "Ministerial letter"
    again = ev["ILACS re-inspection"]
    assert again.grades["care_leavers"] is Grade.REQUIRES_IMPROVEMENT
    assert again.published == date(2025, 1, 29)


def test_event_problems(chronology) -> None:
    by_value = {p.value: p for p in chronology.problems}
    assert "no month 13" in by_value["32/13/2023"].message
    assert "grade" in by_value["Excellent"].message
    assert "A visit with a bad date" not in {e.title for e in chronology.events}


@pytest.fixture
def scorecard(tmp_path: Path):
    return load_file(messy.messy_scorecard(tmp_path / "score.xlsx"))


def test_wide_scorecard_is_unpivoted(scorecard) -> None:
    s = {x.name: x for x in scorecard.series}
    rr = s["Re-referrals within 12 months"]
    assert rr.polarity is Polarity.LOWER_IS_BETTER
    assert rr.unit == "%"
    assert [(o.period.label, o.value, o.code) for o in rr.observations] == [
        ("2021/22", 24.1, None), ("2022/23", 22.0, None), ("Q1 2023/24", None, "c"),
        ("Mar 2024", 19.5, None)]
    cin = s["Children in need per 10,000"]
    assert [o.value for o in cin.observations] == [1234.0, None, None]
    assert [o.code for o in cin.observations] == [None, "x", "n/a"]
    assert any(p.value == "oops" and "number" in p.message for p in scorecard.problems)


def test_fractions_in_percent_series_become_percentages(scorecard) -> None:
    s = {x.name: x for x in scorecard.series}["Assessments within 45 days"]
    assert [o.value for o in s.observations] == [81.0, 85.0, 90.0]


def test_long_metrics_with_council_name_column_and_comparators(scorecard) -> None:
    s = {x.name: x for x in scorecard.series}["Agency rate"]
    assert [o.value for o in s.observations] == [17.2, 37.4, 36.9]
    assert s.observations[0].period.start == date(2020, 9, 30)
    assert s.polarity is Polarity.LOWER_IS_BETTER
    assert s.comparator("england").label == "England"
    assert s.comparator("region").label == "South West"
    assert [o.value for o in s.comparator("neighbours").observations] == [16.0, 17.0, 18.2]
    assert [(t.value, t.due) for t in s.targets] == [(20.0, None)]
    assert s.theme == "Workforce"
    # the same period twice with different values: the later row wins, and it is reported
    assert any("already has 36.6" in p.message for p in scorecard.problems)


def test_csv_semicolon_cp1252(tmp_path: Path) -> None:
    p = tmp_path / "plan.csv"
    p.write_bytes("Ref;Action;Owner;Due date;Status\r\nA1;Caf\xe9 review;Ann;31/3/23;R\r\n"
                  .encode("cp1252"))
    d = load_file(p)
    assert [(a.id, a.title, a.due, a.status) for a in d.actions] == [
        ("A1", "Caf\u00e9 review", date(2023, 3, 31), Status.RED)]


def test_unreadable_files_give_one_sentence(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    fake = tmp_path / "fake.xlsx"
    fake.write_text("this is not a workbook")
    with pytest.raises(LoadError, match="empty"):
        load_file(empty)
    with pytest.raises(LoadError, match="not a spreadsheet"):
        load_file(fake)
    with pytest.raises(LoadError, match="no such file"):
        load_file(tmp_path / "missing.xlsx")
    data, errors = load_files([empty, fake, messy.messy_tracker(tmp_path / "t.xlsx")])
    assert len(errors) == 2 and len(data.actions) == 5


def test_sheet_that_is_not_a_table_is_reported(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Budget"
    wb.active.append(["Cost centre", "Amount"])
    wb.active.append(["X1", 100])
    wb.save(tmp_path / "b.xlsx")
    d = load_file(tmp_path / "b.xlsx")
    assert d.is_empty
    assert len(d.problems) == 1 and d.problems[0].sheet == "Budget"


def test_limits_are_checked_before_building(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bcpviewer.io import grid, workbook_guard

    f = messy.messy_tracker(tmp_path / "t.xlsx")
    monkeypatch.setattr(workbook_guard, "MAX_SHEET_CELLS", 10)
    with pytest.raises(LoadError, match="10-cell limit"):
        load_file(f)
    monkeypatch.setattr(workbook_guard, "MAX_UNCOMPRESSED_BYTES", 1000)
    with pytest.raises(LoadError, match="would expand to"):
        load_file(f)
    assert grid.MAX_SHEET_CELLS >= 2_000_000  # the 200k x 10 benchmark must fit


def test_long_metrics_with_only_some_comparators(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Metrics"
    ws.append(["Metric", "Period", "Value", "England"])
    ws.append(["Agency rate", "2023", 36.7, 17.9])
    ws.append(["Agency rate", "2024", 33.3, None])
    wb.save(tmp_path / "m.xlsx")
    d = load_file(tmp_path / "m.xlsx")
    (s,) = d.series
    assert [c.kind for c in s.comparators] == ["england"]
    assert [o.value for o in s.comparator("england").observations] == [17.9]
    assert d.problems == ()

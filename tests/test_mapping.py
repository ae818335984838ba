"""Column mappings for tables the importer cannot match by itself: the pure model (header row,
fields, preview, signature, remembering), the dialog driven through its API (never exec()), and
the loading flow that asks for a mapping and remembers it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from bcpviewer.io import mapping as mp
from bcpviewer.io.grid import Grid
from bcpviewer.io.loader import LoadReport, is_unmatched, load_file
from bcpviewer.model.vocab import EventKind
from bcpviewer.ui.shell.settings import Settings
from bcpviewer.ui.loading.column_mapper import ColumnMapperDialog

CSV = (
    "Children's services chronology (compiled by the scrutiny officer)\n"
    ",,,\n"
    "When it happened,What happened,Who led it,Comment\n"
    "06/12/2021,ILACS standard inspection,Steve Lowe,Judged inadequate\n"
    "07/06/2022,Monitoring visit 1,,Front door\n"
    "31/02/2023,A date that does not exist,,\n"
)


@pytest.fixture
def chronology(tmp_path: Path) -> Path:
    p = tmp_path / "chronology.csv"
    p.write_text(CSV, encoding="utf-8")
    return p


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Remembered choices, Qt settings and message boxes stay inside the test."""
    monkeypatch.setenv("BCPVIEWER_DATA_DIR", str(tmp_path / "data"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    for kind in ("warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **kw: None)


def grid_of(path: Path) -> Grid:
    report = LoadReport()
    load_file(path, report=report)
    [unmatched] = report.unmatched
    return unmatched.grid


EVENTS = mp.ColumnMapping("events", 2, {"date": 0, "title": 1, "lead": 2, "notes": 3})


# -- the pure model ----------------------------------------------------------------------------------
def test_an_unknown_table_is_reported_and_collected_for_mapping(chronology: Path) -> None:
    report = LoadReport()
    d = load_file(chronology, report=report)
    assert d.events == () and [is_unmatched(p) for p in d.problems] == [True]
    assert [u.path for u in report.unmatched] == [str(chronology)]


def test_the_header_row_is_guessed_below_title_rows(chronology: Path) -> None:
    g = grid_of(chronology)
    guess = mp.guess(g)
    assert guess.header_row == 2
    assert mp.header_texts(g, 2) == ["When it happened", "What happened", "Who led it", "Comment"]
    assert mp.missing_fields(mp.guess(g, "events")) == ("Date", "Title")


def test_a_mapping_reads_records_with_their_problems(chronology: Path) -> None:
    g = grid_of(chronology)
    d = mp.apply(g, EVENTS, str(chronology))
    assert [(e.start, e.title, e.lead) for e in d.events] == [
        (date(2021, 12, 6), "ILACS standard inspection", "Steve Lowe"),
        (date(2022, 6, 7), "Monitoring visit 1", None)]
    assert d.events[0].kind is EventKind.STANDARD_INSPECTION
    assert d.events[0].origin.row == 4 and d.events[0].notes == "Judged inadequate"
    [p] = d.problems
    assert p.row == 6 and p.value == "31/02/2023" and p.column == "A (When it happened)"


def test_the_preview_says_what_is_still_needed(chronology: Path) -> None:
    g = grid_of(chronology)
    incomplete = mp.ColumnMapping("events", 2, {"date": 0})
    assert mp.preview(g, incomplete).missing == ("Title",) and not mp.preview(g, incomplete).ok
    assert "Title" in mp.apply(g, incomplete).problems[0].message
    pv = mp.preview(g, EVENTS, rows=1)
    assert pv.ok and len(pv.dataset.events) == 1


def test_signatures_ignore_case_spacing_and_trailing_blanks() -> None:
    a = mp.signature(["When it happened", "What happened", "Who led it", "", ""])
    assert a == mp.signature(["when it  happened ", "WHAT HAPPENED", "who-led it"])
    assert a != mp.signature(["What happened", "When it happened", "Who led it"])
    assert mp.signature(["", None]) == ""


def test_a_remembered_mapping_follows_its_header_down_the_sheet(chronology: Path, tmp_path: Path) -> None:
    g = grid_of(chronology)
    remembered = {mp.signature(g.rows[2]): mp.ColumnMapping("events", 2, EVENTS.columns, mp.signature(g.rows[2]))}
    moved = tmp_path / "moved.csv"
    moved.write_text("An extra title row\n" + CSV, encoding="utf-8")
    d = load_file(moved, mappings=remembered)
    assert [e.title for e in d.events] == ["ILACS standard inspection", "Monitoring visit 1"]
    assert d.events[0].origin.row == 5  # the rows are the new file's own
    assert not any(is_unmatched(p) for p in d.problems)


def test_mappings_round_trip_through_json_and_garbage_is_ignored(tmp_path: Path) -> None:
    m = mp.ColumnMapping("events", 2, {"date": 0, "title": 1}, "abc")
    assert mp.ColumnMapping.from_json(m.to_json()) == m
    assert mp.ColumnMapping.from_json({"kind": "spells", "header_row": 0, "columns": {}}) is None
    assert mp.ColumnMapping.from_json(["not", "a", "mapping"]) is None
    odd = mp.ColumnMapping.from_json({"kind": "events", "header_row": 1, "columns": {"date": 0, "nonsense": 3, "title": -1}})
    assert odd is not None and dict(odd.columns) == {"date": 0}
    choices = Settings.from_file(tmp_path / "s.ini")
    choices.remember_mapping(m)
    assert choices.mappings() == {"abc": m}
    assert Settings.from_file(tmp_path / "s.ini").mappings() == {"abc": m}
    choices.store.setValue("choices/mappings", "{not json")  # damaged by hand
    assert choices.mappings() == {} and choices.council() is None


# -- the dialog, driven through its API ---------------------------------------------------------------
def test_the_mapping_dialog_round_trip(qtbot, tmp_path: Path, chronology: Path) -> None:
    g = grid_of(chronology)
    dialog = ColumnMapperDialog(g)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert dialog.mapping().header_row == 2 and dialog.header_spin.value() == 3
    assert dialog.raw_table.item(2, 0).text() == "When it happened"
    dialog.set_kind("events")
    assert not ok.isEnabled() and "Date" in dialog.summary_label.text()
    dialog.assign("date", 0)
    dialog.assign("title", 1)
    dialog.assign("lead", 2)
    assert ok.isEnabled()
    assert dialog.summary_label.text() == "Would read 2 events · 1 problem"
    assert dialog.records_table.rowCount() == 2 and dialog.records_table.item(0, 1).text() == "ILACS standard inspection"
    assert "31/02/2023" in dialog.problems_list.item(0).text()
    dialog.set_header_row(3)  # the wrong row: nothing matches, the preview says so
    assert not ok.isEnabled()
    dialog.set_header_row(2)
    dialog.assign("date", 0)
    dialog.assign("title", 1)
    m = dialog.mapping()
    assert (m.kind, m.header_row, dict(m.columns)) == ("events", 2, {"date": 0, "title": 1})
    assert m.signature == mp.signature(g.rows[2]) and dialog.remember
    dialog.accept()
    choices = Settings.from_file(tmp_path / "s.ini")
    choices.remember_mapping(m)
    again = load_file(chronology, mappings=choices.mappings())
    assert [e.title for e in again.events] == ["ILACS standard inspection", "Monitoring visit 1"]


def test_the_window_asks_for_a_mapping_and_then_remembers_it(qtbot, tmp_path: Path, chronology: Path) -> None:
    from bcpviewer.ui.shell.main_window import MainWindow
    from bcpviewer.ui.shell.settings import Settings

    window = MainWindow(Settings.from_file(tmp_path / "s.ini"), today=date(2024, 6, 1))
    qtbot.addWidget(window)
    window.open_files([str(chronology)])
    asker = window.loading.loader.asker
    qtbot.waitUntil(lambda: isinstance(asker.current, ColumnMapperDialog), timeout=20_000)
    dialog = asker.current
    assert window.is_loading and window.loading.loader.is_asking
    dialog.set_kind("events")
    dialog.assign("date", 0)
    dialog.assign("title", 1)
    dialog.accept()
    qtbot.waitUntil(lambda: not window.is_loading, timeout=20_000)
    assert [e.title for e in window.session.dataset.events] == ["ILACS standard inspection", "Monitoring visit 1"]
    assert not any(is_unmatched(p) for p in window.session.dataset.problems)
    assert window.session.dataset.files == (str(chronology),)
    window.open_files([str(chronology)])  # the same headers again: no question
    qtbot.waitUntil(lambda: not window.is_loading, timeout=20_000)
    assert asker.current is None and len(window.session.dataset.events) == 2


def test_skipping_the_mapping_shows_the_problem(qtbot, tmp_path: Path, chronology: Path) -> None:
    from bcpviewer.ui.shell.main_window import MainWindow
    from bcpviewer.ui.shell.settings import Settings

    window = MainWindow(Settings.from_file(tmp_path / "s.ini"), today=date(2024, 6, 1))
    qtbot.addWidget(window)
    window.open_files([str(chronology)])
    qtbot.waitUntil(lambda: window.loading.loader.asker.current is not None, timeout=20_000)
    window.loading.loader.asker.current.reject()
    qtbot.waitUntil(lambda: not window.is_loading, timeout=20_000)
    assert window.session.dataset.events == () and any(is_unmatched(p) for p in window.session.dataset.problems)
    assert window.settings.mappings() == {}


def test_cancelling_while_asked_keeps_the_old_data(qtbot, tmp_path: Path, chronology: Path) -> None:
    from bcpviewer.ui.shell.main_window import MainWindow
    from bcpviewer.ui.shell.settings import Settings

    window = MainWindow(Settings.from_file(tmp_path / "s.ini"), today=date(2024, 6, 1))
    qtbot.addWidget(window)
    window.open_files([str(chronology)])
    qtbot.waitUntil(lambda: window.loading.loader.asker.current is not None, timeout=20_000)
    window.loading.loader.cancel()
    assert not window.is_loading and window.loading.loader.asker.current is None
    assert window.session.dataset.is_empty and "cancelled" in window.statusBar().currentMessage()

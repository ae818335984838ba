"""The first window: table models, the main window, settings, loading off the GUI thread, a headless start."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from bcpviewer.io.errors import Cancelled, LoadError
from bcpviewer.model.records import (
    Action,
    Comparator,
    Dataset,
    Event,
    MetricSeries,
    Observation,
    Problem,
    Source,
)
from bcpviewer.model.spans import Span
from bcpviewer.model.vocab import EventKind, Grade, Polarity, Status
from bcpviewer.plots import style
from bcpviewer.ui.items.file_models import ProblemTableModel
from bcpviewer.ui.items.kind_models import (
    ActionTableModel,
    EventTableModel,
    MetricTableModel,
)
from bcpviewer.ui.items.table_models import RecordSortProxy
from bcpviewer.ui.shell.main_window import MainWindow
from bcpviewer.ui.shell.settings import MAX_RECENT, Settings
from bcpviewer.ui.shell.status import summary_text

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2023, 6, 1)
G = Grade


def bcp_dataset() -> Dataset:
    """A realistic slice of BCP Council's improvement journey (see DOMAIN.md), built by hand."""
    d = date
    actions = (
        Action("A1", "Recruit permanent team managers for the front door (MASH)", "Front door",
               "Director of Children's Social Care", d(2022, 4, 1), d(2022, 9, 30), (d(2022, 12, 31),),
               d(2023, 1, 20), Status.COMPLETE),
        Action("A2", "Reduce agency social workers below 25% of the workforce", "Workforce",
               "Head of Workforce", d(2022, 4, 1), d(2023, 3, 31), (d(2023, 9, 30), d(2024, 3, 31)),
               None, Status.RED),
        Action("A10", "Audit all 50 cases referred back by Ofsted and act on the findings",
               "Quality assurance",
               "Principal Social Worker", d(2020, 11, 20), d(2021, 2, 9), (), d(2021, 3, 1), Status.COMPLETE),
        Action("A3", "Recruit 6 social workers from Rwanda, then a further 6", "Workforce",
               "Head of Workforce",
               d(2022, 6, 1), d(2023, 1, 31), (), None, Status.AMBER),
        Action("A4", "No young person placed in a house of multiple occupation", "Care leavers",
               "Head of Corporate Parenting", d(2022, 4, 1), d(2023, 3, 31), (), None, Status.GREEN),
        Action("A5", "Launch a new practice model and training for all social workers", "Practice",
               None, None, d(2024, 1, 31), (), None, Status.NOT_STARTED),
        Action("A6", "Publish a sufficiency strategy for placements", None, "Head of Commissioning",
               None, None, (), None, Status.UNKNOWN),
    )
    events = (
        Event("E1", EventKind.FOCUSED_VISIT, "Focused visit: planning and achieving permanence",
              d(2019, 12, 1), d(2019, 12, 2), d(2020, 1, 15), theme="Permanence"),
        Event("E2", EventKind.FOCUSED_VISIT, "Focused visit: two areas for priority action",
              d(2020, 10, 13), d(2020, 10, 14), d(2020, 11, 19)),
        Event("E3", EventKind.AREA_SEND, "Area SEND inspection", d(2021, 6, 28), d(2021, 7, 2)),
        Event("E4", EventKind.STANDARD_INSPECTION, "ILACS standard inspection",
              d(2021, 12, 6), d(2021, 12, 17),
              d(2022, 2, 11), lead="Steve Lowe HMI",
              grades={"overall": G.INADEQUATE, "leaders": G.INADEQUATE, "help_protection": G.INADEQUATE,
                      "in_care": G.REQUIRES_IMPROVEMENT}, source="S1"),
        Event("E5", EventKind.STATUTORY_DIRECTION, "Statutory direction issued", d(2022, 3, 14)),
        Event("E6", EventKind.MONITORING_VISIT, "Monitoring visit 1", d(2022, 6, 7), d(2022, 6, 8),
              theme="Front door"),
        Event("E7", EventKind.MONITORING_VISIT, "Monitoring visit 2", d(2022, 10, 4), d(2022, 10, 5),
              theme="Children in need and child protection"),
        Event("E8", EventKind.STANDARD_INSPECTION, "ILACS standard re-inspection", d(2024, 12, 2),
              d(2024, 12, 13), d(2025, 1, 29), lead="John Roughton HMI",
              grades={"overall": G.GOOD, "leaders": G.GOOD, "help_protection": G.GOOD, "in_care": G.GOOD,
                      "care_leavers": G.REQUIRES_IMPROVEMENT}, source="S2"),
    )
    years = range(2019, 2026)
    bcp = (8.0, 17.2, 37.4, 36.6, 36.7, 33.3, 28.3)
    england = (15.8, 15.4, 15.5, 17.6, 17.9, 16.2, 13.0)
    periods = [Span.reporting_year(d(y, 9, 30)) for y in years]
    agency = MetricSeries(
        "agency", "Agency worker rate (FTE)", "%", Polarity.LOWER_IS_BETTER, "Workforce",
        tuple(Observation(p, v, release="2025") for p, v in zip(periods, bcp, strict=True)),
        (Comparator("england", "England",
                    tuple(Observation(p, v) for p, v in zip(periods, england, strict=True))),
         Comparator("neighbours", "Statistical neighbours (2021 model, median)",
                    tuple(Observation(p, None, code="x") for p in periods))),
        source="S3", release="CSWW 2025",
    )
    hmo = MetricSeries("hmo", "Young people placed in HMOs", "count", Polarity.LOWER_IS_BETTER,
                       "Care leavers",
                       (Observation(Span.month(2022, 3), 14), Observation(Span.month(2023, 3), 1)))
    empty = MetricSeries("cp", "Child protection plans per 10,000", "per 10,000")
    sources = (
        Source("S1", "Ofsted ILACS report: BCP Council (2022)", "https://reports.ofsted.gov.uk/", "Ofsted",
               d(2022, 2, 11)),
        Source("S2", "Ofsted ILACS report: BCP Council (2025)", "https://reports.ofsted.gov.uk/", "Ofsted",
               d(2025, 1, 29)),
        Source("S3", "Children's social work workforce statistics", None, "DfE", d(2025, 2, 27)),
    )
    problems = (
        Problem("/data/bcp-tracker.xlsx", "Actions", 14, "Due", "next spring", "a date such as 31/03/2023"),
        Problem("/data/bcp-tracker.xlsx", "Metrics", 3, "Polarity", "sideways", "higher, lower or neutral"),
    )
    return Dataset(actions, events, (agency, hmo, empty), sources, problems, ("/data/bcp-tracker.xlsx",))


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    """Any QSettings made without a file lands in tmp_path, never in the user's settings."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings.from_file(tmp_path / "settings.ini")


@pytest.fixture
def messages(monkeypatch) -> list[tuple[str, str, str]]:
    """Message boxes recorded instead of shown, so nothing blocks."""
    said: list[tuple[str, str, str]] = []
    for kind in ("warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, kind, lambda _p, t, x, *a, _k=kind, **kw: said.append((_k, t, x)))
    return said


@pytest.fixture
def window(qtbot, settings, messages) -> MainWindow:
    w = MainWindow(settings)
    qtbot.addWidget(w)
    return w


def column(model, header: str) -> int:
    return [c.header for c in model.columns].index(header)


def texts(proxy, col: int) -> list[str]:
    return [proxy.index(r, col).data() for r in range(proxy.rowCount())]


def fake_loader(monkeypatch, load_files) -> None:
    """The window's reads go to ``load_files`` (in this process) instead of the worker process."""
    from bcpviewer.io import worker

    def isolated(paths, *, progress=None, cancelled=None, **_options):
        dataset, errors = load_files(list(paths), progress=progress, cancelled=cancelled)
        return dataset, list(errors), None

    monkeypatch.setattr(worker, "load_files_isolated", isolated)


# -- table models ------------------------------------------------------------------------
def test_action_dates_are_uk_style_and_sort_by_real_date(qtbot):
    model = ActionTableModel(bcp_dataset().actions, today=TODAY)
    proxy = RecordSortProxy()
    proxy.setSourceModel(model)
    due = column(model, "Due (baseline)")
    proxy.sort(due, Qt.SortOrder.AscendingOrder)
    shown = texts(proxy, due)
    assert shown[:3] == ["9 Feb 2021", "30 Sep 2022", "31 Jan 2023"]  # as text "9 Feb" would sort after "31"
    assert shown[-1] == ""  # blank sorts last
    proxy.sort(due, Qt.SortOrder.DescendingOrder)
    shown = texts(proxy, due)
    assert shown[0] == "31 Jan 2024" and shown[-1] == ""  # blank still last


def test_ids_and_numbers_sort_naturally(qtbot):
    model = ActionTableModel(bcp_dataset().actions, today=TODAY)
    proxy = RecordSortProxy()
    proxy.setSourceModel(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert texts(proxy, 0) == ["A1", "A2", "A3", "A4", "A5", "A6", "A10"]
    overdue = column(model, "Days overdue")
    proxy.sort(overdue, Qt.SortOrder.DescendingOrder)
    assert texts(proxy, overdue)[:2] == ["121", "62"]  # A3 due 31 Jan 2023, A4 due 31 Mar 2023


def test_status_has_glyph_fill_and_spoken_text(qtbot):
    model = ActionTableModel(bcp_dataset().actions, today=TODAY)
    status = column(model, "Status")
    red = model.index(1, status)
    assert red.data() == "● Red"
    assert model.index(0, status).data() == "✓ Complete"
    assert red.data(Qt.ItemDataRole.BackgroundRole) == style.status_fill(Status.RED)
    assert red.data(Qt.ItemDataRole.AccessibleTextRole) == "Status: Red (off track)"
    glyphs = {m.glyph for m in style.STATUS_MARKS.values()}
    assert len(glyphs) == len(style.STATUS_MARKS)  # every status has its own shape, not just a colour


def test_overdue_actions_stand_out(qtbot):
    model = ActionTableModel(bcp_dataset().actions, today=TODAY)
    overdue = column(model, "Days overdue")
    late, done = model.index(3, overdue), model.index(0, overdue)  # A3 is late, A1 is complete
    assert late.data() == "121" and late.data(Qt.ItemDataRole.FontRole).bold()
    assert done.data() == "" and done.data(Qt.ItemDataRole.FontRole) is None
    slip = column(model, "Slippage (days)")
    assert model.index(1, slip).data() == "366"  # A2 re-dated from 31 Mar 2023 to 31 Mar 2024
    assert "2 time(s)" in model.index(1, column(model, "Revised due")).data(Qt.ItemDataRole.ToolTipRole)


def test_events_show_ranges_kinds_and_grade_words(qtbot):
    model = EventTableModel(bcp_dataset().events)
    row = 3
    assert model.index(row, 0).data() == "6-17 Dec 2021"
    assert model.index(row, column(model, "Type")).data() == "Standard inspection"
    assert model.index(row, column(model, "Published")).data() == "11 Feb 2022"
    assert model.index(row, column(model, "Overall")).data() == "Inadequate"
    assert model.index(row, column(model, "In care")).data() == "RI"
    in_care = model.index(row, column(model, "In care"))
    assert "Requires improvement" in in_care.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(2, 0).data() == "28 Jun-2 Jul 2021"


def test_metrics_show_latest_against_comparators(qtbot):
    model = MetricTableModel(bcp_dataset().series)
    assert model.index(0, column(model, "Latest value")).data() == "28.3"
    assert model.index(0, column(model, "England")).data() == "13.0"  # as many places as the row needs
    assert model.index(0, column(model, "Latest period")).data() == "year to 30 Sep 2025"
    neighbours = model.index(0, column(model, "Neighbours"))
    assert neighbours.data() == "x" and "not available" in neighbours.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(2, column(model, "Periods")).data() == "0"


def test_long_cells_have_full_text_tooltips(qtbot):
    model = ProblemTableModel(bcp_dataset().problems)
    assert model.index(0, 1).data() == "bcp-tracker.xlsx"
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == "/data/bcp-tracker.xlsx"
    assert model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)


# -- main window -------------------------------------------------------------------------
def test_tab_titles_carry_counts(window):
    assert [window.items.tables.tabText(i) for i in range(5)] == [
        "Actions (0)", "Events (0)", "Metrics (0)", "Sources (0)", "Problems (0)",
    ]
    window.session.set_data(bcp_dataset())
    assert [window.items.tables.tabText(i) for i in range(5)] == [
        "Actions (7)", "Events (8)", "Metrics (3)", "Sources (3)", "Problems (2)",
    ]


def test_problems_tab_lists_problems(window):
    window.session.set_data(bcp_dataset())
    view = window.items.tables.views["problems"]
    model = view.model()
    assert model.rowCount() == 2
    assert model.index(0, 0).data() == "Error"
    assert model.index(0, 5).data() == "next spring"
    assert model.index(1, 6).data() == "higher, lower or neutral"


def test_filter_narrows_rows_and_titles_say_so(window, qtbot):
    window.session.set_data(bcp_dataset())
    window.filter_bar.search.setText("workforce")  # applied when typing pauses
    qtbot.waitUntil(lambda: window.items.tables.proxies["actions"].rowCount() == 2, timeout=2000)
    assert window.items.tables.tabText(0) == "Actions (2 of 7)"
    window.filter_bar.search.setText("rwanda AMBER")  # every word, any field, any case
    qtbot.waitUntil(lambda: window.items.tables.proxies["actions"].rowCount() == 1, timeout=2000)
    window.filter_bar.search.clear()
    qtbot.waitUntil(lambda: window.items.tables.proxies["actions"].rowCount() == 7, timeout=2000)
    assert window.items.tables.tabText(0) == "Actions (7)"


def test_show_dataset_replaces_data_and_summarises(window):
    window.session.set_data(bcp_dataset())
    smaller = Dataset(actions=(Action("B1", "Only action", due=date(2024, 5, 1)),), files=("one.csv",))
    window.session.set_data(smaller)
    assert window.items.tables.proxies["actions"].rowCount() == 1
    assert window.items.tables.proxies["problems"].rowCount() == 0
    assert window.status.summary_label.text() == (
        "Loaded 1 file: 1 action, 0 events, 0 metric series (0 observations), 0 problems"
        " · data from 1 May 2024 to 1 May 2024"
    )
    assert summary_text(bcp_dataset()).startswith(
        "Loaded 1 file: 7 actions, 8 events, 3 metric series (9 observations), 2 problems"
        " · data from 1 Oct 2018 to 30 Sep 2025"
    )


def test_keyboard_shortcuts_and_accessible_names(window):
    assert window.commands.open.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert window.commands.find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert window.commands.quit.shortcut() == QKeySequence("Ctrl+Q")
    window.commands.tabs[4].trigger()
    assert window.items.tables.currentIndex() == 4
    assert [a.shortcut().toString() for a in window.commands.tabs] == [f"Alt+{i}" for i in range(1, 6)]
    assert window.filter_bar.search.accessibleName() and window.items.tables.accessibleName()
    assert all(v.accessibleName().endswith("table") for v in window.items.tables.views.values())


def test_about_names_the_version(window, messages):
    window.commands.about.trigger()
    assert messages and messages[0][0] == "about" and "0.1.0" in messages[0][2]


# -- settings ----------------------------------------------------------------------------
def test_recent_files_capped_most_recent_first_without_duplicates(settings):
    for i in range(MAX_RECENT + 3):
        settings.add_recent_file(f"/data/file{i}.xlsx")
    settings.add_recent_file("/data/file5.xlsx")
    recent = settings.recent_files()
    assert len(recent) == MAX_RECENT
    assert recent[0] == "/data/file5.xlsx" and recent.count("/data/file5.xlsx") == 1
    assert recent[1] == f"/data/file{MAX_RECENT + 2}.xlsx"


def test_settings_round_trip_through_the_file(tmp_path):
    first = Settings.from_file(tmp_path / "s.ini")
    first.add_recent_file("/a.xlsx")
    first.set_last_directory(str(tmp_path))
    first.sync()
    again = Settings.from_file(tmp_path / "s.ini")
    assert again.recent_files() == ["/a.xlsx"]
    assert again.last_directory() == str(tmp_path)
    assert Settings.from_file(tmp_path / "fresh.ini").window_geometry().isEmpty()


def test_window_geometry_and_recent_files_survive_a_restart(qtbot, tmp_path, messages):
    path = tmp_path / "window.ini"
    first = MainWindow(Settings.from_file(path))
    qtbot.addWidget(first)
    first.resize(720, 540)  # the offscreen screen is 800x600
    first.show()
    qtbot.waitExposed(first)
    first.settings.add_recent_file("/data/bcp.xlsx")
    first.close()
    second = MainWindow(Settings.from_file(path))
    qtbot.addWidget(second)
    assert second.size() == QSize(720, 540)
    assert [a.text() for a in second.menus.files.actions()][0] == "&1 bcp.xlsx"


# -- loading off the GUI thread ----------------------------------------------------------
def test_failing_load_keeps_old_data_and_says_why(window, monkeypatch, messages, qtbot):
    def load_files(paths, *, progress=None, cancelled=None):
        return Dataset(), [LoadError(p, "The file is not a spreadsheet or CSV file.") for p in paths]

    fake_loader(monkeypatch, load_files)
    window.session.set_data(bcp_dataset())
    window.open_files(["/nowhere/notes.docx"])
    qtbot.waitUntil(lambda: not window.is_loading, timeout=5000)
    assert window.items.tables.proxies["actions"].rowCount() == 7
    assert messages and "notes.docx: The file is not a spreadsheet or CSV file." in messages[0][2]
    assert window.settings.recent_files() == []


def test_partial_failure_shows_the_rest_and_lists_failures(window, monkeypatch, messages, qtbot):
    seen_threads: list[bool] = []

    def load_files(paths, *, progress=None, cancelled=None):
        seen_threads.append(threading.current_thread() is threading.main_thread())
        progress(0.5, "Reading good.xlsx")
        return bcp_dataset(), [LoadError(paths[1], "The file is empty.")]

    fake_loader(monkeypatch, load_files)
    window.open_files(["/data/good.xlsx", "/data/empty.csv"])
    qtbot.waitUntil(lambda: not window.is_loading, timeout=5000)
    assert seen_threads == [False]  # read off the GUI thread
    assert window.items.tables.proxies["events"].rowCount() == 8
    assert "empty.csv: The file is empty." in messages[0][2]
    assert window.settings.recent_files() == ["/data/good.xlsx"]


def test_cancel_keeps_old_data(window, monkeypatch, qtbot):
    started = threading.Event()

    def load_files(paths, *, progress=None, cancelled=None):
        progress(0.25, "Reading slow.xlsx")
        started.set()
        while not cancelled():
            threading.Event().wait(0.01)
        raise Cancelled()

    fake_loader(monkeypatch, load_files)
    window.session.set_data(bcp_dataset())
    window.show()
    window.open_files(["/data/slow.xlsx"])
    qtbot.waitUntil(lambda: started.is_set() and window.status.progress_bar.value() == 25, timeout=5000)
    assert window.status.cancel_button.isVisible()
    qtbot.mouseClick(window.status.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.is_loading, timeout=5000)
    assert "cancelled" in window.statusBar().currentMessage()
    assert window.items.tables.proxies["actions"].rowCount() == 7 and not window.status.cancel_button.isVisible()


def test_a_crashing_reader_becomes_a_sentence(window, monkeypatch, messages, qtbot):
    def load_files(paths, *, progress=None, cancelled=None):
        raise ZeroDivisionError("division by zero")

    fake_loader(monkeypatch, load_files)
    window.open_files(["/data/x.xlsx"])
    qtbot.waitUntil(lambda: not window.is_loading, timeout=5000)
    assert "internal error" in messages[0][2] and "Traceback" not in messages[0][2]


def test_loading_a_real_file_off_thread_finishes(window, tmp_path, messages, qtbot):
    try:
        import bcpviewer.io.loader  # noqa: F401
    except ModuleNotFoundError as exc:
        if exc.name != "bcpviewer.io.loader":
            raise
        pytest.skip("bcpviewer.io.loader is not written yet (another engineer is writing the importer)")
    csv = tmp_path / "actions.csv"
    csv.write_text(
        "ID,Workstream,Action,Owner,Due,Status\n"
        "A1,Workforce,Reduce agency staff,Head of Workforce,31/03/2023,Red\n"
        "A2,Front door,Recruit team managers,Director,30/09/2022,Complete\n"
        "A3,Care leavers,No young people in HMOs,Head of Corporate Parenting,31/03/2023,Amber\n",
        encoding="utf-8",
    )
    window.open_files([str(csv)])
    assert window.is_loading
    qtbot.waitUntil(lambda: not window.is_loading, timeout=20000)
    assert messages == []
    assert window.items.tables.proxies["actions"].rowCount() == 3
    assert window.items.tables.tabText(0) == "Actions (3)"
    assert window.settings.recent_files() == [str(csv)]


# -- the whole app, headless --------------------------------------------------------------
@pytest.mark.parametrize("args", [[], ["/no/such/file.xlsx"]], ids=["sample", "missing-file"])
def test_app_starts_and_quits_headless(tmp_path, args):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "BCPVIEWER_QUIT_AFTER_MS": "500",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    code = "import sys; from bcpviewer.ui.shell.app import run; sys.exit(run(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_ctrl_f_focuses_the_filter(window, qtbot):
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.items.tables.views["actions"].setFocus()
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.filter_bar.search.hasFocus, timeout=2000)


def test_events_known_only_to_the_month_or_year_say_no_more(qtbot):
    from bcpviewer.model.spans import SpanKind

    events = (
        Event("E1", EventKind.FOCUSED_VISIT, "Focused visit", date(2019, 11, 1),
              precision=SpanKind.MONTH),
        Event("E2", EventKind.ADVISER_APPOINTED, "Adviser appointed", date(2020, 1, 1),
              precision=SpanKind.YEAR),
    )
    model = EventTableModel(events)
    assert [model.index(r, 0).data() for r in range(2)] == ["Nov 2019", "2020"]


def test_the_status_line_counts_problems_apart_from_columns_not_used():
    from bcpviewer.model.records import (
        PROBLEM_NOT_KNOWN,
        PROBLEM_UNUSED_COLUMN,
        Problem,
    )

    problems = (Problem("t.xlsx", "Actions", 3, "C", "31/02/2023", "not a date"),
                Problem("t.xlsx", "Actions", None, "H", "", "column not used: 'Update'", PROBLEM_UNUSED_COLUMN),
                Problem("t.xlsx", "Actions", 4, "D", "TBC", "due date not known", PROBLEM_NOT_KNOWN))
    text = summary_text(Dataset(actions=bcp_dataset().actions, problems=problems))
    assert "1 problem, 1 column not used, 1 value not known" in text

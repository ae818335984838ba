"""Plan versions: the comparison panel (rows, words, filters, sorting, selection, empty state) and
the controller that reads another version off the GUI thread and decides which is older."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from bcpviewer.model.briefing import data_as_at
from bcpviewer.model.records import Action, Dataset, StatusUpdate
from bcpviewer.model.versions import Change, PlanComparison, compare_plans
from bcpviewer.model.vocab import Status
from bcpviewer.ui.analyses.plan_changes import EVERYTHING
from bcpviewer.ui.analyses.plan_versions import (
    PlanVersionsController,
    version_label,
    which_is_older,
)
from bcpviewer.ui.analyses.plan_versions_panel import EMPTY_TEXT, PlanVersionsPanel
from bcpviewer.ui.timeline.timeline_view import TimelineView

ROOT = Path(__file__).resolve().parent.parent
OLDER_SAMPLE = ROOT / "resources/samples/bcp-improvement-plan-2023.xlsx"
CURRENT_SAMPLE = ROOT / "resources/samples/bcp-childrens-services.xlsx"
WS1, WS2 = "1. Leadership", "2. Front door"
OLD_AT, NEW_AT = date(2023, 3, 31), date(2024, 3, 31)


def _old() -> list[Action]:
    return [
        Action("A1", "Appoint a permanent Director of Children's Services", WS1, "Chief Executive",
               date(2022, 3, 1), date(2022, 9, 30), status=Status.AMBER),
        Action("A2", "Set up an independently chaired improvement board", WS1, "DCS",
               date(2022, 3, 1), date(2022, 6, 30), status=Status.GREEN),
        Action("A3", "Review thresholds and publish a revised threshold document", WS2, "Head of MASH",
               date(2022, 4, 1), date(2022, 12, 31), status=Status.GREEN),
        Action("A4", "Run a foster carer recruitment campaign", WS2, "Head of Fostering",
               date(2022, 6, 1), date(2023, 3, 31), status=Status.RED),
        Action("A5", "Report to the O&S committee every quarter", WS1, "Lead Member",
               date(2022, 4, 1), date(2023, 3, 31), status=Status.GREEN),
    ]


def _new() -> list[Action]:
    return [
        Action("A1", "Appoint a permanent Director of Children's Services", WS1, "Chief Executive",
               date(2022, 3, 1), date(2022, 9, 30), revised_due=(date(2023, 3, 31),),
               status=Status.GREEN),
        Action("A2", "Set up an independently chaired improvement board", WS1, "Chief Executive",
               date(2022, 3, 1), date(2022, 6, 30), status=Status.GREEN),
        Action("B1", "Review thresholds and publish the revised threshold document", WS2,
               "Head of MASH", date(2022, 4, 1), date(2022, 12, 31),
               revised_due=(date(2023, 2, 28),), status=Status.GREEN),
        Action("N1", "Open a family hub in each locality", WS2, "Head of Early Help",
               date(2023, 4, 1), date(2024, 3, 31), status=Status.NOT_STARTED),
        Action("A5", "Report to the O&S committee every quarter", WS1, "Lead Member",
               date(2022, 4, 1), date(2023, 3, 31), status=Status.GREEN),
    ]


def comparison() -> PlanComparison:
    return compare_plans(_old(), _new(), old_label="old.xlsx (updates to 31 Mar 2023)",
                         new_label="new.xlsx (updates to 31 Mar 2024)")


@pytest.fixture
def panel(qtbot) -> PlanVersionsPanel:
    p = PlanVersionsPanel()
    qtbot.addWidget(p)
    p.resize(1300, 420)
    p.show()
    qtbot.waitExposed(p)
    return p


def _row(p: PlanVersionsPanel, start: str) -> list[str]:
    return next(r for r in p.row_texts() if r[1].startswith(start))


def _ids(p: PlanVersionsPanel) -> list[str]:
    return [r.action.id for r in p.shown_rows()]


# -- the panel ----------------------------------------------------------------------------------
def test_empty_state_says_what_to_do(panel):
    assert panel.pages.currentWidget() is panel.empty
    assert panel.empty.text() == EMPTY_TEXT and "Analysis › Compare plan versions…" in EMPTY_TEXT
    assert not panel.ghosts_check.isEnabled() and not panel.filter_combo.isEnabled()
    assert panel.compare_button.isEnabled()


def test_heading_and_rows_say_what_changed(panel):
    panel.set_comparison(comparison())
    assert panel.pages.currentWidget() is not panel.empty
    heading = panel.heading.text()
    assert "old.xlsx (updates to 31 Mar 2023)" in heading and "new.xlsx (updates to 31 Mar 2024)" in heading
    assert comparison().summary() in heading
    # "All changes" by default: the unchanged A5 is not listed; the dropped one follows A3's match
    assert _ids(panel) == ["A1", "A2", "B1", "A4", "N1"]
    a1 = _row(panel, "A1 ")
    assert a1[0] == "Re-dated, Re-rated"
    assert a1[2] == WS1
    assert a1[3] == "30 Sep 2022 → 31 Mar 2023" and a1[4] == "+182"
    assert a1[5] == "Chief Executive"
    assert a1[6] == "▲ Amber → ■ Green" and a1[7] == "id"
    a2 = _row(panel, "A2 ")
    assert a2[0] == "Re-owned" and a2[5] == "DCS → Chief Executive" and a2[4] == ""
    b1 = _row(panel, "B1 ")
    assert b1[1] == "B1 (was A3) Review thresholds and publish the revised threshold document"
    assert b1[0] == "Re-dated, Re-worded" and b1[4] == "+59"
    assert b1[7].startswith("title (") and b1[7].endswith("% alike)")
    dropped = _row(panel, "A4 ")
    assert dropped[0] == "Dropped" and dropped[3] == "31 Mar 2023 → –" and dropped[4] == ""
    assert dropped[5] == "Head of Fostering → –" and dropped[6] == "● Red → –"
    added = _row(panel, "N1 ")
    assert added[0] == "Added" and added[3] == "– → 31 Mar 2024" and added[7] == ""
    assert added[6] == "– → ○ Not started"
    # the full story is in the tooltip
    tip = panel.proxy.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "due 30 Sep 2022 → 31 Mar 2023 (+182 days)" in tip
    said = panel.proxy.index(0, 6).data(Qt.ItemDataRole.AccessibleTextRole)
    assert said == "Status: Amber (at risk) then, Green (on track) now"


@pytest.mark.parametrize(("which", "ids"), [
    (Change.ADDED, ["N1"]),
    (Change.DROPPED, ["A4"]),
    (Change.REDATED, ["A1", "B1"]),
    (Change.REOWNED, ["A2"]),
    (Change.RERATED, ["A1"]),
    (Change.RETITLED, ["B1"]),
    (EVERYTHING, ["A1", "A2", "B1", "A4", "N1", "A5"]),
])
def test_filters(panel, which, ids):
    panel.set_comparison(comparison())
    panel.set_filter(which)
    assert _ids(panel) == ids
    assert panel.shown_label.text().startswith(f"{len(ids)} of 6 actions listed")


def test_filter_combo_counts_each_kind_and_is_keyboard_reachable(panel):
    panel.set_comparison(comparison())
    items = [panel.filter_combo.itemText(i) for i in range(panel.filter_combo.count())]
    assert items[:6] == ["All changes (5)", "Added (1)", "Dropped (1)", "Re-dated (2)", "Re-owned (1)",
                         "Re-rated (1)"]
    assert items[-1] == "Everything (6)"
    assert panel.filter_combo.focusPolicy() & Qt.FocusPolicy.TabFocus
    panel.filter_combo.setCurrentIndex(2)
    assert _ids(panel) == ["A4"]
    for w in (panel.filter_combo, panel.ghosts_check, panel.compare_button, panel.table):
        assert w.accessibleName()


def test_sorting_by_shift_puts_the_longest_slip_first_and_blanks_last(panel):
    panel.set_comparison(comparison())
    panel.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    assert _ids(panel)[:2] == ["A1", "B1"]
    panel.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    assert _ids(panel)[:2] == ["B1", "A1"]


def test_click_and_enter_select_the_current_action_dropped_rows_select_nothing(panel, qtbot):
    panel.set_comparison(comparison())
    table = panel.table
    row = _ids(panel).index("B1")
    rect = table.visualRect(panel.proxy.index(row, 1))
    with qtbot.waitSignal(panel.item_selected) as sig:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sig.args == ["action:B1"]
    table.setFocus()
    table.setCurrentIndex(panel.proxy.index(_ids(panel).index("N1"), 0))
    with qtbot.waitSignal(panel.item_selected) as sig:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert sig.args == ["action:N1"]
    dropped = table.visualRect(panel.proxy.index(_ids(panel).index("A4"), 1))
    with qtbot.assertNotEmitted(panel.item_selected):
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=dropped.center())


def test_when_the_open_data_is_older_rows_name_its_actions(panel, qtbot):
    panel.set_open_is_newer(False)
    panel.set_comparison(comparison())
    assert not panel.ghosts_check.isEnabled()
    row = _ids(panel).index("B1")
    with qtbot.waitSignal(panel.item_selected) as sig:
        panel.table.clicked.emit(panel.proxy.index(row, 0))
    assert sig.args == ["action:A3"]


def test_switch_and_button_emit(panel, qtbot):
    panel.set_comparison(comparison())
    assert panel.ghosts_check.isEnabled()
    with qtbot.waitSignal(panel.ghosts_toggled) as sig:
        panel.ghosts_check.click()
    assert sig.args == [True]
    with qtbot.waitSignal(panel.compare_requested):
        panel.compare_button.click()
    panel.set_comparison(None)
    assert panel.pages.currentWidget() is panel.empty and panel.model.rowCount() == 0


# -- versions -----------------------------------------------------------------------------------
def _dated(actions: list[Action], as_at: date) -> Dataset:
    return Dataset(actions=tuple(
        Action(a.id, a.title, a.workstream, a.owner, a.start, a.due, a.revised_due,
               status=a.status, history=(StatusUpdate(as_at, a.status),)) for a in actions),
        files=("x.xlsx",))


def test_labels_and_which_is_older():
    old, new = _dated(_old(), OLD_AT), _dated(_new(), NEW_AT)
    assert data_as_at(old) == OLD_AT and data_as_at(Dataset()) is None
    assert version_label(old, "bcp-improvement-plan-2023.xlsx") == \
        "bcp-improvement-plan-2023.xlsx (updates to 31 Mar 2023)"
    assert version_label(new) == "x.xlsx (updates to 31 Mar 2024)"
    assert version_label(Dataset(actions=tuple(_old()))) == "the open data (no update dates)"
    assert which_is_older(old, new)[0] is True
    chosen_newer, why = which_is_older(new, old, "plan.xlsx")
    assert chosen_newer is False and why == ("The file plan.xlsx has updates to 31 Mar 2024, later "
                                             "than the open data's 31 Mar 2023, so the open data is "
                                             "the older version.")
    assert which_is_older(old, old)[1] == ("The chosen file and the open data both have updates to "
                                           "31 Mar 2023, so the file is taken as the older version.")
    assert which_is_older(Dataset(actions=tuple(_old())), new)[0] is True


# -- the controller -----------------------------------------------------------------------------
def _rows(actions: list[Action], as_at: date) -> list[dict]:
    return [dict(id=a.id, workstream=a.workstream, title=a.title, owner=a.owner, start=a.start,
                 due=a.due, revised_due=a.revised_due[-1] if a.revised_due else None,
                 status=a.status.label.split(" (")[0], status_date=as_at) for a in actions]


@pytest.fixture
def workbooks(tmp_path) -> tuple[Path, Path]:
    from bcpviewer.io.template import write_template

    old, new = tmp_path / "plan-2023.xlsx", tmp_path / "plan-2024.xlsx"
    write_template(old, {"actions": _rows(_old(), OLD_AT)})
    write_template(new, {"actions": _rows(_new(), NEW_AT)})
    return old, new


def _load(path: Path) -> Dataset:
    from bcpviewer.io.loader import load_file

    return load_file(str(path))


@pytest.fixture
def controller(qtbot):
    c = PlanVersionsController()
    yield c
    c.wait()


def test_reads_an_older_workbook_off_the_gui_thread_and_compares(controller, workbooks, qtbot):
    old, new = workbooks
    controller.set_current(_load(new))
    messages: list[str] = []
    controller.message.connect(messages.append)
    with qtbot.waitSignal(controller.comparison_changed, timeout=20000) as sig:
        controller.load(str(old))
    cmp = sig.args[0]
    assert cmp is controller.comparison and controller.open_is_newer
    assert cmp.old_label == "plan-2023.xlsx (updates to 31 Mar 2023)"
    assert cmp.new_label == "plan-2024.xlsx (updates to 31 Mar 2024)"
    counts = cmp.counts()
    assert (counts[Change.ADDED], counts[Change.DROPPED], counts[Change.REDATED],
            counts[Change.REOWNED], counts[Change.RERATED]) == (1, 1, 2, 1, 1)
    assert messages[0] == "Reading plan-2023.xlsx to compare…"
    assert messages[-1] == ("The file plan-2023.xlsx has updates to 31 Mar 2023 and the open data to "
                            "31 Mar 2024, so the file is the older version.")
    assert {g.key for g in controller.ghosts()} == {"action:A1", "action:B1", None}
    assert controller.ghost_label() == "Older version: plan-2023.xlsx (updates to 31 Mar 2023)"
    # the open data changes: compared again, without reading the file again
    with qtbot.waitSignal(controller.comparison_changed) as sig:
        controller.set_current(_load(old))
    assert sig.args[0].counts()[Change.REDATED] == 0


def test_a_newer_file_makes_the_open_data_the_older_version(controller, workbooks, qtbot):
    old, new = workbooks
    controller.set_current(_load(old))
    with qtbot.waitSignal(controller.comparison_changed, timeout=20000) as sig:
        controller.load(str(new))
    cmp = sig.args[0]
    assert not controller.open_is_newer
    assert cmp.old_label.startswith("plan-2023.xlsx") and cmp.new_label.startswith("plan-2024.xlsx")
    assert controller.ghosts() == ()  # the timeline shows the older version: nothing older to draw


@pytest.mark.parametrize(("name", "expected"), [
    ("missing.xlsx", "missing.xlsx could not be read: there is no such file"),
    ("events-only.xlsx", "events-only.xlsx has no improvement-plan actions to compare."),
])
def test_an_unusable_file_is_one_sentence(controller, workbooks, tmp_path, qtbot, name, expected):
    from bcpviewer.io.template import write_template

    write_template(tmp_path / "events-only.xlsx", {"events": [
        dict(id="E1", date=date(2022, 2, 11), kind="Standard inspection", title="ILACS inspection")]})
    controller.set_current(_load(workbooks[1]))
    with qtbot.assertNotEmitted(controller.comparison_changed), \
            qtbot.waitSignal(controller.failed, timeout=20000) as sig:
        controller.load(str(tmp_path / name))
    text = sig.args[0]
    assert text.startswith(expected) and text.endswith(".") and "\n" not in text
    assert "Traceback" not in text and controller.comparison is None


def test_open_data_without_actions_says_so(controller, workbooks, qtbot):
    controller.set_current(Dataset())
    with qtbot.waitSignal(controller.failed, timeout=20000) as sig:
        controller.load(str(workbooks[0]))
    assert sig.args == ["The open data has no improvement-plan actions to compare with."]


def test_reading_can_be_cancelled(controller, workbooks, qtbot, monkeypatch):
    from bcpviewer.io import worker
    from bcpviewer.io.errors import Cancelled

    def slow(paths, *, progress=None, cancelled=None, **_kw):  # a read that only ends when cancelled
        progress(0.1, "Reading sheet Actions")
        while not cancelled():
            time.sleep(0.005)
        raise Cancelled()

    monkeypatch.setattr(worker, "load_files_isolated", slow)
    controller.set_current(_load(workbooks[1]))
    busy: list[bool] = []
    controller.busy_changed.connect(busy.append)
    with qtbot.waitSignal(controller.message, timeout=5000,
                          check_params_cb=lambda m: m.startswith("Reading plan-2023.xlsx: 10%")):
        controller.load(str(workbooks[0]))
    assert controller.is_loading
    with qtbot.waitSignal(controller.message, check_params_cb=lambda m: m == "Comparison cancelled."):
        controller.cancel()
    assert busy == [True, False] and controller.comparison is None and not controller.is_loading


def test_choose_asks_for_a_file(controller, workbooks, qtbot, monkeypatch):
    asked: list[str] = []

    def pick(parent, caption, folder, filters):
        asked.append(filters)
        return str(workbooks[0]), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    controller.set_current(_load(workbooks[1]))
    with qtbot.waitSignal(controller.comparison_changed, timeout=20000):
        assert controller.choose(None) is True
    assert all(ext in asked[0] for ext in ("*.xlsx", "*.xls", "*.xlsm", "*.ods", "*.csv"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: ("", ""))
    assert controller.choose(None) is False


def test_attach_wires_the_panel_and_the_timeline(controller, workbooks, qtbot, monkeypatch):
    panel = PlanVersionsPanel()
    timeline = TimelineView()
    qtbot.addWidget(panel)
    qtbot.addWidget(timeline)
    current = _load(workbooks[1])
    timeline.set_dataset(current, date(2024, 6, 1))
    controller.set_current(current)
    controller.attach(panel, timeline)
    with qtbot.waitSignal(controller.comparison_changed, timeout=20000):
        controller.load(str(workbooks[0]))
    assert panel.comparison is controller.comparison and "older version" in panel.status.text()
    assert timeline.ghost_counts() == (0, 0)
    panel.ghosts_check.setChecked(True)
    assert timeline.ghost_counts() == (3, 3)
    assert timeline.lanes()[-1].label == "Dropped from the plan"
    panel.ghosts_check.setChecked(False)
    assert timeline.ghost_counts() == (0, 0)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: ("", ""))
    panel.compare_button.click()  # asks (here: nothing chosen), nothing changes
    assert panel.comparison is controller.comparison


def test_the_bundled_older_tracker_against_the_sample(controller, qtbot, tmp_path):
    if not OLDER_SAMPLE.exists() or not CURRENT_SAMPLE.exists():
        pytest.skip("the bundled older tracker (resources/samples/bcp-improvement-plan-2023.xlsx) "
                    "or the sample is not there")
    panel = PlanVersionsPanel()
    qtbot.addWidget(panel)
    panel.resize(1300, 500)
    panel.show()
    controller.attach(panel)
    controller.set_current(_load(CURRENT_SAMPLE))
    with qtbot.waitSignal(controller.comparison_changed, timeout=30000) as sig:
        controller.load(str(OLDER_SAMPLE))
    cmp = sig.args[0]
    assert controller.open_is_newer and cmp.changed
    QApplication.processEvents()
    panel.grab().save(str(tmp_path / "plan-versions.png"))
    assert panel.proxy.rowCount() == len(cmp.changed)

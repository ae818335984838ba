"""The Targets panel and target dialog on the bundled sample: outcomes with glyphs, margins, read-only
workbook targets, signals, and entering a target (UK dates, no date, value required)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from bcpviewer.io.loader import load_file
from bcpviewer.model.records import Target
from bcpviewer.model.targets import Outcome, check_targets
from bcpviewer.ui.analyses.target_dialog import TargetDialog, next_march
from bcpviewer.ui.analyses.target_table import WORKBOOK_TIP, margin_text, outcome_text
from bcpviewer.ui.analyses.targets_panel import EMPTY_TEXT, TargetsPanel

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "samples" / "bcp-childrens-services.xlsx"
AS_OF = date(2026, 11, 23)
COLUMNS = ["Metric", "Target", "Due", "Outcome", "Judged on", "By how much", "Latest", "From"]
MINE = Target(15.0, date(2024, 3, 31))


@pytest.fixture(scope="module")
def dataset():
    if not SAMPLE.is_file():
        pytest.skip(f"the bundled sample {SAMPLE.name} is not in this checkout")
    return load_file(SAMPLE)


def sid(dataset, name: str) -> str:
    return next(s.id for s in dataset.series if s.name == name)


@pytest.fixture
def extra(dataset):
    return {sid(dataset, "Average caseload per social worker"): (MINE,),
            sid(dataset, "Young people placed in HMOs"): (Target(0.0),)}


@pytest.fixture
def checks(dataset, extra):
    return check_targets(dataset.series, AS_OF, extra)


@pytest.fixture
def panel(qtbot, checks):
    p = TargetsPanel()
    qtbot.addWidget(p)
    p.resize(1200, 320)
    p.set_checks(checks)
    return p


def row_of(p: TargetsPanel, pred) -> int:
    for r in range(p.proxy.rowCount()):
        if pred(p.model.record(p.proxy.mapToSource(p.proxy.index(r, 0)).row())):
            return r
    raise AssertionError("no such row")


def text(p: TargetsPanel, row: int, header: str, role=Qt.ItemDataRole.DisplayRole):
    return p.proxy.index(row, COLUMNS.index(header)).data(role)


def test_rows_show_outcome_with_glyph_and_word_and_the_margin(panel, checks):
    headers = [panel.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))]
    assert headers == COLUMNS and panel.proxy.rowCount() == len(checks)
    missed = row_of(panel, lambda c: c.outcome is Outcome.MISSED and not c.entered_in_app)
    check = panel.model.record(panel.proxy.mapToSource(panel.proxy.index(missed, 0)).row())
    assert text(panel, missed, "Outcome") == "✗ Missed"
    assert text(panel, missed, "From") == "Workbook"
    assert text(panel, missed, "Target") == check.label
    m = check.margin
    if check.series.unit.startswith("%"):
        assert text(panel, missed, "By how much") == f"Missed by {abs(m):g} pp"
        assert "percentage points" in text(panel, missed, "By how much", Qt.ItemDataRole.ToolTipRole)
    assert text(panel, missed, "Outcome", Qt.ItemDataRole.ToolTipRole) == check.explanation
    assert text(panel, missed, "Outcome", Qt.ItemDataRole.BackgroundRole) is not None
    mine = row_of(panel, lambda c: c.target == MINE)
    assert text(panel, mine, "Due") == "31 Mar 2024" and text(panel, mine, "From") == "Entered in app"
    assert text(panel, mine, "Judged on").endswith("(30 Sep 2024)")
    undated = row_of(panel, lambda c: c.target == Target(0.0))
    assert text(panel, undated, "Due") == "No date" and text(panel, undated, "Outcome") == "– No date"
    assert panel.summary.text().startswith(f"{len(checks)} targets: ")


def test_outcome_words_and_margins_for_every_outcome(checks):
    words = {"met": "✓ Met", "missed": "✗ Missed", "not_yet_due": "◷ Not yet due",
             "no_figure": "? Due, no figure yet", "no_date": "– No date"}
    for c in checks:
        assert outcome_text(c) == words[c.outcome.value]
        if c.outcome in (Outcome.MET, Outcome.MISSED):
            assert margin_text(c).startswith(("Beaten by", "Missed by", "Met exactly"))
        else:
            assert margin_text(c) == ""


def test_workbook_targets_are_read_only_and_say_why(panel, qtbot):
    assert not panel.edit_button.isEnabled() and not panel.remove_button.isEnabled()
    workbook = row_of(panel, lambda c: not c.entered_in_app)
    panel.view.selectRow(workbook)
    assert not panel.edit_button.isEnabled() and panel.edit_button.toolTip() == WORKBOOK_TIP
    assert panel.remove_button.toolTip() == WORKBOOK_TIP
    with qtbot.assertNotEmitted(panel.remove_requested):
        panel.remove_button.click()


def test_targets_entered_in_the_app_can_be_edited_and_removed(panel, qtbot, dataset):
    caseload = sid(dataset, "Average caseload per social worker")
    panel.view.selectRow(row_of(panel, lambda c: c.target == MINE))
    assert panel.edit_button.isEnabled() and panel.remove_button.isEnabled()
    assert panel.explanation.text().startswith("Average caseload per social worker — At most 15 cases per "
                                               "FTE by 31 Mar 2024: 15.3 cases per FTE at 30 Sep 2024")
    with qtbot.waitSignal(panel.edit_requested) as got:
        panel.edit_button.click()
    assert got.args == [caseload, MINE]
    with qtbot.waitSignal(panel.remove_requested) as got:
        panel.remove_button.click()
    assert got.args == [caseload, MINE]
    with qtbot.waitSignal(panel.add_requested):
        panel.add_button.click()


def test_clicking_a_row_selects_its_metric_and_selection_survives_a_refresh(panel, qtbot, checks, dataset):
    panel.show()
    qtbot.waitExposed(panel)
    row = row_of(panel, lambda c: c.target == MINE)
    with qtbot.waitSignal(panel.metric_selected) as got:
        QTest.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton,
                         pos=panel.view.visualRect(panel.proxy.index(row, 0)).center())
    assert got.args == [sid(dataset, "Average caseload per social worker")]
    panel.set_checks(list(reversed(checks)))
    assert panel.selected_check() is not None and panel.selected_check().target == MINE


def test_empty_state_says_how_to_add_a_target(qtbot):
    p = TargetsPanel()
    qtbot.addWidget(p)
    assert p.stack.currentWidget() is p.empty and p.empty.text() == EMPTY_TEXT
    assert p.add_button.isEnabled() and not p.edit_button.isEnabled()
    for w in (p.add_button, p.edit_button, p.remove_button, p.view):
        assert w.accessibleName()


# -- the dialog ------------------------------------------------------------------------------------------------
def test_new_target_dialog_defaults_to_the_latest_figure_and_next_march(qtbot, dataset):
    d = TargetDialog(dataset.series, None, today=AS_OF)
    qtbot.addWidget(d)
    assert d.windowTitle() == "Add target" and d.date_edit.displayFormat() == "dd/MM/yyyy"
    first = dataset.series[0]
    assert d.current_series() is first and d.value_spin.value() == pytest.approx(first.latest().value)
    assert d.due() == next_march(AS_OF) == date(2027, 3, 31)
    assert d.value_spin.suffix().strip() == first.unit.strip() or first.unit.startswith("%")
    assert "Not yet due" in d.preview.text()
    vacancy = sid(dataset, "Social worker vacancy rate")
    d.metric_box.setCurrentIndex(d.metric_box.findData(vacancy))
    d.value_spin.setValue(20)
    d.date_edit.setDate(QDate(2025, 3, 31))
    d.label_edit.setText("  Below 20% by March 2025 ")
    assert d.result_target() == (vacancy, Target(20.0, date(2025, 3, 31), "Below 20% by March 2025"))
    d.no_date.setChecked(True)
    assert not d.date_edit.isEnabled() and d.result_target()[1].due is None
    for w in (d.metric_box, d.value_spin, d.date_edit, d.no_date, d.label_edit):
        assert w.accessibleName()


def test_the_value_is_required(qtbot, dataset):
    d = TargetDialog(dataset.series, None, today=AS_OF)
    qtbot.addWidget(d)
    ok = d.buttons.button(QDialogButtonBox.StandardButton.Ok)
    d.value_spin.lineEdit().selectAll()
    QTest.keyClick(d.value_spin.lineEdit(), Qt.Key.Key_Delete)
    assert d.result_target() is None and not ok.isEnabled()
    assert d.error.text() == "Enter the target value."
    d.accept()
    assert d.result() == 0  # not accepted
    QTest.keyClicks(d.value_spin.lineEdit(), "18")
    assert ok.isEnabled() and d.result_target()[1].value == 18


def test_editing_a_target_fills_the_dialog(qtbot, dataset):
    caseload = sid(dataset, "Average caseload per social worker")
    d = TargetDialog(dataset.series, None, series_id=caseload, target=MINE, today=AS_OF)
    qtbot.addWidget(d)
    assert d.windowTitle() == "Edit target"
    assert d.result_target() == (caseload, MINE)
    assert d.date_edit.text() == "31/03/2024"
    assert "cases per FTE" in d.value_spin.suffix()
    hmo = sid(dataset, "Young people placed in HMOs")
    undated = TargetDialog(dataset.series, None, series_id=hmo, target=Target(0.0), today=AS_OF)
    qtbot.addWidget(undated)
    assert undated.no_date.isChecked() and undated.result_target() == (hmo, Target(0.0))
    assert undated.value_spin.suffix() == "" and undated.value_spin.decimals() == 0  # a count


def test_without_metrics_the_dialog_says_so(qtbot):
    d = TargetDialog([], None, today=AS_OF)
    qtbot.addWidget(d)
    assert "No metrics are loaded" in d.error.text() and d.result_target() is None
    assert not d.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()

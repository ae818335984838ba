"""The analyses wired into the main window: Analysis menu, panels, details chart, links, targets,
plan versions with ghosts, disagreements across two files, and the Journeys window."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from bcpviewer.io.loader import load_file
from bcpviewer.model.records import Target, merge_datasets
from bcpviewer.model.targets import Outcome
from bcpviewer.ui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "bcp-childrens-services.xlsx"
OLDER = ROOT / "resources" / "samples" / "bcp-improvement-plan-2023.xlsx"
OFSTED = ROOT.parent / "shared" / "data" / "ofsted" / "ofsted_csc_ilacs_history.csv"
TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for kind in ("warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **kw: None)


@pytest.fixture(scope="module")
def sample():
    return load_file(SAMPLE)


@pytest.fixture
def window(make_window, sample) -> MainWindow:
    w = make_window(today=TODAY, autosave_ms=3_600_000)
    w.resize(1500, 950)
    w.session.set_data(sample)
    return w


def test_impact_panel_lists_concerns_first(window):
    checks = window.analysis.impact_checks
    assert checks and checks[0].concern
    concerns = {c.action.id for c in checks if c.concern}
    assert "A6.05" in concerns  # Complete, while caseload rose from 14.3 to 14.6
    assert window.analysis.impact_panel.model.rowCount() == len(checks)


def test_selecting_an_action_shows_its_metric_chart_and_events_hide_it(window):
    window.session.select("action:A6.05")
    view = window.analysis.metric_view
    assert not view.isHidden() and view.has_chart and view.key == "action:A6.05"
    assert "Got worse" in view.verdict_line
    event = window.session.dataset.events[0]
    window.session.select(f"event:{event.id}")
    assert view.isHidden()


def test_link_made_in_the_app_is_undoable_and_recomputes(window):
    agency = next(s for s in window.session.dataset.series if s.name == "Agency social worker rate")
    key = "action:A1.01"  # names no metric in the tracker
    assert all(c.action.id != "A1.01" for c in window.analysis.impact_checks)
    window.editor.link_metric(key, agency.id, name=agency.name)
    linked = [c for c in window.analysis.impact_checks if c.action.id == "A1.01"]
    assert linked and linked[0].linked_in_app and linked[0].series.id == agency.id
    assert window.session.undo_stack.undoText().startswith("Link")
    assert window.isWindowModified() or window.project.is_dirty
    window.session.undo_stack.undo()
    assert all(c.action.id != "A1.01" for c in window.analysis.impact_checks)


def test_target_entered_in_the_app_reaches_table_and_charts(window):
    turnover = next(s for s in window.session.dataset.series if s.name == "Social worker turnover rate")
    before = len(window.analysis.target_checks)
    window.editor.add_target(turnover.id, Target(10.0, date(2025, 9, 30)))
    checks = window.analysis.target_checks
    assert len(checks) == before + 1
    mine = next(c for c in checks if c.entered_in_app)
    assert mine.outcome is Outcome.MISSED and mine.margin == pytest.approx(-2.0)
    window.charts.metrics.set_checked([turnover.name])
    (chart,) = window.charts.metrics.charts()
    assert any(t.value == 10.0 for t in chart.series.targets)
    window.session.undo_stack.undo()
    assert len(window.analysis.target_checks) == before


def test_compare_with_the_older_tracker_and_show_ghosts(window, qtbot):
    if not OLDER.exists():
        pytest.skip("the older sample tracker is not built")
    versions = window.analysis.versions
    with qtbot.waitSignal(versions.comparison_changed, timeout=20_000):
        versions.load(str(OLDER))
    cmp = window.analysis.comparison
    assert cmp is not None and cmp.changed
    counts = cmp.counts()
    assert all(counts[k] > 0 for k in counts if k.value in ("added", "dropped", "redated"))
    panel = window.analysis.versions_panel
    assert panel.shown_rows()
    panel.ghosts_check.setChecked(True)
    drawn, given = window.timeline.ghost_counts()
    assert given > 0 and drawn > 0
    panel.ghosts_check.setChecked(False)
    assert window.timeline.ghost_counts()[0] == 0


def test_two_files_that_disagree_are_listed_side_by_side(window, sample):
    if not OLDER.exists():
        pytest.skip("the older sample tracker is not built")
    both = merge_datasets([sample, load_file(OLDER)])
    window.session.set_data(both)
    found = window.analysis.disagreements
    assert found and window.analysis.disagreements_panel.row_count() == len(found)
    keys = [k for d in found for k in d.keys if k.startswith("event:")]
    window.session.select(keys[0])
    assert "Sources differ" in window.items.details.toPlainText()


def test_analysis_menu_opens_the_panels(window):
    window.analysis.targets_action.trigger()
    assert not window.docks.dock("targets_dock").isHidden()
    window.analysis.impact_action.trigger()
    assert not window.docks.dock("impact_dock").isHidden()


def test_journeys_window_opens_with_the_open_official_file(window, qtbot):
    if not OFSTED.exists():
        pytest.skip("../shared/data/ofsted is not available here")
    window.session.set_sources([str(OFSTED)])
    window.analysis.open_journeys()
    win = window.analysis._journeys_window
    assert win is not None and win.isVisible()
    qtbot.waitUntil(lambda: bool(win.current_journeys()) or not win._busy, timeout=20_000)
    journeys, _metric, _unit, anchor, _own = window.analysis.journeys_for_pack()
    assert isinstance(journeys, list) and "inadequate" in anchor
    window.analysis.shutdown()

"""The Progress vs impact panel on the bundled sample: summary, rows, glyphs, filter, selection, links."""

from __future__ import annotations

import dataclasses

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from bcpviewer.io.loader import load_file
from bcpviewer.model.impact import Effect, check_impact
from bcpviewer.ui.analyses.impact_panel import EMPTY_TEXT, ImpactPanel, effect_text, summary_text

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "samples" / "bcp-childrens-services.xlsx"
AS_OF = date(2026, 11, 23)
COLUMNS = ["Action", "Status", "Metric", "Before", "Latest", "Change", "Effect", "Link"]


@pytest.fixture(scope="module")
def dataset():
    if not SAMPLE.is_file():
        pytest.skip(f"the bundled sample {SAMPLE.name} is not in this checkout")
    return load_file(SAMPLE)


@pytest.fixture
def checks(dataset):
    return check_impact(dataset.actions, dataset.series, AS_OF)


@pytest.fixture
def panel(qtbot, checks):
    p = ImpactPanel()
    qtbot.addWidget(p)
    p.resize(1200, 360)
    p.set_checks(checks, AS_OF)
    return p


def cell(p: ImpactPanel, key: str, header: str, role=Qt.ItemDataRole.DisplayRole):
    index = p.proxy.index_of_key(key)
    assert index.isValid(), key
    return p.proxy.index(index.row(), COLUMNS.index(header)).data(role)


def click_row(qtbot, p: ImpactPanel, key: str) -> None:
    index = p.proxy.index_of_key(key)
    rect = p.view.visualRect(index)
    QTest.mouseClick(p.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def count(checks, effect: Effect) -> int:
    return sum(c.effect is effect for c in checks)


def test_summary_counts_the_actions_rated_done_whose_metric_got_worse(panel, checks):
    concerns = [c for c in checks if c.concern]
    assert concerns and "action:A6.05" in {f"action:{c.action.id}" for c in concerns}
    n = len(concerns)
    assert panel.summary.text() == (
        f"{n} action{'s' if n != 1 else ''} rated Green or Complete whose metric got worse · "
        f"{count(checks, Effect.IMPROVED)} improved · {count(checks, Effect.NO_DIRECTION)} no better "
        f"direction · {count(checks, Effect.NO_DATA)} without figures (figures to 23 Nov 2026)")
    assert summary_text(checks) == panel.summary.text().split(" (figures")[0]
    assert summary_text(checks[-1:]).startswith("0 actions rated") and "1 improved" in summary_text(checks[-1:])
    headers = [panel.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))]
    assert headers == COLUMNS
    assert panel.shown_keys()[:n] == [f"action:{c.action.id}" for c in concerns]  # concerns first


def test_rows_show_status_figures_change_and_effect_with_a_glyph_and_a_word(panel):
    key = "action:A6.05"
    assert cell(panel, key, "Action").startswith("A6.05 Keep average caseloads")
    assert cell(panel, key, "Status") == "✓ Complete"
    assert cell(panel, key, "Metric") == "Average caseload per social worker"
    assert cell(panel, key, "Before") == "14.3 cases per FTE (30 Sep 2021)"
    assert cell(panel, key, "Latest") == "14.6 cases per FTE (30 Sep 2025)"
    assert cell(panel, key, "Change") == "+0.3"
    assert cell(panel, key, "Effect") == "⚠ ✗ Got worse"  # never colour alone: glyphs and words
    assert "Rated Green or Complete" in cell(panel, key, "Effect", Qt.ItemDataRole.ToolTipRole)
    assert cell(panel, key, "Effect", Qt.ItemDataRole.BackgroundRole) is not None
    assert cell(panel, key, "Link") == "Tracker"
    assert cell(panel, "action:A6.01", "Change") == "−9.1 pp"
    assert "percentage points" in cell(panel, "action:A6.01", "Change", Qt.ItemDataRole.ToolTipRole)
    assert cell(panel, "action:A6.01", "Effect") == "✓ Improved"
    assert cell(panel, "action:A4.07", "Effect") == "▲ Changed (no better direction)"
    assert "first one after it is the baseline" in cell(panel, "action:A5.02", "Before",
                                                       Qt.ItemDataRole.ToolTipRole)


def test_the_filter_keeps_concerns_worse_improved_or_no_figures(panel, checks):
    def keys(keep) -> list[str]:
        return [f"action:{c.action.id}" for c in checks if keep(c)]

    panel.set_filter("Rated done but worse")
    assert panel.shown_keys() == keys(lambda c: c.concern) != []
    panel.set_filter("Worse")
    assert panel.shown_keys() == keys(lambda c: c.effect is Effect.WORSENED)
    panel.set_filter("Improved")
    assert panel.shown_keys() == keys(lambda c: c.effect is Effect.IMPROVED) != []
    panel.set_filter("No figures")
    assert panel.shown_keys() == keys(lambda c: c.effect is Effect.NO_DATA)
    if not panel.shown_keys():
        assert "Choose All" in panel.explanation.text()
    panel.set_filter("All")
    assert len(panel.shown_keys()) == len(checks)
    assert panel.filter_box.accessibleName()


def test_clicking_a_row_explains_it_and_selects_the_action(panel, qtbot):
    panel.show()
    qtbot.waitExposed(panel)
    with qtbot.waitSignal(panel.item_selected) as got:
        click_row(qtbot, panel, "action:A6.01")
    assert got.args == ["action:A6.01"]
    assert panel.explanation.text().startswith("A6.01: Agency social worker rate: 37.4% (30 Sep 2021) to "
                                               "28.3% (30 Sep 2025) — improved, lower is better.")
    with qtbot.waitSignal(panel.item_selected) as got:
        QTest.keyClick(panel.view, Qt.Key.Key_Down)
        QTest.keyClick(panel.view, Qt.Key.Key_Return)
    assert got.args == [panel.selected_key()] and panel.selected_key() != "action:A6.01"


def test_link_to_metric_asks_for_the_selected_or_outside_action(panel, qtbot):
    panel.select(None)
    assert not panel.link_button.isEnabled()
    panel.select("action:A6.05")
    assert panel.selected_key() == "action:A6.05" and "⚠" in panel.explanation.text()
    with qtbot.waitSignal(panel.link_requested) as got:
        panel.link_button.click()
    assert got.args == ["action:A6.05"]
    bare = "action:NOT-LISTED"  # selected on the timeline; it names no metric so is not listed
    panel.select(bare)
    assert panel.selected_key() is None and panel.link_button.isEnabled()
    with qtbot.waitSignal(panel.link_requested) as got:
        panel.link_button.click()
    assert got.args == [bare]
    panel.select("event:E07")
    assert not panel.link_button.isEnabled()


def test_a_link_made_in_the_app_is_marked_and_the_selection_survives_a_refresh(panel, dataset):
    panel.select("action:A6.07")
    vacancy = next(s.id for s in dataset.series if s.name == "Social worker vacancy rate")
    linked = check_impact(dataset.actions, dataset.series, AS_OF, {"action:A6.07": vacancy})
    panel.set_checks(linked, AS_OF)
    assert panel.selected_key() == "action:A6.07"
    assert cell(panel, "action:A6.07", "Link") == "Linked in app"
    assert cell(panel, "action:A6.07", "Metric") == "Social worker vacancy rate"


def test_sorting_by_effect_and_change(panel, checks):
    by_change = min((c for c in checks if c.change is not None), key=lambda c: c.change)
    panel.view.sortByColumn(COLUMNS.index("Change"), Qt.SortOrder.AscendingOrder)
    assert panel.shown_keys()[0] == f"action:{by_change.action.id}"  # the biggest fall first
    panel.view.sortByColumn(COLUMNS.index("Effect"), Qt.SortOrder.AscendingOrder)
    top = panel.shown_keys()[0]
    assert next(c for c in checks if f"action:{c.action.id}" == top).concern


def test_empty_state_says_what_to_do(qtbot):
    p = ImpactPanel()
    qtbot.addWidget(p)
    assert p.stack.currentWidget() is p.empty and p.empty.text() == EMPTY_TEXT
    assert not p.filter_box.isVisibleTo(p) and not p.link_button.isEnabled()


def test_a_link_to_a_metric_not_loaded_falls_back_to_the_trackers(dataset):
    a = next(a for a in dataset.actions if a.id == "A6.05")
    (check,) = check_impact([a], dataset.series, AS_OF, {"action:A6.05": "M-gone"})
    assert check.series is not None and check.series.name == a.metric and not check.linked_in_app
    assert check.missing_link == "M-gone" and "linked in the app is not in the files open" in check.explanation


def test_effect_text_for_a_metric_that_is_not_loaded(dataset):
    a = next(a for a in dataset.actions if a.id == "A6.05")
    a = dataclasses.replace(a, metric=None)  # nothing in the tracker to fall back to
    (check,) = check_impact([a], dataset.series, AS_OF, {"action:A6.05": "No such metric"})
    assert effect_text(check) == "– No figures to compare"
    p = ImpactPanel()
    p.set_checks([check])
    assert cell(p, "action:A6.05", "Metric") == "No such metric (not loaded)"
    assert "no metric of that name" in cell(p, "action:A6.05", "Metric", Qt.ItemDataRole.ToolTipRole)
    p.deleteLater()

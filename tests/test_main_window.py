"""The main window on the bundled sample: find and filter, one shared selection, details, layout, menus."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QLineEdit,
    QMessageBox,
    QTextBrowser,
    QToolButton,
    QWidget,
)

from bcpviewer.io.loader import load_file
from bcpviewer.model.filtering import Filter, matching_keys
from bcpviewer.model.records import Action, Dataset, Event, Origin, Problem, Source
from bcpviewer.model.vocab import EventKind, Status
from bcpviewer.ui.shell.main_window import MainWindow
from bcpviewer.ui.timeline.timeline_view import TimelineView

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "bcp-childrens-services.xlsx"
TODAY = date(2024, 6, 1)
WORKFORCE = "6. Workforce: recruitment and retention"


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return load_file(SAMPLE)


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    """Any QSettings made without a file lands in tmp_path, never in the user's settings."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for kind in ("warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **kw: None)


@pytest.fixture
def window(make_window, sample) -> MainWindow:
    w = make_window(today=TODAY)
    w.session.set_data(sample)
    return w


@pytest.fixture
def shown(window, qtbot) -> MainWindow:
    window.resize(1500, 900)  # wide enough for the whole filter bar (no overflow menu)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def table_keys(window: MainWindow, name: str) -> set[str]:
    proxy = window.items.tables.proxies[name]
    return {proxy.key_at(proxy.index(r, 0)) for r in range(proxy.rowCount())}


def current_key(window: MainWindow, name: str) -> str | None:
    return window.items.tables.proxies[name].key_at(window.items.tables.views[name].currentIndex())


# -- find and filter ---------------------------------------------------------------------
def test_the_window_holds_the_real_timeline(window, sample):
    assert isinstance(window.timeline, TimelineView) and window.centralWidget() is window.timeline
    assert window.timeline.counts() == (67, 67)
    assert window.status.counts_label.text().startswith("Showing 67 of 67 items")


def test_typing_filters_timeline_tables_and_counts_after_a_pause(window, sample, qtbot):
    expected = matching_keys(sample, Filter(text="workforce"))
    assert len(expected) == 7
    qtbot.keyClicks(window.filter_bar.search, "Workforce")
    assert window.timeline.counts() == (67, 67)  # debounced: nothing yet
    qtbot.waitUntil(lambda: window.timeline.counts() == (7, 67), timeout=2000)
    assert table_keys(window, "actions") == expected
    assert window.items.tables.proxies["events"].rowCount() == 0
    assert window.items.tables.models["actions"].rowCount() == 50  # hidden, not deleted
    assert window.status.counts_label.text().startswith("Showing 7 of 67 items")
    assert window.items.tables.tabText(0) == "Actions (7 of 50)"


def test_several_words_must_all_match_and_escape_clears(shown, qtbot):
    window = shown
    search = window.filter_bar.search
    qtbot.keyClicks(search, "monitoring front")
    window.filter_bar.flush()
    assert table_keys(window, "events") == {"event:E10", "event:E16"}
    search.setFocus()
    QTest.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == ""
    qtbot.waitUntil(lambda: window.timeline.counts() == (67, 67), timeout=2000)
    assert window.items.tables.proxies["events"].rowCount() == 17


def test_workstream_toggle(window, sample):
    button = window.filter_bar.workstreams
    assert button.text() == "Workstreams: all"
    choices = button.actions_by_value
    assert len(choices) == 7
    for value, act in choices.items():
        if value != WORKFORCE:
            act.trigger()  # untick
    assert button.text().startswith("Workstreams: 6. Workforce")
    assert {k for k in table_keys(window, "actions")} == {f"action:A6.0{i}" for i in range(1, 8)}
    assert window.items.tables.proxies["events"].rowCount() == 17  # workstreams narrow the actions only
    assert window.timeline.counts() == (7 + 17, 67)
    window.filter_bar.clear_button.click()
    assert window.timeline.counts() == (67, 67) and button.text() == "Workstreams: all"


def test_status_and_kind_menus_show_glyph_and_word(window):
    texts = [a.text() for a in window.filter_bar.statuses.actions_by_value.values()]
    assert "● Red (off track)" in texts and "✓ Complete" in texts
    kinds = window.filter_bar.kinds.actions_by_value
    kinds[EventKind.MONITORING_VISIT].trigger()
    assert window.items.tables.proxies["events"].rowCount() == 17 - 6


def test_date_range_keeps_overlapping_items(window, sample):
    bar = window.filter_bar
    assert bar.from_date.displayFormat() == "d MMM yyyy" and bar.from_date.text() == "any date"
    bar.from_date.set_value(date(2021, 12, 10))
    bar.to_date.set_value(date(2021, 12, 31))
    assert bar.from_date.text() == "10 Dec 2021"
    expected = matching_keys(sample, Filter(start=date(2021, 12, 10), end=date(2021, 12, 31)))
    assert "event:E07" in expected  # fieldwork 6-17 Dec 2021 overlaps the range
    assert table_keys(window, "events") | table_keys(window, "actions") == expected
    assert window.timeline.counts()[0] == len(expected)
    bar.clear_dates_button.click()
    assert bar.from_date.value() is None and window.timeline.counts() == (67, 67)


# -- one shared selection ----------------------------------------------------------------
def test_table_selection_selects_on_the_timeline_and_shows_details(window, monkeypatch):
    calls: list[str | None] = []
    real = window.timeline.select
    monkeypatch.setattr(window.timeline, "select", lambda key, **kw: (calls.append(key), real(key, **kw)))
    view = window.items.tables.views["actions"]
    index = window.items.tables.proxies["actions"].index_of_key("action:A2.04")
    view.setCurrentIndex(index)
    assert calls == ["action:A2.04"]  # once: no loop back from the timeline
    assert window.timeline.selected_key() == "action:A2.04"
    text = window.items.details.toPlainText()
    assert "Open an early help hub in each locality" in text
    assert "Baseline due" in text and "30 Sep 2023" in text
    for nth, when in (("1st", "31 Mar 2024"), ("2nd", "31 Mar 2025"), ("3rd", "30 Sep 2026")):
        assert f"Revised due ({nth})\t{when}" in text or f"Revised due ({nth})" in text and when in text
    assert "● Red (off track)" in text
    assert "sheet Actions" in text


def test_timeline_selection_selects_the_table_row_in_the_right_tab(window, qtbot):
    window.items.tables.setCurrentIndex(0)
    with qtbot.assertNotEmitted(window.items.tables.selected):
        window.timeline.selected.emit("event:E07")
    assert window.items.tables.currentIndex() == 1
    assert current_key(window, "events") == "event:E07"
    assert "Steve Lowe HMI" in window.items.details.toPlainText()
    assert "Overall effectiveness" in window.items.details.toPlainText()
    window.timeline.selected.emit("action:A1.03")
    assert window.items.tables.currentIndex() == 0 and current_key(window, "actions") == "action:A1.03"
    assert current_key(window, "events") is None  # one selection at a time
    window.timeline.selected.emit("")
    assert current_key(window, "actions") is None and window.items.details.key is None


def test_enter_in_a_table_raises_and_focuses_details(shown, qtbot):
    shown.docks.dock("details_dock").hide()
    view = shown.items.tables.views["events"]
    shown.items.tables.setCurrentIndex(1)
    view.setFocus()
    view.setCurrentIndex(shown.items.tables.proxies["events"].index_of_key("event:E10"))
    QTest.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(shown.items.details.hasFocus, timeout=2000)
    assert shown.docks.dock("details_dock").isVisible() and shown.items.details.key == "event:E10"


def test_timeline_activation_raises_details(shown, qtbot):
    shown.timeline.selected.emit("action:A3.06")
    shown.timeline.activated.emit("action:A3.06")
    qtbot.waitUntil(shown.items.details.hasFocus, timeout=2000)
    assert "Update assessments and plans" in shown.items.details.toPlainText()


def test_filtering_out_the_selection_deselects_everywhere(window):
    window.timeline.selected.emit("action:A1.01")
    window.filter_bar.set_filter(Filter(text="workforce"))
    assert current_key(window, "actions") is None  # not moved to a neighbouring row
    assert window.timeline.selected_key() is None and window.items.details.key is None
    window.filter_bar.set_filter(Filter(text="workforce"))
    window.timeline.selected.emit("action:A6.03")
    window.filter_bar.set_filter(Filter(text="workforce recruitment"))
    assert current_key(window, "actions") == "action:A6.03"  # still shown: still selected
    assert window.items.details.key == "action:A6.03"


def test_arrow_keys_on_the_timeline_move_the_shared_selection(shown, qtbot):
    shown.timeline.setFocus()
    qtbot.waitUntil(shown.timeline.hasFocus, timeout=2000)
    QTest.keyClick(shown.timeline, Qt.Key.Key_Right)
    first = shown.timeline.selected_key()
    assert first is not None and shown.items.details.key == first
    QTest.keyClick(shown.timeline, Qt.Key.Key_Right)
    second = shown.timeline.selected_key()
    assert second not in (None, first) and shown.items.details.key == second
    name = "actions" if second.startswith("action:") else "events"
    assert current_key(shown, name) == second
    QTest.keyClick(shown.timeline, Qt.Key.Key_Return)
    qtbot.waitUntil(shown.items.details.hasFocus, timeout=2000)


# -- details: sources, links, escaping, problems ------------------------------------------
def tricky() -> Dataset:
    origin = Origin("tracker.xlsx", "Actions", 7)
    return Dataset(
        actions=(Action("X1", "<b>Bold</b> & <script>alert(1)</script>", "W", "Owner", date(2023, 1, 1),
                        date(2023, 6, 30), status=Status.AMBER, source="S1", origin=origin),),
        events=(Event("V1", EventKind.MONITORING_VISIT, "Visit", date(2023, 2, 1), source="S2"),
                Event("V2", EventKind.OTHER, "Paper", date(2023, 3, 1),
                      source="https://example.org/p?a=1&b=2")),
        sources=(Source("S1", "Bad link", "javascript:alert(1)", "Nobody"),
                 Source("S2", "Ofsted letter", "https://reports.ofsted.gov.uk/provider/44/80719", "Ofsted",
                        date(2023, 3, 10))),
        problems=(Problem("/data/tracker.xlsx", "Actions", 7, "Due", "soon", "a date such as 31/03/2023"),
                  Problem("/data/tracker.xlsx", "Actions", 8, "Due", "later", "a date"),
                  Problem("/data/other.xlsx", "Actions", 7, "Owner", "?", "a name")),
    )


def test_details_escape_data_and_show_unsafe_urls_as_text(window):
    window.session.set_data(tricky())
    window.timeline.selected.emit("action:X1")
    text, markup = window.items.details.toPlainText(), window.items.details.toHtml()
    assert "<b>Bold</b> & <script>alert(1)</script>" in text  # shown literally, not interpreted
    assert "<script>" not in markup and "&lt;b&gt;Bold" in markup
    assert "javascript:alert(1)" in text and window.items.details.links == ()
    assert "href" not in markup.split("Bad link", 1)[1]
    assert "Due: “soon” — a date such as 31/03/2023" in text  # its own row's problem only
    assert "later" not in text and "a name" not in text
    assert window.items.details.openExternalLinks() is False and window.items.details.openLinks() is False


def test_https_source_is_a_link_whose_click_asks_first(shown, monkeypatch, qtbot):
    opened: list[str] = []
    monkeypatch.setattr("bcpviewer.ui.items.details.open_link", lambda parent, url: opened.append(url) or False)
    shown.session.set_data(tricky())
    shown.timeline.selected.emit("event:V1")
    details = shown.items.details
    url = "https://reports.ofsted.gov.uk/provider/44/80719"
    assert details.links == (url,)
    assert "Ofsted letter" in details.toPlainText() and "10 Mar 2023" in details.toPlainText()
    found = details.document().find(url)
    assert not found.isNull()
    cursor = QTextCursor(found)
    cursor.setPosition(found.selectionStart() + 3)
    point = details.cursorRect(cursor).center()
    qtbot.mouseClick(details.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert opened == [url]


def test_a_source_that_is_itself_a_safe_address_is_a_link(window):
    window.session.set_data(tricky())
    window.timeline.selected.emit("event:V2")
    assert window.items.details.links == ("https://example.org/p?a=1&b=2",)


# -- layout, settings, menus, accessibility ------------------------------------------------
def test_docks_and_geometry_survive_a_restart(qtbot, tmp_path, make_window):
    first = make_window("shared.ini", today=TODAY)
    assert first.docks.dock("items_dock").objectName() and first.docks.dock("details_dock").objectName()
    first.resize(760, 560)
    first.show()
    qtbot.waitExposed(first)
    first.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, first.docks.dock("details_dock"))
    first.docks.dock("items_dock").hide()
    first.close()
    second = make_window("shared.ini", today=TODAY)
    assert second.size() == first.size()
    assert second.dockWidgetArea(second.docks.dock("details_dock")) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert second.docks.dock("items_dock").isHidden() and not second.docks.dock("details_dock").isHidden()
    assert not second.docks.dock("items_dock").toggleViewAction().isChecked()


def test_menus_have_the_usual_shortcuts(window):
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    assert list(menus) == ["File", "Edit", "View", "Analysis", "Help"]
    analysis = [a.text().replace("&", "") for a in menus["Analysis"].actions() if a.text()]
    assert analysis == ["Progress vs impact", "Targets", "Compare plan versions…", "Journeys across councils…",
                        "Where sources disagree", "Link selected action to a metric…", "Add a target…"]
    file_texts = [a.text().replace("&", "") for a in menus["File"].actions() if a.text()]
    assert file_texts == ["New Project", "Open…", "Add data…", "Open Recent", "Recent Projects", "Open bundled sample",
                          "Update official data…",
                          "Save", "Save As…", "Export summary…", "Export briefing pack…", "Print…", "Quit"]
    acts = window.commands
    assert acts.open.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert acts.save.shortcut() == QKeySequence("Ctrl+S")
    assert acts.save_as.shortcut() == QKeySequence("Ctrl+Shift+S")
    assert acts.undo.shortcut() == QKeySequence("Ctrl+Z")
    assert QKeySequence("Ctrl+Shift+Z") in acts.redo.shortcuts()
    assert acts.annotate_item.shortcut() == QKeySequence("Ctrl+M")
    edit_texts = [a.text().replace("&", "") for a in menus["Edit"].actions() if a.text()]
    assert edit_texts[:4] == ["Undo", "Redo", "Annotate selected item…", "Annotate date range…"]
    assert acts.quit.shortcut() == QKeySequence("Ctrl+Q")
    assert acts.print.shortcut() == QKeySequence("Ctrl+P")
    assert acts.find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert acts.find in menus["Edit"].actions()
    assert [s.toString() for s in acts.zoom_fit.shortcuts()] == ["Home", "Ctrl+0"]
    view = menus["View"].actions()
    assert acts.zoom_fit in view and acts.reset_layout in view
    assert acts.add_data.shortcut() == QKeySequence("Ctrl+Shift+O")
    assert window.docks.dock("items_dock").toggleViewAction() in view and window.docks.dock("details_dock").toggleViewAction() in view
    presets = [a.text().replace("&", "") for a in acts.zoom_presets]
    assert presets == ["3 months", "1 year", "All"]
    assert all(a in window.main_toolbar.actions() for a in (acts.open, acts.zoom_fit, *acts.zoom_presets))
    assert acts.about in menus["Help"].actions()


def test_zoom_commands_drive_the_timeline(window, monkeypatch):
    calls: list[object] = []
    monkeypatch.setattr(window.timeline, "zoom_preset", lambda days: calls.append(days))
    monkeypatch.setattr(window.timeline, "zoom_to_fit", lambda: calls.append("fit"))
    for act in (*window.commands.zoom_presets, window.commands.zoom_fit):
        act.trigger()
    assert calls == [91, 365, None, "fit"]


def test_ctrl_f_focuses_search_and_tab_order_runs_through_the_bar(shown, qtbot):
    shown.timeline.setFocus()
    QTest.keyClick(shown.windowHandle(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(shown.filter_bar.search.hasFocus, timeout=2000)
    assert shown.filter_bar.search.placeholderText() == "Find actions and events: title, owner, theme…"
    order = []
    for _ in range(5):
        QTest.keyClick(shown.focusWidget(), Qt.Key.Key_Tab)
        order.append(shown.focusWidget())
    bar = shown.filter_bar
    assert order == [bar.workstreams, bar.statuses, bar.kinds, bar.overdue, bar.from_date]


def test_every_control_has_an_accessible_name(window):
    kinds = (QAbstractButton, QLineEdit, QAbstractSpinBox, QAbstractItemView, QTextBrowser)
    controls = [
        w for w in window.findChildren(QWidget)
        if isinstance(w, kinds) and not isinstance(w.parent(), (QAbstractSpinBox, QLineEdit))
    ]
    nameless = [
        w for w in controls
        if not (w.accessibleName() or (isinstance(w, QAbstractButton) and w.text()))
        and not w.objectName().startswith("qt_")
        and not isinstance(w.parent(), QAbstractItemView)
        and not window.timeline.isAncestorOf(w)  # the timeline names its own parts
    ]
    assert not nameless, [(type(w).__name__, w.objectName()) for w in nameless]
    assert window.filter_bar.workstreams.accessibleName() == "Filter by workstreams"
    assert isinstance(window.filter_bar.clear_button, QToolButton)


def test_home_moves_within_a_table_and_ctrl_0_zooms_from_anywhere(shown, monkeypatch, qtbot):
    calls: list[str] = []
    monkeypatch.setattr(shown.timeline, "zoom_to_fit", lambda: calls.append("fit"))
    view = shown.items.tables.views["actions"]
    view.setFocus()
    view.setCurrentIndex(shown.items.tables.proxies["actions"].index(10, 3))
    QTest.keyClick(view, Qt.Key.Key_Home)
    assert calls == [] and view.currentIndex().column() == 0  # Home stays a table key
    QTest.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert calls == [] and view.currentIndex().row() == 0
    QTest.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert calls == ["fit"]


def test_a_first_run_built_after_showing_gives_the_timeline_most_of_the_window(make_window, qtbot):
    """As the app starts (frame shown first, views built after): with no saved layout the timeline keeps
    most of the width and the right-hand panels about a quarter, whatever the panels' own size hints."""
    w = make_window(today=TODAY, deferred=True)
    w.resize(1440, 900)
    w.show()
    qtbot.waitExposed(w)
    w.finish_building()
    qtbot.wait(50)
    assert w.timeline.width() > w.width() // 2
    assert w.docks.dock("details_dock").width() <= w.width() // 3 + 10
    assert w.timeline.height() > w.docks.dock("items_dock").height()

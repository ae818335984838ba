"""Which day overdue is counted on: each tracker's own as-at date by default, today when the user asks
(View > Count overdue against today); every view follows the switch, and "Overdue only" narrows with it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from bcpviewer.model.analysis import counted_on_text
from bcpviewer.model.filtering import Filter, matching_keys
from bcpviewer.model.records import Action, Dataset, Event
from bcpviewer.model.timeline import layout
from bcpviewer.model.vocab import EventKind, Status

TODAY = date(2026, 12, 7)
TRACKER = date(2023, 3, 14)


def tracker() -> Dataset:
    """A tracker "Updated: 14/03/2023": A1 late at its date, A2 due after it (late only by today), A3 done."""
    return Dataset(
        actions=(
            Action("A1", "Recruit social workers", "Workforce", due=date(2023, 1, 1), status=Status.RED,
                   as_at=TRACKER),
            Action("A2", "Audit case files", "Practice", due=date(2024, 6, 1), status=Status.AMBER,
                   as_at=TRACKER),
            Action("A3", "Appoint a DCS", "Leadership", due=date(2022, 6, 1), completed=date(2022, 5, 1),
                   status=Status.COMPLETE, as_at=TRACKER),
        ),
        events=(Event("E1", EventKind.MONITORING_VISIT, "Monitoring visit", date(2022, 9, 1)),),
    )


# -- model, no Qt -------------------------------------------------------------------------
def test_caption_names_the_day_counted_on() -> None:
    acts = tracker().actions
    assert counted_on_text(acts, TODAY) == "Overdue counted at 14 Mar 2023 (the tracker's date)"
    assert counted_on_text(acts, TODAY, against_today=True) == (
        "Overdue counted at 7 Dec 2026 (today, not the tracker's date)")
    undated = [Action("B1", "No date given", due=date(2023, 1, 1))]
    assert counted_on_text(undated, TODAY) == "Overdue counted at 7 Dec 2026 (today)"
    mixed = [*acts, Action("C1", "Other tracker", due=date(2023, 1, 1), as_at=date(2024, 1, 31)), *undated]
    assert counted_on_text(mixed, TODAY) == (
        "Overdue counted at each tracker's own date (14 Mar 2023 to 31 Jan 2024); "
        "actions without one at 7 Dec 2026 (today)")


def test_timeline_layout_counts_overdue_on_the_chosen_day() -> None:
    data = tracker()
    own = {p.key: p for p in layout(data, as_of=TODAY).placed}
    assert (own["action:A1"].overdue_days, own["action:A1"].overdue_to) == (72, TRACKER)
    assert own["action:A2"].overdue_days is None and own["action:A3"].overdue_days is None
    today = {p.key: p for p in layout(data, as_of=TODAY, against_today=True).placed}
    assert (today["action:A1"].overdue_days, today["action:A1"].overdue_to) == ((TODAY - date(2023, 1, 1)).days,
                                                                                TODAY)
    assert today["action:A2"].overdue_days == (TODAY - date(2024, 6, 1)).days


def test_overdue_only_keeps_late_actions_and_every_event() -> None:
    data = tracker()
    flt = Filter(overdue_only=True)
    assert not flt.is_empty
    assert matching_keys(data, flt, TODAY) == {"action:A1", "event:E1"}
    assert matching_keys(data, flt, TODAY, against_today=True) == {"action:A1", "action:A2", "event:E1"}
    assert matching_keys(data, Filter(overdue_only=True, workstreams=frozenset({"Practice"})), TODAY,
                         against_today=True) == {"action:A2", "event:E1"}


# -- the window ----------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for kind in ("warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, kind, lambda *a, **kw: None)


@pytest.fixture
def window(make_window):
    w = make_window(today=TODAY)
    w.session.set_data(tracker())
    return w


def _days_overdue(window, action_id: str) -> str:
    model = window.items.tables.models["actions"]
    col = next(i for i, c in enumerate(model.columns) if c.header == "Days overdue")
    row = model.row_of(f"action:{action_id}")
    return model.index(row, col).data()


def _table_keys(window, name: str) -> set[str]:
    proxy = window.items.tables.proxies[name]
    return {proxy.key_at(proxy.index(r, 0)) for r in range(proxy.rowCount())}


def test_the_switch_changes_every_view_without_reloading(window) -> None:
    switch = window.commands.count_against_today
    assert switch.isCheckable() and not switch.isChecked()
    assert switch in window.menus.view.actions()
    glance = window.charts.glance
    caption = window.timeline.caption_text()
    assert "Overdue counted at 14 Mar 2023 (the tracker's date)" in caption.replace("&#x27;", "'")
    assert glance.glance().overdue.count == 1
    assert "Overdue counted at 14 Mar 2023 (the tracker's date)" in glance.text()
    assert _days_overdue(window, "A1") == "72" and _days_overdue(window, "A2") == ""
    window.session.select("action:A2")
    assert "No, at 14 Mar 2023, the tracker's date" in window.items.details.toPlainText()
    dataset = window.session.dataset

    switch.trigger()  # on: count against today
    assert window.session.count_against_today and window.session.dataset is dataset
    assert glance.glance().overdue.count == 2
    assert "Overdue counted at 7 Dec 2026 (today, not the tracker's date)" in glance.text()
    caption = window.timeline.caption_text().replace("&#x27;", "'")
    assert "Overdue counted at 7 Dec 2026 (today" in caption and "14 Mar 2023" not in caption
    assert _days_overdue(window, "A1") == f"{(TODAY - date(2023, 1, 1)).days:,}"
    assert _days_overdue(window, "A2") == f"{(TODAY - date(2024, 6, 1)).days:,}"
    assert "Yes: 919 days late at 7 Dec 2026, today (due 1 Jun 2024)" in window.items.details.toPlainText()

    switch.trigger()  # off again
    assert glance.glance().overdue.count == 1 and _days_overdue(window, "A1") == "72"


def test_overdue_only_narrows_the_timeline_and_tables_and_follows_the_switch(window, qtbot) -> None:
    bar = window.filter_bar
    button = bar.overdue
    assert button.accessibleName() and button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert window.timeline.counts() == (4, 4)
    button.click()
    qtbot.waitUntil(lambda: window.session.filter.overdue_only)
    assert window.session.visible_keys == {"action:A1", "event:E1"}
    assert window.timeline.counts() == (2, 4)
    assert _table_keys(window, "actions") == {"action:A1"}
    assert _table_keys(window, "events") == {"event:E1"}
    window.commands.count_against_today.trigger()
    assert window.timeline.counts() == (3, 4)
    assert _table_keys(window, "actions") == {"action:A1", "action:A2"}
    bar.clear()
    assert not button.isChecked() and window.session.visible_keys is None
    assert window.timeline.counts() == (4, 4)


def test_overdue_only_is_reached_with_alt_o(window, qtbot) -> None:
    window.resize(1500, 900)  # the whole filter bar shows (no overflow menu)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.session.filter.overdue_only, timeout=2000)
    assert window.timeline.counts() == (2, 4)


def test_the_pack_and_summary_count_overdue_as_the_window_does() -> None:
    """An export says the day overdue is counted on, and follows the switch: the tracker's date by
    default, the day chosen for the pack when asked to count against it."""
    from datetime import date

    from bcpviewer.io.loader import load_file
    from bcpviewer.model.briefing import BriefOptions, build_briefing

    sample = Path(__file__).resolve().parents[1] / "resources" / "samples" / "bcp-childrens-services.xlsx"
    data = load_file(str(sample))
    today = date(2026, 12, 7)
    tracker = build_briefing(data, (), BriefOptions(), today=today)
    against = build_briefing(data, (), BriefOptions(against_today=True), today=today)
    assert tracker.overdue_counted == "Overdue counted at 31 Oct 2026 (the tracker's date)"
    assert against.overdue_counted.startswith("Overdue counted at 7 Dec 2026 (today")
    late = {r.action.id: r.overdue.days_late for r in tracker.overdue}
    later = {r.action.id: r.overdue.days_late for r in against.overdue}
    assert set(late) <= set(later) and later["A2.06"] - late["A2.06"] == (today - date(2026, 10, 31)).days
    chosen = build_briefing(data, (), BriefOptions(as_of=date(2026, 11, 30), against_today=True), today=today)
    assert "(the date chosen for this pack" in chosen.overdue_counted


def test_the_summary_workbook_names_the_day_the_pack_counts_on(tmp_path) -> None:
    from datetime import date

    from openpyxl import load_workbook

    from bcpviewer.io.loader import load_file
    from bcpviewer.io.summary_xlsx import write_summary
    from bcpviewer.model.briefing import BriefOptions, build_briefing

    sample = Path(__file__).resolve().parents[1] / "resources" / "samples" / "bcp-childrens-services.xlsx"
    b = build_briefing(load_file(str(sample)), (), BriefOptions(against_today=True), today=date(2026, 12, 7))
    out = tmp_path / "s.xlsx"
    write_summary(out, b)
    cells = [c for row in load_workbook(out)["Summary"].iter_rows(values_only=True) for c in row if c]
    assert b.overdue_counted in cells and "(today" in b.overdue_counted

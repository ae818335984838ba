"""The timeline widget on the bundled sample: contents, zoom and pan, selection, lanes, dates, labels."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip

from bcpviewer.model.records import Action, Dataset
from bcpviewer.model.timeline import layout, workstream_key
from bcpviewer.model.vocab import Status
from bcpviewer.plots.timeline_axes import DAY, UKDateAxis, dates_to_seconds, from_seconds, to_seconds
from bcpviewer.plots.timeline_text import MAX_LABELS, LabelLayer
from bcpviewer.ui.timeline.timeline_view import TimelineView

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 23)
_SAMPLE: list[Dataset] = []


def sample() -> Dataset:
    if not _SAMPLE:
        from bcpviewer.io.loader import load_file

        _SAMPLE.append(load_file(str(ROOT / "resources/samples/bcp-childrens-services.xlsx")))
    return _SAMPLE[0]


@pytest.fixture
def view(qtbot) -> TimelineView:
    v = TimelineView()
    qtbot.addWidget(v)
    v.resize(1600, 900)
    v.show()
    qtbot.waitExposed(v)
    v.set_dataset(sample(), AS_OF)
    QApplication.processEvents()
    return v


def viewport(v: TimelineView):
    return v.plot_item.getViewBox().scene().views()[0].viewport()


def to_widget(v: TimelineView, x: float, y: float) -> QPoint:
    """Viewport pixel of view position (x seconds, y lane units)."""
    scene = v.plot_item.getViewBox().mapViewToScene(QPointF(x, y))
    return v.plot_item.getViewBox().scene().views()[0].mapFromScene(scene)


def y_range(v: TimelineView) -> list[float]:
    return v.plot_item.getViewBox().viewRange()[1]


# -- contents -----------------------------------------------------------------------------------
def test_holds_all_actions_and_events_of_the_sample(view):
    assert view.counts() == (67, 67)


def test_lanes_are_inspection_groups_then_the_seven_workstreams(view):
    labels = [lane.label for lane in view.lanes()]
    assert labels[:4] == ["Ofsted inspections", "Ofsted visits", "Intervention", "Scrutiny & council"]
    assert [label[:2] for label in labels[4:]] == ["1.", "2.", "3.", "4.", "5.", "6.", "7."]


def test_today_line_is_at_the_as_of_date(view):
    lines = [i for i in view.plot_item.items if isinstance(i, pg.InfiniteLine)]
    assert len(lines) == 1 and lines[0].value() == to_seconds(AS_OF)
    assert lines[0].label.format == "Today"


def test_plot_is_print_friendly_white(view):
    image = viewport(view).grab().toImage()
    assert image.pixelColor(image.width() - 5, 5).name() == "#ffffff"


# -- zoom and pan -------------------------------------------------------------------------------
def test_zoom_to_changes_the_visible_range_and_emits_it(view, qtbot):
    with qtbot.waitSignal(view.range_changed) as blocker:
        view.zoom_to(date(2021, 12, 1), date(2022, 2, 28))
    assert view.visible_range() == (date(2021, 12, 1), date(2022, 2, 28))
    assert blocker.args == [date(2021, 12, 1), date(2022, 2, 28)]


def test_zoom_to_fit_and_presets(view):
    view.zoom_to_fit()
    first, last = view.visible_range()
    assert first < date(2019, 4, 1) and last > date(2027, 3, 31)
    view.zoom_preset(365)
    first, last = view.visible_range()
    assert (last - first).days == 364 and first < AS_OF < last
    view.select("event:E07")
    view.zoom_preset(90)
    first, last = view.visible_range()
    assert first < date(2021, 12, 6) and date(2022, 2, 11) < last
    view.zoom_preset(None)
    assert view.visible_range()[0] < date(2019, 4, 1)


def _wheel(v: TimelineView, pos: QPoint, delta: int) -> None:
    vp = viewport(v)
    event = QWheelEvent(QPointF(pos), QPointF(vp.mapToGlobal(pos)), QPoint(0, 0), QPoint(0, delta),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(vp, event)


def test_wheel_zooms_time_but_not_lanes(view):
    view.zoom_to(date(2021, 1, 1), date(2024, 12, 31))
    ys = y_range(view)
    before = view.visible_range()
    _wheel(view, viewport(view).rect().center(), 240)
    after = view.visible_range()
    assert (after[1] - after[0]) < (before[1] - before[0])
    assert y_range(view) == pytest.approx(ys)
    _wheel(view, viewport(view).rect().center(), -480)
    assert (view.visible_range()[1] - view.visible_range()[0]) > (after[1] - after[0])
    assert y_range(view) == pytest.approx(ys)


def _mouse(vp, kind: QEvent.Type, pos: QPoint, buttons: Qt.MouseButton) -> None:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    event = QMouseEvent(kind, QPointF(pos), QPointF(vp.mapToGlobal(pos)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(vp, event)


def _double_click(vp, pos: QPoint) -> None:
    """Press, release, double-click, release: what a real double-click delivers."""
    for kind, buttons in ((QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton),
                          (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton),
                          (QEvent.Type.MouseButtonDblClick, Qt.MouseButton.LeftButton),
                          (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton)):
        _mouse(vp, kind, pos, buttons)


def test_dragging_pans_in_time_only(view):
    view.zoom_to(date(2022, 1, 1), date(2022, 12, 31))
    vp = viewport(view)
    ys = y_range(view)
    x0 = view.plot_item.getViewBox().viewRange()[0]
    start = vp.rect().center()
    _mouse(vp, QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for step in range(1, 11):
        _mouse(vp, QEvent.Type.MouseMove, start + QPoint(-30 * step, 20 * step), Qt.MouseButton.LeftButton)
    _mouse(vp, QEvent.Type.MouseButtonRelease, start + QPoint(-300, 200), Qt.MouseButton.NoButton)
    x1 = view.plot_item.getViewBox().viewRange()[0]
    assert x1[0] > x0[0] + 30 * DAY  # dragged left: later dates come into view
    assert x1[1] - x1[0] == pytest.approx(x0[1] - x0[0])
    assert y_range(view) == pytest.approx(ys)


def test_home_and_double_click_on_empty_space_fit_everything(view, qtbot):
    view.zoom_preset(None)
    fit = view.visible_range()
    view.zoom_to(date(2022, 1, 1), date(2022, 3, 1))
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.visible_range() == fit
    view.zoom_to(date(2022, 1, 1), date(2022, 3, 1))
    view.scroll_lanes(1_000)  # the last lane, below the fold
    lane = view.lanes()[-1]
    empty = to_widget(view, to_seconds(date(2022, 1, 10)), lane.y0 + 0.1)
    _double_click(viewport(view), empty)
    assert view.visible_range() == fit


# -- selection ----------------------------------------------------------------------------------
def test_arrow_keys_move_the_selection_in_time_order_and_emit_selected(view, qtbot):
    order = [p.key for p in layout(sample(), as_of=AS_OF).placed]  # time order
    assert order[:4] == ["event:E01", "event:E02", "event:E03", "event:E04"]
    got = []
    view.selected.connect(got.append)
    view.setFocus()
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert got == order[:4]
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert got[-1] == order[2] and view.selected_key() == order[2]


def test_enter_activates_the_selection(view, qtbot):
    view.select("action:A2.04")
    with qtbot.waitSignal(view.activated) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert blocker.args == ["action:A2.04"]


def test_select_scrolls_to_the_item_without_emitting(view, qtbot):
    view.zoom_to(date(2019, 1, 1), date(2019, 12, 31))
    with qtbot.assertNotEmitted(view.selected):
        view.select("action:A2.04")
    first, last = view.visible_range()
    assert first <= date(2022, 9, 1) <= last  # longer than the view: its start is shown
    assert view.selected_key() == "action:A2.04"
    view.zoom_to(date(2019, 1, 1), date(2019, 12, 31))
    view.select("event:E07")
    first, last = view.visible_range()
    assert first <= date(2021, 12, 6) and date(2022, 2, 11) <= last
    assert (last - first).days == 364  # the zoom is kept
    view.select(None)
    assert view.selected_key() is None


def test_clicking_an_item_selects_it(view, qtbot):
    view.zoom_to(date(2022, 9, 1), date(2024, 6, 30))
    x0, x1, y = view._timeline.extent("action:A2.04")
    mid = (x0 + min(x1, to_seconds(date(2023, 9, 1)))) / 2
    assert view.item_at(mid, y) == "action:A2.04"
    with qtbot.waitSignal(view.selected) as blocker:
        qtbot.mouseClick(viewport(view), Qt.MouseButton.LeftButton, pos=to_widget(view, mid, y))
    assert blocker.args == ["action:A2.04"]
    assert view.selected_key() == "action:A2.04"
    view.scroll_lanes(1_000)  # the last lane, below the fold
    lane = view.lanes()[-1]
    with qtbot.waitSignal(view.selected) as blocker:
        qtbot.mouseClick(viewport(view), Qt.MouseButton.LeftButton,
                         pos=to_widget(view, to_seconds(date(2022, 9, 20)), lane.y0 + 0.1))
    assert blocker.args == [""] and view.selected_key() is None


def test_double_click_on_an_item_activates_it(view, qtbot):
    view.zoom_to(date(2022, 9, 1), date(2024, 6, 30))
    x0, _x1, y = view._timeline.extent("action:A2.04")
    pos = to_widget(view, x0 + 60 * DAY, y)
    with qtbot.waitSignal(view.activated) as blocker:
        _double_click(viewport(view), pos)
    assert blocker.args == ["action:A2.04"]


def test_point_markers_are_hit_within_a_few_pixels(view):
    x0, _x1, y = view._timeline.extent("event:E01")
    px = view.plot_item.getViewBox().viewPixelSize()[0]
    assert view.item_at(x0 + 4 * px, y) == "event:E01"
    assert view.item_at(x0 - 40 * px, y) is None


# -- visibility and lanes -----------------------------------------------------------------------
def test_set_visible_hides_items_and_counts_say_so(view):
    keys = {"action:A1.01", "action:A2.04", "event:E07", "event:E17"}
    view.set_visible(keys)
    assert view.counts() == (4, 67)
    (x0, x1), (y0, y1) = view.plot_item.getViewBox().viewRange()
    hits = {view.item_at(x, y) for x in np.linspace(x0, x1, 160) for y in np.linspace(y0, y1, 90)}
    assert hits - {None} == keys  # hidden items cannot be hit; the shown ones can
    visits = next(lane for lane in view.lanes() if lane.key == "events:visits")
    assert visits.shown == 0 and visits.rows == 0
    view.set_visible(None)
    assert view.counts() == (67, 67)


def test_collapse_a_lane_by_api_and_by_clicking_its_label(view, qtbot):
    key = workstream_key("1. Leadership, management and governance")
    height = next(lane for lane in view.lanes() if lane.key == key).height
    view.set_lane_collapsed(key, True)
    lane = next(lane for lane in view.lanes() if lane.key == key)
    assert lane.collapsed and lane.height < height
    assert view.counts() == (67, 67)
    axis = view.plot_item.getAxis("left")
    scene_pos = view.plot_item.getViewBox().mapViewToScene(QPointF(0, lane.centre))
    scene_pos.setX(axis.sceneBoundingRect().center().x())
    pos = view.plot_item.getViewBox().scene().views()[0].mapFromScene(scene_pos)
    qtbot.mouseClick(viewport(view), Qt.MouseButton.LeftButton, pos=pos)
    assert not next(lane for lane in view.lanes() if lane.key == key).collapsed


def test_hover_shows_a_tooltip_with_uk_dates(view, qtbot):
    view.zoom_to(date(2022, 9, 1), date(2024, 6, 30))
    x0, _x1, y = view._timeline.extent("action:A2.04")
    vp = viewport(view)
    _mouse(vp, QEvent.Type.MouseMove, to_widget(view, x0 + 60 * DAY, y), Qt.MouseButton.NoButton)
    qtbot.waitUntil(lambda: "Open an early help hub" in QToolTip.text())
    text = QToolTip.text()
    assert "30 Sep 2023" in text and "Overdue by 31 days at 31 Oct 2026 (due 30 Sep 2026)" in text  # on the tracker's date
    assert "Head of Early Help" in text and "Red (off track)" in text


def test_is_focusable_and_described_for_assistive_technology(view):
    assert view.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert view.accessibleName() == "Timeline" and "arrows" in view.accessibleDescription()


# -- dates --------------------------------------------------------------------------------------
def test_dates_are_seconds_at_utc_midnight():
    assert to_seconds(date(1970, 1, 1)) == 0
    assert to_seconds(date(2022, 3, 31)) == 1648684800
    assert from_seconds(to_seconds(date(2022, 3, 31))) == date(2022, 3, 31)
    assert from_seconds(to_seconds(date(2022, 3, 31)) + DAY - 1) == date(2022, 3, 31)
    days = [date(2022, 3, 20) + timedelta(days=i) for i in range(20)]  # across 27 Mar 2022 (BST)
    days += [date(2022, 10, 20) + timedelta(days=i) for i in range(20)]  # and 30 Oct 2022 (GMT)
    assert [from_seconds(x) for x in dates_to_seconds(days)] == days
    assert list(dates_to_seconds(days)) == [to_seconds(d) for d in days]


@pytest.fixture
def london(monkeypatch):
    """Run under UK local time, where naive local-time conversions shift dates by an hour in summer."""
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _ticks(axis: UKDateAxis, first: date, last: date, width_px: float = 1400):
    axis.fontMetrics = QFontMetrics(QFont())
    return axis.tickValues(to_seconds(first), to_seconds(last), width_px)


def test_date_axis_ticks_sit_on_utc_midnights_whatever_the_local_time_zone(qtbot, london):
    axis = UKDateAxis()
    assert axis.utcOffset == 0
    levels = _ticks(axis, date(2019, 1, 1), date(2027, 6, 1))
    spacing, years = levels[0]
    assert years == [to_seconds(date(y, 1, 1)) for y in range(2020, 2028)]
    assert axis.tickStrings(years, 1, spacing) == [str(y) for y in range(2020, 2028)]
    levels = _ticks(axis, date(2022, 3, 24), date(2022, 4, 6))  # over the change to BST
    (m_spacing, months), (d_spacing, days) = levels[:2]
    assert months == [to_seconds(date(2022, 4, 1))]
    assert axis.tickStrings(months, 1, m_spacing) == ["Apr 2022"]
    labels = dict(zip(days, axis.tickStrings(days, 1, d_spacing)))
    assert labels[to_seconds(date(2022, 3, 31))] == "31"
    assert labels[to_seconds(date(2022, 3, 27))] == "27"
    assert all(from_seconds(x).day == int(s) for x, s in labels.items())


def test_rendered_axis_shows_2022_at_1_jan_2022(view, london):
    axis = view.plot_item.getAxis("bottom")
    view.grab()
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _axis_spec, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    rect = next(r for r, _flags, text in texts if text == "2022")
    x = view.plot_item.getViewBox().mapSceneToView(axis.mapToScene(rect.center())).x()
    px = view.plot_item.getViewBox().viewPixelSize()[0]
    assert abs(x - to_seconds(date(2022, 1, 1))) <= 2 * px


# -- many items ---------------------------------------------------------------------------------
def _many(n: int) -> Dataset:
    first = date(2019, 1, 1)
    return Dataset(actions=tuple(
        Action(f"A{i}", f"Generated action number {i}", f"Workstream {i % 3}", None,
               first + timedelta(days=(i * 7) % 2900), first + timedelta(days=(i * 7) % 2900 + 30),
               status=Status.GREEN)
        for i in range(n)))


def test_label_cap_is_respected_with_10k_items(qtbot):
    v = TimelineView()
    qtbot.addWidget(v)
    v.resize(1600, 900)
    v.show()
    v.set_dataset(_many(10_000), AS_OF)
    v.zoom_to(date(2021, 1, 1), date(2022, 12, 31))
    v.grab()
    labels = next(i for i in v.plot_item.items if isinstance(i, LabelLayer))
    assert labels.wanted > MAX_LABELS
    assert 0 < labels.drawn <= MAX_LABELS and labels.capped
    assert v.counts() == (10_000, 10_000)
    v.zoom_to(date(2022, 1, 1), date(2022, 1, 31))
    v.grab()
    assert labels.drawn < MAX_LABELS and not labels.capped


def test_many_items_paint(qtbot):
    v = TimelineView()
    qtbot.addWidget(v)
    v.resize(1600, 900)
    v.show()
    v.set_dataset(_many(10_000), AS_OF)
    v.grab()
    assert not v.grab().isNull()  # speed: benchmarks/timeline_bench.py, never asserted in a test
    assert v.counts() == (10_000, 10_000)


def test_empty_and_undated_data_draw_without_errors(qtbot):
    v = TimelineView()
    qtbot.addWidget(v)
    v.resize(800, 500)
    v.show()
    v.grab()
    assert v.counts() == (0, 0) and v.lanes() == ()
    v.set_dataset(Dataset(actions=(Action("A1", "No dates at all"),)))
    v.grab()
    assert v.counts() == (0, 1)
    assert v.item_at(to_seconds(date.today()), 0.5) is None
    v.zoom_preset(30)
    first, last = v.visible_range()
    assert (last - first).days == 29 and first <= date.today() <= last


def test_a_view_inside_one_year_names_the_year_on_its_first_month(view, london):
    """Zoomed to 2022 (1 Jan at the very edge, its "2022" clipped), the first month reads "Feb 2022"."""
    view.zoom_to(date(2022, 1, 1), date(2022, 12, 31))
    view.grab()
    axis = view.plot_item.getAxis("bottom")
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _axis_spec, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    shown = [text for _r, _f, text in texts]
    assert any(t.endswith("2022") for t in shown), shown
    assert "Mar" in shown and "Mar 2022" not in shown  # the others stay short

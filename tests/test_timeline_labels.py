"""Labels a reader sees without hovering: events by short name, actions by title, rows tall enough for
a line of text, vertical scrolling instead of squeezing, and a note when titles have no room."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bcpviewer.model.event_names import short_name
from bcpviewer.model.records import Action, Dataset, Event
from bcpviewer.model.timeline import layout
from bcpviewer.model.vocab import EventKind, Grade, Status
from bcpviewer.plots.timeline_text import LabelLayer
from bcpviewer.ui.timeline.scrolling import MIN_ROW_PX
from bcpviewer.ui.timeline.timeline_view import TimelineView

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 23)


def _sample() -> Dataset:
    from bcpviewer.io.loader import load_file

    return load_file(str(ROOT / "resources/samples/bcp-childrens-services.xlsx"))


def test_sample_events_go_by_their_short_names():
    names = {e.title: short_name(e) for e in _sample().events}
    assert names["Monitoring visit 3"] == "MV3"
    assert sorted(n for n in names.values() if n.startswith("MV")) == [f"MV{i}" for i in range(1, 7)]
    assert [n for n in names.values() if n.startswith("ILACS")] == ["ILACS: Inadequate", "ILACS: Good"]
    assert {"FV", "Direction", "O&S", "SEND"} <= set(names.values())


def test_a_visit_number_is_read_from_the_title_never_counted():
    e = Event(id="E1", kind=EventKind.MONITORING_VISIT, title="Monitoring visit: care leavers",
              start=date(2023, 1, 1))
    assert short_name(e) == "MV"
    other = Event(id="E2", kind=EventKind.OTHER, title="Local paper story", start=date(2023, 1, 1))
    assert short_name(other) == "Local paper story"


def test_layout_carries_the_short_name_of_each_event():
    ds = Dataset(events=(Event(id="E1", kind=EventKind.STANDARD_INSPECTION, title="ILACS inspection",
                               start=date(2021, 12, 6), end=date(2021, 12, 17),
                               grades={"overall": Grade.INADEQUATE}),))
    placed = layout(ds, as_of=AS_OF).placed
    assert [p.short for p in placed] == ["ILACS: Inadequate"]


@pytest.fixture
def view(qtbot) -> TimelineView:
    v = TimelineView()
    qtbot.addWidget(v)
    v.resize(1100, 480)  # the timeline's part of a 1440x900 window
    v.show()
    qtbot.waitExposed(v)
    v.set_dataset(_sample(), AS_OF)
    QApplication.processEvents()
    return v


def _labels(v: TimelineView) -> LabelLayer:
    return next(i for i in v.plot_item.items if isinstance(i, LabelLayer))


def _row_px(v: TimelineView) -> float:
    top, bottom = v.visible_rows()
    return v.plot_item.getViewBox().height() / (bottom - top)


def test_rows_keep_a_readable_height_and_the_lanes_scroll(view, qtbot):
    assert _row_px(view) >= MIN_ROW_PX - 0.01
    assert view.lanes_scroll()  # the sample's lanes are taller than this view
    top, _bottom = view.visible_rows()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.visible_rows()[0] > top
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert view.visible_rows()[0] == pytest.approx(top)
    view.scroll_lanes(1_000)
    assert view.visible_rows()[1] >= view.lanes()[-1].y1
    assert _row_px(view) >= MIN_ROW_PX - 0.01


def test_few_lanes_fill_the_view_without_scrolling(qtbot):
    v = TimelineView()
    qtbot.addWidget(v)
    v.resize(1100, 480)
    v.show()
    v.set_dataset(Dataset(actions=(Action(id="A1", title="One action", status=Status.GREEN,
                                          start=date(2024, 1, 1), due=date(2024, 6, 1)),)), AS_OF)
    assert not v.lanes_scroll()
    top, bottom = v.visible_rows()
    assert top <= 0 and bottom >= v.lanes()[-1].y1


def test_most_items_in_view_are_labelled_at_the_default_size(view):
    view.grab()
    labels = _labels(view)
    top, bottom = view.visible_rows()
    lanes = [lane for lane in view.lanes() if lane.y0 >= top and lane.y1 <= bottom]
    in_view = sum(lane.shown for lane in lanes)
    assert labels.drawn >= in_view / 2 > 0


def test_a_selected_item_below_the_fold_is_scrolled_into_view(view):
    last = view.lanes()[-1]
    key = next(k for k in ("action:A7.01", "action:A7.02", "action:A7.03")
               if view.placed_y(k) is not None)
    assert view.visible_rows()[1] < last.y0
    view.select(key)
    top, bottom = view.visible_rows()
    assert top <= view.placed_y(key) <= bottom


def test_titles_without_room_are_counted_never_dropped_in_silence(qtbot):
    start = date(2022, 1, 1)
    actions = tuple(Action(id=f"A{i}", title=f"Action number {i} with a long title", status=Status.GREEN,
                           start=start + timedelta(days=i), due=start + timedelta(days=i + 3))
                    for i in range(40))
    v = TimelineView()
    qtbot.addWidget(v)
    v.resize(900, 480)
    v.show()
    v.set_dataset(Dataset(actions=actions), AS_OF)
    v.zoom_to(date(2021, 1, 1), date(2023, 12, 31))
    v.grab()
    labels = _labels(v)
    assert labels.hidden > 0 and labels.drawn + labels.hidden >= 12
    qtbot.waitUntil(lambda: "without room here: zoom in to read" in v.caption_text())
    assert f"{labels.hidden} titles without room" in v.caption_text()
    v.zoom_to(date(2022, 1, 1), date(2022, 1, 20))
    v.grab()
    assert labels.drawn > 0
    v.zoom_to(date(2030, 1, 1), date(2030, 2, 1))  # nothing in view: nothing to say
    v.grab()
    qtbot.waitUntil(lambda: "zoom in to read" not in v.caption_text())


def test_collapsed_lanes_are_not_titled_and_ask_no_zooming(view, qtbot):
    for lane in view.lanes():
        view.set_lane_collapsed(lane.key, True)
    view.grab()
    labels = _labels(view)
    assert labels.drawn == 0 and labels.hidden == 0
    qtbot.waitUntil(lambda: "zoom in" not in view.caption_text().lower())
    tops = [lane.y0 for lane in view.lanes()]
    assert tops == sorted(tops) and all(b - a >= 0.8 - 1e-9 for a, b in zip(tops, tops[1:]))  # no overlap
    assert _row_px(view) >= MIN_ROW_PX - 0.01


def test_events_a_day_apart_get_a_row_each_and_both_names_whole(qtbot):
    # Issue 16: names that would collide go to the next free row, not shortened or dropped. The layout
    # keeps room for an event's name beside its marker, so a second event a day later starts a new row.
    visits = tuple(Event(id=f"E{i}", kind=EventKind.MONITORING_VISIT, title=f"Monitoring visit {i}",
                         start=date(2023, 3, 1) + timedelta(days=i - 1)) for i in (1, 2))
    v = TimelineView()
    qtbot.addWidget(v)
    v.resize(1100, 480)
    v.show()
    v.set_dataset(Dataset(events=visits), AS_OF)
    assert len(v.lanes()) == 1 and v.placed_y("event:E1") != v.placed_y("event:E2")  # one lane, two rows
    v.zoom_to(date(2022, 9, 1), date(2023, 9, 1))
    v.grab()
    labels = _labels(v)
    assert (labels.drawn, labels.hidden, labels.shortened) == (2, 0, 0)  # "MV1" and "MV2", whole

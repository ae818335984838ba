"""An older version's dates on the timeline: placement on the live rows, the dropped lane, one
layer, hiding with the filter, hover text, and the bundled sample drawn with ghosts."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QToolTip

from bcpviewer.model.records import Action, Dataset
from bcpviewer.model.timeline import BAR_HEIGHT, layout, workstream_key
from bcpviewer.model.versions import Ghost, compare_plans, ghosts
from bcpviewer.model.vocab import Status
from bcpviewer.plots.timeline_axes import DAY, to_seconds
from bcpviewer.plots.timeline_ghosts import (
    GHOST_HEIGHT,
    GHOST_LANE,
    GHOST_LANE_LABEL,
    GHOST_OFFSET,
    GhostLayer,
    ghost_text,
    place_ghosts,
)
from bcpviewer.ui.timeline.timeline_view import TimelineView

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources/samples/bcp-childrens-services.xlsx"
AS_OF = date(2026, 11, 23)
WS1, WS2 = "1. Leadership", "2. Front door"


def _actions() -> tuple[Action, ...]:
    return (
        Action("A1", "Appoint a permanent DCS", WS1, "Chief Executive", date(2022, 3, 1),
               date(2023, 3, 31), revised_due=(date(2023, 9, 30),), status=Status.AMBER),
        Action("A2", "Set up an improvement board", WS1, "Chief Executive", date(2022, 3, 1),
               date(2022, 6, 30), status=Status.COMPLETE, completed=date(2022, 6, 1)),
        Action("B1", "Review thresholds with partners", WS2, "Head of MASH", date(2022, 4, 1),
               date(2022, 12, 31), revised_due=(date(2023, 6, 30),), status=Status.RED),
    )


GHOSTS = (
    Ghost("action:A1", date(2022, 3, 1), date(2023, 3, 31), "Appoint a permanent DCS"),
    Ghost("action:B1", None, date(2022, 12, 31), "Review thresholds with partners"),
    Ghost(None, date(2022, 5, 1), date(2023, 1, 31), "Commission an independent review", dropped=True),
    Ghost(None, date(2022, 9, 1), date(2023, 6, 30), "Open a care leavers' hub", dropped=True),
    Ghost(None, None, date(2024, 3, 31), "Launch a recruitment campaign", dropped=True),
)


def data() -> Dataset:
    return Dataset(actions=_actions())


# -- words --------------------------------------------------------------------------------------
def test_hover_text_says_the_older_date_the_new_one_and_the_shift():
    g = GHOSTS[0]
    assert ghost_text(g, date(2023, 9, 30)) == "Older version: due 31 Mar 2023 (now 30 Sep 2023, +183 days)"
    assert ghost_text(g, date(2023, 1, 31)) == "Older version: due 31 Mar 2023 (now 31 Jan 2023, -59 days)"
    assert ghost_text(g, None) == "Older version: due 31 Mar 2023 (now no due date)"
    assert ghost_text(GHOSTS[2]) == "Older version: due 31 Jan 2023 (not in this version)"


# -- placement ----------------------------------------------------------------------------------
def test_ghosts_sit_a_little_below_their_live_bars_and_dropped_ones_in_a_lane_below():
    lay = layout(data(), as_of=AS_OF)
    place = place_ghosts(GHOSTS, lay)
    placed = {p.key: p for p in lay.placed}
    assert len(place) == 5 and place.hidden == 0
    live = ~place.dropped
    assert place.index[live].tolist() == [0, 1]
    for k, key in zip(np.flatnonzero(live), ("action:A1", "action:B1")):
        p = placed[key]
        assert place.y[k] == pytest.approx(p.y + GHOST_OFFSET)
        assert place.h[k] == pytest.approx(GHOST_HEIGHT)
        # the ghost's lower edge shows below the live bar, and stays inside the row
        assert p.y + BAR_HEIGHT / 2 < place.y[k] + place.h[k] / 2 < p.y + 0.5
    # a ghost without an older start begins where the live bar begins
    b1 = int(np.flatnonzero(place.index == 1)[0])
    assert place.x0[b1] == to_seconds(placed["action:B1"].start)
    assert place.x1[b1] == place.due[b1] == to_seconds(date(2022, 12, 31))
    lane = place.lane
    assert lane is not None and lane.key == GHOST_LANE and lane.label == GHOST_LANE_LABEL
    assert lane.y0 == pytest.approx(lay.height) and place.height == lane.height
    assert lane.count == 3 and "3 actions in the older version" in lane.summary
    dropped = np.flatnonzero(place.dropped)
    assert ((place.y[dropped] > lane.y0) & (place.y[dropped] < lane.y1)).all()
    # no two dropped ghosts overlap in a row, and none overlaps a live bar (they are in their own lane)
    for i in dropped:
        for j in dropped:
            if i < j and place.y[i] == place.y[j]:
                assert place.x1[i] < place.x0[j] or place.x1[j] < place.x0[i]
    assert lane.y0 >= max(p.y + p.height / 2 for p in lay.placed)
    # one without a start is drawn 30 days before its due date
    k = int(np.flatnonzero(place.index == 4)[0])
    assert place.x1[k] - place.x0[k] == 30 * DAY


def test_ghosts_of_hidden_or_folded_actions_are_not_placed():
    lay = layout(data(), as_of=AS_OF, visible={"action:A2", "action:B1"})
    place = place_ghosts(GHOSTS, lay)
    assert place.hidden == 1 and 0 not in place.index.tolist() and 1 in place.index.tolist()
    folded = layout(data(), as_of=AS_OF, collapsed=frozenset({workstream_key(WS2)}))
    place = place_ghosts(GHOSTS, folded)
    assert place.hidden == 1 and 1 not in place.index.tolist()
    one_row = place_ghosts(GHOSTS, folded, collapsed=True)
    assert one_row.lane.collapsed and len(set(one_row.y[one_row.dropped].tolist())) == 1


def test_no_dropped_ghosts_no_lane():
    place = place_ghosts(GHOSTS[:2], layout(data(), as_of=AS_OF))
    assert place.lane is None and place.height == 0.0 and len(place) == 2


# -- the view -----------------------------------------------------------------------------------
@pytest.fixture
def view(qtbot) -> TimelineView:
    v = TimelineView()
    qtbot.addWidget(v)
    v.resize(1400, 700)
    v.show()
    qtbot.waitExposed(v)
    v.set_dataset(data(), AS_OF)
    return v


def _layers(v: TimelineView) -> list[GhostLayer]:
    return [i for i in v.plot_item.items if isinstance(i, GhostLayer)]


def _to_widget(v: TimelineView, x: float, y: float) -> QPoint:
    vb = v.plot_item.getViewBox()
    return vb.scene().views()[0].mapFromScene(vb.mapViewToScene(QPointF(x, y)))


def _hover(v: TimelineView, pos: QPoint) -> None:
    vp = v.plot_item.getViewBox().scene().views()[0].viewport()
    event = QMouseEvent(QEvent.Type.MouseMove, QPointF(pos), QPointF(vp.mapToGlobal(pos)),
                        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(vp, event)


def test_one_layer_draws_every_ghost_and_the_dropped_lane(view):
    assert len(_layers(view)) == 1 and len(_layers(view)[0]) == 0
    view.set_ghosts(GHOSTS, "Older version: tracker as at 31 Mar 2023")
    layer = _layers(view)[0]
    assert len(_layers(view)) == 1 and len(layer) == 5
    assert view.ghost_counts() == (5, 5)
    assert [lane.label for lane in view.lanes()][-1] == GHOST_LANE_LABEL
    view.scroll_lanes(1_000)  # the dropped lane is the last: below the fold, reached by scrolling
    top, bottom = view.visible_rows()
    lane = view.lanes()[-1]
    assert top <= lane.y0 and lane.y1 <= bottom + 0.2
    view.grab()
    assert layer.drawn == 5 and layer.labelled >= 1  # dropped actions are titled
    assert "Older version: tracker as at 31 Mar 2023" in view._caption.text()
    view.set_ghosts(None)
    assert len(layer) == 0 and view.ghost_counts() == (0, 0)
    assert GHOST_LANE_LABEL not in [lane.label for lane in view.lanes()]
    assert "Older version" not in view._caption.text()


def test_ghosts_follow_the_filter_and_a_new_layout(view):
    view.set_ghosts(GHOSTS, "Older version")
    view.set_visible({"action:A2", "action:B1"})
    assert view.ghost_counts() == (4, 5)
    assert "1 of hidden actions not drawn" in view._caption.text()
    view.set_visible(None)
    assert view.ghost_counts() == (5, 5)
    view.set_lane_collapsed(GHOST_LANE, True)
    lane = view.lanes()[-1]
    assert lane.key == GHOST_LANE and lane.collapsed
    view.set_lane_collapsed(GHOST_LANE, False)
    assert not view.lanes()[-1].collapsed
    # new data: ghosts are placed again on the new rows (A1 is gone, so is its ghost)
    view.set_dataset(Dataset(actions=_actions()[1:]), AS_OF)
    assert view.ghost_counts() == (4, 5)


def test_hover_over_an_action_with_a_ghost_and_over_a_dropped_one(view, qtbot):
    view.set_ghosts(GHOSTS, "Older version")
    x0, _x1, y = view._timeline.extent("action:A1")
    _hover(view, _to_widget(view, x0 + 60 * DAY, y + GHOST_OFFSET + 0.1))
    qtbot.waitUntil(lambda: "Appoint a permanent DCS" in QToolTip.text())
    assert "Older version: due 31 Mar 2023 (now 30 Sep 2023, +183 days)" in QToolTip.text()
    lane = view.lanes()[-1]
    place = view._timeline._ghost_place
    k = int(np.flatnonzero(place.index == 3)[0])
    x, yd = (place.x0[k] + place.x1[k]) / 2, float(place.y[k])
    assert "Open a care leavers&#x27; hub" in view.ghost_tooltip_at(x, yd)
    assert view.ghost_tooltip_at(x, lane.y0 - 0.5) == ""
    qtbot.wait(60)  # pyqtgraph drops mouse moves closer together than a frame
    _hover(view, _to_widget(view, x, yd))
    qtbot.waitUntil(lambda: GHOST_LANE_LABEL in QToolTip.text())
    assert "Open a care leavers&#x27; hub" in QToolTip.text()
    assert "start 1 Sep 2022, due 30 Jun 2023" in QToolTip.text()
    assert view.item_at(x, yd) is None  # a ghost is not an item: clicks select nothing


def test_the_ghost_is_painted_under_the_bar_in_a_grey_dash(view):
    view.set_ghosts(GHOSTS[:1], "Older version")
    view.zoom_to(date(2022, 1, 1), date(2024, 1, 1))
    image = view.grab().toImage()
    dpr = image.devicePixelRatio()
    x0, _x1, y = view._timeline.extent("action:A1")
    bottom = y + GHOST_OFFSET + GHOST_HEIGHT / 2
    widget = view._widget
    greys = 0
    for days in range(40, 300, 3):
        p = widget.mapTo(view, _to_widget(view, x0 + days * DAY, bottom))
        c = image.pixelColor(int(p.x() * dpr), int((p.y() - 0.5) * dpr))
        greys += abs(c.red() - c.green()) < 12 and abs(c.green() - c.blue()) < 12 and c.red() < 150
    assert greys >= 10  # the dashed edge shows below the live bar (dashes, so not every pixel)


def test_the_bundled_sample_with_an_older_version(qtbot, tmp_path):
    if not SAMPLE.exists():
        pytest.skip(f"the bundled sample is missing ({SAMPLE})")
    from bcpviewer.io.loader import load_file

    ds = load_file(str(SAMPLE))
    older = [dataclasses.replace(a, revised_due=a.revised_due[:-1]) for a in ds.actions]
    older.append(Action("A9.01", "Commission an independent review of the front door",
                        "2. Front door and early help", "DCS", date(2022, 4, 1), date(2023, 3, 31)))
    cmp = compare_plans(older, ds.actions)
    g = ghosts(cmp)
    assert len(g) == sum(1 for a in ds.actions if a.revised_due) + 1
    v = TimelineView()
    qtbot.addWidget(v)
    v.resize(1600, 1000)
    v.show()
    qtbot.waitExposed(v)
    v.set_dataset(ds, AS_OF)
    v.set_ghosts(g, "Older version: tracker as at 31 Mar 2023")
    assert v.ghost_counts() == (len(g), len(g)) and v.counts() == (67, 67)
    assert not v.grab().isNull()
    v.grab().save(str(tmp_path / "timeline-ghosts.png"))
    assert _layers(v)[0].drawn == len(g)


def test_thousands_of_ghosts_stay_one_item(qtbot):
    first = date(2019, 1, 1)
    actions = tuple(Action(f"A{i}", f"Generated action {i}", f"Workstream {i % 3}", None,
                           first + timedelta(days=(i * 7) % 2900),
                           first + timedelta(days=(i * 7) % 2900 + 60), status=Status.GREEN)
                    for i in range(5000))
    many = tuple(Ghost(f"action:A{i}", a.start, a.due - timedelta(days=20), a.title)
                 for i, a in enumerate(actions))
    v = TimelineView()
    qtbot.addWidget(v)
    v.resize(1600, 900)
    v.show()
    v.set_dataset(Dataset(actions=actions), AS_OF)
    v.set_ghosts(many, "Older")
    v.grab()
    assert not v.grab().isNull()  # speed: benchmarks/timeline_bench.py
    assert len(_layers(v)) == 1 and v.ghost_counts() == (5000, 5000)

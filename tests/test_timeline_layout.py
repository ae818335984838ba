"""Timeline layout without Qt: lanes, packing, action bars, events, eras, collapse and visibility."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from bcpviewer.model.analysis import overdue_actions
from bcpviewer.model.records import Action, Dataset, Event
from bcpviewer.model.spans import SpanKind
from bcpviewer.model.eras import derive_eras
from bcpviewer.model.timeline import (
    COLLAPSED_HEIGHT,
    EMPTY_HEIGHT,
    FALLBACK_START_DAYS,
    ItemKind,
    badge_grade,
    describe,
    layout,
    workstream_key,
)
from bcpviewer.model.vocab import EventKind, Grade, Status

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 23)
d = date
K = EventKind


def ev(id: str, kind: EventKind, start: date, **kw: object) -> Event:
    return Event(id, kind, kw.pop("title", f"Event {id}"), start, **kw)  # type: ignore[arg-type]


def act(id: str, ws: str | None, start: date | None, due: date | None, **kw: object) -> Action:
    return Action(id, f"Action {id}", ws, "Owner", start, due, **kw)  # type: ignore[arg-type]


def placed(lay, key: str):
    return next(p for p in lay.placed if p.key == key)


# -- lanes --------------------------------------------------------------------------------------
def test_event_groups_come_first_then_workstreams_in_first_seen_order_and_no_workstream_last():
    ds = Dataset(
        actions=(act("A1", "Workforce", d(2022, 1, 1), d(2022, 6, 1)),
                 act("A2", None, d(2022, 1, 1), d(2022, 6, 1)),
                 act("A3", "Front door", d(2022, 1, 1), d(2022, 6, 1)),
                 act("A4", "Workforce", d(2022, 2, 1), d(2022, 3, 1))),
        events=(ev("E1", K.SCRUTINY_MEETING, d(2022, 1, 1)), ev("E2", K.MONITORING_VISIT, d(2022, 2, 1)),
                ev("E3", K.STANDARD_INSPECTION, d(2021, 12, 6)), ev("E4", K.PRESS_REPORT, d(2022, 3, 1)),
                ev("E5", K.STATUTORY_DIRECTION, d(2022, 3, 1))),
    )
    lay = layout(ds, as_of=AS_OF)
    assert [lane.key for lane in lay.lanes] == [
        "events:inspections", "events:visits", "events:intervention", "events:scrutiny", "events:other",
        workstream_key("Workforce"), workstream_key("Front door"), workstream_key(None),
    ]
    assert [lane.label for lane in lay.lanes][-3:] == ["Workforce", "Front door", "No workstream"]
    assert lay.lane(workstream_key("Workforce")).count == 2


def test_event_groups_without_events_have_no_lane():
    ds = Dataset(events=(ev("E1", K.MONITORING_VISIT, d(2022, 2, 1)),))
    assert [lane.key for lane in layout(ds, as_of=AS_OF).lanes] == ["events:visits"]


def test_lanes_are_stacked_without_gaps_and_items_sit_inside_their_lane():
    lay = layout(_sample(), as_of=AS_OF)
    for upper, lower in zip(lay.lanes, lay.lanes[1:]):
        assert lower.y0 == pytest.approx(upper.y1)
    assert lay.height == pytest.approx(lay.lanes[-1].y1)
    lanes = {lane.key: lane for lane in lay.lanes}
    for p in lay.placed:
        lane = lanes[p.lane_key]
        assert lane.y0 < p.y - p.height / 2 and p.y + p.height / 2 < lane.y1
        assert 0 <= p.row < max(lane.rows, 1)


# -- packing ------------------------------------------------------------------------------------
def _rows_do_not_overlap(lay) -> None:
    by_row: dict[tuple[str, int], list] = {}
    for p in lay.placed:
        by_row.setdefault((p.lane_key, p.row), []).append(p)
    for items in by_row.values():
        items.sort(key=lambda p: p.start)
        for a, b in zip(items, items[1:]):
            assert a.last < b.start, (a.key, b.key)


def test_overlapping_actions_stack_and_free_rows_are_reused_first_fit():
    ds = Dataset(actions=(
        act("A1", "W", d(2022, 1, 1), d(2022, 6, 30)),
        act("A2", "W", d(2022, 3, 1), d(2022, 9, 30)),
        act("A3", "W", d(2022, 7, 1), d(2022, 8, 1)),  # after A1 ends: back to row 0
        act("A4", "W", d(2022, 7, 15), d(2022, 12, 1)),  # overlaps A2 and A3: row 2
    ))
    lay = layout(ds, as_of=AS_OF)
    rows = {p.key: p.row for p in lay.placed}
    assert rows == {"action:A1": 0, "action:A2": 1, "action:A3": 0, "action:A4": 2}
    assert lay.lanes[0].rows == 3
    _rows_do_not_overlap(lay)


def test_packing_is_deterministic_whatever_the_input_order():
    rnd = random.Random(7)
    actions = [act(f"A{i}", "W", d(2022, 1, 1) + timedelta(days=rnd.randrange(300)),
                   d(2023, 1, 1) + timedelta(days=rnd.randrange(300))) for i in range(60)]
    first = layout(Dataset(actions=tuple(actions)), as_of=AS_OF, max_rows=100)
    rnd.shuffle(actions)
    second = layout(Dataset(actions=tuple(actions)), as_of=AS_OF, max_rows=100)
    assert {p.key: p.row for p in first.placed} == {p.key: p.row for p in second.placed}
    _rows_do_not_overlap(first)


def test_rows_are_capped_and_overflow_shares_the_row_that_frees_first():
    actions = tuple(act(f"A{i}", "W", d(2022, 1, 1), d(2022, 1, 10) + timedelta(days=i)) for i in range(20))
    lay = layout(Dataset(actions=actions), as_of=AS_OF, max_rows=5)
    assert lay.lanes[0].rows == 5
    assert {p.row for p in lay.placed} == set(range(5))


def test_nearby_point_events_stack_so_their_markers_do_not_collide():
    ds = Dataset(events=(ev("E1", K.MONITORING_VISIT, d(2022, 6, 7)),
                         ev("E2", K.FOCUSED_VISIT, d(2022, 6, 14)),
                         ev("E3", K.MONITORING_VISIT, d(2022, 12, 1))))
    rows = {p.key: p.row for p in layout(ds, as_of=AS_OF).placed}
    assert rows == {"event:E1": 0, "event:E2": 1, "event:E3": 0}


# -- action bars --------------------------------------------------------------------------------
def test_action_bar_runs_from_start_to_baseline_due():
    lay = layout(Dataset(actions=(act("A1", "W", d(2022, 3, 1), d(2022, 5, 31)),)), as_of=AS_OF)
    p = lay.placed[0]
    assert (p.kind, p.start, p.end) == (ItemKind.ACTION, d(2022, 3, 1), d(2022, 5, 31))
    assert not p.start_inferred


def test_missing_start_is_the_workstreams_earliest_start_else_due_minus_30_days():
    ds = Dataset(actions=(act("A1", "W", d(2022, 4, 1), d(2022, 9, 30)),
                          act("A2", "W", None, d(2022, 12, 31)),
                          act("A3", "Other", None, d(2022, 12, 31)),
                          act("A4", "W", None, d(2022, 2, 1))))  # due before the workstream starts
    lay = layout(ds, as_of=AS_OF)
    assert placed(lay, "action:A2").start == d(2022, 4, 1)
    assert placed(lay, "action:A2").start_inferred
    assert placed(lay, "action:A3").start == d(2022, 12, 31) - timedelta(days=FALLBACK_START_DAYS)
    assert placed(lay, "action:A4").start == placed(lay, "action:A4").end == d(2022, 2, 1)


def test_slippage_runs_to_the_latest_of_revised_due_and_completion_when_later():
    ds = Dataset(actions=(
        act("R", "W", d(2022, 1, 1), d(2022, 6, 30), revised_due=(d(2022, 9, 30), d(2022, 12, 31))),
        act("C", "W", d(2022, 1, 1), d(2022, 6, 30), revised_due=(d(2022, 9, 30),),
            completed=d(2022, 11, 15), status=Status.COMPLETE),
        act("E", "W", d(2022, 1, 1), d(2022, 6, 30), completed=d(2022, 6, 1), status=Status.COMPLETE),
        act("B", "W", d(2022, 1, 1), d(2022, 6, 30), revised_due=(d(2022, 5, 31),)),
    ))
    lay = layout(ds, as_of=d(2022, 7, 1))
    assert placed(lay, "action:R").slip_end == d(2022, 12, 31)
    assert placed(lay, "action:C").slip_end == d(2022, 11, 15)
    assert placed(lay, "action:C").completed == d(2022, 11, 15)
    assert placed(lay, "action:E").slip_end is None
    assert placed(lay, "action:E").completed == d(2022, 6, 1)
    assert placed(lay, "action:B").slip_end is None  # brought forward: nothing slipped


def test_overdue_is_analysis_overdue_actions_as_of_the_layout_date():
    ds = _sample()
    lay = layout(ds, as_of=AS_OF)
    expected = {f"action:{o.action.id}": o for o in overdue_actions(ds.actions, AS_OF)}
    got = {p.key: p for p in lay.placed if p.overdue_days is not None}
    assert got.keys() == expected.keys() and len(got) == 8
    for key, p in got.items():
        assert p.overdue_days == expected[key].days_late
        assert p.overdue_from == expected[key].due
    a204 = placed(lay, "action:A2.04")
    assert (a204.overdue_days, a204.overdue_from) == (31, d(2026, 9, 30))  # counted on the tracker's date, 31 Oct 2026
    assert placed(layout(ds, as_of=d(2022, 1, 1)), "action:A2.04").overdue_days is None


def test_an_action_without_any_date_is_counted_but_not_placed():
    ds = Dataset(actions=(act("A1", "W", None, None), act("A2", "W", d(2022, 1, 1), d(2022, 2, 1))))
    lay = layout(ds, as_of=AS_OF)
    assert lay.unplaced == ("action:A1",)
    assert lay.total == 2 and len(lay.placed) == 1
    assert lay.lane(workstream_key("W")).count == 2


# -- events -------------------------------------------------------------------------------------
def test_inspections_with_fieldwork_are_spans_with_publication_and_grade():
    e = ev("E7", K.STANDARD_INSPECTION, d(2021, 12, 6), end=d(2021, 12, 17), published=d(2022, 2, 11),
           grades={"overall": Grade.INADEQUATE, "in_care": Grade.REQUIRES_IMPROVEMENT})
    p = layout(Dataset(events=(e,)), as_of=AS_OF).placed[0]
    assert (p.kind, p.start, p.end, p.published, p.grade) == (
        ItemKind.SPAN, d(2021, 12, 6), d(2021, 12, 17), d(2022, 2, 11), Grade.INADEQUATE)
    assert p.last == d(2022, 2, 11)


def test_badge_shows_overall_grade_else_the_worst_sub_judgement():
    no_overall = ev("E", K.STANDARD_INSPECTION, d(2026, 5, 1),
                    grades={"leaders": Grade.GOOD, "care_leavers": Grade.REQUIRES_IMPROVEMENT})
    assert badge_grade(no_overall) is Grade.REQUIRES_IMPROVEMENT
    assert badge_grade(ev("F", K.MONITORING_VISIT, d(2022, 6, 7))) is None


def test_one_day_events_are_points_and_month_or_year_events_are_faint_spans():
    ds = Dataset(events=(
        ev("P", K.COUNCIL_FORMED, d(2019, 4, 1)),
        ev("M", K.FOCUSED_VISIT, d(2019, 11, 1), precision=SpanKind.MONTH),
        ev("Y", K.ADVISER_APPOINTED, d(2020, 1, 1), precision=SpanKind.YEAR),
    ))
    lay = layout(ds, as_of=AS_OF)
    assert (placed(lay, "event:P").kind, placed(lay, "event:P").end) == (ItemKind.POINT, d(2019, 4, 1))
    m = placed(lay, "event:M")
    assert (m.kind, m.start, m.end) == (ItemKind.PERIOD, d(2019, 11, 1), d(2019, 11, 30))
    y = placed(lay, "event:Y")
    assert (y.kind, y.start, y.end) == (ItemKind.PERIOD, d(2020, 1, 1), d(2020, 12, 31))


# -- eras ---------------------------------------------------------------------------------------
INADEQUATE = ev("I", K.STANDARD_INSPECTION, d(2021, 12, 6), end=d(2021, 12, 17), published=d(2022, 2, 11),
                grades={"overall": Grade.INADEQUATE})
GOOD = ev("G", K.STANDARD_INSPECTION, d(2024, 12, 2), end=d(2024, 12, 13), published=d(2025, 1, 29),
          grades={"overall": Grade.GOOD})
DIRECTION = ev("D", K.STATUTORY_DIRECTION, d(2022, 3, 15))


def _eras(*events: Event, as_of: date = AS_OF) -> list[tuple[str, date, date, bool]]:
    return [(e.label, e.start, e.end, e.open_ended) for e in derive_eras(events, as_of)]


def test_sample_eras_judged_inadequate_and_direction_end_with_the_good_report():
    assert _eras(*_sample().events) == [
        ("Judged inadequate", d(2022, 2, 11), d(2025, 1, 29), False),
        ("Statutory direction in force", d(2022, 3, 1), d(2025, 1, 29), False),
    ]


def test_direction_ends_when_revoked():
    revoked = ev("R", K.DIRECTION_REVOKED, d(2024, 6, 1))
    assert _eras(DIRECTION, revoked, GOOD)[0] == ("Statutory direction in force", d(2022, 3, 15),
                                                 d(2024, 6, 1), False)


def test_direction_and_inadequate_judgement_without_an_end_run_to_the_as_of_date():
    assert _eras(INADEQUATE, DIRECTION, as_of=d(2023, 5, 1)) == [
        ("Judged inadequate", d(2022, 2, 11), d(2023, 5, 1), True),
        ("Statutory direction in force", d(2022, 3, 15), d(2023, 5, 1), True),
    ]


def test_an_improvement_notice_escalated_to_a_direction_gives_two_eras():
    notice = ev("N", K.IMPROVEMENT_NOTICE, d(2020, 5, 1))
    assert _eras(notice, DIRECTION, GOOD) == [
        ("Improvement notice in force", d(2020, 5, 1), d(2022, 3, 15), False),
        ("Statutory direction in force", d(2022, 3, 15), d(2025, 1, 29), False),
    ]


def test_requires_improvement_also_ends_judged_inadequate_but_not_the_direction():
    ri = ev("R", K.STANDARD_INSPECTION, d(2024, 1, 8), published=d(2024, 3, 1),
            grades={"overall": Grade.REQUIRES_IMPROVEMENT})
    eras = _eras(INADEQUATE, DIRECTION, ri, as_of=d(2024, 6, 1))
    assert eras[0] == ("Judged inadequate", d(2022, 2, 11), d(2024, 3, 1), False)
    assert eras[1] == ("Statutory direction in force", d(2022, 3, 15), d(2024, 6, 1), True)


def test_overlapping_eras_get_their_own_rows_of_the_era_strip():
    lay = layout(_sample(), as_of=AS_OF)
    assert [e.row for e in lay.eras] == [0, 1]
    assert lay.lanes[0].y0 > max(e.y for e in lay.eras)


# -- collapse and visibility --------------------------------------------------------------------
def test_a_collapsed_lane_is_one_thin_row_holding_all_its_items():
    ds = _sample()
    key = workstream_key("1. Leadership, management and governance")
    lay = layout(ds, as_of=AS_OF, collapsed=frozenset({key}))
    lane = lay.lane(key)
    assert lane.collapsed and lane.rows == 1 and lane.height == COLLAPSED_HEIGHT
    items = [p for p in lay.placed if p.lane_key == key]
    assert len(items) == 8 and {p.y for p in items} == {lane.centre}
    assert "8 actions" in lane.summary
    assert layout(ds, as_of=AS_OF).height > lay.height


def test_hidden_items_are_not_placed_and_empty_lanes_shrink():
    ds = _sample()
    visible = {"action:A1.01", "action:A1.02", "event:E07"}
    lay = layout(ds, as_of=AS_OF, visible=visible)
    assert {p.key for p in lay.placed} == visible
    assert lay.total == 67
    visits = lay.lane("events:visits")
    assert (visits.rows, visits.shown, visits.count, visits.height) == (0, 0, 9, EMPTY_HEIGHT)
    assert len(lay.lanes) == 11  # lanes stay, so labels do not jump about


def test_placed_items_are_in_time_order():
    lay = layout(_sample(), as_of=AS_OF)
    starts = [p.start for p in lay.placed]
    assert starts == sorted(starts)
    assert lay.placed[0].key == "event:E01"


def test_sample_layout_counts_and_extent():
    lay = layout(_sample(), as_of=AS_OF)
    assert len(lay.placed) == lay.total == 67
    assert len(lay.lanes) == 4 + 7
    span = lay.extent()
    assert span.start == d(2019, 4, 1) and span.end == d(2027, 3, 31)


# -- tooltips -----------------------------------------------------------------------------------
def test_describe_an_overdue_action_in_uk_dates():
    ds = _sample()
    lay = layout(ds, as_of=AS_OF)
    a = next(a for a in ds.actions if a.id == "A2.04")
    lines = describe(a, placed(lay, "action:A2.04"))
    assert lines[0].startswith("A2.04 Open an early help hub")
    assert "Status: Red (off track)" in lines
    assert "Owner: Head of Early Help" in lines
    assert "Due: 30 Sep 2023" in lines
    assert "Re-dated to: 31 Mar 2024, 31 Mar 2025, 30 Sep 2026" in lines
    assert "Overdue by 31 days at 31 Oct 2026 (due 30 Sep 2026)" in lines  # on the tracker's date


def test_describe_an_inspection_with_its_grades():
    e = next(e for e in _sample().events if e.id == "E07")
    lines = describe(e)
    assert "Standard inspection: 6-17 Dec 2021" in lines
    assert "Published 11 Feb 2022" in lines
    assert "Overall effectiveness: Inadequate" in lines
    assert "Children in care: Requires improvement to be good" in lines


_SAMPLE: list[Dataset] = []


def _sample() -> Dataset:
    """The bundled sample workbook (read once)."""
    if not _SAMPLE:
        from bcpviewer.io.loader import load_file

        _SAMPLE.append(load_file(str(ROOT / "resources/samples/bcp-childrens-services.xlsx")))
    return _SAMPLE[0]


def _reference_rows(lay, max_rows: int) -> dict[str, int]:
    """Rows by the packing rule written plainly (the layout packs with heaps): items in (first day, last
    day drawn, key) order, ties in dataset order, each in the lowest row free before its first day, else a
    new row, else (all ``max_rows`` taken) the row that frees up first; an event keeps room for its name."""
    from bcpviewer.model.timeline import POINT_DAYS

    rows: dict[str, int] = {}
    by_lane: dict[str, list] = {}
    for p in lay.placed:
        by_lane.setdefault(p.lane_key, []).append(p)
    for items in by_lane.values():
        order = sorted(items, key=lambda p: (p.start, p.last, p.key))  # keys are unique here
        ends: list[int] = []
        for p in order:
            first, reach = p.start.toordinal(), p.last.toordinal()
            if p.kind is not ItemKind.ACTION:
                marker = (first + p.end.toordinal()) // 2 if p.kind is ItemKind.PERIOD else first
                reach = max(reach + POINT_DAYS // 5, marker + POINT_DAYS)
            free = [r for r, end in enumerate(ends) if end < first]
            if free:
                row = free[0]
            elif len(ends) < max_rows:
                row = len(ends)
                ends.append(0)
            else:
                row = min(range(len(ends)), key=lambda r: (ends[r], r))
            ends[row] = reach
            rows[p.key] = row
    return rows


@pytest.mark.parametrize("max_rows", [12, 3])
def test_packing_follows_the_rule_on_a_generated_tracker(max_rows: int) -> None:
    rnd = random.Random(5)
    kinds = list(EventKind)
    actions, events = [], []
    for i in range(1500):
        start = d(2019, 1, 1) + timedelta(days=rnd.randrange(2000))
        due = start + timedelta(days=rnd.randint(0, 300))
        revised = (due + timedelta(days=rnd.randint(1, 200)),) if rnd.random() < 0.3 else ()
        actions.append(act(f"A{i}", f"WS {i % 5}", start, due, revised_due=revised))
        kind = kinds[i % len(kinds)]
        end = start + timedelta(days=rnd.randint(1, 9)) if kind.is_inspection else None
        events.append(ev(f"E{i}", kind, start, end=end,
                         published=start + timedelta(days=40) if rnd.random() < 0.2 else None))
    lay = layout(Dataset(tuple(actions), tuple(events)), as_of=AS_OF, max_rows=max_rows)
    assert len(lay.placed) == 3000
    assert {p.key: p.row for p in lay.placed} == _reference_rows(lay, max_rows)

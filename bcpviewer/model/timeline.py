"""Timeline layout as plain data: lanes, items packed into sub-rows, y positions and background eras."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from functools import partial
from operator import attrgetter, itemgetter
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import NamedTuple

from bcpviewer.model.analysis import overdue_actions
from bcpviewer.model.eras import Era, derive_eras, era_at, source_eras, stack_eras
from bcpviewer.model.event_names import short_name
from bcpviewer.model.keys import item_key
from bcpviewer.model.records import Action, Dataset, Event
from bcpviewer.model.spans import PERIOD_PRECISIONS, Span, format_date
from bcpviewer.model.vocab import SUBJUDGEMENT_LABELS, EventKind, Grade, Status

K = EventKind
# Event lanes, top to bottom: (lane key, label, kinds drawn in it).
EVENT_GROUPS: tuple[tuple[str, str, frozenset[EventKind]], ...] = (
    ("events:inspections", "Ofsted inspections",
     frozenset({K.STANDARD_INSPECTION, K.SHORT_INSPECTION, K.SIF_INSPECTION})),
    ("events:visits", "Ofsted visits",
     frozenset({K.FOCUSED_VISIT, K.MONITORING_VISIT, K.JTAI, K.AREA_SEND, K.ANNUAL_ENGAGEMENT})),
    ("events:intervention", "Intervention",
     frozenset({K.IMPROVEMENT_NOTICE, K.STATUTORY_DIRECTION, K.DIRECTION_REVOKED, K.ADVISER_APPOINTED,
                K.ADVISER_REPORT, K.PLAN_SUBMITTED, K.PLAN_APPROVED, K.IMPROVEMENT_BOARD})),
    ("events:scrutiny", "Scrutiny & council",
     frozenset({K.SCRUTINY_MEETING, K.CABINET, K.LEADERSHIP_CHANGE, K.COUNCIL_FORMED})),
    ("events:other", "Other & press", frozenset({K.PRESS_REPORT, K.OTHER})),
)
_GROUP_OF = {kind: key for key, _label, kinds in EVENT_GROUPS for kind in kinds}
WORKSTREAM_PREFIX = "workstream:"
NO_WORKSTREAM = "No workstream"

# Vertical sizes in plot units (one sub-row is 1.0).
ROW = 1.0
BAR_HEIGHT = 0.66
LANE_PAD = 0.2  # above and below a lane's rows
COLLAPSED_HEIGHT = 0.8
COLLAPSED_BAR = 0.28
EMPTY_HEIGHT = 0.6  # a lane whose items are all hidden
ERA_ROW = 0.9
ERA_GAP = 0.25
MAX_ROWS = 12  # sub-rows per lane; further overlapping items share the row that frees up first
POINT_DAYS = 150  # how long an event counts when packing: nearby events stack, each with room for its name
FALLBACK_START_DAYS = 30  # an action with no start and no workstream start begins this long before due


class ItemKind(str, Enum):
    """How a placed item is drawn."""

    ACTION = "action"  # a bar from start to baseline due, with slippage and completion
    SPAN = "span"  # an event over several days (inspection fieldwork)
    POINT = "point"  # a one-day event
    PERIOD = "period"  # an event known only to the month or year: a faint span over it


@dataclass(frozen=True, slots=True)
class Lane:
    """A horizontal band of the timeline: one event group or one action workstream."""

    key: str
    label: str
    kind: str  # "events" or "actions"
    rows: int  # sub-rows in use (0 when nothing in it is visible)
    y0: float
    height: float = ROW
    collapsed: bool = False
    count: int = 0  # records in the lane
    shown: int = 0  # of which visible
    summary: str = ""

    @property
    def centre(self) -> float:
        return self.y0 + self.height / 2

    @property
    def y1(self) -> float:
        return self.y0 + self.height


class Placed(NamedTuple):
    """One record placed on the timeline: its lane, sub-row, dates to draw and what to draw with them.

    A named tuple rather than a dataclass: a large tracker places hundreds of thousands of these.
    """

    key: str
    lane_key: str
    row: int
    start: date
    end: date
    kind: ItemKind
    title: str
    y: float = 0.0  # centre of the sub-row
    height: float = BAR_HEIGHT
    status: Status | None = None
    slip_end: date | None = None  # slippage from ``end`` (baseline due) to here
    completed: date | None = None
    overdue_days: int | None = None  # days past the current due date as of the layout's date
    overdue_from: date | None = None  # the current due date an overdue action is late against
    overdue_to: date | None = None  # the day its lateness is counted on (tracker's date, else today)
    start_inferred: bool = False
    event_kind: EventKind | None = None
    published: date | None = None
    grade: Grade | None = None  # overall grade, else the worst graded sub-judgement
    short: str = ""  # an event's short name on the timeline ("MV3", "ILACS: Inadequate")

    @property
    def last(self) -> date:
        """The latest date drawn for this item (slippage, completion, publication included)."""
        last = self.end
        for d in (self.slip_end, self.completed, self.published):
            if d is not None and d > last:
                last = d
        return last


_new_placed = partial(tuple.__new__, Placed)  # a Placed from a tuple of all its fields
_TIME_ORDER = attrgetter("start", "y", "key")  # the order of TimelineLayout.placed
_SORT_SPAN = itemgetter(0, 1, 2)  # packing order: first day, last day drawn, key (sort is stable)
_END, _SLIP_END = attrgetter("end"), attrgetter("slip_end")
_COMPLETED, _PUBLISHED = attrgetter("completed"), attrgetter("published")


@dataclass(frozen=True, slots=True)
class TimelineLayout:
    """Everything the timeline draws, as plain data; ``placed`` is in time order."""

    lanes: tuple[Lane, ...]
    placed: tuple[Placed, ...]
    eras: tuple[Era, ...]
    as_of: date
    height: float
    total: int  # records in the dataset (placed or not)
    unplaced: tuple[str, ...] = ()  # keys of records with no date to draw
    span: Span | None = None  # first to last date drawn, eras and the layout date included

    def lane(self, key: str) -> Lane | None:
        return next((lane for lane in self.lanes if lane.key == key), None)

    def extent(self) -> Span | None:
        """First to last date drawn (eras and the layout date included), or None when empty."""
        return self.span


def layout(
    dataset: Dataset,
    *,
    as_of: date,
    collapsed: frozenset[str] = frozenset(),
    visible: set[str] | None = None,
    max_rows: int = MAX_ROWS,
    against_today: bool = False,
) -> TimelineLayout:
    """Lay out a dataset's events and actions in lanes, as of a date (for overdue and open eras);
    overdue is counted on each tracker's own date unless ``against_today`` (see analysis.counted_on)."""
    items: dict[str, list[Placed]] = {}
    labels: dict[str, tuple[str, str]] = {}
    counts: dict[str, int] = {}
    unplaced: list[str] = []
    for key, label, _kinds in EVENT_GROUPS:
        labels[key] = (label, "events")
    own_lanes: list[str] = []  # events' own lanes (TimelineJS groups), after the kind lanes
    for e in dataset.events:
        lane = _GROUP_OF.get(e.kind, "events:other") if not e.lane else OWN_LANE_PREFIX + e.lane
        if e.lane and lane not in labels:
            labels[lane] = (e.lane, "events")
            own_lanes.append(lane)
        counts[lane] = counts.get(lane, 0) + 1
        items.setdefault(lane, []).append(_place_event(e, lane))
    ws_lanes: list[str] = []
    for lane, label, placed in _place_actions(dataset.actions, as_of, unplaced, against_today):
        if lane not in labels:
            labels[lane] = (label, "actions")
            ws_lanes.append(lane)
        counts[lane] = counts.get(lane, 0) + 1
        if placed is not None:
            items.setdefault(lane, []).append(placed)
    if NO_WORKSTREAM_KEY in ws_lanes:  # "No workstream" goes last
        ws_lanes.remove(NO_WORKSTREAM_KEY)
        ws_lanes.append(NO_WORKSTREAM_KEY)
    order = [key for key, _l, _k in EVENT_GROUPS if counts.get(key)] + own_lanes + ws_lanes

    eras = stack_eras(sorted(derive_eras(dataset.events, as_of) + source_eras(dataset),
                              key=lambda era: (era.start, era.key)))
    era_rows = max((e.row for e in eras), default=-1) + 1
    y = era_rows * ERA_ROW + (ERA_GAP if era_rows else 0.0)
    eras = tuple(era_at(e, e.row, e.row * ERA_ROW + ERA_ROW / 2) for e in eras)

    lanes: list[Lane] = []
    placed: list[Placed] = []
    for key in order:
        label, kind = labels[key]
        lane_items = items.get(key, [])
        shown = lane_items if visible is None else [p for p in lane_items if p.key in visible]
        is_collapsed = key in collapsed
        packed, rows = _pack(shown, 1 if is_collapsed else max_rows)
        # Each item again with its row and y (and a collapsed lane's thin bar): tuples joined in C, as
        # NamedTuple._replace takes a Python call per field and a big tracker has 10^5 items.
        if is_collapsed:
            height = COLLAPSED_HEIGHT
            tail = (y + height / 2, COLLAPSED_BAR)
            placed.extend(_new_placed(p[:2] + (r,) + p[3:7] + tail + p[9:]) for p, r in packed)
        else:
            height = rows * ROW + 2 * LANE_PAD if rows else EMPTY_HEIGHT
            top = y + LANE_PAD + 0.5 * ROW
            placed.extend(_new_placed(p[:2] + (r,) + p[3:7] + (top + r * ROW,) + p[8:]) for p, r in packed)
        summary = _summary(kind, counts.get(key, 0), shown)
        lanes.append(Lane(key, label, kind, rows, y, height, is_collapsed, counts.get(key, 0),
                          len(shown), summary))
        y += height
    placed.sort(key=_TIME_ORDER)
    total = len(dataset.actions) + len(dataset.events)
    return TimelineLayout(tuple(lanes), tuple(placed), eras, as_of, y, total, tuple(unplaced),
                          _span(placed, eras, as_of, dataset.figures_span()))


def _span(placed: list[Placed], eras: Sequence[Era], as_of: date, figures: Span | None = None) -> Span | None:
    """The timeline's dates: its items', eras' and the figures' (the charts share the timeline's dates,
    so a file of figures alone still opens on its years)."""
    metrics = ([figures.start], [figures.end]) if figures is not None else ([], [])
    firsts = [p.start for p in placed[:1]] + [e.start for e in eras] + metrics[0]  # placed is in time order
    lasts = _latest(placed) + [e.end for e in eras] + metrics[1]
    if not firsts:
        return None
    return Span(min(firsts), max(max(lasts), as_of))


def _latest(placed: list[Placed]) -> list[date]:
    """[the latest date drawn of any item] (``max(p.last for p in placed)``), or []: column by column,
    the per-item property being slow on 10^5 items."""
    if not placed:
        return []
    last = max(map(_END, placed))
    for get in (_SLIP_END, _COMPLETED, _PUBLISHED):
        dates = [d for d in map(get, placed) if d is not None]
        if dates:
            last = max(last, max(dates))
    return [last]


NO_WORKSTREAM_KEY = WORKSTREAM_PREFIX
OWN_LANE_PREFIX = "events:lane:"


def workstream_key(workstream: str | None) -> str:
    """The lane key of an action workstream (``workstream:`` alone for actions without one)."""
    return WORKSTREAM_PREFIX + (workstream.strip() if workstream and workstream.strip() else "")


def _place_actions(
    actions: Sequence[Action], as_of: date, unplaced: list[str], against_today: bool = False
) -> Iterable[tuple[str, str, Placed | None]]:
    """(lane key, lane label, placed or None) for each action, in dataset order."""
    earliest: dict[str, date] = {}
    for a in actions:
        lane = workstream_key(a.workstream)
        if a.start is not None and (lane not in earliest or a.start < earliest[lane]):
            earliest[lane] = a.start
    late = {id(o.action): o for o in overdue_actions(actions, as_of, against_today=against_today)}
    for a in actions:
        lane = workstream_key(a.workstream)
        label = lane[len(WORKSTREAM_PREFIX):] or NO_WORKSTREAM
        end = a.due or a.current_due or a.completed or a.start
        if end is None:
            unplaced.append(item_key(a))
            yield lane, label, None
            continue
        inferred = a.start is None
        start = a.start or earliest.get(lane) or end - timedelta(days=FALLBACK_START_DAYS)
        start = min(start, end)
        later = [d for d in (a.revised_due[-1] if a.revised_due else None, a.completed) if d]
        slip_end = max(later) if later and max(later) > end else None
        o = late.get(id(a))
        yield lane, label, Placed(
            item_key(a), lane, 0, start, end, ItemKind.ACTION, a.title, status=a.status,
            slip_end=slip_end, completed=a.completed, overdue_days=o.days_late if o else None,
            overdue_from=o.due if o else None, overdue_to=o.as_of if o else None, start_inferred=inferred,
        )


def _place_event(e: Event, lane: str) -> Placed:
    kind, start, end = ItemKind.POINT, e.start, e.start
    if e.precision in PERIOD_PRECISIONS and e.end is None:  # a faint span: the month, quarter, year
        span = Span.containing(e.start, e.precision)
        kind, start, end = ItemKind.PERIOD, span.start, span.end
    elif e.end is not None and e.end > e.start:
        kind, end = ItemKind.SPAN, e.end
    return Placed(item_key(e), lane, 0, start, end, kind, e.title, event_kind=e.kind,
                  published=e.published, grade=badge_grade(e), short=short_name(e))


def badge_grade(e: Event) -> Grade | None:
    """The grade a badge shows: the overall grade, else the worst graded sub-judgement."""
    if not e.grades:  # most events: no grades (and no generator to make)
        return None
    if e.overall is not None:
        return e.overall
    return max((g for _k, g in e.graded()), default=None)


def _pack(items: list[Placed], cap: int) -> tuple[list[tuple[Placed, int]], int]:
    """Greedy first-fit interval packing into at most ``cap`` sub-rows (deterministic): (item, row) in
    packing order, and the rows used. Items are taken by (first day, last day drawn, key), ties in
    ``items`` order."""
    cap = max(1, cap)
    spans = []
    action = ItemKind.ACTION
    period = ItemKind.PERIOD
    for i, p in enumerate(items):
        first = p.start.toordinal()
        last = p.end  # p.last, inline: the property is slow on 10^5 items
        for d in (p.slip_end, p.completed, p.published):
            if d is not None and d > last:
                last = d
        last = last.toordinal()
        reach = last
        if p.kind is not action:  # room for its name beside its marker (mid-period for a period)
            marker = (first + p.end.toordinal()) // 2 if p.kind is period else first
            reach = max(last + POINT_DAYS // 5, marker + POINT_DAYS)
        spans.append((first, last, p.key, i, reach))
    spans.sort(key=_SORT_SPAN)  # by the dates drawn (not the room for a name)
    busy: list[tuple[int, int]] = []  # (last occupied day, row)
    free: list[int] = []
    rows = 0
    out = []
    heappush, heappop = heapq.heappush, heapq.heappop
    for first, _last, _key, i, reach in spans:
        while busy and busy[0][0] < first:
            heappush(free, heappop(busy)[1])
        if free:
            row = heappop(free)
        elif rows < cap:
            row, rows = rows, rows + 1
        else:  # every row is taken: share the one that frees up first
            row = heappop(busy)[1]
        heappush(busy, (reach, row))
        out.append((items[i], row))
    return out, rows


def _summary(kind: str, count: int, shown: list[Placed]) -> str:
    noun = "action" if kind == "actions" else "event"
    text = f"{count} {noun}{'' if count == 1 else 's'}"
    if len(shown) != count:
        text += f" ({len(shown)} shown)"
    if kind == "actions":
        late = sum(1 for p in shown if p.overdue_days is not None)
        done = sum(1 for p in shown if p.status is Status.COMPLETE)
        text += f": {done} complete, {late} overdue"
    return text


# -- what a tooltip says ------------------------------------------------------------------------
def describe(record: Action | Event, placed: Placed | None = None) -> list[str]:
    """Lines about one item for a tooltip: title, dates in UK style, status or grades, owner, lateness."""
    if isinstance(record, Event):
        lines = [record.title, f"{record.kind.label}: {record.when_label}"]
        if record.published:
            lines.append(f"Published {format_date(record.published)}")
        lines += [f"{SUBJUDGEMENT_LABELS[k]}: {g.label}" for k, g in record.graded()]
        if record.lead:
            lines.append(f"Lead: {record.lead}")
        return lines
    a = record
    lines = [f"{a.id} {a.title}".strip(), f"Status: {a.status.label}"]
    if a.owner:
        lines.append(f"Owner: {a.owner}")
    if a.workstream:
        lines.append(f"Workstream: {a.workstream}")
    start = format_date(a.start) if a.start else (
        f"not given (drawn from {format_date(placed.start)})" if placed else "not given")
    lines.append(f"Start: {start}")
    lines.append(f"Due: {format_date(a.due, 'not given')}")
    if a.revised_due:
        lines.append("Re-dated to: " + ", ".join(format_date(d) for d in a.revised_due))
    if a.completed:
        lines.append(f"Completed: {format_date(a.completed)}")
    if placed is not None and placed.overdue_days is not None:
        at = f" at {format_date(placed.overdue_to)}" if placed.overdue_to else ""
        lines.append(f"Overdue by {placed.overdue_days:,} days{at} (due {format_date(placed.overdue_from)})")
    return lines

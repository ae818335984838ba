"""Journeys across councils: line councils up on "months since the inadequate judgement".

From an Ofsted outcomes table (events per council) and DfE statistics (one metric per council),
each council's metric is re-timed as months since its anchor (by default its judgement of
inadequate, dated by publication), and its time from that judgement to the next full inspection
and the grade reached there go into a table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from bcpviewer.model.records import Event, MetricSeries, Observation, judged_on
from bcpviewer.model.spans import format_date
from bcpviewer.model.vocab import EventKind, Grade

DAYS_PER_MONTH = 365.25 / 12
# Inspections that give an overall judgement (a re-inspection ends an inadequate journey).
JUDGEMENT_KINDS = frozenset({EventKind.STANDARD_INSPECTION, EventKind.SHORT_INSPECTION,
                             EventKind.SIF_INSPECTION})


class Which(str, Enum):
    FIRST = "first"
    LATEST = "latest"


@dataclass(frozen=True, slots=True)
class Anchor:
    """What to line councils up on: an event kind, optionally with an overall grade."""

    kind: EventKind | None = None  # None: any judgement-giving inspection
    grade: Grade | None = Grade.INADEQUATE
    which: Which = Which.LATEST

    @property
    def label(self) -> str:
        what = self.kind.label.lower() if self.kind else "judgement"
        if self.grade is not None:
            what = f"{self.grade.label.lower()} {what}" if self.kind else f"{self.grade.label.lower()} judgement"
        return f"months since the {'first' if self.which is Which.FIRST else 'latest'} {what}"


INADEQUATE = Anchor()


def find_anchor(events: Iterable[Event], anchor: Anchor = INADEQUATE) -> Event | None:
    """The council's event to line up on, or None when it has none."""
    hits = []
    for e in events:
        if anchor.kind is not None:
            if e.kind is not anchor.kind:
                continue
        elif e.kind not in JUDGEMENT_KINDS:
            continue
        if anchor.grade is not None and e.overall is not anchor.grade:
            continue
        hits.append(e)
    if not hits:
        return None
    hits.sort(key=lambda e: (judged_on(e), e.id))
    return hits[0] if anchor.which is Which.FIRST else hits[-1]


def next_judgement(events: Iterable[Event], after: Event) -> Event | None:
    """The first judgement-giving inspection with any grade after ``after``'s (since the 2026
    reform, Ofsted's reports give sub-judgements without an overall grade)."""
    later = [e for e in events if e.kind in JUDGEMENT_KINDS and any(True for _ in e.graded())
             and e.start > (after.end or after.start)]
    return min(later, key=lambda e: (e.start, e.id), default=None)


def months_between(start: date, end: date) -> float:
    return (end - start).days / DAYS_PER_MONTH


@dataclass(frozen=True, slots=True)
class JourneyPoint:
    months: float  # since the anchor; negative before it
    value: float | None  # None for a suppressed figure (a gap)
    observation: Observation


@dataclass(frozen=True, slots=True)
class Journey:
    council: str
    anchor: Event | None
    points: tuple[JourneyPoint, ...] = ()
    reinspection: Event | None = None
    as_of: date | None = None

    @property
    def anchor_date(self) -> date | None:
        return judged_on(self.anchor) if self.anchor else None

    @property
    def months_to_reinspection(self) -> float | None:
        if self.anchor is None or self.reinspection is None:
            return None
        return months_between(judged_on(self.anchor), judged_on(self.reinspection))

    @property
    def months_so_far(self) -> float | None:
        """Months since the anchor as at the as-of date, when not yet re-inspected."""
        if self.anchor is None or self.reinspection is not None or self.as_of is None:
            return None
        return months_between(judged_on(self.anchor), self.as_of)

    @property
    def grade_reached(self) -> Grade | None:
        return self.reinspection.overall if self.reinspection else None

    @property
    def outcome(self) -> str:
        """"Good after 35 months (29 Jan 2025)" / "Not re-inspected: 20 months so far"."""
        if self.anchor is None:
            return "No such judgement in the outcomes table"
        r = self.reinspection
        if r is not None:
            m = self.months_to_reinspection
            assert m is not None
            when = f"{m:.0f} months ({format_date(judged_on(r))})"
            if r.overall is None:
                return f"Re-inspected after {when}: no overall grade given"
            return f"{r.overall.label} after {when}"
        so_far = self.months_so_far
        return "Not re-inspected yet" + (f": {so_far:.0f} months so far" if so_far is not None else "")

    def value_at(self, months: float) -> float | None:
        """The latest figure at or before ``months`` since the anchor."""
        best = None
        for p in self.points:
            if p.months <= months and p.value is not None:
                best = p.value
        return best


def journey(council: str, events: Sequence[Event], series: MetricSeries | None,
            anchor: Anchor = INADEQUATE, as_of: date | None = None) -> Journey:
    """One council's journey: its anchor, its metric re-timed, and its re-inspection."""
    a = find_anchor(events, anchor)
    if a is None:
        return Journey(council, None, (), None, as_of)
    start = judged_on(a)
    points = ()
    if series is not None:
        points = tuple(JourneyPoint(months_between(start, o.period.end), o.value, o)
                       for o in series.observations)
    return Journey(council, a, points, next_judgement(events, a), as_of)


def journeys(councils: Sequence[str], events: Mapping[str, Sequence[Event]],
             series: Mapping[str, MetricSeries], anchor: Anchor = INADEQUATE,
             as_of: date | None = None) -> list[Journey]:
    """The journeys of ``councils`` in the order given (those with no anchor included, empty)."""
    return [journey(c, events.get(c, ()), series.get(c), anchor, as_of) for c in councils]


def councils_judged(events: Mapping[str, Sequence[Event]], grade: Grade = Grade.INADEQUATE,
                    since: date | None = None) -> list[str]:
    """Councils with a judgement of ``grade`` (published on or after ``since``), most recent first."""
    found = []
    for council, evs in events.items():
        hit = find_anchor([e for e in evs if since is None or judged_on(e) >= since],
                          Anchor(None, grade, Which.LATEST))
        if hit is not None:
            found.append((judged_on(hit), council))
    return [c for _d, c in sorted(found, key=lambda t: (-t[0].toordinal(), t[1]))]


def median_months_to_reinspection(items: Iterable[Journey]) -> float | None:
    months = sorted(m for j in items if (m := j.months_to_reinspection) is not None)
    if not months:
        return None
    mid = len(months) // 2
    return months[mid] if len(months) % 2 else (months[mid - 1] + months[mid]) / 2

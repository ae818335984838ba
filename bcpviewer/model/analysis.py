"""Analysis a scrutiny researcher asks for first: overdue actions, slippage, grades, gaps."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from bcpviewer.model.records import Action, Comparator, Event, MetricSeries, Observation, judged_on
from bcpviewer.model.spans import format_date
from bcpviewer.model.vocab import SUBJUDGEMENTS, Grade, Polarity, Status


@dataclass(frozen=True, slots=True)
class Overdue:
    """An action past its current due date and not complete, as of a date."""

    action: Action
    due: date  # the date it is late against (latest revision, else baseline)
    days_late: int
    days_late_baseline: int  # against the original due date
    as_of: date | None = None  # the day it is counted on
    tracker_date: bool = False  # that day is the tracker's own date (not the one asked for)

    @property
    def owner(self) -> str | None:
        return self.action.owner


def counted_on(action: Action, as_of: date, *, against_today: bool = False) -> date:
    """The day an action's lateness is counted on: ``as_of``, or the tracker's own date when it
    is earlier (what the tracker says stands as at its date, not at a later day), unless the
    user asked to count against ``as_of`` (``against_today``)."""
    if against_today or action.as_at is None or action.as_at >= as_of:
        return as_of
    return action.as_at


def overdue_actions(actions: Iterable[Action], as_of: date, *,
                    against_today: bool = False) -> list[Overdue]:
    """Actions not complete whose current due date has passed, longest late first: each counted
    on the tracker's own date when it is earlier than ``as_of`` (see ``counted_on``)."""
    out = []
    for a in actions:
        day = counted_on(a, as_of, against_today=against_today)
        due = a.current_due
        if due is None or a.is_complete and (a.completed is None or a.completed <= day):
            continue
        if due < day:
            base = a.due or due
            out.append(Overdue(a, due, (day - due).days, (day - base).days, day, day != as_of))
    out.sort(key=lambda o: (-o.days_late, o.action.id))
    return out


def counted_on_text(actions: Iterable[Action], as_of: date, *, against_today: bool = False,
                    as_of_name: str = "today") -> str:
    """Which day overdue and days late are counted on, for a caption: ``Overdue counted at 14 Mar 2023
    (the tracker's date)``, ``Overdue counted at 7 Dec 2026 (today)``, or each tracker's own date when
    several trackers give different ones (see ``counted_on``). ``as_of_name`` says what ``as_of`` is
    ("today", or "the date chosen" in an export counted at another day)."""
    today = format_date(as_of)
    actions = list(actions)
    if against_today:
        earlier = any(a.as_at is not None and a.as_at < as_of for a in actions)
        but = ", not the tracker's date" if earlier else ""
        return f"Overdue counted at {today} ({as_of_name}{but})"
    days = [counted_on(a, as_of) for a in actions]
    own = sorted({d for d in days if d != as_of})
    if not own:
        return f"Overdue counted at {today} ({as_of_name})"
    rest = f"; actions without one at {today} ({as_of_name})" if as_of in days else ""
    if len(own) == 1:
        return f"Overdue counted at {format_date(own[0])} (the tracker's date){rest}"
    return (f"Overdue counted at each tracker's own date ({format_date(own[0])} to "
            f"{format_date(own[-1])}){rest}")


@dataclass(frozen=True, slots=True)
class Slippage:
    """Baseline vs revised vs actual dates of one action, in days (positive is later)."""

    baseline: date | None
    revised: date | None
    actual: date | None
    revisions: int
    revised_by_days: int | None  # latest revision minus baseline
    completed_late_by_days: int | None  # completion minus baseline (negative: early)

    @property
    def slipped(self) -> bool:
        return bool(self.revised_by_days and self.revised_by_days > 0) or bool(
            self.completed_late_by_days and self.completed_late_by_days > 0
        )


def slippage(action: Action) -> Slippage:
    base = action.due
    revised = action.revised_due[-1] if action.revised_due else None
    return Slippage(
        baseline=base,
        revised=revised,
        actual=action.completed,
        revisions=len(action.revised_due),
        revised_by_days=(revised - base).days if base and revised else None,
        completed_late_by_days=(action.completed - base).days if base and action.completed else None,
    )


def status_counts(actions: Iterable[Action]) -> Counter[Status]:
    """How many actions stand at each status (latest status of each)."""
    return Counter(a.status for a in actions)


@dataclass(frozen=True, slots=True)
class LatestGrade:
    subjudgement: str
    grade: Grade
    event: Event


def latest_grades(events: Iterable[Event], as_of: date | None = None) -> dict[str, LatestGrade]:
    """The latest grade for each sub-judgement from graded events published (or held) by ``as_of``."""
    best: dict[str, LatestGrade] = {}
    for e in sorted(events, key=judged_on):
        when = judged_on(e)
        if as_of is not None and when > as_of:
            continue
        for key, grade in e.graded():
            best[key] = LatestGrade(key, grade, e)
    return {k: best[k] for k, _ in SUBJUDGEMENTS if k in best}


def last_judgement(events: Iterable[Event], as_of: date | None = None) -> Event | None:
    """The latest event with an overall grade (or any grade), by publication date."""
    graded = [e for e in events if any(True for _ in e.graded())]
    if as_of is not None:
        graded = [e for e in graded if judged_on(e) <= as_of]
    return max(graded, key=judged_on, default=None)


@dataclass(frozen=True, slots=True)
class Gap:
    """The council's latest value against a comparator for the same period."""

    series: MetricSeries
    comparator: Comparator
    observation: Observation
    comparator_value: float
    difference: float  # council minus comparator
    better: bool | None  # None when the metric has no better direction, or values are equal

    @property
    def period_label(self) -> str:
        return self.observation.period.label


def compare(value: float, other: float, polarity: Polarity) -> bool | None:
    """Is ``value`` better than ``other``? None when equal or the measure has no direction."""
    if value == other or polarity is Polarity.NEUTRAL:
        return None
    return (value < other) if polarity is Polarity.LOWER_IS_BETTER else (value > other)


def comparator_gap(series: MetricSeries, kind: str, on_or_before: date | None = None) -> Gap | None:
    """The gap to comparator ``kind`` at the latest period both have a value (polarity-aware)."""
    comp = series.comparator(kind)
    if comp is None:
        return None
    theirs = {o.period: o.value for o in comp.observations if o.value is not None}
    for obs in reversed(series.observations):
        if obs.value is None or obs.period not in theirs:
            continue
        if on_or_before is not None and obs.period.end > on_or_before:
            continue
        other = theirs[obs.period]
        assert other is not None
        return Gap(series, comp, obs, other, obs.value - other, compare(obs.value, other, series.polarity))
    return None


def gap_closing(series: MetricSeries, kind: str, since: date) -> bool | None:
    """Has the gap to ``kind`` narrowed (in the good direction) between ``since`` and the latest?"""
    now = comparator_gap(series, kind)
    then = comparator_gap(series, kind, on_or_before=since)
    if now is None or then is None or series.polarity is Polarity.NEUTRAL:
        return None
    sign = -1 if series.polarity is Polarity.LOWER_IS_BETTER else 1
    return sign * now.difference > sign * then.difference


def sorted_by_date(items: Sequence[Action | Event]) -> list[Action | Event]:
    """Actions and events in time order (start, else due)."""

    def key(x: Action | Event) -> date:
        if isinstance(x, Event):
            return x.start
        return x.start or x.due or x.completed or date.max

    return sorted(items, key=key)

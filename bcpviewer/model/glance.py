"""The "at a glance" figures: where the intervention stands, what is late, which metrics are worse."""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bcpviewer.model.analysis import Gap, Overdue, compare, comparator_gap, last_judgement, overdue_actions
from bcpviewer.model.pacing import Pace, paced
from bcpviewer.model.records import Dataset, Event, MetricSeries, Observation, judged_on
from bcpviewer.model.spans import format_date
from bcpviewer.model.vocab import SUBJUDGEMENT_LABELS, EventKind, Grade, Polarity

VISIT_KINDS = frozenset({EventKind.MONITORING_VISIT, EventKind.FOCUSED_VISIT})
COMPARATOR_KINDS = ("england", "neighbours")  # what the glance compares each metric with
NO_OWNER = "No owner named"

# Glyphs go with the words, so better and worse never rest on colour alone.
BETTER, WORSE, LEVEL, NEUTRAL = "✓", "✗", "=", "·"


@dataclass(frozen=True, slots=True)
class Judgement:
    """A graded inspection, when it was judged (published) and how long ago that is."""

    event: Event
    judged_on: date  # publication date, else fieldwork end, else start
    days: int  # days from judged_on to as_of
    months: int  # whole calendar months from judged_on to as_of
    grades: tuple[tuple[str, Grade], ...]  # (sub-judgement key, grade) in report order
    previous: Event | None = None  # the graded inspection before it

    @property
    def overall(self) -> Grade | None:
        return self.event.overall

    def changes(self) -> tuple[tuple[str, Grade | None, Grade], ...]:
        """(sub-judgement key, grade before, grade now) for each grade that differs from the previous."""
        if self.previous is None:
            return ()
        before = dict(self.previous.graded())
        return tuple((k, before.get(k), g) for k, g in self.grades if before.get(k) is not g)


@dataclass(frozen=True, slots=True)
class Visits:
    """Ofsted visits (monitoring and focused) from a date up to as_of, oldest first."""

    since: date
    events: tuple[Event, ...]

    @property
    def count(self) -> int:
        return len(self.events)

    @property
    def last(self) -> Event | None:
        return self.events[-1] if self.events else None


@dataclass(frozen=True, slots=True)
class OverdueSummary:
    """Overdue actions (longest late first) and how many each owner has."""

    items: tuple[Overdue, ...]
    by_owner: tuple[tuple[str, int], ...]  # most first, then by name

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def longest(self) -> Overdue | None:
        return self.items[0] if self.items else None


@dataclass(frozen=True, slots=True)
class Comparison:
    """The council's latest value against one comparator, and whether the gap moved the right way."""

    kind: str
    label: str
    now: Gap  # the latest period both have a value
    then: Gap | None  # at or before the start date, else the first period both have
    then_is_first: bool  # True when ``then`` is the first common period (no figure by the start date)
    improved: bool | None  # as analysis.gap_closing: moved in the good direction; None if neutral/unknown

    @property
    def better(self) -> bool | None:
        return self.now.better

    @property
    def trend(self) -> str:
        """Plain words for the change in the gap: narrowing, widening, lead growing, ..."""
        if self.then is None or self.improved is None:
            return ""
        was, now = self.then.better, self.now.better
        if self.now.difference == self.then.difference:
            return "gap unchanged"
        if self.improved:
            if now is True and was is not True:
                return "now better (was not)"
            return "lead growing" if now is True else "gap narrowing"
        if now is False and was is not False:
            return "now worse (was not)"
        return "lead shrinking" if now is True else "gap widening"


@dataclass(frozen=True, slots=True)
class MetricGlance:
    """One metric's latest figure and its comparisons, with the sentence a councillor reads."""

    series: MetricSeries
    latest: Observation | None
    comparisons: tuple[Comparison, ...]
    decimals: int
    text: str

    @property
    def worse_than(self) -> tuple[str, ...]:
        """Labels of the comparators the council is now worse than."""
        return tuple(c.label for c in self.comparisons if c.better is False)


@dataclass(frozen=True, slots=True)
class Glance:
    """Answers to the first questions a scrutiny committee asks, as of a date."""

    as_of: date
    since: date | None  # the start date gaps are measured from (None: each metric's first figure)
    since_reason: str  # why that date, in words
    last_judgement: Judgement | None
    inadequate: Judgement | None  # the latest judgement whose overall grade is Inadequate
    visits_since_judgement: Visits | None
    visits_since_start: Visits | None
    overdue: OverdueSummary
    metrics: tuple[MetricGlance, ...]

    @property
    def worse(self) -> tuple[MetricGlance, ...]:
        """Metrics now worse than England or the neighbours."""
        return tuple(m for m in self.metrics if m.worse_than)


def glance(dataset: Dataset, as_of: date, since: date | None = None, *,
           against_today: bool = False, pace: Pace = None) -> Glance:
    """The at-a-glance figures of ``dataset`` as of ``as_of``; gaps are compared with ``since``.
    Overdue actions are counted on their tracker's own date when it is earlier, unless
    ``against_today``.

    ``since`` defaults to the publication date of the latest Inadequate judgement; without one, each
    metric is compared with its first figure.
    """
    last = last_judgement(dataset.events, as_of)
    bad = _last_inadequate(dataset.events, as_of)
    reason = "chosen start date"
    if since is None and bad is not None:
        since = judged_on(bad)
        reason = f"the Inadequate judgement published {format_date(since)}"
    elif since is None:
        reason = "each metric's first figure"
    return Glance(
        as_of=as_of,
        since=since,
        since_reason=reason,
        last_judgement=_judgement(last, dataset.events, as_of) if last else None,
        inadequate=_judgement(bad, dataset.events, as_of) if bad else None,
        visits_since_judgement=_visits(dataset.events, judged_on(last), as_of) if last else None,
        visits_since_start=_visits(dataset.events, since, as_of) if since else None,
        overdue=_overdue(dataset, as_of, against_today),
        metrics=tuple(metric_glance(s, since, as_of) for s in paced(dataset.series, pace)),
    )


# -- judgements and visits -----------------------------------------------------------------------
def _last_inadequate(events: Iterable[Event], as_of: date) -> Event | None:
    bad = [e for e in events if e.overall is Grade.INADEQUATE and judged_on(e) <= as_of]
    return max(bad, key=judged_on, default=None)


def _judgement(e: Event, events: Iterable[Event], as_of: date) -> Judgement:
    when = judged_on(e)
    earlier = [x for x in events if x is not e and judged_on(x) < when and any(True for _ in x.graded())]
    return Judgement(e, when, (as_of - when).days, months_between(when, as_of), tuple(e.graded()),
                     max(earlier, key=judged_on, default=None))


def _visits(events: Iterable[Event], since: date, as_of: date) -> Visits:
    found = sorted((e for e in events if e.kind in VISIT_KINDS and since <= e.start <= as_of),
                   key=lambda e: (e.start, e.id))
    return Visits(since, tuple(found))


def months_between(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end`` (0 when end is before a month has passed)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def elapsed_text(days: int, months: int) -> str:
    """``1 year 9 months (663 days)``, ``3 weeks (21 days)``, ``today``."""
    if days <= 0:
        return "today" if days == 0 else f"in {-days:,} days"
    if months >= 1:
        years, rest = divmod(months, 12)
        parts = [f"{years} year{'s' * (years != 1)}"] if years else []
        if rest:
            parts.append(f"{rest} month{'s' * (rest != 1)}")
        return f"{' '.join(parts)} ({days:,} days)"
    return f"{days} day{'s' * (days != 1)}"


# -- overdue actions --------------------------------------------------------------------------------
def _overdue(dataset: Dataset, as_of: date, against_today: bool = False) -> OverdueSummary:
    items = tuple(overdue_actions(dataset.actions, as_of, against_today=against_today))
    counts = Counter(o.owner or NO_OWNER for o in items)
    return OverdueSummary(items, tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))))


# -- metrics ------------------------------------------------------------------------------------
def metric_glance(series: MetricSeries, since: date | None, as_of: date | None = None) -> MetricGlance:
    """The latest figure of ``series`` (by ``as_of``) against England and the neighbours."""
    latest = _latest(series, as_of)
    decimals = decimals_of(series)
    comparisons = []
    for kind in COMPARATOR_KINDS:
        c = _comparison(series, kind, since, as_of)
        if c is not None:
            comparisons.append(c)
    text = _metric_text(series, latest, tuple(comparisons), decimals, since)
    return MetricGlance(series, latest, tuple(comparisons), decimals, text)


def _latest(series: MetricSeries, as_of: date | None) -> Observation | None:
    for obs in reversed(series.observations):
        if obs.value is not None and (as_of is None or obs.period.end <= as_of):
            return obs
    return None


def _comparison(series: MetricSeries, kind: str, since: date | None, as_of: date | None) -> Comparison | None:
    now = comparator_gap(series, kind, on_or_before=as_of)
    if now is None:
        return None
    then = comparator_gap(series, kind, on_or_before=since) if since is not None else None
    first = then is None
    if first:
        then = _first_gap(series, kind)
        if then is not None and then.observation.period == now.observation.period:
            then = None
    improved = None
    if then is not None and series.polarity is not Polarity.NEUTRAL:
        sign = -1 if series.polarity is Polarity.LOWER_IS_BETTER else 1
        improved = sign * now.difference > sign * then.difference  # as analysis.gap_closing
    return Comparison(kind, now.comparator.label, now, then, first, improved)


def _first_gap(series: MetricSeries, kind: str) -> Gap | None:
    comp = series.comparator(kind)
    if comp is None:
        return None
    theirs = {o.period: o.value for o in comp.observations if o.value is not None}
    for obs in series.observations:
        other = theirs.get(obs.period)
        if obs.value is not None and other is not None:
            better = compare(obs.value, other, series.polarity)
            return Gap(series, comp, obs, other, obs.value - other, better)
    return None


def decimals_of(series: MetricSeries, most: int = 2) -> int:
    """How many decimals the council's figures are given to (at most ``most``)."""
    best = 0
    for o in series.observations:
        value = o.value
        if value is not None and abs(round(value, best) - value) >= 1e-9:  # needs more than ``best``
            best = value_decimals(value, most)
            if best >= most:
                return most
    return best


def value_decimals(value: float, most: int = 2) -> int:
    """The fewest decimals that show ``value`` exactly, at most ``most``."""
    for d in range(most):
        if abs(round(value, d) - value) < 1e-9:
            return d
    return most


def format_value(value: float, unit: str, decimals: int = 1) -> str:
    """``28.3%``, ``14.6 cases per FTE``, ``1 young person``: the figure with its unit."""
    number = f"{value:,.{decimals}f}"
    u = unit.strip()
    if u.startswith("%"):
        return f"{number}%"
    if not u or u.casefold() == "count":
        return number
    return f"{number} {u}"


def format_figure(value: float, unit: str, decimals: int) -> str:
    """``format_value`` to the series' decimals, or one more when the figure has it (a median: 16.05)."""
    return format_value(value, unit, max(decimals, value_decimals(value, decimals + 1)))


def _verdict(better: bool | None, polarity: Polarity, difference: float) -> str:
    if polarity is Polarity.NEUTRAL:
        word = "higher" if difference > 0 else "lower" if difference < 0 else "the same"
        return f"{NEUTRAL} {word} (no better or worse direction)"
    if better is None:
        return f"{LEVEL} level"
    return f"{BETTER} better" if better else f"{WORSE} worse"


def since_words(c: Comparison, since: date | None) -> str:
    """``since Feb 2022`` or ``since 30 Sep 2021 (first figure)``."""
    if c.then is None:
        return ""
    if c.then_is_first or since is None:
        return f"since {c.then.observation.period.label} (first figure)"
    return f"since {calendar.month_abbr[since.month]} {since.year}"


def _metric_text(series: MetricSeries, latest: Observation | None, comps: tuple[Comparison, ...],
                 decimals: int, since: date | None) -> str:
    if latest is None or latest.value is None:
        return f"{series.name}: no figures yet"
    head = f"{series.name}: {format_value(latest.value, series.unit, decimals)} ({latest.period.label})"
    parts = []
    for c in comps:
        part = f"{c.label} {format_figure(c.now.comparator_value, series.unit, decimals)}"
        if c.now.observation.period != latest.period:
            part += f" at {c.now.observation.period.label}"
        part += f" — {_verdict(c.better, series.polarity, c.now.difference)}"
        if c.trend:
            part += f", {c.trend} {since_words(c, since)}"
        parts.append(part)
    return head + (", " + "; ".join(parts) if parts else "; no comparator figures")


def gap_detail(c: Comparison, unit: str, decimals: int) -> str:
    """``England: +21.9 points at 30 Sep 2021, +15.3 points at 30 Sep 2025`` (council minus comparator)."""
    points = " points" if unit.strip().startswith("%") else ""

    def fmt(g: Gap) -> str:
        places = max(decimals, value_decimals(g.difference))
        return f"{g.difference:+,.{places}f}{points} at {g.observation.period.label}"

    gaps = fmt(c.now) if c.then is None else f"{fmt(c.then)}, {fmt(c.now)}"
    return f"{c.label}: {gaps}"


def judgement_text(j: Judgement) -> str:
    """``Overall Good, published 29 Jan 2025 (inspection 2-13 Dec 2024): 1 year 9 months ago (663 days)``."""
    overall = j.overall.label if j.overall else "no overall grade"
    return (f"{overall}, published {format_date(j.judged_on)} ({j.event.title}, fieldwork "
            f"{j.event.when_label}): {elapsed_text(j.days, j.months)} ago")


def grade_words(j: Judgement) -> list[str]:
    """``Impact of leaders: Good (was Inadequate)`` for each sub-judgement."""
    changed = {k: before for k, before, _now in j.changes()}
    out = []
    for key, g in j.grades:
        text = f"{SUBJUDGEMENT_LABELS.get(key, key)}: {g.label}"
        if key in changed:
            before = changed[key]
            text += f" (was {before.label})" if before else " (not graded before)"
        out.append(text)
    return out


def visits_text(v: Visits, what: str) -> str:
    """``6 Ofsted visits since the inadequate judgement (11 Feb 2022), the last 21-22 Feb 2024``."""
    if not v.count:
        return f"No Ofsted visits since {what} ({format_date(v.since)})"
    n = f"{v.count} Ofsted visit{'s' * (v.count != 1)}"
    assert v.last is not None
    return f"{n} since {what} ({format_date(v.since)}), the last {v.last.when_label}: {v.last.title}"


def overdue_text(o: OverdueSummary) -> str:
    """``8 actions overdue; the longest, A2.06 (...), by 602 days``."""
    if not o.count:
        return "No actions overdue"
    longest = o.longest
    assert longest is not None
    a = longest.action
    n = f"{o.count} action{'s' * (o.count != 1)} overdue"
    if longest.tracker_date and longest.as_of is not None:
        n += f" as of {format_date(longest.as_of)} (the tracker's date)"
    return (f"{n}; the longest is {a.id} {a.title!r}, due {format_date(longest.due)}, "
            f"{longest.days_late:,} days late")

"""Progress against impact: did the metric an action should move get better or worse?

Scrutiny officers call ticking off actions without checking their effect "feeding the beast". An
action names its metric (the tracker's Metric/KPI column, or a link made in the app); this module
compares the metric's figure before the action started with its latest figure, polarity-aware,
and flags actions rated Green or Complete whose metric got worse.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from bcpviewer.model.glance import format_value, value_decimals
from bcpviewer.model.pacing import Pace, paced
from bcpviewer.model.records import Action, MetricSeries, Observation
from bcpviewer.model.spans import Span, format_date
from bcpviewer.model.vocab import Polarity, Status, squash


class Effect(str, Enum):
    """What happened to an action's metric between the action's start and the latest figure."""

    IMPROVED = "improved"
    WORSENED = "worsened"
    UNCHANGED = "unchanged"
    NO_DIRECTION = "no_direction"  # the metric has no better direction (context measures)
    NO_DATA = "no_data"  # no figure before and after the start, or no such metric

    @property
    def label(self) -> str:
        return _EFFECT_LABELS[self]


_EFFECT_LABELS = {
    Effect.IMPROVED: "Improved",
    Effect.WORSENED: "Got worse",
    Effect.UNCHANGED: "No change",
    Effect.NO_DIRECTION: "Changed (no better direction)",
    Effect.NO_DATA: "No figures to compare",
}

# Statuses that say "this action is going well or is done".
RATED_DONE = frozenset({Status.GREEN, Status.COMPLETE})


def resolve_metric(name: str | None, series: Sequence[MetricSeries]) -> MetricSeries | None:
    """The series an action's metric text names: by id, by name ignoring case and punctuation,
    then the one series whose name starts with or contains the text (None when unclear)."""
    if not name or not name.strip():
        return None
    want = name.strip()
    for s in series:
        if s.known_as(want):
            return s
    key = squash(want)
    if not key:
        return None
    exact = [s for s in series if squash(s.name) == key or key in map(squash, s.also_known_as)]
    if exact:
        return exact[0]
    for test in (lambda n: n.startswith(key), lambda n: key in n):
        found = [s for s in series if test(squash(s.name))]
        names = {squash(s.name) for s in found}
        if len(names) == 1:
            return found[0]
    return None


@dataclass(frozen=True, slots=True)
class ImpactCheck:
    """One action against the metric it should move."""

    action: Action
    metric_text: str  # the metric as the tracker (or the user's link) names it
    series: MetricSeries | None
    since: date | None  # when the action started (else its due date)
    before: Observation | None  # the latest figure on or before ``since`` (else the first after)
    after: Observation | None  # the latest figure on or before the as-of date
    effect: Effect
    linked_in_app: bool = False
    baseline_after_start: bool = False  # no figure before the start: the first one after is used
    missing_link: str | None = None  # a metric linked in the app that is not loaded (its id)

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        assert self.before.value is not None and self.after.value is not None
        return self.after.value - self.before.value

    @property
    def rated_done(self) -> bool:
        return self.action.status in RATED_DONE or self.action.completed is not None

    @property
    def concern(self) -> bool:
        """Rated Green or Complete while its metric got worse: the check scrutiny asks for."""
        return self.rated_done and self.effect is Effect.WORSENED

    @property
    def explanation(self) -> str:
        """One sentence a councillor can read."""
        name = self.series.name if self.series is not None else self.metric_text
        if self.series is None:
            if self.missing_link and self.metric_text == self.missing_link:
                return "The metric linked in the app is not in the files open now."
            return f"No metric called '{self.metric_text}' is loaded."
        if self.before is None or self.after is None:
            if self.since is None:
                return f"{name}: the action has no start or due date to compare from."
            return f"{name}: no figure both before and after {format_date(self.since)}."
        unit = self.series.unit
        b, a = self.before, self.after
        text = (f"{name}: {figure(b.value, unit)} ({b.period.label}) to {figure(a.value, unit)} "
                f"({a.period.label}) — {self.effect.label.lower()}")
        if self.series.polarity is not Polarity.NEUTRAL:
            text += f", {self.series.polarity.label}"
        if self.baseline_after_start:
            text += "; no figure before the start, so the first one after it is the baseline"
        if self.missing_link:
            text += "; the metric linked in the app is not in the files open now, so the tracker's is used"
        return text + "."


def figure(value: float | None, unit: str = "") -> str:
    """28.3%, 14.6 cases per FTE, 14: a figure with its unit and no needless decimals."""
    if value is None:
        return "–"
    return format_value(value, unit, value_decimals(value, 2))


def action_since(action: Action) -> date | None:
    """The date an action's effect is measured from: its start, else its baseline due date."""
    return action.start or action.due or action.current_due


def _valued(series: MetricSeries, as_of: date | None) -> list[Observation]:
    return [o for o in series.observations
            if o.value is not None and (as_of is None or o.period.end <= as_of)]


def effect_between(before: float, after: float, polarity: Polarity) -> Effect:
    """Better, worse or the same, the way the metric's polarity reads it."""
    if before == after:
        return Effect.UNCHANGED
    if polarity is Polarity.NEUTRAL:
        return Effect.NO_DIRECTION
    better = after < before if polarity is Polarity.LOWER_IS_BETTER else after > before
    return Effect.IMPROVED if better else Effect.WORSENED


def check_action(action: Action, series: Sequence[MetricSeries], as_of: date,
                 link: str | None = None) -> ImpactCheck | None:
    """The impact check of one action, or None when it names no metric (and has no link)."""
    text = (link or action.metric or "").strip()
    if not text:
        return None
    found = resolve_metric(text, series)
    missing = None
    if found is None and link and (action.metric or "").strip():
        missing = link  # the app's link is to a metric not loaded now: fall back to the tracker's
        text = (action.metric or "").strip()
        found = resolve_metric(text, series)
    linked = link is not None and missing is None
    since = action_since(action)
    if found is None or since is None:
        return ImpactCheck(action, text, found, since, None, None, Effect.NO_DATA, linked,
                           missing_link=missing if missing else (link if found is None and link else None))
    values = _valued(found, as_of)
    earlier = [o for o in values if o.period.end <= since]
    later = [o for o in values if o.period.end > since]
    after = later[-1] if later else None
    before, approximate = (earlier[-1], False) if earlier else (None, False)
    if before is None and len(later) >= 2:
        before, approximate = later[0], True
    if before is None or after is None or before is after:
        return ImpactCheck(action, text, found, since, None, None, Effect.NO_DATA, linked,
                           missing_link=missing)
    assert before.value is not None and after.value is not None
    effect = effect_between(before.value, after.value, found.polarity)
    return ImpactCheck(action, text, found, since, before, after, effect, linked, approximate, missing)


def check_impact(actions: Iterable[Action], series: Sequence[MetricSeries], as_of: date,
                 links: Mapping[str, str] | None = None, *, pace: Pace = None) -> list[ImpactCheck]:
    """Every action that names a metric (or is linked to one in the app, by ``action:<id>`` key or
    id), concerns first (rated done but worse), then worse, then the rest, each in id order."""
    links = links or {}
    checks = []
    for a in paced(actions, pace):
        link = links.get(f"action:{a.id}", links.get(a.id))
        c = check_action(a, series, as_of, link)
        if c is not None:
            checks.append(c)
    order = {Effect.WORSENED: 1, Effect.UNCHANGED: 2, Effect.NO_DIRECTION: 3, Effect.IMPROVED: 4,
             Effect.NO_DATA: 5}
    return sorted(checks, key=lambda c: (0 if c.concern else order[c.effect], c.action.id))


def chart_window(action: Action, series: MetricSeries | None = None, pad_days: int = 365) -> Span | None:
    """The dates to chart around an action: a year either side of its start to its latest date,
    widened to take in at least one figure before and after when the series has them."""
    dates = [d for d in (action.start, action.due, *action.revised_due, action.completed)
             if d is not None]
    if not dates:
        return None
    first, last = min(dates) - timedelta(days=pad_days), max(dates) + timedelta(days=pad_days)
    if series is not None:
        valued = [o for o in series.observations if o.value is not None]
        before = [o for o in valued if o.period.end < first]
        after = [o for o in valued if o.period.end > last]
        if before and not any(first <= o.period.end <= min(dates) for o in valued):
            first = before[-1].period.end
        if after and not any(max(dates) <= o.period.end <= last for o in valued):
            last = after[0].period.end
    return Span(first, last)

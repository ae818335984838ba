"""Targets: was a council's target met, missed, or not yet due — and by how much?

A target is a value with a date on a metric ("agency rate below 20% by 31 Mar 2024"), read from a
workbook's Target column or entered in the app. It is judged on the first figure for a period
ending on or after the target date; before that date it is not yet due.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from bcpviewer.model.impact import figure
from bcpviewer.model.pacing import Pace, paced
from bcpviewer.model.records import MetricSeries, Observation, Target
from bcpviewer.model.spans import format_date
from bcpviewer.model.vocab import Polarity


class Outcome(str, Enum):
    MET = "met"
    MISSED = "missed"
    NOT_YET_DUE = "not_yet_due"
    NO_FIGURE = "no_figure"  # the date has passed but no figure for a period ending on or after it
    NO_DATE = "no_date"  # a target without a date: only "meeting it now or not" can be said

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Outcome.MET: "Met",
    Outcome.MISSED: "Missed",
    Outcome.NOT_YET_DUE: "Not yet due",
    Outcome.NO_FIGURE: "Due, no figure yet",
    Outcome.NO_DATE: "No target date",
}


@dataclass(frozen=True, slots=True)
class TargetCheck:
    series: MetricSeries
    target: Target
    outcome: Outcome
    aim_lower: bool  # is the target a ceiling (lower is better) rather than a floor?
    judged_on: Observation | None  # the first figure on or after the target date
    latest: Observation | None  # the latest figure on or before the as-of date
    skipped: tuple[Observation, ...] = ()  # suppressed figures passed over before ``judged_on``
    entered_in_app: bool = False

    @property
    def margin(self) -> float | None:
        """How far the judged figure beat (positive) or missed (negative) the target."""
        obs = self.judged_on
        if obs is None or obs.value is None:
            return None
        diff = self.target.value - obs.value
        return diff if self.aim_lower else -diff

    @property
    def meeting_now(self) -> bool | None:
        """Does the latest figure meet the target (whatever its date)?"""
        if self.latest is None or self.latest.value is None:
            return None
        return _meets(self.latest.value, self.target.value, self.aim_lower)

    @property
    def label(self) -> str:
        """"Below 20% by 31 Mar 2025" — the target as a sentence fragment."""
        if self.target.label:
            return self.target.label
        word = "At most" if self.aim_lower else "At least"
        when = f" by {format_date(self.target.due)}" if self.target.due else ""
        return f"{word} {figure(self.target.value, self.series.unit)}{when}"

    @property
    def explanation(self) -> str:
        unit = self.series.unit
        obs = self.judged_on
        if self.outcome in (Outcome.MET, Outcome.MISSED) and obs is not None:
            m = self.margin
            assert m is not None
            how = "beaten" if m > 0 else ("met exactly" if m == 0 else "missed")
            text = f"{figure(obs.value, unit)} at {obs.period.label}"
            if m != 0:
                by = (f"{figure(abs(m))} percentage points" if _points(unit)
                      else figure(abs(m), unit))
                text += f": {how} by {by}"
            else:
                text += f": {how}"
            if self.skipped:
                codes = ", ".join(f"{o.period.label} ({o.code or 'no figure'})" for o in self.skipped)
                text += f"; earlier figures suppressed: {codes}"
            return text + "."
        latest = self.latest
        now = ""
        if latest is not None and latest.value is not None:
            verb = "meets" if self.meeting_now else "does not meet"
            now = f" Latest {figure(latest.value, unit)} ({latest.period.label}) {verb} it."
        if self.outcome is Outcome.NOT_YET_DUE:
            return f"Due {format_date(self.target.due)}.{now}"
        if self.outcome is Outcome.NO_FIGURE:
            return f"Due {format_date(self.target.due)}; no figure published for a period ending since.{now}"
        return f"The target has no date.{now}"


def _meets(value: float, target: float, aim_lower: bool) -> bool:
    return value <= target if aim_lower else value >= target


def _points(unit: str) -> bool:
    return unit.strip().startswith("%")


def aims_lower(series: MetricSeries, target: Target) -> bool:
    """A ceiling when lower is better; a floor when higher is better; for a measure with no
    better direction, whichever way the target lies from the first figure."""
    if series.polarity is Polarity.LOWER_IS_BETTER:
        return True
    if series.polarity is Polarity.HIGHER_IS_BETTER:
        return False
    first = next((o.value for o in series.observations if o.value is not None), None)
    return first is not None and target.value < first


def check_target(series: MetricSeries, target: Target, as_of: date, *,
                 entered_in_app: bool = False) -> TargetCheck:
    lower = aims_lower(series, target)
    latest = None
    for o in series.observations:
        if o.period.end <= as_of and o.value is not None:
            latest = o
    if target.due is None:
        return TargetCheck(series, target, Outcome.NO_DATE, lower, None, latest,
                           entered_in_app=entered_in_app)
    skipped: list[Observation] = []
    judged = None
    for o in series.observations:
        if o.period.end < target.due or o.period.end > as_of:
            continue
        if o.value is None:
            skipped.append(o)
            continue
        judged = o
        break
    if judged is None:
        outcome = Outcome.NOT_YET_DUE if target.due > as_of else Outcome.NO_FIGURE
        return TargetCheck(series, target, outcome, lower, None, latest, tuple(skipped), entered_in_app)
    assert judged.value is not None
    outcome = Outcome.MET if _meets(judged.value, target.value, lower) else Outcome.MISSED
    return TargetCheck(series, target, outcome, lower, judged, latest, tuple(skipped), entered_in_app)


def check_targets(series: Iterable[MetricSeries], as_of: date,
                  extra: Mapping[str, Sequence[Target]] | None = None, *,
                  pace: Pace = None) -> list[TargetCheck]:
    """Every target of every series (the workbook's and those entered in the app, keyed by
    series id), in the order the series and their targets come."""
    extra = extra or {}
    out = []
    done: set[str] = set()  # two files may hold a series of one name (so one id): add app targets once
    for s in paced(series, pace):
        for t in s.targets:
            out.append(check_target(s, t, as_of))
        if s.id not in done:
            done.add(s.id)
            for t in extra.get(s.id, ()):
                out.append(check_target(s, t, as_of, entered_in_app=True))
    return out


def with_targets(series: Sequence[MetricSeries],
                 extra: Mapping[str, Sequence[Target]]) -> tuple[MetricSeries, ...]:
    """The series with the app's targets added (for charts and exports), to the first series of
    each id only."""
    out = []
    done: set[str] = set()
    for s in series:
        if s.id not in done:
            added = tuple(t for key in (s.id, *s.also_known_as) for t in extra.get(key, ()))
            if added:
                s = dataclasses.replace(s, targets=s.targets + added)
        done.add(s.id)
        out.append(s)
    return tuple(out)

"""Disagreeing sources: two sources giving different dates, grades or figures for the same thing.

Nothing is merged away: every record stays in the data. This module finds records that describe
the same event or the same figure and differ, so that both can be shown side by side with their
sources, and a briefing can say so instead of silently picking one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from bcpviewer.model import indicators
from bcpviewer.model.impact import figure
from bcpviewer.model.records import (
    Dataset,
    Event,
    MetricSeries,
    Observation,
    Origin,
    Source,
)
from bcpviewer.model.spans import PERIOD_PRECISIONS, Span, SpanKind, format_date
from bcpviewer.model.vocab import (
    INSPECTION_KINDS,
    SUBJUDGEMENT_LABELS,
    EventKind,
    squash,
)

DATE_TOLERANCE_DAYS = 45  # two events of one kind closer than this are taken to be one event
# Events that happen once in a while, so two close together of the same kind are one event.
RARE_KINDS = INSPECTION_KINDS | {
    EventKind.IMPROVEMENT_NOTICE, EventKind.STATUTORY_DIRECTION, EventKind.DIRECTION_REVOKED,
    EventKind.ADVISER_APPOINTED, EventKind.PLAN_SUBMITTED, EventKind.PLAN_APPROVED,
    EventKind.COUNCIL_FORMED,
}


@dataclass(frozen=True, slots=True)
class Claim:
    """What one source says."""

    value: str
    source: str | None  # the Source id the record cites
    origin: Origin | None  # where the record was read from
    key: str | None = None  # ``event:<id>`` when the claim is a timeline item

    def cited(self, sources: Mapping[str, Source]) -> str:
        """The source as a reader should see it: its title, else the file and row."""
        if self.source and self.source in sources:
            return sources[self.source].title
        if self.source:
            return self.source
        return self.origin.describe() if self.origin else "no source given"


@dataclass(frozen=True, slots=True)
class Disagreement:
    subject: str  # "Monitoring visit (Jun 2022)" / "Agency social worker rate, 30 Sep 2023"
    field: str  # "dates", "publication date", "overall grade", "value"
    claims: tuple[Claim, ...]  # two or more, each different
    when: date  # to sort and to place on the timeline

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.claims if c.key)

    def describe(self, sources: Mapping[str, Source] | None = None) -> str:
        sources = sources or {}
        said = "; ".join(f"{c.value} ({c.cited(sources)})" for c in self.claims)
        return f"{self.subject}: sources differ on the {self.field}: {said}."


def _same_kind(a: Event, b: Event) -> bool:
    if a.kind is EventKind.OTHER or b.kind is EventKind.OTHER:
        return False
    return a.kind is b.kind and a.kind in RARE_KINDS


def _close(a: Event, b: Event, tolerance: int) -> bool:
    if a.span.overlaps(b.span):
        return True
    return abs((a.start - b.start).days) <= tolerance


def _groups(events: list[Event], tolerance: int) -> list[list[Event]]:
    """Events that describe one occurrence: same (rare) kind, overlapping or close dates."""
    by_kind: dict[EventKind, list[Event]] = defaultdict(list)
    for e in events:
        if e.kind in RARE_KINDS:
            by_kind[e.kind].append(e)
    out = []
    for same in by_kind.values():
        same.sort(key=lambda e: (e.start, e.id))
        group: list[Event] = []
        for e in same:
            if group and not any(_close(g, e, tolerance) for g in group):
                if len(group) > 1:
                    out.append(group)
                group = []
            group.append(e)
        if len(group) > 1:
            out.append(group)
    return out


def _claims(group: list[Event], value: Callable[[Event], str | None]) -> tuple[Claim, ...] | None:
    said: dict[str, Claim] = {}
    for e in group:
        text = value(e)
        if text is None:
            continue
        said.setdefault(text, Claim(text, e.source, e.origin, f"event:{e.id}"))
    return tuple(said.values()) if len(said) > 1 else None


def _dates(e: Event) -> str:
    return e.when_label


def _period(e: Event) -> Span:
    """The run of days an event's dates stand for: its month, quarter or year when only that is known."""
    if e.precision in PERIOD_PRECISIONS and e.end is None:
        return Span.containing(e.start, e.precision)
    return e.span


def _less_precise_agreeing(group: list[Event]) -> list[Event]:
    """The group without month- or year-only records whose period holds a more precise record's
    dates ("Dec 2021" agrees with "6-17 Dec 2021"; it only says less)."""
    precise = [e for e in group if e.precision is SpanKind.DAY]
    keep = []
    for e in group:
        if e.precision is not SpanKind.DAY:
            period = _period(e)
            if any(period.start <= p.start and p.span.end <= period.end for p in precise):
                continue
        keep.append(e)
    return keep


def event_disagreements(events: Iterable[Event], tolerance: int = DATE_TOLERANCE_DAYS) -> list[Disagreement]:
    """Events of one kind close in time (so the same occurrence) that differ in dates or grades."""
    out = []
    for group in _groups(list(events), tolerance):
        first = group[0]
        subject = f"{first.kind.label} ({Span.month(first.start.year, first.start.month).label})"
        checks = [("dates", _dates),
                  ("publication date", lambda e: format_date(e.published) if e.published else None)]
        for key, label in SUBJUDGEMENT_LABELS.items():
            checks.append((f"{label.lower()} grade",
                           lambda e, k=key: e.grades[k].label if e.grades.get(k) else None))
        for field_name, value in checks:
            members = _less_precise_agreeing(group) if field_name == "dates" else group
            claims = _claims(members, value)
            if claims:
                out.append(Disagreement(subject, field_name, claims, first.start))
    return out


def _value_text(o: Observation, unit: str) -> str:
    if o.value is None:
        return f"suppressed ({o.code})" if o.code else "no figure"
    return figure(o.value, unit)


def figure_disagreements(series: Iterable[MetricSeries]) -> list[Disagreement]:
    """One metric (by name, or by the catalogued indicator its name means: a tracker's "Agency social
    worker rate" beside a DfE file's "Agency social workers (% of FTE)") given different figures for
    one period by different series — another file, another release (vintage) or another source."""
    by_name: dict[str, list[MetricSeries]] = defaultdict(list)
    for s in series:
        ind = indicators.named(s.name)
        stated = s.unit.strip().casefold()  # a unit stated unlike the indicator's: another measure
        as_indicator = ind is not None and (s.name == ind.name or not stated or stated == ind.unit.casefold())
        by_name[squash(ind.name if as_indicator and ind is not None else s.name)].append(s)
    out = []
    for same in by_name.values():
        if len(same) < 2:
            continue
        periods: dict[Span, dict[str, Claim]] = defaultdict(dict)
        for s in same:
            for o in s.observations:
                text = _value_text(o, s.unit)
                periods[o.period].setdefault(text, Claim(
                    text + (f" ({o.release})" if o.release else ""), s.source, s.origin,
                    f"metric:{s.id}"))
        for period, said in sorted(periods.items(), key=lambda kv: kv[0].start):
            if len(said) > 1:
                names = {s.name for s in same}  # the files' own name; the plain one when they differ
                ind = indicators.named(same[0].name)
                name = ind.name if len(names) > 1 and ind is not None else same[0].name
                out.append(Disagreement(f"{name}, {period.label}", "value", tuple(said.values()),
                                        period.end))
    return out


def find_disagreements(dataset: Dataset, tolerance: int = DATE_TOLERANCE_DAYS) -> list[Disagreement]:
    """Every disagreement in the data, in date order."""
    found = event_disagreements(dataset.events, tolerance) + figure_disagreements(dataset.series)
    return sorted(found, key=lambda d: (d.when, d.subject, d.field))


def for_key(disagreements: Iterable[Disagreement], key: str) -> list[Disagreement]:
    """The disagreements an item (``event:<id>`` or ``metric:<id>``) is part of."""
    return [d for d in disagreements if key in d.keys]

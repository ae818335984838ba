"""The pack's scorecard: each chosen measure's latest figure against England, its region and its statistical
neighbours for the same period, with a stated tolerance for "similar" and the direction of travel."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bcpviewer.model.analysis import comparator_gap
from bcpviewer.model.glance import decimals_of, format_value
from bcpviewer.model.records import MetricSeries, Observation
from bcpviewer.model.vocab import Polarity

SIMILAR_WITHIN = 0.05  # figures within 5% of each other (of the larger) are "similar", not better or worse
SIMILAR_RULE = ("Figures within 5% of each other (of the larger figure) are called similar: 12.0% against "
                "11.8% is similar, not worse.")
COMPARATOR_ORDER = ("england", "region", "neighbours")
BETTER, WORSE, SIMILAR, NEUTRAL = "better", "worse", "similar", "no better direction"


def verdict(value: float, other: float, polarity: Polarity) -> str:
    """``value`` against ``other``, read the way the measure is read, with the tolerance for similar."""
    if polarity is Polarity.NEUTRAL:
        return NEUTRAL
    if abs(value - other) <= SIMILAR_WITHIN * max(abs(value), abs(other)):
        return SIMILAR
    lower_better = polarity is Polarity.LOWER_IS_BETTER
    return BETTER if (value < other) == lower_better else WORSE


@dataclass(frozen=True, slots=True)
class Against:
    """The council against one comparator for the latest period both have."""

    kind: str
    label: str  # as the data names it, e.g. "Statistical neighbours (median, DfE 2021 model)"
    value: float
    period: str
    verdict: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ScoreRow:
    series: MetricSeries
    latest: Observation | None
    previous: Observation | None
    decimals: int
    against: tuple[Against, ...]
    travel: str  # "improving", "worsening", "little change", "changed" (no better direction) or ""

    def figure(self, value: float | None) -> str:
        return "–" if value is None else format_value(value, self.series.unit, self.decimals)

    def comparator(self, kind: str) -> Against | None:
        return next((a for a in self.against if a.kind == kind), None)

    @property
    def worse_than(self) -> tuple[Against, ...]:
        return tuple(a for a in self.against if a.verdict == WORSE)


def scorecard(series: Sequence[MetricSeries], as_of: date | None) -> tuple[ScoreRow, ...]:
    return tuple(score(s, as_of) for s in series)


def score(s: MetricSeries, as_of: date | None) -> ScoreRow:
    figures = [o for o in s.observations if o.value is not None and (as_of is None or o.period.end <= as_of)]
    latest = figures[-1] if figures else None
    previous = figures[-2] if len(figures) > 1 else None
    against = []
    kinds = [*COMPARATOR_ORDER, *(c.kind for c in s.comparators if c.kind not in COMPARATOR_ORDER)]
    for kind in dict.fromkeys(kinds):
        gap = comparator_gap(s, kind, on_or_before=as_of)
        if gap is not None:
            against.append(Against(kind, gap.comparator.label, gap.comparator_value, gap.period_label,
                                   verdict(gap.observation.value or 0.0, gap.comparator_value, s.polarity),
                                   gap.comparator.notes))
    travel = ""
    if latest is not None and previous is not None:
        assert latest.value is not None and previous.value is not None
        v = verdict(latest.value, previous.value, s.polarity)
        travel = {BETTER: "improving", WORSE: "worsening", SIMILAR: "little change",
                  NEUTRAL: "changed" if latest.value != previous.value else "no change"}[v]
    return ScoreRow(s, latest, previous, decimals_of(s, 1 if s.unit.strip().startswith("%") else 2),
                    tuple(against), travel)


def score_words(r: ScoreRow) -> str:
    """``28.3% (30 Sep 2025): England 13.0%, worse; South West 14.9%, worse; improving since 30 Sep 2024``."""
    if r.latest is None:
        return f"{r.series.name}: no figures"
    parts = [f"{a.label} {r.figure(a.value)}" + (f" ({a.period})" if a.period != r.latest.period.label else "")
             + f", {a.verdict}" for a in r.against]
    travel = f"; {r.travel} since {r.previous.period.label}" if r.travel and r.previous else ""
    said = f": {'; '.join(parts)}" if parts else "; no comparator figures"
    return f"{r.series.name} {r.figure(r.latest.value)} ({r.latest.period.label}){said}{travel}"

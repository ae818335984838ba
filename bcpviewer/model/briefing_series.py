"""Every chosen metric's whole series for the summary workbook: one row a metric and period with the council's
figure (or its suppression code), England, the region, the statistical neighbours (and which grouping), the
target in force, unit, source and release; how each unit's figures are shown; how precise each date is."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bcpviewer.model.glance import decimals_of
from bcpviewer.model.records import MetricSeries, Observation, Source, Target
from bcpviewer.model.spans import Span, SpanKind
from bcpviewer.model.vocab import Polarity

PERCENT, RATE, COUNT, DAYS, OTHER = "percent", "rate", "count", "days", "other"
DAY, MONTH, YEAR = "day", "month", "year"  # how precise a date is, for its look in a workbook
QUARTER, FINANCIAL_YEAR, ACADEMIC_YEAR = "quarter", "financial year", "academic year"
_KNOWN_TO = {SpanKind.MONTH: MONTH, SpanKind.YEAR: YEAR, SpanKind.QUARTER: QUARTER,
             SpanKind.FINANCIAL_QUARTER: QUARTER, SpanKind.FINANCIAL_YEAR: FINANCIAL_YEAR,
             SpanKind.ACADEMIC_YEAR: ACADEMIC_YEAR}


def unit_kind(unit: str) -> str:
    """What a unit measures: a percent ("%", "% of FTE"), a rate ("per 10,000 children"), a count ("count",
    "children", ""), days ("days"), or other (an average: "cases per FTE")."""
    u = unit.strip().casefold()
    if u.startswith("%") or u.startswith("percent"):
        return PERCENT
    if re.match(r"^(rate )?per [\d,]+", u):
        return RATE
    if re.match(r"^(working |calendar )?days?\b", u):
        return DAYS
    if u in ("", "count", "number", "children", "young people", "people", "cases", "n"):
        return COUNT
    return OTHER


def figure_decimals(series: MetricSeries) -> int:
    """The decimals a series' figures are shown to: percents and rates at least one (12.0%, 59.0), counts
    and days none unless the data has them, never fewer than the council's figures carry (at most two)."""
    kind = unit_kind(series.unit)
    given = decimals_of(series, 2)
    if kind in (PERCENT, RATE):
        return max(1, given)
    return given


def date_precision(kind: SpanKind) -> str:
    """How precisely a date of this kind is known: a month ("Jan 2023") or a year ("2023") is never shown as
    a day; the end of a quarter, financial or reporting year is a real day."""
    if kind is SpanKind.MONTH:
        return MONTH
    if kind is SpanKind.YEAR:
        return YEAR
    return DAY


def start_precision(kind: SpanKind) -> str:
    """How precisely a record's date (an event's start) is known when the data gave only a period: "Q3
    2022/23" is known to a quarter, "2022/23" to a financial year; its first day is not a real day."""
    return _KNOWN_TO.get(kind, DAY)


@dataclass(frozen=True, slots=True)
class SeriesRow:
    """One metric in one period. ``council`` is None with ``council_code`` when the figure is suppressed."""

    series: MetricSeries
    period: Span
    council: float | None
    council_code: str | None
    england: Observation | None
    region: Observation | None
    neighbours: Observation | None
    target: Target | None
    release: str | None

    @property
    def flag(self) -> str | None:
        """Why there is no council figure, in words (None: there is one)."""
        if self.council is not None:
            return None
        if self.council_code:
            return f"suppressed or not available (code '{self.council_code}' as published)"
        return "no council figure for this period"


def series_rows(series: Sequence[MetricSeries]) -> list[SeriesRow]:
    """Every period of every series (the council's and its comparators'), oldest first, metric by metric."""
    rows: list[SeriesRow] = []
    for s in series:
        own = {o.period: o for o in s.observations}
        comps = {kind: {o.period: o for o in c.observations}
                 for kind in ("england", "region", "neighbours") if (c := s.comparator(kind)) is not None}
        periods = set(own) | {p for by in comps.values() for p in by}
        for p in sorted(periods, key=lambda x: (x.end, x.start)):
            o = own.get(p)
            rows.append(SeriesRow(
                s, p, o.value if o else None, o.code if o else None, comps.get("england", {}).get(p),
                comps.get("region", {}).get(p), comps.get("neighbours", {}).get(p), target_for(s.targets, p.end),
                (o.release if o and o.release else None) or s.release))
    return rows


def target_for(targets: Sequence[Target], day: date) -> Target | None:
    """The target in force on ``day``: the one due soonest on or after it, else one with no date."""
    due = sorted((t for t in targets if t.due is not None and t.due >= day), key=lambda t: t.due or day)
    if due:
        return due[0]
    return next((t for t in targets if t.due is None), None)


def better_when(polarity: Polarity) -> str:
    return {Polarity.LOWER_IS_BETTER: "lower", Polarity.HIGHER_IS_BETTER: "higher"}.get(polarity, "no direction")


def neighbour_grouping(series: MetricSeries, sources: Sequence[Source]) -> str | None:
    """Which statistical neighbours a series is set against, in the data's own words: the comparator's name,
    the grouping's source (its model year and whether a median or a mean, where the data says), or that the
    data does not say. None when the series has no neighbours' figures."""
    c = series.comparator("neighbours")
    if c is None:
        return None
    found = [s for s in sources if "neighbour" in s.title.casefold()]
    words = " ".join([c.label, *c.notes, *(f"{s.title} {s.notes or ''}" for s in found)]).casefold()
    years = sorted(set(re.findall(r"\b(20(?:21|25))\b", words)))
    statistic = [w for w in ("median", "mean") if re.search(rf"\b{w}\b", words)]
    model = f"DfE {' and '.join(years)} model" if years else "model (2021 or 2025) not stated"
    how = " and ".join(statistic) if statistic else "median or mean not stated"
    cited = "; ".join(f"{s.title} [{s.id}]" for s in found)
    return f"{c.label}: {model}, {how}" + (f" ({cited})" if cited else "")

"""Performance data: long form (one figure per row) or wide scorecards, unpivoted to series with
comparators (England, region, statistical neighbours) and targets."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from bcpviewer.io.columns import Reader
from bcpviewer.io.tables import Table
from bcpviewer.io.values import parse_due, parse_number, parse_polarity, parse_when
from bcpviewer.model.ids import content_id
from bcpviewer.model.records import (
    Comparator,
    MetricSeries,
    Observation,
    Origin,
    Problem,
    Target,
)
from bcpviewer.model.spans import Span
from bcpviewer.model.themes import theme_for
from bcpviewer.model.vocab import Polarity, squash

COMPARATOR_KINDS = (("england", "England"), ("region", "Region"), ("neighbours", "Statistical neighbours"))


class _Series:
    """What is gathered for one metric before it becomes an immutable MetricSeries."""

    __slots__ = ("name", "first_row", "values", "comparators", "targets", "unit", "polarity",
                 "theme", "source", "release", "percent_text", "rows_by_period")

    def __init__(self, name: str, first_row: int) -> None:
        self.name = name
        self.first_row = first_row
        # keyed by the period (or, on the long-form fast path, by id() of an interned period)
        self.values: dict[object, Observation] = {}
        self.rows_by_period: dict[object, int] = {}
        self.comparators: dict[str, dict[object, Observation]] = {}
        self.targets: dict[tuple[float, date | None], Target] = {}
        self.unit = ""
        self.polarity: Polarity | None = None
        self.theme = ""
        self.source = ""
        self.release = ""
        self.percent_text = False


def read_metrics(table: Table) -> tuple[list[MetricSeries], list[Problem]]:
    r = Reader(table)
    if table.shape == "periods_across":
        return _read_across(r)
    if table.shape == "periods_down":
        return _read_down(r)
    return _read_long(r)


def _percent_columns(r: Reader, key: str) -> set[object]:
    """Distinct cells of a column written with a % sign (they say the unit)."""
    col = r.raw(key) or []
    return {v for v in set(col) if isinstance(v, str) and v.strip().endswith("%")}


def _read_long(r: Reader) -> tuple[list[MetricSeries], list[Problem]]:
    table = r.table
    blank = r.blank_rows()
    names = r.texts("metric")
    periods = r.parse("period", parse_when, skip=blank)
    values = r.parse("value", parse_number, skip=blank)
    comps = {k: r.parse(k, parse_number, skip=blank) for k, _ in COMPARATOR_KINDS if k in table.columns}
    comp_labels = {k: table.headers.get(table.columns[k], default)
                   for k, default in COMPARATOR_KINDS if k in table.columns}
    targets = r.parse("target", parse_number, skip=blank)
    target_dates = r.parse("target_date", parse_due, skip=blank)
    polarity = r.parse("polarity", parse_polarity, skip=blank)
    units, themes = r.texts("unit"), r.texts("theme")
    sources, releases = r.texts("source"), r.texts("release")
    pct_cells = _percent_columns(r, "value")
    raw_values = r.raw("value") or []
    period_col, metric_col = table.columns["period"], table.columns["metric"]

    # Pass 1: the series and period of each row. Parsed periods are interned (equal spans are
    # one object), so per-row dictionaries can key on id() instead of hashing a Span each time.
    series: dict[str, _Series] = {}
    by_name: dict[str, _Series] = {}
    members: list[tuple[int, _Series, Span]] = []
    for i in range(len(r)):
        if i in blank:
            continue
        name = names[i]
        if not name:
            r.problem(i, metric_col, "", "row skipped: it names no metric")
            continue
        period = periods[i]
        if period is None:
            if r.rows[i][period_col] in ("", None) if period_col < len(r.rows[i]) else True:
                r.problem(i, period_col, "", f"row skipped: no period for {name!r}")
            continue
        s = by_name.get(name)
        if s is None:
            key = squash(name)
            s = series.get(key)
            if s is None:
                s = series[key] = _Series(name, i)
            by_name[name] = s
        members.append((i, s, period))

    # Parallel lists over the rows that count; every later pass zips over them (no indexing).
    idx = [m[0] for m in members]
    ser = [m[1] for m in members]
    per = [m[2] for m in members]
    everything = len(idx) == len(r)

    def pick(col: list[Any]) -> list[Any]:
        return col if everything else [col[i] for i in idx]

    rel = [x or None for x in pick(releases)]
    new = tuple.__new__
    # Pass 2: the council's values, one Observation per row, duplicates reported.
    for i, s, period, v, release in zip(idx, ser, per, pick(values), rel):
        if v is None:
            continue
        obs = new(Observation, (period, v[0], v[1], release))
        k = id(period)
        seen = s.values
        old = seen.get(k)
        if old is not None and (old[1], old[2]) != (v[0], v[1]):
            r.problem(
                i, table.columns["value"], _shown(obs),
                f"{s.name!r} already has {_shown(old)} for {period.label} on row "
                f"{r.row_number(s.rows_by_period[k])}; this later row is used",
            )
        seen[k] = obs
        s.rows_by_period[k] = i
    # Pass 3: comparators, column by column.
    for kind, col in comps.items():
        for s, period, c, release in zip(ser, per, pick(col), rel):
            if c is not None and (c[0] is not None or c[1] is not None):
                bucket = s.comparators.get(kind)
                if bucket is None:
                    bucket = s.comparators[kind] = {}
                bucket[id(period)] = new(Observation, (period, c[0], c[1], release))
    # Pass 4: what describes each series. dict() of (series, value) pairs keeps the last
    # occurrence; reversed pairs keep the first. Both run in C.
    if pct_cells:
        for s in {s for s, v in zip(ser, pick(raw_values)) if v in pct_cells}:
            s.percent_text = True
    if "target" in table.columns:
        pairs = {(s, t[0], d) for s, t, d in zip(ser, pick(targets), pick(target_dates))
                 if t is not None and t[0] is not None}
        for s, value, due in pairs:
            s.targets.setdefault((value, due), Target(value, due, ""))
    for attr, col in (("unit", units), ("theme", themes), ("source", sources),
                      ("polarity", polarity)):
        firsts = dict(reversed([(s, v) for s, v in zip(ser, pick(col)) if v]))
        for s, v in firsts.items():
            setattr(s, attr, v)
    for s, v in dict([(s, v) for s, v in zip(ser, rel) if v]).items():
        s.release = v
    return [_finish(r, s, comp_labels) for s in series.values()], r.problems


def _put(r: Reader, s: _Series, i: int, period: Span, obs: Observation) -> None:
    old = s.values.get(period)
    if old is not None and (old.value, old.code) != (obs.value, obs.code):
        r.problem(
            i, r.table.columns.get("value"), _shown(obs),
            f"{s.name!r} already has {_shown(old)} for {period.label} on row "
            f"{r.row_number(s.rows_by_period[period])}; this later row is used",
        )
    s.values[period] = obs
    s.rows_by_period[period] = i


def _shown(o: Observation) -> str:
    return f"{o.value:g}" if o.value is not None else (o.code or "")


def _finish(r: Reader, s: _Series, comp_labels: dict[str, str]) -> MetricSeries:
    observations = _by_period(s.values.values())
    comparators = [
        Comparator(k, comp_labels.get(k, k), tuple(_by_period(obs.values())))
        for k, obs in s.comparators.items()
    ]
    unit = s.unit or ("%" if s.percent_text else "")
    if unit == "%" and not s.percent_text:
        observations, comparators, targets = _fractions_to_percent(observations, comparators, s)
    else:
        targets = list(s.targets.values())
    return MetricSeries(
        id=content_id("M", s.name),
        name=s.name,
        unit=unit,
        polarity=s.polarity or Polarity.NEUTRAL,
        theme=s.theme or theme_for(s.name),
        observations=tuple(observations),
        comparators=tuple(comparators),
        targets=tuple(sorted(targets, key=lambda t: (t.due or date.max, t.value))),
        source=s.source or None,
        release=s.release or None,
        origin=Origin(r.grid.file, r.grid.sheet, r.row_number(s.first_row)),
    )


def _by_period(observations: Iterable[Observation]) -> list[Observation]:
    """Observations in period order; sorts on (start, end) keys with a C-level key function."""
    obs = list(observations)
    keys = [(o[0].start, o[0].end) for o in obs]
    order = sorted(range(len(obs)), key=keys.__getitem__)
    return [obs[i] for i in order]


def _fractions_to_percent(
    observations: list[Observation], comparators: list[Comparator], s: _Series
) -> tuple[list[Observation], list[Comparator], list[Target]]:
    """A % series whose every figure lies in 0-1 came from cells formatted as percentages."""
    every = [o.value for o in observations] + [o.value for c in comparators for o in c.observations]
    nums = [v for v in every if v is not None]
    if not nums or not all(0 <= v <= 1 for v in nums) or max(nums) == 0:
        return observations, comparators, list(s.targets.values())

    def scale(obs: tuple[Observation, ...] | list[Observation]) -> tuple[Observation, ...]:
        return tuple(o._replace(value=None if o.value is None else round(o.value * 100, 10))
                     for o in obs)

    targets = [Target(round(t.value * 100, 10) if t.value <= 1 else t.value, t.due, t.label)
               for t in s.targets.values()]
    return (list(scale(observations)),
            [Comparator(c.kind, c.label, scale(c.observations)) for c in comparators], targets)


def _read_across(r: Reader) -> tuple[list[MetricSeries], list[Problem]]:
    """Metrics down the side, periods across the top (a scorecard)."""
    table = r.table
    blank = r.blank_rows()
    names = r.texts("metric")
    units, themes, sources = r.texts("unit"), r.texts("theme"), r.texts("source")
    polarity = r.parse("polarity", parse_polarity, skip=blank)
    targets = r.parse("target", parse_number, skip=blank)
    cols = {j: r.parse_at(j, parse_number, skip=blank) for j in table.period_columns}
    series: dict[str, _Series] = {}
    for i in range(len(r)):
        if i in blank:
            continue
        if not names[i]:
            if any(cols[j][i] for j in cols):
                r.problem(i, table.columns["metric"], "", "row skipped: it names no metric")
            continue
        s = series.setdefault(squash(names[i]), _Series(names[i], i))
        for j, period in table.period_columns.items():
            v = cols[j][i]
            if v is not None and (v[0] is not None or v[1] is not None):
                _put(r, s, i, period, Observation(period, v[0], v[1], None))
        if targets[i] is not None and targets[i][0] is not None:
            s.targets[(targets[i][0], None)] = Target(targets[i][0])
        s.polarity = s.polarity or polarity[i]
        s.unit, s.theme, s.source = s.unit or units[i], s.theme or themes[i], s.source or sources[i]
    return [_finish(r, s, {}) for s in series.values()], r.problems


def _read_down(r: Reader) -> tuple[list[MetricSeries], list[Problem]]:
    """Periods down the side, one column per metric."""
    table = r.table
    blank = r.blank_rows()
    periods = r.parse("period", parse_when, skip=blank)
    series: list[MetricSeries] = []
    for j in table.metric_columns:
        name = table.headers[j]
        s = _Series(name, 0)
        for i, v in enumerate(r.parse_at(j, parse_number, skip=blank)):
            if v is None or periods[i] is None or (v[0] is None and v[1] is None):
                continue
            _put(r, s, i, periods[i], Observation(periods[i], v[0], v[1], None))
        if s.values:
            series.append(_finish(r, s, {}))
    return series, r.problems

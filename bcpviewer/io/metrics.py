"""Performance data: long form (one figure per row, io/metrics_long.py) or wide scorecards (periods
across or down, here), unpivoted to series with comparators (England, region, statistical
neighbours) and targets."""

from __future__ import annotations

from bcpviewer.io.columns import Reader
from bcpviewer.io.dates import parse_when
from bcpviewer.io.metric_series import COMPARATOR_KINDS, SeriesDraft, finish_series, settle_units
from bcpviewer.io.metrics_long import read_long
from bcpviewer.io.tables import Table
from bcpviewer.io.values import parse_figure, parse_number, parse_polarity
from bcpviewer.model.records import PROBLEM_NOT_KNOWN, PROBLEM_SKIPPED, MetricSeries, Observation, Problem, Target
from bcpviewer.model.spans import Span
from bcpviewer.model.vocab import squash


def read_metrics(table: Table) -> tuple[list[MetricSeries], list[Problem]]:
    r = Reader(table)
    if table.shape == "periods_across":
        return _read_across(r)
    if table.shape == "periods_down":
        return _read_down(r)
    return read_long(r)



def _put(r: Reader, s: SeriesDraft, i: int, period: Span, obs: Observation) -> None:
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



def _read_across(r: Reader) -> tuple[list[MetricSeries], list[Problem]]:
    """Metrics down the side, periods across the top (a scorecard)."""
    table = r.table
    blank = r.blank_rows()
    names = r.texts("metric")
    units, themes, sources = r.texts("unit"), r.texts("theme"), r.texts("source")
    notes = r.texts("notes")
    polarity = r.parse("polarity", parse_polarity, skip=blank)
    targets = r.parse("target", parse_number, skip=blank)
    cols = {j: r.parse_at(j, parse_figure, skip=blank) for j in table.period_columns}
    # England, region and neighbours columns beside the periods: their figure is for the latest
    # period of the table
    comps = {k: r.parse(k, parse_number, skip=blank) for k, _ in COMPARATOR_KINDS if k in table.columns}
    labels = {k: table.headers.get(table.columns[k], d) for k, d in COMPARATOR_KINDS if k in comps}
    when = {k: _comparator_period(r, k) for k in comps}
    series: dict[str, SeriesDraft] = {}
    for i in range(len(r)):
        if i in blank:
            continue
        if not names[i]:
            if any(cols[j][i] for j in cols):
                r.problem(i, table.columns["metric"], "", "row skipped: it names no metric")
            continue
        if not any(_figure(cols[j][i]) for j in cols) and not any(_figure(c[i]) for c in comps.values()) \
                and not _figure(targets[i]):
            r.problem(i, table.columns["metric"], names[i], "row skipped: it has no figures (a heading "
                      "or a footnote, not a metric)", PROBLEM_SKIPPED)
            continue
        s = series.setdefault(squash(names[i]), SeriesDraft(names[i], i))
        for kind, col in comps.items():
            if _figure(col[i]):
                s.comparators[kind] = [Observation(when[kind], col[i][0], col[i][1], None)]
        if "%" in names[i] and not s.unit:
            s.unit = "%"
        s.unit = s.unit or units[i]
        settled = settle_units(r, s, [(i, j, cols[j][i]) for j in table.period_columns if cols[j][i]])
        for j, period in table.period_columns.items():
            v = settled.get((i, j), cols[j][i])
            if v is not None and (v[0] is not None or v[1] is not None):
                _put(r, s, i, period, Observation(period, v[0], v[1], None))
        if targets[i] is not None and targets[i][0] is not None:
            s.targets[(targets[i][0], None)] = Target(targets[i][0])
        s.polarity = s.polarity or polarity[i]
        if notes[i]:
            s.notes[notes[i]] = None
        s.unit, s.theme, s.source = s.unit or units[i], s.theme or themes[i], s.source or sources[i]
    # a row whose every figure was not read (a ratio, "1:15") gives no series; its cells are problems
    return [finish_series(r, s, labels) for s in series.values()
            if s.values or s.comparators or s.targets], r.problems


def _comparator_period(r: Reader, kind: str) -> Span:
    """The period of a comparator column beside periods: named in its header ("England 2022/23"),
    else the table's latest period, said as a problem (the table does not say)."""
    table = r.table
    j = table.columns[kind]
    header = table.headers.get(j, "")
    words = header.split()
    for n in range(len(words)):
        for text in (" ".join(words[n:]), " ".join(words[: len(words) - n])):
            try:
                found = parse_when(text.strip("()[]: "))
            except ValueError:
                continue
            if found is not None:
                return found
    latest = max(table.period_columns.values(), key=lambda p: (p.end, p.start))
    r.problem(None, j, header, f"the column does not say which period its figures are for: they are "
              f"shown against {latest.label}, the table's latest period", PROBLEM_NOT_KNOWN)
    return latest


def _figure(v: tuple[float | None, str | None] | None) -> bool:
    return v is not None and (v[0] is not None or v[1] is not None)


def _read_down(r: Reader) -> tuple[list[MetricSeries], list[Problem]]:
    """Periods down the side, one column per metric."""
    table = r.table
    blank = r.blank_rows()
    periods = r.parse("period", parse_when, skip=blank)
    series: list[MetricSeries] = []
    for j in table.metric_columns:
        name = table.headers[j]
        s = SeriesDraft(name, 0)
        s.unit = "%" if "%" in name else ""
        s.percent_text = any(isinstance(v, str) and v.strip().endswith("%") for v in r.distinct_at(j))
        figures = r.parse_at(j, parse_figure, skip=blank)
        settled = settle_units(r, s, [(i, j, v) for i, v in enumerate(figures) if v and periods[i]])
        for i, v in enumerate(figures):
            v = settled.get((i, j), v)
            if v is None or periods[i] is None or (v[0] is None and v[1] is None):
                continue
            _put(r, s, i, periods[i], Observation(periods[i], v[0], v[1], None))
        if s.values:
            series.append(finish_series(r, s, {}))
    return series, r.problems

"""Long-form performance data (one figure per row) read column-wise into metric series: each pass
is a handful of C-level maps over whole columns, and per-row Python work is left to rows with
problems."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from itertools import accumulate, compress, islice, repeat
from operator import add, and_, is_not, itemgetter, le, lt, mul, not_, truth
from typing import Any

from bcpviewer.io.columns import Reader
from bcpviewer.io.dates import parse_due, parse_when
from bcpviewer.io.metric_series import COMPARATOR_KINDS, SeriesDraft, finish_series
from bcpviewer.io.values import parse_number, parse_polarity
from bcpviewer.model.records import MetricSeries, Observation, Problem, Target
from bcpviewer.model.spans import Span
from bcpviewer.model.vocab import squash


def _percent_columns(r: Reader, key: str) -> set[object]:
    """Distinct cells of a column written with a % sign (they say the unit)."""
    return {v for v in r.distinct(key) if isinstance(v, str) and v.strip().endswith("%")}


def read_long(r: Reader) -> tuple[list[MetricSeries], list[Problem]]:
    """Long form: one figure per row. Column-wise throughout: each pass is a handful of C-level
    maps over whole columns, and per-row Python work is left to rows with problems."""
    table = r.table
    # Blank rows hold only '' and None, which are never parsed, so they raise no problems:
    # the columns are parsed without a skip set, and blank rows are looked for among the
    # rows skipped below.
    names = r.texts("metric")
    periods = r.parse("period", parse_when)
    values = r.parse("value", parse_number)
    comps = {k: r.parse(k, parse_number) for k, _ in COMPARATOR_KINDS if k in table.columns}
    comp_labels = {k: table.headers.get(table.columns[k], default)
                   for k, default in COMPARATOR_KINDS if k in table.columns}
    targets = r.parse("target", parse_number)
    target_dates = r.parse("target_date", parse_due)
    polarity = r.parse("polarity", parse_polarity)
    units, themes, notes = r.texts("unit"), r.texts("theme"), r.texts("notes")
    sources, releases = r.texts("source"), r.texts("release")
    pct_cells = _percent_columns(r, "value")
    period_col, metric_col = table.columns["period"], table.columns["metric"]
    n = len(r)

    # Pass 1: the rows that count name a metric and a period; the rest are reported in order.
    valid = list(map(and_, map(truth, names), map(is_not, periods, repeat(None))))
    idx: Sequence[int] = range(n)
    if not all(valid):
        for i in compress(range(n), map(not_, valid)):
            row = r.rows[i]
            if row.count("") + row.count(None) == len(row):
                continue  # a blank row
            name = names[i]
            if not name:
                r.problem(i, metric_col, "", "row skipped: it names no metric")
            elif (row[period_col] if period_col < len(row) else "") in ("", None):
                r.problem(i, period_col, "", f"row skipped: no period for {name!r}")
        idx = list(compress(range(n), valid))
    if not idx:
        return [], r.problems
    everything = len(idx) == n

    def pick(col: list[Any]) -> list[Any]:
        return col if everything else list(map(col.__getitem__, idx))

    # The series, in the order of their first row; names equal once squashed are one series.
    vnames, per = pick(names), pick(periods)
    first_row = dict(zip(reversed(vnames), reversed(idx)))
    series: dict[str, SeriesDraft] = {}
    listing: list[SeriesDraft] = []
    ordinal: dict[str, int] = {}
    for name in dict.fromkeys(vnames):
        key = squash(name)
        s = series.get(key)
        if s is None:
            s = series[key] = SeriesDraft(name, first_row[name])
            s.ordinal = len(listing)
            listing.append(s)
        ordinal[name] = s.ordinal
    sord = list(map(ordinal.__getitem__, vnames)) if len(ordinal) > 1 else [0] * len(vnames)
    del vnames, first_row

    rel = pick(releases)
    if "" in rel:  # no release: None
        release_of = {x: x or None for x in dict.fromkeys(rel)}
        rel = list(map(release_of.__getitem__, rel))

    # Passes 2 and 3: observations, each series' in period order.
    rows = _Rows(idx, sord, per, rel, len(listing), r.outcomes("period"))
    vals = pick(values)
    if rows.repeats:
        _report_repeats(r, rows, vals, listing)
    for s, obs in zip(listing, rows.observations(vals, _is_figure, r.outcomes("value"))):
        s.observations = obs
    for kind, col in comps.items():  # comparators, column by column (repeats: the later row)
        for s, obs in zip(listing, rows.observations(pick(col), _has_figure, r.outcomes(kind))):
            if obs:
                s.comparators[kind] = obs
    if rows.order is None:  # the rows run series by series: each series' first and last row
        ends = list(accumulate(map(rows.counts.__getitem__, range(len(listing)))))
        firsts = dict(enumerate([0, *ends[:-1]]))
        lasts = {o: end - 1 for o, end in enumerate(ends)}
    else:
        firsts = dict(zip(reversed(sord), range(len(sord) - 1, -1, -1)))
        lasts = dict(zip(sord, range(len(sord))))
    del rows

    # Pass 4: what describes each series: its first unit, theme, source and polarity, its last
    # release. Most series give them on their first (or last) row; the rest are looked for.
    if pct_cells:
        raw_values = pick(r.raw("value") or [])
        for o in set(compress(sord, map(pct_cells.__contains__, raw_values))):
            listing[o].percent_text = True
    if "target" in table.columns:
        _gather_targets(listing, sord, pick(targets), pick(target_dates), r.outcomes("target"),
                        r.outcomes("target_date") if "target_date" in table.columns else [None])
    for attr, col in (("unit", units), ("theme", themes), ("source", sources),
                      ("polarity", polarity), ("release", rel)):
        c = col if col is rel else pick(col)
        missing = []
        for o, p in (lasts if col is rel else firsts).items():
            if v := c[p]:
                setattr(listing[o], attr, v)
            else:
                missing.append(o)
        if missing and any(c):
            pairs = zip(compress(sord, c), compress(c, c))
            found = dict(pairs) if col is rel else dict(reversed(list(pairs)))
            for o in missing:
                if o in found:
                    setattr(listing[o], attr, found[o])
    if "notes" in table.columns:
        for o, note in zip(sord, pick(notes), strict=True):
            if note:
                listing[o].notes[note] = None
    return [finish_series(r, s, comp_labels) for s in listing], r.problems


_new = tuple.__new__


def _start_end(p: Span) -> tuple[date, date]:
    return p.start, p.end


def _is_figure(v: object) -> bool:
    return v is not None


def _has_figure(c: tuple[float | None, str | None] | None) -> bool:
    return c is not None and (c[0] is not None or c[1] is not None)


def _has_value(t: tuple[float | None, str | None] | None) -> bool:
    return t is not None and t[0] is not None


def _mask(col: list[Any], test: Callable[[Any], bool],
          outcomes: list[Any] | None = None) -> list[bool] | None:
    """Which cells pass ``test`` (None: all of them). ``outcomes``, what the column's parse gave,
    often settles it at once; otherwise ``test`` is asked once per distinct object (parsed
    cells are interned, so a column holds few)."""
    if outcomes is not None and all(map(test, outcomes)):
        return None
    distinct = dict(zip(map(id, col), col))
    ok = {k for k, v in distinct.items() if test(v)}
    if len(ok) == len(distinct):
        return None
    return list(map(ok.__contains__, map(id, col)))


class _Rows:
    """The rows that count, keyed for building observations: ``sord`` numbers each row's series
    and a rank numbers its period by (start, end), equal spans of another kind sharing a rank.
    Periods are interned (equal spans are one object), so objects are told apart by id()."""

    def __init__(self, idx: Sequence[int], sord: list[int], per: list[Span],
                 rel: list[str | None], n_series: int, spans: list[Any] | None) -> None:
        self.idx, self.per, self.rel, self.sord = idx, per, rel, sord
        self.n_series = n_series
        m = len(per)
        # each period object once: from what the column's parse gave, else from the rows
        by_id = {id(p): p for p in (per if spans is None else spans) if p is not None}
        rank_of: dict[int, int] = {}
        ranks, last = 0, None
        for p in sorted(by_id.values(), key=_start_end):
            if (p.start, p.end) != last:
                ranks, last = ranks + 1, (p.start, p.end)
            rank_of[id(p)] = ranks - 1
        self.sort_key = sort_key = list(map(add, map(mul, sord, repeat(ranks)),
                                            map(rank_of.__getitem__, map(id, per))))
        self.same: list[int] = []  # one number per (series, period object), given repeats
        self.repeats = False
        self.order: list[int] | None = None  # rows in (series, period) order; None: as they are
        if not all(map(lt, sort_key, islice(sort_key, 1, None))):  # else sorted, each once
            number = {pid: k for k, pid in enumerate(by_id)}
            same = list(map(add, map(mul, sord, repeat(len(number))),
                            map(number.__getitem__, map(id, per))))
            if len(set(same)) < m:
                self.repeats, self.same = True, same
            if not all(map(le, sort_key, islice(sort_key, 1, None))):
                self.order = sorted(range(m), key=sort_key.__getitem__)
        self.sorted_sord = self._in_order(sord)
        self.sorted_per, self.sorted_rel = self._in_order(per), self._in_order(rel)
        self.counts = Counter(sord)  # rows per series

    def _in_order(self, col: list[Any]) -> list[Any]:
        return col if self.order is None else list(map(col.__getitem__, self.order))

    def observations(self, col: list[Any], test: Callable[[Any], bool],
                     outcomes: list[Any] | None = None) -> list[list[Observation]]:
        """One list per series: the observations of the rows whose figure passes ``test``, in
        period order (equal spans in the order they first appear); of a period given twice,
        the later row, in the place of the first."""
        if self.repeats:
            return self._observations_of_repeats(col, test, outcomes)
        col = self._in_order(col)
        keep = _mask(col, test, outcomes)
        per, rel, sord = self.sorted_per, self.sorted_rel, self.sorted_sord
        if keep is not None:
            col, per = list(compress(col, keep)), list(compress(per, keep))
            rel, sord = list(compress(rel, keep)), list(compress(sord, keep))
        return self._split(sord, per, col, rel)

    def _split(self, sord: list[int], per: Iterable[Span], figures: list[Any],
               rel: Iterable[str | None]) -> list[list[Observation]]:
        obs = list(map(_new, repeat(Observation), zip(
            per, map(itemgetter(0), figures), map(itemgetter(1), figures), rel)))
        counts = self.counts if sord is self.sorted_sord else Counter(sord)
        out, at = [], 0
        for o in range(self.n_series):
            c = counts.get(o, 0)
            out.append(obs[at : at + c])
            at += c
        return out

    def _observations_of_repeats(self, col: list[Any], test: Callable[[Any], bool],
                                 outcomes: list[Any] | None) -> list[list[Observation]]:
        keep = _mask(col, test, outcomes)
        pos: Sequence[int] = range(len(col)) if keep is None else list(compress(range(len(col)), keep))
        seen = dict(zip(map(self.same.__getitem__, pos), pos))  # the last row, in the first place
        order = sorted(seen.values(), key=self.sort_key.__getitem__)
        return self._split(list(map(self.sord.__getitem__, order)), map(self.per.__getitem__, order),
                           list(map(col.__getitem__, order)), map(self.rel.__getitem__, order))


def _report_repeats(r: Reader, rows: _Rows, vals: list[Any], listing: list[SeriesDraft]) -> None:
    """A period given twice for a series with different figures: the later row is used."""
    seen: dict[int, tuple[int, tuple[float | None, str | None]]] = {}
    same, idx = rows.same, rows.idx
    for p in compress(range(len(vals)), map(is_not, vals, repeat(None))):
        v = vals[p]
        old = seen.get(same[p])
        if old is not None and (old[1][0], old[1][1]) != (v[0], v[1]):
            r.problem(
                idx[p], r.table.columns["value"], _shown_figure(v),
                f"{listing[rows.sord[p]].name!r} already has {_shown_figure(old[1])} for "
                f"{rows.per[p].label} on row {r.row_number(old[0])}; this later row is used",
            )
        seen[same[p]] = (idx[p], v)


def _gather_targets(listing: list[SeriesDraft], sord: list[int], tv: list[Any], dv: list[Any],
                    t_outcomes: list[Any] | None, d_outcomes: list[Any] | None) -> None:
    """Each series' distinct (value, due) targets. Parsed cells are interned, so equal targets
    and equal dates are one object each: rows are told apart by numbering objects."""
    if t_outcomes is not None and len(t_outcomes) == 1 and d_outcomes is not None \
            and len(d_outcomes) == 1:  # one target for every row (or none)
        t, due = t_outcomes[0], d_outcomes[0]
        if _has_value(t):
            for o in sorted(set(sord)):
                listing[o].targets.setdefault((t[0], due), Target(t[0], due, ""))
        return
    keep = _mask(tv, _has_value, t_outcomes)
    if keep is not None:
        sord, tv, dv = list(compress(sord, keep)), list(compress(tv, keep)), list(compress(dv, keep))
    t_of, d_of = dict(zip(map(id, tv), tv)), dict(zip(map(id, dv), dv))
    t_num = {k: j for j, k in enumerate(t_of)}
    d_num = {k: j for j, k in enumerate(d_of)}
    ts, ds = list(t_of.values()), list(d_of.values())
    nt, nd = len(ts), len(ds)
    codes = map(add, map(mul, map(add, map(mul, sord, repeat(nt)), map(t_num.__getitem__, map(id, tv))),
                         repeat(nd)), map(d_num.__getitem__, map(id, dv)))
    for code in dict.fromkeys(codes):
        rest, d = divmod(code, nd)
        o, t = divmod(rest, nt)
        value, due = ts[t][0], ds[d]
        listing[o].targets.setdefault((value, due), Target(value, due, ""))


def _shown_figure(v: tuple[float | None, str | None]) -> str:
    return f"{v[0]:g}" if v[0] is not None else (v[1] or "")

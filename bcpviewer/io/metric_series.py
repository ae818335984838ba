"""One metric's series as it is gathered from a table (SeriesDraft), and how it becomes an immutable
MetricSeries: observations in period order, and a % series of fractions scaled to percentages."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import compress, repeat
from operator import is_not, itemgetter

from bcpviewer.io.columns import Reader
from bcpviewer.io.durations import DAYS, HHMM, HOURS, MINUTES, names_a_duration, stated_unit
from bcpviewer.io.values import NUMBER_EXPECTED
from bcpviewer.model.ids import content_id
from bcpviewer.model.records import PROBLEM_NOT_KNOWN, Comparator, MetricSeries, Observation, Origin, Target
from bcpviewer.model.spans import Span
from bcpviewer.model.themes import theme_for
from bcpviewer.model.vocab import Polarity, squash

COMPARATOR_KINDS = (("england", "England"), ("region", "Region"), ("neighbours", "Statistical neighbours"))


class SeriesDraft:
    """What is gathered for one metric before it becomes an immutable MetricSeries."""

    __slots__ = ("name", "first_row", "values", "comparators", "targets", "unit", "polarity",
                 "theme", "source", "release", "percent_text", "rows_by_period", "observations",
                 "ordinal", "notes")

    def __init__(self, name: str, first_row: int) -> None:
        self.name = name
        self.first_row = first_row
        self.ordinal = 0  # its place among the series of the table
        self.values: dict[Span, Observation] = {}  # by period (wide tables)
        self.rows_by_period: dict[Span, int] = {}
        # long form: the observations already in period order, and each comparator's
        self.observations: list[Observation] | None = None
        self.comparators: dict[str, list[Observation]] = {}
        self.targets: dict[tuple[float, date | None], Target] = {}
        self.unit = ""
        self.polarity: Polarity | None = None
        self.theme = ""
        self.source = ""
        self.release = ""
        self.percent_text = False
        self.notes: dict[str, None] = {}  # each note once, in the order met



Figure = tuple[float | None, str | None, str | None]  # values.parse_figure: value, code, duration unit
_KIND_WORDS = {None: "plain figures", MINUTES: "durations in hours and minutes (hh:mm)", DAYS: "durations in days"}
_CELL_WORDS = {None: "a plain figure", MINUTES: "a duration in hours and minutes (hh:mm)", DAYS: "a duration in days"}
# the kinds of figure each stated duration unit reads, and the factor from the kind's unit to the series'
_FITS: dict[str, dict[str | None, float]] = {
    MINUTES: {None: 1, MINUTES: 1}, HOURS: {None: 1, MINUTES: 1 / 60}, DAYS: {None: 1, DAYS: 1},
    HHMM: {MINUTES: 1},
}
_READ_AS = {MINUTES: "minutes (hh:mm is hours and minutes: 00:10 is 10 minutes)",
            HOURS: "hours (hh:mm is hours and minutes: 1:30 is 1.5 hours)", DAYS: "days",
            HHMM: "minutes (the stated unit is hh:mm: 1:30 is 90 minutes)"}
_NOT_TIMED = (f"expected {NUMBER_EXPECTED}; text written n:nn is read as hours and minutes only where "
              "the metric or its unit names a duration (a ratio such as 1:15 is not a number)")


def settle_units(r: Reader, s: SeriesDraft, cells: Sequence[tuple[int, int, Figure]]) -> dict[tuple[int, int], Figure | None]:
    """One unit per series, never mixed in silence. ``cells`` are the series' (row, column, figure)
    read by ``values.parse_figure``. Text ``N:MM`` is hours and minutes only where the metric's name or
    its stated unit names a duration (else it may be a ratio, "1:15", and is a problem: not a number); a
    time or duration cell is a duration wherever it is. A stated duration unit reads what fits it (hours:
    hh:mm as hours and plain figures; minutes: hh:mm and plain figures; days: "12 days" and plain figures;
    hh:mm: hh:mm in minutes, said in the unit). With no stated unit, durations give the series their unit
    (minutes, days), said once as a note, and a figure of a unit other than most of the series has is a
    problem. Returns the cells to change: None for one not to read, else the figure in the series' unit."""
    out: dict[tuple[int, int], Figure | None] = {}
    stated = squash(s.unit) or s.unit.strip()  # "%" stays "%"
    target = stated_unit(s.unit)
    timed = target is not None or names_a_duration(s.name)
    if not timed:
        for i, j, f in cells:
            if f[2] == MINUTES and isinstance(r.rows[i][j], str):
                out[(i, j)] = None
                r.problem(i, j, r.rows[i][j], _NOT_TIMED)
    kinds = Counter(f[2] for i, j, f in cells if f[0] is not None and (i, j) not in out)
    if not kinds or (set(kinds) == {None} and target != HHMM):
        return out
    if target is not None:
        fits = _FITS[target]
        keep = {k: fits[k] for k in kinds if k in fits}
    else:
        fitting = [k for k in kinds if k is None or not stated]
        top = max(fitting, key=lambda k: (kinds[k], k is None)) if fitting else ""  # a tie: plain
        keep = {top: 1} if fitting else {}
    timed_kept = [k for k in keep if k is not None]
    if timed_kept:  # durations: the series' unit, said once
        if target == HHMM:
            s.notes[f"stated unit {s.unit.strip()}: read in minutes"] = None
            s.unit = MINUTES
        s.unit = s.unit or timed_kept[0]
        i, j, _f = next(c for c in cells if c[2][0] is not None and c[2][2] in timed_kept and c[:2] not in out)
        r.problem(i, j, r.rows[i][j], f"{s.name!r}: durations read in {_READ_AS[target or timed_kept[0]]}",
                  PROBLEM_NOT_KNOWN)
    for i, j, f in cells:
        if f[0] is None or (i, j) in out:
            continue
        if f[2] not in keep:
            why = (f"the series is in {s.unit!r}" if stated else f"most of {s.name!r} is {_KIND_WORDS[next(iter(keep))]}")
            out[(i, j)] = None
            r.problem(i, j, r.rows[i][j], f"{_CELL_WORDS[f[2]]} not read: {why}, and units are never mixed")
        elif keep[f[2]] != 1:
            out[(i, j)] = (round(f[0] * keep[f[2]], 10), f[1], f[2])
    return out


def finish_series(r: Reader, s: SeriesDraft, comp_labels: dict[str, str]) -> MetricSeries:
    observations = s.observations
    if observations is None:
        observations = by_period(s.values.values())
    comparators = [Comparator(k, comp_labels.get(k, k), tuple(obs))
                   for k, obs in s.comparators.items()]
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
        notes="; ".join(s.notes) or None,
    )


def by_period(observations: Iterable[Observation]) -> list[Observation]:
    """Observations in period order; sorts on (start, end) keys with a C-level key function."""
    obs = list(observations)
    keys = [(o[0].start, o[0].end) for o in obs]
    order = sorted(range(len(obs)), key=keys.__getitem__)
    return [obs[i] for i in order]


_value = itemgetter(1)  # Observation.value


def _fractions_to_percent(
    observations: list[Observation], comparators: list[Comparator], s: SeriesDraft
) -> tuple[list[Observation], list[Comparator], list[Target]]:
    """A % series whose every figure lies in 0-1 came from cells formatted as percentages."""
    top = None  # the largest figure; figures are finite, so min/max say whether all lie in 0-1
    for obs in (observations, *(c.observations for c in comparators)):
        every = list(map(_value, obs))
        nums = list(compress(every, map(is_not, every, repeat(None))))
        if nums:
            if max(nums) > 1 or min(nums) < 0:
                return observations, comparators, list(s.targets.values())
            top = max(nums) if top is None else max(top, max(nums))
    if top is None or top == 0:
        return observations, comparators, list(s.targets.values())

    def scale(obs: tuple[Observation, ...] | list[Observation]) -> tuple[Observation, ...]:
        return tuple(o._replace(value=None if o.value is None else round(o.value * 100, 10))
                     for o in obs)

    targets = [Target(round(t.value * 100, 10) if t.value <= 1 else t.value, t.due, t.label)
               for t in s.targets.values()]
    return (list(scale(observations)),
            [Comparator(c.kind, c.label, scale(c.observations)) for c in comparators], targets)


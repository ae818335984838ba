"""DfE explore-education-statistics "tidy" CSVs: one council's indicators as metric series, with
England, its region and its statistical neighbours as comparators. Councils are matched by code."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from bcpviewer.io import neighbours as sn
from bcpviewer.io.grid import Grid
from bcpviewer.io.dates import MAX_YEAR, MIN_YEAR
from bcpviewer.io.values import parse_number
from bcpviewer.model.ids import content_id
from bcpviewer.model.records import (
    Comparator,
    Dataset,
    MetricSeries,
    Observation,
    Origin,
    Problem,
)
from bcpviewer.model.spans import Span
from bcpviewer.model.themes import theme_for
from bcpviewer.model.vocab import Polarity

GEOGRAPHY = {
    "time_period", "time_identifier", "geographic_level", "country_code", "country_name",
    "region_code", "region_name", "old_la_code", "new_la_code", "la_name", "la_code",
    "lad_code", "lad_name", "opendata_id", "pcon_code", "pcon_name", "local_authority",
    "english_devolved_area_code", "english_devolved_area_name", "lsip_code", "lsip_name",
}
REQUIRED = {"time_period", "time_identifier", "geographic_level"}
# Columns that say which publication a figure is from (its vintage), when a file has one.
RELEASE_COLUMNS = ("release", "release_name", "release_date", "vintage", "publication",
                   "publication_date", "data_version", "version")
# Columns that split the figures (never indicators, even when their values look like numbers).
KNOWN_FILTERS = {"population_type", "category", "breakdown", "care_leaver_age", "characteristic",
                 "characteristic_type", "age", "age_group", "gender", "ethnicity", "placement_type",
                 "factor", "subcategory", "cin_primary_need", "school_type", "phase_type_grouping"}
# Workforce census figures are as at 30 September; most other children's social care
# figures are as at (or in the year to) 31 March.
SEPTEMBER_HINTS = ("agency", "vacancy", "turnover", "caseload", "inpost", "starters", "leavers",
                   "absence", "working_days_lost", "case_holders")
AT_DATE_HINTS = ("on 31 march", "at 31 march", "on_31_march", "at_31_march", "as at")
LOWER_IS_BETTER_HINTS = ("agency_rate", "vacancy_rate", "turnover_rate", "caseload",
                         "absence_rate", "rereferral", "re_referral")
DUPLICATE_ADVICE = ("more than one row gives this figure for the same period, so a column that "
                    "splits the figures was not recognised; the last row was used")

Cell = Callable[[list[object], str], str]


@dataclass(frozen=True, slots=True)
class Target:
    """The chosen council: its codes (old 839, new E06000058), latest name and region."""

    old: str
    new: str
    name: str
    region: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.old or self.new})"


def is_dfe(headers: Sequence[str]) -> bool:
    """Does this header row have the explore-education-statistics shape?"""
    return REQUIRED <= {str(h).strip().lower() for h in headers}


def councils_in(grid: Grid) -> list[sn.Council]:
    """The councils a tidy file has figures for (old code, latest name, region), by name."""
    header = [str(h).strip().lower() for h in grid.rows[0]] if grid.rows else []
    cell = _cell_reader(header)
    found: dict[str, tuple[str, sn.Council]] = {}
    for row in grid.rows[1:]:
        if cell(row, "geographic_level").lower() != "local authority":
            continue
        code = cell(row, "old_la_code") or cell(row, "new_la_code")
        name = cell(row, "la_name")
        if not code or not name:
            continue
        tp = cell(row, "time_period")
        if code not in found or tp >= found[code][0]:
            found[code] = (tp, sn.Council(code, name, cell(row, "region_name")))
    return sorted((c for _tp, c in found.values()), key=lambda c: c.name.casefold())


def read_dfe(
    grid: Grid,
    path: str,
    council: str | None = None,
    *,
    neighbour_model: str = sn.DEFAULT_MODEL,
    neighbour_stat: str = sn.DEFAULT_STAT,
) -> Dataset:
    """Series for ``council`` (LA code such as 839 or E06000058, or a name) against England, its
    region and the median (or mean) of its statistical neighbours; without a council, England's
    own figures."""
    model_key, stat = sn.check_options(neighbour_model, neighbour_stat)
    header = [str(h).strip().lower() for h in grid.rows[0]]
    cell = _cell_reader(header)
    rows = grid.rows[1:]
    problems: list[Problem] = []
    notes: list[str] = []
    filters, indicators, release_col = _classify(header, rows)
    september = any(h.startswith(SEPTEMBER_HINTS) for h in indicators)

    council = (council or "").strip()
    target = _find_council(rows, cell, council) if council else None
    if council and target is None:
        problems.append(Problem(grid.file, None, None, "la_name", council,
                                "no council with this code or name in the file; showing England"))
    near: set[str] = set()
    if target is not None and target.old:
        near = set(sn.model(model_key).of(target.old))

    # (indicator, filter values) -> who -> {period: Observation}; who is "council", "england",
    # "region" or a neighbour's old LA code
    data: dict[tuple[str, tuple[str, ...]], dict[str, dict[Span, Observation]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    duplicates: dict[tuple[str, tuple[str, ...]], int] = defaultdict(int)
    period_cache: dict[tuple[str, str, str], Span | None] = {}
    basis_cache: dict[tuple[str, tuple[str, ...]], str] = {}
    reported_periods: set[tuple[str, str]] = set()
    for i, row in enumerate(rows, start=2):
        who = _who(row, cell, target, near)
        if who is None:
            continue
        tp, ident = cell(row, "time_period"), cell(row, "time_identifier")
        fvals = tuple(cell(row, f) for f in filters)
        release = cell(row, release_col) or None if release_col else None
        for ind in indicators:
            raw = cell(row, ind)
            try:
                value, code = parse_number(raw)
            except ValueError as e:
                problems.append(Problem(grid.file, None, i, ind, raw, str(e)))
                continue
            if value is None and code is None:
                continue
            key = (ind, fvals)
            basis = basis_cache.get(key)
            if basis is None:
                basis = basis_cache[key] = _basis(ind, fvals, september)
            pkey = (tp, ident, basis)
            if pkey not in period_cache:
                period_cache[pkey] = _period(tp, ident, basis)
            period = period_cache[pkey]
            if period is None:
                if (tp, ident) not in reported_periods:
                    reported_periods.add((tp, ident))
                    problems.append(Problem(grid.file, None, i, "time_period", tp,
                                            f"expected a year such as 2023 or 202324 ({ident})"))
                break
            slot = data[key][who]
            old = slot.get(period)
            if old is not None and (old.value, old.code) != (value, code):
                duplicates[key] += 1
            slot[period] = Observation(period, value, code, release)

    main = "council" if target is not None else "england"
    names = _names(filters, [k for k, levels in data.items() if levels.get(main)])
    series = []
    for key, levels in data.items():
        own = levels.get(main)
        if not own:
            continue
        ind, _fvals = key
        name = names[key]
        comps: list[Comparator] = []
        if main == "council":
            assert target is not None
            if levels.get("england"):
                comps.append(Comparator("england", "England", _sorted(levels["england"])))
            if levels.get("region"):
                comps.append(Comparator("region", target.region or "Region", _sorted(levels["region"])))
            if target.old:
                sn_comp = sn.neighbour_comparator(target.old, levels, own.keys(),
                                                  model_key=model_key, stat=stat)
                if sn_comp is not None:
                    comps.append(sn_comp)
        if duplicates.get(key):
            problems.append(Problem(grid.file, None, None, ind, name,
                                    f"{duplicates[key]} figure(s): {DUPLICATE_ADVICE}"))
        releases = {o.release for o in own.values() if o.release}
        series.append(MetricSeries(
            id=content_id("M", name), name=name, unit=_unit(ind), polarity=_polarity(ind),
            theme=theme_for(name), observations=_sorted(own), comparators=tuple(comps),
            source=f"DfE statistics: {grid.file}",
            release=next(iter(releases)) if len(releases) == 1 else None,
            origin=Origin(grid.file, None, None),
        ))
    if target is None:
        notes.append("DfE statistics file: England's figures are shown; choose a council "
                     "(for example --council 839) to see its figures against England, its region "
                     "and its statistical neighbours")
    elif target.old and not near:
        notes.append(_no_neighbours_note(target, model_key))
    return Dataset(series=tuple(series), problems=tuple(problems), files=(path,), notes=tuple(notes))


def _cell_reader(header: list[str]) -> Cell:
    col = {}
    for j, h in enumerate(header):
        col.setdefault(h, j)

    def cell(row: list[object], name: str) -> str:
        j = col.get(name)
        if j is None or j >= len(row):
            return ""
        v = row[j]
        return v.strip() if type(v) is str else "" if v is None else str(v).strip()

    return cell


def _who(row: list[object], cell: Cell, target: Target | None, near: set[str]) -> str | None:
    level = cell(row, "geographic_level").lower()
    if level == "national":
        return "england"
    if target is None:
        return None
    if level == "regional":
        return "region" if target.region and cell(row, "region_name") == target.region else None
    if level != "local authority":
        return None
    old = cell(row, "old_la_code")
    if _is_council(row, cell, target):
        return "council"
    if old in near:
        return old
    return None


def _classify(header: list[str], rows: list[list[object]]) -> tuple[list[str], list[str], str | None]:
    """Filter columns hold words (population_type, breakdown); indicators hold figures; a
    release column, when there is one, says which publication each figure is from."""
    filters, indicators = [], []
    release = next((h for h in RELEASE_COLUMNS if h in header), None)
    sample = rows[:2000]
    for j, h in enumerate(header):
        if h in GEOGRAPHY or not h or h == release or h in header[:j]:
            continue
        if h in KNOWN_FILTERS or h.endswith(("_type", "_breakdown", "_group", "_category")):
            filters.append(h)
            continue
        words = numbers = 0
        for r in sample:
            v = r[j] if j < len(r) else ""
            if v in ("", None):
                continue
            try:
                value, _code = parse_number(v)
            except ValueError:
                words += 1
                continue
            numbers += value is not None
        (filters if words > numbers else indicators).append(h)
    return filters, indicators, release


def _find_council(rows: list[list[object]], cell: Cell, council: str) -> Target | None:
    """The council by code (old or new) or by name (any spelling), resolved to its codes: rows
    are then matched by code, so a renamed council keeps its history and a merged one starts
    afresh (BCP, 839, from 2019; Bournemouth 837 and Poole 836 before)."""
    want = council.strip()
    key = sn.council_key(want)
    registry_code = sn.find_code(want)
    by_code: dict[str, tuple[str, list[object]]] = {}  # old (or new) code -> latest row
    hit: str | None = None
    for r in rows:
        if cell(r, "geographic_level").lower() != "local authority":
            continue
        old, new = cell(r, "old_la_code"), cell(r, "new_la_code")
        code = old or new
        if not code:
            continue
        tp = cell(r, "time_period")
        if code not in by_code or tp >= by_code[code][0]:
            by_code[code] = (tp, r)
        if hit is None and (want in (old, new) or (registry_code and old == registry_code)):
            hit = code
    if hit is None and key:
        # by name: the code whose latest row has the name (a name used by an abolished council
        # and its successor, like Dorset 835 and 838, means the council that has it now)
        named = [(tp, code) for code, (tp, r) in by_code.items() if sn.council_key(cell(r, "la_name")) == key]
        if named:
            hit = max(named)[1]
    if hit is None:
        return None
    _tp, r = by_code[hit]
    return Target(cell(r, "old_la_code"), cell(r, "new_la_code"), cell(r, "la_name"),
                  cell(r, "region_name"))


def _is_council(row: list[object], cell: Cell, target: Target) -> bool:
    if target.old:
        return cell(row, "old_la_code") == target.old
    return bool(target.new) and cell(row, "new_la_code") == target.new


def _basis(ind: str, fvals: tuple[str, ...], september: bool) -> str:
    """How a bare year is dated: 'sep' (workforce census, at 30 September), 'mar_at' (a count
    at 31 March) or 'mar_year' (the year to 31 March)."""
    if september:
        return "sep"
    text = " ".join((ind, *fvals)).lower()
    return "mar_at" if any(h in text for h in AT_DATE_HINTS) else "mar_year"


def _period(tp: str, ident: str, basis: str) -> Span | None:
    """The span a DfE time_period stands for; None (reported) when it is not a plausible year."""
    ident_l = ident.lower()
    if not (tp.isascii() and tp.isdigit() and MIN_YEAR <= int(tp[:4]) < MAX_YEAR):
        return None
    if len(tp) == 6:
        start = int(tp[:4])
        if (start + 1) % 100 != int(tp[4:]):
            return None  # 202399 is not 2023/24
        if "academic" in ident_l:
            return Span.academic_year(start)
        return Span.financial_year(start)
    if len(tp) == 4:
        y = int(tp)
        if "calendar" in ident_l:
            return Span.year(y)
        if basis == "sep":
            return Span.day(date(y, 9, 30))
        if basis == "mar_at":
            return Span.day(date(y, 3, 31))
        return Span.reporting_year(date(y, 3, 31))
    return None


def _sorted(obs: dict[Span, Observation]) -> tuple[Observation, ...]:
    return tuple(sorted(obs.values(), key=lambda o: o.period))


def _names(filters: list[str], keys: list[tuple[str, tuple[str, ...]]]) -> dict[tuple[str, tuple[str, ...]], str]:
    """Each series' name: the indicator, then the filter values that pick it out ('Total' and
    'All' left out); where two would share a name, the filters are named too."""
    short = {k: _series_name(k[0], filters, k[1]) for k in keys}
    counts: dict[str, int] = defaultdict(int)
    for name in short.values():
        counts[name] += 1
    return {k: name if counts[name] == 1 else _series_name(k[0], filters, k[1], explicit=True)
            for k, name in short.items()}


def _series_name(ind: str, filters: list[str], fvals: tuple[str, ...], explicit: bool = False) -> str:
    base = ind.replace("_", " ").strip().capitalize()
    if explicit:
        extra = [f"{f.replace('_', ' ')}: {v}" for f, v in zip(filters, fvals, strict=True) if v]
    else:
        extra = [v for v in fvals if v and v.lower() not in ("total", "all")]
    return f"{base} ({'; '.join(extra)})" if extra else base


def _unit(ind: str) -> str:
    if ("rate" in ind and "10000" in ind) or "per_10k" in ind or "10000" in ind:
        return "per 10,000"
    if "rate" in ind or "percent" in ind or ind.endswith("_pc"):
        return "%"
    return ""


def _polarity(ind: str) -> Polarity:
    return Polarity.LOWER_IS_BETTER if any(h in ind for h in LOWER_IS_BETTER_HINTS) else Polarity.NEUTRAL


def _no_neighbours_note(target: Target, model_key: str) -> str:
    other = [k for k in sn.MODELS if k != model_key and sn.model(k).of(target.old)]
    hint = f" (the {other[0]} model has them)" if other else ""
    return (f"{target.label} has no statistical neighbours in the {model_key} model{hint}, so "
            "there is no neighbour comparator")

"""The one parser of DfE explore-education-statistics "tidy" CSV rows: which columns are filters
and which indicators, what span each time_period stands for, and every figure read (value or
suppression code) for the places a caller asks about (a council, England, a region...)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from bcpviewer.io.grid import Grid
from bcpviewer.io.dates import MAX_YEAR, MIN_YEAR
from bcpviewer.io.values import parse_number
from bcpviewer.model import indicators as cat
from bcpviewer.model.records import Observation, Problem
from bcpviewer.model.spans import Span

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
                 "factor", "subcategory", "cin_primary_need", "school_type", "phase_type_grouping",
                 "cla_group", "placement_stability"}
# Workforce census figures are as at 30 September; most other children's social care
# figures are as at (or in the year to) 31 March. Used for columns the catalogue lacks.
SEPTEMBER_HINTS = ("agency", "vacancy", "turnover", "caseload", "inpost", "starters", "leavers",
                   "absence", "working_days_lost", "case_holders")
AT_DATE_HINTS = ("on 31 march", "at 31 march", "on_31_march", "at_31_march", "as at")
_BASIS = {cat.AT_30_SEP: "sep", cat.YEAR_TO_30_SEP: "sep", cat.AT_31_MAR: "mar_at",
          cat.YEAR_TO_31_MAR: "mar_year"}

Cell = Callable[[list[object], str], str]
Key = tuple[str, tuple[str, ...]]  # (indicator column, filter values)


@dataclass
class Scan:
    """Figures of a tidy file: (indicator, filter values) -> who -> period -> Observation, with
    the CSV line of each figure when asked for, and every problem met."""

    filters: list[str]
    indicators: list[str]
    release_column: str | None
    data: dict[Key, dict[str, dict[Span, Observation]]] = field(default_factory=dict)
    lines: dict[tuple[Key, str, Span], int] = field(default_factory=dict)
    duplicates: dict[Key, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def header_of(grid: Grid) -> list[str]:
    return [str(h).strip().lower() for h in grid.rows[0]] if grid.rows else []


def cell_reader(header: list[str]) -> Cell:
    """A function reading a named column of a row as stripped text."""
    col: dict[str, int] = {}
    for j, h in enumerate(header):
        col.setdefault(h, j)

    def cell(row: list[object], name: str) -> str:
        j = col.get(name)
        if j is None or j >= len(row):
            return ""
        v = row[j]
        return v.strip() if type(v) is str else "" if v is None else str(v).strip()

    return cell


def scan(grid: Grid, who: Callable[[list[object]], str | None], *, keep_lines: bool = False) -> Scan:
    """Every figure of the rows ``who`` names (None skips a row); a later row giving the same
    figure wins and is counted in ``duplicates``."""
    header = header_of(grid)
    cell = cell_reader(header)
    rows = grid.rows[1:]
    filters, indicators, release_col = classify(header, rows)
    out = Scan(filters, indicators, release_col)
    data: dict[Key, dict[str, dict[Span, Observation]]] = defaultdict(lambda: defaultdict(dict))
    duplicates: dict[Key, int] = defaultdict(int)
    september = any(h.startswith(SEPTEMBER_HINTS) for h in indicators)
    period_cache: dict[tuple[str, str, str], Span | None] = {}
    basis_cache: dict[Key, str] = {}
    reported: set[tuple[str, str]] = set()
    for i, row in enumerate(rows, start=2):
        place = who(row)
        if place is None:
            continue
        tp, ident = cell(row, "time_period"), cell(row, "time_identifier")
        fvals = tuple(cell(row, f) for f in filters)
        release = cell(row, release_col) or None if release_col else None
        for ind in indicators:
            raw = cell(row, ind)
            try:
                value, code = parse_number(raw)
            except ValueError as e:
                out.problems.append(Problem(grid.file, None, i, ind, raw, str(e)))
                continue
            if value is None and code is None:
                continue
            key = (ind, fvals)
            b = basis_cache.get(key)
            if b is None:
                b = basis_cache[key] = basis(ind, filters, fvals, september)
            pkey = (tp, ident, b)
            if pkey not in period_cache:
                period_cache[pkey] = period_of(tp, ident, b)
            span = period_cache[pkey]
            if span is None:
                if (tp, ident) not in reported:
                    reported.add((tp, ident))
                    out.problems.append(Problem(grid.file, None, i, "time_period", tp,
                                                f"expected a year such as 2023 or 202324 ({ident})"))
                break
            slot = data[key][place]
            old = slot.get(span)
            if old is not None and (old.value, old.code) != (value, code):
                duplicates[key] += 1
            slot[span] = Observation(span, value, code, release)
            if keep_lines:
                out.lines[(key, place, span)] = i
    out.data = {k: dict(v) for k, v in data.items()}
    out.duplicates = dict(duplicates)
    return out


def classify(header: list[str], rows: list[list[object]]) -> tuple[list[str], list[str], str | None]:
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
        if h in cat.COLUMNS:  # a catalogued indicator: no need to look at its cells
            indicators.append(h)
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


def indicator_of(ind: str, filters: list[str], fvals: tuple[str, ...]) -> cat.Indicator | None:
    """The catalogue's entry for a column with a row's filter values."""
    return cat.find(ind, dict(zip(filters, fvals, strict=True)))


def basis(ind: str, filters: list[str], fvals: tuple[str, ...], september: bool) -> str:
    """How a bare year is dated: 'sep' (workforce census, at 30 September), 'mar_at' (a count
    at 31 March) or 'mar_year' (the year to 31 March); the catalogue's reference date when it
    knows the column, else the column's and filters' words."""
    known = indicator_of(ind, filters, fvals)
    if known is not None:
        return _BASIS[known.reference]
    if september:
        return "sep"
    text = " ".join((ind, *fvals)).lower()
    return "mar_at" if any(h in text for h in AT_DATE_HINTS) else "mar_year"


def period_of(tp: str, ident: str, basis: str) -> Span | None:
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

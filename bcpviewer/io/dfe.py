"""DfE explore-education-statistics "tidy" CSVs: one council's indicators as metric series, with
England and its region from the same file as comparators. Councils are matched by code."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from bcpviewer.io.grid import Grid
from bcpviewer.io.values import MAX_YEAR, MIN_YEAR, parse_number
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
from bcpviewer.model.vocab import Polarity, squash

GEOGRAPHY = {
    "time_period", "time_identifier", "geographic_level", "country_code", "country_name",
    "region_code", "region_name", "old_la_code", "new_la_code", "la_name", "la_code",
    "lad_code", "lad_name", "opendata_id", "pcon_code", "pcon_name",
}
REQUIRED = {"time_period", "time_identifier", "geographic_level"}
# Workforce census figures are as at 30 September; most other children's social care
# figures are as at (or in the year to) 31 March.
SEPTEMBER_HINTS = ("agency", "vacancy", "turnover", "caseload", "inpost", "starters", "leavers",
                   "absence", "working_days_lost")
LOWER_IS_BETTER_HINTS = ("agency_rate", "vacancy_rate", "turnover_rate", "caseload",
                         "absence_rate", "rereferral")


def is_dfe(headers: list[str]) -> bool:
    return REQUIRED <= {h.strip().lower() for h in headers}


def read_dfe(grid: Grid, path: str, council: str | None = None) -> Dataset:
    """Series for ``council`` (LA code such as 839 or E06000058, or a name) or, without one,
    England's own figures."""
    header = [str(h).strip().lower() for h in grid.rows[0]]
    col = {h: j for j, h in enumerate(header)}
    rows = grid.rows[1:]
    problems: list[Problem] = []
    filters, indicators = _classify(header, rows)
    september = any(h.startswith(SEPTEMBER_HINTS) for h in indicators)

    def cell(row: list[object], name: str) -> str:
        j = col.get(name)
        return str(row[j]).strip() if j is not None and j < len(row) else ""

    target = _find_council(rows, cell, council) if council else None
    if council and target is None:
        problems.append(Problem(grid.file, None, None, "la_name", council,
                                "no council with this code or name in the file; showing England"))
    region = None
    if target is not None:
        region = next((cell(r, "region_name") for r in rows if _is_council(r, cell, target)), None)

    # (indicator, filter values) -> level -> {period: Observation}
    data: dict[tuple[str, tuple[str, ...]], dict[str, dict[Span, Observation]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    period_cache: dict[tuple[str, str], Span | None] = {}
    for i, row in enumerate(rows, start=2):
        level = cell(row, "geographic_level").lower()
        if level == "national":
            who = "england"
        elif level == "regional" and region and cell(row, "region_name") == region:
            who = "region"
        elif target is not None and level == "local authority" and _is_council(row, cell, target):
            who = "council"
        else:
            continue
        key = (cell(row, "time_period"), cell(row, "time_identifier"))
        if key not in period_cache:
            period_cache[key] = _period(*key, september)
            if period_cache[key] is None:
                problems.append(Problem(grid.file, None, i, "time_period", key[0],
                                        f"expected a year such as 2023 or 202324 ({key[1]})"))
        period = period_cache[key]
        if period is None:
            continue
        fvals = tuple(cell(row, f) for f in filters)
        for ind in indicators:
            raw = cell(row, ind)
            try:
                value, code = parse_number(raw)
            except ValueError as e:
                problems.append(Problem(grid.file, None, i, ind, raw, str(e)))
                continue
            if value is None and code is None:
                continue
            data[(ind, fvals)][who][period] = Observation(period, value, code, None)

    main = "council" if target is not None else "england"
    series = []
    for (ind, fvals), levels in data.items():
        own = levels.get(main)
        if not own:
            continue
        name = _series_name(ind, filters, fvals)
        comps = []
        if main == "council":
            if levels.get("england"):
                comps.append(Comparator("england", "England", _sorted(levels["england"])))
            if levels.get("region"):
                comps.append(Comparator("region", region or "Region", _sorted(levels["region"])))
        series.append(MetricSeries(
            id=content_id("M", name), name=name, unit=_unit(ind), polarity=_polarity(ind),
            theme=theme_for(name), observations=_sorted(own), comparators=tuple(comps),
            source=f"DfE statistics: {grid.file}", origin=Origin(grid.file, None, None),
        ))
    notes = ()
    if target is None:
        notes = ("DfE statistics file: England's figures are shown; choose a council "
                 "(for example --council 839) to see its figures against England and its region",)
    return Dataset(series=tuple(series), problems=tuple(problems), files=(path,), notes=notes)


def _classify(header: list[str], rows: list[list[object]]) -> tuple[list[str], list[str]]:
    """Filter columns hold words (population_type, breakdown); indicators hold figures."""
    filters, indicators = [], []
    sample = rows[:500]
    for j, h in enumerate(header):
        if h in GEOGRAPHY or not h:
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
    return filters, indicators


def _find_council(rows: list[list[object]], cell, council: str) -> tuple[str, str] | None:
    want = squash(council).replace("and", "")
    for r in rows:
        if cell(r, "geographic_level").lower() != "local authority":
            continue
        old, new = cell(r, "old_la_code"), cell(r, "new_la_code")
        name = squash(cell(r, "la_name")).replace("and", "")
        if council.strip() in (old, new) or (want and want == name):
            return old, new
    return None


def _is_council(row: list[object], cell, target: tuple[str, str]) -> bool:
    old, new = target
    return (bool(old) and cell(row, "old_la_code") == old) or (
        bool(new) and cell(row, "new_la_code") == new)


def _period(tp: str, ident: str, september: bool) -> Span | None:
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
        return Span.day(date(y, 9, 30) if september else date(y, 3, 31))
    return None


def _sorted(obs: dict[Span, Observation]) -> tuple[Observation, ...]:
    return tuple(sorted(obs.values(), key=lambda o: o.period))


def _series_name(ind: str, filters: list[str], fvals: tuple[str, ...]) -> str:
    base = ind.replace("_", " ").strip().capitalize()
    extra = [v for v in fvals if v and v.lower() not in ("total", "all")]
    return f"{base} ({'; '.join(extra)})" if extra else base


def _unit(ind: str) -> str:
    if ("rate" in ind and "10000" in ind) or "per_10k" in ind:
        return "per 10,000"
    if "rate" in ind or "percent" in ind or ind.endswith("_pc"):
        return "%"
    return ""


def _polarity(ind: str) -> Polarity:
    return Polarity.LOWER_IS_BETTER if any(h in ind for h in LOWER_IS_BETTER_HINTS) else Polarity.NEUTRAL

"""DfE explore-education-statistics "tidy" CSVs: one council's indicators as metric series, with
England, its region and its statistical neighbours as comparators. Councils are matched by code."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bcpviewer.io import dfe_tidy as tidy
from bcpviewer.io import neighbours as sn
from bcpviewer.io.dfe_tidy import Cell
from bcpviewer.io.grid import Grid
from bcpviewer.model import indicators as cat
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
from bcpviewer.model.vocab import Polarity

LOWER_IS_BETTER_HINTS = ("agency_rate", "vacancy_rate", "turnover_rate", "caseload",
                         "absence_rate", "rereferral", "re_referral")
DUPLICATE_ADVICE = ("more than one row gives this figure for the same period, so a column that "
                    "splits the figures was not recognised; the last row was used")
COUNTS_NOTE = ("{n} count{s} ({names}) {verb} shown alone, without England, region or neighbours: "
               "a council's count set against a national total says nothing; compare the rates")


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
    return tidy.REQUIRED <= {str(h).strip().lower() for h in headers}


def councils_in(grid: Grid) -> list[sn.Council]:
    """The councils a tidy file has figures for (old code, latest name, region), by name."""
    cell = tidy.cell_reader(tidy.header_of(grid))
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
    cell = tidy.cell_reader(tidy.header_of(grid))
    rows = grid.rows[1:]
    problems: list[Problem] = []
    notes: list[str] = []

    council = (council or "").strip()
    target = _find_council(rows, cell, council) if council else None
    if council and target is None:
        problems.append(Problem(grid.file, None, None, "la_name", council,
                                "no council with this code or name in the file; showing England"))
    near: set[str] = set()
    if target is not None and target.old:
        near = set(sn.model(model_key).of(target.old))

    # who is "council", "england", "region" or a neighbour's old LA code
    found = tidy.scan(grid, lambda row: _who(row, cell, target, near))
    problems.extend(found.problems)
    main = "council" if target is not None else "england"
    keys = [k for k, levels in found.data.items() if levels.get(main)]
    entries = {k: tidy.indicator_of(k[0], found.filters, k[1]) for k in keys}
    names = _names(found.filters, keys, entries)
    series: list[tuple[tuple[int, int, int], MetricSeries]] = []
    alone: list[str] = []
    for key in keys:
        levels, entry = found.data[key], entries[key]
        own = levels[main]
        ind = key[0]
        name = names[key]
        if entry is not None and entry.unused:
            notes.append(f"{name} ({ind}) is not shown: {entry.unused}")
            continue
        unit = entry.unit if entry else _unit(ind)
        comparable = entry.comparable if entry else unit in ("%", "per 10,000")
        comps: list[Comparator] = []
        if main == "council" and not comparable:
            alone.append(name)
        elif main == "council":
            assert target is not None
            comps = _comparators(target, levels, own.keys(), model_key, stat)
        if found.duplicates.get(key):
            problems.append(Problem(grid.file, None, None, ind, name,
                                    f"{found.duplicates[key]} figure(s): {DUPLICATE_ADVICE}"))
        releases = {o.release for o in own.values() if o.release}
        series.append((_order(entry, comparable, len(series)), MetricSeries(
            id=content_id("M", name), name=name, unit=unit,
            polarity=entry.polarity if entry else _polarity(ind),
            theme=entry.theme if entry else cat.OTHER_THEME, observations=_sorted(own),
            comparators=tuple(comps), source=f"DfE statistics: {grid.file}",
            release=next(iter(releases)) if len(releases) == 1 else None,
            origin=Origin(grid.file, None, None),
        )))
    if alone:
        notes.append(counts_note(alone))
    if target is None:
        notes.append("DfE statistics file: England's figures are shown; choose a council "
                     "(for example --council 839) to see its figures against England, its region "
                     "and its statistical neighbours")
    elif target.old and not near:
        notes.append(_no_neighbours_note(target, model_key))
    ordered = tuple(s for _o, s in sorted(series, key=lambda pair: pair[0]))
    return Dataset(series=ordered, problems=tuple(problems), files=(path,), notes=tuple(notes))


def counts_note(names: list[str]) -> str:
    """Why these counts have no England, region or neighbour line."""
    n = len(names)
    shown = ", ".join(names[:3]) + (", ..." if n > 3 else "")
    return COUNTS_NOTE.format(n=n, s="s" if n != 1 else "", names=shown, verb="are" if n != 1 else "is")


def _comparators(target: Target, levels: dict[str, dict[Span, Observation]], periods: Iterable[Span],
                 model_key: str, stat: str) -> list[Comparator]:
    comps: list[Comparator] = []
    if levels.get("england"):
        comps.append(Comparator("england", "England", _sorted(levels["england"])))
    if levels.get("region"):
        comps.append(Comparator("region", target.region or "Region", _sorted(levels["region"])))
    if target.old:
        sn_comp = sn.neighbour_comparator(target.old, levels, periods, model_key=model_key, stat=stat)
        if sn_comp is not None:
            comps.append(sn_comp)
    return comps


def _order(entry: cat.Indicator | None, comparable: bool, position: int) -> tuple[int, int, int]:
    """Core rates first (in the catalogue's order), then other rates, then counts; the file's
    order within each."""
    if entry is not None and entry.core and comparable:
        return (0, cat.CATALOGUE.index(entry), position)
    return (1 if comparable else 2, 0, position)


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


def _sorted(obs: dict[Span, Observation]) -> tuple[Observation, ...]:
    return tuple(sorted(obs.values(), key=lambda o: o.period))


def _names(filters: list[str], keys: list[tidy.Key],
           entries: dict[tidy.Key, cat.Indicator | None]) -> dict[tidy.Key, str]:
    """Each series' name: the catalogue's plain name; else the tidied column name, then the
    filter values that pick it out ('Total' and 'All' left out); where two would share a name,
    the filters are named too."""
    short = {k: _series_name(k, filters, entries[k]) for k in keys}
    counts: dict[str, int] = defaultdict(int)
    for name in short.values():
        counts[name] += 1
    return {k: name if counts[name] == 1 else _series_name(k, filters, entries[k], explicit=True)
            for k, name in short.items()}


def _series_name(key: tidy.Key, filters: list[str], entry: cat.Indicator | None,
                 explicit: bool = False) -> str:
    ind, fvals = key
    if entry is not None and not explicit:
        return entry.name
    base = entry.name if entry is not None else cat.tidy_name(ind)
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

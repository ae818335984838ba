"""Areas never mixed: a table with an area column (la_name, new_la_code, old_la_code, LA, Area,
geographic_level...) holding several councils is read for the chosen council only. Its England
and region rows become comparators of a long table; every other council's rows are left out
(kept as blank rows, so row numbers in problems stay the file's). Without a chosen council such a
table is not read at all (never one series where the last council wins): the caller asks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from bcpviewer.io import neighbours as sn
from bcpviewer.io.grid import Grid
from bcpviewer.io.layout import REQUIRED
from bcpviewer.io.tables import Table
from bcpviewer.io.values import text_of
from bcpviewer.model.records import Problem
from bcpviewer.model.vocab import squash

NAME_HEADERS = frozenset(squash(h) for h in (
    "la_name", "LA name", "Local authority", "Local authority name", "LA", "Council", "Council name",
    "Area", "Area name", "Authority", "Authority name", "Geography", "Geography name", "lad_name",
    "LAD name", "Name of local authority", "Upper tier local authority", "UTLA", "UTLA name",
    "Local authority (LA)", "LA / region", "Area / LA"))
CODE_HEADERS = frozenset(squash(h) for h in (
    "new_la_code", "old_la_code", "la_code", "LA code", "LA number", "Area code", "ONS code",
    "lad_code", "LAD code", "Geography code", "Council code", "utla_code", "Local authority code"))
LEVEL_HEADERS = frozenset(squash(h) for h in ("geographic_level", "Geographic level", "Level",
                                              "Geography level"))
REGION_HEADERS = frozenset(squash(h) for h in ("region_name", "Region name", "region_code",
                                               "country_name", "country_code"))
REGIONS = ("North East", "North West", "Yorkshire and The Humber", "Yorkshire and Humber",
           "East Midlands", "West Midlands", "East of England", "East", "London", "Inner London",
           "Outer London", "South East", "South West")
_REGION_KEYS = {squash(r): r for r in REGIONS}
_ENGLAND = frozenset(squash(w) for w in ("England", "England total", "Total England", "National",
                                         "England average", "All England"))
_NEW_CODE = re.compile(r"^E\d{8}$", re.I)
SHOWN = 5  # areas named in a message


def is_area_header(header: str) -> bool:
    """Does a header name an area column (la_name, LA code, geographic_level, region_name...)?"""
    k = squash(header)
    return k in NAME_HEADERS or k in CODE_HEADERS or k in LEVEL_HEADERS or k in REGION_HEADERS


@dataclass
class Areas:
    """The area columns of a table and who each row is about."""

    names: list[int]
    codes: list[int]
    level: int | None
    regions: list[int] = field(default_factory=list)
    who: list[tuple[str, str, str] | None] = field(default_factory=list)  # (kind, name, code)

    @property
    def columns(self) -> set[int]:
        return {*self.names, *self.codes, *self.regions, *([self.level] if self.level is not None else [])}

    def councils(self) -> dict[tuple[str, str], None]:
        """Each council (name, code) once, in the order met."""
        return dict.fromkeys((w[1], w[2]) for w in self.who if w is not None and w[0] == "council")


@cache
def _council_keys() -> dict[str, str]:
    """Reduced name, old code and ONS code of every council -> its old LA code."""
    out: dict[str, str] = {}
    for c in sn.all_councils():
        out[c.code] = c.code
        if c.new_code:
            out[c.new_code.casefold()] = c.code
        for n in sn.names_of(c.code):
            out.setdefault(sn.council_key(n), c.code)
    return out


def council_code(name: str, code: str = "") -> str | None:
    """The old LA code of a council named or coded so, or None when neither is known."""
    keys = _council_keys()
    for k in (code.strip(), code.strip().casefold(), sn.council_key(name) if name else ""):
        if k and k in keys:
            return keys[k]
    return None


def find(table: Table) -> Areas | None:
    """The table's area columns when they name two or more areas (or one council with England or
    region rows); None for a table about one place."""
    head = table.headers
    names = [j for j, h in head.items() if squash(h) in NAME_HEADERS]
    codes = [j for j, h in head.items() if squash(h) in CODE_HEADERS]
    levels = [j for j, h in head.items() if squash(h) in LEVEL_HEADERS]
    regions = [j for j, h in head.items() if squash(h) in REGION_HEADERS]
    rows = table.grid.rows[table.header_row + 1 :]
    names = [j for j in names if _holds_areas(rows, j)]
    codes = [j for j in codes if _holds_codes(rows, j)]
    if not names and not codes:
        return None
    areas = Areas(names, codes, levels[0] if levels else None, regions)
    areas.who = [_who(row, areas) for row in rows]
    kinds = {w[0] for w in areas.who if w is not None}
    if len(areas.councils()) < 2 and not (kinds & {"england", "region"}):
        return None
    return areas


def _distinct(rows: Sequence[list[object]], j: int, most: int = 400) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        if j < len(row) and (t := text_of(row[j])):
            seen[t] = None
            if len(seen) >= most:
                break
    return list(seen)


def _holds_areas(rows: Sequence[list[object]], j: int) -> bool:
    """Do most of the column's distinct texts name councils, regions or England?"""
    values = _distinct(rows, j)
    known = sum(1 for v in values if _place(v) is not None)
    return bool(values) and known * 2 >= len(values) and known >= 1


def _holds_codes(rows: Sequence[list[object]], j: int) -> bool:
    values = _distinct(rows, j)
    known = sum(1 for v in values if _NEW_CODE.match(v) or council_code("", v))
    return bool(values) and known * 2 >= len(values)


def _place(text: str) -> str | None:
    k = squash(text)
    if k.isdigit():
        return None  # a figure (or a code, in a name column): not a place's name
    if k in _ENGLAND:
        return "england"
    if k in _REGION_KEYS:
        return "region"
    return "council" if council_code(text) else None


def _who(row: list[object], a: Areas) -> tuple[str, str, str] | None:
    def first(cols: list[int]) -> str:
        for j in cols:
            if j < len(row) and (t := text_of(row[j])):
                return t
        return ""

    name, code = first(a.names), first(a.codes)
    level = squash(text_of(row[a.level])) if a.level is not None and a.level < len(row) else ""
    if level in ("national", "country") or squash(name) in _ENGLAND or code.upper() == "E92000001":
        return ("england", "England", code)
    if level in ("regional", "region") or (not name and not code and first(a.regions)):
        return ("region", name or first(a.regions), code)
    if squash(name) in _REGION_KEYS or code.upper().startswith("E12"):
        return ("region", name, code)
    if name or code:
        return ("council", name, code)
    return None


def matches(chosen: str, name: str, code: str) -> bool:
    """Is the council named or coded so the one the user chose (by code, ONS code or name)?"""
    want = chosen.strip()
    if not want:
        return False
    if want.casefold() in (name.casefold(), code.casefold()):
        return True
    wanted = council_code(want, want)
    if wanted is not None and wanted == council_code(name, code):
        return True
    return bool(name) and sn.council_key(name) == sn.council_key(want)


def listing(councils: Sequence[tuple[str, str]]) -> str:
    """'Bournemouth, Christchurch and Poole, Dorset, Poole and 148 more'."""
    shown = ", ".join(n or c for n, c in councils[:SHOWN])
    return shown if len(councils) <= SHOWN else f"{shown} and {len(councils) - SHOWN:,} more"


def as_councils(councils: Sequence[tuple[str, str]]) -> list[sn.Council]:
    """The councils of a table as the loader's report lists them (old code where known)."""
    out: dict[str, sn.Council] = {}
    for name, code in councils:
        old = council_code(name, code) or code or name
        out.setdefault(old, sn.Council(old, name or code))
    return sorted(out.values(), key=lambda c: c.name.casefold())


def problem(table: Table, message: str) -> Problem:
    return Problem(table.grid.file, table.grid.sheet, None, None, "", message)


def keep_only(table: Table, keep: set[int]) -> Table:
    """The table with every data row not in ``keep`` (indices under the header) left blank."""
    rows = table.grid.rows
    start = table.header_row + 1
    blank: list[object] = []
    new_rows = rows[:start] + [row if i in keep else blank for i, row in enumerate(rows[start:])]
    grid = Grid(table.grid.file, table.grid.sheet, new_rows, table.grid.row0, table.grid.col0)
    return Table(grid, table.kind, table.header_row, dict(table.columns), dict(table.headers),
                 table.shape, dict(table.period_columns), list(table.metric_columns),
                 {k: list(v) for k, v in table.extra.items()}, table.used)


@dataclass
class Picked:
    """What ``pick`` made of a table: the table to read (None: read nothing), problems, notes,
    the councils to offer the user, and whether the table had an area column at all."""

    table: Table | None
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    councils: list[sn.Council] = field(default_factory=list)
    found: bool = False


def pick(table: Table, council: str | None) -> Picked:
    """The rows of ``council`` in a table of many areas (England and its region as comparators
    of a long table); the table itself when it names one place only."""
    areas = find(table)
    if areas is None:
        return Picked(table)
    table.used |= areas.columns
    clash = _drop_area_fields(table, areas)
    if clash is not None:
        return Picked(None, [problem(table, clash)], found=True)
    councils = list(areas.councils())
    chosen = (council or "").strip()
    where = f"sheet '{table.grid.sheet}'" if table.grid.sheet else "this file"
    if not councils:
        return Picked(None, [problem(table, (
            f"{where} holds figures for England and regions only, no council's; it was not read"))],
            found=True)
    if not chosen:
        if len(councils) >= 2:
            return Picked(None, [problem(table, (
                f"{where} holds figures for {len(councils):,} councils ({listing(councils)}): "
                "choose a council to read it; figures of different councils are never merged"))],
                councils=as_councils(councils), found=True)
        chosen = councils[0][0] or councils[0][1] if councils else ""
    hit = {c for c in councils if matches(chosen, *c)} if chosen else set()
    if councils and not hit:
        return Picked(None, [problem(table, (
            f"{chosen} is not in {where} (it holds {listing(councils)}); nothing was read from it, "
            "rather than another area's figures"))], councils=as_councils(councils), found=True)
    keep = {i for i, w in enumerate(areas.who) if w is not None and w[0] == "council" and w[1:] in hit}
    region = _region_of(table, areas, keep, chosen)
    picked = Picked(keep_only(table, keep), found=True)
    comparators = {"england": [i for i, w in enumerate(areas.who) if w is not None and w[0] == "england"],
                   "region": [i for i, w in enumerate(areas.who) if w is not None and w[0] == "region"
                              and region and squash(w[1]) == squash(region)]}
    if table.kind == "metrics" and table.shape == "long":
        _add_comparators(picked.table, comparators, region,  # type: ignore[arg-type]
                         table.grid.rows[table.header_row + 1 :])
    elif any(comparators.values()):
        picked.notes.append(f"{where}: the England and region rows were left out (they are read as "
                            "comparators only from a table with one figure per row)")
    return picked


def _drop_area_fields(table: Table, areas: Areas) -> str | None:
    """A field matched to an area column ("LA" as the council's value, "Area" as a workstream)
    is the area, not the field: take the field's next column, or say the table cannot be read."""
    cols = areas.columns
    for key, j in list(table.columns.items()):
        if j not in cols:
            continue
        others = [k for k in table.extra.get(key, []) if k not in cols]
        if others:
            table.columns[key] = others[0]
        elif key in _needed(table):
            return (f"column {table.grid.column_name(j)} ({table.headers.get(j, '')}) names areas, "
                    f"so this table has no column for its {key}; it was not read")
        else:
            del table.columns[key]
    return None


def _needed(table: Table) -> frozenset[str]:
    """The fields a table cannot be read without."""
    if table.kind == "metrics" and table.shape == "periods_across":
        return frozenset({"metric"})
    if table.kind == "metrics" and table.shape == "periods_down":
        return frozenset({"period"})
    return REQUIRED[table.kind]


def _region_of(table: Table, areas: Areas, keep: set[int], chosen: str) -> str:
    rows = table.grid.rows[table.header_row + 1 :]
    for i in sorted(keep)[:1]:
        for j in areas.regions:
            if j < len(rows[i]) and (t := text_of(rows[i][j])) and squash(t) in _REGION_KEYS:
                return t
    code = council_code(chosen, chosen)
    for c in sn.all_councils():
        if c.code == code:
            return c.region
    return ""


def _add_comparators(table: Table, rows_of: dict[str, list[int]], region: str,
                     every: list[list[object]]) -> None:
    """England's and the region's rows (among ``every`` row of the file's table) as columns beside
    the council's figures of a long table, joined on metric and period."""
    cols = table.columns
    if "metric" not in cols or "period" not in cols or "value" not in cols:
        return
    grid = table.grid
    start = table.header_row + 1
    data = grid.rows[start:]
    m, p, v = cols["metric"], cols["period"], cols["value"]

    def key(row: list[object]) -> tuple[str, str]:
        return (squash(text_of(row[m])) if m < len(row) else "", text_of(row[p]) if p < len(row) else "")

    width = grid.width
    added: list[tuple[str, dict[tuple[str, str], object]]] = []
    for kind, label in (("england", "England"), ("region", region or "Region")):
        if kind in cols or not rows_of[kind]:
            continue
        figures = {key(every[i]): every[i][v] for i in rows_of[kind] if v < len(every[i])}
        added.append((kind, figures))
        cols[kind] = width + len(added) - 1
        table.headers[cols[kind]] = label
    if not added:
        return
    header = list(grid.rows[table.header_row]) + [""] * (width - len(grid.rows[table.header_row]))
    grid.rows[table.header_row] = header + [table.headers[cols[k]] for k, _f in added]
    for i, row in enumerate(data):
        if row:
            k = key(row)
            grid.rows[start + i] = list(row) + [""] * (width - len(row)) + [f.get(k, "") for _k, f in added]

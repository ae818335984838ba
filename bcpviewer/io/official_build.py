"""Build the bundled official data (resources/official.sqlite) from DfE tidy CSVs and Ofsted's
ILACS outcomes, read by the app's own readers (dfe_tidy, ofsted, neighbours), saying what was
stored, what was left out and why, and what the sources lack."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bcpviewer.io import csvfile, dfe_tidy, ofsted
from bcpviewer.io import neighbours as sn
from bcpviewer.io.atomic import write_atomic
from bcpviewer.io.dfe_tidy import Cell
from bcpviewer.model import indicators as cat
from bcpviewer.model.spans import Span

SCHEMA_VERSION = "1"
ENGLAND = "E92000001"
DFE_LICENCE = ("Department for Education, Children's social care statistics, licensed under the "
               "Open Government Licence v3.0")
OFSTED_LICENCE = "Ofsted inspection outcomes, licensed under the Open Government Licence v3.0"
# The DfE files the build reads (in dfe/ under the data folder) and the publication of each.
DFE_FILES = (
    ("csww_indicators_2017_to_2025.csv", "Children's social work workforce"),
    ("c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv", "Children in need"),
    ("b1_children_in_need_2013_to_2025.csv", "Children in need"),
    ("d3_cpps_subsequent_plan_2013_to_2025.csv", "Children in need"),
    ("cla_number_and_rate_per_10k_children.csv",
     "Children looked after in England including adoptions"),
    ("la_cla_placement_stability.csv", "Children looked after in England including adoptions"),
)
OFSTED_FILE = "ofsted_csc_ilacs_history.csv"
RELEASE_NOTE = ("The DfE files carry no release column: each file's release is named by its "
                "publication and the latest reporting year it holds.")
GRADE_COLUMNS = ofsted.GRADE_FIELDS

SCHEMA = f"""
CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (id INTEGER PRIMARY KEY, file TEXT NOT NULL, publication TEXT NOT NULL,
    release TEXT NOT NULL, sha256 TEXT NOT NULL, licence TEXT NOT NULL);
CREATE TABLE areas (code TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL);
CREATE TABLE councils (code TEXT PRIMARY KEY, new_code TEXT, name TEXT NOT NULL, region TEXT,
    region_code TEXT, former INTEGER NOT NULL, first_year INTEGER, last_year INTEGER,
    sn_2021 TEXT, sn_2025 TEXT, ofsted_urn TEXT, ofsted_name TEXT);
CREATE TABLE indicators (key INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, name TEXT NOT NULL,
    unit TEXT, polarity TEXT NOT NULL, kind TEXT NOT NULL, theme TEXT NOT NULL, reference TEXT,
    definition TEXT, dfe_column TEXT NOT NULL, dfe_filters TEXT, core INTEGER NOT NULL,
    catalogued INTEGER NOT NULL, source INTEGER NOT NULL REFERENCES sources(id));
CREATE TABLE periods (id INTEGER PRIMARY KEY, start TEXT NOT NULL, end TEXT NOT NULL,
    kind TEXT NOT NULL);
CREATE TABLE observations (area TEXT NOT NULL, indicator INTEGER NOT NULL, period INTEGER NOT NULL,
    value REAL, code TEXT, release TEXT, line INTEGER NOT NULL,
    PRIMARY KEY (area, indicator, period)) WITHOUT ROWID;
CREATE TABLE inspections (id TEXT PRIMARY KEY, council TEXT NOT NULL, kind TEXT NOT NULL,
    kind_text TEXT, title TEXT NOT NULL, start TEXT NOT NULL, end TEXT, published TEXT,
    theme TEXT, lead TEXT, link TEXT, {", ".join(f"{g} INTEGER" for g in GRADE_COLUMNS)},
    notes TEXT, line INTEGER, source INTEGER NOT NULL REFERENCES sources(id));
CREATE INDEX inspections_council ON inspections (council, start);
"""


@dataclass
class BuildReport:
    """What the build did, line by line, for the script to print."""

    lines: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # required inputs that were not found
    observations: int = 0
    inspections: int = 0

    def say(self, text: str) -> None:
        self.lines.append(text)


@dataclass
class _Place:
    code: str
    new_code: str = ""
    name: str = ""
    region: str = ""
    region_code: str = ""
    first: int = 9999
    last: int = 0


def build(data_dir: Path, out: Path, *, built: date) -> BuildReport:
    """Read ``data_dir``/dfe and ``data_dir``/ofsted and write ``out`` (replaced whole, never
    half-written: the one atomic write)."""
    report = BuildReport()
    write_atomic(out, lambda tmp: _write(Path(tmp), data_dir, built, report), what="official data file")
    report.say(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB): {report.observations:,} figures, "
               f"{report.inspections} inspections")
    return report


def _write(tmp: Path, data_dir: Path, built: date, report: BuildReport) -> None:
    db = sqlite3.connect(tmp)
    try:
        db.executescript(SCHEMA)
        places: dict[str, _Place] = {}
        areas: dict[str, tuple[str, str]] = {ENGLAND: ("England", "national")}
        releases: list[str] = []
        periods = _Periods(db)
        for k, (name, publication) in enumerate(DFE_FILES, start=1):
            path = data_dir / "dfe" / name
            if not path.exists():
                report.missing.append(str(path))
                report.say(f"MISSING {path}: its indicators are not in the bundle")
                continue
            releases.append(_dfe_file(db, periods, k, path, publication, places, areas, report))
        named = _inspections(db, len(DFE_FILES) + 1, data_dir / "ofsted" / OFSTED_FILE, places, report)
        _councils(db, places, named, report)
        db.executemany("INSERT INTO areas VALUES (?, ?, ?)",
                       [(c, n, lvl) for c, (n, lvl) in sorted(areas.items())])
        for gap in cat.NOT_AVAILABLE:
            report.say(f"NOT IN THE SOURCES: {gap}")
        meta = {"schema_version": SCHEMA_VERSION, "built": built.isoformat(),
                "dfe_licence": DFE_LICENCE, "ofsted_licence": OFSTED_LICENCE,
                "releases": json.dumps(releases), "not_available": json.dumps(cat.NOT_AVAILABLE),
                "release_note": RELEASE_NOTE,
                "built_by": "scripts/build_official_data.py"}
        db.executemany("INSERT INTO metadata VALUES (?, ?)", sorted(meta.items()))
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _dfe_file(db: sqlite3.Connection, periods: _Periods, source: int, path: Path, publication: str,
              places: dict[str, _Place], areas: dict[str, tuple[str, str]], report: BuildReport) -> str:
    grid = csvfile.read_grid(path)
    cell = dfe_tidy.cell_reader(dfe_tidy.header_of(grid))
    found = dfe_tidy.scan(grid, lambda row: _place_of(row, cell, places, areas), keep_lines=True)
    years = sorted({int(cell(r, "time_period")[:4]) for r in grid.rows[1:] if cell(r, "time_period")[:4].isdigit()})
    release = f"{publication}, reporting year {years[-1]}" if years else publication
    db.execute("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?)",
               (source, path.name, publication, release, _sha256(path), DFE_LICENCE))
    for pr in found.problems:
        report.say(f"PROBLEM {pr.describe()}")
    stored: Counter[str] = Counter()
    unused: dict[str, str] = {}
    for key, by_place in found.data.items():
        column, fvals = key
        entry = dfe_tidy.indicator_of(column, found.filters, fvals)
        filters = "; ".join(f"{f}={v}" for f, v in zip(found.filters, fvals, strict=True))
        if entry is not None and entry.unused:
            unused[f"{column} ({filters})" if filters else column] = entry.unused
            continue
        ind_id = _indicator(db, source, column, filters, fvals, entry, report)
        rows = []
        for place, obs in by_place.items():
            for span, o in obs.items():
                rows.append((place, ind_id, periods(span), o.value, o.code, o.release,
                             found.lines[(key, place, span)]))
        db.executemany("INSERT OR REPLACE INTO observations VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        stored[entry.name if entry else cat.tidy_name(column)] += len(rows)
        report.observations += len(rows)
        if found.duplicates.get(key):
            report.say(f"PROBLEM {path.name}: {column} ({filters}): {found.duplicates[key]} "
                       "figures given twice for one place and period; the later row was kept")
    report.say(f"{path.name}: {sum(stored.values()):,} figures of {len(stored)} indicators "
               f"({release})")
    for col, why in sorted(unused.items()):
        report.say(f"  not stored: {col}: {why}")
    return release


def _place_of(row: list[object], cell: Cell, places: dict[str, _Place],
              areas: dict[str, tuple[str, str]]) -> str | None:
    """England's code, a region's code, or a council's old LA code (its new code if it has none);
    the council's codes, name and region are noted on the way."""
    level = cell(row, "geographic_level").lower()
    if level == "national":
        return ENGLAND
    if level == "regional":
        code = cell(row, "region_code")
        if not code:
            return None
        areas.setdefault(code, (cell(row, "region_name"), "regional"))
        return code
    if level != "local authority":
        return None
    code = cell(row, "old_la_code") or cell(row, "new_la_code")
    if not code:
        return None
    year = cell(row, "time_period")[:4]
    y = int(year) if year.isdigit() else 0
    p = places.setdefault(code, _Place(code))
    if y >= p.last:
        p.new_code = cell(row, "new_la_code") or p.new_code
        p.name = cell(row, "la_name") or p.name
        p.region = cell(row, "region_name") or p.region
        p.region_code = cell(row, "region_code") or p.region_code
        p.last = y
    p.first = min(p.first, y)
    return code


class _Periods:
    """Each period stored once, by id."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.ids: dict[Span, int] = {}

    def __call__(self, span: Span) -> int:
        found = self.ids.get(span)
        if found is None:
            found = self.ids[span] = len(self.ids) + 1
            self.db.execute("INSERT INTO periods VALUES (?, ?, ?, ?)",
                            (found, span.start.isoformat(), span.end.isoformat(), span.kind.value))
        return found


def _indicator(db: sqlite3.Connection, source: int, column: str, filters: str, fvals: tuple[str, ...],
               entry: cat.Indicator | None, report: BuildReport) -> int:
    if entry is None:
        slug = "_".join(re.sub(r"[^a-z0-9]+", "_", v.lower()).strip("_") for v in (column, *fvals) if v)
        ind_id, name = f"dfe:{slug}", cat.tidy_name(column) + (
            f" ({'; '.join(v for v in fvals if v)})" if any(fvals) else "")
        unit = "%" if "percent" in column or "rate" in column else ""
        kind = cat.Kind.RATE if unit else cat.Kind.COUNT
        row = (ind_id, name, unit, "neutral", kind.value, cat.OTHER_THEME, "", "", column,
               filters, 0, 0, source)
        report.say(f"  not in the catalogue, stored as '{name}' under {cat.OTHER_THEME}: {column}")
    else:
        ind_id = entry.id
        row = (entry.id, entry.name, entry.unit, entry.polarity.value, entry.kind.value, entry.theme,
               entry.reference, entry.definition, column, filters, int(entry.core), 1, source)
    got = db.execute("SELECT key FROM indicators WHERE id = ?", (ind_id,)).fetchone()
    if got is not None:
        report.say(f"PROBLEM indicator {ind_id} is read from two columns or files; the later wins")
        return got[0]
    cur = db.execute("INSERT INTO indicators (id, name, unit, polarity, kind, theme, reference, "
                     "definition, dfe_column, dfe_filters, core, catalogued, source) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
    assert cur.lastrowid is not None
    return cur.lastrowid


def _inspections(db: sqlite3.Connection, source: int, path: Path, places: dict[str, _Place],
                 report: BuildReport) -> dict[str, tuple[str, str]]:
    """Each council's ILACS inspections and visits, as the Ofsted reader makes them; returns
    each council's name and URN(s) as the Ofsted file gives them."""
    named: dict[str, tuple[str, str]] = {}
    if not path.exists():
        report.missing.append(str(path))
        report.say(f"MISSING {path}: no inspections in the bundle")
        return named
    grid = csvfile.read_grid(path)
    table = ofsted.find(grid)
    if table is None:
        report.say(f"PROBLEM {path.name}: no Ofsted outcomes table found; no inspections stored")
        return named
    db.execute("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?)",
               (source, path.name, "Ofsted children's services inspection outcomes (ILACS)",
                f"{path.name} (scraped from Ofsted's published reports)", _sha256(path),
                OFSTED_LICENCE))
    skipped: Counter[str] = Counter()
    for name in sorted(ofsted.names_in(table)):
        code = sn.find_code(name)
        if code is None or code not in places:
            report.say(f"PROBLEM {path.name}: '{name}' matches no council in the DfE files or the "
                       "neighbour models; its inspections are not stored")
            continue
        data = ofsted.read(table, str(path), name)
        for pr in data.problems:
            skipped[pr.message] += 1
            if "skipped" not in pr.message:
                report.say(f"  {pr.describe()}")
        for e in data.events:
            grades = [int(e.grades[g]) if e.grades.get(g) is not None else None for g in GRADE_COLUMNS]
            db.execute(
                "INSERT INTO inspections VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (e.id, code, e.kind.value, e.kind_text, e.title, e.start.isoformat(),
                 e.end.isoformat() if e.end else None,
                 e.published.isoformat() if e.published else None, e.theme, e.lead, e.source,
                 *grades, e.notes, e.origin.row if e.origin else None, source))
            report.inspections += 1
        urns = {_cell(table, r, "urn") for r in table.grid.rows[table.header_row + 1:]
                if _cell(table, r, "council") == name} - {""}
        named[code] = (name, ",".join(sorted(urns)))
    for message, n in skipped.most_common():
        report.say(f"{path.name}: {n} row(s): {message}")
    report.say(f"{path.name}: {report.inspections} inspections and visits stored")
    return named


def _cell(table: ofsted.OfstedTable, row: list[object], field: str) -> str:
    j = table.columns.get(field)
    return str(row[j]).strip() if j is not None and j < len(row) and row[j] is not None else ""


def _councils(db: sqlite3.Connection, places: dict[str, _Place], ofsted_names: dict[str, tuple[str, str]],
              report: BuildReport) -> None:
    models = sn.models()
    codes = set(places) | {c for m in models.values() for c in m.councils}
    rows = []
    for code in sorted(codes):
        p = places.get(code, _Place(code))
        known = next((m.councils[code] for k, m in sorted(models.items(), reverse=True)
                      if code in m.councils), None)
        name = p.name or (known.name if known else code)
        former = bool(known.former) if known else False
        near = {k: ",".join(m.of(code)) for k, m in models.items()}
        urn_name = ofsted_names.get(code, (None, None))
        rows.append((code, p.new_code or (known.new_code if known else "") or None, name,
                     p.region or (known.region if known else ""), p.region_code or None, int(former),
                     p.first if p.last else None, p.last or None, near.get("2021") or None,
                     near.get("2025") or None, urn_name[1] or None, urn_name[0]))
    db.executemany("INSERT INTO councils VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    without = [r[2] for r in rows if not r[5] and r[11] is None and r[7] and r[7] >= 2019]
    report.say(f"{len(rows)} councils; {len(without)} current ones with no ILACS inspection in the "
               f"Ofsted file" + (f": {', '.join(sorted(without))}" if without else ""))

"""Writing into an official data file (resources/official.sqlite, or a user's updated copy of it):
the schema, and the one importer of a DfE tidy CSV and of Ofsted's ILACS outcomes that both the
build (into an empty file) and File › Update official data (into a copy) use. A figure for a place,
indicator and period already held is kept or superseded by release: the newer release's figure is
current, the other is kept as a revision (never the same figure twice)."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bcpviewer.io import csvfile, dfe_tidy, ofsted
from bcpviewer.io import official_inspections as insp
from bcpviewer.io import neighbours as sn
from bcpviewer.io.dfe_tidy import Cell
from bcpviewer.io.errors import Cancelled
from bcpviewer.io.grid import Grid
from bcpviewer.model import indicators as cat
from bcpviewer.model.spans import Span, SpanKind

SCHEMA_VERSION = "2"
ENGLAND = "E92000001"
DFE_LICENCE = ("Department for Education, Children's social care statistics, licensed under the "
               "Open Government Licence v3.0")
OFSTED_LICENCE = "Ofsted inspection outcomes, licensed under the Open Government Licence v3.0"
OFSTED_PUBLICATION = "Ofsted children's services inspection outcomes (ILACS)"
GRADE_COLUMNS = ofsted.GRADE_FIELDS
_OBS = "area TEXT NOT NULL, indicator INTEGER NOT NULL, period INTEGER NOT NULL, value REAL, " \
       "code TEXT, release TEXT, line INTEGER NOT NULL, source INTEGER NOT NULL REFERENCES sources(id)"

SCHEMA = f"""
CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (id INTEGER PRIMARY KEY, file TEXT NOT NULL, publication TEXT NOT NULL,
    release TEXT NOT NULL, sha256 TEXT NOT NULL, licence TEXT NOT NULL, latest INTEGER,
    imported TEXT);
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
CREATE TABLE observations ({_OBS}, PRIMARY KEY (area, indicator, period)) WITHOUT ROWID;
CREATE TABLE revisions ({_OBS}, PRIMARY KEY (area, indicator, period, source)) WITHOUT ROWID;
CREATE TABLE inspections (id TEXT PRIMARY KEY, council TEXT NOT NULL, kind TEXT NOT NULL,
    kind_text TEXT, title TEXT NOT NULL, start TEXT NOT NULL, end TEXT, published TEXT,
    theme TEXT, lead TEXT, link TEXT, {", ".join(f"{g} INTEGER" for g in GRADE_COLUMNS)},
    notes TEXT, line INTEGER, source INTEGER NOT NULL REFERENCES sources(id));
CREATE INDEX inspections_council ON inspections (council, start);
"""


@dataclass
class Imported:
    """What one file added to the official data."""

    file: str
    release: str
    added: int = 0  # figures for a place, indicator and period not held before
    revised: int = 0  # figures that replace a different one from an older release (kept as a revision)
    older: int = 0  # figures from an older release than the one held (kept as revisions)
    unchanged: int = 0  # figures already held with the same value
    indicators: set[str] = field(default_factory=set)  # indicators with a figure added or revised
    periods: set[Span] = field(default_factory=set)  # periods not held before for any indicator
    councils: set[str] = field(default_factory=set)  # council codes with a figure added or revised
    inspections: int = 0  # new inspections (an Ofsted file)
    known_inspections: int = 0  # inspections already held with the same grades, dates and link
    corrected: int = 0  # inspections held whose grades, dates or link this file gives differently


@dataclass
class Log:
    """What the writing said, line by line, and the required inputs not found."""

    lines: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

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


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def latest_year(grid: Grid) -> int | None:
    """The latest reporting year a DfE tidy CSV holds (its release is named by it)."""
    cell = dfe_tidy.cell_reader(dfe_tidy.header_of(grid))
    years = {int(cell(r, "time_period")[:4]) for r in grid.rows[1:] if cell(r, "time_period")[:4].isdigit()}
    return max(years) if years else None


class Store:
    """An open official data file being written: its periods, places and indicators as held, and
    the importers. ``fresh`` for the build (an empty file), else the copy being updated."""

    def __init__(self, db: sqlite3.Connection, log: Log, cancelled: Callable[[], bool] | None = None) -> None:
        self.db, self.log = db, log
        self.cancelled = cancelled or (lambda: False)
        self.periods: dict[Span, int] = {}
        for id_, start, end, kind in db.execute("SELECT id, start, end, kind FROM periods"):
            self.periods[Span(date.fromisoformat(start), date.fromisoformat(end), SpanKind(kind))] = id_
        self.places: dict[str, _Place] = {c: _Place(c, first=f or 9999, last=l or 0) for c, f, l in
                                          db.execute("SELECT code, first_year, last_year FROM councils")}
        self.known_councils = set(self.places)
        self.areas: dict[str, tuple[str, str]] = {c: (n, lvl) for c, n, lvl in
                                                  db.execute("SELECT code, name, level FROM areas")}
        self.used_ids: set[str] = set()  # indicator ids read in this run
        self.rank = {i: (latest or 0, i) for i, latest in db.execute("SELECT id, latest FROM sources")}

    def add_source(self, file: str, publication: str, release: str, digest: str, licence: str,
                   latest: int | None, imported: str | None) -> int:
        got = self.db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM sources").fetchone()[0]
        self.db.execute("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (got, file, publication, release, digest, licence, latest, imported))
        self.rank[got] = (latest or 0, got)
        return got

    def period(self, span: Span) -> tuple[int, bool]:
        """The period's id, and whether it is new to the file."""
        found = self.periods.get(span)
        if found is not None:
            return found, False
        found = self.periods[span] = len(self.periods) + 1
        self.db.execute("INSERT INTO periods VALUES (?, ?, ?, ?)",
                        (found, span.start.isoformat(), span.end.isoformat(), span.kind.value))
        return found, True

    # -- a DfE tidy CSV ---------------------------------------------------------------------------------
    def import_dfe(self, path: Path, publication: str, *, imported: str | None = None,
                   grid: Grid | None = None) -> Imported:
        """Read a DfE tidy CSV as the app's own reader does and store its figures."""
        grid = grid if grid is not None else csvfile.read_grid(path)
        cell = dfe_tidy.cell_reader(dfe_tidy.header_of(grid))
        found = dfe_tidy.scan(grid, lambda row: self._place_of(row, cell), keep_lines=True)
        latest = latest_year(grid)
        release = f"{publication}, reporting year {latest}" if latest else publication
        source = self.add_source(path.name, publication, release, sha256(path), DFE_LICENCE, latest, imported)
        out = Imported(path.name, release)
        for pr in found.problems:
            self.log.say(f"PROBLEM {pr.describe()}")
        stored: Counter[str] = Counter()
        unused: dict[str, str] = {}
        for key, by_place in found.data.items():
            if self.cancelled():
                raise Cancelled()
            column, fvals = key
            entry = dfe_tidy.indicator_of(column, found.filters, fvals)
            filters = "; ".join(f"{f}={v}" for f, v in zip(found.filters, fvals, strict=True))
            if entry is not None and entry.unused:
                unused[f"{column} ({filters})" if filters else column] = entry.unused
                continue
            ind, name = self._indicator(source, column, filters, fvals, entry)
            n = self._figures(ind, name, source, by_place, found.lines, key, out)
            stored[name] += n
            if found.duplicates.get(key):
                self.log.say(f"PROBLEM {path.name}: {column} ({filters}): {found.duplicates[key]} "
                             "figures given twice for one place and period; the later row was kept")
        self.log.say(f"{path.name}: {sum(stored.values()):,} figures of {len(stored)} indicators ({release})")
        for col, why in sorted(unused.items()):
            self.log.say(f"  not stored: {col}: {why}")
        return out

    def _figures(self, ind: int, name: str, source: int, by_place: dict, lines: dict, key: object,
                 out: Imported) -> int:
        """Store one indicator's figures: new ones added; a figure held from another release kept
        or superseded (the newer release's is current, the other kept as a revision)."""
        held = {(a, p): (v, c, s) for a, p, v, c, s in self.db.execute(
            "SELECT area, period, value, code, source FROM observations WHERE indicator = ?", (ind,))}
        new_rows, current, revisions = [], [], []
        for place, obs in by_place.items():
            for span, o in obs.items():
                period, new_period = self.period(span)
                if new_period:
                    out.periods.add(span)
                row = (place, ind, period, o.value, o.code, o.release, lines[(key, place, span)], source)
                was = held.get((place, period))
                if was is None:
                    new_rows.append(row)
                elif (was[0], was[1]) == (o.value, o.code):
                    out.unchanged += 1
                    continue
                elif self.rank[source] > self.rank[was[2]]:
                    current.append(row)
                    out.revised += 1
                else:
                    revisions.append(row)
                    out.older += 1
                    continue
                out.indicators.add(name)
                if place in self.places:
                    out.councils.add(place)
        out.added += len(new_rows)
        if current:  # the figures they replace are kept as revisions
            self.db.executemany(
                "INSERT OR REPLACE INTO revisions SELECT * FROM observations "
                "WHERE area = ? AND indicator = ? AND period = ?", [r[:3] for r in current])
        self.db.executemany("INSERT OR REPLACE INTO observations VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            new_rows + current)
        self.db.executemany("INSERT OR REPLACE INTO revisions VALUES (?, ?, ?, ?, ?, ?, ?, ?)", revisions)
        return len(new_rows) + len(current) + len(revisions)

    def _place_of(self, row: list[object], cell: Cell) -> str | None:
        """England's code, a region's code, or a council's old LA code (its new code if it has none);
        the council's codes, name and region are noted on the way."""
        level = cell(row, "geographic_level").lower()
        if level == "national":
            self.areas.setdefault(ENGLAND, ("England", "national"))
            return ENGLAND
        if level == "regional":
            code = cell(row, "region_code")
            if not code:
                return None
            self.areas.setdefault(code, (cell(row, "region_name"), "regional"))
            return code
        if level != "local authority":
            return None
        code = cell(row, "old_la_code") or cell(row, "new_la_code")
        if not code:
            return None
        year = cell(row, "time_period")[:4]
        y = int(year) if year.isdigit() else 0
        p = self.places.setdefault(code, _Place(code))
        if y >= p.last:
            p.new_code = cell(row, "new_la_code") or p.new_code
            p.name = cell(row, "la_name") or p.name
            p.region = cell(row, "region_name") or p.region
            p.region_code = cell(row, "region_code") or p.region_code
            p.last = y
        p.first = min(p.first, y)
        return code

    def _indicator(self, source: int, column: str, filters: str, fvals: tuple[str, ...],
                   entry: cat.Indicator | None) -> tuple[int, str]:
        """The indicator's key (added when not held) and its name."""
        if entry is None:
            slug = "_".join(re.sub(r"[^a-z0-9]+", "_", v.lower()).strip("_") for v in (column, *fvals) if v)
            ind_id, name = f"dfe:{slug}", cat.tidy_name(column) + (
                f" ({'; '.join(v for v in fvals if v)})" if any(fvals) else "")
            unit = "%" if "percent" in column or "rate" in column else ""
            kind = cat.Kind.RATE if unit else cat.Kind.COUNT
            row = (ind_id, name, unit, "neutral", kind.value, cat.OTHER_THEME, "", "", column,
                   filters, 0, 0, source)
        else:
            ind_id, name = entry.id, entry.name
            row = (entry.id, entry.name, entry.unit, entry.polarity.value, entry.kind.value, entry.theme,
                   entry.reference, entry.definition, column, filters, int(entry.core), 1, source)
        if ind_id in self.used_ids:
            self.log.say(f"PROBLEM indicator {ind_id} is read from two columns or files; the later wins")
        self.used_ids.add(ind_id)
        got = self.db.execute("SELECT key FROM indicators WHERE id = ?", (ind_id,)).fetchone()
        if got is not None:
            return got[0], name
        if entry is None:
            self.log.say(f"  not in the catalogue, stored as '{name}' under {cat.OTHER_THEME}: {column}")
        cur = self.db.execute("INSERT INTO indicators (id, name, unit, polarity, kind, theme, reference, "
                              "definition, dfe_column, dfe_filters, core, catalogued, source) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
        assert cur.lastrowid is not None
        return cur.lastrowid, name

    # -- Ofsted's ILACS outcomes -----------------------------------------------------------------------
    def import_inspections(self, path: Path, *, imported: str | None = None,
                           table: ofsted.OfstedTable | None = None) -> Imported:
        """Each council's ILACS inspections and visits, as the Ofsted reader makes them (one already
        held, by its id, is kept or corrected: ``_inspection``); notes each council's Ofsted name
        and URN(s)."""
        if table is None:
            table = ofsted.find(csvfile.read_grid(path))
        out = Imported(path.name, f"{path.name} (scraped from Ofsted's published reports)")
        if table is None:
            self.log.say(f"PROBLEM {path.name}: no Ofsted outcomes table found; no inspections stored")
            return out
        source = self.add_source(path.name, OFSTED_PUBLICATION, out.release, sha256(path), OFSTED_LICENCE,
                                 None, imported)
        skipped: Counter[str] = Counter()
        self.ofsted_names: dict[str, tuple[str, str]] = getattr(self, "ofsted_names", {})
        for name in sorted(ofsted.names_in(table)):
            if self.cancelled():
                raise Cancelled()
            code = sn.find_code(name)
            if code is None or code not in self.places:
                self.log.say(f"PROBLEM {path.name}: '{name}' matches no council in the DfE files or the "
                             "neighbour models; its inspections are not stored")
                continue
            data = ofsted.read(table, str(path), name)
            for pr in data.problems:
                skipped[pr.message] += 1
                if "skipped" not in pr.message:
                    self.log.say(f"  {pr.describe()}")
            for e in data.events:
                grades = [int(e.grades[g]) if e.grades.get(g) is not None else None for g in GRADE_COLUMNS]
                row = (e.id, code, e.kind.value, e.kind_text, e.title, e.start.isoformat(),
                       e.end.isoformat() if e.end else None,
                       e.published.isoformat() if e.published else None, e.theme, e.lead, e.source,
                       *grades, e.notes, e.origin.row if e.origin else None, source)
                self._inspection(row, path.name, imported, out)
            urns = {_cell(table, r, "urn") for r in table.grid.rows[table.header_row + 1:]
                    if _cell(table, r, "council") == name} - {""}
            self.ofsted_names[code] = (name, ",".join(sorted(urns)))
        for message, n in skipped.most_common():
            self.log.say(f"{path.name}: {n} row(s): {message}")
        self.log.say(f"{path.name}: {out.inspections} inspections and visits stored"
                     + (f", {out.corrected} corrected" if out.corrected else "")
                     + (f", {out.known_inspections} already held" if out.known_inspections else ""))
        return out

    def _inspection(self, row: tuple, file: str, imported: str | None, out: Imported) -> None:
        """Add an inspection not held; one held with the same claims is left as it is; one held
        with different claims (grades, dates, link) takes the newer file's, and what the earlier
        file claimed is kept in its notes (both stay visible)."""
        held = self.db.execute("SELECT * FROM inspections WHERE id = ?", (row[0],)).fetchone()
        if held is None:
            self.db.execute(f"INSERT INTO inspections VALUES ({', '.join('?' * len(row))})", row)
            out.inspections += 1
        elif insp.claims(held) == insp.claims(row):
            out.known_inspections += 1
            return
        else:
            was = self.db.execute("SELECT file FROM sources WHERE id = ?", (held[-1],)).fetchone()
            notes = insp.corrected_notes(held, row, was[0] if was else "an earlier file", file, imported)
            fixed = (*row[:insp.COLUMNS.index("notes")], notes, *row[insp.COLUMNS.index("notes") + 1:])
            self.db.execute(f"UPDATE inspections SET {', '.join(f'{c} = ?' for c in insp.COLUMNS[1:])} "
                            "WHERE id = ?", (*fixed[1:], row[0]))
            out.corrected += 1
            self.log.say(f"  {row[0]} corrected; the earlier file said {'; '.join(insp.differences(held, row))}")
        out.councils.add(row[1])

    # -- councils and areas ------------------------------------------------------------------------------
    def write_places(self, *, with_models: bool) -> list[tuple]:
        """Add the councils and areas not held yet (``with_models``: every council of the neighbour
        models too, as the build does); returns the council rows added."""
        models = sn.models()
        codes = set(self.places) - self.known_councils
        if with_models:
            codes |= {c for m in models.values() for c in m.councils} - self.known_councils
        named = getattr(self, "ofsted_names", {})
        rows = []
        for code in sorted(codes):
            p = self.places.get(code, _Place(code))
            known = next((m.councils[code] for k, m in sorted(models.items(), reverse=True)
                          if code in m.councils), None)
            near = {k: ",".join(m.of(code)) for k, m in models.items()}
            urn_name = named.get(code, (None, None))
            rows.append((code, p.new_code or (known.new_code if known else "") or None,
                         p.name or (known.name if known else code),
                         p.region or (known.region if known else ""), p.region_code or None,
                         int(bool(known.former) if known else False),
                         p.first if p.last else None, p.last or None, near.get("2021") or None,
                         near.get("2025") or None, urn_name[1] or None, urn_name[0]))
        self.db.executemany("INSERT INTO councils VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.db.executemany("UPDATE councils SET first_year = MIN(COALESCE(first_year, ?), ?), "
                            "last_year = MAX(COALESCE(last_year, ?), ?) WHERE code = ?",
                            [(p.first, p.first, p.last, p.last, c) for c, p in self.places.items()
                             if c in self.known_councils and p.last])
        self.db.executemany("INSERT OR IGNORE INTO areas VALUES (?, ?, ?)",
                            [(c, n, lvl) for c, (n, lvl) in sorted(self.areas.items())])
        self.known_councils |= codes
        return rows


def _cell(table: ofsted.OfstedTable, row: list[object], field: str) -> str:
    j = table.columns.get(field)
    return str(row[j]).strip() if j is not None and j < len(row) and row[j] is not None else ""

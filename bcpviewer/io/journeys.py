"""Many councils at once for journeys across councils: every council's events from an Ofsted
outcomes table, one DfE indicator for chosen councils, and a council's statistical neighbours.

Councils are keyed by a display name, ``"Bournemouth, Christchurch and Poole (839)"`` (the old LA
code in brackets where it is known), so Ofsted and DfE files that spell a name differently meet.
Files are read once and kept (by path, size and modification time) while they do not change.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from bcpviewer.io import csvfile, dfe, ofsted, spreadsheet, workbook_guard
from bcpviewer.io import neighbours as sn
from bcpviewer.io.errors import Cancelled, LoadError, unreadable
from bcpviewer.io.files import check_regular, read_head
from bcpviewer.io.grid import Grid
from bcpviewer.io.values import text_of
from bcpviewer.model.glance import decimals_of, format_value
from bcpviewer.model.ids import unique_ids
from bcpviewer.model.indicators import reads_column
from bcpviewer.model.journeys import INADEQUATE, Anchor, Journey, median_months_to_reinspection
from bcpviewer.model.records import judged_on
from bcpviewer.model.records import Event, MetricSeries, Problem
from bcpviewer.model.spans import format_date
from bcpviewer.model.vocab import Grade

CancelCheck = Callable[[], bool]
_CODE = re.compile(r"\(([0-9]{3})\)\s*$")  # "... (839)": an old LA code at the end of a display name
_CACHE_ENTRIES = 16  # files' grids, outcomes and indicators (a few files at a time)
_cache: OrderedDict[tuple[str, str, int, int], object] = OrderedDict()
_lock = threading.Lock()


# -- names ------------------------------------------------------------------------------------------
def display_name(code: str | None, name: str) -> str:
    """``"Name (839)"`` for a council with an old LA code, else the name as the file writes it."""
    if code and code.isdigit():
        return f"{sn.council_name(code) or name} ({code})"
    return name


def code_of(council: str) -> str | None:
    """The old LA code of a display name, a code or a plain name (any spelling), else None."""
    m = _CODE.search(council)
    if m:
        return m.group(1)
    return sn.find_code(council)


def plain_name(council: str) -> str:
    """A display name without its code: ``"Bournemouth, Christchurch and Poole"``."""
    return _CODE.sub("", council).strip()


def neighbours_of(council: str, model: str = sn.DEFAULT_MODEL) -> list[str]:
    """Display names of ``council``'s statistical neighbours in the DfE ``model`` ("2021" or
    "2025"), most similar first; empty when the council is not in that model."""
    code = code_of(council)
    if code is None:
        return []
    try:
        m = sn.model(model)
    except ValueError:
        return []
    return [display_name(c, c) for c in m.of(code)]


# -- reading files once -----------------------------------------------------------------------------
def _cached(path: Path, what: str, make: Callable[[], object]) -> object:
    """``make()`` once per file version (path, size, modification time)."""
    check_regular(path)  # not a pipe or a device: those never end
    try:
        st = path.stat()
    except OSError as e:
        raise unreadable(str(path), e) from None
    key = (str(path.resolve()), what, st.st_size, st.st_mtime_ns)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    value = make()
    with _lock:
        _cache[key] = value
        while len(_cache) > _CACHE_ENTRIES:
            _cache.popitem(last=False)
    return value


def _grids(path: Path, cancelled: CancelCheck | None = None) -> list[Grid]:
    """Every sheet of a file as grids (a CSV is one grid). LoadError when it cannot be read."""
    head = read_head(path)
    if not head:
        raise LoadError(str(path), "The file is empty (0 bytes): there is nothing to read.")
    suffix = path.suffix.lower()
    workbook_magic = head.startswith((workbook_guard.ZIP_MAGIC, workbook_guard.OLE_MAGIC))
    try:
        if suffix in csvfile.EXTENSIONS and not workbook_magic:
            return [csvfile.read_grid(path)]
        if workbook_guard.looks_like_workbook(path, head):
            return list(spreadsheet.read_grids(path, head, cancelled=cancelled))
    except MemoryError:
        raise LoadError(str(path), "This file is too large to read with the memory available.") from None
    except OSError as e:
        raise unreadable(str(path), e) from None
    raise LoadError(str(path), f"Files of type '{suffix or 'without extension'}' cannot be read here: "
                               "use a .csv file or a spreadsheet (.xlsx, .xls, .ods).")


def _file_grids(p: Path, cancelled: CancelCheck | None = None) -> list[Grid]:
    grids = _cached(p, "grids", lambda: _grids(p, cancelled))
    assert isinstance(grids, list)
    return grids


def file_kind(path: str | Path) -> str | None:
    """``"ofsted"`` for an Ofsted outcomes table, ``"dfe"`` for DfE statistics, else None (also
    for a file that cannot be read). Reads the whole file (kept for the load that follows): call
    it off the GUI thread for large workbooks."""
    p = Path(path)
    try:
        grids = _file_grids(p)
    except (LoadError, Cancelled):
        return None
    if any(g.rows and dfe.is_dfe([str(h) for h in g.rows[0]]) for g in grids):
        return "dfe"
    if any(ofsted.find(g) is not None for g in grids):
        return "ofsted"
    return None


# -- Ofsted outcomes ---------------------------------------------------------------------------------
def load_outcomes(path: str | Path, cancelled: CancelCheck | None = None
                  ) -> tuple[dict[str, list[Event]], list[Problem]]:
    """Events of every council in an Ofsted outcomes table (every outcomes sheet of a workbook),
    keyed by display name, each council's events in date order; and every problem met.
    Raises LoadError (one sentence) when the file cannot be read or holds no outcomes table."""
    p = Path(path)
    result = _cached(p, "outcomes", lambda: _read_outcomes(p, cancelled))
    assert isinstance(result, tuple)
    events, problems = result
    return {k: list(v) for k, v in events.items()}, list(problems)


def _read_outcomes(p: Path, cancelled: CancelCheck | None) -> tuple[dict[str, list[Event]], list[Problem]]:
    tables = []
    for grid in _file_grids(p, cancelled):
        if cancelled is not None and cancelled():
            raise Cancelled()
        table = ofsted.find(grid)
        if table is not None:
            tables.append(table)
    if not tables:
        raise LoadError(str(p), "No Ofsted outcomes table was found in this file (a header row naming "
                                "the local authority, the inspection dates and the grades or framework).")
    by_council: dict[str, list[Event]] = {}
    problems: list[Problem] = []
    for table in tables:
        data = ofsted.read(table, str(p), None, one_council=True)  # every row, whatever the council
        problems.extend(data.problems)
        key_of = _row_keys(table)
        first = table.grid.row0 + table.header_row + 2  # the 1-based number of the first data row
        for e in data.events:
            row = e.origin.row if e.origin is not None and e.origin.row is not None else None
            key = key_of.get(row - first) if row is not None else None
            if key is None:
                continue
            by_council.setdefault(key, []).append(e)
    out: dict[str, list[Event]] = {}
    for key in sorted(by_council, key=str.casefold):
        events = sorted(by_council[key], key=lambda e: (e.start, e.id))
        ids = unique_ids([e.id for e in events])  # two sheets may hold the same visit
        out[key] = [e if e.id == n else replace(e, id=n) for e, n in zip(events, ids, strict=True)]
    return out, problems


def _row_keys(table: ofsted.OfstedTable) -> dict[int, str]:
    """Each data row's council display name, by row index under the header."""
    cols = table.columns

    def cell(row: list[object], field: str) -> str:
        j = cols.get(field)
        return text_of(row[j]) if j is not None and j < len(row) else ""

    codes: dict[str, str | None] = {}
    out: dict[int, str] = {}
    for i, row in enumerate(table.grid.rows[table.header_row + 1:]):
        name = cell(row, "council")
        if not name:
            continue
        code = cell(row, "code")
        if not code:
            if name not in codes:
                codes[name] = sn.find_code(name)
            code = codes[name] or ""
        out[i] = display_name(code, ofsted._title(name))
    return out


# -- DfE statistics ----------------------------------------------------------------------------------
def _dfe_grid(p: Path) -> Grid:
    def read() -> Grid:
        for grid in _file_grids(p):
            if grid.rows and dfe.is_dfe([str(h) for h in grid.rows[0]]):
                return grid
        raise LoadError(str(p), "This is not a DfE statistics file: it has no time_period, "
                                "time_identifier and geographic_level columns.")

    grid = _cached(p, "dfe-grid", read)
    assert isinstance(grid, Grid)
    return grid


def _indicators_of(p: Path) -> tuple[str, ...]:
    def read() -> tuple[str, ...]:
        return tuple(s.name for s in dfe.read_dfe(_dfe_grid(p), str(p), None).series)

    names = _cached(p, "dfe-indicators", read)
    assert isinstance(names, tuple)
    return names


def indicators(paths: Iterable[str | Path]) -> list[str]:
    """The indicators (series names, as the metrics list shows them) the DfE files give, in
    file order, each once. Raises LoadError for a file that cannot be read or is not DfE's."""
    seen: dict[str, None] = {}
    for path in paths:
        for name in _indicators_of(Path(path)):
            seen.setdefault(name, None)
    return list(seen)


def load_metric(paths: Sequence[str | Path], councils: Sequence[str], indicator: str,
                cancelled: CancelCheck | None = None) -> tuple[dict[str, MetricSeries], list[Problem]]:
    """One series of ``indicator`` per council (by the names given: display names, codes or
    names), from the first file that has the indicator and figures for that council; a problem
    for each council with none. Raises LoadError for a file that cannot be read."""
    found: dict[str, MetricSeries] = {}
    problems: list[Problem] = []
    offering = [Path(p) for p in paths if indicator in _indicators_of(Path(p))]
    if not offering:
        names = ", ".join(Path(p).name for p in paths) or "no file"
        problems.append(Problem(names, None, None, None, indicator,
                                "none of the DfE files gives this indicator"))
        return found, problems
    wanted = list(dict.fromkeys(councils))
    seen: set[Problem] = set()
    for p in offering:
        todo = [c for c in wanted if c not in found]
        if not todo:
            break
        small, numbers = _rows_for(_dfe_grid(p), todo)
        for council in todo:
            if cancelled is not None and cancelled():
                raise Cancelled()
            series, met = _series_for(small, p, council, indicator)
            for pr in met:
                pr = replace(pr, row=numbers[pr.row - 1]) if pr.row is not None else pr
                if pr not in seen:
                    seen.add(pr)
                    problems.append(pr)
            if series is not None:
                found[council] = series
    where = ", ".join(p.name for p in offering)
    for council in wanted:
        if council not in found:
            problems.append(Problem(where, None, None, "la_name", council,
                                    f"no figures for this council's {indicator.lower()} in the file"))
    return {c: found[c] for c in wanted if c in found}, problems


def _rows_for(grid: Grid, councils: Sequence[str]) -> tuple[Grid, list[int]]:
    """The file cut down to its header, England's rows and the councils' rows (each council is
    then read from a few hundred rows, not the whole file), with each kept row's number in the file."""
    header = [str(h).strip().lower() for h in grid.rows[0]]
    col = {h: j for j, h in reversed(list(enumerate(header)))}
    level_j, old_j, new_j, name_j = (col.get(h) for h in ("geographic_level", "old_la_code",
                                                            "new_la_code", "la_name"))
    codes = {c for c in (code_of(x) for x in councils) if c}
    names = {sn.council_key(plain_name(x)) for x in councils} - {""}
    news = {x.strip() for x in councils}

    def cell(row: list[object], j: int | None) -> str:
        return str(row[j]).strip() if j is not None and j < len(row) and row[j] is not None else ""

    rows, numbers = [grid.rows[0]], [grid.row_number(0)]
    for i, row in enumerate(grid.rows[1:], start=1):
        level = cell(row, level_j).lower()
        if level == "national" or (level == "local authority" and (
                cell(row, old_j) in codes or cell(row, new_j) in news
                or sn.council_key(cell(row, name_j)) in names)):
            rows.append(row)
            numbers.append(grid.row_number(i))
    return Grid(grid.file, grid.sheet, rows, grid.row0, grid.col0), numbers


def _series_for(grid: Grid, p: Path, council: str, indicator: str
                ) -> tuple[MetricSeries | None, list[Problem]]:
    """The council's series of ``indicator`` and the problems met in its figures (and England's)."""
    data = dfe.read_dfe(grid, str(p), code_of(council) or plain_name(council))
    if any(pr.column == "la_name" for pr in data.problems):
        return None, []  # not in this file; said once at the end if no file has it
    met = [pr for pr in data.problems
           if pr.column == "time_period" or (pr.column and reads_column(indicator, pr.column))]
    for s in data.series:
        if s.name == indicator:
            return replace(s, comparators=()), met
    return None, met


# -- what the table, the briefing pack and the XLSX summary say ---------------------------------------
TABLE_COLUMNS = ("Council", "Judged inadequate", "Re-inspected", "Months", "Grade reached", "Latest figure")


def table_columns(anchor: Anchor = INADEQUATE) -> tuple[str, ...]:
    """The table's headings; the second names the anchor when it is not an inadequate judgement."""
    if anchor.kind is None and anchor.grade is Grade.INADEQUATE:
        return TABLE_COLUMNS
    return (TABLE_COLUMNS[0], anchor_heading(anchor), *TABLE_COLUMNS[2:])


def anchor_heading(anchor: Anchor) -> str:
    """``Judged inadequate``, ``Focused visit``, ``Judged good``: what month 0 is."""
    if anchor.kind is not None:
        return anchor.kind.label + (f": {anchor.grade.short}" if anchor.grade is not None else "")
    if anchor.grade is None:
        return "Judgement"
    return f"Judged {anchor.grade.short if anchor.grade is Grade.REQUIRES_IMPROVEMENT else anchor.grade.label.lower()}"


def table_row(j: Journey, series: MetricSeries | None) -> tuple[str, str, str, str, str, str]:
    """Council, anchor date (UK), re-inspected (UK), months, grade reached, latest figure."""
    judged = format_date(j.anchor_date) if j.anchor_date is not None else "Not in the table"
    again = format_date(judged_on(j.reinspection)) if j.reinspection is not None else "Not yet"
    if j.months_to_reinspection is not None:
        months = f"{j.months_to_reinspection:.0f}"
    elif j.months_so_far is not None:
        months = f"{j.months_so_far:.0f} so far"
    else:
        months = ""
    if j.grade_reached is not None:
        grade = j.grade_reached.label
    elif j.reinspection is not None:
        grade = "No overall grade (sub-judgements only)"
    else:
        grade = "" if j.anchor is None else "Not yet"
    latest = ""
    obs = series.latest() if series is not None else None
    if series is not None and obs is not None and obs.value is not None:
        latest = f"{format_value(obs.value, series.unit, decimals_of(series))} ({obs.period.label})"
    elif series is None and j.anchor is not None:
        latest = "No figure"
    return j.council, judged, again, months, grade, latest


def summary_line(items: Sequence[Journey], own: str | None = None, anchor: Anchor = INADEQUATE) -> str:
    """``Median time from inadequate to re-inspection: 33 months over 12 councils; Bournemouth,
    Christchurch and Poole: 36 months, Good.``"""
    if not items:
        return "No councils chosen."
    if anchor == INADEQUATE:
        what = "inadequate"
    else:
        what = "the " + anchor.label.removeprefix("months since the ")
    median = median_months_to_reinspection(items)
    n = sum(1 for j in items if j.months_to_reinspection is not None)
    if median is None:
        text = f"Median time from {what} to re-inspection: none re-inspected yet"
    else:
        text = f"Median time from {what} to re-inspection: {median:.0f} months over {n} council{'s' if n != 1 else ''}"
    mine = next((j for j in items if j.council == own), None) if own else None
    if mine is not None:
        name = plain_name(mine.council)
        if mine.anchor is None:
            text += f"; {name}: no such event in the outcomes table"
        elif mine.months_to_reinspection is not None and mine.grade_reached is not None:
            text += f"; {name}: {mine.months_to_reinspection:.0f} months, {mine.grade_reached.label}"
        elif mine.months_to_reinspection is not None:
            text += f"; {name}: re-inspected after {mine.months_to_reinspection:.0f} months, no overall grade"
        else:
            so_far = mine.months_so_far
            text += f"; {name}: not re-inspected yet" + (f", {so_far:.0f} months so far" if so_far is not None else "")
    lacking = sum(1 for j in items if j.anchor is None)
    if lacking:
        text += f" ({lacking} of the councils {'have' if lacking != 1 else 'has'} no such event in the table)"
    return text + "."

"""Open any supported file and return a Dataset with every problem found; dispatch by format."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bcpviewer.io import (areas, csvfile, dfe, mapping, ofsted, providers, spreadsheet, stacked,
                          timelinejs, workbook_guard)
from bcpviewer.io import neighbours as sn
from bcpviewer.io import official as official_data
from bcpviewer.io.accounting import unused_columns
from bcpviewer.io.errors import Cancelled, LoadError
from bcpviewer.io.files import read_head
from bcpviewer.io.gc_pause import gc_paused
from bcpviewer.io.grid import Grid
from bcpviewer.io.mapping import READERS, ColumnMapping
from bcpviewer.io.tables import is_ignored, kind_from_name
from bcpviewer.model.records import Dataset, Problem, merge_datasets
from bcpviewer.model.releases import combine, merge_files
from bcpviewer.model.same_event import one_per_event

Progress = Callable[[float, str], None]
CancelCheck = Callable[[], bool]

SUPPORTED = workbook_guard.EXTENSIONS + csvfile.EXTENSIONS + (".json",)
NO_TABLE = ("no table of actions, events, metrics or sources found on this {where} (no header "
            "row with the columns needed); it was not read")
__all__ = ["READERS", "SUPPORTED", "LoadReport", "Unmatched", "load_file", "load_files", "read_grids"]


@dataclass(frozen=True)
class Unmatched:
    """A sheet (or CSV file) with no table the importer could match: the user may map it."""

    path: str
    grid: Grid


@dataclass
class LoadReport:
    """What a caller may want to ask the user about after a load (the GUI does; the CLI does not):
    which files hold many councils and were read without one, and which sheets had no table."""

    councils: dict[str, list[sn.Council]] = field(default_factory=dict)  # path -> councils in it
    unmatched: list[Unmatched] = field(default_factory=list)

    @property
    def needs_council(self) -> bool:
        return bool(self.councils)

    def all_councils(self) -> list[sn.Council]:
        """Every council the files list, once each, by name."""
        seen: dict[str, sn.Council] = {}
        for councils in self.councils.values():
            for c in councils:
                seen.setdefault(c.code, c)
        return sorted(seen.values(), key=lambda c: c.name.casefold())


@dataclass(frozen=True)
class Options:
    council: str | None = None
    neighbour_model: str = sn.DEFAULT_MODEL
    neighbour_stat: str = sn.DEFAULT_STAT
    mappings: Mapping[str, ColumnMapping] | None = None
    report: LoadReport | None = None


def load_file(
    path: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    council: str | None = None,
    neighbour_model: str = sn.DEFAULT_MODEL,
    neighbour_stat: str = sn.DEFAULT_STAT,
    mappings: Mapping[str, ColumnMapping] | None = None,
    report: LoadReport | None = None,
) -> Dataset:
    """Read one file. Raises LoadError (one sentence) when it cannot be read at all.

    ``council`` (an LA code such as 839 or E06000058, a URN, or a name) picks the council in
    DfE statistics and Ofsted outcome files; ``neighbour_model`` ("2021" or "2025") and
    ``neighbour_stat`` ("median" or "mean") say how its statistical neighbours are summarised.
    ``mappings`` are remembered column mappings (by header signature) for tables the importer
    cannot match by itself; ``report``, when given, collects what the user might be asked.
    """
    p = Path(path)
    try:
        model_key, stat = sn.check_options(neighbour_model, neighbour_stat)
    except ValueError as e:
        raise LoadError(str(p), f"The statistical neighbour option is not valid: {e}.") from None
    opts = Options(council, model_key, stat, mappings, report)
    head = read_head(p)
    if not head:
        raise LoadError(str(p), "The file is empty (0 bytes): there is nothing to read.")
    suffix = p.suffix.lower()
    try:
        if suffix == ".json" and not head.startswith((workbook_guard.ZIP_MAGIC, workbook_guard.OLE_MAGIC)):
            return timelinejs.read_json(p)
        if suffix in csvfile.EXTENSIONS and not head.startswith(
            (workbook_guard.ZIP_MAGIC, workbook_guard.OLE_MAGIC)
        ):
            grid = csvfile.read_grid(p)
            if grid.rows and dfe.is_dfe([str(h) for h in grid.rows[0]]):
                return _read_dfe(grid, str(p), opts)
            grids: Iterable[Grid] = [grid]
        elif workbook_guard.looks_like_workbook(p, head):
            grids = spreadsheet.read_grids(p, head, cancelled=cancelled, progress=progress)
        else:
            raise LoadError(
                str(p),
                f"Files of type '{suffix or 'without extension'}' cannot be opened: use a "
                "spreadsheet (.xlsx, .xlsm, .xls, .xlsb, .ods), a .csv file or a TimelineJS .json file.",
            )
        with gc_paused():
            return _read_grids(grids, str(p), opts, cancelled)
    except (LoadError, Cancelled):
        raise
    except MemoryError:
        raise LoadError(str(p), "This file is too large to read with the memory available.") from None
    except RecursionError:
        raise LoadError(str(p), "This file is nested too deeply to be read safely.") from None


def _read_dfe(grid: Grid, path: str, opts: Options) -> Dataset:
    data = dfe.read_dfe(grid, path, opts.council, neighbour_model=opts.neighbour_model,
                        neighbour_stat=opts.neighbour_stat)
    council = (opts.council or "").strip()
    not_found = bool(council) and any(p.column == "la_name" and p.value == council for p in data.problems)
    if opts.report is not None and (not council or not_found):
        councils = dfe.councils_in(grid)
        if len(councils) > 1:
            opts.report.councils[path] = councils
    return data


def read_grids(grids: Iterable[Grid], path: str, *, cancelled: CancelCheck | None = None,
               council: str | None = None) -> Dataset:
    """Interpret each grid (sheet) as a table of actions, events, metrics or sources, an Ofsted
    outcomes table or a TimelineJS sheet."""
    return _read_grids(grids, path, Options(council), cancelled)


def _read_grids(grids: Iterable[Grid], path: str, opts: Options, cancelled: CancelCheck | None) -> Dataset:
    parts: dict[str, list] = {k: [] for k in READERS}
    problems: list[Problem] = []
    others: list[Dataset] = []  # TimelineJS sheets and mapped tables
    outcomes: list[ofsted.OfstedTable] = []  # read last: a council is chosen for the whole file
    display = Path(path).name
    found_any = any_area = False
    notes: list[str] = []
    for grid in grids:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if is_ignored(grid.sheet):
            continue
        if (refused := providers.refuse(grid)) is not None:
            found_any = any_area = True  # the council does not pick rows here: nothing is read
            notes.append(refused)
            continue
        if (outcome := ofsted.find(grid)) is not None:
            found_any = True
            outcomes.append(outcome)
            continue
        if (sheet := timelinejs.find(grid)) is not None:
            found_any = True
            others.append(timelinejs.read_sheet(sheet, path))
            continue
        preferred = kind_from_name(grid.sheet)
        tables = stacked.locate_all(grid, preferred, cancelled)
        if not tables:
            remembered = mapping.find_remembered(grid, opts.mappings or {})
            if remembered is not None:
                found_any = True
                others.append(mapping.apply(grid, remembered, path))
                continue
            if opts.report is not None:
                opts.report.unmatched.append(Unmatched(path, grid))
            if preferred is not None:
                problems.append(_no_header(grid, preferred))
            else:
                where = "sheet" if grid.sheet else "file"
                problems.append(Problem(display, grid.sheet, None, None, "", NO_TABLE.format(where=where)))
            continue
        found_any = True
        read: list[tuple[str, str, list]] = []  # (kind, title, records) of each table of the sheet
        for found in tables:
            picked = areas.pick(found.table, opts.council)
            problems.extend(picked.problems)
            notes.extend(picked.notes)
            any_area = any_area or picked.found
            if picked.councils and opts.report is not None:
                opts.report.councils.setdefault(path, []).extend(picked.councils)
            if picked.table is None:
                continue
            records, table_problems = READERS[picked.table.kind](picked.table)
            read.append((picked.table.kind, found.title, records))
            problems.extend(table_problems)
            problems.extend(unused_columns(picked.table))
        for kind, records in stacked.named_apart(read):
            parts[kind].extend(records)
    if outcomes:
        others.extend(_read_outcomes(outcomes, path, opts))
    if not found_any and not problems:
        problems.append(Problem(display, None, None, None, "", "the file holds no data"))
    if (opts.council or "").strip() and found_any and not any_area and not outcomes:
        notes.append(f"{display}: no column names a council (such as la_name, LA or Area), so the "
                     f"council chosen ({opts.council.strip()}) did not pick its rows: every row was read")
    own = Dataset(
        actions=tuple(parts["actions"]),
        events=one_per_event(parts["events"]),
        series=tuple(parts["metrics"]),
        sources=tuple(parts["sources"]),
        problems=tuple(problems),
        files=(path,),
        notes=tuple(notes),
    )
    if not others:
        return own
    merged = merge_datasets([own, *others])
    return Dataset(merged.actions, merged.events, merged.series, merged.sources, merged.problems,
                   (path,), merged.notes, merged.eras)


def _read_outcomes(tables: list[ofsted.OfstedTable], path: str, opts: Options) -> list[Dataset]:
    """Ofsted outcome tables for the chosen council; without one, all their rows only when the
    file names one council in all (otherwise a note, and the councils for the report)."""
    council = (opts.council or "").strip()
    names: set[str] = set()
    for t in tables:
        names |= {ofsted.council_key_of(n) for n in ofsted.names_in(t)}
    parts = [ofsted.read(t, path, council, one_council=len(names) <= 1) for t in tables]
    unmatched = council and not any(p.events for p in parts)
    if opts.report is not None and len(names) > 1 and (not council or unmatched):
        seen: dict[str, sn.Council] = {}
        for t in tables:
            for c in ofsted.councils_in(t):
                seen.setdefault(c.code, c)
        opts.report.councils.setdefault(path, []).extend(seen.values())
    return parts


def is_unmatched(problem: Problem) -> bool:
    """Is this the problem of a sheet with no table found (one a column mapping could fix)?"""
    return problem.row is None and problem.column is None and (
        problem.message == NO_TABLE.format(where="sheet")
        or problem.message == NO_TABLE.format(where="file")
        or (problem.message.startswith("this ") and "has no header row with the columns needed" in problem.message)
    )


def _no_header(grid: Grid, kind: str) -> Problem:
    from bcpviewer.io.layout import FIELDS

    needed = ", ".join(f.header for f in FIELDS[kind] if f.required)
    return Problem(
        grid.file, grid.sheet, None, None, "",
        f"this {kind} sheet has no header row with the columns needed ({needed}) in its first "
        "40 rows; it was not read",
    )


def load_files(
    paths: Sequence[str | Path],
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    council: str | None = None,
    neighbour_model: str = sn.DEFAULT_MODEL,
    neighbour_stat: str = sn.DEFAULT_STAT,
    mappings: Mapping[str, ColumnMapping] | None = None,
    report: LoadReport | None = None,
    official: str | None = None,
) -> tuple[Dataset, list[LoadError]]:
    """Read several files: the Dataset of those that could be read, and the errors of the rest.
    With ``official`` (a council's code or name), the app's bundled official data for that
    council is added (a file's series wins over the bundled one of the same name; both kept)."""
    parts: list[Dataset] = []
    errors: list[LoadError] = []
    n = max(1, len(paths))
    for k, path in enumerate(paths):
        if cancelled is not None and cancelled():
            raise Cancelled()

        def sub(frac: float, msg: str, k: int = k) -> None:
            if progress is not None:
                progress((k + frac) / n, msg)

        sub(0.0, f"Reading {Path(path).name}")
        try:
            parts.append(load_file(path, progress=sub, cancelled=cancelled, council=council,
                                   neighbour_model=neighbour_model, neighbour_stat=neighbour_stat,
                                   mappings=mappings, report=report))
        except LoadError as e:
            errors.append(e)
    merged = merge_files(parts)  # an indicator two files give is shown once (or its differences listed)
    if official:
        merged = _with_official(merged, errors, official, neighbour_model, neighbour_stat)
    if progress is not None:
        progress(1.0, "Done")
    return merged, errors


def _with_official(opened: Dataset, errors: list[LoadError], council: str, neighbour_model: str,
                   neighbour_stat: str) -> Dataset:
    """``opened`` with the bundled official data for ``council``; a note when it has no such
    council, an error when the bundle cannot be read."""
    try:
        with official_data.OfficialData() as od:
            bundled = od.dataset(council, neighbour_model=neighbour_model, neighbour_stat=neighbour_stat)
    except LoadError as e:
        errors.append(e)
        return opened
    except ValueError as e:
        return dataclasses.replace(opened, notes=(*opened.notes, f"Bundled official data: {e}"))
    return combine(opened, bundled)

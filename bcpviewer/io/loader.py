"""Open any supported file and return a Dataset with every problem found; dispatch by format."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from bcpviewer.io import csvfile, dfe, spreadsheet
from bcpviewer.io.actions import read_actions
from bcpviewer.io.errors import Cancelled, LoadError
from bcpviewer.io.events import read_events
from bcpviewer.io.grid import Grid
from bcpviewer.io.metrics import read_metrics
from bcpviewer.io.sources import read_sources
from bcpviewer.io.tables import Table, is_ignored, kind_from_name, locate
from bcpviewer.model.records import Dataset, Problem, merge_datasets

Progress = Callable[[float, str], None]
CancelCheck = Callable[[], bool]

SUPPORTED = spreadsheet.EXTENSIONS + csvfile.EXTENSIONS
READERS = {
    "actions": read_actions,
    "events": read_events,
    "metrics": read_metrics,
    "sources": read_sources,
}


def load_file(
    path: str | Path,
    *,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
    council: str | None = None,
) -> Dataset:
    """Read one file. Raises LoadError (one sentence) when it cannot be read at all.

    ``council`` (an LA code such as 839, or a name) picks the council in DfE statistics files.
    """
    p = Path(path)
    try:
        with open(p, "rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise LoadError(str(p), "There is no such file: check the name and folder.") from None
    except IsADirectoryError:
        raise LoadError(str(p), "This is a folder, not a file: choose a file inside it.") from None
    except PermissionError:
        raise LoadError(str(p), "You do not have permission to read this file.") from None
    except OSError as e:
        raise LoadError(str(p), f"The file could not be opened ({e.strerror or e}).") from None
    if not head:
        raise LoadError(str(p), "The file is empty (0 bytes): there is nothing to read.")
    suffix = p.suffix.lower()
    if suffix == ".json":
        raise LoadError(
            str(p),
            "JSON files (such as TimelineJS timelines) cannot be opened yet: export the timeline "
            "as a spreadsheet (.xlsx or .csv) and open that.",
        )
    try:
        if suffix in csvfile.EXTENSIONS and not head.startswith(
            (spreadsheet.ZIP_MAGIC, spreadsheet.OLE_MAGIC)
        ):
            grid = csvfile.read_grid(p)
            if grid.rows and dfe.is_dfe([str(h) for h in grid.rows[0]]):
                return dfe.read_dfe(grid, str(p), council)
            grids: Iterable[Grid] = [grid]
        elif spreadsheet.looks_like_workbook(p, head):
            grids = spreadsheet.read_grids(p, head, cancelled=cancelled, progress=progress)
        else:
            raise LoadError(
                str(p),
                f"Files of type '{suffix or 'without extension'}' cannot be opened: use a "
                "spreadsheet (.xlsx, .xlsm, .xls, .xlsb, .ods) or a .csv file.",
            )
        with _gc_paused():
            return read_grids(grids, str(p), cancelled=cancelled)
    except (LoadError, Cancelled):
        raise
    except MemoryError:
        raise LoadError(str(p), "This file is too large to read with the memory available.") from None
    except RecursionError:
        raise LoadError(str(p), "This file is nested too deeply to be read safely.") from None


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while records are built: an import allocates hundreds
    of thousands of tuples and no cycles, and each collection would walk the whole grid again
    (it halves the time of a 100k-row import). Always switched back on.

    Switched back on plainly, the first collection would walk every object the import made
    (200 ms for 200,000 rows, holding the interpreter: the window freezes). So what the import
    made is first moved to the oldest generation (freeze then unfreeze: two list splices), where
    the occasional full collection walks it like any other long-lived data."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def read_grids(grids: Iterable[Grid], path: str, *, cancelled: CancelCheck | None = None) -> Dataset:
    """Interpret each grid (sheet) as a table of actions, events, metrics or sources."""
    parts: dict[str, list] = {k: [] for k in READERS}
    problems: list[Problem] = []
    display = Path(path).name
    found_any = False
    for grid in grids:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if is_ignored(grid.sheet):
            continue
        preferred = kind_from_name(grid.sheet)
        table = locate(grid, preferred)
        if table is None:
            if preferred is not None:
                problems.append(_no_header(grid, preferred))
            else:
                problems.append(
                    Problem(display, grid.sheet, None, None, "",
                            "no table of actions, events, metrics or sources found on this "
                            f"{'sheet' if grid.sheet else 'file'} (no header row with the "
                            "columns needed); it was not read")
                )
            continue
        found_any = True
        records, table_problems = READERS[table.kind](table)
        parts[table.kind].extend(records)
        problems.extend(table_problems)
    if not found_any and not problems:
        problems.append(Problem(display, None, None, None, "", "the file holds no data"))
    return Dataset(
        actions=tuple(parts["actions"]),
        events=tuple(parts["events"]),
        series=tuple(parts["metrics"]),
        sources=tuple(parts["sources"]),
        problems=tuple(problems),
        files=(path,),
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
) -> tuple[Dataset, list[LoadError]]:
    """Read several files: the Dataset of those that could be read, and the errors of the rest."""
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
            parts.append(load_file(path, progress=sub, cancelled=cancelled, council=council))
        except LoadError as e:
            errors.append(e)
    if progress is not None:
        progress(1.0, "Done")
    return merge_datasets(parts), errors

"""Workbooks (.xlsx .xlsm .xlsb .xls .ods) read with python-calamine, once workbook_guard has
checked that calamine can survive them.

Re-check when raising python-calamine's upper bound: the panic name (_is_panic), iter_rows and
to_python(skip_empty_area=...), and what the guard modules copy of its parsing.
"""

from __future__ import annotations

import itertools
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import python_calamine as pc

from bcpviewer.io.errors import Cancelled, LoadError
from bcpviewer.io.grid import MAX_SHEETS, Grid, fill_merged
from bcpviewer.io.workbook_guard import check_package, check_sheet_size, damaged

PASSWORD_ADVICE = (
    "This workbook is password-protected: open it in Excel (or LibreOffice), remove the password "
    "and save a copy, then open the copy."
)

# Rows are read in chunks so that a cancel is noticed, progress is reported and the GUI thread
# gets the interpreter between chunks (one to_python call holds it for the whole sheet).
ROW_CHUNK = 2048
PROGRESS_EVERY_S = 0.1  # at most ten progress reports a second
# iter_rows also yields the empty rows above a sheet's first used row: walk them only when cheap.
MAX_SKIPPED_CELLS = 1_000_000

Progress = Callable[[float, str], None]
CancelCheck = Callable[[], bool]


@contextmanager
def _calamine(path: Path) -> Iterator[None]:
    """Turn what calamine raises about a file into one sentence. A Rust panic (a file malformed
    past calamine's own checks) arrives as pyo3's PanicException, a BaseException: it is
    recognised by name (pyo3_runtime cannot be imported) and anything else is re-raised."""
    try:
        yield
    except pc.PasswordError:
        raise LoadError(str(path), PASSWORD_ADVICE) from None
    except (pc.CalamineError, ValueError, OSError, OverflowError) as e:
        raise LoadError(str(path), damaged(path, e)) from None
    except BaseException as e:
        if _is_panic(e):
            raise LoadError(str(path), damaged(path, e)) from None
        raise


def _open(path: Path) -> pc.CalamineWorkbook:
    with _calamine(path):
        return pc.CalamineWorkbook.from_path(str(path))


def _is_panic(e: BaseException) -> bool:
    """pyo3 turns a Rust panic into pyo3_runtime.PanicException (a BaseException)."""
    return type(e).__name__ == "PanicException"


def read_grids(
    path: Path,
    head: bytes,
    *,
    cancelled: CancelCheck | None = None,
    progress: Progress | None = None,
) -> Iterator[Grid]:
    """Yield one Grid per worksheet (chart sheets and empty sheets skipped)."""
    check_package(path, head)
    wb = _open(path)
    try:
        metas = wb.sheets_metadata
        if len(metas) > MAX_SHEETS:
            raise LoadError(
                str(path),
                f"This workbook has {len(metas)} sheets, more than the {MAX_SHEETS} we read: "
                "copy the sheets you need into a new workbook.",
            )
        display = path.name
        n_sheets = max(1, len(metas))
        for n, meta in enumerate(metas):
            if cancelled is not None and cancelled():
                raise Cancelled()
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue

            def sub(frac: float, msg: str, n: int = n) -> None:
                if progress is not None:
                    progress((n + frac) / n_sheets, msg)

            sub(0.0, f"Reading sheet {meta.name}")
            grid = _read_sheet(wb, path, display, meta.name, cancelled, sub)
            if grid is not None:
                sub(0.5, f"Reading the table on sheet {meta.name}")  # the caller parses it now
                yield grid
    finally:
        wb.close()


def _read_sheet(
    wb: pc.CalamineWorkbook, path: Path, display: str, name: str,
    cancelled: CancelCheck | None = None, progress: Progress | None = None,
) -> Grid | None:
    with _calamine(path):
        sheet = wb.get_sheet_by_name(name)
    check_sheet_size(path, name, sheet.height, sheet.width)
    if sheet.height * sheet.width == 0 or sheet.start is None:
        return None
    r0, c0 = sheet.start
    with _calamine(path):
        rows = _rows(sheet, name, cancelled, progress)
    try:
        merged = sheet.merged_cell_ranges
    except (pc.CalamineError, ValueError):  # merges are a nicety: the cells still read
        merged = None
    grid = Grid(display, name, rows, r0, c0)
    if merged:
        fill_merged(grid, merged)
    return grid


def _rows(
    sheet: pc.CalamineSheet, name: str, cancelled: CancelCheck | None, progress: Progress | None
) -> list[list[object]]:
    """The sheet's rows from its first used row, read ROW_CHUNK at a time."""
    height, width = sheet.height, sheet.width
    r0 = sheet.start[0] if sheet.start else 0
    if r0 * width > MAX_SKIPPED_CELLS or height <= ROW_CHUNK:
        return sheet.to_python(skip_empty_area=True)
    it = sheet.iter_rows()
    if r0:
        deque(itertools.islice(it, r0), maxlen=0)  # the empty rows above the data
    rows: list[list[object]] = []
    extend = rows.extend
    reported = time.monotonic()
    while len(rows) < height:
        before = len(rows)
        extend(itertools.islice(it, ROW_CHUNK))
        if len(rows) == before:
            break
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None and time.monotonic() - reported >= PROGRESS_EVERY_S:
            # Not every chunk: each report crosses to the GUI thread, which must win the
            # interpreter from this one to show it; a hundred in 50 ms starve it.
            reported = time.monotonic()
            progress(0.5 * len(rows) / height, f"Reading sheet {name} ({len(rows):,} of {height:,} rows)")
    return rows

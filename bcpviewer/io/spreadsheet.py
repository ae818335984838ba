"""Workbooks (.xlsx .xlsm .xlsb .xls .ods) read with python-calamine, with size guards first."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import python_calamine as pc

from bcpviewer.io.errors import Cancelled, LoadError
from bcpviewer.io.grid import (
    MAX_SHEET_CELLS,
    MAX_SHEETS,
    MAX_UNCOMPRESSED_BYTES,
    Grid,
    fill_merged,
)

EXTENSIONS = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".xltx", ".xltm", ".ots")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

PASSWORD_ADVICE = (
    "This workbook is password-protected: open it in Excel (or LibreOffice), remove the password "
    "and save a copy, then open the copy."
)


def looks_like_workbook(path: Path, head: bytes) -> bool:
    return head.startswith((ZIP_MAGIC, OLE_MAGIC)) or path.suffix.lower() in EXTENSIONS


def check_package(path: Path, head: bytes) -> None:
    """Refuse what is not a workbook, or what would expand beyond our limits, before reading."""
    name = path.name
    if name.startswith("~$"):
        raise LoadError(
            str(path),
            "This is an Excel lock file (its name starts with ~$), not a workbook: open the file "
            "with the same name without ~$ instead.",
        )
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(path) as z:
                infos = z.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as e:
            raise LoadError(
                str(path), f"This file is damaged and cannot be read as a workbook ({e})."
            ) from None
        total = sum(i.file_size for i in infos)
        if total > MAX_UNCOMPRESSED_BYTES:
            raise LoadError(
                str(path),
                f"This workbook would expand to {total / 1e9:.1f} GB, more than the "
                f"{MAX_UNCOMPRESSED_BYTES / 1e9:.1f} GB limit: split it into smaller files.",
            )
        return
    if head.startswith(OLE_MAGIC):
        return  # .xls, or an encrypted OOXML package: calamine tells which
    if path.suffix.lower() in EXTENSIONS:
        raise LoadError(
            str(path),
            f"This file is named {path.suffix} but is not a spreadsheet (its content is not an "
            "Excel or OpenDocument workbook): check that it was saved from a spreadsheet program.",
        )


def _open(path: Path) -> pc.CalamineWorkbook:
    try:
        return pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError:
        raise LoadError(str(path), PASSWORD_ADVICE) from None
    except (pc.CalamineError, pc.ZipError, pc.XmlError, ValueError, OSError) as e:
        raise LoadError(str(path), _damaged(path, e)) from None


def _damaged(path: Path, e: Exception) -> str:
    detail = str(e).strip().rstrip(".") or type(e).__name__
    if "limit" in detail.lower():
        return (
            f"This workbook claims more cells than can be read safely ({detail}): "
            "delete the empty rows and columns and save it again."
        )
    kind = "an old Excel .xls file" if path.suffix.lower() == ".xls" else "a workbook"
    return f"This file cannot be read as {kind}; it may be damaged or unfinished ({detail})."


def read_grids(
    path: Path,
    head: bytes,
    *,
    cancelled: Callable[[], bool] | None = None,
    progress: Callable[[float, str], None] | None = None,
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
        for n, meta in enumerate(metas):
            if cancelled is not None and cancelled():
                raise Cancelled()
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue
            if progress is not None:
                progress(n / max(1, len(metas)), f"Reading sheet {meta.name}")
            grid = _read_sheet(wb, path, display, meta.name)
            if grid is not None:
                yield grid
    finally:
        wb.close()


def _read_sheet(wb: pc.CalamineWorkbook, path: Path, display: str, name: str) -> Grid | None:
    try:
        sheet = wb.get_sheet_by_name(name)
    except pc.PasswordError:
        raise LoadError(str(path), PASSWORD_ADVICE) from None
    except (pc.CalamineError, pc.XmlError, pc.ZipError, ValueError, OSError) as e:
        raise LoadError(str(path), _damaged(path, e)) from None
    cells = sheet.height * sheet.width
    if cells > MAX_SHEET_CELLS:
        raise LoadError(
            str(path),
            f"Sheet '{name}' holds {sheet.height:,} rows x {sheet.width:,} columns, more than the "
            f"{MAX_SHEET_CELLS:,}-cell limit: delete unused rows and columns or split the sheet.",
        )
    if cells == 0 or sheet.start is None:
        return None
    try:
        rows = sheet.to_python(skip_empty_area=True)
    except (pc.CalamineError, ValueError, OverflowError) as e:
        raise LoadError(str(path), _damaged(path, e)) from None
    r0, c0 = sheet.start
    grid = Grid(display, name, rows, r0, c0)
    try:
        merged = sheet.merged_cell_ranges
    except (pc.CalamineError, ValueError):
        merged = None
    if merged:
        fill_merged(grid, merged)
    return grid


def file_size(path: Path) -> int:
    return os.stat(path).st_size

"""The pre-read guard for workbooks: what calamine must never be handed, refused in one sentence.

calamine turns each sheet into a dense grid spanning its first to its last used cell, so two
cells far apart (A1 and XFD1048576: a 2 KB file) ask it for hundreds of gigabytes, and a failed
allocation in Rust aborts the whole process: no exception, no message, the app is gone. So before
calamine sees a workbook we bound what it will build ourselves, per container format (guard_zip,
guard_xml, guard_ods for zip packages; guard_ole for .xls), and refuse what would exceed the limits.

Re-check when raising python-calamine's upper bound: which parts it reads and how (the guards walk
them as calamine 0.3-0.5 does).
"""

from __future__ import annotations

import os
import struct
import zipfile
import zlib
from pathlib import Path

from bcpviewer.io.errors import LoadError
from bcpviewer.io.grid import MAX_SHEET_CELLS, MAX_UNCOMPRESSED_BYTES, format_bytes
from bcpviewer.io.guard_ods import ods_extents
from bcpviewer.io.guard_ole import Damaged, NotChecked, xls_extents
from bcpviewer.io.guard_xml import xml_extent
from bcpviewer.io.guard_zip import sheet_parts, xlsb_extent

EXTENSIONS = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".xltx", ".xltm", ".ots")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# A sheet whose used area provably stays under this many cells goes to calamine without an exact
# count of its corners (the dense grid is then at most ~1 GB); larger bounds are counted exactly.
COARSE_CELLS = 32_000_000


def looks_like_workbook(path: Path, head: bytes) -> bool:
    return head.startswith((ZIP_MAGIC, OLE_MAGIC)) or path.suffix.lower() in EXTENSIONS


def check_package(path: Path, head: bytes) -> None:
    """Refuse what is not a workbook, or what would expand beyond our limits, before reading."""
    if path.name.startswith("~$"):
        raise LoadError(
            str(path),
            "This is an Excel lock file (its name starts with ~$), not a workbook: open the file "
            "with the same name without ~$ instead.",
        )
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(path) as z:
                _check_zip(path, z)
        except LoadError:
            raise
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError,
                ValueError, NotImplementedError, RuntimeError, struct.error) as e:
            # RuntimeError: an encrypted zip member; NotImplementedError: an unknown compression
            raise LoadError(str(path), damaged(path, e)) from None
        return
    if head.startswith(OLE_MAGIC):
        _check_xls(path)  # .xls, or an encrypted OOXML package: calamine tells which
        return
    if path.suffix.lower() in EXTENSIONS:
        raise LoadError(
            str(path),
            f"This file is named {path.suffix} but is not a spreadsheet (its content is not an "
            "Excel or OpenDocument workbook): check that it was saved from a spreadsheet program.",
        )


def check_sheet_size(path: Path, sheet: str, rows: int, cols: int) -> None:
    """Refuse a sheet calamine has opened whose grid is beyond MAX_SHEET_CELLS."""
    if rows * cols > MAX_SHEET_CELLS:
        raise LoadError(
            str(path),
            f"Sheet '{sheet}' holds {rows:,} rows x {cols:,} columns ({rows * cols:,} cells), "
            f"more than the {MAX_SHEET_CELLS:,}-cell limit: delete unused rows and columns or "
            "split the sheet.",
        )


def damaged(path: Path, e: BaseException) -> str:
    """The sentence for a workbook that calamine (or the guard) could not read."""
    detail = " ".join(str(e).split()).strip().rstrip(".") or type(e).__name__
    if len(detail) > 160:
        detail = detail[:157] + "..."
    if "limit" in detail.lower():
        return (
            f"This workbook claims more cells than can be read safely ({detail}): "
            "delete the empty rows and columns and save it again."
        )
    kind = "an old Excel .xls file" if path.suffix.lower() == ".xls" else "a workbook"
    return f"This file cannot be read as {kind}; it may be damaged or unfinished ({detail})."


def _raise_if_too_big(path: Path, sheet: str, extent: tuple[int, int]) -> None:
    rows, cols = extent
    if rows * cols > MAX_SHEET_CELLS:
        where = f"Sheet '{sheet}'" if sheet else "A sheet in this workbook"
        raise LoadError(
            str(path),
            f"{where} spans {rows:,} rows x {cols:,} columns ({rows * cols:,} cells), more than "
            f"the {MAX_SHEET_CELLS:,}-cell limit: delete unused rows and columns or split the sheet.",
        )


def _check_zip(path: Path, z: zipfile.ZipFile) -> None:
    total = sum(i.file_size for i in z.infolist())
    if total > MAX_UNCOMPRESSED_BYTES:
        raise LoadError(
            str(path),
            f"This workbook would expand to {format_bytes(total)}, more than the "
            f"{format_bytes(MAX_UNCOMPRESSED_BYTES)} limit: split it into smaller files.",
        )
    names = set(z.namelist())
    if "xl/workbook.bin" in names:
        parts = sheet_parts(z, "xl/workbook.bin", "xl/_rels/workbook.bin.rels", "worksheets")
        for member, sheet in parts.items():
            if member.lower().endswith(".bin"):
                _raise_if_too_big(path, sheet, xlsb_extent(z, member))
        return
    if "content.xml" in names and "xl/workbook.xml" not in names:
        for sheet, extent in ods_extents(z):
            _raise_if_too_big(path, sheet, extent)
        return
    if "xl/workbook.xml" not in names:
        return  # not a workbook: calamine says so
    parts = sheet_parts(z, "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "worksheets")
    coarse = max(COARSE_CELLS, MAX_SHEET_CELLS)
    for member, sheet in parts.items():
        if member.lower().endswith(".xml"):
            _raise_if_too_big(path, sheet, xml_extent(z, member, coarse))


def _check_xls(path: Path) -> None:
    """Refuse an .xls that calamine could not survive: a broken compound file, a string table or
    sheet dimension beyond belief, or cells spanning more than MAX_SHEET_CELLS."""
    size = os.stat(path).st_size
    if size > MAX_UNCOMPRESSED_BYTES:
        raise LoadError(
            str(path),
            f"This workbook is {format_bytes(size)}, more than the "
            f"{format_bytes(MAX_UNCOMPRESSED_BYTES)} limit: split it into smaller files.",
        )
    try:
        for extent in xls_extents(path.read_bytes()):
            _raise_if_too_big(path, "", extent)
    except NotChecked:
        return
    except Damaged as e:
        raise LoadError(
            str(path), f"This file cannot be read as an old Excel .xls file: {e}."
        ) from None

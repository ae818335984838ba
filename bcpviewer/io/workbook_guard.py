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

import struct
import zipfile
import zlib
from pathlib import Path

from bcpviewer.io.errors import LoadError
from bcpviewer.io.files import read_capped
from bcpviewer.io.grid import MAX_SHEET_CELLS, MAX_UNCOMPRESSED_BYTES, format_bytes
from bcpviewer.io.guard_ods import ods_extents
from bcpviewer.io.guard_ole import Damaged, NotChecked, xls_extents
from bcpviewer.io.guard_xml import xml_extent
from bcpviewer.io.guard_zip import inflate, shared_string_count, sheet_parts, xlsb_extent

EXTENSIONS = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".xltx", ".xltm", ".ots")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# A sheet whose used area provably stays under this many cells goes to calamine without an exact
# count of its corners (the dense grid is then at most ~1 GB); larger bounds are counted exactly.
COARSE_CELLS = 32_000_000
# What calamine inflates and keeps before a row reaches us. A real sheet's XML is about 40 bytes a
# cell (20 million cells: 800 MB); parts compress 5-30 to 1 (deflate cannot pass about 1,030 to 1).
MAX_READ_BYTES = 1_000_000_000  # sheets, shared strings, styles, workbook, content.xml together
MAX_RATIO = 200  # for a part over RATIO_FLOOR_BYTES
RATIO_FLOOR_BYTES = 64 << 20
MAX_SHARED_STRINGS = 10_000_000  # calamine keeps each in a list (24 bytes + the text)
MAX_CELL_TAGS = 2 * MAX_SHEET_CELLS  # cell tags in one sheet's XML (each valued one kept in a list)


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
    _expands_within(path, "This workbook", z.infolist(), MAX_UNCOMPRESSED_BYTES)
    names = set(z.namelist())
    if "xl/workbook.bin" in names:
        parts = sheet_parts(z, "xl/workbook.bin", "xl/_rels/workbook.bin.rels", "worksheets")
        _check_read_parts(path, z, parts)
        for member, sheet in parts.items():
            if member.lower().endswith(".bin"):
                _raise_if_too_big(path, sheet, xlsb_extent(z, member))
        return
    if "content.xml" in names and "xl/workbook.xml" not in names:
        _check_read_parts(path, z, {})
        for sheet, extent in ods_extents(z):
            _raise_if_too_big(path, sheet, extent)
        return
    if "xl/workbook.xml" not in names:
        return  # not a workbook: calamine says so
    parts = sheet_parts(z, "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "worksheets")
    _check_read_parts(path, z, parts)
    coarse = max(COARSE_CELLS, MAX_SHEET_CELLS)
    for member, sheet in parts.items():
        if member.lower().endswith(".xml"):
            rows, cols, tags = xml_extent(z, member, coarse)
            _raise_if_too_big(path, sheet, (rows, cols))
            if tags > MAX_CELL_TAGS:
                where = f"Sheet '{sheet}'" if sheet else "A sheet in this workbook"
                raise LoadError(
                    str(path),
                    f"{where} holds {tags:,} cells, more than the {MAX_CELL_TAGS:,}-cell limit: "
                    "delete unused rows and columns or split the sheet.",
                )


def _check_read_parts(path: Path, z: zipfile.ZipFile, sheets: dict[str, str]) -> None:
    """Bound what calamine will inflate and hold: the parts it reads (sheets, shared strings,
    styles, workbook, content.xml), each part's compression ratio, and the shared strings' count.
    A small file whose shared strings inflate to gigabytes makes calamine abort the process."""
    read = [i for i in z.infolist() if i.filename in sheets or _is_read_part(i.filename)]
    _expands_within(path, "The sheets and strings of this workbook", read, MAX_READ_BYTES)
    for i in read:
        if i.file_size > RATIO_FLOOR_BYTES and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise LoadError(
                str(path),
                f"Part {i.filename} of this workbook would expand from {format_bytes(i.compress_size)} "
                f"to {format_bytes(i.file_size)}, far more than any spreadsheet compresses (the "
                f"limit is {MAX_RATIO} to 1): it is damaged or made to exhaust memory, so it is "
                "not read.",
            )
    for i in read:
        if i.filename in sheets or i.filename == "content.xml":
            continue  # inflated (and so checked) by the scan of its cells
        if not i.filename.lower().endswith("sharedstrings.xml"):
            for _piece in inflate(z, i.filename):  # it inflates to no more than it says
                pass
            continue
        count = shared_string_count(z, i.filename)
        if count > MAX_SHARED_STRINGS:
            raise LoadError(
                str(path),
                f"This workbook holds {count:,} different texts, more than the "
                f"{MAX_SHARED_STRINGS:,} limit: split it into smaller files.",
            )


def _expands_within(path: Path, what: str, parts: list[zipfile.ZipInfo], limit: int) -> None:
    size = sum(i.file_size for i in parts)
    if size > limit:
        raise LoadError(str(path), f"{what} would expand to {format_bytes(size)}, more than the "
                                   f"{format_bytes(limit)} limit: split it into smaller files.")


def _is_read_part(name: str) -> bool:
    low = name.lower()
    return (low.endswith((".rels", "sharedstrings.xml", "sharedstrings.bin", "styles.xml", "styles.bin",
                          "workbook.xml", "workbook.bin"))
            or low in ("content.xml", "[content_types].xml"))


def _check_xls(path: Path) -> None:
    """Refuse an .xls that calamine could not survive: a broken compound file, a string table or
    sheet dimension beyond belief, or cells spanning more than MAX_SHEET_CELLS."""
    data = read_capped(path, MAX_UNCOMPRESSED_BYTES, "workbook")
    try:
        for extent in xls_extents(data):
            _raise_if_too_big(path, "", extent)
    except NotChecked:
        return
    except Damaged as e:
        raise LoadError(
            str(path), f"This file cannot be read as an old Excel .xls file: {e}."
        ) from None

"""Workbooks (.xlsx .xlsm .xlsb .xls .ods) read with python-calamine, with size guards first.

calamine turns each sheet into a dense grid spanning its first to its last used cell, so two
cells far apart (A1 and XFD1048576: a 2 KB file) ask it for hundreds of gigabytes, and a failed
allocation in Rust aborts the whole process: no exception, no message, the app is gone. So before
calamine sees a sheet we bound its used area ourselves (``_check_*_extents``), and refuse in one
sentence what would exceed MAX_SHEET_CELLS.
"""

from __future__ import annotations

import html
import itertools
import os
import posixpath
import re
import struct
import time
import zipfile
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import python_calamine as pc

from bcpviewer.io.errors import Cancelled, LoadError
from bcpviewer.io.grid import (
    MAX_SHEET_CELLS,
    MAX_SHEETS,
    MAX_UNCOMPRESSED_BYTES,
    Grid,
    fill_merged,
    format_bytes,
)

EXTENSIONS = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".xltx", ".xltm", ".ots")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

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
# A sheet whose used area provably stays under this many cells goes to calamine without an exact
# count of its corners (the dense grid is then at most ~1 GB); larger bounds are counted exactly.
COARSE_CELLS = 32_000_000
SCAN_CHUNK = 1 << 20  # bytes of sheet XML decompressed and scanned at a time
SCAN_QUEUE = 16  # pieces inflated ahead of the numpy scan
TEXT_SCAN_BYTES = 12 << 20  # sheet XML up to this size is scanned without numpy
MAX_META_BYTES = 16 << 20  # workbook.xml and its relationships: more is not a real workbook

Progress = Callable[[float, str], None]
CancelCheck = Callable[[], bool]


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
                total = sum(i.file_size for i in infos)
                if total > MAX_UNCOMPRESSED_BYTES:
                    raise LoadError(
                        str(path),
                        f"This workbook would expand to {format_bytes(total)}, more than the "
                        f"{format_bytes(MAX_UNCOMPRESSED_BYTES)} limit: split it into smaller files.",
                    )
                _check_zip_extents(path, z)
        except LoadError:
            raise
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError,
                ValueError, NotImplementedError, RuntimeError, struct.error) as e:
            # RuntimeError: an encrypted zip member; NotImplementedError: an unknown compression
            raise LoadError(str(path), _damaged(path, e)) from None
        return
    if head.startswith(OLE_MAGIC):
        _check_xls_extents(path)  # .xls, or an encrypted OOXML package: calamine tells which
        return
    if path.suffix.lower() in EXTENSIONS:
        raise LoadError(
            str(path),
            f"This file is named {path.suffix} but is not a spreadsheet (its content is not an "
            "Excel or OpenDocument workbook): check that it was saved from a spreadsheet program.",
        )


def _too_many_cells(path: Path, sheet: str, rows: int, cols: int) -> LoadError:
    where = f"Sheet '{sheet}'" if sheet else "A sheet in this workbook"
    return LoadError(
        str(path),
        f"{where} spans {rows:,} rows x {cols:,} columns ({rows * cols:,} cells), more than the "
        f"{MAX_SHEET_CELLS:,}-cell limit: delete unused rows and columns or split the sheet.",
    )


# -- bounding the used area of .xlsx/.xlsm sheets (XML) ---------------------------------------
_ATTR_RE: dict[bytes, re.Pattern[bytes]] = {}


def _attr(tag: bytes, name: bytes) -> str | None:
    """The value of attribute ``name`` (exact, or any prefix when name starts with ':')."""
    pat = _ATTR_RE.get(name)
    if pat is None:
        key = rb"[\w.-]+" + re.escape(name) if name.startswith(b":") else re.escape(name)
        pat = _ATTR_RE[name] = re.compile(rb"(?:^|\s)" + key + rb"\s*=\s*(\"[^\"]*\"|'[^']*')")
    m = pat.search(tag)
    return html.unescape(m[1][1:-1].decode("utf-8", "replace")) if m else None


def _read_small(z: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    with z.open(info) as fh:
        return fh.read(MAX_META_BYTES)


def _resolve(target: str, base: str = "xl") -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    if target.startswith(base + "/"):
        return posixpath.normpath(target)
    return posixpath.normpath(f"{base}/{target}")


def _sheet_parts(z: zipfile.ZipFile, workbook: str, rels: str, sheet_dir: str) -> dict[str, str]:
    """Zip member -> sheet name for every part calamine may read as a sheet (unnamed parts under
    the worksheets folder are included too: a wrong guess costs a scan, never a crash)."""
    names = set(z.namelist())
    targets: dict[str, str] = {}
    rel_data = _read_small(z, rels) or b""
    for tag in re.findall(rb"<(?:[\w.-]+:)?Relationship\b[^>]*>", rel_data):
        rid, target = _attr(tag, b"Id"), _attr(tag, b"Target")
        if rid and target:
            targets[rid] = _resolve(target)
    parts: dict[str, str] = {}
    if workbook.endswith(".xml"):
        wb_data = _read_small(z, workbook) or b""
        for tag in re.findall(rb"<(?:[\w.-]+:)?sheet\b[^>]*>", wb_data):
            rid, sheet = _attr(tag, b":id"), _attr(tag, b"name")
            if rid in targets:
                parts.setdefault(targets[rid], sheet or "")
    for rid, member in targets.items():
        if "sheet" in member.lower() and "sharedstrings" not in member.lower():
            parts.setdefault(member, "")
    for member in names:
        if f"/{sheet_dir}/" in f"/{member.lower()}" and not member.endswith("/"):
            parts.setdefault(member, "")
    return {m: s for m, s in parts.items() if m in names}


def _check_zip_extents(path: Path, z: zipfile.ZipFile) -> None:
    names = set(z.namelist())
    if "xl/workbook.bin" in names:
        parts = _sheet_parts(z, "xl/workbook.bin", "xl/_rels/workbook.bin.rels", "worksheets")
        for member, sheet in parts.items():
            if member.lower().endswith(".bin"):
                _raise_if_too_big(path, sheet, _xlsb_extent(z, member))
        return
    if "content.xml" in names and "xl/workbook.xml" not in names:
        for sheet, extent in _ods_extents(z):
            _raise_if_too_big(path, sheet, extent)
        return
    if "xl/workbook.xml" not in names:
        return  # not a workbook: calamine says so
    parts = _sheet_parts(z, "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "worksheets")
    for member, sheet in parts.items():
        if member.lower().endswith(".xml"):
            _raise_if_too_big(path, sheet, _xml_extent(z, member))


def _raise_if_too_big(path: Path, sheet: str, extent: tuple[int, int]) -> None:
    rows, cols = extent
    if rows * cols > MAX_SHEET_CELLS:
        raise _too_many_cells(path, sheet, rows, cols)


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ch - 64)
    return n  # A = 1


def _chunks(z: zipfile.ZipFile, member: str) -> Iterator[bytes]:
    """The member's bytes in pieces, each ending just before a tag that may be cut off."""
    tail = b""
    with z.open(member) as fh:
        while True:
            data = fh.read(SCAN_CHUNK)
            if not data:
                break
            buf = tail + data
            cut = buf.rfind(b"<")
            if cut >= 0 and len(buf) - cut <= 64:  # a tag may continue in the next piece
                buf, tail = buf[:cut], buf[cut:]
            else:
                tail = b""
            yield buf
    if tail:
        yield tail


def _xml_extent(z: zipfile.ZipFile, member: str) -> tuple[int, int]:
    """(rows, columns) of the area calamine will build for this sheet; (0, 0) when a cheap bound
    (the longest column letters and row numbers) already shows it is small enough to read.

    The common case, every cell tag written ``<c r="B12"``, is checked piece by piece: with
    regular expressions for a small sheet (numpy takes longer to import than they take to run),
    otherwise with numpy in a thread while the next piece is inflated (both release the
    interpreter). Anything else (cells without ``r``, prefixed tags) is walked tag by tag as
    calamine does."""
    import sys

    if z.getinfo(member).file_size <= TEXT_SCAN_BYTES and "numpy" not in sys.modules:
        bound: _CellBound = _CellBoundText()
        regular = True
        for buf in _chunks(z, member):  # every piece is inflated: a damaged one is refused
            regular = regular and bound.scan(buf)
    else:
        bound = _CellBound()
        regular = _scan_in_thread(bound, _chunks(z, member))
    if not regular:
        return _xml_extent_exact(z, member)
    rows, cols = bound.rows_bound(), bound.cols_bound()
    if rows * cols <= max(COARSE_CELLS, MAX_SHEET_CELLS):
        return 0, 0  # calamine may build it; the sheet's real size is checked once read
    return bound.exact(z, member)


def _scan_in_thread(bound: _CellBound, pieces: Iterator[bytes]) -> bool:
    """bound.scan over every piece in a worker thread while this thread inflates the next (zlib
    and numpy both release the interpreter). True when every piece was regular. numpy is
    imported first, here: imported in the worker, it would hold the interpreter while this
    thread waits for it between pieces, which costs more than the import."""
    import queue
    import threading

    bound.prepare()
    todo: queue.Queue[bytes | None] = queue.Queue(maxsize=SCAN_QUEUE)
    outcome: list[bool | BaseException] = []

    def work() -> None:
        ok: bool | BaseException = True
        try:
            while (buf := todo.get()) is not None:
                ok = ok and bound.scan(buf)
        except BaseException as e:  # handed to the caller
            ok = e
            while todo.get() is not None:
                pass
        outcome.append(ok)

    worker = threading.Thread(target=work, name="bcpviewer-scan", daemon=True)
    worker.start()
    try:
        for buf in pieces:
            todo.put(buf)
    finally:
        todo.put(None)
        worker.join()
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


class _CellBound:
    """The longest column letters and row numbers of ``<c r="..."`` tags seen so far."""

    def __init__(self) -> None:
        self.letters = 1
        self.digits = 1
        self.np = None

    def prepare(self) -> None:
        """Import numpy (on first use: it takes longer than a small sheet's scan) and build the
        byte classes."""
        if self.np is not None:
            return
        import numpy as np

        alpha = np.zeros(256, bool)
        alpha[ord("A") : ord("Z") + 1] = alpha[ord("a") : ord("z") + 1] = True
        digit = np.zeros(256, bool)
        digit[ord("0") : ord("9") + 1] = True
        sep = np.zeros(256, bool)
        sep[list(b" \t\r\n>/")] = True
        self.alpha, self.digit, self.sep = alpha, digit, sep
        self.np = np

    def _cells(self, buf: bytes):  # -> (array, positions of regular cell tags) or None
        np = self.np
        a = np.frombuffer(buf + bytes(80), dtype=np.uint8)  # padding: no index runs off the end
        n = len(buf)
        # every "c" in the piece, then the ones after "<" (a cell tag) or ":" (a prefixed one)
        c = np.flatnonzero(a[1:n] == 0x63) + 1
        before = a[c - 1]
        lt = c[before == 0x3C] - 1
        cells = lt[self.sep[a[lt + 2]]]
        regular = ((a[cells + 2] == 0x20) & (a[cells + 3] == 0x72) & (a[cells + 4] == 0x3D)
                   & (a[cells + 5] == 0x22))  # ' r="'
        if not regular.all():
            return None
        colon = c[before == 0x3A] - 1  # ":c" (x:c, a prefix)
        if self.sep[a[colon + 2]].any():
            return None
        return a, cells

    def scan(self, buf: bytes) -> bool:
        """Widen the bounds by this piece; False when it holds a cell tag of another form."""
        found = self._cells(buf)
        if found is None:
            return False
        a, cells = found
        if not len(cells):
            return True
        while self.letters < 8 and self.alpha[a[cells + 6 + self.letters]].any():
            self.letters += 1
        start = cells + 6 + self._letter_counts(a, cells)
        while self.digits < 12 and self.digit[a[start + self.digits]].any():
            self.digits += 1
        return True

    def _letter_counts(self, a, cells):
        np = self.np
        counts = np.ones(len(cells), np.int64)
        run = np.ones(len(cells), bool)
        for k in range(1, self.letters):
            run &= self.alpha[a[cells + 6 + k]]
            counts += run
        return counts

    def rows_bound(self) -> int:
        return 10**self.digits - 1

    def cols_bound(self) -> int:
        return _col_number(b"Z" * self.letters)

    def exact(self, z: zipfile.ZipFile, member: str) -> tuple[int, int]:
        """The exact used area of the cells that hold something."""
        self.prepare()
        np = self.np
        rmin = cmin = 1 << 62
        rmax = cmax = -1
        for buf in _chunks(z, member):
            found = self._cells(buf)
            if found is None:
                return _xml_extent_exact(z, member)
            a, cells = found
            # calamine skips cells without a value: <c r="X9" s="1"/> and <c r="X9"></c>
            gt = np.flatnonzero(a[: len(buf)] == 0x3E)
            ends = gt[np.minimum(np.searchsorted(gt, cells), len(gt) - 1)] if len(gt) else cells
            cells = cells[~((a[ends - 1] == 0x2F) | ((a[ends + 1] == 0x3C) & (a[ends + 2] == 0x2F)
                                                     & (a[ends + 3] == 0x63)))]
            if not len(cells):
                continue
            letters = self._letter_counts(a, cells)
            col = np.zeros(len(cells), np.int64)
            for k in range(self.letters):
                ch = a[cells + 6 + k].astype(np.int64)
                use = k < letters
                col = np.where(use, col * 26 + ((ch & ~0x20) - 64), col)
            start = cells + 6 + letters
            row = np.zeros(len(cells), np.int64)
            run = np.ones(len(cells), bool)
            for k in range(self.digits):
                ch = a[start + k]
                run &= self.digit[ch]
                row = np.where(run, row * 10 + (ch.astype(np.int64) - 48), row)
            rmin, rmax = min(rmin, int(row.min())), max(rmax, int(row.max()))
            cmin, cmax = min(cmin, int(col.min())), max(cmax, int(col.max()))
        return (rmax - rmin + 1, cmax - cmin + 1) if rmax >= 0 else (0, 0)


class _CellBoundText(_CellBound):
    """_CellBound's scan with regular expressions (no numpy): the same bounds, the same
    verdicts. Each question of the numpy scan ("does any cell tag have a letter at this place
    of its reference?") is one search."""

    _IRREGULAR = re.compile(rb'<c(?:[\t\r\n>/]| (?!r="))')  # a cell tag not written <c r="
    _PREFIXED = re.compile(rb":c[ \t\r\n>/]")
    _patterns: dict[tuple[int, int], re.Pattern[bytes]] = {}

    def scan(self, buf: bytes) -> bool:
        if self._IRREGULAR.search(buf) or self._PREFIXED.search(buf):
            return False
        if b'<c r="' not in buf:
            return True
        while self.letters < 8 and self._letter_at(self.letters).search(buf):
            self.letters += 1
        while self.digits < 12 and self._digit_after(self.letters, self.digits).search(buf):
            self.digits += 1
        return True

    @classmethod
    def _letter_at(cls, k: int) -> re.Pattern[bytes]:
        """A cell reference with a letter at place k (0 is the first)."""
        pat = cls._patterns.get((k, -1))
        if pat is None:
            pat = cls._patterns[(k, -1)] = re.compile(rb'<c r="(?s:.){%d}[A-Za-z]' % k)
        return pat

    @classmethod
    def _digit_after(cls, letters: int, k: int) -> re.Pattern[bytes]:
        """A digit k places after a reference's letters, counted as _letter_counts does: the
        first place, then letters at places 1 .. letters-1 while they last."""
        pat = cls._patterns.get((letters, k))
        if pat is None:
            alts = [rb"[A-Za-z]{%d}(?![A-Za-z])" % j for j in range(letters - 1)]
            alts.append(rb"[A-Za-z]{%d}" % (letters - 1))
            pat = cls._patterns[(letters, k)] = re.compile(
                rb'<c r="(?s:.)(?:' + b"|".join(alts) + rb")(?s:.){%d}[0-9]" % k)
        return pat


_TAG = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>")
_R_ATTR = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Za-z]*)(\d*)["']""")


def _xml_extent_exact(z: zipfile.ZipFile, member: str) -> tuple[int, int]:
    """The used area following calamine's own counters (cells without ``r``, prefixed tags),
    under both readings of ``<c/>`` (an empty element, or a start and an end): the union."""
    rmin = cmin = 1 << 62
    rmax = cmax = -1
    # per reading: [row, col]; 0 = empty elements ignored, 1 = expanded to start + end
    state = [[0, 0], [0, 0]]
    for buf in _chunks(z, member):
        for m in _TAG.finditer(buf):
            closing, name, attrs = m.groups()
            if closing:
                if name == b"row":
                    for s in state:
                        s[0] += 1
                        s[1] = 0
                continue
            empty = attrs.endswith(b"/")
            ref = _R_ATTR.search(attrs)
            if name == b"row":
                row = int(ref[2]) - 1 if ref and ref[2] else None
                for k, s in enumerate(state):
                    if empty and k == 0:
                        continue
                    if row is not None:
                        s[0] = row
                    if empty:
                        s[0] += 1
                        s[1] = 0
                continue
            pos = (int(ref[2]) - 1, _col_number(ref[1]) - 1) if ref and ref[1] and ref[2] else None
            for k, s in enumerate(state):
                if empty and k == 0:
                    continue
                r, c = pos if pos is not None else (s[0], s[1])
                s[1] = c + 1
                if not empty and not buf.startswith(b"</", m.end()):  # <c></c> holds no value
                    rmin, rmax, cmin, cmax = min(rmin, r), max(rmax, r), min(cmin, c), max(cmax, c)
    return (rmax - rmin + 1, cmax - cmin + 1) if rmax >= 0 else (0, 0)


# -- .ods sheets (repeated rows and cells) ----------------------------------------------------
_ODS_TAG = re.compile(
    rb"<(/?)table:(table|table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*)>"
)
_ODS_REPEAT = re.compile(rb"number-(?:rows|columns)-repeated\s*=\s*[\"'](\d{1,12})[\"']")
_ODS_NAME = re.compile(rb"table:name\s*=\s*(\"[^\"]*\"|'[^']*')")


def _ods_extents(z: zipfile.ZipFile) -> Iterator[tuple[str, tuple[int, int]]]:
    """(sheet name, (rows, columns)) from A1 to the last cell holding something, counting
    repeated rows and cells: eleven bytes of XML can repeat a value over millions of cells, and
    calamine builds them all (it refuses only past 100 million cells, after up to 3 GB)."""
    name, row, col, row_rep, last_row, last_col = "", 0, 0, 1, -1, -1
    repeat = _ODS_REPEAT.search
    for buf in _chunks(z, "content.xml"):
        for closing, tag, attrs in _ODS_TAG.findall(buf):
            if tag == b"table-cell" or tag == b"covered-table-cell":
                if closing:
                    continue
                rep = int(m[1]) or 1 if b"repeated" in attrs and (m := repeat(attrs)) else 1
                # something in it: content (not an empty element) or a value in an attribute
                if not attrs.endswith(b"/") or b"value-type" in attrs:
                    if row + row_rep - 1 > last_row:
                        last_row = row + row_rep - 1
                    if col + rep - 1 > last_col:
                        last_col = col + rep - 1
                col += rep
            elif tag == b"table-row":
                if closing:
                    row += row_rep
                    continue
                rep = int(m[1]) or 1 if b"repeated" in attrs and (m := repeat(attrs)) else 1
                if attrs.endswith(b"/"):
                    row += rep
                else:
                    row_rep, col = rep, 0
            elif closing:  # the end of a table
                yield name, (last_row + 1, last_col + 1)
                name, row, last_row, last_col = "", 0, -1, -1
            else:
                n = _ODS_NAME.search(attrs)
                name = html.unescape(n[1][1:-1].decode("utf-8", "replace")) if n else ""
                row, last_row, last_col = 0, -1, -1
    if last_row >= 0:
        yield name, (last_row + 1, last_col + 1)


# -- .xlsb sheets (binary records) -------------------------------------------------------------
def _xlsb_extent(z: zipfile.ZipFile, member: str) -> tuple[int, int]:
    """The used area of a binary sheet, reading its records as calamine does (a value cell is
    record 2-11 with its column first; BrtRowHdr sets the row; a row past 2^20 ends the data)."""
    with z.open(member) as fh:
        data = fh.read()
    rmin = cmin = 1 << 62
    rmax = cmax = -1
    row, pos, end = 0, 0, len(data)
    in_data = False
    while pos < end:
        typ = data[pos]
        pos += 1
        if typ & 0x80:
            if pos >= end:
                break
            typ = (typ & 0x7F) | ((data[pos] & 0x7F) << 7)
            pos += 1
        size = shift = 0
        for _ in range(4):
            if pos >= end:
                break
            b = data[pos]
            pos += 1
            size |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                break
        body = data[pos : pos + size]
        pos += size
        if typ == 0x0091:  # BrtBeginSheetData
            in_data = True
        elif typ == 0x0092:  # BrtEndSheetData
            break
        elif not in_data:
            continue
        elif typ == 0x0000 and len(body) >= 4:  # BrtRowHdr
            row = struct.unpack_from("<I", body)[0]
            if row > 0x100000:
                break
        elif 0x0002 <= typ <= 0x000B and len(body) >= 4:
            col = struct.unpack_from("<I", body)[0]
            rmin, rmax, cmin, cmax = min(rmin, row), max(rmax, row), min(cmin, col), max(cmax, col)
    return (rmax - rmin + 1, cmax - cmin + 1) if rmax >= 0 else (0, 0)


# -- .xls (BIFF records inside an OLE compound file) ------------------------------------------
# calamine parses the whole compound file and workbook stream when it opens an .xls, trusting its
# numbers: a sector number past the end of the file resizes a buffer to that many sectors, a cycle
# in a sector chain loops forever, a stream length or string count is reserved up front. Each is
# an abort or an endless loop from a 1 KB file, so the structure is walked here first, the way
# calamine will walk it, and anything it could not survive is refused as damaged.
_ENDOFCHAIN, _RESERVED, _DIFSECT = 0xFFFFFFFE, 0xFFFFFFFA, 0xFFFFFFFC
_MAX_RESERVE = 1 << 28  # entries calamine may reserve from a header field (1 GB of u32)
_XLS_CELLS = frozenset({0x0006, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD})  # what calamine keeps
_XLS_MULRK = 0x00BD


class _Damaged(Exception):
    """The compound file or workbook stream would take calamine down; the text says why."""


class _Cfb:
    """A compound file read exactly as calamine's Cfb reads it, checking every step."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512:
            raise _Damaged("too short for an Excel 97-2003 file")
        shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            raise _NotChecked  # calamine refuses these headers itself
        self.size = 1 << shift
        self.data = data
        self.body = len(data) - self.size  # the header takes the first sector
        if self.body < 0:
            raise _Damaged("too short for its sector size")
        (dir_len, fat_len, dir_start, _sig, _cutoff, minifat_start, minifat_len, difat_start,
         _difat_count) = struct.unpack_from("<IIIIIIIII", data, 0x28)
        difat_len, = struct.unpack_from("<I", data, 62)  # calamine reads this odd slice
        if fat_len > self.sectors() + 1 or difat_len > _MAX_RESERVE:
            raise _Damaged("its sector tables claim more sectors than the file holds")
        difat = list(struct.unpack_from("<109I", data, 0x4C))
        sector, steps = difat_start, 0
        while sector < _RESERVED:
            difat.extend(self._ints(self.sector(sector)))
            sector = difat.pop()
            steps += 1
            if steps > self.sectors() + 1:
                raise _Damaged("its sector allocation table loops")
        self.fat: list[int] = []
        for sector in difat:
            if sector < _DIFSECT:
                self.fat.extend(self._ints(self.sector(sector)))
        if dir_len * self.size > len(data):
            raise _Damaged("its directory is longer than the file")
        directory = self.chain(dir_start, dir_len * self.size)
        self.entries: list[tuple[str, int, int]] = []
        for off in range(0, len(directory), 128):
            raw = directory[off : off + 128]
            if len(raw) < 128:
                raise _Damaged("its directory is cut short")
            name = raw[:64].decode("utf-16-le", "replace").split("\x00", 1)[0]
            start, = struct.unpack_from("<I", raw, 116)
            length = struct.unpack_from("<I" if self.size == 512 else "<Q", raw, 120)[0]
            self.entries.append((name, start, length))
        if not self.entries:
            raise _Damaged("its directory is empty")
        self.ministream = b""
        self.minifat: list[int] = []
        if minifat_len > 0:
            root_start, root_len = self.entries[0][1], self.entries[0][2]
            if root_len > len(data) or minifat_len * self.size > len(data):
                raise _Damaged("its small-stream area is longer than the file")
            self.ministream = self.chain(root_start, root_len)
            self.minifat = self._ints(self.chain(minifat_start, minifat_len * self.size))

    def sectors(self) -> int:
        return -(-self.body // self.size)

    def sector(self, n: int) -> bytes:
        if n >= self.sectors():
            raise _Damaged("a sector number points past the end of the file")
        return self.data[(n + 1) * self.size : (n + 2) * self.size]

    @staticmethod
    def _ints(raw: bytes) -> list[int]:
        return list(struct.unpack_from(f"<{len(raw) // 4}I", raw))

    def chain(self, start: int, length: int, mini: bool = False) -> bytes:
        table = self.minifat if mini else self.fat
        out: list[bytes] = []
        n, steps = start, 0
        while n != _ENDOFCHAIN:
            if mini:
                if n * 64 >= len(self.ministream):
                    raise _Damaged("a small-stream sector points past its area")
                out.append(self.ministream[n * 64 : n * 64 + 64])
            else:
                out.append(self.sector(n))
            if n >= len(table):
                raise _Damaged("a sector chain runs off its table")
            n = table[n]
            steps += 1
            if steps > len(table):
                raise _Damaged("a sector chain loops")
        data = b"".join(out)
        return data[:length] if length > 0 else data

    def stream(self, name: str) -> bytes | None:
        """The stream calamine would read for ``name`` (the first entry so named)."""
        for entry, start, length in self.entries:
            if entry == name:
                if length >= 4096 and length > len(self.data):
                    raise _Damaged(f"its {name} stream is longer than the file")
                return self.chain(start, length, mini=length < 4096)
        return None


class _NotChecked(Exception):
    """Not a compound file this check understands; calamine will say what is wrong."""


def _check_xls_extents(path: Path) -> None:
    """Refuse an .xls that calamine could not survive: a broken compound file (see _Cfb), a
    string table or sheet dimension beyond belief, or cells spanning more than MAX_SHEET_CELLS
    (cells past column IV are not Excel's, but calamine would build a grid up to column 65,536)."""
    size = file_size(path)
    if size > MAX_UNCOMPRESSED_BYTES:
        raise LoadError(
            str(path),
            f"This workbook is {format_bytes(size)}, more than the "
            f"{format_bytes(MAX_UNCOMPRESSED_BYTES)} limit: split it into smaller files.",
        )
    try:
        cfb = _Cfb(path.read_bytes())
        if any(name == "_VBA_PROJECT_CUR" for name, _s, _l in cfb.entries):
            for name, _start, _length in cfb.entries:  # calamine reads the macros too
                cfb.stream(name)
        stream = cfb.stream("Workbook")
        if stream is None:
            stream = cfb.stream("Book")
        if stream is None:
            return  # an encrypted .xlsx (EncryptedPackage) or another OLE document
        _check_biff(path, stream)
    except _NotChecked:
        return
    except (_Damaged, struct.error) as e:
        detail = str(e) if isinstance(e, _Damaged) else "its records are cut short"
        raise LoadError(
            str(path), f"This file cannot be read as an old Excel .xls file: {detail}."
        ) from None


def _records(stream: bytes, pos: int) -> Iterator[tuple[int, int, int]]:
    """(type, start of data, length) of each BIFF record from ``pos``, as calamine iterates them."""
    end = len(stream)
    while pos + 4 <= end:
        typ, size = struct.unpack_from("<HH", stream, pos)
        if pos + 4 + size > end:
            return
        yield typ, pos + 4, size
        pos += 4 + size


def _check_biff(path: Path, stream: bytes) -> None:
    sheets: list[int] = []
    for typ, at, size in _records(stream, 0):
        if typ == 0x002F:  # FILEPASS: encrypted from here; calamine reports the password
            return
        if typ == 0x00FC and size >= 8:  # SST: calamine reserves this many strings
            count, = struct.unpack_from("<i", stream, at + 4)
            if count < 0 or count > len(stream) // 3:
                raise _Damaged("its shared string table claims more strings than it holds")
        elif typ == 0x0085 and size >= 4:  # BoundSheet8: where a sheet's records start
            sheets.append(struct.unpack_from("<I", stream, at)[0])
        elif typ == 0x000A:
            break
    for pos in sheets:
        if pos > len(stream):
            continue  # calamine stops with an error there
        rmin = cmin = 1 << 62
        rmax = cmax = -1
        for typ, at, size in _records(stream, pos):
            if typ == 0x000A:
                break
            if typ == 0x0200 and size in (10, 14):  # DIMENSIONS: calamine reserves rows x cols
                if size == 10:
                    rf, rl, cf, cl = struct.unpack_from("<HHHH", stream, at)
                else:
                    rf, rl, cf, cl = struct.unpack_from("<IIHH", stream, at)
                # calamine: (last - first + 1) in wrapping 32-bit arithmetic, (1, 1) if empty
                rows, cols = ((rl - rf) % 2**32, (cl - cf) % 2**32) if rl and cl else (1, 1)
                _raise_if_too_big(path, "", (rows, cols))
            elif typ in _XLS_CELLS and size >= 4:
                r, c = struct.unpack_from("<HH", stream, at)
                rmin, rmax, cmin, cmax = min(rmin, r), max(rmax, r), min(cmin, c), max(cmax, c)
            elif typ == _XLS_MULRK and size >= 6:
                r, c = struct.unpack_from("<HH", stream, at)
                last, = struct.unpack_from("<H", stream, at + size - 2)
                rmin, rmax = min(rmin, r), max(rmax, r)
                cmin, cmax = min(cmin, c, last), max(cmax, c, last)
        if rmax >= 0:
            _raise_if_too_big(path, "", (rmax - rmin + 1, cmax - cmin + 1))


# -- reading -----------------------------------------------------------------------------------
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
        raise LoadError(str(path), _damaged(path, e)) from None
    except BaseException as e:
        if _is_panic(e):
            raise LoadError(str(path), _damaged(path, e)) from None
        raise


def _open(path: Path) -> pc.CalamineWorkbook:
    with _calamine(path):
        return pc.CalamineWorkbook.from_path(str(path))


def _is_panic(e: BaseException) -> bool:
    """pyo3 turns a Rust panic into pyo3_runtime.PanicException (a BaseException)."""
    return type(e).__name__ == "PanicException"


def _damaged(path: Path, e: BaseException) -> str:
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
    cells = sheet.height * sheet.width
    if cells > MAX_SHEET_CELLS:
        raise LoadError(
            str(path),
            f"Sheet '{name}' holds {sheet.height:,} rows x {sheet.width:,} columns ({cells:,} "
            f"cells), more than the {MAX_SHEET_CELLS:,}-cell limit: delete unused rows and "
            "columns or split the sheet.",
        )
    if cells == 0 or sheet.start is None:
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


def file_size(path: Path) -> int:
    return os.stat(path).st_size

"""The used area of an .xlsx/.xlsm sheet, read from its XML before calamine sees it.

calamine builds a dense grid from a sheet's first to its last used cell, so the guard needs the
corners, and it counts the cell tags too (a sheet of one cell repeated millions of times is a
small area but a huge cell list). The common case, every tag written ``<c r="B12"``, is scanned
fast (regular expressions, or numpy in a thread for a large part); anything else is walked tag by
tag as calamine does.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator

from bcpviewer.io.guard_zip import chunks, col_number

SCAN_QUEUE = 16  # pieces inflated ahead of the numpy scan
TEXT_SCAN_BYTES = 12 << 20  # sheet XML up to this size is scanned without numpy

def xml_extent(z: zipfile.ZipFile, member: str, coarse_cells: int) -> tuple[int, int, int]:
    """(rows, columns) of the area calamine will build for this sheet, (0, 0) when a cheap bound
    (the longest column letters and row numbers) already shows it is small enough to read, and
    the number of cell tags (calamine keeps each cell with a value in a list).

    The common case, every cell tag written ``<c r="B12"``, is checked piece by piece: with
    regular expressions for a small sheet (numpy takes longer to import than they take to run),
    otherwise with numpy in a thread while the next piece is inflated (both release the
    interpreter). Anything else (cells without ``r``, prefixed tags) is walked tag by tag as
    calamine does."""
    import sys

    if z.getinfo(member).file_size <= TEXT_SCAN_BYTES and "numpy" not in sys.modules:
        bound: _CellBound = _CellBoundText()
        regular = True
        for buf in chunks(z, member):  # every piece is inflated: a damaged one is refused
            regular = regular and bound.scan(buf)
    else:
        bound = _CellBound()
        regular = _scan_in_thread(bound, chunks(z, member))
    if not regular:
        return _xml_extent_exact(z, member)
    rows, cols = bound.rows_bound(), bound.cols_bound()
    if rows * cols <= coarse_cells:
        return 0, 0, bound.tags  # calamine may build it; the sheet's real size is checked once read
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
        self.tags = 0  # cell tags seen
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
        self.tags += len(cells)
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
        return col_number(b"Z" * self.letters)

    def exact(self, z: zipfile.ZipFile, member: str) -> tuple[int, int, int]:
        """The exact used area of the cells that hold something, and the cell tags counted."""
        self.prepare()
        np = self.np
        rmin = cmin = 1 << 62
        rmax = cmax = -1
        for buf in chunks(z, member):
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
        return (rmax - rmin + 1, cmax - cmin + 1, self.tags) if rmax >= 0 else (0, 0, self.tags)


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
        self.tags += buf.count(b'<c r="')
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


def _xml_extent_exact(z: zipfile.ZipFile, member: str) -> tuple[int, int, int]:
    """The used area following calamine's own counters (cells without ``r``, prefixed tags),
    under both readings of ``<c/>`` (an empty element, or a start and an end): the union."""
    rmin = cmin = 1 << 62
    rmax = cmax = -1
    tags = 0
    # per reading: [row, col]; 0 = empty elements ignored, 1 = expanded to start + end
    state = [[0, 0], [0, 0]]
    for buf in chunks(z, member):
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
            tags += 1
            pos = (int(ref[2]) - 1, col_number(ref[1]) - 1) if ref and ref[1] and ref[2] else None
            for k, s in enumerate(state):
                if empty and k == 0:
                    continue
                r, c = pos if pos is not None else (s[0], s[1])
                s[1] = c + 1
                if not empty and not buf.startswith(b"</", m.end()):  # <c></c> holds no value
                    rmin, rmax, cmin, cmax = min(rmin, r), max(rmax, r), min(cmin, c), max(cmax, c)
    return (rmax - rmin + 1, cmax - cmin + 1, tags) if rmax >= 0 else (0, 0, tags)


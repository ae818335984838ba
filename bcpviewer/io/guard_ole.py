"""An old Excel .xls (BIFF records in an OLE compound file) walked the way calamine will walk it,
before calamine sees it: what it could not survive is refused as damaged, and each sheet's used
area is reported for the size limit.

calamine parses the whole compound file and workbook stream when it opens an .xls, trusting its
numbers: a sector number past the end of the file resizes a buffer to that many sectors, a cycle
in a sector chain loops forever, a stream length or string count is reserved up front. Each is
an abort or an endless loop from a 1 KB file, so the structure is walked here first, the way
calamine will walk it, and anything it could not survive is refused as damaged.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

_ENDOFCHAIN, _RESERVED, _DIFSECT = 0xFFFFFFFE, 0xFFFFFFFA, 0xFFFFFFFC
_MAX_RESERVE = 1 << 28  # entries calamine may reserve from a header field (1 GB of u32)
_XLS_CELLS = frozenset({0x0006, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD})  # what calamine keeps
_XLS_MULRK = 0x00BD


class Damaged(Exception):
    """The compound file or workbook stream would take calamine down; the text says why."""


class _Cfb:
    """A compound file read exactly as calamine's Cfb reads it, checking every step."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512:
            raise Damaged("too short for an Excel 97-2003 file")
        shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            raise NotChecked  # calamine refuses these headers itself
        self.size = 1 << shift
        self.data = data
        self.body = len(data) - self.size  # the header takes the first sector
        if self.body < 0:
            raise Damaged("too short for its sector size")
        (dir_len, fat_len, dir_start, _sig, _cutoff, minifat_start, minifat_len, difat_start,
         _difat_count) = struct.unpack_from("<IIIIIIIII", data, 0x28)
        difat_len, = struct.unpack_from("<I", data, 62)  # calamine reads this odd slice
        if fat_len > self.sectors() + 1 or difat_len > _MAX_RESERVE:
            raise Damaged("its sector tables claim more sectors than the file holds")
        difat = list(struct.unpack_from("<109I", data, 0x4C))
        sector, steps = difat_start, 0
        while sector < _RESERVED:
            difat.extend(self._ints(self.sector(sector)))
            sector = difat.pop()
            steps += 1
            if steps > self.sectors() + 1:
                raise Damaged("its sector allocation table loops")
        self.fat: list[int] = []
        for sector in difat:
            if sector < _DIFSECT:
                self.fat.extend(self._ints(self.sector(sector)))
        if dir_len * self.size > len(data):
            raise Damaged("its directory is longer than the file")
        directory = self.chain(dir_start, dir_len * self.size)
        self.entries: list[tuple[str, int, int]] = []
        for off in range(0, len(directory), 128):
            raw = directory[off : off + 128]
            if len(raw) < 128:
                raise Damaged("its directory is cut short")
            name = raw[:64].decode("utf-16-le", "replace").split("\x00", 1)[0]
            start, = struct.unpack_from("<I", raw, 116)
            length = struct.unpack_from("<I" if self.size == 512 else "<Q", raw, 120)[0]
            self.entries.append((name, start, length))
        if not self.entries:
            raise Damaged("its directory is empty")
        self.ministream = b""
        self.minifat: list[int] = []
        if minifat_len > 0:
            root_start, root_len = self.entries[0][1], self.entries[0][2]
            if root_len > len(data) or minifat_len * self.size > len(data):
                raise Damaged("its small-stream area is longer than the file")
            self.ministream = self.chain(root_start, root_len)
            self.minifat = self._ints(self.chain(minifat_start, minifat_len * self.size))

    def sectors(self) -> int:
        return -(-self.body // self.size)

    def sector(self, n: int) -> bytes:
        if n >= self.sectors():
            raise Damaged("a sector number points past the end of the file")
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
                    raise Damaged("a small-stream sector points past its area")
                out.append(self.ministream[n * 64 : n * 64 + 64])
            else:
                out.append(self.sector(n))
            if n >= len(table):
                raise Damaged("a sector chain runs off its table")
            n = table[n]
            steps += 1
            if steps > len(table):
                raise Damaged("a sector chain loops")
        data = b"".join(out)
        return data[:length] if length > 0 else data

    def stream(self, name: str) -> bytes | None:
        """The stream calamine would read for ``name`` (the first entry so named)."""
        for entry, start, length in self.entries:
            if entry == name:
                if length >= 4096 and length > len(self.data):
                    raise Damaged(f"its {name} stream is longer than the file")
                return self.chain(start, length, mini=length < 4096)
        return None


class NotChecked(Exception):
    """Not a compound file this check understands; calamine will say what is wrong."""


def xls_extents(data: bytes) -> Iterator[tuple[int, int]]:
    """(rows, columns) calamine will reserve or build for each sheet of an .xls (a DIMENSIONS
    record, then the cells' corners; cells past column IV are not Excel's, but calamine would build
    a grid up to column 65,536). Raises Damaged for a compound file or stream calamine could not
    survive (see _Cfb) and NotChecked for one this walk does not understand."""
    try:
        cfb = _Cfb(data)
        if any(name == "_VBA_PROJECT_CUR" for name, _s, _l in cfb.entries):
            for name, _start, _length in cfb.entries:  # calamine reads the macros too
                cfb.stream(name)
        stream = cfb.stream("Workbook")
        if stream is None:
            stream = cfb.stream("Book")
        if stream is None:
            return  # an encrypted .xlsx (EncryptedPackage) or another OLE document
        yield from _biff_extents(stream)
    except struct.error:
        raise Damaged("its records are cut short") from None


def _records(stream: bytes, pos: int) -> Iterator[tuple[int, int, int]]:
    """(type, start of data, length) of each BIFF record from ``pos``, as calamine iterates them."""
    end = len(stream)
    while pos + 4 <= end:
        typ, size = struct.unpack_from("<HH", stream, pos)
        if pos + 4 + size > end:
            return
        yield typ, pos + 4, size
        pos += 4 + size


def _biff_extents(stream: bytes) -> Iterator[tuple[int, int]]:
    sheets: list[int] = []
    for typ, at, size in _records(stream, 0):
        if typ == 0x002F:  # FILEPASS: encrypted from here; calamine reports the password
            return
        if typ == 0x00FC and size >= 8:  # SST: calamine reserves this many strings
            count, = struct.unpack_from("<i", stream, at + 4)
            if count < 0 or count > len(stream) // 3:
                raise Damaged("its shared string table claims more strings than it holds")
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
                yield rows, cols
            elif typ in _XLS_CELLS and size >= 4:
                r, c = struct.unpack_from("<HH", stream, at)
                rmin, rmax, cmin, cmax = min(rmin, r), max(rmax, r), min(cmin, c), max(cmax, c)
            elif typ == _XLS_MULRK and size >= 6:
                r, c = struct.unpack_from("<HH", stream, at)
                last, = struct.unpack_from("<H", stream, at + size - 2)
                rmin, rmax = min(rmin, r), max(rmax, r)
                cmin, cmax = min(cmin, c, last), max(cmax, c, last)
        if rmax >= 0:
            yield rmax - rmin + 1, cmax - cmin + 1


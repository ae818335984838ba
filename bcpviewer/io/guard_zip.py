"""Low-level reading of a zip workbook package for the pre-read guards: its parts in pieces, which
parts calamine reads as sheets, and the used area of a binary (.xlsb) sheet.

Shared by guard_xml (.xlsx sheet XML) and guard_ods (.ods content.xml); the policy (what is too
big) is in workbook_guard.
"""

from __future__ import annotations

import html
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator

SCAN_CHUNK = 1 << 20  # bytes of part XML decompressed and scanned at a time
MAX_META_BYTES = 16 << 20  # workbook.xml and its relationships: more is not a real workbook

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


def sheet_parts(z: zipfile.ZipFile, workbook: str, rels: str, sheet_dir: str) -> dict[str, str]:
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




def col_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ch - 64)
    return n  # A = 1


def chunks(z: zipfile.ZipFile, member: str) -> Iterator[bytes]:
    """The member's bytes in pieces, each ending just before a tag that may be cut off."""
    tail = b""
    for data in inflate(z, member):
        buf = tail + data
        cut = buf.rfind(b"<")
        if cut >= 0 and len(buf) - cut <= 64:  # a tag may continue in the next piece
            buf, tail = buf[:cut], buf[cut:]
        else:
            tail = b""
        yield buf
    if tail:
        yield tail


class SizeMismatch(zipfile.BadZipFile):
    """A part inflates to more (or less) than the size the package declares for it."""


def inflate(z: zipfile.ZipFile, member: str) -> Iterator[bytes]:
    """The member's bytes in pieces of at most SCAN_CHUNK, inflated here from its raw data so that
    a part inflating past its declared size is refused at that point (SizeMismatch).

    zipfile stops at the declared size and checks the CRC of what it read, which a crafted part
    can match; calamine's zip reader inflates to the end of the data. So a 1 KB declaration over
    gigabytes of text would pass a check through zipfile and still take calamine down."""
    info = z.getinfo(member)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & 1:
        with z.open(info) as fh:  # encrypted (RuntimeError) or another method: zipfile says what
            while data := fh.read(SCAN_CHUNK):
                yield data
        return
    produced = 0
    d = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    for raw in _raw_pieces(z, info):
        pending = raw
        while pending:
            if d is None:
                out, pending = pending, b""
            else:
                out = d.decompress(pending, SCAN_CHUNK)
                pending = d.unconsumed_tail
            produced += len(out)
            if produced > info.file_size:
                raise SizeMismatch(f"part {member} inflates past its declared {info.file_size:,} bytes")
            if out:
                yield out
        if d is not None and d.eof:
            break
    if produced != info.file_size or (d is not None and not d.eof):
        raise SizeMismatch(f"part {member} is cut short")


def _raw_pieces(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's compressed bytes, read from the package file after its local header."""
    if z.filename is None:
        raise zipfile.BadZipFile("the package has no file name")
    with open(z.filename, "rb") as fh:
        fh.seek(info.header_offset)
        head = fh.read(30)
        if len(head) < 30 or head[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"part {info.filename} has no local header")
        name_len, extra_len = struct.unpack_from("<HH", head, 26)
        fh.seek(info.header_offset + 30 + name_len + extra_len)
        left = info.compress_size
        while left > 0:
            data = fh.read(min(SCAN_CHUNK, left))
            if not data:
                raise zipfile.BadZipFile(f"part {info.filename} is cut short")
            left -= len(data)
            yield data


def xlsb_extent(z: zipfile.ZipFile, member: str) -> tuple[int, int]:
    """The used area of a binary sheet, reading its records as calamine does (a value cell is
    record 2-11 with its column first; BrtRowHdr sets the row; a row past 2^20 ends the data)."""
    data = b"".join(inflate(z, member))
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


_SI = re.compile(rb"<[\w.-]+:si[\s>/]")  # a prefixed shared-string item


def shared_string_count(z: zipfile.ZipFile, member: str) -> int:
    """How many items (``<si>``) a sharedStrings part holds, inflated piece by piece."""
    count = 0
    for buf in chunks(z, member):
        count += buf.count(b"<si>") + buf.count(b"<si ")
        if b":si" in buf:
            count += len(_SI.findall(buf))
    return count

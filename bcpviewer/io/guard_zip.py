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



def xlsb_extent(z: zipfile.ZipFile, member: str) -> tuple[int, int]:
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


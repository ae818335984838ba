"""CSV and other delimited text: UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text"),
or Windows-1252; , ; tab or |."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path

from bcpviewer.io.errors import LoadError
from bcpviewer.io.files import read_capped
from bcpviewer.io.grid import MAX_SHEET_CELLS, MAX_TEXT_BYTES, Grid

EXTENSIONS = (".csv", ".tsv", ".txt", ".tab")
DELIMITERS = ",;\t|"
SAMPLE_BYTES = 8192
MAX_COLUMNS = 16_384  # Excel's widest sheet
_WIDTH_SLICE = 8 << 20  # bytes or characters counted at a time
# Control bytes that never appear in text (tab, newlines, form feed and Ctrl-Z excepted).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 26))
_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

# A long note in one cell is text, not an attack: the file as a whole is capped instead.
if csv.field_size_limit() < MAX_TEXT_BYTES:
    csv.field_size_limit(MAX_TEXT_BYTES)


def _not_text(path: Path) -> LoadError:
    return LoadError(
        str(path),
        "This file is not text (it contains binary data): if it is a spreadsheet, give it its "
        "proper extension (.xlsx, .xls or .ods).",
    )


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the NULs fall on one side of each pair, as they do in
    mostly-Latin UTF-16 text saved without a byte-order mark."""
    even, odd = sample[0::2], sample[1::2]
    if len(odd) < 4:
        return None
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.3 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.3 and zeros_odd < 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, path: Path) -> str:
    """Text of a delimited file: by its byte-order mark; else UTF-16 recognised by its NULs; else
    UTF-8, then Windows-1252, then Latin-1. Stray NUL characters are dropped."""
    for bom, encoding, label in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding).replace("\x00", "")
            except UnicodeDecodeError:
                if encoding == "utf-8":  # a UTF-8 mark on Windows-1252 text: read the text
                    return _decode_8bit(data[len(bom) :])
                raise LoadError(
                    str(path),
                    f"This file is marked as {label} text but is not valid {label}: save it again "
                    "as CSV (UTF-8) and open that.",
                ) from None
    sample = data[:SAMPLE_BYTES]
    if b"\x00" in sample and (encoding := _utf16_without_bom(sample)) is not None:
        try:
            return data.decode(encoding).replace("\x00", "")
        except UnicodeDecodeError:
            raise _not_text(path) from None
    if sample and len(sample) - len(sample.translate(None, _CONTROL)) > 0.02 * len(sample):
        raise _not_text(path)
    return _decode_8bit(data)


def _decode_8bit(data: bytes) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding).replace("\x00", "")
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1").replace("\x00", "")


def sniff_delimiter(sample: str) -> str:
    """The delimiter that splits the first lines most consistently (comma when unsure)."""
    lines = [ln for ln in sample.splitlines()[:50] if ln.strip()]
    if not lines:
        return ","
    best, best_score = ",", 0.0
    for d in DELIMITERS:
        counts = [ln.count(d) for ln in lines]
        if not counts[0]:
            continue
        consistent = sum(1 for c in counts if c == counts[0]) / len(counts)
        score = consistent * counts[0] ** 0.5
        if score > best_score:
            best, best_score = d, score
    return best


def read_grid(path: Path) -> Grid:
    """The file's rows as one grid; LoadError naming the limit for a file too large, a line with
    more than MAX_COLUMNS separators or more than MAX_SHEET_CELLS cells in all."""
    data = read_capped(path, MAX_TEXT_BYTES, "text file")
    text = decode(data, path)
    delimiter = sniff_delimiter(text[:65536])
    _check_width(path, text, delimiter, data)
    del data
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        if text.count(delimiter) + text.count("\n") + 1 <= MAX_SHEET_CELLS:
            rows: list[list[object]] = list(reader)  # cannot pass the cell limit
        else:
            rows = _rows_counted(path, reader)
    except csv.Error as e:
        raise LoadError(str(path), f"This file is not valid delimited text ({e}).") from None
    return Grid(path.name, None, rows)


def _rows_counted(path: Path, reader: Iterator[list[str]]) -> list[list[object]]:
    """The rows, stopping with LoadError once more than MAX_SHEET_CELLS cells are read (a file of
    tiny cells holds far more Python objects than bytes)."""
    rows: list[list[object]] = []
    cells = 0
    for row in reader:
        cells += len(row)
        if cells > MAX_SHEET_CELLS:
            raise LoadError(
                str(path),
                f"This file holds more than {MAX_SHEET_CELLS:,} cells (the limit) by row "
                f"{len(rows) + 1:,}: split it into smaller files.",
            )
        rows.append(row)
    return rows


def _check_width(path: Path, text: str, delimiter: str, data: bytes | None = None) -> None:
    """Refuse, before parsing, a line with more than MAX_COLUMNS separators: the csv module builds
    a whole row at once, so a one-line file of millions of columns would be built in full. A
    quoted separator counts too (the bound is generous)."""
    if text.count(delimiter) <= MAX_COLUMNS:
        return
    ascii_like = data is not None and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) \
        and b"\x00" not in data[:SAMPLE_BYTES]  # UTF-8, Windows-1252: one byte per separator
    line, widest = _widest_line(data if ascii_like and data is not None else text, delimiter)
    if widest > MAX_COLUMNS:
        raise LoadError(
            str(path),
            f"Line {line:,} of this file has more than {MAX_COLUMNS:,} columns (the limit): "
            "check that it is a table, or split it into smaller files.",
        )


def _widest_line(text: str | bytes, delimiter: str) -> tuple[int, int]:
    """(1-based line number, separators) of the line with the most separators; counted with numpy
    over slices (of the bytes of an ASCII-compatible file, else of the text as 32-bit codes),
    carrying a line cut by a slice into the next."""
    import numpy as np

    sep, newline = ord(delimiter), ord("\n")
    best_line, best, carry, lines_before = 1, -1, 0, 0
    for at in range(0, len(text), _WIDTH_SLICE):
        piece = text[at : at + _WIDTH_SLICE]
        codes = (np.frombuffer(piece, dtype=np.uint8) if isinstance(piece, bytes)
                 else np.frombuffer(piece.encode("utf-32-le"), dtype=np.uint32))
        seps = np.flatnonzero(codes == sep)
        ends = np.flatnonzero(codes == newline)
        at_ends = np.searchsorted(seps, ends)  # separators before each line end in this slice
        counts = np.diff(at_ends, prepend=0)
        if len(counts):
            counts[0] += carry
            k = int(counts.argmax())
            if counts[k] > best:
                best_line, best = lines_before + k + 1, int(counts[k])
            carry = len(seps) - int(at_ends[-1])
        else:
            carry += len(seps)
        lines_before += len(ends)
    if carry > best:  # the last line, without a newline
        best_line, best = lines_before + 1, carry
    return best_line, best

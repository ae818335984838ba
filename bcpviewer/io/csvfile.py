"""CSV and other delimited text: UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text"),
or Windows-1252; , ; tab or |."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from bcpviewer.io.errors import LoadError
from bcpviewer.io.grid import MAX_TEXT_BYTES, Grid, format_bytes

EXTENSIONS = (".csv", ".tsv", ".txt", ".tab")
DELIMITERS = ",;\t|"
SAMPLE_BYTES = 8192
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
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise LoadError(
            str(path),
            f"This text file is {format_bytes(size)}, more than the {format_bytes(MAX_TEXT_BYTES)} "
            "limit: split it into smaller files.",
        )
    text = decode(path.read_bytes(), path)
    delimiter = sniff_delimiter(text[:65536])
    try:
        rows: list[list[object]] = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as e:
        raise LoadError(str(path), f"This file is not valid delimited text ({e}).") from None
    return Grid(path.name, None, rows)

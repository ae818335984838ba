"""CSV and other delimited text: UTF-8 (with or without BOM) or Windows-1252; , ; tab or |."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from bcpviewer.io.errors import LoadError
from bcpviewer.io.grid import MAX_TEXT_BYTES, Grid

EXTENSIONS = (".csv", ".tsv", ".txt", ".tab")
DELIMITERS = ",;\t|"


def decode(data: bytes, path: Path) -> str:
    """Text of a delimited file: UTF-8 (BOM or not), then Windows-1252, then Latin-1."""
    if b"\x00" in data[:4096]:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                return data.decode("utf-16")
            except UnicodeDecodeError:
                pass
        raise LoadError(
            str(path),
            "This file is not text (it contains binary data): if it is a spreadsheet, give it its "
            "proper extension (.xlsx, .xls or .ods).",
        )
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


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
            f"This text file is {size / 1e6:.0f} MB, more than the {MAX_TEXT_BYTES / 1e6:.0f} MB "
            "limit: split it into smaller files.",
        )
    text = decode(path.read_bytes(), path)
    delimiter = sniff_delimiter(text[:65536])
    try:
        rows: list[list[object]] = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as e:
        raise LoadError(str(path), f"This file is not valid delimited text ({e}).") from None
    return Grid(path.name, None, rows)

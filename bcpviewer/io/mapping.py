"""A user's column mapping for a table the importer could not match by itself: which row is the
header, which kind of record each row is, and which column holds which field. Applying it gives
records and problems exactly as a matched table would; a signature of the header row lets the
mapping be remembered for files with the same headers."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bcpviewer.io.actions import read_actions
from bcpviewer.io.events import read_events
from bcpviewer.io.grid import Grid
from bcpviewer.io.layout import FIELDS, KINDS, REQUIRED
from bcpviewer.io.metrics import read_metrics
from bcpviewer.io.sources import read_sources
from bcpviewer.io.tables import Table, match_header
from bcpviewer.io.values import text_of
from bcpviewer.model.records import Dataset, Problem
from bcpviewer.model.vocab import squash

SCAN_ROWS = 40  # rows searched for a remembered header, and offered as the header row
PREVIEW_ROWS = 200  # data rows the live preview reads
READERS = {"actions": read_actions, "events": read_events, "metrics": read_metrics,
           "sources": read_sources}


@dataclass(frozen=True)
class ColumnMapping:
    """The header row (index into the grid's rows), the kind of record, field -> column index."""

    kind: str
    header_row: int
    columns: Mapping[str, int] = field(default_factory=dict)
    signature: str = ""  # of the header row the mapping was made on

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "header_row": self.header_row, "columns": dict(self.columns),
                "signature": self.signature}

    @classmethod
    def from_json(cls, data: object) -> ColumnMapping | None:
        """A mapping read back from JSON; None when it is not one (a damaged file)."""
        if not isinstance(data, dict):
            return None
        kind, row, cols = data.get("kind"), data.get("header_row"), data.get("columns")
        if kind not in KINDS or not isinstance(row, int) or not isinstance(cols, dict):
            return None
        known = {f.key for f in FIELDS[kind]}
        columns = {k: v for k, v in cols.items()
                   if k in known and isinstance(v, int) and not isinstance(v, bool) and v >= 0}
        sig = data.get("signature")
        return cls(kind, max(0, row), columns, sig if isinstance(sig, str) else "")


@dataclass(frozen=True)
class Preview:
    """What a mapping would give: the records, the problems, and what is still to choose."""

    dataset: Dataset
    missing: tuple[str, ...]  # headers of needed fields with no column chosen

    @property
    def ok(self) -> bool:
        return not self.missing


def signature(cells: list[object]) -> str:
    """A stable signature of a header row: its cells compared as headers are (case, spaces and
    punctuation ignored), trailing blanks dropped. Empty for a blank row."""
    keys = [squash(text_of(c)) for c in cells]
    while keys and not keys[-1]:
        keys.pop()
    if not any(keys):
        return ""
    return hashlib.blake2s("\x1f".join(keys).encode("utf-8"), digest_size=10).hexdigest()


def header_texts(grid: Grid, row: int) -> list[str]:
    """The header row's cells as text, one per column of the grid (blank headers named by letter)."""
    cells = grid.rows[row] if 0 <= row < len(grid.rows) else []
    out = []
    for j in range(grid.width):
        t = text_of(cells[j]) if j < len(cells) else ""
        out.append(t or f"Column {grid.column_name(j)}")
    return out


def field_labels(kind: str) -> list[tuple[str, str, bool]]:
    """(key, header, needed) of each field of ``kind``, in the app's order."""
    return [(f.key, f.header, f.required) for f in FIELDS[kind]]


def guess_header_row(grid: Grid) -> int:
    """The row most like a header among the first rows: the most filled text cells, with more
    rows below it; the first of equals."""
    best, best_score = 0, -1.0
    for i, row in enumerate(grid.rows[:SCAN_ROWS]):
        texts = [c for c in row if isinstance(c, str) and c.strip()]
        filled = sum(1 for c in row if text_of(c))
        if filled < 2:
            continue
        score = len(texts) + 0.5 * (filled == len(texts)) - 0.01 * i
        if score > best_score:
            best, best_score = i, score
    return best


def guess(grid: Grid, kind: str | None = None, header_row: int | None = None) -> ColumnMapping:
    """A first mapping to offer: the likely header row, and the columns whose headers are known
    synonyms for ``kind`` (or for the kind that matches most of them)."""
    row = guess_header_row(grid) if header_row is None else header_row
    cells = grid.rows[row] if 0 <= row < len(grid.rows) else []
    kinds = [kind] if kind else list(KINDS)
    best: tuple[int, str, dict[str, int]] | None = None
    for k in kinds:
        found: dict[str, int] = {}
        for j, c in enumerate(cells):
            f = match_header(k, c)
            if f is not None and f not in found:
                found[f] = j
        score = len(found) + 2 * len(REQUIRED[k] & found.keys())
        if best is None or score > best[0]:
            best = (score, k, found)
    assert best is not None
    return ColumnMapping(best[1], row, best[2], signature(list(cells)))


def missing_fields(mapping: ColumnMapping) -> tuple[str, ...]:
    return tuple(f.header for f in FIELDS[mapping.kind]
                 if f.required and f.key not in mapping.columns)


def _table(grid: Grid, mapping: ColumnMapping) -> Table:
    header = grid.rows[mapping.header_row] if mapping.header_row < len(grid.rows) else []
    headers = {j: text_of(c) for j, c in enumerate(header) if text_of(c)}
    columns = {k: j for k, j in mapping.columns.items() if 0 <= j < max(grid.width, 1)}
    return Table(grid, mapping.kind, mapping.header_row, columns, headers)


def apply(grid: Grid, mapping: ColumnMapping, path: str | None = None) -> Dataset:
    """The records the mapping gives from the whole grid, with their problems."""
    return _apply(grid, mapping, path or grid.file)


def preview(grid: Grid, mapping: ColumnMapping, rows: int = PREVIEW_ROWS) -> Preview:
    """The mapping applied to the first ``rows`` data rows (for a live preview)."""
    missing = missing_fields(mapping)
    if mapping.header_row >= len(grid.rows):
        missing = missing or ("a header row",)
    if missing:
        return Preview(Dataset(), missing)
    end = mapping.header_row + 1 + rows
    part = Grid(grid.file, grid.sheet, grid.rows[:end], grid.row0, grid.col0)
    return Preview(_apply(part, mapping, grid.file), ())


def _apply(grid: Grid, mapping: ColumnMapping, path: str) -> Dataset:
    missing = missing_fields(mapping)
    if missing or mapping.header_row >= len(grid.rows):
        needed = ", ".join(missing) or "a header row"
        return Dataset(problems=(Problem(grid.file, grid.sheet, None, None, "",
                                         f"the column mapping does not say which column holds "
                                         f"{needed}; the sheet was not read"),), files=(path,))
    table = _table(grid, mapping)
    records, problems = READERS[mapping.kind](table)
    parts: dict[str, tuple] = {k: () for k in KINDS}
    parts[mapping.kind] = tuple(records)
    return Dataset(actions=parts["actions"], events=parts["events"], series=parts["metrics"],
                   sources=parts["sources"], problems=tuple(problems), files=(path,))


def find_remembered(grid: Grid, remembered: Mapping[str, ColumnMapping]) -> ColumnMapping | None:
    """A remembered mapping whose header row appears among the first rows of ``grid`` (the
    header may have moved down a row or two: the mapping follows it)."""
    if not remembered:
        return None
    for i, row in enumerate(grid.rows[:SCAN_ROWS]):
        sig = signature(row)
        m = remembered.get(sig) if sig else None
        if m is not None and m.kind in KINDS:
            return ColumnMapping(m.kind, i, dict(m.columns), sig)
    return None

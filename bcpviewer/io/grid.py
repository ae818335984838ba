"""A sheet as a grid of cell values with its position in the file, and the size limits we enforce."""

from __future__ import annotations

from dataclasses import dataclass

# Refuse, before building anything large, sheets and archives beyond these sizes.
MAX_SHEET_CELLS = 20_000_000  # about 2 GB of Python objects; the 200k x 10 benchmark is 2M
MAX_UNCOMPRESSED_BYTES = 1_500_000_000  # sum of a zip package's uncompressed parts
MAX_TEXT_BYTES = 500_000_000  # a CSV file
MAX_SHEETS = 2_000


def format_bytes(n: float) -> str:
    """A size for a message: 1.5 GB, 480 MB, 12 KB, 900 bytes."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= scale:
            value = n / scale
            return f"{value:.1f} {unit}".replace(".0 ", " ") if value < 10 else f"{value:,.0f} {unit}"
    return f"{int(n):,} bytes"


@dataclass(slots=True)
class Grid:
    """Cell values of one sheet (or CSV). ``row0``/``col0`` place ``rows[0][0]`` in the file."""

    file: str
    sheet: str | None
    rows: list[list[object]]
    row0: int = 0
    col0: int = 0

    def row_number(self, i: int) -> int:
        """The 1-based row number a spreadsheet program shows for ``rows[i]``."""
        return self.row0 + i + 1

    def column_name(self, j: int) -> str:
        """The column letter (A, B, ... AA) for ``rows[..][j]``."""
        return column_letter(self.col0 + j)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def fill_merged(grid: Grid, ranges: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """A merged label applies to every row it spans: copy each merged range's top-left value down
    its first column. A merge across columns only (a heading typed across the sheet) stays in
    its first cell, so it still reads as a heading. Ranges are absolute 0-based (row, col)."""
    rows = grid.rows
    for (r1, c1), (r2, _c2) in ranges:
        top, left = r1 - grid.row0, c1 - grid.col0
        if top < 0 or left < 0 or top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        if value == "" or value is None:
            continue
        for r in range(top + 1, min(r2 - grid.row0, len(rows) - 1) + 1):
            row = rows[r]
            if left < len(row) and (row[left] == "" or row[left] is None):
                row[left] = value

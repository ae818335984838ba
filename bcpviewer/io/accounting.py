"""Every column accounted for: after a table is read, each column of its header row that no field
read (and each column with no header that holds values) becomes one Problem of kind
"unused_column", so the Problems tab never says every value was understood when it was not."""

from __future__ import annotations

from bcpviewer.io.tables import Table
from bcpviewer.model.records import PROBLEM_UNUSED_COLUMN, Problem

# how many rows under the header are looked at for a column with no header
_SCAN = 2_000


def unused_columns(table: Table) -> list[Problem]:
    """One problem per column of ``table`` its reader did not read that holds a value (an empty
    column, headed or not, loses nothing)."""
    grid, used = table.grid, table.used
    out: list[Problem] = []
    what = f"this {table.kind} table" if table.kind != "metrics" else "this table of figures"
    below = grid.rows[table.header_row + 1 :]
    for j, header in sorted(table.headers.items()):
        if j in used or not any(j < len(row) and row[j] not in ("", None) for row in below):
            continue
        out.append(Problem(grid.file, grid.sheet, None, f"{grid.column_name(j)} ({header})", header,
                           f"column not used: {header!r} matches no field of {what}; its values "
                           "were not read", PROBLEM_UNUSED_COLUMN))
    rows = grid.rows[table.header_row + 1 : table.header_row + 1 + _SCAN]
    width = max(map(len, rows), default=0)
    for j in range(width):
        if j in used or j in table.headers:
            continue
        if any(j < len(row) and row[j] not in ("", None) for row in rows):
            out.append(Problem(grid.file, grid.sheet, None, grid.column_name(j), "",
                               "column not used: it has no header, so its values were not read",
                               PROBLEM_UNUSED_COLUMN))
    return out

"""One table at a time: a sheet holding several tables stacked (a header, rows, a blank gap, a
title, another header) is read as separate tables, each named by its title row, never merged
(a table of providers under a table of places is not one series where the later row wins)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import compress
from operator import not_

from bcpviewer.io.grid import Grid
from bcpviewer.io.tables import Table, locate
from bcpviewer.io.values import text_of

LOOK = 12  # rows after a gap tried for a title and a header
TITLE_ROWS = 3  # a header this far below the gap (under its title rows) starts a new table


@dataclass
class Stacked:
    """A table of a sheet and the title it is known by (its title row, else "table N")."""

    table: Table
    title: str


def locate_all(grid: Grid, preferred: str | None = None,
               cancelled: Callable[[], bool] | None = None) -> list[Stacked]:
    """Every table of a sheet, top to bottom; [] when it has none."""
    first = locate(grid, preferred, cancelled)
    if first is None:
        return []
    found: list[Stacked] = []
    table: Table | None = first
    offset = 0  # rows of the sheet before ``table``'s grid
    while table is not None:
        end = _next_start(table.grid, table.header_row, preferred, cancelled)
        if end is None:
            found.append(Stacked(table, _title(table) or f"table {len(found) + 1}"))
            break
        rows = table.grid.rows
        head = Grid(grid.file, grid.sheet, rows[:end], table.grid.row0, grid.col0)
        kept = Table(head, table.kind, table.header_row, table.columns, table.headers, table.shape,
                     table.period_columns, table.metric_columns, table.extra, table.used)
        found.append(Stacked(kept, _title(kept) or f"table {len(found) + 1}"))
        offset += end
        rest = Grid(grid.file, grid.sheet, rows[end:], grid.row0 + offset, grid.col0)
        table = locate(rest, preferred, cancelled)
    return found


def _next_start(grid: Grid, header_row: int, preferred: str | None,
                cancelled: Callable[[], bool] | None) -> int | None:
    """The row (index into ``grid.rows``) where a second table begins: the first non-blank row
    after a blank gap, when a header row follows it within a few rows."""
    rows = grid.rows
    start = header_row + 1
    blanks = [i for i in compress(range(start, len(rows)), map(not_, map(any, rows[start:])))
              if rows[i].count("") + rows[i].count(None) == len(rows[i])]
    blank_set = set(blanks)
    last = -2
    for b in blanks:
        if b == last + 1:
            last = b
            continue
        last = b
        k = b + 1
        while k < len(rows) and k in blank_set:
            k += 1
        if k >= len(rows):
            return None
        window = Grid(grid.file, grid.sheet, rows[k : k + LOOK], grid.row0 + k, grid.col0)
        nxt = locate(window, preferred, cancelled)
        if nxt is not None and nxt.header_row < TITLE_ROWS and _filled(rows[k + nxt.header_row]) >= 2:
            return k
    return None


def _filled(row: list[object]) -> int:
    return sum(1 for c in row if c not in ("", None))


def _title(table: Table) -> str:
    """The table's title: the nearest row above its header with one filled cell of words."""
    for row in reversed(table.grid.rows[: table.header_row]):
        cells = [c for c in row if c not in ("", None)]
        if len(cells) == 1 and isinstance(cells[0], str) and cells[0].strip():
            return text_of(cells[0])
        if cells:
            break
    return ""


def named_apart(read: list[tuple[str, str, list]]) -> list[tuple[str, list]]:
    """The records of a sheet's tables, (kind, records) each; metric series of one name in two
    tables are told apart by their table's title ("Children's homes (Places)")."""
    if len(read) < 2:
        return [(kind, records) for kind, _title, records in read]
    from dataclasses import replace

    from bcpviewer.model.ids import content_id
    from bcpviewer.model.vocab import squash

    seen: dict[str, int] = {}
    for kind, _title, records in read:
        if kind == "metrics":
            for s in records:
                seen[squash(s.name)] = seen.get(squash(s.name), 0) + 1
    out: list[tuple[str, list]] = []
    for kind, title, records in read:
        if kind == "metrics" and any(seen[squash(s.name)] > 1 for s in records):
            records = [replace(s, name=f"{s.name} ({title})", id=content_id("M", s.name, title))
                       if seen[squash(s.name)] > 1 else s for s in records]
        out.append((kind, records))
    return out

"""Find the table on a sheet: which kind it holds (actions, events, metrics, sources), which row
is its header (below any title rows), and which column holds which field."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bcpviewer.io.errors import Cancelled
from bcpviewer.io.grid import Grid
from bcpviewer.io.dates import parse_when
from bcpviewer.io.durations import names_a_duration, parse_duration
from bcpviewer.io.layout import FIELDS, IGNORED_SHEETS, REQUIRED, SHEET_KIND_BY_NAME, SYNONYMS
from bcpviewer.io.values import parse_number, text_of
from bcpviewer.model.spans import Span
from bcpviewer.model.vocab import squash

HEADER_SCAN_ROWS = 40
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# per kind: the first five characters of each synonym of five or more, and the longest synonym
_PREFIX5 = {kind: frozenset(s[:5] for s in syn if len(s) >= 5) for kind, syn in SYNONYMS.items()}
_LONGEST = {kind: max((len(s) for s in syn), default=0) for kind, syn in SYNONYMS.items()}


@dataclass
class Table:
    """A located table: its kind, header row and the column of each known field."""

    grid: Grid
    kind: str
    header_row: int  # index into grid.rows
    columns: dict[str, int]  # field key -> column index
    headers: dict[int, str] = field(default_factory=dict)  # column index -> header text
    shape: str = "long"  # metrics: "long", "periods_across" or "periods_down"
    period_columns: dict[int, Span] = field(default_factory=dict)  # periods_across only
    metric_columns: list[int] = field(default_factory=list)  # periods_down only
    # field key -> further columns naming the same field ("Revised date (Jun)" after "Revised
    # date (Mar)"): a reader uses them or they are reported as not used
    extra: dict[str, list[int]] = field(default_factory=dict)
    # the columns a reader read (io.columns.Reader notes each one it reads): the rest of the
    # header row is reported as not used
    used: set[int] = field(default_factory=set)

    @property
    def data_rows(self) -> range:
        return range(self.header_row + 1, len(self.grid.rows))


def match_header(kind: str, cell: object) -> str | None:
    """The field key a header cell names for ``kind``, or None."""
    if not isinstance(cell, str):
        return None
    syn = SYNONYMS[kind]
    key, bare = _keys(cell)
    if not key or len(key) > 60:
        return None
    if key in syn:
        return syn[key]
    if bare and bare in syn:
        return syn[bare]
    # "Due date (original)" handled above; "Status - Mar 24" or "RAG rating": the longest known
    # prefix of five or more characters, found by looking the key's own prefixes up (a handful of
    # dictionary lookups, not a pass over every synonym: a sheet may have thousands of columns)
    if key[:5] not in _PREFIX5[kind]:
        return None
    for n in range(min(len(key), _LONGEST[kind]), 4, -1):
        f = syn.get(key[:n])
        if f is not None:
            return f
    return None


@functools.lru_cache(maxsize=1 << 16)
def _keys(cell: str) -> tuple[str, str]:
    """A header's squashed text, and the same without bracketed parts: computed once per text
    for all the kinds a row is tried as."""
    key = squash(cell)
    return key, (squash(_BRACKETS.sub("", cell)) if key and len(key) <= 60 else "")


def _match_row(kind: str, row: list[object]) -> dict[str, int]:
    found: dict[str, int] = {}
    for j, cell in enumerate(row):
        f = match_header(kind, cell)
        if f is not None and f not in found:
            found[f] = j
    return found


def _extras(kind: str, row: list[object], found: dict[str, int]) -> dict[str, list[int]]:
    """Columns after the first that name a field already found."""
    taken = set(found.values())
    extra: dict[str, list[int]] = {}
    for j, cell in enumerate(row):
        if j in taken:
            continue
        f = match_header(kind, cell)
        if f is not None and f in found:
            extra.setdefault(f, []).append(j)
    return extra


def _header_period(cell: object) -> Span | None:
    """A header cell that names a period (2021/22, Mar-24, 2023, a date)."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, float) and not cell.is_integer():
        return None
    try:
        return parse_when(cell)
    except ValueError:
        return None


def locate(grid: Grid, preferred: str | None = None,
           cancelled: Callable[[], bool] | None = None) -> Table | None:
    """The first row, within the first rows, that reads as a table header; None if none does.
    Cancelled is raised when ``cancelled()`` turns true (checked before each row and kind)."""
    kinds = [preferred] if preferred else []
    kinds += [k for k in FIELDS if k != preferred]
    for i, row in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        if sum(1 for c in row if c != "" and c is not None) < 2:
            continue
        for kind in kinds:
            if cancelled is not None and cancelled():
                raise Cancelled()
            table = _try_kind(grid, i, row, kind)
            if table is not None:
                table.extra = _extras(kind, row, table.columns)
                _skip_header_continuation(table)
                return table
    return None


def _skip_header_continuation(table: Table) -> None:
    """Rows under the header that repeat its labels (a header merged down several rows) are part
    of the header, not data."""
    rows, cols = table.grid.rows, list(table.columns.values())
    header = rows[table.header_row]
    while table.header_row + 1 < len(rows):
        nxt = rows[table.header_row + 1]
        same = sum(1 for j in cols if j < len(nxt) and j < len(header) and nxt[j] == header[j])
        if same * 2 <= len(cols):
            return
        table.header_row += 1


def _try_kind(grid: Grid, i: int, row: list[object], kind: str) -> Table | None:
    found = _match_row(kind, row)
    headers = {j: text_of(c) for j, c in enumerate(row) if text_of(c)}
    if kind == "metrics":
        return _try_metrics(grid, i, row, found, headers)
    needed = REQUIRED[kind]
    if kind == "events" and "title" not in found and "kind" in found:
        needed = needed - {"title"}  # a chronology of dates and types: the type is the title
    if not (needed <= found.keys() and len(found) >= 2):
        return None
    if kind == "sources" and kind_from_name(grid.sheet) != "sources" and not (
        {"url", "publisher"} & found.keys()
    ):
        return None  # "ID, Name" alone is any list, not a list of sources
    return Table(grid, kind, i, found, headers)


def _try_metrics(
    grid: Grid, i: int, row: list[object], found: dict[str, int], headers: dict[int, str]
) -> Table | None:
    if "metric" in found and "period" in found:
        if "value" not in found:
            # "or the council's own name": the first unrecognised column is the council's value
            used = set(found.values())
            spare = [j for j in headers if j not in used]
            if not spare:
                return None
            found = {**found, "value": spare[0]}
        return Table(grid, "metrics", i, found, headers)
    if "metric" in found:
        periods = {
            j: p for j, c in enumerate(row)
            if j not in found.values() and (p := _header_period(c)) is not None
        }
        if len(periods) >= 2:
            return Table(grid, "metrics", i, found, headers, "periods_across", periods)
    if "period" in found and found["period"] == min(headers, default=0):
        from bcpviewer.io.areas import is_area_header

        used = set(found.values())
        # the columns of figures; a column of words beside them ("Comment") is left unread and
        # reported as not used, but a column of anything else (times, true/false) means this is
        # not a table of figures at all
        candidates = [j for j in headers if j not in used and not is_area_header(headers[j])]
        metric_cols = [j for j in candidates if _numeric(grid, i, [j])]
        if metric_cols and all(j in metric_cols or _words(grid, i, j) for j in candidates) \
                and _period_rows(grid, i, found["period"]):
            return Table(grid, "metrics", i, found, headers, "periods_down", metric_columns=metric_cols)
    return None


def _period_rows(grid: Grid, i: int, col: int) -> bool:
    """Do the rows under the header carry periods in column ``col``?"""
    seen = ok = 0
    for row in grid.rows[i + 1 : i + 11]:
        if col < len(row) and row[col] not in ("", None):
            seen += 1
            ok += _header_period(row[col]) is not None
    return seen > 0 and ok * 2 >= seen


def _numeric(grid: Grid, i: int, cols: list[int]) -> bool:
    """Are most filled cells under the header in ``cols`` figures (or suppression codes, or durations
    under a header naming one: "Time to strategy meeting" over 00:10)?"""
    seen = ok = 0
    head = grid.rows[i]
    timed = {j for j in cols if j < len(head) and names_a_duration(text_of(head[j]))}
    for row in grid.rows[i + 1 : i + 21]:
        for j in cols:
            if j < len(row) and row[j] not in ("", None):
                seen += 1
                try:
                    parse_number(row[j])
                except ValueError:
                    ok += j in timed and parse_duration(row[j]) is not None
                    continue
                ok += 1
    return seen > 0 and ok >= 0.8 * seen


def _words(grid: Grid, i: int, j: int) -> bool:
    """Are the filled cells under the header in column ``j`` words (not figures, times or dates)?"""
    cells = [row[j] for row in grid.rows[i + 1 : i + 21] if j < len(row) and row[j] not in ("", None)]
    return all(isinstance(c, str) and not _is_number(c) for c in cells)


def _is_number(v: object) -> bool:
    try:
        parse_number(v)
    except ValueError:
        return False
    return True


def kind_from_name(sheet: str | None) -> str | None:
    return SHEET_KIND_BY_NAME.get(squash(sheet)) if sheet else None


def is_ignored(sheet: str | None) -> bool:
    return bool(sheet) and squash(sheet or "") in IGNORED_SHEETS

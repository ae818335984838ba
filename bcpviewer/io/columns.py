"""Column-wise parsing of a located table: each distinct cell value is parsed once, and every
value that could not be used becomes a Problem with its file, sheet, row and column."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from itertools import compress
from operator import itemgetter, not_
from typing import Any

from bcpviewer.io.tables import Table
from bcpviewer.io.values import text_of
from bcpviewer.model.records import PROBLEM_ERROR, Problem

_MISS = object()
_NUMBERS = frozenset({bool, int, float})
# Cell types no two of which hold equal values, so a column of them may be keyed on the value
# alone; int, float and bool compare equal across types (1 == 1.0 == True), so at most one of
# those may be present too.
_DISTINCT = frozenset({str, float, int, bool, type(None), date, datetime, time, timedelta})


class _Err:
    """A cell that could not be parsed, with what was expected."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


def _parse_one(parser: Callable[[object], Any], v: object, interned: dict[Any, Any]) -> Any:
    try:
        r = parser(v)
    except ValueError as e:
        return _Err(str(e))
    except TypeError:
        return _Err("this value could not be read")
    try:  # equal results become one object ("Mar 2022" and "03/2022")
        return interned.setdefault(r, r)
    except TypeError:
        return r


def _keyed_by_value(col: list[object]) -> bool:
    """May the column's cells be looked up by value alone (no 1 / 1.0 / True in one column)?"""
    types = set(map(type, col))
    return types <= _DISTINCT and len(types & _NUMBERS) <= 1


class Reader:
    """Reads the fields of one table column by column, collecting problems."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.grid = table.grid
        self.rows = table.grid.rows[table.header_row + 1 :]
        self.problems: list[Problem] = []
        self._narrowest = min(map(len, self.rows), default=0)
        self._columns: dict[int, list[object]] = {}
        self._outcomes: dict[int, list[Any]] = {}
        self._distinct: dict[int, tuple[dict[object, None], bool]] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def row_number(self, i: int) -> int:
        return self.grid.row_number(self.table.header_row + 1 + i)

    def column_label(self, j: int) -> str:
        header = self.table.headers.get(j, "")
        letter = self.grid.column_name(j)
        return f"{letter} ({header})" if header else letter

    def raw(self, key: str) -> list[object] | None:
        """The column's cells, '' where a row is short; None when the table lacks the field.
        The list is shared with the reader's own parsing: read it, do not change it."""
        j = self.table.columns.get(key)
        return None if j is None else self.raw_at(j)

    def raw_at(self, j: int) -> list[object]:
        col = self._columns.get(j)
        if col is None:
            if j < self._narrowest:
                col = list(map(itemgetter(j), self.rows))
            else:
                col = [row[j] if j < len(row) else "" for row in self.rows]
            self._columns[j] = col
            self.table.used.add(j)
        return col

    def problem(self, i: int | None, j: int | None, value: object, message: str,
                kind: str = PROBLEM_ERROR) -> None:
        self.problems.append(
            Problem(
                file=self.grid.file,
                sheet=self.grid.sheet,
                row=None if i is None else self.row_number(i),
                column=None if j is None else self.column_label(j),
                value=text_of(value),
                message=message,
                kind=kind,
            )
        )

    def parse(
        self, key: str, parser: Callable[[object], Any], *, skip: set[int] | None = None
    ) -> list[Any]:
        """Parse a field's column; unparseable cells are problems and read as None."""
        j = self.table.columns.get(key)
        if j is None:
            return [None] * len(self.rows)
        return self.parse_at(j, parser, skip=skip)

    def parse_at(
        self, j: int, parser: Callable[[object], Any], *, skip: set[int] | None = None
    ) -> list[Any]:
        """Parse column ``j``: each distinct cell once (1.0 and True never share a result),
        in the order the cells first appear; equal results are interned into one object."""
        col = self.raw_at(j)
        cells, by_value = self._distinct_at(j)
        if not by_value:
            return self._parse_cells(col, j, parser, skip)
        interned: dict[Any, Any] = {}
        results = dict.fromkeys(cells)
        errors: dict[object, str] = {}
        for v in results:
            if v is None or v == "":
                continue
            r = _parse_one(parser, v, interned)
            if type(r) is _Err:
                errors[v] = r.message
            else:
                results[v] = r
        for v in errors:
            results[v] = None
        self._outcomes[j] = list(results.values())
        if errors:
            bad = compress(range(len(col)), map(errors.__contains__, col))
            for i in bad if skip is None else (i for i in bad if i not in skip):
                v = col[i]
                self.problem(i, j, v, errors[v])
        if len(results) == 1:
            return list(results.values()) * len(col)
        return list(map(results.__getitem__, col))

    def _parse_cells(
        self, col: list[object], j: int, parser: Callable[[object], Any], skip: set[int] | None
    ) -> list[Any]:
        """parse_at cell by cell, keyed on (type, value): for columns mixing 1, 1.0 and True."""
        cache: dict[object, Any] = {}
        interned: dict[Any, Any] = {}
        out: list[Any] = [None] * len(col)
        for i, v in enumerate(col):
            if v is None or v == "":
                continue
            key = (type(v), v)
            r = cache.get(key, _MISS)
            if r is _MISS:
                r = cache[key] = _parse_one(parser, v, interned)
            if type(r) is _Err:
                if skip is None or i not in skip:
                    self.problem(i, j, v, r.message)
            else:
                out[i] = r
        self._outcomes[j] = [None, *(r for r in cache.values() if type(r) is not _Err)]
        return out

    def _distinct_at(self, j: int) -> tuple[dict[object, None], bool]:
        """Column ``j``'s distinct cells in the order they first appear, and whether they may
        stand for the cells (False when equal cells of different types, 1, 1.0 and True,
        share an entry). Cached: the column is read once however many times it is asked."""
        found = self._distinct.get(j)
        if found is None:
            col = self.raw_at(j)
            cells = dict.fromkeys(col)
            types = set(map(type, cells))
            by_value = types <= _DISTINCT and (not types & _NUMBERS or _keyed_by_value(col))
            found = self._distinct[j] = (cells, by_value)
        return found

    def distinct(self, key: str) -> dict[object, None]:
        """A field's distinct cells (equal values of different types, 1 and 1.0, once)."""
        j = self.table.columns.get(key)
        return {} if j is None else self._distinct_at(j)[0]

    def outcomes(self, key: str) -> list[Any] | None:
        """What the last parse of a field's column gave, each distinct result at least once
        (None among them when a cell read as nothing); None when it was not parsed."""
        j = self.table.columns.get(key)
        return None if j is None else self._outcomes.get(j)

    def distinct_at(self, j: int) -> dict[object, None]:
        """Column ``j``'s distinct cells (equal values of different types, 1 and 1.0, once)."""
        return self._distinct_at(j)[0]

    def texts(self, key: str) -> list[str]:
        """A field's cells as trimmed text ('' when blank or absent)."""
        j = self.table.columns.get(key)
        if j is None:
            return [""] * len(self.rows)
        return self.texts_at(j)

    def texts_at(self, j: int) -> list[str]:
        """Column ``j``'s cells as trimmed text ('' when blank)."""
        col = self.raw_at(j)
        cells, by_value = self._distinct_at(j)
        if not by_value:
            cache: dict[object, str] = {}
            out = []
            for v in col:
                k = (type(v), v)
                t = cache.get(k)
                if t is None:
                    t = cache[k] = text_of(v)
                out.append(t)
            return out
        text = dict.fromkeys(cells)
        same = True  # every cell is already its own text
        for v in text:
            t = text[v] = v.strip() if type(v) is str else text_of(v)
            same = same and t is v
        if len(text) == 1:
            return list(text.values()) * len(col)
        if same:
            return col.copy()
        return list(map(text.__getitem__, col))

    def blank_rows(self) -> set[int]:
        rows = self.rows
        # any() is false only for rows of falsy cells; of those, blank means '' or None only
        maybe = compress(range(len(rows)), map(not_, map(any, rows)))
        return {i for i in maybe if rows[i].count("") + rows[i].count(None) == len(rows[i])}

    def expected(self, key: str) -> str:
        from bcpviewer.io.layout import FIELDS

        for f in FIELDS[self.table.kind]:
            if f.key == key:
                return f.header
        return key

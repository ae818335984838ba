"""Column-wise parsing of a located table: each distinct cell value is parsed once, and every
value that could not be used becomes a Problem with its file, sheet, row and column."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bcpviewer.io.tables import Table
from bcpviewer.io.values import text_of
from bcpviewer.model.records import Problem

_MISS = object()


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


class Reader:
    """Reads the fields of one table column by column, collecting problems."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.grid = table.grid
        self.rows = table.grid.rows[table.header_row + 1 :]
        self.problems: list[Problem] = []
        self._narrowest = min(map(len, self.rows), default=0)

    def __len__(self) -> int:
        return len(self.rows)

    def row_number(self, i: int) -> int:
        return self.grid.row_number(self.table.header_row + 1 + i)

    def column_label(self, j: int) -> str:
        header = self.table.headers.get(j, "")
        letter = self.grid.column_name(j)
        return f"{letter} ({header})" if header else letter

    def raw(self, key: str) -> list[object] | None:
        """The column's cells, '' where a row is short; None when the table lacks the field."""
        j = self.table.columns.get(key)
        return None if j is None else self.raw_at(j)

    def raw_at(self, j: int) -> list[object]:
        if j < self._narrowest:
            return [row[j] for row in self.rows]
        return [row[j] if j < len(row) else "" for row in self.rows]

    def problem(self, i: int | None, j: int | None, value: object, message: str) -> None:
        self.problems.append(
            Problem(
                file=self.grid.file,
                sheet=self.grid.sheet,
                row=None if i is None else self.row_number(i),
                column=None if j is None else self.column_label(j),
                value=text_of(value),
                message=message,
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
        """Parse column ``j``: each distinct cell once (text, floats and other types cached apart,
        so 1.0 and True never share an entry); equal results are interned into one object."""
        by_text: dict[str, Any] = {}
        by_float: dict[float, Any] = {}
        by_other: dict[object, Any] = {}
        interned: dict[Any, Any] = {}
        out: list[Any] = [None] * len(self.rows)
        for i, v in enumerate(self.raw_at(j)):
            t = type(v)
            if t is str:
                if not v:
                    continue
                cache, key = by_text, v
            elif t is float:
                cache, key = by_float, v
            elif v is None:
                continue
            else:
                cache, key = by_other, (t, v)
            r = cache.get(key, _MISS)
            if r is _MISS:
                r = cache[key] = _parse_one(parser, v, interned)
            if type(r) is _Err:
                if skip is None or i not in skip:
                    self.problem(i, j, v, r.message)
            else:
                out[i] = r
        return out

    def texts(self, key: str) -> list[str]:
        """A field's cells as trimmed text ('' when blank or absent)."""
        col = self.raw(key)
        if col is None:
            return [""] * len(self.rows)
        cache: dict[object, str] = {}
        out = []
        for v in col:
            if type(v) is str:
                out.append(v.strip())
            else:
                t = cache.get(v)
                if t is None:
                    t = cache[v] = text_of(v)
                out.append(t)
        return out

    def blank_rows(self) -> set[int]:
        return {i for i, row in enumerate(self.rows) if row.count("") + row.count(None) == len(row)}

    def expected(self, key: str) -> str:
        from bcpviewer.io.layout import FIELDS

        for f in FIELDS[self.table.kind]:
            if f.key == key:
                return f.header
        return key

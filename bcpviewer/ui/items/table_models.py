"""The generic table of records: a read-only model driven by column descriptors, its sort/filter proxy,
and the helpers column definitions share (natural sort key, number and date columns).

The per-kind column sets are in ``kind_models`` (actions, events, metrics) and ``file_models``
(problems, sources)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from bcpviewer.model.spans import format_date
from bcpviewer.ui.jobs import pace

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
LONG_TEXT = 40  # cells longer than this get their full text as a tooltip
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_R = Qt.ItemDataRole
_DISPLAY, _ALIGN, _TOOLTIP, _BACKGROUND, _FOREGROUND, _DECORATION, _FONT, _ACCESSIBLE = (
    int(r) for r in (_R.DisplayRole, _R.TextAlignmentRole, _R.ToolTipRole, _R.BackgroundRole,
                     _R.ForegroundRole, _R.DecorationRole, _R.FontRole, _R.AccessibleTextRole))
_ROLES_ANSWERED = frozenset((_DISPLAY, _ALIGN, _TOOLTIP, _BACKGROUND, _FOREGROUND, _DECORATION, _FONT,
                             _ACCESSIBLE))


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its header and how a record becomes text, a sort key, colours and tooltips."""

    header: str
    tooltip: str
    text: Callable[[R], str]
    sort_key: Callable[[R], Any] | None = None  # None (the default) sorts by text; a None key is blank
    background: Callable[[R], QColor | None] | None = None
    foreground: Callable[[R], QColor | None] | None = None
    decoration: Callable[[R], Any] | None = None
    bold: Callable[[R], bool] | None = None
    tip: Callable[[R], str | None] | None = None  # cell tooltip; default: the text when long
    accessible: Callable[[R], str | None] | None = None
    numeric: bool = False  # right-aligned
    max_chars: int = 40  # widest the column is sized to fit, in average characters
    main: bool = False  # the column that gets any spare width (the record's main text)


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """A read-only table of records, one row each, described by a list of Columns."""

    def __init__(self, columns: Sequence[Column[R]], records: Sequence[R] = (), parent=None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._records: tuple[R, ...] = ()
        self._text: list[list[str]] = []
        self._rows: dict[str, int] = {}
        self._bold_font = QFont()
        self._bold_font.setBold(True)
        self._wrapped: frozenset[int] = frozenset()
        if records:
            self.set_records(records)

    @property
    def columns(self) -> tuple[Column[R], ...]:
        return self._columns

    @property
    def records(self) -> tuple[R, ...]:
        return self._records

    def wrap_headers(self, columns: set[int] | frozenset[int]) -> None:
        """Show the headers of ``columns`` on two lines (split at the space nearest the middle), so a
        column of short figures under a long header need not be as wide as the header's one line."""
        wrapped = frozenset(columns)
        if wrapped != self._wrapped:
            self._wrapped = wrapped
            if self._columns:
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)

    def header_text(self, column: int) -> str:
        """The header as shown: one line, or two when the column is narrower than its header."""
        header = self._columns[column].header
        return two_lines(header) if column in self._wrapped else header

    def set_records(self, records: Sequence[R], texts: list[list[str]] | None = None) -> None:
        """Replace every row; ``texts`` are the cells' texts from ``texts_for(records)``, when they
        were worked out already (off the GUI thread)."""
        self.beginResetModel()
        self._text = texts if texts is not None else self.texts_for(records)
        self._records = tuple(records)
        self._rows = {}
        for row, record in enumerate(self._records):
            key = self.key_of(record)
            if key is not None:
                self._rows.setdefault(key, row)
        self.endResetModel()

    def texts_for(self, records: Sequence[R]) -> list[list[str]]:
        """Every cell's text of ``records``, for ``set_records``. Safe off the GUI thread while the
        table is empty (it prepares the per-load facts the columns read)."""
        self._prepare(records)
        columns, texts = self._columns, []
        for r in records:
            pace()  # a job working these out lets the window have its turns
            texts.append([c.text(r) for c in columns])
        return texts

    def _prepare(self, records: Sequence[R]) -> None:
        """Hook for subclasses to compute per-load facts before the texts are built."""

    def key_of(self, record: R) -> str | None:
        """The record's item key (shared with the timeline); None for records not on the timeline."""
        return None

    def key(self, row: int) -> str | None:
        return self.key_of(self._records[row])

    def row_of(self, key: str) -> int | None:
        """The row holding the record with item key ``key`` (the first, if ids repeat)."""
        return self._rows.get(key)

    def record(self, row: int) -> R:
        return self._records[row]

    def text(self, row: int, column: int) -> str:
        return self._text[row][column]

    def row_text(self, row: int) -> str:
        """Every cell of a row, folded for case-insensitive filtering."""
        return "\t".join(self._text[row]).casefold()

    def sort_key(self, row: int, column: int) -> Any:
        """The value a column sorts by; None means blank (sorted last)."""
        col = self._columns[column]
        if col.sort_key is not None:
            return col.sort_key(self._records[row])
        text = self._text[row][column]
        return natural_key(text) if text else None

    # -- QAbstractTableModel ------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Roles compared as plain ints: Qt asks several per cell whenever it paints or measures a row.
        role = int(role)
        if role not in _ROLES_ANSWERED or not index.isValid():
            return None
        row, column = index.row(), index.column()
        col = self._columns[column]
        if role == _DISPLAY:
            return self._text[row][column]
        if role == _ALIGN:
            return _RIGHT if col.numeric else _LEFT
        record = self._records[row]
        if role == _TOOLTIP:
            if col.tip is not None:
                return col.tip(record)
            text = self._text[row][column]
            return text if len(text) > min(LONG_TEXT, col.max_chars * 3 // 4) else None
        if role == _BACKGROUND:
            return col.background(record) if col.background else None
        if role == _FOREGROUND:
            return col.foreground(record) if col.foreground else None
        if role == _DECORATION:
            return col.decoration(record) if col.decoration else None
        if role == _FONT:
            return self._bold_font if col.bold and col.bold(record) else None
        if role == _ACCESSIBLE:
            said = col.accessible(record) if col.accessible else None
            return said if said is not None else f"{col.header}: {self._text[row][column] or 'blank'}"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        col = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.header_text(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            return col.tooltip
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if col.numeric else _LEFT
        return None


class RecordSortProxy(QSortFilterProxyModel):
    """Sorts by each column's real sort key (blank last either way); filters by words or by item keys."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: tuple[str, ...] = ()
        self._keys: frozenset[str] | None = None
        self._keep: Callable[[Any], bool] | None = None

    def set_filter_text(self, text: str) -> None:
        """Keep rows that contain every word of ``text`` somewhere (any column, any case)."""
        words = tuple(text.casefold().split())
        if words != self._words:
            self._change_filter(lambda: setattr(self, "_words", words))

    def set_keys(self, keys: set[str] | frozenset[str] | None) -> None:
        """Keep only rows whose item key is in ``keys`` (None keeps every row); hidden, not removed."""
        frozen = None if keys is None else frozenset(keys)
        if frozen != self._keys:
            self._change_filter(lambda: setattr(self, "_keys", frozen))

    def _change_filter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def set_record_filter(self, keep: Callable[[Any], bool] | None) -> None:
        """Keep only rows whose record passes ``keep`` (None keeps every row); hidden, not removed."""
        if keep is not self._keep:
            self._change_filter(lambda: setattr(self, "_keep", keep))

    @property
    def filter_text(self) -> str:
        return " ".join(self._words)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, RecordTableModel):
            return True
        if self._keys is not None and model.key(source_row) not in self._keys:
            return False
        if self._keep is not None and not self._keep(model.record(source_row)):
            return False
        if not self._words:
            return True
        haystack = model.row_text(source_row)
        return all(w in haystack for w in self._words)

    def index_of_key(self, key: str) -> QModelIndex:
        """The proxy index of the first column of ``key``'s row; invalid when absent or filtered out."""
        model = self.sourceModel()
        row = model.row_of(key) if isinstance(model, RecordTableModel) else None
        if row is None:
            return QModelIndex()
        return self.mapFromSource(model.index(row, 0))

    def key_at(self, index: Index) -> str | None:
        """The item key of the row at proxy ``index``, if it has one."""
        model = self.sourceModel()
        if not index.isValid() or not isinstance(model, RecordTableModel):
            return None
        return model.key(self.mapToSource(index).row())

    def lessThan(self, left: Index, right: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, RecordTableModel):
            return super().lessThan(left, right)
        a = model.sort_key(left.row(), left.column())
        b = model.sort_key(right.row(), right.column())
        if a is None or b is None:
            if self.sortOrder() == Qt.SortOrder.AscendingOrder:
                return a is not None and b is None
            return a is None and b is not None
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """``A2`` before ``A10``; case ignored."""
    return tuple((0, int(p)) if p.isdigit() else (1, p.casefold()) for p in _DIGITS.split(text) if p)


def text_key(text: str | None) -> tuple[tuple[int, int | str], ...] | None:
    """The natural sort key of a text column's value; None (sorted last) for a blank."""
    return natural_key(text) if text else None


def or_blank(text: str | None) -> str:
    """A text column's value: the text, or nothing."""
    return text or ""


def two_lines(text: str) -> str:
    """``text`` on two lines ("Days" over "overdue"), split at the space nearest its middle; unchanged
    when it has no space."""
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if not spaces:
        return text
    cut = min(spaces, key=lambda i: abs(len(text) - 2 * i))
    return f"{text[:cut]}\n{text[cut + 1:]}"


def fmt_number(value: float | None, decimals: int | None = None) -> str:
    """``1,234``, ``37.4``, ``0.25`` (or exactly ``decimals`` places); blank for None."""
    if value is None:
        return ""
    if decimals is not None:
        return f"{value:,.{decimals}f}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def date_column(header: str, tooltip: str, get: Callable[[R], date | None]) -> Column[R]:
    """A date shown UK style and sorted by the real date."""
    return Column(header, tooltip, lambda r: format_date(get(r)), sort_key=get)

"""The column-mapping dialog for a table the importer could not match: the first rows as they are,
the header row and the kind of record to read, a column for each field, and a live preview of the
records and problems the mapping would give. The mapping itself is io.mapping's (pure, tested)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bcpviewer.io import mapping as mp
from bcpviewer.io.grid import Grid
from bcpviewer.io.values import text_of
from bcpviewer.model.records import Dataset
from bcpviewer.model.spans import format_date

RAW_ROWS = 15  # rows of the sheet shown as they are
RAW_COLUMNS = 40
RECORD_ROWS = 20  # records shown in the preview
PROBLEM_ROWS = 50
KIND_LABELS = {"actions": "Actions (an improvement plan or tracker)",
               "events": "Events (a chronology of inspections, visits, meetings)",
               "metrics": "Metrics (one figure per row: metric, period, value)",
               "sources": "Sources (documents and links)"}
NOT_USED = "(not used)"
FIELDS_MAX_WIDTH = 620  # the field drop-downs' side at most (px); longer headings are elided
PREVIEW_MIN_WIDTH = 420  # the preview beside them at least (px)


class ColumnMapperDialog(QDialog):
    """Map the columns of ``grid`` to the fields of a kind of record, seeing the result as it changes."""

    def __init__(self, grid: Grid, mapping: mp.ColumnMapping | None = None, parent: QWidget | None = None,
                 where: str = "") -> None:
        super().__init__(parent)
        self.grid = grid
        self.setWindowTitle("Which column holds what?")
        self.setAccessibleName(self.windowTitle())
        self._mapping = mapping or mp.guess(grid)
        self._preview: mp.Preview | None = None
        self._combos: dict[str, QComboBox] = {}
        self._building = False
        place = where or (f"{grid.file}, sheet '{grid.sheet}'" if grid.sheet else grid.file)
        intro = QLabel(f"BCP Viewer could not find a table it knows in <b>{_esc(place)}</b>. Say which row holds "
                       "the headings, what each row is, and which column holds each field; the preview "
                       "below shows what would be read.")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName("What each row is")
        for key, label in KIND_LABELS.items():
            self.kind_box.addItem(label, key)
        self.header_spin = QSpinBox()
        self.header_spin.setAccessibleName("Row number of the headings")
        last = min(len(grid.rows), mp.SCAN_ROWS) - 1
        self.header_spin.setRange(grid.row_number(0), grid.row_number(max(last, 0)))
        top = QHBoxLayout()
        top.addWidget(QLabel("Each row is:"))
        top.addWidget(self.kind_box, 1)
        top.addWidget(QLabel("Headings are on row:"))
        top.addWidget(self.header_spin)
        self.raw_table = QTableWidget()
        self.raw_table.setAccessibleName("The first rows of the sheet as they are")
        self.raw_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self._fill_raw()
        self.fields_form = QFormLayout()
        fields_box = QWidget()
        fields_box.setLayout(self.fields_form)
        fields_scroll = QScrollArea()
        fields_scroll.setWidgetResizable(True)
        fields_scroll.setWidget(fields_box)
        fields_scroll.setAccessibleName("Which column holds each field")
        fields_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fields_scroll = fields_scroll
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName("What the mapping would read")
        self.records_table = QTableWidget()
        self.records_table.setAccessibleName("Preview of the records")
        self.records_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.problems_list = QListWidget()
        self.problems_list.setAccessibleName("Problems the mapping would cause")
        preview_box = QWidget()
        pv = QVBoxLayout(preview_box)
        pv.setContentsMargins(0, 0, 0, 0)
        pv.addWidget(self.summary_label)
        pv.addWidget(self.records_table, 2)
        pv.addWidget(QLabel("Problems:"))
        pv.addWidget(self.problems_list, 1)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(fields_scroll)
        lower.addWidget(preview_box)
        lower.setStretchFactor(1, 2)
        lower.setChildrenCollapsible(False)
        self._lower = lower
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.raw_table)
        split.addWidget(lower)
        split.setStretchFactor(1, 2)
        self.remember_check = QCheckBox("&Remember this mapping for files with the same headings")
        self.remember_check.setChecked(True)
        buttons = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(buttons.Ok | buttons.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Read with this mapping")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Skip this table")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.remember_check)
        layout.addWidget(self.buttons)
        self._building = True
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(self._mapping.kind)))
        self.header_spin.setValue(grid.row_number(self._mapping.header_row))
        self._building = False
        self.kind_box.currentIndexChanged.connect(self._on_kind_changed)
        self.header_spin.valueChanged.connect(self._on_header_changed)
        self._rebuild_fields()
        self._open_wide_enough()

    # -- the API (tests drive the dialog through it; so do the widgets) ------------------------------
    def set_kind(self, kind: str) -> None:
        self.kind_box.setCurrentIndex(self.kind_box.findData(kind))

    def set_header_row(self, index: int) -> None:
        """Use ``grid.rows[index]`` as the header row."""
        self.header_spin.setValue(self.grid.row_number(index))

    def assign(self, field: str, column: int | None) -> None:
        """Read ``field`` from column ``column`` (0-based in the grid), or from none."""
        combo = self._combos[field]
        combo.setCurrentIndex(0 if column is None else combo.findData(column))

    def field_combo(self, field: str) -> QComboBox:
        return self._combos[field]

    def mapping(self) -> mp.ColumnMapping:
        return self._mapping

    def preview(self) -> mp.Preview:
        assert self._preview is not None
        return self._preview

    @property
    def remember(self) -> bool:
        return self.remember_check.isChecked()

    def fields_width(self) -> int:
        """The width the field labels and their drop-downs need side by side (capped: a very long
        heading is elided in its drop-down rather than pushing the dialog off the screen)."""
        form = self.fields_scroll.widget()
        bar = self.fields_scroll.verticalScrollBar().sizeHint().width()
        return min(form.sizeHint().width() + bar + 2 * self.fields_scroll.frameWidth(), FIELDS_MAX_WIDTH)

    def _open_wide_enough(self) -> None:
        """Open wide enough for the drop-downs and a readable preview beside them, within the screen."""
        fields = self.fields_width()
        screen = (self.parentWidget() or self).screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        width = max(900, fields + PREVIEW_MIN_WIDTH + 40)
        height = 680
        if room is not None:
            width, height = min(width, room.width() - 40), min(height, room.height() - 60)
        self.resize(width, height)
        self._lower.setSizes([fields, max(PREVIEW_MIN_WIDTH, width - fields)])

    # -- building ---------------------------------------------------------------------------------
    def _fill_raw(self) -> None:
        rows = self.grid.rows[:max(RAW_ROWS, min(len(self.grid.rows), mp.SCAN_ROWS))]
        width = min(self.grid.width, RAW_COLUMNS)
        self.raw_table.setRowCount(len(rows))
        self.raw_table.setColumnCount(width)
        self.raw_table.setHorizontalHeaderLabels([self.grid.column_name(j) for j in range(width)])
        self.raw_table.setVerticalHeaderLabels([str(self.grid.row_number(i)) for i in range(len(rows))])
        for i, row in enumerate(rows):
            for j in range(width):
                text = text_of(row[j]) if j < len(row) else ""
                self.raw_table.setItem(i, j, QTableWidgetItem(text[:200]))

    def _mark_header_row(self) -> None:
        bold, plain = QFont(self.font()), QFont(self.font())
        bold.setBold(True)
        for i in range(self.raw_table.rowCount()):
            for j in range(self.raw_table.columnCount()):
                item = self.raw_table.item(i, j)
                if item is not None:
                    item.setFont(bold if i == self._mapping.header_row else plain)
        if self._mapping.header_row < self.raw_table.rowCount():
            self.raw_table.scrollToItem(self.raw_table.item(self._mapping.header_row, 0))

    def _rebuild_fields(self) -> None:
        while self.fields_form.rowCount():
            self.fields_form.removeRow(0)
        self._combos = {}
        headers = mp.header_texts(self.grid, self._mapping.header_row)
        for key, header, needed in mp.field_labels(self._mapping.kind):
            combo = QComboBox()
            combo.setAccessibleName(f"Column for {header}")
            combo.addItem(NOT_USED, None)
            for j, text in enumerate(headers):
                combo.addItem(f"{self.grid.column_name(j)}: {text[:60]}", j)
            col = self._mapping.columns.get(key)
            combo.setCurrentIndex(0 if col is None else max(0, combo.findData(col)))
            combo.currentIndexChanged.connect(self._on_field_changed)
            self._combos[key] = combo
            self.fields_form.addRow(f"{header}{' *' if needed else ''}:", combo)
        self.fields_scroll.setMinimumWidth(self.fields_width())  # every drop-down readable
        self._mark_header_row()
        self._update_preview()

    def _update_preview(self) -> None:
        self._preview = mp.preview(self.grid, self._mapping)
        ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok_button.setEnabled(self._preview.ok)
        self.records_table.clear()
        self.problems_list.clear()
        if not self._preview.ok:
            self.summary_label.setText("Choose a column for: " + ", ".join(self._preview.missing)
                                       + " (fields marked * are needed).")
            self.records_table.setRowCount(0)
            self.records_table.setColumnCount(0)
            return
        data = self._preview.dataset
        headers, rows = _record_rows(self._mapping.kind, data)
        n_problems = len(data.problems)
        more = len(self.grid.rows) > self._mapping.header_row + 1 + mp.PREVIEW_ROWS
        shown = f" (from the first {mp.PREVIEW_ROWS} rows)" if more else ""
        self.summary_label.setText(
            f"Would read {len(rows)} {self._mapping.kind if len(rows) != 1 else self._mapping.kind[:-1]}"
            f"{shown} · {n_problems} problem{'s' if n_problems != 1 else ''}")
        self.records_table.setColumnCount(len(headers))
        self.records_table.setHorizontalHeaderLabels(headers)
        self.records_table.setRowCount(min(len(rows), RECORD_ROWS))
        for i, values in enumerate(rows[:RECORD_ROWS]):
            for j, v in enumerate(values):
                self.records_table.setItem(i, j, QTableWidgetItem(v))
        for p in data.problems[:PROBLEM_ROWS]:
            self.problems_list.addItem(p.describe())
        if n_problems > PROBLEM_ROWS:
            self.problems_list.addItem(f"… and {n_problems - PROBLEM_ROWS} more")

    # -- handlers ---------------------------------------------------------------------------------
    @Slot(int)
    def _on_kind_changed(self, _index: int) -> None:
        if self._building:
            return
        self._mapping = mp.guess(self.grid, self.kind_box.currentData(), self._mapping.header_row)
        self._rebuild_fields()

    @Slot(int)
    def _on_header_changed(self, value: int) -> None:
        if self._building:
            return
        index = value - self.grid.row_number(0)
        self._mapping = mp.guess(self.grid, self._mapping.kind, index)
        self._rebuild_fields()

    @Slot(int)
    def _on_field_changed(self, _index: int) -> None:
        columns = {key: combo.currentData() for key, combo in self._combos.items()
                   if combo.currentData() is not None}
        m = self._mapping
        self._mapping = mp.ColumnMapping(m.kind, m.header_row, columns, m.signature)
        self._update_preview()


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _record_rows(kind: str, data: Dataset) -> tuple[list[str], list[list[str]]]:
    """Column headers and text rows for the records preview."""
    if kind == "actions":
        return (["ID", "Action", "Due", "Status", "Owner"],
                [[a.id, a.title, format_date(a.current_due), a.status.label, a.owner or ""] for a in data.actions])
    if kind == "events":
        return (["Date", "Event", "Kind", "Grades"],
                [[e.when_label, e.title, e.kind.label, ", ".join(g.short for _k, g in e.graded())]
                 for e in data.events])
    if kind == "metrics":
        rows = []
        for s in data.series:
            latest = s.latest()
            shown = f"{latest.value:g} ({latest.period.label})" if latest and latest.value is not None else ""
            rows.append([s.name, str(len(s.observations)), shown])
        return ["Metric", "Periods", "Latest"], rows
    return (["Title", "Address", "Publisher"],
            [[s.title, s.url or "", s.publisher or ""] for s in data.sources])

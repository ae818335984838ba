"""The dialog to enter or change a target: the metric, a value in the metric's unit, a date or none,
the plan's wording, and a preview of how the target reads and is judged today."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from bcpviewer.model.glance import decimals_of, value_decimals
from bcpviewer.model.records import MetricSeries, Target
from bcpviewer.model.spans import format_date
from bcpviewer.model.targets import check_target
from bcpviewer.plots import style
from bcpviewer.ui.analyses.target_table import OUTCOME_MARKS


def next_march(today: date) -> date:
    """The end of the financial year after ``today`` (31 March): a usual date for a target."""
    return date(today.year + (1 if today >= date(today.year, 3, 31) else 0), 3, 31)


def series_label(s: MetricSeries) -> str:
    bits = [b for b in (s.theme, s.unit) if b]
    return f"{s.name} ({' · '.join(bits)})" if bits else s.name


class TargetDialog(QDialog):
    """Enter or change a target: the metric, a value (in the metric's unit), a date or none, a label."""

    def __init__(self, series: Sequence[MetricSeries], parent: QWidget | None = None, *,
                 series_id: str | None = None, target: Target | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("target_dialog")
        self.setWindowTitle("Edit target" if target is not None else "Add target")
        self._series = tuple(series)
        self._today = today or date.today()
        self.metric_box = QComboBox()
        self.metric_box.setObjectName("target_metric")
        self.metric_box.setAccessibleName("Metric the target is on")
        for s in self._series:
            self.metric_box.addItem(series_label(s), s.id)
        self.metric_box.view().setAccessibleName("Metrics")
        self.value_spin = QDoubleSpinBox()
        self.value_spin.setObjectName("target_value")
        self.value_spin.setAccessibleName("Target value")
        self.value_spin.setRange(-1e9, 1e9)
        self.value_spin.setDecimals(2)
        self.value_spin.setGroupSeparatorShown(True)
        self.value_spin.setKeyboardTracking(True)
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("target_due")
        self.date_edit.setAccessibleName("Target date")
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.no_date = QCheckBox("&No date")
        self.no_date.setObjectName("target_no_date")
        self.no_date.setAccessibleName("The target has no date")
        self.no_date.setToolTip("A target without a date can only say whether the latest figure meets it")
        self.label_edit = QLineEdit()
        self.label_edit.setObjectName("target_label")
        self.label_edit.setAccessibleName("Target wording")
        self.label_edit.setPlaceholderText("Optional: the plan's wording, e.g. Below 20% by March 2025")
        self.preview = QLabel()
        self.preview.setObjectName("target_preview")
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName("How the target reads and is judged")
        self.error = QLabel()
        self.error.setObjectName("target_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {style.OVERDUE_TEXT};")
        self.error.setAccessibleName("What is missing")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        when = QHBoxLayout()
        when.addWidget(self.date_edit, 1)
        when.addWidget(self.no_date)
        form = QFormLayout()
        form.addRow("&Metric:", self.metric_box)
        form.addRow("&Value:", self.value_spin)
        form.addRow("&Date:", when)
        form.addRow("&Wording:", self.label_edit)
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel):
                field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
                buddy = field_item.widget() if field_item.widget() else self.date_edit
                label.setBuddy(buddy)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.preview)
        box.addWidget(self.error)
        box.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.metric_box.currentIndexChanged.connect(self._on_metric_changed)
        self.value_spin.valueChanged.connect(self._update_preview)
        self.value_spin.lineEdit().textEdited.connect(self._update_preview)
        self.date_edit.dateChanged.connect(self._update_preview)
        self.no_date.toggled.connect(self._on_no_date)
        self.label_edit.textChanged.connect(self._update_preview)
        self._fill(series_id, target)
        self.setMinimumWidth(520)

    def _fill(self, series_id: str | None, target: Target | None) -> None:
        index = self.metric_box.findData(series_id) if series_id is not None else 0
        self.metric_box.setCurrentIndex(max(index, 0) if self._series else -1)
        self._on_metric_changed()
        if target is not None:
            self.value_spin.setDecimals(max(self.value_spin.decimals(), value_decimals(target.value)))
            self.value_spin.setValue(target.value)
            self.label_edit.setText(target.label)
            self.no_date.setChecked(target.due is None)
            due = target.due or next_march(self._today)
        else:
            latest = s.latest() if (s := self.current_series()) is not None else None
            if latest is not None and latest.value is not None:
                self.value_spin.setValue(latest.value)
            due = next_march(self._today)
        self.date_edit.setDate(QDate(due.year, due.month, due.day))
        self._on_no_date(self.no_date.isChecked())
        if not self._series:
            self.error.setText("No metrics are loaded: open a workbook with a metrics sheet first.")
            for w in (self.metric_box, self.value_spin, self.date_edit, self.no_date, self.label_edit):
                w.setEnabled(False)
        self._update_preview()

    # -- reading ---------------------------------------------------------------------------------------
    def current_series(self) -> MetricSeries | None:
        sid = self.metric_box.currentData()
        return next((s for s in self._series if s.id == sid), None)

    def due(self) -> date | None:
        if self.no_date.isChecked():
            return None
        d = self.date_edit.date()
        return date(d.year(), d.month(), d.day())

    def has_value(self) -> bool:
        return bool(self.value_spin.cleanText().strip())

    def target(self) -> Target | None:
        """The target as entered, or None when the value is missing."""
        if not self.has_value():
            return None
        return Target(round(self.value_spin.value(), self.value_spin.decimals()), self.due(),
                      self.label_edit.text().strip())

    def result_target(self) -> tuple[str, Target] | None:
        """(series id, Target) as entered, or None when something required is missing."""
        s, t = self.current_series(), self.target()
        return (s.id, t) if s is not None and t is not None else None

    # -- handlers ----------------------------------------------------------------------------------------
    @Slot()
    def _on_metric_changed(self, *_args: object) -> None:
        s = self.current_series()
        unit = (s.unit if s is not None else "").strip()
        counted = not unit or unit.casefold() == "count"
        self.value_spin.setSuffix("" if counted else "%" if unit == "%" else f" {unit}")
        places = decimals_of(s) if s is not None else 1
        value = self.value_spin.value()
        self.value_spin.setDecimals(max(places, 0 if counted else 1, value_decimals(value)))
        self.value_spin.setValue(value)
        self._update_preview()

    @Slot(bool)
    def _on_no_date(self, checked: bool) -> None:
        self.date_edit.setEnabled(not checked and bool(self._series))
        self._update_preview()

    @Slot()
    def _update_preview(self, *_args: object) -> None:
        s, t = self.current_series(), self.target()
        ok = s is not None and t is not None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        if s is None:
            self.preview.setText("")
            return
        if t is None:
            self.preview.setText("")
            self.error.setText("Enter the target value.")
            return
        self.error.setText("")
        check = check_target(s, t, self._today, entered_in_app=True)
        mark = OUTCOME_MARKS[check.outcome]
        self.preview.setText(f"{check.label} — as of {format_date(self._today)}: {mark.text}. "
                             f"{check.explanation}")

    def accept(self) -> None:
        if self.result_target() is None:
            self.error.setText("Enter the target value." if self._series else self.error.text())
            return
        super().accept()


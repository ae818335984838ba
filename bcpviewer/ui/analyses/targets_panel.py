"""The Targets panel (met, missed or not yet due, and by how much) and the dialog to enter a target."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QColor
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
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from bcpviewer.model.glance import decimals_of, value_decimals
from bcpviewer.model.records import MetricSeries, Target
from bcpviewer.model.spans import format_date
from bcpviewer.model.targets import Outcome, TargetCheck, check_target
from bcpviewer.plots import style
from bcpviewer.plots.style import Mark
from bcpviewer.ui.analyses.analysis_table import (
    FitOnResize,
    difference_text,
    make_table,
    observation_text,
)
from bcpviewer.ui.items.table_models import Column, RecordTableModel

EMPTY_TEXT = ("No targets yet. Use Add target… to enter one (a value and a date on a metric), or add a "
              "Target column to the workbook's metrics sheet.")
NO_SELECTION_TEXT = "Select a target to see how it was judged."
WORKBOOK_TIP = ("This target comes from the workbook's Target column, so it cannot be changed here: "
                "change the workbook and reload it.")

OUTCOME_MARKS: dict[Outcome, Mark] = {
    Outcome.MET: Mark(style.OKABE_ITO["bluish_green"], "✓", "Met"),
    Outcome.MISSED: Mark(style.OKABE_ITO["vermillion"], "✗", "Missed"),
    Outcome.NOT_YET_DUE: Mark(style.GREY, "◷", "Not yet due"),
    Outcome.NO_FIGURE: Mark(style.OKABE_ITO["orange"], "?", "Due, no figure yet"),
    Outcome.NO_DATE: Mark(style.LIGHT_GREY, "–", "No date"),
}
_OUTCOME_ORDER = {o: i for i, o in enumerate((Outcome.MISSED, Outcome.NO_FIGURE, Outcome.MET,
                                              Outcome.NOT_YET_DUE, Outcome.NO_DATE))}


def outcome_text(check: TargetCheck) -> str:
    return OUTCOME_MARKS[check.outcome].text


def margin_text(check: TargetCheck, *, spelt: bool = False) -> str:
    """"Missed by 8.3 pp", "Beaten by 1.2 cases per FTE", "Met exactly"; blank before judging."""
    m = check.margin
    if m is None:
        return ""
    if m == 0:
        return "Met exactly"
    how = "Beaten" if m > 0 else "Missed"
    return f"{how} by {difference_text(abs(m), check.series.unit, signed=False, spelt=spelt)}"


def _outcome_background(check: TargetCheck) -> QColor | None:
    if check.outcome in (Outcome.NO_DATE, Outcome.NOT_YET_DUE):
        return None
    return style.tint(OUTCOME_MARKS[check.outcome].colour)


def _missed_foreground(check: TargetCheck) -> QColor | None:
    return style.qcolor(style.OVERDUE_TEXT) if check.outcome is Outcome.MISSED else None


def _from_tip(check: TargetCheck) -> str:
    return "Entered in the app: Edit… and Remove change it" if check.entered_in_app else WORKBOOK_TIP


class TargetTableModel(RecordTableModel[TargetCheck]):
    """One row per target, the workbook's and those entered in the app."""

    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("Metric", "The metric the target is on", lambda c: c.series.name, main=True,
                   max_chars=30, tip=lambda c: f"{c.series.name} ({c.series.unit}, "
                                               f"{c.series.polarity.label})" if c.series.unit
                   else c.series.name),
            Column("Target", "The target, as the plan words it or as a ceiling/floor", lambda c: c.label,
                   max_chars=30),
            Column("Due", "When the target should be met",
                   lambda c: format_date(c.target.due) if c.target.due else "No date",
                   sort_key=lambda c: c.target.due),
            Column("Outcome", "Met or missed on the first figure for a period ending on or after the date",
                   outcome_text, sort_key=lambda c: _OUTCOME_ORDER[c.outcome],
                   background=_outcome_background, foreground=_missed_foreground,
                   bold=lambda c: c.outcome is Outcome.MISSED, tip=lambda c: c.explanation,
                   accessible=lambda c: f"Outcome: {OUTCOME_MARKS[c.outcome].word}", max_chars=20),
            Column("Judged on", "The first figure for a period ending on or after the target date",
                   lambda c: observation_text(c.judged_on, c.series.unit),
                   sort_key=lambda c: c.judged_on.period.end if c.judged_on else None, max_chars=26),
            Column("By how much", "How far the judged figure beat or missed the target (pp: percentage "
                   "points)", margin_text, sort_key=lambda c: c.margin,
                   foreground=_missed_foreground, tip=lambda c: margin_text(c, spelt=True) or None,
                   max_chars=24),
            Column("Latest", "The latest figure", lambda c: observation_text(c.latest, c.series.unit),
                   sort_key=lambda c: c.latest.period.end if c.latest else None, max_chars=26),
            Column("From", "Where the target comes from: the workbook, or entered in the app",
                   lambda c: "Entered in app" if c.entered_in_app else "Workbook", tip=_from_tip,
                   max_chars=16),
        ], (), parent)


def summary_text(checks: Sequence[TargetCheck]) -> str:
    """"1 missed · 0 met · 2 not yet due · …"."""
    counts = {o: sum(c.outcome is o for c in checks) for o in Outcome}
    parts = [f"{counts[Outcome.MISSED]} missed", f"{counts[Outcome.MET]} met",
             f"{counts[Outcome.NOT_YET_DUE]} not yet due"]
    if counts[Outcome.NO_FIGURE]:
        parts.append(f"{counts[Outcome.NO_FIGURE]} due with no figure yet")
    if counts[Outcome.NO_DATE]:
        parts.append(f"{counts[Outcome.NO_DATE]} without a date")
    total = len(checks)
    return f"{total} target{'s' if total != 1 else ''}: " + " · ".join(parts)


class TargetsPanel(QWidget):
    """Targets and their outcomes; ``metric_selected`` on a row click; add, edit and remove requests
    (edit and remove only for targets entered in the app)."""

    add_requested = Signal()
    edit_requested = Signal(str, object)  # series id, Target
    remove_requested = Signal(str, object)  # series id, Target
    metric_selected = Signal(str)  # series id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("targets_panel")
        self.setAccessibleName("Targets")
        self._checks: tuple[TargetCheck, ...] = ()
        self.model = TargetTableModel(self)
        self.view, self.proxy = make_table(
            self.model, "targets_table", "Targets table",
            "Each target: met, missed or not yet due, and by how much; click a header to sort", self)
        self.summary = QLabel()
        self.summary.setObjectName("targets_summary")
        self.summary.setAccessibleName("Targets summary")
        self.summary.setWordWrap(True)
        self.explanation = QLabel(NO_SELECTION_TEXT)
        self.explanation.setObjectName("targets_explanation")
        self.explanation.setWordWrap(True)
        self.explanation.setAccessibleName("How the selected target was judged")
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setObjectName("targets_empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAccessibleName("No targets")
        self.empty.setStyleSheet(f"color: {style.MUTED}; padding: 12px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)
        self.add_button = QPushButton("&Add target…")
        self.add_button.setObjectName("targets_add")
        self.add_button.setAccessibleName("Add a target")
        self.add_button.setToolTip("Enter a target value and date for a metric")
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setObjectName("targets_edit")
        self.edit_button.setAccessibleName("Edit the selected target")
        self.remove_button = QPushButton("&Remove")
        self.remove_button.setObjectName("targets_remove")
        self.remove_button.setAccessibleName("Remove the selected target")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addLayout(buttons)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addLayout(top)
        box.addWidget(self.stack, 1)
        box.addWidget(self.explanation)
        self.fitter = FitOnResize(self.view, self.model)
        self.setFocusProxy(self.view)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.clicked.connect(self._on_clicked)
        self.view.activated.connect(self._on_clicked)
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(lambda: self._emit(self.edit_requested))
        self.remove_button.clicked.connect(lambda: self._emit(self.remove_requested))
        self.set_checks(())

    # -- data --------------------------------------------------------------------------------------
    def set_checks(self, checks: Sequence[TargetCheck]) -> None:
        """Show ``checks`` (from ``check_targets``), keeping the selected target when it is still there."""
        keep = self.selected_check()
        self._checks = tuple(checks)
        self.model.set_records(self._checks)
        self.summary.setText(summary_text(self._checks) if self._checks else "")
        self.stack.setCurrentWidget(self.view if self._checks else self.empty)
        self.fitter.fit()
        if keep is not None:
            self.select(keep.series.id, keep.target)
        self._update()

    @property
    def checks(self) -> tuple[TargetCheck, ...]:
        return self._checks

    def selected_check(self) -> TargetCheck | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.record(self.proxy.mapToSource(index).row())

    def select(self, series_id: str, target: Target) -> bool:
        """Make the row of ``target`` on ``series_id`` current (emits nothing); False when absent."""
        for row, c in enumerate(self.model.records):
            if c.series.id == series_id and c.target == target:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                self.view.selectionModel().blockSignals(True)
                try:
                    self.view.selectRow(index.row())
                    self.view.setCurrentIndex(index)
                finally:
                    self.view.selectionModel().blockSignals(False)
                self._update()
                return True
        return False

    # -- handlers ------------------------------------------------------------------------------------
    def _update(self) -> None:
        check = self.selected_check()
        if check is not None:
            self.explanation.setText(f"{check.series.name} — {check.label}: {check.explanation}")
        else:
            self.explanation.setText(NO_SELECTION_TEXT if self._checks else "")
        editable = check is not None and check.entered_in_app
        for button, verb in ((self.edit_button, "Change"), (self.remove_button, "Remove")):
            button.setEnabled(editable)
            if check is not None and not check.entered_in_app:
                button.setToolTip(WORKBOOK_TIP)
            else:
                button.setToolTip(f"{verb} the selected target (only targets entered in the app)")

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update()

    @Slot(QModelIndex)
    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.metric_selected.emit(self.model.record(self.proxy.mapToSource(index).row()).series.id)

    def _emit(self, signal: Signal) -> None:
        check = self.selected_check()
        if check is not None and check.entered_in_app:
            signal.emit(check.series.id, check.target)


# -- entering a target ---------------------------------------------------------------------------
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


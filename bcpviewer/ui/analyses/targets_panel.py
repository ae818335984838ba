"""The Targets panel: every target with its outcome (met, missed or not yet due, and by how much), how
the selected one was judged, and the buttons that ask to add, edit or remove a target."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bcpviewer.model.records import Target
from bcpviewer.model.targets import TargetCheck
from bcpviewer.ui.analyses.analysis_table import FitOnResize, empty_or_table, explanation_label, make_table

from bcpviewer.ui.analyses.target_table import WORKBOOK_TIP, TargetTableModel, summary_text

EMPTY_TEXT = ("No targets yet. Use Add target… to enter one (a value and a date on a metric), or add a "
              "Target column to the workbook's metrics sheet.")
NO_SELECTION_TEXT = "Select a target to see how it was judged."
FIT_ROWS = 50  # rows measured when fitting columns to their contents, those in sight first: Qt's default
# (1000) stalls the window for most of a second when every one of thousands of metrics has a target


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
        self.explanation = explanation_label(NO_SELECTION_TEXT, "targets_explanation",
                                             "How the selected target was judged")
        self.stack, self.empty = empty_or_table(self.view, EMPTY_TEXT, "targets_empty", "No targets")
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
        self.view.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
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
    def set_checks(self, checks: Sequence[TargetCheck], texts: list[list[str]] | None = None) -> None:
        """Show ``checks`` (from ``check_targets``), keeping the selected target when it is still there;
        ``texts``: the rows' texts, when worked out already (``model.texts_for``)."""
        keep = self.selected_check()
        self._checks = tuple(checks)
        self.model.set_records(self._checks, texts)
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

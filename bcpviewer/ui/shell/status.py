"""The status bar: how many items are shown, what is loaded, the dates in view, loading progress with
Cancel, and the session's messages. It subscribes to the session; the load controller drives the
progress part through ``set_busy`` and ``set_progress``."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

if TYPE_CHECKING:  # the frame is shown before the model is imported (see shell.main_window)
    from bcpviewer.model.records import Dataset
    from bcpviewer.ui.session import Session


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 action``, ``2,345 actions`` (``many`` when the plural is not word + s)."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def summary_text(dataset: Dataset) -> str:
    """One line for the status bar: what is loaded and the dates it covers."""
    from bcpviewer.model.spans import format_date

    if dataset.is_empty and not dataset.problems:
        return "No data loaded. Use File › Open… (Ctrl+O) to open a workbook or CSV file."
    counts = ", ".join([
        plural(len(dataset.actions), "action"),
        plural(len(dataset.events), "event"),
        f"{plural(len(dataset.series), 'metric series', 'metric series')}"
        f" ({plural(dataset.observation_count, 'observation')})",
        _problems(dataset),
    ])
    files = len(dataset.files)
    text = f"Loaded {plural(files, 'file')}: {counts}" if files else f"Loaded: {counts}"
    span = dataset.span()
    if span is not None:
        text += f" · data from {format_date(span.start)} to {format_date(span.end)}"
    return text


def _problems(dataset: Dataset) -> str:
    """``3 problems`` or ``2 problems, 4 columns not used, 1 value not known`` (the Problems tab has each)."""
    from bcpviewer.model.records import PROBLEM_NOT_KNOWN, PROBLEM_UNUSED_COLUMN

    kinds = [p.kind for p in dataset.problems]
    text = plural(sum(p.is_error for p in dataset.problems), "problem")
    unused, unknown = kinds.count(PROBLEM_UNUSED_COLUMN), kinds.count(PROBLEM_NOT_KNOWN)
    if unused:
        text += f", {plural(unused, 'column')} not used"
    if unknown:
        text += f", {plural(unknown, 'value')} not known"
    return text


def shown_text(shown: int, total: int) -> str:
    """``Showing 12 of 67 items`` for the status bar."""
    return f"Showing {shown:,} of {plural(total, 'item')}"


class StatusLine(QObject):
    """Fills ``bar`` with the session's counts and summary, the timeline's dates and load progress."""

    cancel_requested = Signal()

    def __init__(self, bar: QStatusBar, session: Session | None = None) -> None:
        super().__init__(bar)
        self.bar = bar
        self.counts_label = QLabel()
        self.counts_label.setAccessibleName("How many items are shown")
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName("Loaded data summary")
        bar.addWidget(self.counts_label)
        bar.addWidget(self.summary_label, 1)
        self.range_label = QLabel()
        self.range_label.setAccessibleName("Dates in view on the timeline")
        bar.addPermanentWidget(self.range_label)
        self.progress_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setMaximumWidth(180)
        self.progress_bar.setAccessibleName("Loading progress")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel loading")
        self.cancel_button.clicked.connect(self._on_cancel)
        for w in (self.progress_label, self.progress_bar, self.cancel_button):
            bar.addPermanentWidget(w)
            w.hide()
        self.session: Session | None = None
        if session is not None:
            self.attach(session)

    def attach(self, session: Session) -> None:
        """Follow ``session`` (the window's frame is built before its session has views)."""
        self.session = session
        from PySide6.QtCore import Qt  # here, not at import: Qt's enums are made when first touched

        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        session.dataset_changed.connect(self._on_dataset)
        session.filter_changed.connect(self._update_counts)
        session.message.connect(self.show_message)
        self._on_dataset(session.dataset)

    @Slot(str, int)
    def show_message(self, text: str, ms: int = 8000) -> None:
        self.bar.showMessage(text, ms)

    @Slot(object)
    def _on_dataset(self, dataset: Dataset) -> None:
        self.summary_label.setText(summary_text(dataset))
        self._update_counts()

    @Slot()
    def _update_counts(self, _flt: object = None) -> None:
        if self.session is None:
            return
        shown, total = self.session.shown_counts()
        self.counts_label.setText(shown_text(shown, total) + " ·" if total else "")
        self.counts_label.setVisible(bool(total))
        font = self.counts_label.font()
        font.setBold(self.session.visible_keys is not None)
        self.counts_label.setFont(font)

    @Slot(object, object)
    def show_range(self, start: date, end: date) -> None:
        from bcpviewer.model.spans import format_date

        self.range_label.setText(f"Timeline: {format_date(start)} to {format_date(end)}")

    # -- loading ---------------------------------------------------------------------------------
    def set_busy(self, message: str | None) -> None:
        """Show ``message`` with a progress bar and Cancel (None hides them)."""
        busy = message is not None
        self.progress_label.setText(message or "")
        self.progress_bar.setValue(0)
        self.cancel_button.setEnabled(busy)
        for w in (self.progress_label, self.progress_bar, self.cancel_button):
            w.setVisible(busy)

    @Slot(float, str)
    def set_progress(self, fraction: float, message: str) -> None:
        self.progress_bar.setValue(max(0, min(100, round(fraction * 100))))
        if message:
            self.progress_label.setText(message)

    @Slot()
    def _on_cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.progress_label.setText("Cancelling…")
        self.cancel_requested.emit()

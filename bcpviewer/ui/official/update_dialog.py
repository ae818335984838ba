"""The Update official data dialog: which official data is read now, the files to import (newer
DfE tidy CSVs, an Ofsted ILACS history), Import (off the GUI thread by the one job runner, with
progress and Cancel), what was added or the one sentence why a file was refused, and Revert to the
shipped data. ``changed`` when the data read from now on is different (the app reads it again)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel,
                               QListWidget, QProgressBar, QPushButton, QVBoxLayout, QWidget)

from bcpviewer.io import official_paths, official_update
from bcpviewer.io.errors import SaveError
from bcpviewer.plots import style
from bcpviewer.ui.jobs import Job

INTRO = ("Import newer official statistics: the DfE's tidy CSV files (from explore-education-statistics, "
         "for example the children's social work workforce or children in need), and, if you have "
         "one, an Ofsted ILACS history. They go into your own copy of the official data; the data "
         "shipped with the app is never changed. Where a newer release gives a different figure, it is "
         "shown and the earlier figure is kept beside it as a revision.")
FILTER = "CSV files (*.csv *.CSV);;All files (*)"


class UpdateDialog(QDialog):
    """Choose files, import them, or go back to the shipped data (non-modal)."""

    changed = Signal()  # the official data read from now on is different

    def __init__(self, parent: QWidget | None = None, start_dir: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Update official data")
        self.setAccessibleName(self.windowTitle())
        self.resize(640, 460)
        self._start_dir = start_dir
        self._job: Job | None = None
        self._token = 0
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.state_label = QLabel()
        self.state_label.setAccessibleName("Official data read now")
        self.state_label.setWordWrap(True)
        self.files = QListWidget()
        self.files.setAccessibleName("Files to import")
        self.add_button = QPushButton("&Add files…")
        self.remove_button = QPushButton("Re&move")
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.status_label = QLabel()
        self.status_label.setAccessibleName("Progress")
        self.status_label.setWordWrap(True)
        self.result_label = QLabel()
        self.result_label.setAccessibleName("What was imported")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label = QLabel()
        self.error_label.setAccessibleName("Error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {style.OVERDUE_TEXT};")
        self.error_label.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole)
        self.revert_button = self.buttons.addButton("Revert to the &shipped data",
                                                    QDialogButtonBox.ButtonRole.ResetRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.cancel_button.setVisible(False)
        side = QVBoxLayout()
        side.addWidget(self.add_button)
        side.addWidget(self.remove_button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.files, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        for w in (intro, self.state_label):
            layout.addWidget(w)
        layout.addLayout(row, 1)
        for w in (self.progress, self.status_label, self.error_label, self.result_label, self.buttons):
            layout.addWidget(w)
        self.add_button.clicked.connect(self.ask_files)
        self.remove_button.clicked.connect(self._remove)
        self.import_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.revert_button.clicked.connect(self.revert)
        self.close_button.clicked.connect(self.close)
        self.files.model().rowsInserted.connect(self._enable)
        self.files.model().rowsRemoved.connect(self._enable)
        self.refresh()

    # -- what the dialog shows -----------------------------------------------------------------
    def refresh(self) -> None:
        """Say which official data is read now; enable what can be done."""
        when, stale = official_update.updated_on(), official_paths.stale_note()
        if stale:
            self.state_label.setText(stale)
        elif when:
            self.state_label.setText(f"Now reading your updated copy of the official data (last updated "
                                     f"{when}), in {official_paths.user_copy_path().parent}.")
        else:
            self.state_label.setText("Now reading the official data shipped with the app.")
        self._enable()

    def paths(self) -> list[str]:
        return [self.files.item(i).text() for i in range(self.files.count())]

    def add_paths(self, paths: Sequence[str | Path]) -> None:
        """Add files to the list (each once)."""
        held = set(self.paths())
        for p in (str(x) for x in paths):
            if p not in held:
                self.files.addItem(p)
                held.add(p)

    @property
    def is_busy(self) -> bool:
        return self._job is not None

    def _enable(self) -> None:
        busy = self.is_busy
        self.import_button.setEnabled(not busy and self.files.count() > 0)
        self.add_button.setEnabled(not busy)
        self.remove_button.setEnabled(not busy and self.files.count() > 0)
        self.revert_button.setEnabled(not busy and official_paths.user_copy_path().is_file())
        self.cancel_button.setVisible(busy)
        self.progress.setVisible(busy)

    @Slot()
    def ask_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Choose DfE or Ofsted CSV files", self._start_dir, FILTER)
        if paths:
            self._start_dir = str(Path(paths[0]).parent)
            self.add_paths(paths)

    @Slot()
    def _remove(self) -> None:
        for item in self.files.selectedItems() or [self.files.item(self.files.count() - 1)]:
            self.files.takeItem(self.files.row(item))

    # -- importing -------------------------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        """Import the files listed, off the GUI thread."""
        paths = self.paths()
        if not paths or self.is_busy:
            return
        self._show_error("")
        self.result_label.setText("")
        self._token += 1
        job = self._job = Job(self._token, lambda cancelled, progress: _update(paths, cancelled, progress),
                              "updating the official data")
        job.progressed.connect(self._on_progress)
        job.succeeded.connect(self._on_done)
        job.failed.connect(self._on_failed)
        job.was_cancelled.connect(self._on_cancelled)
        job.finished.connect(self._on_finished)
        self.status_label.setText("Importing…")
        self.progress.setValue(0)
        self._enable()
        job.start()

    @Slot()
    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.status_label.setText("Cancelling…")

    @Slot(int, float, str)
    def _on_progress(self, _token: int, fraction: float, message: str) -> None:
        self.status_label.setText(message)
        if fraction >= 0:
            self.progress.setValue(int(fraction * 100))

    @Slot(int, object)
    def _on_done(self, _token: int, report: object) -> None:
        if isinstance(report, SaveError):  # the copy could not be written (a full or failing disk)
            self._on_failed(_token, str(report))
            return
        assert isinstance(report, official_update.UpdateReport)
        self.status_label.setText("Imported." if report.changed else "Nothing new to import.")
        self.result_label.setText(report.summary())
        if report.changed:
            self.files.clear()
            self.changed.emit()

    @Slot(int, str)
    def _on_failed(self, _token: int, message: str) -> None:
        self.status_label.setText("Nothing was imported; the official data read is unchanged.")
        self._show_error(message)

    @Slot(int)
    def _on_cancelled(self, _token: int) -> None:
        self.status_label.setText("Cancelled: nothing was imported; the official data read is unchanged.")

    @Slot()
    def _on_finished(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.wait()
            job.deleteLater()
        self.refresh()

    @Slot()
    def revert(self) -> None:
        """Remove the user's copy: the app reads the shipped data again."""
        if self.is_busy:
            return
        gone = official_update.revert()
        self._show_error("")
        self.result_label.setText("Your updated copy was removed: the official data shipped with the app "
                                  "is read again (import the files again to bring the updates back)."
                                  if gone else "There was no updated copy to remove.")
        self.refresh()
        if gone:
            self.changed.emit()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def shutdown(self) -> None:
        """Stop and wait for an import under way (the window is closing)."""
        if self._job is not None:
            self._job.cancel()
            self._job.wait()


def _update(paths: list[str], cancelled: Callable[[], bool],
            progress: Callable[[str, float], None]) -> official_update.UpdateReport | SaveError:
    """The import, run by the job; a copy that could not be written is returned as its SaveError
    (its sentence is shown as it is: the job runner words only a LoadError so)."""
    try:
        return official_update.update(paths, progress=progress, cancelled=cancelled)
    except SaveError as e:
        return e

"""Plan versions: read another version of the open tracker off the GUI thread, decide which is the
older (by their latest status dates), compare the two and hand the comparison to the panel and the
older dates to the timeline. The panel is ``plan_versions_panel``; the table ``plan_changes``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QWidget

from bcpviewer.model.briefing import data_as_at
from bcpviewer.model.records import Dataset
from bcpviewer.model.spans import format_date
from bcpviewer.model.versions import Ghost, PlanComparison, compare_plans, ghosts
from bcpviewer.ui.analyses.plan_versions_panel import PlanVersionsPanel
from bcpviewer.ui.loading.loading import Loader

if TYPE_CHECKING:
    from bcpviewer.ui.timeline.timeline_view import TimelineView

FILE_FILTER = ("Trackers (*.xlsx *.xls *.xlsm *.ods *.csv);;"
               "Excel workbooks (*.xlsx *.xls *.xlsm);;OpenDocument (*.ods);;CSV (*.csv);;All files (*)")


# -- versions: which is older, and what to call each ---------------------------------------------
def version_label(dataset: Dataset, name: str | None = None) -> str:
    """"bcp-improvement-plan-2023.xlsx (updates to 31 Mar 2023)": the file and its latest update."""
    if name is None:
        files = list(dict.fromkeys(Path(a.origin.file).name for a in dataset.actions
                                   if a.origin is not None and a.origin.file))
        files = files or [Path(f).name for f in dataset.files]
        name = ", ".join(files[:2]) + (f" and {len(files) - 2} more" if len(files) > 2 else "") \
            if files else "the open data"
    latest = data_as_at(dataset)
    return f"{name} (updates to {format_date(latest)})" if latest else f"{name} (no update dates)"


def which_is_older(chosen: Dataset, open_data: Dataset, name: str = "") -> tuple[bool, str]:
    """(whether the chosen file is the older version, why, as a sentence): by their latest status
    dates; when that cannot tell, the chosen file is taken as the older one."""
    a, b = data_as_at(chosen), data_as_at(open_data)
    the_file = f"The file {name}" if name else "The chosen file"
    if a is None:
        return True, f"{the_file} has no status dates, so it is taken as the older version."
    if b is None:
        return True, (f"The open data has no status dates, so {the_file[0].lower()}{the_file[1:]} "
                      "is taken as the older version.")
    if a < b:
        return True, (f"{the_file} has updates to {format_date(a)} and the open data to "
                      f"{format_date(b)}, so the file is the older version.")
    if a > b:
        return False, (f"{the_file} has updates to {format_date(a)}, later than the open data's "
                       f"{format_date(b)}, so the open data is the older version.")
    return True, (f"{the_file} and the open data both have updates to {format_date(a)}, so the "
                  "file is taken as the older version.")


# -- the workflow -------------------------------------------------------------------------------
class PlanVersionsController(QObject):
    """Reads another version of the tracker off the GUI thread and compares it with the open data.

    Which is older is decided by each version's latest status date (``which_is_older``) and said
    in ``message``; progress goes to ``message``, a file that cannot be used to ``failed`` (one
    sentence), and every new comparison (or None) to ``comparison_changed``.
    """

    comparison_changed = Signal(object)  # PlanComparison | None
    message = Signal(str)
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._loader = Loader(self)
        self._loader.progressed.connect(self._on_progressed)
        self._loader.loaded.connect(self._on_loaded)
        self._loader.failed.connect(self._on_failed)
        self._loader.cancelled.connect(self._on_cancelled)
        self._current = Dataset()
        self._current_label: str | None = None
        self._other: Dataset | None = None  # the version read from a file
        self._other_label = ""
        self._path = ""
        self._comparison: PlanComparison | None = None
        self._open_is_newer = True
        self.last_directory = ""

    # -- state ---------------------------------------------------------------------------------
    @property
    def comparison(self) -> PlanComparison | None:
        return self._comparison

    @property
    def open_is_newer(self) -> bool:
        """Whether the open data is the newer version (the older dates can then go on its timeline)."""
        return self._open_is_newer

    @property
    def is_loading(self) -> bool:
        return self._loader.is_loading

    def ghosts(self) -> tuple[Ghost, ...]:
        """The older version's dates for the open data's timeline (none when the open data is the
        older version, or nothing is compared)."""
        if self._comparison is None or not self._open_is_newer:
            return ()
        return ghosts(self._comparison)

    def ghost_label(self) -> str:
        """"Older version: bcp-improvement-plan-2023.xlsx (updates to 31 Mar 2023)"."""
        return f"Older version: {self._comparison.old_label}" if self._comparison else ""

    # -- actions -------------------------------------------------------------------------------
    def choose(self, parent: QWidget | None = None) -> bool:
        """Ask for another version of the tracker and start reading it; False when none was chosen."""
        path, _ = QFileDialog.getOpenFileName(parent, "Compare with another version of the tracker",
                                              self.last_directory, FILE_FILTER)
        if not path:
            return False
        self.last_directory = str(Path(path).parent)
        self.load(path)
        return True

    def load(self, path: str) -> None:
        """Read ``path`` off the GUI thread, then compare it with the open data."""
        self._path = str(path)
        self.busy_changed.emit(True)
        self.message.emit(f"Reading {Path(path).name} to compare…")
        self._loader.start([self._path])

    def cancel(self) -> None:
        """Stop reading the other version (the comparison shown, if any, stays)."""
        if self._loader.is_loading:
            self._loader.cancel()

    def wait(self) -> None:
        """Cancel and wait for the reading thread (on closing the window)."""
        self._loader.wait()

    def compare(self, older: Dataset, current: Dataset, older_label: str = "Older version",
                current_label: str = "Newer version") -> PlanComparison:
        """Compare ``older`` with the newer ``current`` version and show the result."""
        cmp = compare_plans(older.actions, current.actions, old_label=older_label,
                            new_label=current_label)
        self._set(cmp)
        return cmp

    def set_current(self, dataset: Dataset, label: str | None = None) -> None:
        """The open data changed: compare it again with the other version, if one was read."""
        self._current = dataset
        self._current_label = label
        if self._other is not None:
            self._recompare(announce=False)

    def clear(self) -> None:
        """Forget the other version and the comparison."""
        self._other = None
        self._set(None)

    # -- internals -----------------------------------------------------------------------------
    def _set(self, cmp: PlanComparison | None) -> None:
        self._comparison = cmp
        self.comparison_changed.emit(cmp)

    def _recompare(self, announce: bool) -> None:
        other = self._other
        assert other is not None
        if not self._current.actions:
            self._set(None)
            self.failed.emit("The open data has no improvement-plan actions to compare with.")
            return
        open_label = self._current_label or version_label(self._current)
        chosen_older, why = which_is_older(other, self._current, Path(self._path).name)
        self._open_is_newer = chosen_older
        if chosen_older:
            cmp = self.compare(other, self._current, self._other_label, open_label)
        else:
            cmp = self.compare(self._current, other, open_label, self._other_label)
        if announce:
            self.message.emit(why)

    @Slot(float, str)
    def _on_progressed(self, fraction: float, text: str) -> None:
        self.message.emit(f"Reading {Path(self._path).name}: {fraction:.0%} · {text}")

    @Slot(object, object, object)
    def _on_loaded(self, _paths: object, dataset: object, errors: object) -> None:
        self.busy_changed.emit(False)
        name = Path(self._path).name
        errs = list(errors) if isinstance(errors, list) else []
        if errs:
            self.failed.emit(f"{name} could not be read: {_sentence(str(errs[0]))}")
            return
        if not isinstance(dataset, Dataset) or not dataset.actions:
            self.failed.emit(f"{name} has no improvement-plan actions to compare.")
            return
        self._other = dataset
        self._other_label = version_label(dataset, name)
        self._recompare(announce=True)

    @Slot(str)
    def _on_failed(self, text: str) -> None:
        self.busy_changed.emit(False)
        self.failed.emit(text)

    @Slot()
    def _on_cancelled(self) -> None:
        self.busy_changed.emit(False)
        self.message.emit("Comparison cancelled.")

    # -- wiring --------------------------------------------------------------------------------
    def attach(self, panel: PlanVersionsPanel, timeline: TimelineView | None = None,
               parent: Callable[[], QWidget | None] | None = None) -> None:
        """Connect a panel (and the timeline, for the older dates) to this controller: the
        panel's button chooses a file, its switch draws the ghosts, messages show in it."""

        def changed(cmp: object) -> None:
            panel.set_open_is_newer(self._open_is_newer)
            panel.set_comparison(cmp if isinstance(cmp, PlanComparison) else None)
            if timeline is not None:
                show(panel.ghosts_check.isChecked())

        def show(on: bool) -> None:
            if timeline is not None:
                g = self.ghosts() if on else ()
                timeline.set_ghosts(g, self.ghost_label() if g else "")

        self.comparison_changed.connect(changed)
        self.message.connect(panel.set_message)
        self.failed.connect(panel.set_message)
        self.busy_changed.connect(panel.set_busy)
        panel.compare_requested.connect(lambda: self.choose(parent() if parent else panel.window()))
        panel.cancel_requested.connect(self.cancel)
        panel.ghosts_toggled.connect(show)


def _sentence(text: str) -> str:
    """A reason as the end of a sentence: first letter lower-cased unless it starts a name."""
    text = text.strip()
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


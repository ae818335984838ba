"""The load controller: File › Open, File › Add data…, files dropped on the window, removing a file,
recent files, a project's data files and reloads of changed files, read in the background (progress and
Cancel in the status bar), then shown through the session.

Adding or removing a file reads the whole set again (the same reader merges them as Open would) and keeps
the dates in view. The data shown is only replaced once a read has finished: a failed or cancelled read
leaves it as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from bcpviewer.model.annotations import orphans
from bcpviewer.model.project import SUFFIX
from bcpviewer.model.records import Dataset
from bcpviewer.ui.loading.loading import DialogAsker, Loader, failure_text
from bcpviewer.ui.session import Session
from bcpviewer.ui.shell.status import StatusLine, plural

if TYPE_CHECKING:
    from bcpviewer.ui.project.controller import OpenedProject, ProjectController
    from bcpviewer.ui.shell.settings import Settings

DATA_PATTERNS = "*.xlsx *.xlsm *.xls *.xlsb *.ods *.csv"
FILE_FILTER = (f"Projects and data files (*.bcpv {DATA_PATTERNS});;BCP Viewer projects (*.bcpv);;"
               f"Spreadsheets and CSV files ({DATA_PATTERNS});;All files (*)")


class LoadController(QObject):
    """Reads data files for the session, and a project's files when the project controller opens one."""

    recent_changed = Signal()  # the recent files list changed

    def __init__(self, session: Session, settings: Settings, project: ProjectController, status: StatusLine,
                 parent: QWidget, view_range: object = None) -> None:
        super().__init__(parent)
        self.session, self.settings, self.project, self.status = session, settings, project, status
        self.parent_widget = parent
        self._view_range = view_range  # callable: the timeline's dates in view (kept over a reload)
        self._zoom_to = None  # callable(start, end): set by the window once the timeline exists
        self.loader = Loader(self, settings)
        self.loader.asker = DialogAsker(parent)  # asks which council / which column holds what
        self._opening: OpenedProject | None = None  # a project whose sources are being read
        self._reload_view: tuple[date, date] | None = None  # set while changed sources are read again
        self._ask_after_load = False  # a first start: ask for the council once the sample is shown
        self._keep_view: tuple[date, date] | None = None  # set while files are added or removed
        self.loader.progressed.connect(status.set_progress)
        self.loader.loaded.connect(self._on_loaded)
        self.loader.failed.connect(self._on_failed)
        self.loader.cancelled.connect(self._on_cancelled)
        status.cancel_requested.connect(self.loader.cancel)
        project.project_opened.connect(self._on_project_opened)
        project.reload_requested.connect(self._on_reload_requested)

    @property
    def is_loading(self) -> bool:
        return self.loader.is_loading

    def set_zoom(self, zoom_to: object) -> None:
        """How to show a project's saved dates: ``zoom_to(start, end)`` on the timeline."""
        self._zoom_to = zoom_to

    def council_hint(self) -> str | None:
        """The council the open official files are read for (its old LA code), if chosen."""
        choice = self.loader.choices.council()
        return choice.code if choice is not None else None

    # -- asking ----------------------------------------------------------------------------------
    @Slot()
    def ask_open(self) -> None:
        """File › Open…: choose a project or data files."""
        start = self.settings.last_directory()
        paths, _ = QFileDialog.getOpenFileNames(self.parent_widget, "Open a project or data files", start,
                                                FILE_FILTER)
        if paths:
            self.settings.set_last_directory(str(Path(paths[0]).parent))
            self.open_files(paths)

    def open_files(self, paths: Sequence[str | Path]) -> None:
        """Open a project (.bcpv), or read data files in the background keeping the old data until done."""
        targets = [str(p) for p in paths if str(p)]
        projects = [p for p in targets if p.lower().endswith(SUFFIX)]
        if projects:
            if len(targets) > 1:
                self.session.tell(f"Opened the project {Path(projects[0]).name} only: a project lists its "
                                  "own data files.", 10000)
            self.project.open_project(projects[0])
        elif targets:
            self._read(targets)

    @Slot()
    def ask_add(self) -> None:
        """File › Add data…: choose data files to add to those open."""
        start = self.settings.last_directory()
        paths, _ = QFileDialog.getOpenFileNames(self.parent_widget, "Add data files", start,
                                                f"Spreadsheets and CSV files ({DATA_PATTERNS});;All files (*)")
        if paths:
            self.settings.set_last_directory(str(Path(paths[0]).parent))
            self.add_files(paths)

    def add_files(self, paths: Sequence[str | Path]) -> None:
        """Read ``paths`` with the files open now (with none open, as Open would), keeping the view."""
        targets = [str(p) for p in paths if str(p)]
        projects = [p for p in targets if p.lower().endswith(SUFFIX)]
        data = [p for p in targets if p not in projects]
        if projects:
            self.session.tell(f"{Path(projects[0]).name} is a project: open it with File › Open (it replaces "
                              "what is open).", 10000)
        if not data:
            return
        if not self.session.sources:
            self._read(data)
            return
        have = set(self.session.sources)
        new = [p for p in data if str(Path(p).absolute()) not in have]
        if not new:
            self.session.tell("Those files are open already.")
            return
        self._read([*self.session.sources, *new], keep_view=self._view())

    def drop_files(self, paths: Sequence[str | Path]) -> None:
        """Files dropped on the window: a project opens (replacing what is open); data files are added."""
        targets = [str(p) for p in paths if str(p)]
        if any(p.lower().endswith(SUFFIX) for p in targets):
            self.open_files(targets)
        else:
            self.add_files(targets)

    def remove_file(self, path: str) -> None:
        """Take one data file out of the dataset: the others are read again, the view kept."""
        rest = [p for p in self.session.sources if p != path]
        if len(rest) == len(self.session.sources):
            return
        if rest:
            self._read(rest, keep_view=self._view())
            return
        self.project.watch([])
        self.session.set_data(Dataset(), sources=[])
        self.project.mark_modified()
        self.session.tell(f"Removed {Path(path).name}: no data is open now.")

    def _view(self) -> tuple[date, date] | None:
        return self._view_range() if callable(self._view_range) else None

    def change_council(self) -> None:
        """View › Council…: ask which council (and neighbour model) to show: its bundled official data
        (inspections, key indicators) beside the open files, which are read for it too."""
        present = [p for p in self.session.sources if Path(p).exists()]
        self.loader.change_council(present)

    def reread(self) -> None:
        """Read the open files again with the chosen council's official data (File › Update
        official data changed the official data read)."""
        present = [p for p in self.session.sources if Path(p).exists()]
        self._read(present, keep_view=self._view())

    def ask_council_after_first_load(self) -> None:
        """On a first start (no council chosen, never asked): once the first data is shown (the
        sample), ask for the council; BCP is preselected."""
        if self.settings.council() is not None or self.settings.council_asked():
            return
        self.settings.set_council_asked()
        if self.loader.is_loading:
            self._ask_after_load = True
        else:
            self.change_council()

    def cancel(self) -> None:
        self.loader.cancel()

    def wait(self) -> None:
        self.loader.wait()

    def _read(self, targets: list[str], *, opening: OpenedProject | None = None,
              reload_view: tuple[date, date] | None = None, keep_view: tuple[date, date] | None = None) -> None:
        self._opening, self._reload_view, self._keep_view = opening, reload_view, keep_view
        self.loader.start(targets)
        self.status.set_busy(f"Reading {plural(len(targets), 'file')}…")

    # -- answers -----------------------------------------------------------------------------------
    @Slot(object, object, object)
    def _on_loaded(self, paths: list[str], dataset: Dataset, errors: list) -> None:
        self.status.set_busy(None)
        opening, reload_view, keep_view = self._opening, self._reload_view, self._keep_view
        self._opening = self._reload_view = self._keep_view = None
        if opening is not None or reload_view is not None:
            self._show_project_data(dataset, errors, opening, reload_view)
            return
        failed = {e.path for e in errors}
        for e in errors:
            self.settings.remove_recent_file(e.path)
        if errors and len(errors) >= len(paths):
            self.recent_changed.emit()
            self.session.tell("Nothing was loaded; the data shown has not changed.", 10000)
            self._warn("Could not open the file" + ("s" if len(paths) > 1 else ""), failure_text(errors))
            return
        for p in reversed(paths):
            if p not in failed:
                self.settings.add_recent_file(p)
        self.recent_changed.emit()
        sources = [str(Path(p).absolute()) for p in paths if p not in failed]
        self.project.watch(sources)
        self.session.set_sources(sources)
        self.project.mark_modified()  # the project's data files changed
        self.session.set_data(dataset)
        if keep_view is not None and self._zoom_to is not None:
            self._zoom_to(*keep_view)
        self._tell_orphans()
        if errors:
            self._warn("Some files could not be read", f"The other files are shown.\n\n{failure_text(errors)}")
        if self._ask_after_load:
            self._ask_after_load = False
            QTimer.singleShot(0, self.change_council)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.status.set_busy(None)
        self._opening = self._reload_view = self._keep_view = None
        self._warn("Could not open the files", message + "\n\nThe data shown has not changed.")

    @Slot()
    def _on_cancelled(self) -> None:
        self.status.set_busy(None)
        self._opening = self._reload_view = self._keep_view = None
        self.session.tell("Loading cancelled; the data shown has not changed.")

    # -- projects -------------------------------------------------------------------------------------
    @Slot(object)
    def _on_project_opened(self, opened: OpenedProject) -> None:
        """A project was opened, restored or started: read its data files, then show its view."""
        self.session.set_sources(str(c.path) for c in opened.sources)
        self.session.set_metrics(opened.project.metrics)
        present = [str(c.path) for c in opened.sources if c.state != "missing"]
        self.project.watch(present)
        if present:
            self._read(present, opening=opened)
        else:
            self.loader.cancel()
            self._show_project_data(Dataset(), [], opened, None)
        if opened.missing:
            names = "\n".join(f"• {p}" for p in opened.missing)
            self._warn("Some data files are missing",
                       f"The project is open, but these data files were not found:\n\n{names}\n\n"
                       "Annotations on their items are kept and listed as orphaned. Put the files back and "
                       "open the project again, or open the data from where it is now.")
        elif opened.project.notices:  # characters repaired on loading: said, so a save is no surprise
            self._warn("The project was repaired as it opened", "\n\n".join(opened.project.notices))
        elif opened.changed:
            names = ", ".join(p.name for p in opened.changed)
            self.session.tell(f"{names} changed since the project was saved; annotations stay attached to "
                              "their items by id.", 12000)

    def _show_project_data(self, dataset: Dataset, errors: list, opening: OpenedProject | None,
                           reload_view: tuple[date, date] | None) -> None:
        before = self._orphan_ids()
        flt = opening.project.filters if opening is not None else self.session.filter
        self.session.set_data(dataset, filter=flt)
        view = opening.project.view_range if opening is not None else None
        if self._zoom_to is not None:
            if view is not None:
                self._zoom_to(view.start, view.end)
            elif reload_view is not None:
                self._zoom_to(*reload_view)
        if errors:
            self._warn("Some data files could not be read", failure_text(errors))
        self._tell_orphans(before if reload_view is not None else frozenset())

    def _orphan_ids(self) -> frozenset[str]:
        return frozenset(a.id for a in orphans(self.session.document, self.session.dataset))

    def _tell_orphans(self, before: frozenset[str] = frozenset()) -> None:
        new = self._orphan_ids() - before
        if new:
            many = len(new) != 1
            self.session.tell(
                f"{len(new)} annotation{'s are' if many else ' is'} orphaned: "
                f"{'their items are' if many else 'its item is'} not in the data now. They are kept and "
                "marked ⚠ in the Annotations panel.", 15000)

    @Slot(list)
    def _on_reload_requested(self, paths: list[str]) -> None:
        if paths:
            view = self._view_range() if callable(self._view_range) else None
            self._read(paths, reload_view=view)

    def _warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent_widget, title, text)

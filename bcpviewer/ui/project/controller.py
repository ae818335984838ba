"""The project file: new, open, save and save as, unsaved-work guards, autosave and crash recovery, and
watching the data files. What the project holds (annotations, links, targets, filter, metrics, sources)
lives in the session; the view range is asked of the timeline when a project is written."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from bcpviewer.io.errors import LoadError
from bcpviewer.io.project import SourceCheck, check_sources, describe_sources, load_project, save_project
from bcpviewer.model.project import SUFFIX, Project
from bcpviewer.model.spans import Span
from bcpviewer.ui.project.recovery import RecoveryStore, work_summary
from bcpviewer.ui.project.source_watcher import SourceWatcher
from bcpviewer.ui.session import Session
from bcpviewer.ui.shell.settings import Settings

log = logging.getLogger(__name__)

AUTOSAVE_MS = 60_000
PROJECT_FILTER = "BCP Viewer projects (*.bcpv)"
APP = "BCP Viewer"
Button = QMessageBox.StandardButton


@dataclass(frozen=True)
class OpenedProject:
    """A project just opened (or restored, or new): the window loads its sources and shows its view."""

    project: Project
    path: Path | None
    sources: list[SourceCheck] = field(default_factory=list)

    @property
    def missing(self) -> list[Path]:
        return [c.path for c in self.sources if c.state == "missing"]

    @property
    def changed(self) -> list[Path]:
        return [c.path for c in self.sources if c.state == "changed"]


class ProjectController(QObject):
    """Owns the project file and the unsaved-changes state of ``session``'s work."""

    project_opened = Signal(object)  # OpenedProject
    reload_requested = Signal(list)  # [str]: read these source files again
    dirty_changed = Signal(bool)
    recent_changed = Signal()

    def __init__(self, session: Session, settings: Settings, parent: QWidget,
                 view_range: Callable[[], tuple[date, date] | None] = lambda: None,
                 *, autosave_ms: int = AUTOSAVE_MS, layout: Callable[[], str] = lambda: "") -> None:
        super().__init__(parent)
        self.session = session
        self.parent_widget = parent  # dialogs are shown over it; its title names the project
        self.settings = settings
        self._view_range = view_range
        self._layout = layout  # the window's panels, as text to keep in the project
        self._project = Project()
        self._path: Path | None = None
        self._modified = False  # unsaved work that is not on the undo stack (restored, sources replaced)
        self._dirty = False
        self._asking = False
        self._closed = False  # the user has decided about unsaved work and the window is closing
        self.stack = session.undo_stack
        self.stack.setParent(self)  # deleted with the controller, whose slots use it, never before
        self.stack.cleanChanged.connect(self._update_dirty)
        self.recovery = RecoveryStore(settings.data_dir())
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(autosave_ms)
        self.autosave_timer.timeout.connect(self.autosave)
        self.watcher = SourceWatcher(self)
        self.watcher.changed.connect(self._on_sources_changed)
        session.dataset_changed.connect(lambda _ds: self.update_title())

    # -- state -------------------------------------------------------------------------------------
    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def project(self) -> Project:
        """The project as last opened or saved (sources relative to its file)."""
        return self._project

    @property
    def is_dirty(self) -> bool:
        return self._modified or not self.stack.isClean()

    @property
    def name(self) -> str:
        if self._path is not None:
            return self._path.name
        files = [Path(p).name for p in self.session.sources]
        return ", ".join(files[:3]) + ("…" if len(files) > 3 else "") if files else "Untitled"

    def mark_modified(self) -> None:
        """Something the undo stack does not hold changed (the data files were replaced)."""
        if self._path is not None or len(self.session.document) or not self.session.edits.is_empty:
            self._modified = True
        self._update_dirty()

    def snapshot(self, path: Path | None = None) -> Project:
        """The project as it stands now, with source paths relative to ``path``'s folder."""
        s = self.session
        base = path.parent if path is not None else None
        old_base = self._path.parent if self._path is not None else None
        sources = describe_sources(s.sources, base, self._project.sources, old_base)
        view = self._view_range() if not s.dataset.is_empty else None
        return Project(sources=sources, annotations=s.document, filters=s.filter, metrics=s.metrics,
                       view_range=Span(*view) if view is not None else None, edits=s.edits,
                       layout=self._layout(), extra=self._project.extra)

    def update_title(self) -> None:
        self.parent_widget.setWindowTitle(f"{self.name}[*] — {APP}")
        self.parent_widget.setWindowModified(self.is_dirty)

    @Slot()
    def _update_dirty(self) -> None:
        dirty = self.is_dirty
        if dirty and not self.autosave_timer.isActive():
            self.autosave_timer.start()
        elif not dirty:  # saved, or undone back to the saved state: nothing to recover
            self.autosave_timer.stop()
            self.recovery.discard()
        self.update_title()
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    # -- new, open, save ---------------------------------------------------------------------------
    def new_project(self) -> bool:
        """Start afresh (asking first about unsaved work)."""
        if not self.maybe_save():
            return False
        self._install(Project(), None, modified=False)
        self.project_opened.emit(OpenedProject(Project(), None))
        return True

    def open_project(self, path: str | Path) -> bool:
        """Open a .bcpv file (asking first about unsaved work); says why when it cannot."""
        p = Path(path).absolute()
        try:
            project = load_project(p)
        except LoadError as exc:
            self.settings.remove_recent_project(str(p))
            self.recent_changed.emit()
            QMessageBox.warning(self.parent_widget, "Could not open the project",
                                f"{p.name}: {exc}\n\nNothing was changed.")
            return False
        if not self.maybe_save():
            return False
        self._install(project, p, modified=False)
        self._remember(p)
        self.project_opened.emit(OpenedProject(project, p, check_sources(project, p.parent)))
        return True

    def save(self) -> bool:
        """Save to the project's file, or ask where when it has none. False when not saved."""
        return self.save_as() if self._path is None else self._write(self._path)

    def save_as(self, path: str | Path | None = None) -> bool:
        if path is None:
            start = str(self._path or Path(self.settings.last_directory()) / "Untitled.bcpv")
            chosen, _ = QFileDialog.getSaveFileName(self.parent_widget, "Save project as", start, PROJECT_FILTER)
            if not chosen:
                return False
            path = chosen
        p = Path(path).absolute()
        if p.suffix.lower() != SUFFIX:
            p = p.with_name(p.name + SUFFIX)
        return self._write(p)

    def _write(self, path: Path) -> bool:
        project = self.snapshot(path)
        try:
            save_project(path, project)
        except Exception as exc:  # noqa: BLE001 - any failure: say so, keep the work open and dirty
            log.warning("Saving %s failed: %s", path, exc)
            QMessageBox.critical(
                self.parent_widget, "Could not save the project",
                f"{exc}\n\nYour work is still open and has not been lost. Try saving again, or use "
                "File › Save As… to save it somewhere else.")
            return False
        self._project, self._path, self._modified = project, path, False
        self.stack.setClean()
        self.recovery.discard()
        self._remember(path)
        self._update_dirty()
        self.session.tell(f"Saved {path.name}")
        return True

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current work: nothing unsaved, saved now, or discarded."""
        if not self.is_dirty:
            return True
        answer = QMessageBox.question(
            self.parent_widget, "Save changes?",
            self._unsaved_question(),
            Button.Save | Button.Discard | Button.Cancel, Button.Save)
        if answer == Button.Save:
            return self.save()
        if answer == Button.Discard:
            self.recovery.discard()
            return True
        return False

    def _unsaved_question(self) -> str:
        """What the prompt says: the project by name, or that the work is in no project yet."""
        if self._path is not None:
            return f"The project “{self._path.name}” has changes that have not been saved. Save them first?"
        return ("This work (annotations, links, targets and the briefing pack's cover) has not been saved "
                "as a project. Save it as a project first?")

    def _install(self, project: Project, path: Path | None, *, modified: bool) -> None:
        self.stack.clear()
        self._project, self._path, self._modified = project, path, modified
        self.session.set_document(project.annotations)
        self.session.set_edits(project.edits)
        self._update_dirty()

    def _remember(self, path: Path) -> None:
        self.settings.add_recent_project(str(path))
        self.settings.set_last_directory(str(path.parent))
        self.recent_changed.emit()

    # -- autosave and recovery ---------------------------------------------------------------------
    @Slot()
    def autosave(self) -> None:
        """Write unsaved work to this session's recovery file (a failure is told, not raised)."""
        if not self.is_dirty or self._closed:
            return
        try:
            self.recovery.write(self.snapshot(self._path), self._path)
        except Exception as exc:  # noqa: BLE001 - a failed autosave must never interrupt the work
            log.warning("Autosave failed: %s", exc)
            self.session.tell(f"Autosave failed: {exc}")

    def offer_recovery(self) -> bool:
        """After a crash: offer the unsaved work it left; True when some was restored."""
        for leftover in self.recovery.leftovers():
            try:
                found = self.recovery.read(leftover)
            except LoadError as exc:
                kept = self.recovery.set_aside(leftover)
                log.warning("Unreadable recovery file %s: %s (kept as %s)", leftover.path, exc, kept)
                self.session.tell(f"An autosave left by an earlier session could not be read ({exc}); it "
                                  f"is kept as {kept or leftover.path} and will not be offered again.", 15000)
                continue
            name = Path(found.original).name if found.original else "an untitled project"
            answer = QMessageBox.question(
                self.parent_widget, "Restore unsaved work?",
                f"BCP Viewer did not close properly last time. It kept the unsaved work on {name} "
                f"({work_summary(found.project)}, autosaved {found.saved or 'recently'})."
                "\n\nRestore it now? Discard deletes it; Cancel keeps it for next time.",
                Button.Yes | Button.Discard | Button.Cancel, Button.Yes)
            if answer != Button.Yes:
                self.recovery.release(leftover, remove=answer == Button.Discard)
                continue
            original = Path(found.original) if found.original else None
            self._install(found.project, original, modified=True)
            self.autosave()  # the restored work is this session's now
            self.recovery.release(leftover, remove=True)
            base = original.parent if original else None
            self.project_opened.emit(OpenedProject(found.project, original,
                                                   check_sources(found.project, base)))
            self.session.tell(f"Restored the unsaved work on {name}; save it to keep it.")
            return True
        return False

    def confirm_close(self) -> bool:
        """Ask about unsaved work before the window closes; False cancels the close."""
        if not self.maybe_save():
            return False
        self._closed = True
        self.autosave_timer.stop()
        return True

    # -- source files ------------------------------------------------------------------------------
    def watch(self, paths: list[str]) -> None:
        self.watcher.set_paths(paths)

    @Slot(list)
    def _on_sources_changed(self, paths: list[str]) -> None:
        if self._asking:
            return
        gone = [p for p in paths if not Path(p).is_file()]
        if gone:
            self.session.tell(f"{', '.join(Path(p).name for p in gone)} was moved or deleted; "
                              "the data shown stays until you open it again.")
        present = [p for p in paths if p not in gone]
        if not present:
            return
        names = ", ".join(Path(p).name for p in present)
        self._asking = True
        try:
            answer = QMessageBox.question(
                self.parent_widget, "Source file changed",
                f"{names} changed on disk. Reload the data now?\n\nAnnotations stay attached to their "
                "items; any whose item is no longer in the data are kept and listed as orphaned.",
                Button.Yes | Button.No, Button.Yes)
        finally:
            self._asking = False
        if answer == Button.Yes:
            self.reload_requested.emit(self.watcher.paths())

"""The current project: its annotations, metric links and targets, undo stack, saving and opening,
unsaved-work guards, autosave."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from bcpviewer.io.errors import LoadError
from bcpviewer.io.project import SourceCheck, check_sources, describe_sources, load_project, save_project
from bcpviewer.model.annotations import EMPTY, Annotation, AnnotationSet, Target
from bcpviewer.model.filtering import Filter
from bcpviewer.model.project import SUFFIX, Project
from bcpviewer.model.records import Target as MetricTarget
from bcpviewer.model.spans import Span
from bcpviewer.model.user_edits import EMPTY_EDITS, UserEdits
from bcpviewer.ui.project.commands import (
    AddAnnotation,
    AddTarget,
    ChangeAnnotation,
    ChangeTarget,
    DeleteAnnotation,
    LinkMetric,
    MoveAnnotation,
    RemoveTarget,
)
from bcpviewer.ui.project.recovery import RecoveryStore
from bcpviewer.ui.shell.settings import Settings
from bcpviewer.ui.project.source_watcher import SourceWatcher

log = logging.getLogger(__name__)

AUTOSAVE_MS = 60_000
PROJECT_FILTER = "BCP Viewer projects (*.bcpv)"
APP = "BCP Viewer"
Button = QMessageBox.StandardButton


@dataclass(frozen=True)
class ViewState:
    """What the window shows that a project records: data files (absolute), filter, metrics, dates."""

    sources: tuple[str, ...] = ()
    filters: Filter = Filter()
    metrics: tuple[str, ...] = ()
    view_range: Span | None = None


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
    """Owns the annotation document, the app's metric links and targets, the QUndoStack, the project
    file and the unsaved-changes state."""

    document_changed = Signal(object)  # AnnotationSet
    edits_changed = Signal(object)  # UserEdits: metric links and targets made in the app
    project_opened = Signal(object)  # OpenedProject
    reload_requested = Signal(list)  # [str]: read these source files again
    dirty_changed = Signal(bool)
    message = Signal(str)  # a line for the status bar
    recent_changed = Signal()

    def __init__(self, window: QWidget, settings: Settings, state: Callable[[], ViewState] = ViewState,
                 *, autosave_ms: int = AUTOSAVE_MS, stack: QUndoStack | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self._state = state
        self._doc: AnnotationSet = EMPTY
        self._edits: UserEdits = EMPTY_EDITS
        self._project = Project()
        self._path: Path | None = None
        self._modified = False  # unsaved work that is not on the undo stack (restored, sources replaced)
        self._dirty = False
        self._asking = False
        self._closed = False  # the user has decided about unsaved work and the window is closing
        self.stack = stack if stack is not None else QUndoStack()  # one the window made with its menus
        self.stack.setParent(self)  # owned (and deleted) with the controller, as its slots use it
        self.stack.cleanChanged.connect(self._update_dirty)
        self.recovery = RecoveryStore(settings.data_dir())
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(autosave_ms)
        self.autosave_timer.timeout.connect(self.autosave)
        self.watcher = SourceWatcher(self)
        self.watcher.changed.connect(self._on_sources_changed)  # the window calls update_title once built

    # -- the document ------------------------------------------------------------------------------
    @property
    def document(self) -> AnnotationSet:
        return self._doc

    def set_document(self, doc: AnnotationSet) -> None:
        """Called by the undo commands (and on open): the new document, told to every view."""
        self._doc = doc
        self.document_changed.emit(doc)

    def push(self, command: QUndoCommand) -> None:
        self.stack.push(command)

    def add_annotation(self, annotation: Annotation) -> None:
        self.push(AddAnnotation(self, annotation))

    def edit_annotation(self, new: Annotation) -> None:
        old = self._doc[new.id]
        if old != new:
            self.push(ChangeAnnotation(self, old, new))

    def delete_annotation(self, annotation_id: str) -> None:
        self.push(DeleteAnnotation(self, self._doc[annotation_id]))

    def move_annotation(self, annotation_id: str, target: Target) -> None:
        self.push(MoveAnnotation(self, self._doc[annotation_id], target))

    # -- metric links and targets made in the app ----------------------------------------------------
    @property
    def edits(self) -> UserEdits:
        return self._edits

    @property
    def metric_links(self) -> Mapping[str, str]:
        """``action:<id>`` → series id: links made in the app (they override the tracker's Metric)."""
        return self._edits.metric_links

    @property
    def user_targets(self) -> Mapping[str, tuple[MetricTarget, ...]]:
        """Series id → the targets entered in the app."""
        return self._edits.targets

    def set_edits(self, edits: UserEdits) -> None:
        """Called by the undo commands (and on open): the new links and targets, told to every view."""
        self._edits = edits
        self.edits_changed.emit(edits)

    def link_metric(self, action_key: str, series_id: str | None, *, name: str = "") -> None:
        """Link an action to a metric (None removes the app's link); ``name`` names it in Edit › Undo."""
        if self._edits.link_of(action_key) != series_id:
            self.push(LinkMetric(self, action_key, series_id, name))

    def add_target(self, series_id: str, target: MetricTarget) -> bool:
        """Add a target to a metric; False (and a message) when the metric already has it."""
        if target in self._edits.targets_of(series_id):
            self.message.emit("That metric already has this target.")
            return False
        self.push(AddTarget(self, series_id, target))
        return True

    def remove_target(self, series_id: str, target: MetricTarget) -> None:
        """Remove a target entered in the app (the workbook's cannot be removed here)."""
        if target in self._edits.targets_of(series_id):
            self.push(RemoveTarget(self, series_id, target))

    def change_target(self, series_id: str, old: MetricTarget, new: MetricTarget, *,
                      to_series: str | None = None) -> bool:
        """Replace a target entered in the app (moving it to ``to_series`` when given and different);
        False (and a message) when that would repeat a target the metric already has."""
        if old not in self._edits.targets_of(series_id):
            return False
        if to_series is None or to_series == series_id:
            if old == new:
                return True
            if new in self._edits.targets_of(series_id):
                self.message.emit("That metric already has this target.")
                return False
            self.push(ChangeTarget(self, series_id, old, new))
            return True
        if new in self._edits.targets_of(to_series):
            self.message.emit("That metric already has this target.")
            return False
        self.stack.beginMacro("Edit target")
        self.push(RemoveTarget(self, series_id, old))
        self.push(AddTarget(self, to_series, new))
        self.stack.endMacro()
        return True

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
        files = [Path(p).name for p in self._state().sources]
        return ", ".join(files[:3]) + ("…" if len(files) > 3 else "") if files else "Untitled"

    def mark_modified(self) -> None:
        """Something the undo stack does not hold changed (the data files were replaced)."""
        if self._path is not None or len(self._doc) or not self._edits.is_empty:
            self._modified = True
        self._update_dirty()

    def snapshot(self, path: Path | None = None) -> Project:
        """The project as it stands now, with source paths relative to ``path``'s folder."""
        state = self._state()
        base = path.parent if path is not None else None
        old_base = self._path.parent if self._path is not None else None
        sources = describe_sources(state.sources, base, self._project.sources, old_base)
        return Project(sources=sources, annotations=self._doc, filters=state.filters,
                       metrics=tuple(state.metrics), view_range=state.view_range, edits=self._edits,
                       extra=self._project.extra)

    def update_title(self) -> None:
        self.window.setWindowTitle(f"{self.name}[*] — {APP}")
        self.window.setWindowModified(self.is_dirty)

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
            QMessageBox.warning(self.window, "Could not open the project",
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
            chosen, _ = QFileDialog.getSaveFileName(self.window, "Save project as", start, PROJECT_FILTER)
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
                self.window, "Could not save the project",
                f"{exc}\n\nYour work is still open and has not been lost. Try saving again, or use "
                "File › Save As… to save it somewhere else.")
            return False
        self._project, self._path, self._modified = project, path, False
        self.stack.setClean()
        self.recovery.discard()
        self._remember(path)
        self._update_dirty()
        self.message.emit(f"Saved {path.name}")
        return True

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current work: nothing unsaved, saved now, or discarded."""
        if not self.is_dirty:
            return True
        answer = QMessageBox.question(
            self.window, "Save changes?",
            f"“{self.name}” has changes that have not been saved. Save them first?",
            Button.Save | Button.Discard | Button.Cancel, Button.Save)
        if answer == Button.Save:
            return self.save()
        if answer == Button.Discard:
            self.recovery.discard()
            return True
        return False

    def _install(self, project: Project, path: Path | None, *, modified: bool) -> None:
        self.stack.clear()
        self._project, self._path, self._modified = project, path, modified
        self.set_document(project.annotations)
        self.set_edits(project.edits)
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
            self.message.emit(f"Autosave failed: {exc}")

    def offer_recovery(self) -> bool:
        """After a crash: offer the unsaved work it left; True when some was restored."""
        for leftover in self.recovery.leftovers():
            try:
                found = self.recovery.read(leftover)
            except LoadError as exc:
                log.warning("Unreadable recovery file %s: %s", leftover.path, exc)
                self.recovery.release(leftover, remove=False)
                continue
            name = Path(found.original).name if found.original else "an untitled project"
            answer = QMessageBox.question(
                self.window, "Restore unsaved work?",
                f"BCP Viewer did not close properly last time. It kept the unsaved work on {name} "
                f"({_work_summary(found.project)}, autosaved {found.saved or 'recently'})."
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
            self.message.emit(f"Restored the unsaved work on {name}; save it to keep it.")
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
            self.message.emit(f"{', '.join(Path(p).name for p in gone)} was moved or deleted; "
                              "the data shown stays until you open it again.")
        present = [p for p in paths if p not in gone]
        if not present:
            return
        names = ", ".join(Path(p).name for p in present)
        self._asking = True
        try:
            answer = QMessageBox.question(
                self.window, "Source file changed",
                f"{names} changed on disk. Reload the data now?\n\nAnnotations stay attached to their "
                "items; any whose item is no longer in the data are kept and listed as orphaned.",
                Button.Yes | Button.No, Button.Yes)
        finally:
            self._asking = False
        if answer == Button.Yes:
            self.reload_requested.emit(self.watcher.paths())


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _work_summary(project: Project) -> str:
    """"3 annotations, 1 metric link and 2 targets": what a project holds besides its data."""
    parts = [_plural(len(project.annotations), "annotation")]
    if project.edits.metric_links:
        parts.append(_plural(len(project.edits.metric_links), "metric link"))
    if project.edits.targets:
        parts.append(_plural(project.edits.target_count, "target"))
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]

"""Every user edit as an undo command on the session: annotations, metric links, targets, the pack's cover.

Views and dialogs call these methods; each pushes one command (bcpviewer.ui.project.commands) onto the
session's undo stack, and the command sets the new document or UserEdits on the session, which tells
every view.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from bcpviewer.model.annotations import Annotation, Target
from bcpviewer.model.cover import Cover
from bcpviewer.model.records import Target as MetricTarget
from bcpviewer.ui.project.commands import (
    AddAnnotation,
    AddTarget,
    ChangeAnnotation,
    ChangeCover,
    ChangeTarget,
    DeleteAnnotation,
    LinkMetric,
    MoveAnnotation,
    RemoveTarget,
)
from bcpviewer.ui.session import Session

SAME_TARGET = "That metric already has this target."


class Editor(QObject):
    """Turns each edit asked for into an undoable command on ``session``."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session

    # -- annotations ---------------------------------------------------------------------------
    def add_annotation(self, annotation: Annotation) -> None:
        self.session.push(AddAnnotation(self.session, annotation))

    def edit_annotation(self, new: Annotation) -> None:
        old = self.session.document[new.id]
        if old != new:
            self.session.push(ChangeAnnotation(self.session, old, new))

    def delete_annotation(self, annotation_id: str) -> None:
        self.session.push(DeleteAnnotation(self.session, self.session.document[annotation_id]))

    def move_annotation(self, annotation_id: str, target: Target) -> None:
        self.session.push(MoveAnnotation(self.session, self.session.document[annotation_id], target))

    # -- metric links and targets made in the app -------------------------------------------------
    def link_metric(self, action_key: str, series_id: str | None, *, name: str = "") -> None:
        """Link an action to a metric (None removes the app's link); ``name`` names it in Edit › Undo."""
        if self.session.edits.link_of(action_key) != series_id:
            self.session.push(LinkMetric(self.session, action_key, series_id, name))

    def add_target(self, series_id: str, target: MetricTarget) -> bool:
        """Add a target to a metric; False (and a message) when the metric already has it."""
        if target in self.session.edits.targets_of(series_id):
            self.session.tell(SAME_TARGET)
            return False
        self.session.push(AddTarget(self.session, series_id, target))
        return True

    def remove_target(self, series_id: str, target: MetricTarget) -> None:
        """Remove a target entered in the app (the workbook's cannot be removed here)."""
        if target in self.session.edits.targets_of(series_id):
            self.session.push(RemoveTarget(self.session, series_id, target))

    def change_target(self, series_id: str, old: MetricTarget, new: MetricTarget, *,
                      to_series: str | None = None) -> bool:
        """Replace a target entered in the app (moving it to ``to_series`` when given and different);
        False (and a message) when that would repeat a target the metric already has."""
        edits = self.session.edits
        if old not in edits.targets_of(series_id):
            return False
        destination = series_id if to_series is None else to_series
        if destination == series_id and old == new:
            return True
        if new in edits.targets_of(destination):
            self.session.tell(SAME_TARGET)
            return False
        if destination == series_id:
            self.session.push(ChangeTarget(self.session, series_id, old, new))
            return True
        stack = self.session.undo_stack
        stack.beginMacro("Edit target")
        self.session.push(RemoveTarget(self.session, series_id, old))
        self.session.push(AddTarget(self.session, destination, new))
        stack.endMacro()
        return True

    # -- the briefing pack's cover ----------------------------------------------------------------
    def set_cover(self, cover: Cover) -> None:
        """Keep the cover typed in the export dialog in the project (nothing when it is unchanged)."""
        if cover != self.session.edits.cover:
            self.session.push(ChangeCover(self.session, cover))

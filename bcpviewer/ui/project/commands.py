"""Annotation, metric-link, target and pack-cover edits as undo commands: each body calls a pure model function and
sets the new document (or the new UserEdits) on its holder."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from bcpviewer.model import annotations as model
from bcpviewer.model import user_edits
from bcpviewer.model.annotations import Annotation, AnnotationSet, Target, now_utc
from bcpviewer.model.cover import Cover
from bcpviewer.model.keys import split_key
from bcpviewer.model.records import Target as MetricTarget
from bcpviewer.model.user_edits import UserEdits


class DocumentHolder(Protocol):
    """What a command edits: whoever owns the current annotation document (the Session)."""

    @property
    def document(self) -> AnnotationSet: ...

    def set_document(self, doc: AnnotationSet) -> None: ...


class _Command(QUndoCommand):
    def __init__(self, holder: DocumentHolder, text: str) -> None:
        super().__init__(text)
        self.holder = holder

    def _apply(self, doc: AnnotationSet) -> None:
        self.holder.set_document(doc)


class AddAnnotation(_Command):
    """Add one annotation; undo deletes it."""

    def __init__(self, holder: DocumentHolder, annotation: Annotation) -> None:
        super().__init__(holder, "Add annotation")
        self.annotation = annotation

    def redo(self) -> None:
        self._apply(model.add(self.holder.document, self.annotation))

    def undo(self) -> None:
        self._apply(model.delete(self.holder.document, self.annotation.id))


class ChangeAnnotation(_Command):
    """Replace an annotation's fields; undo puts the old ones back."""

    def __init__(self, holder: DocumentHolder, old: Annotation, new: Annotation) -> None:
        super().__init__(holder, "Edit annotation")
        if old.id != new.id:
            raise ValueError("an edit keeps the annotation's id")
        self.old, self.new = old, new

    def redo(self) -> None:
        self._apply(model.change(self.holder.document, self.new))

    def undo(self) -> None:
        self._apply(model.change(self.holder.document, self.old))


class DeleteAnnotation(_Command):
    """Delete one annotation; undo adds it back, unchanged."""

    def __init__(self, holder: DocumentHolder, annotation: Annotation) -> None:
        super().__init__(holder, "Delete annotation")
        self.annotation = annotation

    def redo(self) -> None:
        self._apply(model.delete(self.holder.document, self.annotation.id))

    def undo(self) -> None:
        self._apply(model.add(self.holder.document, self.annotation))


class MoveAnnotation(_Command):
    """Attach an annotation to another item, date or range; undo moves it back."""

    def __init__(self, holder: DocumentHolder, old: Annotation, target: Target,
                 now: datetime | None = None) -> None:
        super().__init__(holder, "Move annotation")
        self.old, self.target, self.when = old, target, now or now_utc()

    def redo(self) -> None:
        self._apply(model.move(self.holder.document, self.old.id, self.target, now=self.when))

    def undo(self) -> None:
        self._apply(model.change(self.holder.document, self.old))


# -- metric links and targets made in the app --------------------------------------------------------
class EditsHolder(Protocol):
    """Who owns the current UserEdits (the Session)."""

    @property
    def edits(self) -> UserEdits: ...

    def set_edits(self, edits: UserEdits) -> None: ...


class _EditsCommand(QUndoCommand):
    def __init__(self, holder: EditsHolder, text: str) -> None:
        super().__init__(text)
        self.holder = holder

    def _apply(self, edits: UserEdits) -> None:
        self.holder.set_edits(edits)


def link_text(action_key: str, series_id: str | None, name: str = "") -> str:
    """"Link A6.05 to Agency social worker rate", or "Unlink A6.05 from its metric"."""
    _kind, action_id = split_key(action_key)
    if series_id is None:
        return f"Unlink {action_id} from its metric"
    return f"Link {action_id} to {name or series_id}"


class LinkMetric(_EditsCommand):
    """Link an action to a metric series (None: remove the app's link); undo restores the old link."""

    def __init__(self, holder: EditsHolder, action_key: str, series_id: str | None, name: str = "") -> None:
        super().__init__(holder, link_text(action_key, series_id, name))
        self.key, self.new = action_key, series_id
        self.old = holder.edits.link_of(action_key)

    def redo(self) -> None:
        self._apply(user_edits.link(self.holder.edits, self.key, self.new))

    def undo(self) -> None:
        self._apply(user_edits.link(self.holder.edits, self.key, self.old))


class AddTarget(_EditsCommand):
    """Add a target to a metric; undo removes it."""

    def __init__(self, holder: EditsHolder, series_id: str, target: MetricTarget) -> None:
        super().__init__(holder, "Add target")
        self.series_id, self.target = series_id, target

    def redo(self) -> None:
        self._apply(user_edits.add_target(self.holder.edits, self.series_id, self.target))

    def undo(self) -> None:
        self._apply(user_edits.remove_target(self.holder.edits, self.series_id, self.target))


class RemoveTarget(_EditsCommand):
    """Remove a target entered in the app; undo puts it back in its place."""

    def __init__(self, holder: EditsHolder, series_id: str, target: MetricTarget) -> None:
        super().__init__(holder, "Remove target")
        self.series_id, self.target = series_id, target
        self.index = user_edits.target_index(holder.edits, series_id, target)

    def redo(self) -> None:
        self._apply(user_edits.remove_target(self.holder.edits, self.series_id, self.target))

    def undo(self) -> None:
        self._apply(user_edits.add_target(self.holder.edits, self.series_id, self.target, self.index))


class ChangeTarget(_EditsCommand):
    """Change a target's value, date or label; undo puts the old one back."""

    def __init__(self, holder: EditsHolder, series_id: str, old: MetricTarget, new: MetricTarget) -> None:
        super().__init__(holder, "Edit target")
        self.series_id, self.old, self.new = series_id, old, new

    def redo(self) -> None:
        self._apply(user_edits.change_target(self.holder.edits, self.series_id, self.old, self.new))

    def undo(self) -> None:
        self._apply(user_edits.change_target(self.holder.edits, self.series_id, self.new, self.old))


class ChangeCover(_EditsCommand):
    """Keep the pack's cover as typed in the export dialog; undo puts the old one back."""

    def __init__(self, holder: EditsHolder, cover: Cover) -> None:
        super().__init__(holder, "Edit the briefing pack's cover")
        self.old, self.new = holder.edits.cover, cover

    def redo(self) -> None:
        self._apply(user_edits.with_cover(self.holder.edits, self.new))

    def undo(self) -> None:
        self._apply(user_edits.with_cover(self.holder.edits, self.old))

"""Annotation edits as undo commands: each body calls a pure model function and sets the new document."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from bcpviewer.model import annotations as model
from bcpviewer.model.annotations import Annotation, AnnotationSet, Target, now_utc


class DocumentHolder(Protocol):
    """What a command edits: whoever owns the current annotation document (the ProjectController)."""

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

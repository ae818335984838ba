"""The annotations controller: Edit › Annotate commands, the dialog, the Annotations panel, the flags on
the timeline and the charts, Shift+drag ranges and jumps. It follows the session and edits through the
Editor (every edit an undo command)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from bcpviewer.model.annotations import (
    Annotation,
    AnnotationSet,
    DateTarget,
    ItemTarget,
    RangeTarget,
    Target,
    dataset_keys,
    for_item,
)
from bcpviewer.model.keys import item_key
from bcpviewer.model.records import Action, Dataset, Event
from bcpviewer.model.spans import format_range
from bcpviewer.model.timeline import EVENT_GROUPS, LANE_PAD, ROW, workstream_key
from bcpviewer.plots.annotation_layer import AnnotationLayer
from bcpviewer.ui.annotations.annotation_dialog import AnnotationDialog
from bcpviewer.ui.annotations.annotations_panel import AnnotationsPanel
from bcpviewer.ui.project.editing import Editor
from bcpviewer.ui.session import Session
from bcpviewer.ui.timeline.range_drag import RangeDragger

if TYPE_CHECKING:
    from bcpviewer.ui.shell.docks import DockHost
    from bcpviewer.ui.timeline.timeline_view import TimelineView

DOCK = "annotations_dock"

DATE_CONTEXT_DAYS = 60  # a jump to a date shows this many days either side


def describe(record: Action | Event) -> str:
    """``Action A6.01: Reduce agency staff`` or ``Event: ILACS inspection (6-17 Dec 2021)``."""
    if isinstance(record, Action):
        return f"Action {record.id}: {record.title}"
    return f"{record.kind.label}: {record.title} ({record.when_label})"


class AnnotationsController(QObject):
    """Connects the session's annotation document to the menus, the panel, the timeline and the charts."""

    def __init__(self, session: Session, editor: Editor, timeline: TimelineView, host: DockHost,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.editor = editor
        self.timeline = timeline
        self.host = host
        self.parent_widget = parent  # the dialogs are shown over it
        self.panel = AnnotationsPanel()
        host.add_dock(DOCK, "Annotations", self.panel, "bottom", tab_with="items_dock")
        self._records: dict[str, Action | Event] = {}
        self._orphan_ids: frozenset[str] = frozenset()
        self._lane_of: dict[str, str] = {}
        self._keys: set[str] = set()  # every key an annotation can be on in the data shown
        self.layer = AnnotationLayer(self.locate, self.row_of)
        timeline.plot_item.addItem(self.layer, ignoreBounds=True)
        self._chart_layers: dict[int, AnnotationLayer] = {}  # id(plot item) -> its layer
        self.dragger = RangeDragger(timeline.plot_item, self)
        self.dragger.picked.connect(self._on_range_dragged)
        self.layer.clicked.connect(self._on_layer_clicked)
        self.panel.jump_requested.connect(self.jump)
        self.panel.edit_requested.connect(self.edit)
        self.panel.delete_requested.connect(self.delete)
        session.document_changed.connect(self._on_document_changed)
        session.dataset_changed.connect(self.set_dataset)
        session.filter_changed.connect(lambda _flt: self.refresh_layer())  # flags on hidden items go too

    # -- data ----------------------------------------------------------------------------------------
    def set_dataset(self, dataset: Dataset) -> None:
        self._records = {item_key(r): r for r in (*dataset.actions, *dataset.events)}
        self._keys = dataset_keys(dataset)
        group = {kind: lane for lane, _label, kinds in EVENT_GROUPS for kind in kinds}
        self._lane_of = {item_key(e): group.get(e.kind, "") for e in dataset.events}
        self._lane_of.update((item_key(a), workstream_key(a.workstream)) for a in dataset.actions)
        self.refresh()

    def locate(self, key: str) -> tuple[date, date] | None:
        """The dates an item is drawn from and to on the timeline (None: not in the data, or filtered out)."""
        visible = self.session.visible_keys
        record = self._records.get(key) if visible is None or key in visible else None
        if isinstance(record, Event):
            return record.start, record.end or record.start
        if isinstance(record, Action):
            end = record.due or record.current_due or record.completed or record.start
            if end is not None:
                return record.start or end, end
        return None

    def row_of(self, key: str) -> float | None:
        """The y of the first row of an item's lane on the timeline now (lanes collapse and grow)."""
        lane_key = self._lane_of.get(key)
        lane = next((ln for ln in self.timeline.lanes() if ln.key == lane_key), None)
        if lane is None:
            return None
        return lane.centre if lane.collapsed or lane.rows <= 1 else lane.y0 + LANE_PAD + ROW / 2

    def where(self, a: Annotation) -> str:
        """Where an annotation is, in words (an orphan's key says it is not in the data)."""
        key = a.key
        if key is None:
            return a.target.label
        record = self._records.get(key)
        return describe(record) if record is not None else f"{key} (not in the data now)"

    @property
    def orphan_ids(self) -> frozenset[str]:
        return self._orphan_ids

    def refresh(self) -> None:
        doc = self.session.document
        keys = self._keys
        self._orphan_ids = frozenset(a.id for a in doc.values() if a.key is not None and a.key not in keys)
        self.layer.set_annotations(list(doc.values()))
        for layer in self._chart_layers.values():
            layer.set_annotations(list(doc.values()))
        self.panel.set_annotations(doc, {a.id: self.where(a) for a in doc.values()}, self._orphan_ids)

    def refresh_layer(self) -> None:
        """Place the flags again (the filter changed which items are drawn)."""
        notes = list(self.session.document.values())
        self.layer.set_annotations(notes)
        for layer in self._chart_layers.values():
            layer.set_annotations(notes)

    def attach_charts(self, plot_items: list[object]) -> None:
        """Draw the annotations on each metric chart too (one layer per chart, made once)."""
        alive = {id(p) for p in plot_items}
        self._chart_layers = {k: v for k, v in self._chart_layers.items() if k in alive}
        notes = list(self.session.document.values())
        for plot in plot_items:
            if id(plot) not in self._chart_layers:
                layer = AnnotationLayer(self.locate)
                layer.clicked.connect(self._on_layer_clicked)
                plot.addItem(layer, ignoreBounds=True)  # type: ignore[attr-defined]
                self._chart_layers[id(plot)] = layer
                layer.set_annotations(notes)

    def on_item(self, key: str | None) -> list[Annotation]:
        return for_item(self.session.document, key) if key else []

    @Slot(object)
    def _on_document_changed(self, _doc: AnnotationSet) -> None:
        self.refresh()

    # -- commands ------------------------------------------------------------------------------------
    def annotate_item(self) -> None:
        """Ctrl+M: a new annotation on the selected action or event."""
        key = self.session.selected
        record = self._records.get(key or "")
        if key is None or record is None:
            QMessageBox.information(self.parent_widget, "Select an item first",
                                    "Select an action or event on the timeline or in a table, then "
                                    "choose Annotate selected item (Ctrl+M).")
            return
        self._add(ItemTarget(key), describe(record))

    def annotate_range(self, start: date | None = None, end: date | None = None) -> None:
        """A new annotation on a date range (the dates in view unless given)."""
        if start is None or end is None:
            first, last = self.timeline.visible_range()
            third = (last - first).days // 3
            start, end = first + timedelta(days=third), last - timedelta(days=third)
        self._add(RangeTarget(min(start, end), max(start, end)), "")

    def _add(self, target: Target, where: str) -> None:
        dialog = AnnotationDialog(self.parent_widget, target, where)
        made = dialog.annotation() if _run(dialog) else None
        dialog.deleteLater()
        if made is not None:
            self.editor.add_annotation(made)
            self.panel.select(made.id)

    @Slot(str)
    def edit(self, annotation_id: str) -> None:
        old = self.session.document.get(annotation_id)
        if old is None:
            return
        dialog = AnnotationDialog(self.parent_widget, old.target, self.where(old), old)
        new = dialog.annotation() if _run(dialog) else old
        dialog.deleteLater()
        if new == old:
            return
        if _same_but_place(old, new):
            self.editor.move_annotation(old.id, new.target)
        else:
            self.editor.edit_annotation(new)

    @Slot(str)
    def delete(self, annotation_id: str) -> None:
        if annotation_id in self.session.document:
            self.editor.delete_annotation(annotation_id)
            self.session.tell("Annotation deleted (Edit › Undo brings it back).", 6000)

    # -- jumping -------------------------------------------------------------------------------------
    @Slot(str)
    def jump(self, annotation_id: str) -> None:
        """Go to an annotation's place: select its item, or zoom the timeline to its date or range."""
        a = self.session.document.get(annotation_id)
        if a is None:
            return
        self.layer.set_highlight(a.id)
        t = a.target
        if isinstance(t, ItemTarget):
            if t.key not in self._records:
                self.session.tell(f"{t.key} is not in the data now: this annotation is orphaned.")
                return
            if self.session.visible_keys is not None and t.key not in self.session.visible_keys:
                self.session.tell("That item is hidden by the current filter; clear filters to see it.")
                return
            self.session.select(t.key)
            return
        if isinstance(t, DateTarget):
            d = timedelta(days=DATE_CONTEXT_DAYS)
            self.timeline.zoom_to(t.day - d, t.day + d)
        else:
            margin = timedelta(days=max(14, (t.end - t.start).days // 8))
            self.timeline.zoom_to(t.start - margin, t.end + margin)
        self.session.tell(f"Showing {format_range(*_dates(t))}", 5000)

    @Slot(str)
    def _on_layer_clicked(self, annotation_id: str) -> None:
        self.host.show_dock(DOCK, focus=False)
        self.panel.select(annotation_id)
        self.jump(annotation_id)

    @Slot(object, object)
    def _on_range_dragged(self, start: date, end: date) -> None:
        # after the mouse release has been handled: no modal dialog inside the scene's event filter
        QTimer.singleShot(0, lambda: self.annotate_range(start, end))


def _run(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def _dates(t: DateTarget | RangeTarget) -> tuple[date, date]:
    return (t.day, t.day) if isinstance(t, DateTarget) else (t.start, t.end)


def _content(a: Annotation) -> tuple[object, ...]:
    return (a.text, a.tags, a.source_title, a.source_url, a.include_in_briefing, a.private, a.author)


def _same_but_place(old: Annotation, new: Annotation) -> bool:
    """True when only the place changed: a Move, not an Edit, on the undo stack."""
    return _content(old) == _content(new) and old.target != new.target

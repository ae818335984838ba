"""The timeline controller: keeps the timeline view and the find and filter bar in step with the session.

A new dataset is laid out once, with the session's filter already applied; the filter bar offers the new
data's workstreams, statuses and kinds without applying anything itself, and tells the session what the
user chooses.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from bcpviewer.model.filtering import Filter
from bcpviewer.model.records import Dataset
from bcpviewer.ui.session import Session
from bcpviewer.ui.timeline.filter_bar import FilterBar
from bcpviewer.ui.timeline.timeline_view import TimelineView


class TimelineController(QObject):
    """Session → timeline and filter bar; clicks, keys and filter choices → session."""

    def __init__(self, session: Session, view: TimelineView, bar: FilterBar,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session, self.view, self.bar = session, view, bar
        session.dataset_changed.connect(self._on_dataset)
        session.filter_changed.connect(self._on_filter)
        session.selection_changed.connect(self._on_selection)
        session.counting_changed.connect(view.set_against_today)
        bar.filter_changed.connect(session.set_filter)
        view.selected.connect(session.select)
        view.activated.connect(session.activate)

    @Slot(object)
    def _on_dataset(self, dataset: Dataset) -> None:
        self.bar.blockSignals(True)  # the session applied the filter already
        try:
            self.bar.set_dataset(dataset)
            self.bar.set_filter(self.session.filter)
        finally:
            self.bar.blockSignals(False)
        self.view.set_against_today(self.session.count_against_today)
        self.view.set_dataset(dataset, self.session.today, visible=self.session.visible_keys)

    @Slot(object)
    def _on_filter(self, flt: Filter) -> None:
        if self.bar.current_filter() != flt:  # set from elsewhere (a project opened): show it
            self.bar.blockSignals(True)
            try:
                self.bar.set_filter(flt)
            finally:
                self.bar.blockSignals(False)
        self.view.set_visible(self.session.visible_keys)

    @Slot(str)
    def _on_selection(self, key: str) -> None:
        if self.view.selected_key() != (key or None):
            self.view.select(key or None, scroll=True)

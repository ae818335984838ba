"""The items controller: the Items tables and the Details page follow the session's data, filter and
selection; a row chosen in a table (or an item on the timeline) selects its item everywhere and brings
the Details panel to the front of its tabs, and Enter opens its details."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QApplication, QMainWindow

from bcpviewer.model.annotations import for_item
from bcpviewer.model.filtering import Filter
from bcpviewer.model.records import Dataset
from bcpviewer.ui.items.details import DetailsView
from bcpviewer.ui.items.items import ItemsPanel
from bcpviewer.ui.session import Session

if TYPE_CHECKING:
    from bcpviewer.ui.shell.docks import DockHost

ITEMS_DOCK, DETAILS_DOCK = "items_dock", "details_dock"


class ItemsController(QObject):
    """Owns the Items tables and the Details page, each in its dock."""

    def __init__(self, session: Session, host: DockHost, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session, self.host = session, host
        self.tables = ItemsPanel(session.today)
        self.details = DetailsView()
        host.add_dock(ITEMS_DOCK, "Items", self.tables, "bottom")
        host.add_dock(DETAILS_DOCK, "Details", self.details, "right")
        session.dataset_changed.connect(self._on_dataset)
        session.filter_changed.connect(self._on_filter)
        session.selection_changed.connect(self._on_selection)
        session.document_changed.connect(lambda _doc: self.refresh_details())
        session.edits_changed.connect(lambda _edits: self.refresh_details())
        session.activated.connect(self._on_activated)
        session.counting_changed.connect(self._on_counting)
        self.tables.selected.connect(session.select)
        self.tables.activated.connect(session.activate)

    @Slot(object)
    def _on_dataset(self, dataset: Dataset) -> None:
        self.tables.set_dataset(dataset)
        self.tables.data_files.set_files(self.session.sources)
        self.tables.set_filter(self.session.visible_keys, self.session.filter.text)
        self.details.clear_item()

    @Slot(bool)
    def _on_counting(self, against_today: bool) -> None:
        self.tables.models["actions"].set_against_today(against_today)
        self.details.against_today = against_today
        self.refresh_details()

    @Slot(object)
    def _on_filter(self, flt: Filter) -> None:
        self.tables.set_filter(self.session.visible_keys, flt.text)

    @Slot(str)
    def _on_selection(self, key: str) -> None:
        if self.tables.current_key() != (key or None):
            self.tables.select_key(key or None)
        self._show(key or None)
        if key:
            self._details_forward()

    def _details_forward(self) -> None:
        """The Details panel to the front of its tabs (keyboard focus stays where it is), unless the
        user closed it, or it shares its tabs with the Items tables the user is working in."""
        details = self.host.dock(DETAILS_DOCK)
        if not details.toggleViewAction().isChecked():
            return
        window = details.parentWidget()
        if isinstance(window, QMainWindow) and self.host.dock(ITEMS_DOCK) in window.tabifiedDockWidgets(details):
            if self.tables.isAncestorOf(QApplication.focusWidget()):
                return
        self.host.raise_dock(DETAILS_DOCK)

    def _show(self, key: str | None) -> None:
        s = self.session
        notes = for_item(s.document, key) if key else []
        self.details.show_item(s.dataset, key, s.today, notes)

    def refresh_details(self) -> None:
        """Show the selected item again (its annotations, links or targets changed)."""
        if self.details.key is not None:
            self._show(self.details.key)

    @Slot(str)
    def _on_activated(self, _key: str) -> None:
        self.host.show_dock(DETAILS_DOCK, focus=False)
        self.details.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_tab(self, index: int) -> None:
        """View › Actions, Events…: the Items panel in front, on that table."""
        self.host.show_dock(ITEMS_DOCK, focus=False)
        self.tables.setCurrentIndex(index)

    def show_details(self) -> None:
        """View › Show details: the selected item's (or the current row's) details, in front."""
        key = self.session.selected or self.tables.current_key()
        self.session.activate(key)

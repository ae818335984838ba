"""Choose the metric an action should move: a searchable list by theme, or no link made in the app."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from bcpviewer.model.impact import resolve_metric
from bcpviewer.model.records import Action, MetricSeries
from bcpviewer.plots import style

ID_ROLE = Qt.ItemDataRole.UserRole
NONE_ID = ""  # the data of the "No linked metric" row
NO_THEME = "Other metrics"
COLUMNS = ("Metric", "Unit", "Better")


class MetricLinkDialog(QDialog):
    """Pick a metric for ``action``; ``chosen_id()`` is its series id, or None for no app link."""

    def __init__(self, series: Sequence[MetricSeries], current_id: str | None, action: Action,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("metric_link_dialog")
        self.setWindowTitle(f"Link {action.id} to a metric")
        self._series = tuple(series)
        self._action = action
        named = resolve_metric(action.metric, self._series) if action.metric else None
        self._tracker_id = named.id if named is not None else None
        heading = QLabel(f"<b>{_escape(action.id)}</b> — {_escape(action.title)}")
        heading.setObjectName("metric_link_action")
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setAccessibleName(f"Action {action.id}: {action.title}")
        self.tracker_label = QLabel(self._tracker_text())
        self.tracker_label.setObjectName("metric_link_tracker")
        self.tracker_label.setWordWrap(True)
        self.tracker_label.setAccessibleName("The metric the tracker names for this action")
        self.tracker_label.setStyleSheet(f"color: {style.MUTED};")
        self.search = QLineEdit()
        self.search.setObjectName("metric_link_search")
        self.search.setPlaceholderText("Search metrics by name, theme or unit…")
        self.search.setAccessibleName("Search metrics")
        self.search.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("metric_link_list")
        self.tree.setAccessibleName("Metrics to link to")
        self.tree.setAccessibleDescription("Metrics grouped by theme; Enter chooses the highlighted one")
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Link")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName("Link to the chosen metric")
        find = QLabel("&Find:")
        find.setBuddy(self.search)
        box = QVBoxLayout(self)
        box.addWidget(heading)
        box.addWidget(self.tracker_label)
        box.addWidget(find)
        box.addWidget(self.search)
        box.addWidget(self.tree, 1)
        box.addWidget(self.buttons)
        self._fill()
        self.search.textChanged.connect(self._apply_search)
        self.tree.currentItemChanged.connect(self._update_ok)
        self.tree.itemActivated.connect(self._on_activated)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.select(current_id)
        self.tree.setFocus()
        self.resize(720, 460)

    def _tracker_text(self) -> str:
        text = (self._action.metric or "").strip()
        if not text:
            return "The tracker names no metric for this action."
        found = "" if self._tracker_id is not None else " (no loaded metric has that name)"
        return f"The tracker's Metric column says: “{text}”{found}."

    def _none_text(self) -> str:
        if self._tracker_id is not None or (self._action.metric or "").strip():
            return f"No linked metric (use the tracker's: {(self._action.metric or '').strip()})"
        return "No linked metric"

    def _fill(self) -> None:
        bold = QFont(self.tree.font())
        bold.setBold(True)
        none = QTreeWidgetItem([self._none_text(), "", ""])
        none.setData(0, ID_ROLE, NONE_ID)
        none.setToolTip(0, "Remove the link made in the app; the tracker's Metric column applies again")
        self.tree.addTopLevelItem(none)
        groups: dict[str, QTreeWidgetItem] = {}
        for s in self._series:
            theme = s.theme or NO_THEME
            group = groups.get(theme)
            if group is None:
                group = QTreeWidgetItem([theme, "", ""])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading, not a choice
                group.setFont(0, bold)
                group.setData(0, ID_ROLE, None)
                groups[theme] = group
                self.tree.addTopLevelItem(group)
            name = s.name + ("  (the tracker's)" if s.id == self._tracker_id else "")
            item = QTreeWidgetItem([name, s.unit, s.polarity.label])
            item.setData(0, ID_ROLE, s.id)
            item.setToolTip(0, f"{s.name}\n{theme} · {s.unit or 'no unit'} · {s.polarity.label}")
            group.addChild(item)
        self.tree.expandAll()
        self.tree.setItemsExpandable(False)
        for i in range(self.tree.topLevelItemCount()):  # headings and the "no link" row: one wide cell
            self.tree.topLevelItem(i).setFirstColumnSpanned(True)
        char = self.tree.fontMetrics().averageCharWidth()
        self.tree.setColumnWidth(0, 58 * char)
        self.tree.setColumnWidth(1, 22 * char)

    # -- reading -----------------------------------------------------------------------------------------
    def chosen_id(self) -> str | None:
        """The chosen series id; None for "No linked metric" (or nothing chosen)."""
        item = self.tree.currentItem()
        ident = item.data(0, ID_ROLE) if item is not None else None
        return ident or None

    def select(self, series_id: str | None) -> None:
        """Make ``series_id``'s row current (None: the "No linked metric" row)."""
        want = series_id or NONE_ID
        for item in self._items():
            if item.data(0, ID_ROLE) == want:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                break
        self._update_ok()

    def shown_ids(self) -> list[str]:
        """Series ids of the metric rows shown (the search hides the rest)."""
        return [ident for item in self._items() if not item.isHidden() and (ident := item.data(0, ID_ROLE))]

    def _items(self) -> list[QTreeWidgetItem]:
        out = []
        it = QTreeWidgetItemIterator(self.tree)
        while it.value():
            out.append(it.value())
            it += 1
        return out

    # -- handlers ----------------------------------------------------------------------------------------
    @Slot(str)
    def _apply_search(self, text: str) -> None:
        words = text.casefold().split()
        first = None
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top.childCount() == 0:  # the "No linked metric" row is always there
                continue
            theme = top.text(0).casefold()
            shown = 0
            for c in range(top.childCount()):
                item = top.child(c)
                hay = " ".join((theme, item.text(0), item.text(1), item.text(2))).casefold()
                hide = not all(w in hay for w in words)
                item.setHidden(hide)
                if not hide:
                    shown += 1
                    first = first or item
            top.setHidden(shown == 0)
        current = self.tree.currentItem()
        if words and first is not None and (current is None or current.isHidden()
                                            or not current.data(0, ID_ROLE)):
            self.tree.setCurrentItem(first)
        self._update_ok()

    @Slot()
    def _update_ok(self, *_args: object) -> None:
        item = self.tree.currentItem()
        ok = item is not None and not item.isHidden() and item.data(0, ID_ROLE) is not None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    @Slot(QTreeWidgetItem, int)
    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, ID_ROLE) is not None:
            self.accept()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

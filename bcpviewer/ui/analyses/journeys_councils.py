"""The councils to compare in the Journeys window: a searchable check list, your own council
always ticked (bold, not untickable), and the preset buttons (the window says what they tick);
finding a council in the outcomes table by code or name, and what each council's tooltip says."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from PySide6.QtCore import QSignalBlocker, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bcpviewer.io import journeys as ji
from bcpviewer.model.records import judged_on
from bcpviewer.model.records import Event
from bcpviewer.model.spans import format_date
from bcpviewer.model.vocab import squash

KEY_ROLE = Qt.ItemDataRole.UserRole


class CouncilChecklist(QGroupBox):
    """Tick councils; ``changed`` when the ticks change (by hand or by ``tick``)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Councils", parent)
        self._own: str | None = None
        self.search_edit = QLineEdit()
        self.search_edit.setAccessibleName("Search councils by name or code")
        self.search_edit.setPlaceholderText("Search councils, e.g. Devon or 878")
        self.search_edit.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Councils to compare (tick to show)")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.judged_button = QPushButton("Judged &inadequate since 2018")
        self.judged_button.setAccessibleName("Tick the councils judged inadequate since 2018")
        self.neighbours_button = QPushButton("Statistical &neighbours")
        self.neighbours_button.setAccessibleName("Tick your council's statistical neighbours")
        self.clear_button = QPushButton("C&lear")
        self.clear_button.setAccessibleName("Untick every council but yours")
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Councils ticked")
        layout = QVBoxLayout(self)
        presets = QHBoxLayout()
        presets.addWidget(self.judged_button, 1)
        presets.addWidget(self.clear_button)
        layout.addLayout(presets)
        layout.addWidget(self.neighbours_button)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count_label)
        self.search_edit.textChanged.connect(self._on_search_changed)
        self.list.itemChanged.connect(self._on_item_changed)
        self.set_own(None)

    # -- contents ------------------------------------------------------------------------------------
    def set_councils(self, keys: Iterable[str], ticked: set[str], tips: Mapping[str, str] | None = None) -> None:
        """List ``keys`` (display names), ticking those in ``ticked`` (and yours); no signal."""
        tips = tips or {}
        with QSignalBlocker(self.list):
            self.list.clear()
            for key in keys:
                item = QListWidgetItem(key)
                item.setData(KEY_ROLE, key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if key in ticked else Qt.CheckState.Unchecked)
                if key in tips:
                    item.setToolTip(tips[key])
                self.list.addItem(item)
        self._mark_own()
        self._on_search_changed(self.search_edit.text())
        have = self.list.count() > 0
        self.judged_button.setEnabled(have)
        self.clear_button.setEnabled(have)
        self.neighbours_button.setEnabled(have and self._own is not None)

    def keys(self) -> list[str]:
        return [self.list.item(i).data(KEY_ROLE) for i in range(self.list.count())]

    def ticked(self) -> list[str]:
        """The councils ticked, in list order (yours included)."""
        return [self.list.item(i).data(KEY_ROLE) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def set_own(self, key: str | None, name: str | None = None) -> None:
        """Your council (``name`` as the neighbours button says it): always ticked."""
        self._own = key
        if key is not None:
            self.neighbours_button.setText(f"{name or key}'s statistical &neighbours")
            self.neighbours_button.setAccessibleName(f"Tick {name or key}'s statistical neighbours")
            self.neighbours_button.setToolTip("")
        else:
            self.neighbours_button.setText("Statistical &neighbours")
            self.neighbours_button.setAccessibleName("Tick your council's statistical neighbours")
            self.neighbours_button.setToolTip("Choose your council first")
        self.neighbours_button.setEnabled(key is not None and self.list.count() > 0)
        self._mark_own()

    def tick(self, keep: Callable[[str], bool]) -> None:
        """Tick exactly the councils ``keep`` accepts, and yours; then ``changed``."""
        with QSignalBlocker(self.list):
            for i in range(self.list.count()):
                item = self.list.item(i)
                key = item.data(KEY_ROLE)
                item.setCheckState(Qt.CheckState.Checked if keep(key) or key == self._own
                                   else Qt.CheckState.Unchecked)
        self._count()
        self.changed.emit()

    def _mark_own(self) -> None:
        """Your council: ticked, bold, said so, and not untickable."""
        with QSignalBlocker(self.list):
            for i in range(self.list.count()):
                item = self.list.item(i)
                key = item.data(KEY_ROLE)
                own = key == self._own
                f = item.font()
                f.setBold(own)
                item.setFont(f)
                if own:
                    item.setCheckState(Qt.CheckState.Checked)
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
                    item.setText(f"{key} — your council")
                else:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setText(key)
        self._count()

    def _count(self) -> None:
        n = len(self.ticked())
        self.count_label.setText(f"{n} council{'s' if n != 1 else ''} ticked")

    # -- reacting --------------------------------------------------------------------------------------
    @Slot(str)
    def _on_search_changed(self, text: str) -> None:
        want = squash(text)
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(want) and want not in squash(item.data(KEY_ROLE)))

    @Slot(QListWidgetItem)
    def _on_item_changed(self, _item: QListWidgetItem) -> None:
        self._count()
        self.changed.emit()


def find_council(events: Mapping[str, Sequence[Event]], council: str | None) -> str | None:
    """The outcomes table's name for a code, a name or a display name (None when absent)."""
    if not council:
        return None
    if council in events:
        return council
    code = ji.code_of(council)
    want = ji.sn.council_key(ji.plain_name(council))
    for key in events:
        if (code is not None and ji.code_of(key) == code) or ji.sn.council_key(ji.plain_name(key)) == want:
            return key
    return None


def latest_tips(events: Mapping[str, Sequence[Event]]) -> dict[str, str]:
    """Each council's tooltip: the latest event in the outcomes table, its date and grade."""
    tips = {}
    for key, evs in events.items():
        if evs:
            last = evs[-1]
            grade = f", {last.overall.label}" if last.overall is not None else ""
            tips[key] = f"Latest in the table: {last.title} ({format_date(judged_on(last))}{grade})"
    return tips

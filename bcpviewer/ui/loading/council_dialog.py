"""Which council to show from a DfE statistics or Ofsted outcomes file: a searchable list of
councils with their codes, and how its statistical neighbours are summarised (model, statistic)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bcpviewer.io import neighbours as sn
from bcpviewer.model.vocab import squash
from bcpviewer.ui.shell.settings import CouncilChoice

DEFAULT_CODE = "839"  # BCP Council, preselected when the file has it and nothing is remembered
CODE_ROLE = Qt.ItemDataRole.UserRole


class CouncilDialog(QDialog):
    """Pick one council; the OK button stays off until one is selected."""

    def __init__(self, councils: Sequence[sn.Council], current: CouncilChoice | None = None,
                 parent: QWidget | None = None, files: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose the council")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumSize(440, 460)
        self._councils = list(councils)
        intro = QLabel(self._intro(files))
        intro.setWordWrap(True)
        self.search_edit = QLineEdit()
        self.search_edit.setAccessibleName("Search councils by name or code")
        self.search_edit.setPlaceholderText("Type part of a name or a code, e.g. Bournemouth or 839")
        self.search_edit.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Councils")
        for c in self._councils:
            item = QListWidgetItem(f"{c.name} ({c.code})" + (" · former council" if c.former else ""))
            item.setData(CODE_ROLE, c.code)
            item.setToolTip(", ".join(x for x in (c.region, c.new_code) if x))
            self.list.addItem(item)
        self.model_box = QComboBox()
        self.model_box.setAccessibleName("Statistical neighbour model")
        for key in sn.MODELS:
            self.model_box.addItem(f"{key} model", key)
        self.stat_box = QComboBox()
        self.stat_box.setAccessibleName("How the neighbours' figures are summarised")
        self.stat_box.addItem("Median (as DfE)", "median")
        self.stat_box.addItem("Mean", "mean")
        self.remember_check = QCheckBox("&Remember this council (do not ask again)")
        self.remember_check.setChecked(True)
        form = QFormLayout()
        form.addRow("Neighbour &model:", self.model_box)
        form.addRow("&Summary:", self.stat_box)
        buttons = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(buttons.Ok | buttons.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Show this council")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(self.remember_check)
        layout.addWidget(self.buttons)
        self.search_edit.textChanged.connect(self._on_search_changed)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        if current is not None:
            self.set_model(current.model)
            self.set_stat(current.stat)
        codes = [c.code for c in self._councils]
        wanted = current.code if current is not None and current.code in codes else (
            DEFAULT_CODE if DEFAULT_CODE in codes else None)
        if wanted is not None:
            self.select_code(wanted)
        self._on_current_changed()
        self.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    @staticmethod
    def _intro(files: Sequence[str]) -> str:
        which = ", ".join(files[:3]) + (" and others" if len(files) > 3 else "") if files else "This file"
        return (f"{which} {'hold' if len(files) > 1 else 'holds'} figures or inspections for many councils. "
                "Choose the council to show; England, its region and its statistical neighbours "
                "are shown beside it.")

    # -- the API tests and the loader use ----------------------------------------------------------
    def search(self, text: str) -> None:
        self.search_edit.setText(text)

    def visible_codes(self) -> list[str]:
        return [self.list.item(i).data(CODE_ROLE) for i in range(self.list.count())
                if not self.list.item(i).isHidden()]

    def select_code(self, code: str) -> bool:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(CODE_ROLE) == code:
                item.setHidden(False)
                self.list.setCurrentItem(item)
                self.list.scrollToItem(item)
                return True
        return False

    def selected_code(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None or item.isHidden() else item.data(CODE_ROLE)

    def set_model(self, key: str) -> None:
        i = self.model_box.findData(key)
        if i >= 0:
            self.model_box.setCurrentIndex(i)

    def set_stat(self, stat: str) -> None:
        i = self.stat_box.findData(stat)
        if i >= 0:
            self.stat_box.setCurrentIndex(i)

    @property
    def remember(self) -> bool:
        return self.remember_check.isChecked()

    def choice(self) -> CouncilChoice | None:
        code = self.selected_code()
        if code is None:
            return None
        name = next((c.name for c in self._councils if c.code == code), "")
        return CouncilChoice(code, name, self.model_box.currentData(), self.stat_box.currentData())

    # -- handlers ---------------------------------------------------------------------------------
    @Slot(str)
    def _on_search_changed(self, text: str) -> None:
        words = [squash(w) for w in text.split() if squash(w)]
        first_shown = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hay = squash(item.text().replace("&", " and "))
            shown = all(w in hay for w in words)
            item.setHidden(not shown)
            if shown and first_shown is None:
                first_shown = item
        current = self.list.currentItem()
        if (current is None or current.isHidden()) and first_shown is not None:
            self.list.setCurrentItem(first_shown)
        self._on_current_changed()

    @Slot()
    def _on_current_changed(self, *_args: object) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.selected_code() is not None)

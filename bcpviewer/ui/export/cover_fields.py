"""The briefing pack's cover in the export dialog: meeting and its date, purpose, recommendation and the key
messages (written from the data unless the author writes their own)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bcpviewer.io.dates import parse_typed_date
from bcpviewer.model.briefing import DEFAULT_PURPOSE, DEFAULT_RECOMMENDATION
from bcpviewer.model.spans import format_date

Suggest = Callable[[], tuple[str, ...]]  # the key messages the data gives, for the dialog's choices


class CoverFields(QGroupBox):
    """Meeting, date, purpose, recommendation and key messages (one a line; empty: written from the data)."""

    def __init__(self, parent: QWidget | None = None, *, meeting: str = "", meeting_date: str = "",
                 purpose: str = "", recommendation: str = "", key_messages: tuple[str, ...] = (),
                 suggest: Suggest | None = None) -> None:
        super().__init__("C&over and key messages", parent)
        self._suggest = suggest
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)  # spare height below the fields, not between them
        self.meeting_edit = QLineEdit(meeting)
        self.meeting_edit.setPlaceholderText("e.g. Children's Services Overview and Scrutiny Committee")
        self.meeting_edit.setAccessibleName("Meeting")
        form.addRow("&Meeting:", self.meeting_edit)
        self.date_edit = QLineEdit(meeting_date)
        self.date_edit.setPlaceholderText("e.g. 14/01/2027")
        self.date_edit.setAccessibleName("Meeting date")
        self.date_edit.textChanged.connect(self._on_date_typed)
        self.date_said = QLabel("")
        self.date_edit.setMaximumWidth(self.date_edit.fontMetrics().horizontalAdvance("00/00/00000") + 24)
        row = QHBoxLayout()
        row.addWidget(self.date_edit)
        row.addWidget(self.date_said, 1)
        label = QLabel("Meeting &date:")
        label.setBuddy(self.date_edit)  # a row that is a layout gets no buddy from the form: say it here
        form.addRow(label, row)
        self.purpose_edit = self._text(purpose, DEFAULT_PURPOSE, "Purpose", lines=3)
        form.addRow("P&urpose:", self.purpose_edit)
        self.recommendation_edit = self._text(recommendation, DEFAULT_RECOMMENDATION, "Recommendation", lines=3)
        form.addRow("&Recommendation:", self.recommendation_edit)
        self.messages_edit = self._text("\n".join(key_messages), "Leave empty to have them written from the data; one a line.",
                                        "Key messages", lines=7)
        form.addRow("&Key messages:", self.messages_edit)
        self.write_button = QPushButton("Write them from the &data")
        self.write_button.setToolTip("Fill in the key messages the data gives, to edit before exporting")
        self.write_button.clicked.connect(self._on_write)
        self.write_button.setEnabled(suggest is not None)
        form.addRow("", self.write_button)
        self._on_date_typed(meeting_date)

    @staticmethod
    def _text(text: str, placeholder: str, name: str, lines: int = 2) -> QPlainTextEdit:
        edit = QPlainTextEdit(text)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(name)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("x") * 34)
        return edit

    @Slot(str)
    def _on_date_typed(self, text: str) -> None:
        day = self.meeting_date()
        self.date_said.setText(format_date(day) if day else ("not a date I can read" if text.strip() else ""))

    @Slot()
    def _on_write(self) -> None:
        if self._suggest is not None:
            self.messages_edit.setPlainText("\n".join(self._suggest()))

    # -- reading ----------------------------------------------------------------------------------------
    def meeting_date(self) -> date | None:
        return parse_typed_date(self.date_edit.text())

    def key_messages(self) -> tuple[str, ...] | None:
        """The author's key messages, one a line; None when left empty (written from the data)."""
        lines = tuple(x.strip() for x in self.messages_edit.toPlainText().splitlines() if x.strip())
        return lines or None

    def options(self) -> dict[str, object]:
        """The BriefOptions fields this box sets."""
        return {"meeting": self.meeting_edit.text().strip(), "meeting_date": self.meeting_date(),
                "purpose": self.purpose_edit.toPlainText().strip(),
                "recommendation": self.recommendation_edit.toPlainText().strip(),
                "key_messages": self.key_messages()}

    def remembered(self) -> dict[str, str]:
        """The ExportChoices fields this box sets (key messages follow the data, so the app's settings do not
        keep them; the project does, with the rest of the cover: ExportDialog.cover_choice)."""
        day = self.meeting_date()
        return {"meeting": self.meeting_edit.text().strip(), "meeting_date": day.isoformat() if day else "",
                "purpose": self.purpose_edit.toPlainText().strip(),
                "recommendation": self.recommendation_edit.toPlainText().strip()}

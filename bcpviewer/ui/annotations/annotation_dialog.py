"""The add/edit annotation dialog: text, tags, source, flags and author, and where the note is pinned."""

from __future__ import annotations

import getpass
from datetime import date, datetime

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from bcpviewer.model.annotations import (
    Annotation,
    DateTarget,
    ItemTarget,
    RangeTarget,
    Target,
    clean_tags,
    edited,
    new_annotation,
)
from bcpviewer.model.links import safe_url
from bcpviewer.plots import style


def default_author() -> str:
    """The OS user name, or nothing when the system will not say."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name (some containers and services): leave it blank
        return ""


def _date_edit(value: date, name: str) -> QDateEdit:
    box = QDateEdit(QDate(value.year, value.month, value.day))
    box.setCalendarPopup(True)
    box.setDisplayFormat("d MMM yyyy")
    box.setAccessibleName(name)
    return box


class AnnotationDialog(QDialog):
    """Add a new annotation on ``target``, or edit ``annotation`` (its place stays the same kind)."""

    def __init__(self, parent: QWidget | None, target: Target, where: str = "",
                 annotation: Annotation | None = None) -> None:
        super().__init__(parent)
        self.original = annotation
        self._target = annotation.target if annotation is not None else target
        self.setWindowTitle("Edit annotation" if annotation else "Add annotation")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(460)
        form = QFormLayout()
        form.addRow("On:", self._place_widget(where))
        self.text_edit = QPlainTextEdit()
        self.text_edit.setAccessibleName("Annotation text")
        self.text_edit.setPlaceholderText("What should a reader know here?")
        self.text_edit.setTabChangesFocus(True)
        form.addRow("&Text:", self.text_edit)
        self.tags_edit = self._line("Tags", "comma-separated, e.g. workforce, disputed", form, "Ta&gs:")
        self.source_title_edit = self._line("Source title", "e.g. Ofsted ILACS report, 11 Feb 2022", form,
                                            "Source &title:")
        self.source_url_edit = self._line("Source address (URL)", "https://…", form, "Source &URL:")
        self.url_hint = QLabel()
        self.url_hint.setStyleSheet(f"color: {style.OVERDUE_TEXT};")
        self.url_hint.hide()
        form.addRow("", self.url_hint)
        self.briefing_check = QCheckBox("Include in &briefing pack")
        self.private_check = QCheckBox("&Private (never exported)")
        flags = QHBoxLayout()
        flags.addWidget(self.briefing_check)
        flags.addWidget(self.private_check)
        flags.addStretch(1)
        form.addRow("", flags)
        self.author_edit = self._line("Author", "", form, "&Author:")
        ok_cancel = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        self.buttons = QDialogButtonBox(ok_cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.buttons)
        self._fill(annotation)
        self.text_edit.textChanged.connect(self._update)
        self.source_url_edit.textChanged.connect(self._update)
        self._update()
        self.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _line(self, name: str, placeholder: str, form: QFormLayout, label: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        form.addRow(label, edit)
        return edit

    def _place_widget(self, where: str) -> QWidget:
        t = self._target
        self.start_edit = self.end_edit = None
        if isinstance(t, ItemTarget):
            label = QLabel(where or t.key)
            label.setWordWrap(True)
            label.setAccessibleName("Annotated item")
            return label
        row = QWidget()
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        first = t.day if isinstance(t, DateTarget) else t.start
        self.start_edit = _date_edit(first, "Annotated date" if isinstance(t, DateTarget) else "From date")
        lay.addWidget(self.start_edit)
        if isinstance(t, RangeTarget):
            lay.addWidget(QLabel("to"))
            self.end_edit = _date_edit(t.end, "To date")
            lay.addWidget(self.end_edit)
            self.start_edit.dateChanged.connect(self._update)
            self.end_edit.dateChanged.connect(self._update)
        lay.addStretch(1)
        return row

    def _fill(self, a: Annotation | None) -> None:
        if a is None:
            self.author_edit.setText(default_author())
            return
        self.text_edit.setPlainText(a.text)
        self.tags_edit.setText(", ".join(a.tags))
        self.source_title_edit.setText(a.source_title)
        self.source_url_edit.setText(a.source_url)
        self.briefing_check.setChecked(a.include_in_briefing)
        self.private_check.setChecked(a.private)
        self.author_edit.setText(a.author)

    # -- results -------------------------------------------------------------------------------------
    def target(self) -> Target:
        """Where the annotation is pinned, as the date boxes now say."""
        if self.start_edit is None:
            return self._target
        start = self.start_edit.date().toPython()
        if self.end_edit is None:
            return DateTarget(start)
        end = self.end_edit.date().toPython()
        if start == end:
            return DateTarget(start)  # a range of one day is a date
        return RangeTarget(min(start, end), max(start, end))

    def fields(self) -> dict[str, object]:
        return {
            "text": self.text_edit.toPlainText().strip(),
            "tags": clean_tags(self.tags_edit.text().split(",")),
            "source_title": self.source_title_edit.text().strip(),
            "source_url": self.source_url_edit.text().strip(),
            "include_in_briefing": self.briefing_check.isChecked(),
            "private": self.private_check.isChecked(),
            "author": self.author_edit.text().strip(),
        }

    def annotation(self, now: datetime | None = None) -> Annotation:
        """The new annotation, or the edited one (same id, created kept, edited now)."""
        values = self.fields()
        if self.original is None:
            text = str(values.pop("text"))
            return new_annotation(self.target(), text, now=now, **values)
        o = self.original
        if values == {k: getattr(o, k) for k in values} and self.target() == o.target:
            return o  # nothing changed: no edit, no new "edited" time
        return edited(o, now=now, target=self.target(), **values)

    @Slot()
    def _update(self) -> None:
        url = self.source_url_edit.text().strip()
        bad = bool(url) and safe_url(url) is None
        hint = "Not a web or e-mail link (start it with https://), so it will be shown as text only."
        self.url_hint.setText(hint if bad else "")
        self.url_hint.setVisible(bad)
        ok = bool(self.text_edit.toPlainText().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

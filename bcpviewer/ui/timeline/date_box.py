"""The filter bar's date boxes: a date with an "any date" state, that takes a date typed the UK way
("1 Jan 2024", "01/01/2024", "2024-01-01") through the one typed-date parser, or a month or year
("Jan 2024", "2024"): its first day in a From box, its last in a To box."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDateEdit, QWidget

from bcpviewer.io.dates import parse_typed_date, parse_when

DATE_FORMAT = "d MMM yyyy"  # 31 Mar 2022
ANY_DATE = "any date"


def typed_date(text: str, *, end: bool = False) -> date | None:
    """The day ``text`` names; for a month or year, its first day (its last with ``end``); None when
    it names no date (blank, a word, a month-first date)."""
    day = parse_typed_date(text)
    if day is not None:
        return day
    try:
        span = parse_when(text.strip())
    except ValueError:
        return None
    if span is None:
        return None
    return span.end if end else span.start


class DateBox(QDateEdit):
    """A date with an 'any date' state (its minimum, shown as words); Home/End stay in the box.
    ``end``: a month or year typed stands for its last day (a To box)."""

    def __init__(self, name: str, parent: QWidget | None = None, *, end: bool = False) -> None:
        super().__init__(parent)
        self.end = end
        self.setDisplayFormat(DATE_FORMAT)
        self.setCalendarPopup(True)
        self.setKeyboardTracking(False)
        self.setSpecialValueText(ANY_DATE)
        self.setAccessibleName(name)
        self.set_bounds(date(2000, 1, 1), date(2030, 12, 31))
        self.clear_date()

    def set_bounds(self, first: date, last: date) -> None:
        """Dates offered run from ``first`` to ``last``; the day before ``first`` stands for 'any'. The
        calendar opens on the data's span."""
        chosen = self.value()
        self.blockSignals(True)
        self.setDateRange(QDate(first - timedelta(days=1)), QDate(last + timedelta(days=366)))
        self.setDate(QDate(chosen) if chosen is not None else self.minimumDate())
        self.blockSignals(False)
        self._span = (first, last)

    def value(self) -> date | None:
        return None if self.date() == self.minimumDate() else self.date().toPython()

    def set_value(self, value: date | None) -> None:
        self.setDate(QDate(value) if value is not None else self.minimumDate())

    def clear_date(self) -> None:
        self.setDate(self.minimumDate())

    # -- typing -------------------------------------------------------------------------------------
    def _typed(self, text: str) -> date | None:
        text = text.strip()
        if not text or text == ANY_DATE:
            return None
        return typed_date(text, end=self.end)

    def validate(self, text: str, pos: int) -> object:  # noqa: D102 (Qt's)
        blank = not text.strip() or text.strip() == ANY_DATE
        ok = blank or self._typed(text) is not None
        return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, pos

    def dateTimeFromText(self, text: str) -> QDateTime:  # noqa: N802 (Qt's name)
        day = self._typed(text)
        if day is None:
            return QDateTime(self.minimumDate(), QTime(0, 0))
        lowest = self.minimumDate().toPython() + timedelta(days=1)  # before the data: its first day
        day = min(max(day, lowest), self.maximumDate().toPython())
        return QDateTime(QDate(day), QTime(0, 0))

    def fixup(self, text: str) -> str:  # an unreadable entry goes back to what the box held
        return self.textFromDateTime(self.dateTime())

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._open_calendar_on_span()

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self._open_calendar_on_span()
        super().mousePressEvent(event)

    def _open_calendar_on_span(self) -> None:
        """With 'any date', the calendar shows the data's first (From) or last (To) month."""
        cal = self.calendarWidget()
        if cal is None or self.value() is not None:
            return
        first, last = getattr(self, "_span", (None, None))
        if first is not None:
            day = last if self.end else first
            cal.setCurrentPage(day.year, day.month)

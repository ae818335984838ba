"""The filter bar's date boxes take dates typed the UK way, and a month or year, through the one
typed-date parser; what they cannot read leaves the box as it was."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from bcpviewer.ui.timeline.date_box import typed_date
from bcpviewer.ui.timeline.filter_bar import FilterBar


@pytest.mark.parametrize(("text", "end", "expected"), [
    ("1 Jan 2024", False, date(2024, 1, 1)),
    ("01/01/2024", False, date(2024, 1, 1)),
    ("2024-01-31", True, date(2024, 1, 31)),
    ("Jan 2024", False, date(2024, 1, 1)),
    ("Jan 2024", True, date(2024, 1, 31)),
    ("2023", True, date(2023, 12, 31)),
    ("12/31/2024", False, None),  # month first: never read as a UK date
    ("soon", False, None),
    ("", False, None),
])
def test_typed_dates(text, end, expected):
    assert typed_date(text, end=end) == expected


@pytest.fixture
def bar(qtbot) -> FilterBar:
    b = FilterBar()
    qtbot.addWidget(b)
    b.show()
    return b


def _type(qtbot, box, text: str) -> None:
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), text)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)


@pytest.mark.parametrize(("typed", "expected"), [
    ("1 Jan 2024", date(2024, 1, 1)), ("01/01/2024", date(2024, 1, 1)), ("Jan 2024", date(2024, 1, 1))])
def test_a_from_box_takes_a_typed_uk_date(bar, qtbot, typed, expected):
    _type(qtbot, bar.from_date, typed)
    assert bar.from_date.value() == expected
    assert bar.from_date.text() == f"{expected.day} {expected:%b %Y}"


def test_a_to_box_takes_the_last_day_of_a_month(bar, qtbot):
    _type(qtbot, bar.to_date, "Feb 2024")
    assert bar.to_date.value() == date(2024, 2, 29)


def test_what_cannot_be_read_leaves_the_box_as_it_was(bar, qtbot):
    bar.from_date.set_value(date(2022, 3, 1))
    _type(qtbot, bar.from_date, "12/31/2024")
    assert bar.from_date.value() == date(2022, 3, 1)

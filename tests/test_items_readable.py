"""The Items tables a reader can use: the Problems tab tells errors from columns not used and values
not known; titles get the room, elided in the middle with the full text in the tooltip; long headers
over short figures go on two lines; choosing a row brings the Details panel forward."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from bcpviewer.model.records import (
    PROBLEM_NOT_KNOWN,
    PROBLEM_SKIPPED,
    PROBLEM_UNUSED_COLUMN,
    Action,
    Dataset,
    Problem,
)
from bcpviewer.ui.items.file_models import ProblemTableModel
from bcpviewer.ui.items.items import MAIN_CHARS, ItemsPanel
from bcpviewer.ui.items.table_models import two_lines

TRACKER = "/data/tracker.xlsx"
PROBLEMS = (
    Problem(TRACKER, "Actions", None, "H (Update / commentary)", "Update / commentary",
            "column not used: 'Update / commentary' matches no field", PROBLEM_UNUSED_COLUMN),
    Problem(TRACKER, "Actions", 7, "Due", "TBC", "no date", PROBLEM_NOT_KNOWN),
    Problem(TRACKER, "Actions", 9, "Due", "31/02/2023", "a date such as 31/03/2023"),
    Problem(TRACKER, "Metrics", 30, "A", "Source: DfE", "read as a footnote", PROBLEM_SKIPPED),
)
LONG_TITLE = ("Reduce the number of agency social workers in the assessment teams below a quarter of the "
              "workforce by recruiting permanent staff from overseas and from the council's own academy")


def _dataset() -> Dataset:
    actions = tuple(
        Action(f"A{i}", LONG_TITLE if i == 1 else f"Action number {i}", "Workforce and recruitment",
               "Director of Children's Services", date(2022, 4, 1), date(2023, 3, 31), (date(2023, 9, 30),))
        for i in range(1, 12)
    )
    return Dataset(actions=actions, problems=PROBLEMS, files=(TRACKER,))


def _column(model, header: str) -> int:
    return next(c for c in range(model.columnCount())
                if model.headerData(c, Qt.Orientation.Horizontal).replace("\n", " ") == header)


def test_problems_say_their_kind_and_sort_errors_first(qtbot):
    model = ProblemTableModel(PROBLEMS)
    kind = _column(model, "Kind")
    assert [model.index(r, kind).data() for r in range(4)] == [
        "Column not used", "Value not known", "Error", "Row skipped"]
    assert model.index(2, kind).data(Qt.ItemDataRole.FontRole).bold()  # real errors stand out
    assert "no field reads" in model.index(0, kind).data(Qt.ItemDataRole.ToolTipRole)
    panel = ItemsPanel()
    qtbot.addWidget(panel)
    panel.set_dataset(_dataset())
    view = panel.views["problems"]
    view.sortByColumn(kind, Qt.SortOrder.AscendingOrder)
    shown = view.model()
    assert [shown.index(r, kind).data() for r in range(4)] == [
        "Error", "Value not known", "Column not used", "Row skipped"]


def test_errors_only_hides_the_rest_and_the_tab_says_so(qtbot):
    panel = ItemsPanel()
    qtbot.addWidget(panel)
    panel.set_dataset(_dataset())
    proxy = panel.proxies["problems"]
    assert proxy.rowCount() == 4
    panel.errors_only.setChecked(True)
    assert proxy.rowCount() == 1
    assert proxy.index(0, _column(proxy, "Value")).data() == "31/02/2023"
    assert panel.tabText(4) == "Problems (1 of 4)"
    panel.errors_only.setChecked(False)
    assert proxy.rowCount() == 4 and panel.tabText(4) == "Problems (4)"


def test_titles_elide_in_the_middle_with_the_full_title_in_the_tooltip(qtbot):
    panel = ItemsPanel()
    qtbot.addWidget(panel)
    panel.resize(1000, 300)
    panel.show()
    panel.set_dataset(_dataset())
    view = panel.views["actions"]
    proxy = view.model()
    title = _column(proxy, "Action")
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, title).data() == LONG_TITLE)
    tip = proxy.index(row, title).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines()[0] == LONG_TITLE
    delegate = view.itemDelegateForColumn(title)
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, proxy.index(row, title))
    assert option.textElideMode == Qt.TextElideMode.ElideMiddle
    assert view.textElideMode() == Qt.TextElideMode.ElideRight  # dates and short words: at the end
    header = view.horizontalHeader()
    char = view.fontMetrics().averageCharWidth()
    widths = [header.sectionSize(c) for c in range(header.count())]
    assert widths[title] >= MAIN_CHARS * char  # the title gets the room
    assert widths[title] == max(widths)


def test_long_headers_over_short_figures_go_on_two_lines(qtbot):
    assert two_lines("Days overdue") == "Days\noverdue"
    assert two_lines("Slippage (days)") == "Slippage\n(days)"
    assert two_lines("Kind") == "Kind"
    panel = ItemsPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    panel.show()
    panel.set_dataset(_dataset())
    model = panel.views["actions"].model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Days\noverdue" in headers  # blank under a long header: the header takes two lines
    assert "Action" in headers


@pytest.fixture
def window(make_window):
    w = make_window(today=date(2023, 6, 1))
    w.resize(1440, 900)
    w.show()
    return w


def _in_front(dock) -> bool:
    """A dock the reader can see: the front tab of its group (a tab behind has no visible region)."""
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def _tabbed_behind(window, qtbot):
    details = window.docks.dock("details_dock")
    other = next(d for d in window.tabifiedDockWidgets(details))  # At a glance, by default
    other.raise_()
    qtbot.waitUntil(lambda: _in_front(other) and not _in_front(details))
    return details, other


def test_choosing_a_row_brings_details_forward_without_taking_focus(window, qtbot):
    window.session.set_data(_dataset())
    details, other = _tabbed_behind(window, qtbot)
    view = window.items.tables.views["actions"]
    window.items.tables.setCurrentIndex(0)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().setCurrentIndex(view.model().index(2, 0), flags)
    assert window.session.selected == "action:A3"
    qtbot.waitUntil(lambda: _in_front(details))
    assert not _in_front(other)
    assert QApplication.focusWidget() is view  # the keyboard stays in the table


def test_a_timeline_selection_brings_details_forward_too(window, qtbot):
    window.session.set_data(_dataset())
    details, _other = _tabbed_behind(window, qtbot)
    window.session.select("action:A5")  # as a click on the timeline does
    qtbot.waitUntil(lambda: _in_front(details))
    assert window.items.details.key == "action:A5"
    details.toggleViewAction().trigger()  # closed by the user: selecting does not bring it back
    window.session.select("action:A6")
    assert not details.isVisible()


def test_a_cell_too_narrow_for_its_text_shows_it_all_as_a_tooltip(qtbot):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    panel = ItemsPanel()
    qtbot.addWidget(panel)
    panel.resize(700, 300)
    panel.show()
    panel.set_dataset(_dataset())
    qtbot.waitExposed(panel)
    view = panel.views["actions"]
    start = _column(view.model(), "Start")
    view.horizontalHeader().resizeSection(start, 30)  # "1 Apr 2022" cannot fit
    index = view.model().index(0, start)
    assert index.data(Qt.ItemDataRole.ToolTipRole) is None  # the model gives none for a short text
    centre = view.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, view.viewport().mapToGlobal(centre))
    QApplication.sendEvent(view.viewport(), event)
    assert QToolTip.text() == "1 Apr 2022"
    QToolTip.hideText()

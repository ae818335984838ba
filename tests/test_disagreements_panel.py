"""The Sources differ panel: a sortable table of disagreements, claims side by side, a detail line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from bcpviewer.io.loader import load_file
from bcpviewer.model.disagreements import Claim, Disagreement, find_disagreements
from bcpviewer.model.records import Dataset, Event, Source
from bcpviewer.model.vocab import EventKind
from bcpviewer.ui.analyses.disagreements_panel import (
    EMPTY_TEXT,
    KEPT,
    MAX_CLAIM_COLUMNS,
    DisagreementsPanel,
    claim_cells,
)
from tests.test_details_disagreements import disagreeing

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "samples" / "bcp-childrens-services.xlsx"


@pytest.fixture
def panel(qtbot) -> DisagreementsPanel:
    p = DisagreementsPanel()
    qtbot.addWidget(p)
    p.resize(900, 320)
    return p


@pytest.fixture
def data() -> Dataset:
    return disagreeing()


def _texts(panel: DisagreementsPanel, column: int) -> list[str]:
    return [panel.tree.topLevelItem(i).text(column) for i in range(panel.row_count())]


def test_empty_state_explains_what_would_be_listed(panel, qtbot):
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.empty.isVisible() and panel.empty.text() == EMPTY_TEXT
    assert panel.tree.isHidden() and panel.row_count() == 0


def test_rows_list_when_subject_field_and_each_source_side_by_side(panel, data, qtbot):
    panel.set_disagreements(find_disagreements(data), data.source_by_id())
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.tree.isVisible() and panel.empty.isHidden()
    heads = [panel.tree.headerItem().text(c) for c in range(panel.tree.columnCount())]
    assert heads == ["When", "Subject", "What differs", "Source A says", "Source B says"]
    assert _texts(panel, 0) == ["6 Dec 2021", "6 Dec 2021", "30 Sep 2023"]
    assert _texts(panel, 2) == ["Dates", "Overall effectiveness grade", "Value"]
    row = panel.tree.topLevelItem(0)
    assert row.text(3) == "6-17 Dec 2021 — Ofsted inspection report, Feb 2022"
    assert row.text(4) == "20-31 Dec 2021 — Echo <b>story</b> & more"
    assert "sources differ on the dates" in row.toolTip(1)
    assert panel.tree.accessibleName() and panel.detail.accessibleName()


def test_selecting_a_row_explains_it_and_names_its_first_item(panel, data, qtbot):
    panel.set_disagreements(find_disagreements(data), data.source_by_id())
    with qtbot.waitSignal(panel.item_selected) as got:
        panel.tree.setCurrentItem(panel.tree.topLevelItem(1))
    assert got.args == ["event:E1"]
    detail = panel.detail.text()
    assert detail.startswith("Standard inspection (Dec 2021): sources differ on the overall effectiveness grade")
    assert detail.endswith(KEPT)
    assert panel.detail.textFormat() == Qt.TextFormat.PlainText  # source titles are never markup
    with qtbot.waitSignal(panel.item_selected) as got:
        panel.tree.setCurrentItem(panel.tree.topLevelItem(2))
    assert got.args == ["metric:M1"]
    assert panel.selected() is panel.shown()[2]


def test_enter_on_the_current_row_selects_again(panel, data, qtbot):
    panel.set_disagreements(find_disagreements(data), data.source_by_id())
    panel.show()
    qtbot.waitExposed(panel)
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    panel.tree.setFocus()
    with qtbot.waitSignal(panel.item_selected) as got:
        qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert got.args == ["event:E1"]


def test_refilling_emits_nothing(panel, data, qtbot):
    items = find_disagreements(data)
    panel.set_disagreements(items, data.source_by_id())
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    with qtbot.assertNotEmitted(panel.item_selected):
        panel.set_disagreements(items, data.source_by_id())
        panel.set_disagreements((), {})
    assert panel.empty.isVisibleTo(panel) and panel.tree.isHidden()


def test_when_sorts_as_dates_and_other_columns_as_text(panel):
    def one(when: date, subject: str) -> Disagreement:
        return Disagreement(subject, "dates", (Claim("a", None, None, "event:X"), Claim("b", None, None)),
                            when)
    items = [one(date(2022, 2, 1), "b visit"), one(date(2021, 9, 30), "c visit"), one(date(2023, 1, 15), "a visit")]
    panel.set_disagreements(items, {})
    assert _texts(panel, 0) == ["30 Sep 2021", "1 Feb 2022", "15 Jan 2023"]  # not "1 Feb" first
    panel.tree.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert _texts(panel, 0) == ["15 Jan 2023", "1 Feb 2022", "30 Sep 2021"]
    panel.tree.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert _texts(panel, 1) == ["a visit", "b visit", "c visit"]
    panel.set_disagreements(items, {})  # a new list keeps the reader's sort
    assert _texts(panel, 1) == ["a visit", "b visit", "c visit"]


def test_further_claims_get_a_column_then_share_the_last(panel):
    def visits(n: int) -> list[Disagreement]:
        events = [Event(f"E{i}", EventKind.MONITORING_VISIT, "Visit", date(2022, 6, 1 + 5 * i), source=f"S{i}")
                  for i in range(n)]
        return find_disagreements(Dataset(events=tuple(events)))
    sources = {f"S{i}": Source(f"S{i}", f"Paper {i}") for i in range(5)}
    panel.set_disagreements(visits(3), sources)
    assert panel.tree.headerItem().text(5) == "Source C says"
    panel.set_disagreements(visits(5), sources)
    assert panel.tree.columnCount() == 3 + MAX_CLAIM_COLUMNS
    assert panel.tree.headerItem().text(5) == "Source C and others say"
    last = panel.tree.topLevelItem(0).text(5)
    assert last == "11 Jun 2022 — Paper 2; 16 Jun 2022 — Paper 3; 21 Jun 2022 — Paper 4"  # C, D and E


def test_claim_cells_pad_short_rows():
    d = Disagreement("X", "value", (Claim("1", "S1", None), Claim("2", None, None)), date(2020, 1, 1))
    assert claim_cells(d, {}, 3) == ["1 — S1", "2 — no source given", ""]


def test_the_bundled_sample_has_no_disagreements(panel):
    if not SAMPLE.is_file():
        pytest.skip(f"the bundled sample is missing: {SAMPLE}")
    data = load_file(SAMPLE)
    panel.set_disagreements(find_disagreements(data), data.source_by_id())
    assert panel.row_count() == 0 and not panel.empty.isHidden()

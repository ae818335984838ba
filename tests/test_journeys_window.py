"""The Journeys window: files read off the GUI thread, councils chosen (presets, search, your own
always in), anchor and metric, the chart, the table and the summary line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QWidget

from bcpviewer.model.journeys import INADEQUATE, Anchor, Which
from bcpviewer.model.vocab import EventKind, Grade, Polarity
from bcpviewer.ui.analyses.journeys_window import JourneysWindow
from tests.journeys_fixtures import (
    BCP,
    HAVE_REAL,
    NO_REAL,
    REAL_CLA,
    REAL_CSWW,
    REAL_OFSTED,
    SLOUGH,
    SOLIHULL,
    write_files,
)

TIMEOUT = 10_000


def open_window(qtbot, ofsted: Path | None, dfe: list[Path], council: str | None = "839") -> JourneysWindow:
    w = JourneysWindow(ofsted_path=str(ofsted) if ofsted else None, dfe_paths=[str(p) for p in dfe],
                       council=council)
    qtbot.addWidget(w)
    w.resize(1280, 860)
    if ofsted is not None:
        with qtbot.waitSignal(w.journeys_changed, timeout=TIMEOUT):
            pass
        qtbot.waitUntil(lambda: not w.is_busy, timeout=TIMEOUT)
    return w


def settle(qtbot, w: JourneysWindow) -> None:
    """Wait for the figures to be read again (after a tick, a metric or a preset)."""
    qtbot.waitUntil(lambda: not w.is_busy, timeout=TIMEOUT)


@pytest.fixture
def window(qtbot, tmp_path: Path) -> JourneysWindow:
    outcomes, dfe = write_files(tmp_path)
    w = open_window(qtbot, outcomes, [dfe])
    yield w
    w.close()


def test_prefilled_files_read_with_your_council_and_those_judged_inadequate(window) -> None:
    w = window
    assert w.councils() == [BCP, SLOUGH, SOLIHULL]
    assert w.own_council == BCP
    assert w.ticked() == [BCP, SLOUGH, SOLIHULL]  # every one was judged inadequate since 2018
    assert w.metric_name == "Agency social workers (% of FTE)" and w.unit == "%"
    assert w.polarity is Polarity.LOWER_IS_BETTER and w.anchor == INADEQUATE
    js = w.current_journeys()
    assert [j.council for j in js] == [BCP, SLOUGH, SOLIHULL]  # yours first
    assert js[0].grade_reached is Grade.GOOD


def test_table_rows_and_summary(window) -> None:
    w = window
    t = w.table
    rows = [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]
    assert rows[0] == [BCP, "11 Feb 2022", "29 Jan 2025", "36", "Good", "28.3% (30 Sep 2025)"]
    assert rows[1] == [SLOUGH, "1 Mar 2019", "1 Sep 2023", "54", "Requires improvement to be good",
                       "12.5% (30 Sep 2025)"]
    assert rows[2][:3] == [SOLIHULL, "13 Jan 2023", "Not yet"] and rows[2][3].endswith("so far")
    assert rows[2][4] == "Not yet" and rows[2][5] == "23.0% (30 Sep 2025)"
    assert t.horizontalHeaderItem(1).text() == "Judged inadequate"
    assert t.item(0, 0).font().bold() and not t.item(1, 0).font().bold()
    assert w.summary() == ("Median time from inadequate to re-inspection: 45 months over 2 councils; "
                           "Bournemouth, Christchurch and Poole: 36 months, Good.")
    assert w.chart.lines[-1].council == BCP and w.chart.lines[-1].highlighted


def test_presets_and_your_council_cannot_be_unticked(qtbot, window) -> None:
    w = window
    with qtbot.waitSignal(w.journeys_changed, timeout=TIMEOUT):
        w.clear_councils()
    assert w.ticked() == [BCP] and [j.council for j in w.current_journeys()] == [BCP]
    own = w.council_list.item(0)
    assert not own.flags() & Qt.ItemFlag.ItemIsUserCheckable and own.font().bold()
    with qtbot.waitSignal(w.journeys_changed, timeout=TIMEOUT):
        w.tick_judged()
    assert w.ticked() == [BCP, SLOUGH, SOLIHULL]
    # BCP's 2021 neighbours include none of these three: only BCP stays
    assert "Bournemouth, Christchurch and Poole's statistical neighbours" in w.neighbours_button.text().replace("&", "")
    with qtbot.waitSignal(w.journeys_changed, timeout=TIMEOUT):
        w.tick_neighbours()
    assert w.ticked() == [BCP]
    assert "10 of the neighbours are not in the outcomes table" in w.progress_label.text()
    with qtbot.waitSignal(w.journeys_changed, timeout=TIMEOUT):
        w.set_councils(["Solihull"])
    assert w.ticked() == [BCP, SOLIHULL]


def test_ticking_by_hand_and_searching(qtbot, window) -> None:
    w = window
    slough = w.council_list.item(1)
    with qtbot.waitSignal(w.journeys_changed, timeout=TIMEOUT):
        slough.setCheckState(Qt.CheckState.Unchecked)
    assert [j.council for j in w.current_journeys()] == [BCP, SOLIHULL]
    w.search_edit.setText("871")
    assert [w.council_list.item(i).isHidden() for i in range(3)] == [True, False, True]
    w.search_edit.setText("")
    assert not any(w.council_list.item(i).isHidden() for i in range(3))


def test_choosing_another_own_council_anchor_and_metric(qtbot, window) -> None:
    w = window
    with qtbot.waitSignal(w.journeys_changed, timeout=TIMEOUT):
        w.own_box.setCurrentIndex(w.own_box.findData(SOLIHULL))
    settle(qtbot, w)
    assert w.own_council == SOLIHULL and w.current_journeys()[0].council == SOLIHULL
    assert "Solihull: not re-inspected yet, " in w.summary() and w.summary().endswith("months so far.")
    with qtbot.waitSignal(w.journeys_changed, timeout=TIMEOUT):
        w.set_metric("Social worker vacancies (% of FTE posts)")
    settle(qtbot, w)
    assert w.metric_name == "Social worker vacancies (% of FTE posts)" and w.chart.plot.titleLabel.text.startswith("<b>Social worker vacancies")
    first_standard = Anchor(EventKind.STANDARD_INSPECTION, None, Which.FIRST)
    # the kinds in the table: Slough's short inspection (31 Feb) was not read, so none is offered
    assert w.anchor_box.findText("First standard inspection") >= 0
    assert w.anchor_box.findText("Latest short inspection") == -1
    with qtbot.waitSignal(w.journeys_changed, timeout=TIMEOUT):
        w.set_anchor(first_standard)
    assert w.anchor == first_standard
    assert w.table.horizontalHeaderItem(1).text() == "Standard inspection"
    solihull = w.current_journeys()[0]
    assert solihull.anchor_date == date(2020, 1, 9) and solihull.grade_reached is Grade.INADEQUATE
    with qtbot.waitSignal(w.journeys_changed, timeout=TIMEOUT):
        w.set_anchor(Anchor(which=Which.FIRST))
    assert w.chart.plot.getAxis("bottom").labelText == "Months since the first inadequate judgement"


def test_problems_are_listed_not_raised(window) -> None:
    w = window
    assert not w.problems_button.isHidden() and "(1)" in w.problems_button.text()
    assert "31/02/2024" in w.problems_text.toPlainText()


def test_errors_in_one_sentence_in_the_window(qtbot, tmp_path: Path) -> None:
    w = open_window(qtbot, None, [])
    w.dfe_edit.setText(str(tmp_path / "csww.csv"))  # DfE files alone: no outcomes to line up on
    w.load()
    assert w.error_label.text().startswith("Choose an Ofsted outcomes file")
    w.ofsted_edit.setText(str(tmp_path / "missing.csv"))
    w.load()
    qtbot.waitUntil(lambda: not w.is_busy and bool(w.error_label.text().strip("Choose")), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: "missing.csv" in w.error_label.text(), timeout=TIMEOUT)
    assert w.error_label.text() == "missing.csv: There is no such file: check the name and folder."
    assert w.current_journeys() == [] and w.councils() == []
    w.close()


def test_with_no_file_the_bundled_official_data_is_read(qtbot, tmp_path: Path) -> None:
    w = JourneysWindow(council="839", today=date(2026, 12, 7))
    qtbot.addWidget(w)
    w.resize(1280, 860)
    w.show()
    qtbot.waitUntil(lambda: len(w.councils()) > 150 and not w.is_busy and bool(w.current_journeys()),
                    timeout=30_000)
    assert w.own_council == BCP and w.own_box.currentData() == BCP  # the chosen council, highlighted
    own = next(w.council_list.item(i) for i in range(w.council_list.count())
               if w.council_list.item(i).text().startswith(BCP))
    assert own.font().bold() and own.text() == f"{BCP} — your council"
    assert w.metric_name == "Agency social workers (% of FTE)" and w.unit == "%"
    assert w.metric_box.itemText(0) == "Agency social workers (% of FTE)"
    assert w.ofsted_edit.text() == "" and "from the bundled official data" in w.progress_label.text()
    mine = w.current_journeys()[0]
    assert mine.council == BCP and mine.grade_reached is Grade.GOOD and round(mine.months_to_reinspection) == 36
    assert w.table.item(0, 5).text() == "28.3% (30 Sep 2025)"
    assert SOLIHULL in w.ticked()  # judged inadequate in 2022
    w.grab().save(str(tmp_path / "journeys-bundled.png"))
    w.close()


def test_without_dfe_files_the_table_still_says_when_each_was_re_inspected(qtbot, tmp_path: Path) -> None:
    outcomes, _dfe = write_files(tmp_path)
    w = open_window(qtbot, outcomes, [])
    assert w.metric_name is None and w.metric_box.currentText() == "(no DfE statistics)"
    assert [j.council for j in w.current_journeys()] == [BCP, SLOUGH, SOLIHULL]
    assert w.table.item(0, 3).text() == "36" and w.table.item(0, 5).text() == "No figure"
    assert "no DfE statistics chosen" in w.progress_label.text()
    w.close()


def test_cancel_leaves_what_is_shown(qtbot, window) -> None:
    w = window
    before = w.current_journeys()
    w.load()
    w.cancel()
    assert w.progress_label.text().startswith("Cancelled")
    qtbot.wait(200)
    assert w.current_journeys() == before and w.load_button.isEnabled()


def test_a_council_not_in_the_table_is_said(qtbot, tmp_path: Path) -> None:
    outcomes, dfe = write_files(tmp_path)
    w = open_window(qtbot, outcomes, [dfe], council="Devon")
    assert w.own_council is None and "Your council (Devon) is not in the outcomes table" in w.progress_label.text()
    assert not w.neighbours_button.isEnabled()
    w.close()


def test_controls_are_named_and_keyboard_reachable(window) -> None:
    w = window
    for widget in w.findChildren(QWidget):
        if isinstance(widget, (QAbstractButton, QComboBox, QLineEdit)) or widget in (w.council_list, w.table):
            if widget.isVisibleTo(w) and not isinstance(widget.parent(), QComboBox):
                assert widget.accessibleName(), widget
                assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus, widget


# -- the real files ----------------------------------------------------------------------------------
@pytest.mark.skipif(not HAVE_REAL, reason=NO_REAL)
def test_real_files_bcp_beside_solihull_and_north_east_lincolnshire(qtbot, tmp_path: Path) -> None:
    dfe = [REAL_CSWW, REAL_CLA] if REAL_CLA.exists() else [REAL_CSWW]
    w = open_window(qtbot, REAL_OFSTED, dfe)
    nel = "North East Lincolnshire (812)"
    with qtbot.waitSignal(w.journeys_changed, timeout=TIMEOUT):
        w.set_councils([SOLIHULL, nel])
    settle(qtbot, w)
    assert w.metric_name == "Agency social workers (% of FTE)"
    t = w.table
    rows = {t.item(r, 0).text(): [t.item(r, c).text() for c in range(1, 6)] for r in range(t.rowCount())}
    assert rows[BCP] == ["11 Feb 2022", "29 Jan 2025", "36", "Good", "28.3% (30 Sep 2025)"]
    assert rows[SOLIHULL] == ["13 Jan 2023", "12 Jan 2026", "36", "Good", "23.0% (30 Sep 2025)"]
    assert rows[nel] == ["26 Nov 2021", "3 Sep 2025", "45", "Good", "8.7% (30 Sep 2025)"]
    assert w.summary() == ("Median time from inadequate to re-inspection: 36 months over 3 councils; "
                           "Bournemouth, Christchurch and Poole: 36 months, Good.")
    assert "Bournemouth, Christchurch and Poole 36.7%" in w.chart.readout(24)
    w.show()
    qtbot.waitExposed(w)
    assert w.grab().save(str(tmp_path / "journeys.png"))
    assert w.current_journeys()[0].as_of == date.today()
    w.close()

"""Details: where sources disagree about the shown event (or an action's metric), both claims side by side."""

from __future__ import annotations

from datetime import date

import pytest

from bcpviewer.model.disagreements import find_disagreements
from bcpviewer.model.records import Action, Dataset, Event, MetricSeries, Observation, Origin, Source
from bcpviewer.model.spans import Span
from bcpviewer.model.vocab import EventKind, Grade, Polarity, Status
from bcpviewer.ui.items.details import DetailsView
from bcpviewer.ui.items.details_page import DIFFER_NOTE, METRIC_DIFFERS_SHOWN

AS_OF = date(2024, 1, 1)


def _at(y: int) -> Span:
    return Span(date(y, 9, 30), date(y, 9, 30))


def disagreeing() -> Dataset:
    """Two records of one inspection two weeks apart, from two sources, with other dates and grades;
    two series of one metric with another figure for 2023."""
    ofsted = Source("S1", "Ofsted inspection report, Feb 2022", "https://reports.ofsted.gov.uk/x")
    press = Source("S2", "Echo <b>story</b> & more", publisher="Bournemouth Echo")
    events = (
        Event("E1", EventKind.STANDARD_INSPECTION, "ILACS inspection", date(2021, 12, 6), date(2021, 12, 17),
              grades={"overall": Grade.INADEQUATE}, source="S1", origin=Origin("timeline.xlsx", "Events", 7)),
        Event("E2", EventKind.STANDARD_INSPECTION, "Inspection (press)", date(2021, 12, 20),
              date(2021, 12, 31), grades={"overall": Grade.REQUIRES_IMPROVEMENT}, source="S2",
              origin=Origin("press.csv", None, 3)),
        Event("E3", EventKind.MONITORING_VISIT, "Monitoring visit 1", date(2022, 6, 7), date(2022, 6, 8),
              source="S1"),
    )
    series = (
        MetricSeries("M1", "Agency social worker rate", "%", Polarity.LOWER_IS_BETTER,
                     observations=(Observation(_at(2022), 36.6), Observation(_at(2023), 36.7, release="2024")),
                     source="S1", origin=Origin("dfe.csv")),
        MetricSeries("M2", "Agency social worker rate", "%", Polarity.LOWER_IS_BETTER,
                     observations=(Observation(_at(2022), 36.6), Observation(_at(2023), 38.1)),
                     source="S2", origin=Origin("council.xlsx", "Metrics", 4)),
    )
    actions = (
        Action("A1", "Cut agency use", start=date(2022, 4, 1), due=date(2023, 3, 31), status=Status.GREEN,
               metric="agency social worker rate"),
        Action("A2", "Recruit from abroad", start=date(2022, 4, 1), metric="Vacancy rate"),
    )
    return Dataset(actions=actions, events=events, series=series, sources=(ofsted, press))


@pytest.fixture
def data() -> Dataset:
    return disagreeing()


@pytest.fixture
def view(qtbot) -> DetailsView:
    v = DetailsView()
    qtbot.addWidget(v)
    return v


def test_an_event_shows_what_each_source_says_side_by_side(view, data):
    view.set_disagreements(find_disagreements(data), data.source_by_id())
    view.show_item(data, "event:E1", AS_OF)
    text = view.toPlainText()
    assert "Sources differ" in text
    section = text[text.index("Sources differ"):text.index(DIFFER_NOTE)]
    # Both dates and both grades, each beside the source that gives it.
    assert "6-17 Dec 2021 (this record)\nOfsted inspection report, Feb 2022" in section
    assert "20-31 Dec 2021\nEcho <b>story</b> & more\npress.csv, row 3" in section
    assert "Inadequate (this record)" in section and "Requires improvement to be good" in section
    assert "Dates" in section and "Overall effectiveness grade" in section
    assert text.index("Grades") < text.index("Sources differ") < text.index("Read from")


def test_the_other_record_is_marked_as_this_one(view, data):
    view.set_disagreements(find_disagreements(data), data.source_by_id())
    view.show_item(data, "event:E2", AS_OF)
    text = view.toPlainText()
    assert "20-31 Dec 2021 (this record)" in text and "6-17 Dec 2021 (this record)" not in text
    assert DIFFER_NOTE in text


def test_source_titles_and_values_are_escaped(view, data):
    view.set_disagreements(find_disagreements(data), data.source_by_id())
    view.show_item(data, "event:E1", AS_OF)
    markup = view.toHtml()
    assert "Echo <b>story</b>" in view.toPlainText()
    assert "<b>story</b>" not in markup and "&lt;b&gt;story&lt;/b&gt;" in markup


def test_setting_disagreements_redraws_the_shown_item_and_clearing_removes_the_section(view, data):
    view.show_item(data, "event:E1", AS_OF)
    assert "Sources differ" not in view.toPlainText()
    view.set_disagreements(find_disagreements(data), data.source_by_id())
    assert view.key == "event:E1" and "Sources differ" in view.toPlainText()
    view.set_disagreements((), {})
    assert "Sources differ" not in view.toPlainText() and view.key == "event:E1"


def test_an_event_no_one_disputes_has_no_section(view, data):
    view.set_disagreements(find_disagreements(data), data.source_by_id())
    view.show_item(data, "event:E3", AS_OF)
    assert "Sources differ" not in view.toPlainText()
    view.clear_item()
    view.set_disagreements(find_disagreements(data), {})  # nothing shown: nothing to redraw
    assert view.key is None and "Sources differ" not in view.toPlainText()


def test_titles_come_from_the_dataset_when_no_sources_are_given(view, data):
    view.set_disagreements(find_disagreements(data), {})
    view.show_item(data, "event:E1", AS_OF)
    assert "Ofsted inspection report, Feb 2022" in view.toPlainText()


def test_an_action_shows_disagreeing_figures_of_its_linked_metric(view, data):
    view.set_disagreements(find_disagreements(data), data.source_by_id())
    view.show_item(data, "action:A1", AS_OF)
    text = view.toPlainText()
    assert "Sources differ on the linked metric" in text
    assert "36.7% (2024)\nOfsted inspection report, Feb 2022\ndfe.csv" in text
    assert "38.1%\nEcho <b>story</b> & more\ncouncil.xlsx, sheet Metrics, row 4" in text
    assert "Agency social worker rate, 30 Sep 2023" in text and DIFFER_NOTE in text
    view.show_item(data, "action:A2", AS_OF)  # its metric is not loaded
    assert "Sources differ" not in view.toPlainText()


def test_many_disagreeing_figures_are_capped_with_a_pointer_to_the_panel(view):
    years = range(2010, 2010 + METRIC_DIFFERS_SHOWN + 3)
    one = MetricSeries("M1", "Caseload", observations=tuple(Observation(_at(y), 10.0) for y in years))
    two = MetricSeries("M2", "Caseload", observations=tuple(Observation(_at(y), 11.0) for y in years))
    data = Dataset(actions=(Action("A1", "Cut caseloads", metric="Caseload"),), series=(one, two))
    view.set_disagreements(find_disagreements(data), {})
    view.show_item(data, "action:A1", AS_OF)
    text = view.toPlainText()
    assert text.count("Value ·") == METRIC_DIFFERS_SHOWN
    assert "And 3 more: see the Sources differ panel." in text


def test_three_claims_say_all_are_kept(view):
    events = tuple(
        Event(f"E{i}", EventKind.MONITORING_VISIT, "Visit", date(2022, 6, 1 + 7 * i), source=f"S{i}")
        for i in range(3)
    )
    data = Dataset(events=events)
    view.set_disagreements(find_disagreements(data), {})
    view.show_item(data, "event:E0", AS_OF)
    text = view.toPlainText()
    assert "All 3 records are kept; none has been picked." in text
    assert "S0" in text and "S1" in text and "S2" in text

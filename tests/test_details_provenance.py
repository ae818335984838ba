"""Details says where an item came from: every other sheet or file the same inspection was read from,
the columns of its file that no field read, and, for an action's linked metric, the release, source
and notes of its figures (such as which neighbours had no figure)."""

from __future__ import annotations

from datetime import date

from bcpviewer.model.records import (
    PROBLEM_UNUSED_COLUMN,
    Action,
    Comparator,
    Dataset,
    Event,
    MetricSeries,
    Observation,
    Origin,
    Problem,
    Source,
)
from bcpviewer.model.same_event import one_per_event
from bcpviewer.model.spans import Span
from bcpviewer.model.vocab import EventKind, Grade
from bcpviewer.ui.items.details import DetailsView

HISTORY = "/data/ilacs-history.xlsx"
OUTCOMES = "/data/ofsted-outcomes.xlsx"
TRACKER = "/data/tracker.xlsx"


def _inspection(rid: str, origin: Origin, source: str | None) -> Event:
    return Event(rid, EventKind.STANDARD_INSPECTION, "ILACS standard inspection", date(2021, 12, 6),
                 date(2021, 12, 17), date(2022, 2, 11), grades={"overall": Grade.INADEQUATE}, source=source,
                 origin=origin)


def _dataset() -> Dataset:
    events = one_per_event([
        _inspection("E1", Origin(HISTORY, "ILACS", 4), "S1"),
        _inspection("E9", Origin(OUTCOMES, "Outcomes 2022", 17), None),
        _inspection("E12", Origin(OUTCOMES, "Local authorities", 40), "S1"),
    ])
    periods = [Span.reporting_year(date(y, 3, 31)) for y in (2022, 2023)]
    agency = MetricSeries(
        "agency", "Agency worker rate", "%", observations=tuple(
            Observation(p, v, release="CSWW 2023") for p, v in zip(periods, (37.4, 33.3), strict=True)),
        comparators=(Comparator("neighbours", "Statistical neighbours", (Observation(periods[1], 18.2),),
                                notes=("No figure for Poole in 2022/23",)),),
        source="S2", origin=Origin("/data/csww.csv", None, None), notes="Full-time equivalents")
    action = Action("A1", "Cut agency use", due=date(2023, 3, 31), metric="agency", origin=Origin(TRACKER, "Plan", 5))
    problems = (
        Problem(TRACKER, "Plan", None, "H (Update / commentary)", "Update / commentary",
                "column not used", PROBLEM_UNUSED_COLUMN),
        Problem(TRACKER, "Plan", None, "J", "", "column not used: it has no header", PROBLEM_UNUSED_COLUMN),
        Problem("/data/other.xlsx", "Plan", None, "Z (Elsewhere)", "Elsewhere", "column not used",
                PROBLEM_UNUSED_COLUMN),
    )
    sources = (Source("S1", "Ofsted ILACS report (2022)"), Source("S2", "Children's social work workforce"))
    return Dataset(actions=(action,), events=events, series=(agency,), sources=sources, problems=problems,
                   files=(HISTORY, OUTCOMES, TRACKER))


def test_an_event_read_from_several_places_lists_them_all(qtbot):
    data = _dataset()
    assert len(data.events) == 1  # one inspection, read three times
    view = DetailsView()
    qtbot.addWidget(view)
    view.show_item(data, "event:E1", date(2023, 6, 1))
    text = view.toPlainText()
    assert (f"Read from\n{HISTORY}, sheet ILACS, row 4\nAlso read from\n{OUTCOMES}, sheet Outcomes 2022, row 17\n"
            f"{OUTCOMES}, sheet Local authorities, row 40 (cites Ofsted ILACS report (2022))\n") in text


def test_an_item_from_a_file_names_that_files_unused_columns(qtbot):
    view = DetailsView()
    qtbot.addWidget(view)
    view.show_item(_dataset(), "action:A1", date(2023, 6, 1))
    text = view.toPlainText()
    assert "Columns not used in this file" in text
    assert "H (Update / commentary); J. Their values were not read." in text
    assert "every value on this row was understood" not in text  # column H's value was not read
    assert "None, apart from the columns not used above." in text
    assert "Elsewhere" not in text  # another file's columns are not this item's


def test_a_linked_metric_says_where_its_figures_come_from(qtbot):
    view = DetailsView()
    qtbot.addWidget(view)
    view.show_item(_dataset(), "action:A1", date(2023, 6, 1))
    text = view.toPlainText()
    assert "Agency worker rate (latest 33.3%, year to 31 Mar 2023)" in text
    assert "Release: CSWW 2023 · Source: Children's social work workforce · Read from /data/csww.csv" in text
    assert "Full-time equivalents" in text
    assert "Statistical neighbours: No figure for Poole in 2022/23" in text

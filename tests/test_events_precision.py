"""Event dates no more precise than the data (issue 18): a chronology's "Q3 2022/23" or "2022/23" keeps
its quarter or financial-year precision from the reader to the labels (Details, the summary workbook's
Events sheet) and the timeline's faint spans; never "1 Oct 2022" or a `d mmm yyyy` date cell (no Qt but
the Details test)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from bcpviewer.io.loader import load_file
from bcpviewer.io.summary_xlsx import write_summary
from bcpviewer.model.annotations import AnnotationSet
from bcpviewer.model.briefing import BriefOptions, build_briefing
from bcpviewer.model.records import Dataset, Event
from bcpviewer.model.spans import PERIOD_PRECISIONS, Span, SpanKind, when_label
from bcpviewer.model.timeline import ItemKind, layout
from bcpviewer.model.vocab import EventKind

AS_OF = date(2026, 11, 23)
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
CHRONOLOGY = ("Date,To,Type,Title\n"
              "Q3 2022/23,,Monitoring visit,Monitoring visit 3\n"
              "2022/23,,Other,Practice review\n"
              "Nov 2019,,Focused visit,Focused visit\n"
              "Q1 2023,,Other,Peer review\n"
              "Q4 2022/23,15/01/2023,Other,Diagnostic\n"
              "6/12/2021,17/12/2021,ILACS,Standard inspection\n")


@pytest.fixture(scope="module")
def chronology(tmp_path_factory) -> Dataset:
    path = tmp_path_factory.mktemp("chron") / "chronology.csv"
    path.write_text(CHRONOLOGY, encoding="utf-8")
    return load_file(path)


def _by_title(data: Dataset) -> dict[str, Event]:
    return {e.title: e for e in data.events}


def test_a_chronology_keeps_quarter_and_financial_year_precision(chronology) -> None:
    ev = _by_title(chronology)
    got = {t: (e.start, e.precision, when_label(e.start, e.end, e.precision)) for t, e in ev.items()}
    assert got == {
        "Monitoring visit 3": (date(2022, 10, 1), SpanKind.FINANCIAL_QUARTER, "Q3 2022/23"),
        "Practice review": (date(2022, 4, 1), SpanKind.FINANCIAL_YEAR, "2022/23"),
        "Focused visit": (date(2019, 11, 1), SpanKind.MONTH, "Nov 2019"),
        "Peer review": (date(2023, 1, 1), SpanKind.QUARTER, "Q1 2023"),
        "Diagnostic": (date(2023, 1, 1), SpanKind.FINANCIAL_QUARTER, "Q4 2022/23 to 15 Jan 2023"),
        "Standard inspection": (date(2021, 12, 6), SpanKind.DAY, "6-17 Dec 2021"),
    }


@given(st.dates(date(1950, 1, 1), date(2099, 12, 31)), st.sampled_from(sorted(PERIOD_PRECISIONS)))
def test_the_span_containing_a_date_holds_it_and_is_of_its_kind(d: date, kind: SpanKind) -> None:
    span = Span.containing(d, kind)
    assert span.kind is kind and span.start <= d <= span.end
    assert Span.containing(span.start, kind) == span == Span.containing(span.end, kind)
    assert when_label(span.start, None, kind) == span.label


def test_labels_of_each_precision() -> None:
    d = date(2022, 10, 1)
    assert [when_label(d, None, k) for k in (SpanKind.DAY, SpanKind.MONTH, SpanKind.QUARTER,
                                              SpanKind.FINANCIAL_QUARTER, SpanKind.YEAR,
                                              SpanKind.FINANCIAL_YEAR, SpanKind.ACADEMIC_YEAR)] == [
        "1 Oct 2022", "Oct 2022", "Q4 2022", "Q3 2022/23", "2022", "2022/23", "2022/23"]
    assert when_label(d, date(2022, 10, 4)) == "1-4 Oct 2022"


def test_quarter_and_financial_year_events_are_faint_spans_on_the_timeline(chronology) -> None:
    lay = layout(chronology, as_of=AS_OF)
    items = {p.key: p for p in lay.placed}
    ev = _by_title(chronology)
    want = {"Monitoring visit 3": (date(2022, 10, 1), date(2022, 12, 31)),
            "Practice review": (date(2022, 4, 1), date(2023, 3, 31)),
            "Peer review": (date(2023, 1, 1), date(2023, 3, 31))}
    for title, (start, end) in want.items():
        p = items[f"event:{ev[title].id}"]
        assert (p.kind, p.start, p.end) == (ItemKind.PERIOD, start, end)
    diag = items[f"event:{ev['Diagnostic'].id}"]
    assert (diag.kind, diag.end) == (ItemKind.SPAN, date(2023, 1, 15))


def test_the_events_sheet_keeps_dates_as_precise_as_the_data(chronology, tmp_path: Path) -> None:
    b = build_briefing(chronology, AnnotationSet(), BriefOptions(as_of=AS_OF), now=NOW)
    out = tmp_path / "summary.xlsx"
    write_summary(out, b)
    ws = load_workbook(out)["Events"]
    head = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(head)}
    got = {}
    for row in ws.iter_rows(min_row=2):
        date_cell = row[col["Date"]]
        got[row[col["Title"]].value] = (row[col["Dates as written"]].value, date_cell.value.date(),
                                         date_cell.number_format, row[col["Precision"]].value)
    assert got == {
        "Monitoring visit 3": ("Q3 2022/23", date(2022, 10, 1), "mmm yyyy", "quarter"),
        "Practice review": ("2022/23", date(2022, 4, 1), "mmm yyyy", "financial year"),
        "Focused visit": ("Nov 2019", date(2019, 11, 1), "mmm yyyy", "month"),
        "Peer review": ("Q1 2023", date(2023, 1, 1), "mmm yyyy", "quarter"),
        # an end does not make a start known to a quarter a real day
        "Diagnostic": ("Q4 2022/23 to 15 Jan 2023", date(2023, 1, 1), "mmm yyyy", "quarter"),
        "Standard inspection": ("6-17 Dec 2021", date(2021, 12, 6), "d mmm yyyy", "day"),
    }


def test_details_says_the_quarter_not_its_first_day(qtbot) -> None:
    from bcpviewer.ui.items.details import DetailsView

    e = Event("E1", EventKind.MONITORING_VISIT, "Monitoring visit 3", date(2022, 10, 1),
              precision=SpanKind.FINANCIAL_QUARTER)
    view = DetailsView()
    qtbot.addWidget(view)
    view.show_item(Dataset(events=(e,)), "event:E1", AS_OF)
    text = view.toPlainText()
    assert "Dates\nQ3 2022/23\n" in text and "1 Oct 2022" not in text

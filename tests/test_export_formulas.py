"""Every text field that reaches the summary workbook stays text, whatever it starts with (issue 8)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from bcpviewer.io.summary_xlsx import write_summary
from bcpviewer.model.annotations import AnnotationSet, ItemTarget, new_annotation
from bcpviewer.model.briefing import BriefOptions, build_briefing
from bcpviewer.model.records import Action, Comparator, Dataset, Event, MetricSeries, Observation, Source, Target
from bcpviewer.model.spans import Span, SpanKind
from bcpviewer.model.vocab import EventKind, Status

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
# Text a spreadsheet program would take for a formula: =, +, - or @ first, then anything printable.
formula_like = st.builds(
    lambda lead, rest: lead + rest,
    st.sampled_from(["=", "+", "-", "@"]),
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=30),
).filter(lambda s: s.strip() == s)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(formula_like, min_size=24, max_size=24, unique=True))
def test_no_text_field_becomes_a_formula(tmp_path: Path, texts: list[str]) -> None:
    t = iter(texts)
    action = Action("A1", next(t), workstream=next(t), owner=next(t), start=date(2024, 1, 1),
                    due=date(2024, 3, 31), status=Status.RED, success_measure=next(t), notes=next(t),
                    source="S1")
    event = Event("E1", EventKind.MONITORING_VISIT, next(t), date(2024, 2, 21), theme=next(t),
                  lead=next(t), notes=next(t), source="S1")
    month = Event("E2", EventKind.OTHER, next(t), date(2023, 1, 1), kind_text=next(t),
                  precision=SpanKind.MONTH, source="S1")
    source = Source("S1", next(t), url="https://example.org/report")
    grouping = Source("S2", "Statistical neighbour grouping " + next(t), notes=next(t))
    year = Span(date(2023, 4, 1), date(2024, 3, 31), SpanKind.FINANCIAL_YEAR)
    series = MetricSeries(  # every text of a metric's series reaches the Metric series sheet
        "M1", next(t), unit=next(t), theme=next(t), source=next(t), release=next(t),
        observations=(Observation(year, None, next(t)),),
        comparators=(Comparator("england", "England", (Observation(year, 12.5),)),
                     Comparator("region", next(t), (Observation(year, 11.0),)),
                     Comparator("neighbours", next(t), (Observation(year, 10.0),))),
        targets=(Target(9.0, date(2025, 3, 31), next(t)),))
    data = Dataset(actions=(action,), events=(event, month), series=(series,), sources=(source, grouping))
    notes = AnnotationSet([new_annotation(ItemTarget("action:A1"), next(t), id="n1", now=NOW,
                                          include_in_briefing=True)])
    briefing = build_briefing(data, notes, BriefOptions(as_of=date(2026, 11, 23)), now=NOW)
    out = tmp_path / "summary.xlsx"
    write_summary(out, briefing)
    wb = load_workbook(out)
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = {str(c.value) for c in cells}
    joined = "\n".join(values)
    for text in texts:
        assert text in joined, text  # kept verbatim, as text


def test_the_title_and_the_journeys_headers_stay_text(tmp_path: Path) -> None:
    """Summary!A1 (the title) and the Journeys sheet's headers (the metric, its unit) are typed by
    the user: written through the text-only writer, never as a formula."""
    from tests.test_analysis_exports import make_journeys

    title = '=HYPERLINK("http://evil.example","Click")'
    metric, unit = "=1+1", "@SUM(A1)"
    data = Dataset(actions=(Action("A1", "Recruit", due=date(2024, 3, 31), status=Status.RED),))
    briefing = build_briefing(data, [], BriefOptions(title=title, author="+44 author", as_of=date(2026, 11, 23)),
                              now=NOW, journeys=make_journeys(), journey_metric=metric, journey_unit=unit,
                              journey_anchor="-months since judged inadequate")
    out = tmp_path / "summary.xlsx"
    write_summary(out, briefing)
    wb = load_workbook(out)
    a1 = wb["Summary"]["A1"]
    assert a1.value == title and a1.data_type == "s"
    headers = [c for c in wb["Journeys"][1] if c.value is not None]
    assert any(str(c.value).startswith("=1+1 (@SUM(A1)), month") for c in headers)
    every = [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [f"{c.parent.title}!{c.coordinate}" for c in every if c.data_type == "f"]

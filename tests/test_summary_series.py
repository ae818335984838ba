"""The summary workbook matches the pack (issue 18): number formats by unit, every chosen metric's whole series
with its comparators, status as a plain word, partial dates as written beside a real date that looks no more
precise than it is. Read back with openpyxl."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from bcpviewer.io.summary_xlsx import write_summary
from bcpviewer.model.briefing import BriefOptions, build_briefing
from bcpviewer.model.briefing_series import (
    COUNT,
    DAYS,
    OTHER,
    PERCENT,
    RATE,
    figure_decimals,
    neighbour_grouping,
    series_rows,
    target_for,
    unit_kind,
)
from bcpviewer.model.records import Comparator, Dataset, MetricSeries, Observation, Source, Target
from bcpviewer.model.spans import Span
from tests.test_summary_xlsx import AS_OF, NOW, rows, sample_notes


@pytest.fixture(scope="module")
def workbook(sample, tmp_path_factory):
    out = tmp_path_factory.mktemp("series") / "summary.xlsx"
    write_summary(out, build_briefing(sample, sample_notes(sample), BriefOptions(as_of=AS_OF), now=NOW))
    return load_workbook(out)


@pytest.fixture(scope="module")
def sample():
    from bcpviewer.io.loader import load_file
    from tests.test_summary_xlsx import SAMPLE

    return load_file(SAMPLE)


def _cells(ws, column: str) -> list:
    col = [c.value for c in ws[1]].index(column)
    return [r[col] for r in ws.iter_rows(min_row=2)]


@pytest.mark.parametrize("unit, kind", [
    ("%", PERCENT), ("% of FTE", PERCENT), ("per 10,000 children", RATE), ("count", COUNT), ("", COUNT),
    ("days", DAYS), ("cases per FTE", OTHER),
])
def test_unit_kinds(unit, kind):
    assert unit_kind(unit) == kind


def test_percent_and_rate_figures_keep_one_decimal_counts_none():
    pct = MetricSeries("a", "A", "%", observations=(Observation(Span.year(2024), 12.0),))
    count = MetricSeries("b", "B", "count", observations=(Observation(Span.year(2024), 14.0),))
    fine = MetricSeries("c", "C", "%", observations=(Observation(Span.year(2024), 12.35),))
    assert (figure_decimals(pct), figure_decimals(count), figure_decimals(fine)) == (1, 0, 2)


def test_the_target_in_force_is_the_next_one_due():
    early, late, open_ended = Target(20, date(2024, 3, 31)), Target(15, date(2025, 3, 31)), Target(10)
    assert target_for([late, early, open_ended], date(2023, 9, 30)) == early
    assert target_for([late, early, open_ended], date(2024, 9, 30)) == late
    assert target_for([late, early, open_ended], date(2025, 9, 30)) == open_ended
    assert target_for([early], date(2025, 9, 30)) is None


def test_the_neighbour_grouping_is_said_only_as_far_as_the_data_says_it():
    s = MetricSeries("a", "A", "%", comparators=(Comparator("neighbours", "Statistical neighbours"),))
    assert neighbour_grouping(s, ()) == ("Statistical neighbours: model (2021 or 2025) not stated, median or mean "
                                         "not stated")
    grouping = Source("S18", "DfE statistical neighbour groupings, April 2021 model", notes="Their median.")
    assert neighbour_grouping(s, (grouping,)) == ("Statistical neighbours: DfE 2021 model, median "
                                                  "(DfE statistical neighbour groupings, April 2021 model [S18])")
    assert neighbour_grouping(MetricSeries("b", "B"), (grouping,)) is None


def test_every_chosen_metric_has_its_whole_series_with_comparators(workbook, sample):
    ws = workbook["Metric series"]
    table = rows(ws)
    assert len(table) == len(series_rows(sample.series)) == sum(len(s.observations) for s in sample.series)
    agency = [r for r in table if r["Metric"] == "Agency social worker rate"]
    assert [r["Period as written"] for r in agency][:2] == ["30 Sep 2019", "30 Sep 2020"]
    first = agency[0]
    assert (first["Council"], first["England"], first["Region"], first["Statistical neighbours"]) == \
        (8.0, 15.8, 17.0, 12.2)
    assert first["Region name"] == "South West" and first["Unit"] == "% of FTE"
    assert first["Release"] == "CSWW 2025 release" and first["Source"] == "S16"
    assert first["Period end"] == datetime(2019, 9, 30)
    assert "DfE 2021 model, median" in first["Neighbour grouping"] and "[S18]" in first["Neighbour grouping"]
    assert first["Council figure flag"] is None
    council = _cells(ws, "Council")
    assert council[0].number_format == '0.0"%"' and council[0].value == 8.0  # 8.0%, never 800%
    for name, fmt in (("Children looked after per 10,000 children", "0.0"), ("Young people placed in HMOs",
                                                                            "#,##0")):
        at = next(i for i, r in enumerate(table) if r["Metric"] == name)
        assert council[at].number_format == fmt
        if name.startswith("Children"):
            assert _cells(ws, "England")[at].number_format == fmt
    hmo = next(i for i, r in enumerate(table) if r["Metric"] == "Young people placed in HMOs")
    assert table[hmo]["Period as written"] == "2022"
    end = _cells(ws, "Period end")[hmo]
    assert end.is_date and end.number_format == "yyyy"  # a figure known to the year is not shown as 31 Dec
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref.startswith("A1:")


def test_a_suppressed_figure_is_its_code_as_text_and_flagged(tmp_path):
    year = Span.financial_year(2023)
    s = MetricSeries("m", "Re-referrals", "%", observations=(Observation(year, None, "c"),),
                     comparators=(Comparator("england", "England", (Observation(year, 21.5),)),))
    out = tmp_path / "s.xlsx"
    write_summary(out, build_briefing(Dataset(series=(s,)), [], BriefOptions(as_of=AS_OF), now=NOW))
    ws = load_workbook(out)["Metric series"]
    (row,) = rows(ws)
    assert row["Council"] == "c" and _cells(ws, "Council")[0].data_type == "s"
    assert "suppressed" in row["Council figure flag"] and "'c'" in row["Council figure flag"]
    assert row["England"] == 21.5 and row["Period as written"] == "2023/24"
    assert row["Period end"] == datetime(2024, 3, 31) and _cells(ws, "Period end")[0].number_format == "d mmm yyyy"


def test_metrics_sheet_figures_in_their_unit_format(workbook):
    ws = workbook["Metrics"]
    table = rows(ws)
    latest = _cells(ws, "Latest")
    formats = {r["Metric"]: latest[i].number_format for i, r in enumerate(table)}
    assert formats["Agency social worker rate"] == '0.0"%"'
    assert formats["Children looked after per 10,000 children"] == "0.0"
    assert formats["Young people placed in HMOs"] == "#,##0"


def test_days_are_whole_numbers_and_statuses_plain_words(workbook):
    ws = workbook["Actions"]
    days = [c for c in _cells(ws, "Days overdue") if c.value is not None]
    assert days and all(c.number_format == "0" for c in days)
    words = {c.value for c in _cells(ws, "Status")}
    assert words <= {"Red", "Amber", "Green", "Complete", "Not started", "Not stated"} and "Red" in words
    impact = {c.value for c in _cells(ws, "Impact") if c.value is not None}
    assert impact and impact <= {"Red", "Amber", "Green", "Complete", "Not started", "Not stated"}


def test_partial_dates_are_kept_as_written_beside_a_real_date(workbook):
    ws = workbook["Events"]
    table = {r["ID"]: (i, r) for i, r in enumerate(rows(ws))}
    dates = _cells(ws, "Date")
    head = [c.value for c in ws[1]]
    assert head.index("Date") == head.index("Dates as written") + 1  # as written, then the real date
    for key, written, day, fmt, known in (("E02", "Nov 2019", datetime(2019, 11, 1), "mmm yyyy", "month"),
                                          ("E03", "2020", datetime(2020, 1, 1), "yyyy", "year"),
                                          ("E07", "6-17 Dec 2021", datetime(2021, 12, 6), "d mmm yyyy", "day")):
        i, r = table[key]
        assert (r["Dates as written"], r["Date"], r["Precision"]) == (written, day, known)
        assert dates[i].is_date and dates[i].number_format == fmt


def test_targets_sheet_figures_in_their_unit_and_margins_in_points(workbook):
    ws = workbook["Targets"]
    table = rows(ws)
    at = next(i for i, r in enumerate(table) if r["Metric"] == "Agency social worker rate" and r["Margin"] is not None)
    assert _cells(ws, "Judged figure")[at].number_format == '0.0"%"'
    assert _cells(ws, "Target value")[at].number_format == '0.0"%"'
    assert _cells(ws, "Margin")[at].number_format == "0.0"  # a difference of percentages is in points
    assert "percentage points" in table[at]["By how much"]

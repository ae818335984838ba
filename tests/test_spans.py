"""Span: constructors, queries, labels, and UK date formatting."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bcpviewer.model.spans import Span, SpanKind, format_date, format_range, month_end


# -- constructors -----------------------------------------------------------------------------
def test_day() -> None:
    s = Span.day(date(2022, 3, 31))
    assert (s.start, s.end, s.kind) == (date(2022, 3, 31), date(2022, 3, 31), SpanKind.DAY)
    assert s.days == 1


@pytest.mark.parametrize(
    "year, month, last",
    [(2022, 1, 31), (2023, 2, 28), (2024, 2, 29), (1900, 2, 28), (2000, 2, 29), (2022, 4, 30),
     (2022, 12, 31)],
)
def test_month(year: int, month: int, last: int) -> None:
    s = Span.month(year, month)
    assert (s.start, s.end) == (date(year, month, 1), date(year, month, last))
    assert s.kind is SpanKind.MONTH
    assert s.days == last


@pytest.mark.parametrize(
    "q, start, end",
    [
        (1, date(2023, 1, 1), date(2023, 3, 31)),
        (2, date(2023, 4, 1), date(2023, 6, 30)),
        (3, date(2023, 7, 1), date(2023, 9, 30)),
        (4, date(2023, 10, 1), date(2023, 12, 31)),
    ],
)
def test_calendar_quarter(q: int, start: date, end: date) -> None:
    s = Span.quarter(2023, q)
    assert (s.start, s.end, s.kind) == (start, end, SpanKind.QUARTER)


@pytest.mark.parametrize(
    "q, start, end",
    [
        (1, date(2023, 4, 1), date(2023, 6, 30)),
        (2, date(2023, 7, 1), date(2023, 9, 30)),
        (3, date(2023, 10, 1), date(2023, 12, 31)),
        (4, date(2024, 1, 1), date(2024, 3, 31)),
    ],
)
def test_financial_quarter(q: int, start: date, end: date) -> None:
    s = Span.financial_quarter(2023, q)
    assert (s.start, s.end, s.kind) == (start, end, SpanKind.FINANCIAL_QUARTER)


@pytest.mark.parametrize("q", [0, 5, -1])
def test_quarter_out_of_range(q: int) -> None:
    with pytest.raises(ValueError, match="not 1-4"):
        Span.quarter(2023, q)
    with pytest.raises(ValueError, match="not 1-4"):
        Span.financial_quarter(2023, q)


@pytest.mark.parametrize("month", [0, 13])
def test_month_out_of_range(month: int) -> None:
    with pytest.raises(ValueError):
        Span.month(2023, month)


def test_years() -> None:
    assert Span.year(2023) == Span(date(2023, 1, 1), date(2023, 12, 31), SpanKind.YEAR)
    assert Span.year(2024).days == 366
    fy = Span.financial_year(2021)
    assert (fy.start, fy.end) == (date(2021, 4, 1), date(2022, 3, 31))
    assert fy.kind is SpanKind.FINANCIAL_YEAR
    ay = Span.academic_year(2021)
    assert (ay.start, ay.end) == (date(2021, 9, 1), date(2022, 8, 31))
    assert ay.kind is SpanKind.ACADEMIC_YEAR


@pytest.mark.parametrize(
    "census, start",
    [
        (date(2023, 9, 30), date(2022, 10, 1)),
        (date(2023, 3, 31), date(2022, 4, 1)),
        (date(2024, 2, 29), date(2023, 3, 1)),  # no 29 Feb 2023: a year back is 28 Feb
        (date(2025, 2, 28), date(2024, 2, 29)),
    ],
)
def test_reporting_year(census: date, start: date) -> None:
    s = Span.reporting_year(census)
    assert (s.start, s.end, s.kind) == (start, census, SpanKind.REPORTING_YEAR)
    assert 365 <= s.days <= 366


def test_span_must_not_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        Span(date(2022, 3, 2), date(2022, 3, 1))
    assert Span(date(2022, 3, 1), date(2022, 3, 1)).days == 1


def test_span_is_frozen() -> None:
    s = Span.day(date(2022, 1, 1))
    with pytest.raises(AttributeError):
        s.start = date(2021, 1, 1)  # type: ignore[misc]


# -- queries ----------------------------------------------------------------------------------
def test_contains_is_inclusive() -> None:
    s = Span.month(2022, 3)
    assert s.contains(date(2022, 3, 1))
    assert s.contains(date(2022, 3, 31))
    assert not s.contains(date(2022, 2, 28))
    assert not s.contains(date(2022, 4, 1))


def test_overlaps() -> None:
    march, april = Span.month(2022, 3), Span.month(2022, 4)
    assert not march.overlaps(april)
    assert march.overlaps(Span.quarter(2022, 1))
    assert Span.financial_year(2021).overlaps(march)
    assert march.overlaps(Span.day(date(2022, 3, 31)))
    assert not march.overlaps(Span.day(date(2022, 4, 1)))


def test_union_is_a_range() -> None:
    u = Span.month(2022, 1).union(Span.month(2022, 3))
    assert u == Span(date(2022, 1, 1), date(2022, 3, 31), SpanKind.RANGE)


def test_ordering_is_by_start_then_end() -> None:
    spans = [Span.year(2022), Span.month(2022, 3), Span.day(date(2022, 1, 1))]
    assert sorted(spans) == [Span.day(date(2022, 1, 1)), Span.year(2022), Span.month(2022, 3)]


def test_iso_and_str() -> None:
    s = Span.financial_year(2021)
    assert s.iso() == ("2021-04-01", "2022-03-31")
    assert str(s) == s.label == "2021/22"


# -- labels -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "span, label",
    [
        (Span.day(date(2022, 3, 31)), "31 Mar 2022"),
        (Span.day(date(2022, 3, 1)), "1 Mar 2022"),
        (Span.month(2022, 3), "Mar 2022"),
        (Span.month(2022, 9), "Sep 2022"),
        (Span.quarter(2023, 3), "Q3 2023"),
        (Span.financial_quarter(2023, 3), "Q3 2023/24"),
        (Span.financial_quarter(2023, 4), "Q4 2023/24"),
        (Span.financial_quarter(1999, 4), "Q4 1999/00"),
        (Span.year(2023), "2023"),
        (Span.financial_year(2021), "2021/22"),
        (Span.financial_year(1999), "1999/00"),
        (Span.financial_year(2009), "2009/10"),
        (Span.academic_year(2021), "2021/22"),
        (Span.reporting_year(date(2023, 9, 30)), "year to 30 Sep 2023"),
        (Span(date(2021, 12, 6), date(2021, 12, 17)), "6-17 Dec 2021"),
        (Span(date(2021, 12, 6), date(2021, 12, 6)), "6 Dec 2021"),
    ],
)
def test_labels(span: Span, label: str) -> None:
    assert span.label == label


# -- formatting -------------------------------------------------------------------------------
def test_format_date() -> None:
    assert format_date(date(2022, 3, 31)) == "31 Mar 2022"
    assert format_date(date(2022, 3, 1)) == "1 Mar 2022"  # no leading zero
    assert format_date(None) == ""
    assert format_date(None, empty="TBC") == "TBC"
    assert format_date(date(1, 1, 1)) == "1 Jan 0001"  # always a four-digit year


@pytest.mark.parametrize(
    "start, end, text",
    [
        (date(2021, 12, 6), date(2021, 12, 17), "6-17 Dec 2021"),
        (date(2021, 6, 28), date(2021, 7, 2), "28 Jun-2 Jul 2021"),
        (date(2021, 12, 30), date(2022, 1, 3), "30 Dec 2021-3 Jan 2022"),
        (date(2021, 12, 6), date(2021, 12, 6), "6 Dec 2021"),
        (date(2021, 12, 6), None, "6 Dec 2021"),
        (None, date(2021, 12, 17), "17 Dec 2021"),
        (None, None, ""),
    ],
)
def test_format_range(start: date | None, end: date | None, text: str) -> None:
    assert format_range(start, end) == text


@pytest.mark.parametrize(
    "year, month, expected",
    [
        (2023, 2, date(2023, 2, 28)),
        (2023, 12, date(2023, 12, 31)),
        (2023, 13, date(2024, 1, 31)),  # runs past December into the next year
        (2023, 14, date(2024, 2, 29)),
        (2023, 15, date(2024, 3, 31)),
    ],
)
def test_month_end(year: int, month: int, expected: date) -> None:
    assert month_end(year, month) == expected


# -- properties -------------------------------------------------------------------------------
years = st.integers(min_value=1900, max_value=2100)


@settings(max_examples=200)
@given(years, st.integers(min_value=1, max_value=4))
def test_financial_quarters_tile_the_financial_year(year: int, q: int) -> None:
    quarters = [Span.financial_quarter(year, i) for i in range(1, 5)]
    fy = Span.financial_year(year)
    assert quarters[0].start == fy.start and quarters[-1].end == fy.end
    for a, b in zip(quarters, quarters[1:]):
        assert date.fromordinal(a.end.toordinal() + 1) == b.start
    assert sum(s.days for s in quarters) == fy.days
    assert fy.contains(Span.financial_quarter(year, q).start)


@settings(max_examples=200)
@given(years)
def test_calendar_quarters_and_months_tile_the_year(year: int) -> None:
    y = Span.year(year)
    assert sum(Span.quarter(year, q).days for q in range(1, 5)) == y.days
    assert sum(Span.month(year, m).days for m in range(1, 13)) == y.days
    for q in range(1, 5):
        qs = Span.quarter(year, q)
        months = [Span.month(year, 3 * (q - 1) + i) for i in range(1, 4)]
        assert months[0].start == qs.start and months[-1].end == qs.end


@settings(max_examples=200)
@given(st.dates(min_value=date(2, 1, 1)))
def test_reporting_year_is_a_year_ending_on_the_census(census: date) -> None:
    s = Span.reporting_year(census)
    assert s.end == census
    assert 365 <= s.days <= 366
    assert s.label == f"year to {format_date(census)}"


@settings(max_examples=200)
@given(st.dates(), st.dates())
def test_union_and_overlap(a: date, b: date) -> None:
    x, y = Span.day(min(a, b)), Span(min(a, b), max(a, b))
    u = x.union(y)
    assert u.start == min(x.start, y.start) and u.end == max(x.end, y.end)
    assert x.overlaps(y) and y.overlaps(x)
    assert u.contains(a) and u.contains(b)

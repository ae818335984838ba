"""The DfE tidy-row parser: what span a time_period stands for, for any text it may meet."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from bcpviewer.io.dfe_tidy import period_of
from bcpviewer.io.dates import MAX_YEAR, MIN_YEAR
from bcpviewer.model.spans import Span, SpanKind

IDENTS = st.sampled_from(["Reporting year", "Financial year", "Academic year", "Calendar year", ""])
BASES = st.sampled_from(["sep", "mar_at", "mar_year"])


@given(st.text(max_size=8), IDENTS, BASES)
def test_any_text_is_a_span_or_none_never_an_error(tp: str, ident: str, basis: str) -> None:
    got = period_of(tp, ident, basis)
    assert got is None or isinstance(got, Span)


@given(st.integers(MIN_YEAR, MAX_YEAR - 1), BASES)
def test_a_bare_year_is_dated_by_the_measure(year: int, basis: str) -> None:
    got = period_of(str(year), "Reporting year", basis)
    want = {"sep": Span.day(date(year, 9, 30)), "mar_at": Span.day(date(year, 3, 31)),
            "mar_year": Span.reporting_year(date(year, 3, 31))}[basis]
    assert got == want


@given(st.integers(MIN_YEAR, MAX_YEAR - 2), st.integers(0, 99))
def test_a_six_digit_period_is_a_financial_year_only_when_the_years_follow(start: int, end: int) -> None:
    got = period_of(f"{start}{end:02d}", "Financial year", "mar_year")
    if (start + 1) % 100 == end:
        assert got is not None and got.kind is SpanKind.FINANCIAL_YEAR and got.start == date(start, 4, 1)
    else:
        assert got is None

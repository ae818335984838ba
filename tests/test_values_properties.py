"""Property tests for the cell-value parsers and Span (WORKBOOK.md, section "Values").

The contract: every parser returns a value, None for blank / no-date words, or raises ValueError
whose message says what was expected; nothing else escapes, whatever a spreadsheet reader yields.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from bcpviewer.io.dates import EXCEL_EPOCH, parse_date, parse_due, parse_when, serial_to_date
from bcpviewer.io.values import (
    parse_grade,
    parse_kind,
    parse_number,
    parse_polarity,
    parse_status,
    text_of,
)
from bcpviewer.model.spans import Span, SpanKind, format_date, format_range
from bcpviewer.model.vocab import SUPPRESSION_CODES, EventKind, Grade, Polarity, Status

FEW = settings(max_examples=150, deadline=None)
MANY = settings(max_examples=400, deadline=None)

dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))
# Two-digit years can only name a hundred years: 70-99 are 19xx, 00-69 are 20xx.
dates_yy = st.dates(min_value=date(1970, 1, 1), max_value=date(2069, 12, 31))
years = st.integers(min_value=1950, max_value=2100)
fy_years = st.integers(min_value=1950, max_value=2099)  # the financial year ends by 2100
months = st.integers(min_value=1, max_value=12)
quarters = st.integers(min_value=1, max_value=4)
cases: st.SearchStrategy[Callable[[str], str]] = st.sampled_from(
    [str, str.lower, str.upper, str.title]
)

MONTH = calendar.month_name
MON = calendar.month_abbr


def _ordinal(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


DAY_FORMATS: dict[str, Callable[[date], str]] = {
    "dd/mm/yyyy": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    "d/m/yyyy": lambda d: f"{d.day}/{d.month}/{d.year}",
    "dd.mm.yyyy": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    "dd-mm-yyyy": lambda d: f"{d.day:02d}-{d.month:02d}-{d.year}",
    "d Month yyyy": lambda d: f"{d.day} {MONTH[d.month]} {d.year}",
    "d Mon yyyy": lambda d: f"{d.day} {MON[d.month]} {d.year}",
    "d-Mon-yyyy": lambda d: f"{d.day}-{MON[d.month]}-{d.year}",
    "dth Month yyyy": lambda d: f"{d.day}{_ordinal(d.day)} {MONTH[d.month]} {d.year}",
    "Month d, yyyy": lambda d: f"{MONTH[d.month]} {d.day}, {d.year}",
    "weekday d Month yyyy": lambda d: f"{d:%A} {d.day} {MONTH[d.month]} {d.year}",
    "iso": lambda d: d.isoformat(),
    "iso datetime": lambda d: f"{d.isoformat()}T09:30:00",
    "yyyy/mm/dd": lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}",
    "as at dd/mm/yyyy": lambda d: f"as at {d.day:02d}/{d.month:02d}/{d.year}",
    "format_date": format_date,
}
DAY_FORMATS_YY: dict[str, Callable[[date], str]] = {
    "d/m/yy": lambda d: f"{d.day}/{d.month}/{d.year % 100:02d}",
    "dd/mm/yy": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
    "d Mon yy": lambda d: f"{d.day} {MON[d.month]} {d.year % 100:02d}",
    "d-Mon-yy": lambda d: f"{d.day}-{MON[d.month]}-{d.year % 100:02d}",
}


# -- round trips: days --------------------------------------------------------------------------
@MANY
@given(dates, st.sampled_from(sorted(DAY_FORMATS)), cases)
@example(date(2022, 4, 3), "dd/mm/yyyy", str)  # 03/04/2022 is 3 April
def test_any_day_in_any_format_round_trips(d: date, style: str, case: Callable[[str], str]) -> None:
    text = case(DAY_FORMATS[style](d))
    assert parse_when(text) == Span.day(d), text
    assert parse_date(text) == d
    assert parse_due(text) == d


@MANY
@given(dates_yy, st.sampled_from(sorted(DAY_FORMATS_YY)), cases)
@example(date(1970, 1, 1), "d/m/yy", str)
@example(date(2069, 12, 31), "d/m/yy", str)
def test_any_day_with_a_two_digit_year_round_trips(
    d: date, style: str, case: Callable[[str], str]
) -> None:
    text = case(DAY_FORMATS_YY[style](d))
    assert parse_date(text) == d, text


@FEW
@given(st.integers(1, 12), st.integers(1, 12), years)
def test_slash_dates_are_never_month_first(day: int, month: int, year: int) -> None:
    assume(day != month)
    assert parse_date(f"{day:02d}/{month:02d}/{year}") == date(year, month, day)


@FEW
@given(years, months, st.integers(29, 40))
def test_days_past_the_end_of_the_month_are_value_errors(year: int, month: int, day: int) -> None:
    assume(day > calendar.monthrange(year, month)[1])
    for text in (f"{day}/{month}/{year}", f"{day} {MON[month]} {year}"):
        with pytest.raises(ValueError) as info:
            parse_when(text)
        assert f"{MONTH[month]} {year} has no day {day}" in str(info.value)
        assert "expected" in str(info.value)


@FEW
@given(dates, st.floats(min_value=0, max_value=86399 / 86400))  # up to 23:59:59
@example(date(2100, 12, 31), 0.5)  # noon on the last day: found by an unseeded run
def test_excel_serial_numbers_round_trip(d: date, fraction: float) -> None:
    serial = (d - EXCEL_EPOCH).days
    assert serial_to_date(serial) == d
    assert parse_date(serial) == d
    assert parse_date(serial + fraction) == d  # a time of day does not move the date


@FEW
@given(dates, st.times())
def test_real_dates_and_their_text(d: date, t: time) -> None:
    dt = datetime.combine(d, t)
    assert parse_when(d) == Span.day(d)
    assert parse_when(dt) == Span.day(d)
    assert parse_date(text_of(d)) == d
    assert parse_date(text_of(dt)) == d


# -- round trips: months, financial years, quarters --------------------------------------------
@FEW
@given(years, months, cases)
def test_any_month_round_trips(year: int, month: int, case: Callable[[str], str]) -> None:
    span = Span.month(year, month)
    for text in (f"{MON[month]} {year}", f"{MONTH[month]} {year}", f"{month:02d}/{year}"):
        assert parse_when(case(text)) == span, text
    assert parse_date(f"{MON[month]} {year}") == date(year, month, 1)
    last = calendar.monthrange(year, month)[1]
    assert parse_due(f"{MON[month]} {year}") == date(year, month, last)


@FEW
@given(st.integers(1970, 2069), months, cases)
def test_any_month_with_a_two_digit_year_round_trips(
    year: int, month: int, case: Callable[[str], str]
) -> None:
    for text in (f"{MON[month]}-{year % 100:02d}", f"{MONTH[month]} {year % 100:02d}"):
        assert parse_when(case(text)) == Span.month(year, month), text


@FEW
@given(years, months)
@example(2011, 12)  # consecutive years: 2011-12 is the financial year 2011/12
@example(2022, 3)
def test_iso_month_unless_it_reads_as_a_financial_year(year: int, month: int) -> None:
    text = f"{year}-{month:02d}"
    if month == (year + 1) % 100:
        assert parse_when(text) == Span.financial_year(year)
    else:
        assert parse_when(text) == Span.month(year, month)


def _fy_styles(y: int) -> list[str]:
    yy = f"{(y + 1) % 100:02d}"
    return [
        f"{y}/{yy}", f"{y}-{yy}", f"{y}\u2013{yy}", f"FY{y}/{yy}", f"FY {y}-{yy}",
        f"fy{y}/{yy}", f"{y}/{y + 1}", f"{y}-{y + 1}", f"{y}{yy}", f"Financial year {y}/{yy}",
    ]


@FEW
@given(fy_years)
@example(1999)
@example(2099)
def test_any_financial_year_in_any_style_runs_april_to_march(y: int) -> None:
    for text in _fy_styles(y):
        span = parse_when(text)
        assert span == Span.financial_year(y), text
        assert span is not None and span.kind is SpanKind.FINANCIAL_YEAR
        assert parse_date(text) == date(y, 4, 1)
        assert parse_due(text) == date(y + 1, 3, 31)


@FEW
@given(st.integers(1970, 2068))
@example(1999)
def test_financial_year_with_two_digit_years(y: int) -> None:
    assert parse_when(f"{y % 100:02d}/{(y + 1) % 100:02d}") == Span.financial_year(y)
    assert parse_when(f"FY{(y + 1) % 100:02d}") == Span.financial_year(y)


@FEW
@given(fy_years, st.integers(2, 9))
def test_non_consecutive_financial_years_are_value_errors(y: int, gap: int) -> None:
    for text in (f"{y}/{(y + gap) % 100:02d}", f"{y}/{y + gap}", f"{y}{(y + gap) % 100:02d}"):
        with pytest.raises(ValueError, match="not a financial year; expected"):
            parse_when(text)


@FEW
@given(fy_years, quarters)
def test_financial_quarters_round_trip(y: int, q: int) -> None:
    span = Span.financial_quarter(y, q)
    yy = f"{(y + 1) % 100:02d}"
    for text in (f"Q{q} {y}/{yy}", f"q{q} {y}-{yy}", f"{y}/{yy} Q{q}", f"Q{q} FY{y}/{yy}"):
        assert parse_when(text) == span, text
    assert Span.financial_year(y).contains(span.start)
    assert Span.financial_year(y).contains(span.end)


@FEW
@given(years, quarters)
def test_calendar_quarters_round_trip(y: int, q: int) -> None:
    span = Span.quarter(y, q)
    for text in (f"{y} Q{q}", f"{y}Q{q}", f"Q{q} {y}", f"q{q} {y}"):
        assert parse_when(text) == span, text
    assert span.start == date(y, 3 * q - 2, 1)


# -- numbers -----------------------------------------------------------------------------------
finite = st.floats(allow_nan=False, allow_infinity=False)


@MANY
@given(st.floats(min_value=-1e15, max_value=1e15, allow_nan=False), st.integers(0, 6))
def test_numbers_with_thousands_separators_and_percent_signs(x: float, places: int) -> None:
    plain = f"{x:.{places}f}"
    expected = float(plain)
    for text in (f"{x:,.{places}f}", f"{x:,.{places}f}%", f" {x:,.{places}f} % ", plain + "%",
                 f"£{x:,.{places}f}"):
        assert parse_number(text) == (expected, None), text


@MANY
@given(finite)
def test_any_float_text_parses_back_exactly(x: float) -> None:
    assert parse_number(repr(x)) == (x, None)
    assert parse_number(x) == (x, None)


@FEW
@given(st.integers(-(10**15), 10**15))
def test_integers_with_thousands_separators(n: int) -> None:
    assert parse_number(f"{n:,}") == (float(n), None)
    assert parse_number(n) == (float(n), None)


@FEW
@given(st.sampled_from(sorted(SUPPRESSION_CODES)), cases, st.sampled_from(["", " ", "  \t"]))
def test_suppression_codes_are_never_numbers(
    code: str, case: Callable[[str], str], pad: str
) -> None:
    assert parse_number(pad + case(code) + pad) == (None, code)


# -- words ---------------------------------------------------------------------------------------
STATUS_SPEC = {
    "Red": Status.RED, "R": Status.RED, "Off track": Status.RED, "Overdue": Status.RED,
    "Behind": Status.RED, "Amber": Status.AMBER, "A": Status.AMBER, "At risk": Status.AMBER,
    "Some slippage": Status.AMBER, "Green": Status.GREEN, "G": Status.GREEN,
    "On track": Status.GREEN, "Blue": Status.COMPLETE, "B": Status.COMPLETE,
    "Complete": Status.COMPLETE, "Completed": Status.COMPLETE, "Done": Status.COMPLETE,
    "Closed": Status.COMPLETE, "Grey": Status.NOT_STARTED, "Not started": Status.NOT_STARTED,
    "Not yet due": Status.NOT_STARTED,
}


@FEW
@given(st.sampled_from(sorted(STATUS_SPEC)), st.lists(st.booleans(), min_size=20, max_size=20))
def test_status_words_in_any_case(word: str, upper: list[bool]) -> None:
    text = "".join(c.upper() if u else c.lower() for c, u in zip(word, upper))
    assert parse_status(text) is STATUS_SPEC[word]
    assert parse_status(f"  {text}  ") is STATUS_SPEC[word]


@FEW
@given(st.integers(-(10**6), 10**6) | st.floats(allow_nan=False))
def test_grade_numbers(n: float) -> None:
    if n in (1, 2, 3, 4):
        assert parse_grade(n) is Grade(int(n))
    else:
        with pytest.raises(ValueError, match="expected a grade"):
            parse_grade(n)


# -- nothing but ValueError, whatever the cell holds ---------------------------------------------
_TOKENS = (
    list("0123456789/-.,:%£()+ '") + ["\u2013", "\u2212", "\u00a0", "\u017f", "\u0130", "\u212a"]
    + ["Mar", "march", "Sept", "Q", "q3", "FY", "fy", "T", "Z", "st", "th", "as at ", "due ",
       "TBC", "n/a", "Monday ", "2021", "22", "202324", "31", "e", "E", "c", "low", "not ",
       "on track", "complete", "G", "RI", "JTAI", "revoked", "higher", "lower"]
)
cell_text = st.lists(st.sampled_from(_TOKENS), max_size=8).map("".join)
cells = st.one_of(
    st.none(),
    st.text(max_size=20),
    cell_text,
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.timedeltas(),
)

PARSERS: dict[str, Callable[[object], object]] = {
    "parse_when": parse_when,
    "parse_date": parse_date,
    "parse_due": parse_due,
    "parse_number": parse_number,
    "parse_status": parse_status,
    "parse_grade": parse_grade,
    "parse_kind": parse_kind,
    "parse_polarity": parse_polarity,
    "text_of": text_of,
}


def _is_result(name: str, result: object) -> bool:
    match name:
        case "parse_when":
            return result is None or isinstance(result, Span)
        case "parse_date" | "parse_due":
            return result is None or type(result) is date
        case "parse_number":
            return result in ((None, None),) or (
                isinstance(result, tuple)
                and len(result) == 2
                and (
                    (isinstance(result[0], float) and result[1] is None)
                    or (result[0] is None and result[1] in SUPPRESSION_CODES)
                )
            )
        case "parse_status":
            return result is None or isinstance(result, Status)
        case "parse_grade":
            return result is None or isinstance(result, Grade)
        case "parse_kind":
            return isinstance(result, EventKind)
        case "parse_polarity":
            return result is None or isinstance(result, Polarity)
        case "text_of":
            return isinstance(result, str)
    raise AssertionError(name)


@settings(max_examples=1500, deadline=None)
@given(cells)
@example(10**400)
@example("\u017fep 2022")
@example("2022-03-31T10:00:00Z")
@example(datetime(1899, 12, 30))
def test_parsers_return_a_value_or_raise_value_error_saying_what_was_expected(v: object) -> None:
    for name, parser in PARSERS.items():
        try:
            result = parser(v)
        except ValueError as e:
            assert name not in ("parse_kind", "text_of"), f"{name} must not fail on {v!r}"
            assert "expected" in str(e), f"{name}({v!r}): {e}"
        else:
            assert _is_result(name, result), f"{name}({v!r}) gave {result!r}"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.integers(), st.integers(-(10**400), 10**400), st.floats()))
def test_serial_to_date_returns_a_date_in_range_or_value_error(n: float) -> None:
    try:
        d = serial_to_date(n)
    except ValueError as e:
        assert "not a date" in str(e) and "expected" in str(e)
    else:
        assert date(1950, 1, 1) <= d <= date(2100, 12, 31)


@settings(max_examples=600, deadline=None)
@given(st.one_of(cells, dates.map(lambda d: f"{MON[d.month]} {d.year}"), fy_years.map(str)))
def test_due_is_never_before_date(v: object) -> None:
    try:
        span = parse_when(v)
    except ValueError:
        return
    start, due = parse_date(v), parse_due(v)
    if span is None:
        assert start is None and due is None
    else:
        assert start == span.start and due == span.end
        assert start is not None and due is not None and start <= due


# -- Span invariants ---------------------------------------------------------------------------
label_years = st.integers(min_value=1900, max_value=2100)
spans = st.one_of(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)).map(Span.day),
    st.builds(Span.month, label_years, months),
    st.builds(Span.quarter, label_years, quarters),
    st.builds(Span.financial_quarter, label_years, quarters),
    st.builds(Span.year, label_years),
    st.builds(Span.financial_year, label_years),
)


@MANY
@given(spans)
def test_span_label_round_trips_through_parse_when(span: Span) -> None:
    assert span.start <= span.end
    assert parse_when(span.label) == span, span.label
    assert parse_when(str(span)) == span


@FEW
@given(
    st.one_of(
        st.builds(Span.academic_year, label_years),
        st.dates(min_value=date(1901, 1, 1)).map(Span.reporting_year),
        st.tuples(st.dates(), st.dates()).map(lambda p: Span(min(p), max(p))),
    )
)
def test_other_spans_are_well_formed(span: Span) -> None:
    assert span.start <= span.end
    assert span.days == (span.end - span.start).days + 1 >= 1
    assert span.contains(span.start) and span.contains(span.end)
    assert span.label


_FORMAT_DATE = re.compile(
    r"^([1-9]|[12]\d|3[01]) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}$"
)


@MANY
@given(st.dates())
def test_format_date_is_always_d_mon_yyyy(d: date) -> None:
    text = format_date(d)
    assert _FORMAT_DATE.match(text), text
    if 1900 <= d.year <= 2100:
        assert parse_date(text) == d


@FEW
@given(
    st.dates(max_value=date(9997, 12, 31)),
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=800)),
)
def test_format_range_ends_with_the_end_date(start: date, length: timedelta) -> None:
    end = start + length
    text = format_range(start, end)
    assert text.endswith(format_date(end))
    assert text.startswith(str(start.day))

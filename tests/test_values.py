"""Example tests for the cell-value parsers (WORKBOOK.md, section "Values")."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta

import pytest

from bcpviewer.io.dates import (
    EXCEL_EPOCH,
    SERIAL_MAX,
    SERIAL_MIN,
    parse_date,
    parse_due,
    parse_when,
    serial_to_date,
)
from bcpviewer.io.values import (
    is_blank,
    parse_grade,
    parse_kind,
    parse_number,
    parse_polarity,
    parse_status,
    text_of,
)
from bcpviewer.model.spans import Span, SpanKind
from bcpviewer.model.vocab import SUPPRESSION_CODES, EventKind, Grade, Polarity, Status


# -- dates: one day ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        # ISO, with and without a time
        ("2022-03-31", date(2022, 3, 31)),
        ("2022-3-1", date(2022, 3, 1)),
        ("2022-03-31T10:15:00", date(2022, 3, 31)),
        ("2022-03-31 10:15", date(2022, 3, 31)),
        ("2022-03-31T10:15:00.5Z", date(2022, 3, 31)),
        ("2022/03/31", date(2022, 3, 31)),
        # UK day-first
        ("31/03/2022", date(2022, 3, 31)),
        ("31/3/22", date(2022, 3, 31)),
        ("31.03.2022", date(2022, 3, 31)),
        ("31-03-2022", date(2022, 3, 31)),
        ("1/4/2022", date(2022, 4, 1)),
        ("31/03/2022 14:30", date(2022, 3, 31)),
        ("31/03/2022 14:30:59", date(2022, 3, 31)),
        # words
        ("31 March 2022", date(2022, 3, 31)),
        ("31 Mar 22", date(2022, 3, 31)),
        ("31 Mar 2022", date(2022, 3, 31)),
        ("31-Mar-2022", date(2022, 3, 31)),
        ("31-Mar-22", date(2022, 3, 31)),
        ("31st March 2022", date(2022, 3, 31)),
        ("1st Sept 2022", date(2022, 9, 1)),
        ("2nd May 2023", date(2023, 5, 2)),
        ("3rd April 2023", date(2023, 4, 3)),
        ("4th Jul. 2023", date(2023, 7, 4)),
        ("March 31, 2022", date(2022, 3, 31)),
        ("Mar 31 2022", date(2022, 3, 31)),
        ("Monday 3 April 2023", date(2023, 4, 3)),
        ("Mon, 3 Apr 2023", date(2023, 4, 3)),
        # case and spacing do not matter
        ("31 MARCH 2022", date(2022, 3, 31)),
        ("  31   march   2022  ", date(2022, 3, 31)),
        ("31\u00a0Mar\u00a02022", date(2022, 3, 31)),
        # a trailing full stop is forgiven
        ("31 March 2022.", date(2022, 3, 31)),
    ],
)
def test_day_forms(text: str, expected: date) -> None:
    span = parse_when(text)
    assert span == Span.day(expected)
    assert span is not None and span.kind is SpanKind.DAY
    assert parse_date(text) == expected
    assert parse_due(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("03/04/2022", date(2022, 4, 3)),  # 3 April, never 4 March
        ("04/03/2022", date(2022, 3, 4)),
        ("01/02/03", date(2003, 2, 1)),
        ("12/11/2020", date(2020, 11, 12)),
        ("5.6.2021", date(2021, 6, 5)),
        ("05-06-2021", date(2021, 6, 5)),
    ],
)
def test_slash_dates_are_day_first(text: str, expected: date) -> None:
    assert parse_date(text) == expected


def test_month_first_american_date_is_rejected_not_guessed() -> None:
    # 12/31/2022 only makes sense month-first; it must not be silently swapped.
    with pytest.raises(ValueError, match="no month 31"):
        parse_when("12/31/2022")


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("31/04/2022", "April 2022 has no day 31"),
        ("29/02/2023", "February 2023 has no day 29"),
        ("30 Feb 2024", "February 2024 has no day 30"),
        ("2022-02-30", "February 2022 has no day 30"),
        ("0/01/2022", "January 2022 has no day 0"),
        ("32/01/2022", "January 2022 has no day 32"),
        ("31 Sep 2021", "September 2021 has no day 31"),
        ("15/13/2022", "no month 13"),
        ("15/00/2022", "no month 0"),
        ("2022-13-01", "no month 13"),
        ("2022-13", "no month 13"),
        ("13/2022", "no month 13"),
        ("1/1/1899", "year 1899 is outside"),
        ("2101-01-01", "year 2101 is outside"),
        ("Mar 2101", "year 2101 is outside"),
    ],
)
def test_invalid_dates_say_what_is_wrong_and_what_was_expected(text: str, fragment: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_when(text)
    message = str(info.value)
    assert fragment in message
    assert "expected" in message
    with pytest.raises(ValueError):
        parse_date(text)
    with pytest.raises(ValueError):
        parse_due(text)


def test_invalid_day_message_mentions_day_first() -> None:
    with pytest.raises(ValueError, match=r"day first"):
        parse_when("31/04/2022")


def test_leap_day() -> None:
    assert parse_date("29/02/2024") == date(2024, 2, 29)
    assert parse_date("29/02/2000") == date(2000, 2, 29)
    with pytest.raises(ValueError, match="has no day 29"):
        parse_when("29/02/2100")  # 2100 is not a leap year


@pytest.mark.parametrize(
    "text, expected",
    [
        ("31/3/22", date(2022, 3, 31)),
        ("1/1/00", date(2000, 1, 1)),
        ("1/1/69", date(2069, 1, 1)),
        ("1/1/70", date(1970, 1, 1)),
        ("31/12/99", date(1999, 12, 31)),
        ("31 Mar 99", date(1999, 3, 31)),
        ("5 Jan 05", date(2005, 1, 5)),
    ],
)
def test_two_digit_years(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "as at 31/03/2024",
        "As at 31/03/2024",
        "AS AT: 31/03/2024",
        "as of 31/03/2024",
        "as at 31 March 2024",
        "w/e 31/03/2024",
        "week ending 31/03/2024",
        "by 31/03/2024",
        "Due: 31/03/2024",
        "dated 31/03/2024",
        "on 31/03/2024",
        "Sunday 31 March 2024",
    ],
)
def test_prefixes_are_ignored(text: str) -> None:
    assert parse_date(text) == date(2024, 3, 31)


def test_by_a_month_is_due_at_its_end() -> None:
    assert parse_due("by March 2023") == date(2023, 3, 31)
    assert parse_date("by March 2023") == date(2023, 3, 1)


# -- real dates, serial numbers, other cell types --------------------------------------------
def test_real_dates_and_datetimes() -> None:
    assert parse_when(date(2022, 3, 31)) == Span.day(date(2022, 3, 31))
    assert parse_when(datetime(2022, 3, 31, 23, 59)) == Span.day(date(2022, 3, 31))
    assert parse_date(datetime(2022, 3, 31, 9, 0)) == date(2022, 3, 31)
    assert type(parse_date(datetime(2022, 3, 31, 9, 0))) is date  # not a datetime


def test_excel_zero_date_is_not_a_date() -> None:
    # A date-formatted cell holding 0 reads as 30 Dec 1899: not a real date.
    with pytest.raises(ValueError, match="year 1899 is outside"):
        parse_when(datetime(1899, 12, 30))
    with pytest.raises(ValueError, match="outside"):
        parse_when(date(1, 1, 1))
    with pytest.raises(ValueError, match="outside"):
        parse_when(date(9999, 12, 31))


@pytest.mark.parametrize(
    "serial, expected",
    [
        (44651, date(2022, 3, 31)),
        (44651.0, date(2022, 3, 31)),
        (44651.75, date(2022, 3, 31)),  # 6 pm that day
        (44562, date(2022, 1, 1)),
        (45000, date(2023, 3, 15)),
        (SERIAL_MIN, date(1950, 1, 1)),
        (SERIAL_MAX, date(2100, 12, 31)),
    ],
)
def test_excel_serial_numbers(serial: float, expected: date) -> None:
    assert serial_to_date(serial) == expected
    assert parse_when(serial) == Span.day(expected)
    assert parse_date(serial) == expected


def test_serial_epoch_allows_for_excels_1900_leap_bug() -> None:
    # Serial 61 is 1 March 1900 in Excel, because Excel counts a 29 Feb 1900 that never was.
    assert EXCEL_EPOCH + timedelta(days=61) == date(1900, 3, 1)


@pytest.mark.parametrize("n", [0, 1, 100, SERIAL_MIN - 1, SERIAL_MAX + 1, -44651, 1e20, 2101])
def test_numbers_that_are_not_dates(n: float) -> None:
    with pytest.raises(ValueError, match="is not a date; expected"):
        parse_when(n)


@pytest.mark.parametrize("n", [SERIAL_MIN - 1, SERIAL_MAX + 1, 0, -1.5, math.nan, math.inf])
def test_serial_to_date_rejects_out_of_range(n: float) -> None:
    with pytest.raises(ValueError, match="not a date"):
        serial_to_date(n)


@pytest.mark.parametrize("n", [10**400, -(10**400), 10**20])
def test_huge_integers_are_value_errors_not_overflow(n: int) -> None:
    with pytest.raises(ValueError, match="expected"):
        parse_when(n)
    with pytest.raises(ValueError, match="not a date"):
        serial_to_date(n)
    with pytest.raises(ValueError, match="expected"):
        parse_grade(n)


def test_huge_integer_is_not_a_finite_number() -> None:
    with pytest.raises(ValueError, match="not a finite number"):
        parse_number(10**400)
    assert parse_number(10**20) == (1e20, None)


@pytest.mark.parametrize(
    "value, fragment",
    [
        (True, "true/false"),
        (False, "true/false"),
        (timedelta(days=3), "duration"),
        (time(10, 30), "expected"),
        (math.nan, "not a number"),
        (math.inf, "not a number"),
        (-math.inf, "not a number"),
    ],
)
def test_other_cell_types_are_not_dates(value: object, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        parse_when(value)


# -- no date ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    [
        None, "", "   ", "\t\n", "TBC", "tbc", "T.B.C.", "TBD", "TBA", "To be confirmed",
        "Ongoing", "ongoing", "On-going", "n/a", "N/A", "NA", "-", "unknown", "Various",
        "Monthly", "Quarterly", "BAU", "Business as usual", "Not applicable",
        # a no-date word after a prefix is still no date
        "Due: TBC", "due tbc", "By: ongoing", "as at n/a", "As at: TBC",
    ],
)
def test_no_date_words(value: object) -> None:
    assert parse_when(value) is None
    assert parse_date(value) is None
    assert parse_due(value) is None


@pytest.mark.parametrize("text", ["banana", "soon", "31", "March", "Q5 2023", "2023/24/25", "1e5"])
def test_nonsense_is_a_value_error_saying_what_was_expected(text: str) -> None:
    with pytest.raises(ValueError, match=r"expected .*such as"):
        parse_when(text)


# -- periods ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, year, month",
    [
        ("Mar 2022", 2022, 3),
        ("March 2022", 2022, 3),
        ("Mar-22", 2022, 3),
        ("mar-22", 2022, 3),
        ("MAR 22", 2022, 3),
        ("Mar. 2022", 2022, 3),
        ("March '22", 2022, 3),
        ("Sept 2022", 2022, 9),
        ("Sep-22", 2022, 9),
        ("Feb 2024", 2024, 2),
        ("Dec-99", 1999, 12),
        ("Jan-00", 2000, 1),
        ("2022-03", 2022, 3),
        ("03/2022", 2022, 3),
        ("3.2022", 2022, 3),
        ("01/2002", 2002, 1),  # month/year, not the financial year 2001/02
        ("12/2013", 2013, 12),
    ],
)
def test_month_forms(text: str, year: int, month: int) -> None:
    span = parse_when(text)
    assert span == Span.month(year, month)
    assert span is not None and span.kind is SpanKind.MONTH
    assert parse_date(text) == date(year, month, 1)
    assert parse_due(text) == span.end


def test_month_span_ends_on_last_day() -> None:
    assert parse_due("Feb 2024") == date(2024, 2, 29)
    assert parse_due("Feb 2023") == date(2023, 2, 28)
    assert parse_due("Mar 2023") == date(2023, 3, 31)
    assert parse_due("April 2023") == date(2023, 4, 30)


@pytest.mark.parametrize(
    "text, start_year",
    [
        ("2021/22", 2021),
        ("2021-22", 2021),
        ("2021\u201322", 2021),  # en dash
        ("2021 / 22", 2021),
        ("FY2021/22", 2021),
        ("FY 2021/22", 2021),
        ("fy2021-22", 2021),
        ("Financial year 2021/22", 2021),
        ("2021/2022", 2021),
        ("21/22", 2021),
        ("202324", 2023),
        ("FY202324", 2023),
        ("FY24", 2023),
        ("1999/00", 1999),
        ("1999/2000", 1999),
        ("99/00", 1999),
        ("2011-12", 2011),  # consecutive years: a financial year, not December 2011
    ],
)
def test_financial_year_forms(text: str, start_year: int) -> None:
    span = parse_when(text)
    assert span == Span.financial_year(start_year)
    assert span is not None and span.kind is SpanKind.FINANCIAL_YEAR
    assert parse_date(text) == date(start_year, 4, 1)
    assert parse_due(text) == date(start_year + 1, 3, 31)


@pytest.mark.parametrize("text", ["2021/23", "2021/2023", "20/22", "2021-2020"])
def test_non_consecutive_financial_years_are_rejected(text: str) -> None:
    with pytest.raises(ValueError, match="not a financial year; expected consecutive years"):
        parse_when(text)


def test_compact_financial_year_must_be_consecutive() -> None:
    with pytest.raises(ValueError, match=r"202325 is not a financial year; expected .*202324"):
        parse_when("202325")


def test_year_after_month_is_not_a_financial_year() -> None:
    # 2022-03 is March 2022 (ISO month), since 2022 and 2003 are not consecutive years.
    assert parse_when("2022-03") == Span.month(2022, 3)


@pytest.mark.parametrize(
    "text, start, end, kind",
    [
        # financial quarters: Q1 is April-June
        ("Q3 2023/24", date(2023, 10, 1), date(2023, 12, 31), SpanKind.FINANCIAL_QUARTER),
        ("q3 2023-24", date(2023, 10, 1), date(2023, 12, 31), SpanKind.FINANCIAL_QUARTER),
        ("Q3 23/24", date(2023, 10, 1), date(2023, 12, 31), SpanKind.FINANCIAL_QUARTER),
        ("Q3 FY2023/24", date(2023, 10, 1), date(2023, 12, 31), SpanKind.FINANCIAL_QUARTER),
        ("2023/24 Q3", date(2023, 10, 1), date(2023, 12, 31), SpanKind.FINANCIAL_QUARTER),
        ("Q1 2023/24", date(2023, 4, 1), date(2023, 6, 30), SpanKind.FINANCIAL_QUARTER),
        ("Q2 2023/24", date(2023, 7, 1), date(2023, 9, 30), SpanKind.FINANCIAL_QUARTER),
        ("Q4 2023/24", date(2024, 1, 1), date(2024, 3, 31), SpanKind.FINANCIAL_QUARTER),
        # calendar quarters
        ("2023 Q3", date(2023, 7, 1), date(2023, 9, 30), SpanKind.QUARTER),
        ("2023Q3", date(2023, 7, 1), date(2023, 9, 30), SpanKind.QUARTER),
        ("Q3 2023", date(2023, 7, 1), date(2023, 9, 30), SpanKind.QUARTER),
        ("2023 Q1", date(2023, 1, 1), date(2023, 3, 31), SpanKind.QUARTER),
        ("2024 Q4", date(2024, 10, 1), date(2024, 12, 31), SpanKind.QUARTER),
    ],
)
def test_quarter_forms(text: str, start: date, end: date, kind: SpanKind) -> None:
    span = parse_when(text)
    assert span is not None
    assert (span.start, span.end, span.kind) == (start, end, kind)
    assert parse_date(text) == start
    assert parse_due(text) == end


@pytest.mark.parametrize("text", ["Q3 2023/25", "Q3 23/2024"])
def test_quarter_of_a_non_financial_year_is_rejected(text: str) -> None:
    with pytest.raises(ValueError, match="consecutive years such as 2021/22"):
        parse_when(text)


@pytest.mark.parametrize("value", ["2023", 2023, 2023.0, " 2023 "])
def test_calendar_year(value: object) -> None:
    assert parse_when(value) == Span.year(2023)
    assert parse_date(value) == date(2023, 1, 1)
    assert parse_due(value) == date(2023, 12, 31)


def test_year_bounds() -> None:
    assert parse_when("1900") == Span.year(1900)
    assert parse_when(2100) == Span.year(2100)
    with pytest.raises(ValueError, match="outside"):
        parse_when("1899")
    with pytest.raises(ValueError, match="outside"):
        parse_when("2101")


def test_period_carries_its_span_not_one_day() -> None:
    for text in ["Mar 2022", "2021/22", "Q3 2023/24", "2023 Q3", "2023"]:
        span = parse_when(text)
        assert span is not None and span.days > 1, text


def test_long_s_in_a_month_name_is_not_a_key_error() -> None:
    # re.IGNORECASE matches the long s (U+017F) to "s"; the month must still be found.
    assert parse_when("\u017fep 2022") == Span.month(2022, 9)
    assert parse_date("1 Augu\u017ft 2022") == date(2022, 8, 1)


# -- numbers ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value, expected",
    [
        ("37.4", 37.4),
        ("37.4%", 37.4),
        (" 37.4 % ", 37.4),
        ("1,234", 1234.0),
        ("1,234,567.89", 1234567.89),
        ("-1,234", -1234.0),
        ("+3", 3.0),
        ("-3", -3.0),
        ("\u22123", -3.0),  # Unicode minus sign
        ("£1,200", 1200.0),
        ("(5)", -5.0),  # accountants' negative
        (".5", 0.5),
        ("5.", 5.0),
        ("1e3", 1000.0),
        ("0", 0.0),
        ("1\u00a0234", 1234.0),
        (0.374, 0.374),  # a cell formatted as a percentage: the reader gives the fraction
        (37.4, 37.4),
        (12, 12.0),
        (0, 0.0),
        (-2.5, -2.5),
    ],
)
def test_numbers(value: object, expected: float) -> None:
    number, code = parse_number(value)
    assert code is None
    assert number == expected
    assert isinstance(number, float)


@pytest.mark.parametrize("code", ["c", "x", "z", "k", "u", "low", ":", "n/a", "-", "*"])
def test_suppression_codes_are_kept_as_codes_never_zero(code: str) -> None:
    assert code in SUPPRESSION_CODES
    for written in (code, code.upper(), f"  {code} "):
        number, kept = parse_number(written)
        assert number is None  # not 0.0
        assert kept == code


@pytest.mark.parametrize("value", [None, "", "   "])
def test_blank_number(value: object) -> None:
    assert parse_number(value) == (None, None)


@pytest.mark.parametrize(
    "value",
    ["abc", "1,23", "12,34,567", "1.2.3", "37.4%%", "%", "()", "1_000", "1e", "--5", "inf", "nan",
     "1e400"],
)
def test_not_numbers(value: str) -> None:
    with pytest.raises(ValueError, match="expected a number"):
        parse_number(value)


@pytest.mark.parametrize(
    "value", [True, False, math.nan, math.inf, -math.inf, date(2022, 1, 1), time(1, 0),
              timedelta(1)]
)
def test_non_number_cell_types(value: object) -> None:
    with pytest.raises(ValueError, match="expected a number"):
        parse_number(value)


# -- status -----------------------------------------------------------------------------------
STATUS_EXAMPLES = {
    Status.RED: ["Red", "R", "Off track", "Overdue", "Behind"],
    Status.AMBER: ["Amber", "A", "At risk", "Some slippage"],
    Status.GREEN: ["Green", "G", "On track"],
    Status.COMPLETE: ["Blue", "B", "Complete", "Completed", "Done", "Closed"],
    Status.NOT_STARTED: ["Grey", "Not started", "Not yet due"],
}


@pytest.mark.parametrize(
    "word, status", [(w, s) for s, words in STATUS_EXAMPLES.items() for w in words]
)
def test_status_words_case_insensitive(word: str, status: Status) -> None:
    for written in (word, word.lower(), word.upper(), f" {word} ", word.title()):
        assert parse_status(written) is status


@pytest.mark.parametrize(
    "text, status",
    [
        ("Amber - some slippage", Status.AMBER),
        ("Complete (March)", Status.COMPLETE),
        ("Green: on track", Status.GREEN),
        ("RED/overdue", Status.RED),
        ("Remain on track", Status.GREEN),
        ("Slightly behind", Status.RED),
        ("Work in progress", Status.GREEN),
        ("Not on track", Status.RED),
        ("off-track", Status.RED),
    ],
)
def test_status_phrases(text: str, status: Status) -> None:
    assert parse_status(text) is status


@pytest.mark.parametrize(
    "text", ["Incomplete", "Not complete", "not yet completed", "Uncompleted", "No longer on track"]
)
def test_negated_complete_is_not_complete(text: str) -> None:
    with pytest.raises(ValueError, match="expected a status"):
        parse_status(text)


@pytest.mark.parametrize("value", [None, "", "  "])
def test_blank_status(value: object) -> None:
    assert parse_status(value) is None


@pytest.mark.parametrize("value", ["Purple", "?", "X", 3, 1.5, True, date(2022, 1, 1)])
def test_unknown_status(value: object) -> None:
    with pytest.raises(ValueError, match="expected a status"):
        parse_status(value)


# -- grades -----------------------------------------------------------------------------------
GRADE_EXAMPLES = {
    Grade.OUTSTANDING: ["Outstanding", "O", "1", 1, 1.0],
    Grade.GOOD: ["Good", "G", "2", 2, 2.0],
    Grade.REQUIRES_IMPROVEMENT: [
        "Requires improvement", "Requires improvement to be good", "RI", "RIG", "3", 3, 3.0,
    ],
    Grade.INADEQUATE: ["Inadequate", "I", "4", 4, 4.0],
}


@pytest.mark.parametrize(
    "value, grade", [(v, g) for g, values in GRADE_EXAMPLES.items() for v in values]
)
def test_grade_words(value: object, grade: Grade) -> None:
    assert parse_grade(value) is grade
    if isinstance(value, str):
        assert parse_grade(value.lower()) is grade
        assert parse_grade(value.upper()) is grade
        assert parse_grade(f"  {value} ") is grade


def test_g_is_good_as_a_grade_but_green_as_a_status() -> None:
    assert parse_grade("G") is Grade.GOOD
    assert parse_status("G") is Status.GREEN
    assert parse_grade("g") is Grade.GOOD
    assert parse_status("g") is Status.GREEN


@pytest.mark.parametrize("value", [None, "", "  ", "n/a", "N/A", "Not graded", "-", "none"])
def test_no_grade(value: object) -> None:
    assert parse_grade(value) is None


@pytest.mark.parametrize(
    "value", ["Excellent", "5", 5, 0, 2.5, -1, True, math.nan, math.inf, date(2022, 1, 1)]
)
def test_unknown_grade(value: object) -> None:
    with pytest.raises(ValueError, match="expected a grade"):
        parse_grade(value)


# -- event kinds ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, kind",
    [
        ("Focused visit", EventKind.FOCUSED_VISIT),
        ("FV", EventKind.FOCUSED_VISIT),
        ("Monitoring visit", EventKind.MONITORING_VISIT),
        ("MV", EventKind.MONITORING_VISIT),
        ("Monitoring visit 3", EventKind.MONITORING_VISIT),
        ("Standard inspection", EventKind.STANDARD_INSPECTION),
        ("ILACS", EventKind.STANDARD_INSPECTION),
        ("Full inspection", EventKind.STANDARD_INSPECTION),
        ("Re-inspection", EventKind.STANDARD_INSPECTION),
        ("Short inspection", EventKind.SHORT_INSPECTION),
        ("SIF inspection", EventKind.SIF_INSPECTION),
        ("JTAI", EventKind.JTAI),
        ("JTAI inspection", EventKind.JTAI),
        ("Area SEND inspection", EventKind.AREA_SEND),
        ("Local area SEND inspection", EventKind.AREA_SEND),
        ("Annual engagement", EventKind.ANNUAL_ENGAGEMENT),
        ("Improvement notice", EventKind.IMPROVEMENT_NOTICE),
        ("Statutory direction", EventKind.STATUTORY_DIRECTION),
        ("Direction revoked", EventKind.DIRECTION_REVOKED),
        ("Statutory direction revoked", EventKind.DIRECTION_REVOKED),
        ("Improvement notice lifted", EventKind.DIRECTION_REVOKED),
        ("Adviser appointed", EventKind.ADVISER_APPOINTED),
        ("Adviser report", EventKind.ADVISER_REPORT),
        ("Plan submitted", EventKind.PLAN_SUBMITTED),
        ("Plan approved", EventKind.PLAN_APPROVED),
        ("Signed off", EventKind.PLAN_APPROVED),
        ("Improvement board", EventKind.IMPROVEMENT_BOARD),
        ("Scrutiny meeting", EventKind.SCRUTINY_MEETING),
        ("O&S", EventKind.SCRUTINY_MEETING),
        ("Committee", EventKind.SCRUTINY_MEETING),
        ("Cabinet", EventKind.CABINET),
        ("Leadership change", EventKind.LEADERSHIP_CHANGE),
        ("Council formed", EventKind.COUNCIL_FORMED),
        ("Press report", EventKind.PRESS_REPORT),
        ("Other", EventKind.OTHER),
        ("FOCUSED VISIT", EventKind.FOCUSED_VISIT),
        ("focussed visit", EventKind.FOCUSED_VISIT),
    ],
)
def test_event_kinds(text: str, kind: EventKind) -> None:
    assert parse_kind(text) is kind


@pytest.mark.parametrize("value", [None, "", "Garden party", "xyz", 42, 1.5, date(2022, 1, 1)])
def test_unknown_event_kinds_are_other(value: object) -> None:
    assert parse_kind(value) is EventKind.OTHER


# -- polarity ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value, polarity",
    [
        ("Higher is better", Polarity.HIGHER_IS_BETTER),
        ("higher", Polarity.HIGHER_IS_BETTER),
        ("+", Polarity.HIGHER_IS_BETTER),
        ("\u2191", Polarity.HIGHER_IS_BETTER),
        ("Up", Polarity.HIGHER_IS_BETTER),
        ("Lower is better", Polarity.LOWER_IS_BETTER),
        ("LOW", Polarity.LOWER_IS_BETTER),
        ("-", Polarity.LOWER_IS_BETTER),
        ("\u2193", Polarity.LOWER_IS_BETTER),
        ("Down", Polarity.LOWER_IS_BETTER),
        ("a lower rate is better", Polarity.LOWER_IS_BETTER),
        ("Neutral", Polarity.NEUTRAL),
        ("context", Polarity.NEUTRAL),
    ],
)
def test_polarity(value: str, polarity: Polarity) -> None:
    assert parse_polarity(value) is polarity


@pytest.mark.parametrize("value", [None, "", "  "])
def test_blank_polarity(value: object) -> None:
    assert parse_polarity(value) is None


@pytest.mark.parametrize("value", ["sideways", "?", 3, True])
def test_unknown_polarity(value: object) -> None:
    with pytest.raises(ValueError, match="expected a direction"):
        parse_polarity(value)


# -- text_of, is_blank ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value, expected",
    [
        (None, ""),
        ("  Red  ", "Red"),
        (True, "TRUE"),
        (False, "FALSE"),
        (3.0, "3"),
        (-0.0, "0"),
        (3.5, "3.5"),
        (1e20, "1e+20"),
        (12, "12"),
        (date(2022, 3, 31), "2022-03-31"),
        (datetime(2022, 3, 31, 10, 30), "2022-03-31"),
        (time(10, 30), "10:30:00"),
    ],
)
def test_text_of(value: object, expected: str) -> None:
    assert text_of(value) == expected


def test_text_of_a_date_parses_back() -> None:
    d = date(2022, 3, 4)
    assert parse_date(text_of(d)) == d


@pytest.mark.parametrize("value, blank", [(None, True), ("", True), (" \t", True), ("x", False),
                                          (0, False), (0.0, False), (False, False)])
def test_is_blank(value: object, blank: bool) -> None:
    assert is_blank(value) is blank


@pytest.mark.parametrize(
    ("value", "status"),
    [(0.0, Status.NOT_STARTED), (1.0, Status.COMPLETE), (0.8, Status.GREEN), ("100%", Status.COMPLETE),
     ("0%", Status.NOT_STARTED), ("45 %", Status.GREEN)],
)
def test_percent_complete_reads_as_progress(value: object, status: Status) -> None:
    assert parse_status(value) is status

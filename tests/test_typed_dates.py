"""The one UK date parser: what a user types (CLI flags, dialog fields) and what a cell holds agree,
and a date is never read month-first."""

from __future__ import annotations

from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bcpviewer.io.dates import parse_date, parse_typed_date

SEEDED = settings(max_examples=300, deadline=None, derandomize=True)
dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))
# What the command line and the export dialog accepted before they shared this parser.
TYPED_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %b %Y", "%d %B %Y")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def _typed(d: date, fmt: str) -> str:
    # strftime's %b/%B follow the locale: spell the English names out so the test does not.
    return (fmt.replace("%B", MONTHS[d.month - 1]).replace("%b", MONTHS[d.month - 1][:3])
            .replace("%Y", f"{d.year:04d}").replace("%m", f"{d.month:02d}").replace("%d", f"{d.day:02d}"))


@SEEDED
@given(dates, st.sampled_from(TYPED_FORMATS), st.booleans())
@example(date(2024, 1, 1), "%d %b %Y", True)
def test_every_typed_form_reads_as_the_same_day_in_both_parsers(d: date, fmt: str, pad: bool) -> None:
    text = _typed(d, fmt)
    if not pad:
        text = text.lstrip("0")  # "1 Jan 2024" as well as "01 Jan 2024"
    assert parse_typed_date(text) == d
    assert parse_typed_date(f"  {text} ") == d
    assert parse_date(text) == d  # the importer reads what a user may type


@SEEDED
@given(dates.filter(lambda d: d.day > 12), st.sampled_from("/-"))
def test_month_first_is_never_accepted(d: date, sep: str) -> None:
    text = f"{d.month:02d}{sep}{d.day:02d}{sep}{d.year}"
    assert parse_typed_date(text) is None


@SEEDED
@given(st.text(max_size=40))
@example("\ud800")
@example("31/02/2024")
@example("1e400")
def test_any_text_gives_a_day_or_none(text: str) -> None:
    result = parse_typed_date(text)
    assert result is None or date(1900, 1, 1) <= result <= date(2100, 12, 31)


def test_what_is_not_one_day_is_none() -> None:
    for text in ("", "   ", "TBC", "Mar 2024", "2023/24", "Q3 2023", "2024", "12/31/2024",
                 "32/01/2024", "yesterday"):
        assert parse_typed_date(text) is None, text
    assert parse_typed_date(None) is None
    assert parse_typed_date("1 January 2024") == date(2024, 1, 1)
    assert parse_typed_date("31/03/2022") == date(2022, 3, 31)

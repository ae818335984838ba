"""Date spans (a day, a month, a quarter, a year...) and UK date formatting."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum


class SpanKind(str, Enum):
    """What a span stands for; decides how it is labelled."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"  # calendar quarter
    FINANCIAL_QUARTER = "financial_quarter"  # quarter of an April-March year
    YEAR = "year"  # calendar year
    FINANCIAL_YEAR = "financial_year"  # 1 April - 31 March
    ACADEMIC_YEAR = "academic_year"  # 1 September - 31 August
    REPORTING_YEAR = "reporting_year"  # DfE reporting year, ending on a census date
    RANGE = "range"  # any other run of days


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A closed run of days, ``start`` to ``end`` inclusive; a period is a span, not one day."""

    start: date
    end: date
    kind: SpanKind = SpanKind.RANGE

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"span ends ({self.end}) before it starts ({self.start})")

    # -- constructors -------------------------------------------------------------------
    @classmethod
    def day(cls, d: date) -> Span:
        return cls(d, d, SpanKind.DAY)

    @classmethod
    def month(cls, year: int, month: int) -> Span:
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last), SpanKind.MONTH)

    @classmethod
    def quarter(cls, year: int, q: int) -> Span:
        """Calendar quarter ``q`` (1-4) of ``year``."""
        if not 1 <= q <= 4:
            raise ValueError(f"quarter {q} is not 1-4")
        first = 3 * (q - 1) + 1
        return cls(date(year, first, 1), month_end(year, first + 2), SpanKind.QUARTER)

    @classmethod
    def financial_quarter(cls, fy_start_year: int, q: int) -> Span:
        """Quarter ``q`` of the financial year starting 1 April ``fy_start_year`` (Q1 = Apr-Jun)."""
        if not 1 <= q <= 4:
            raise ValueError(f"quarter {q} is not 1-4")
        first_month = 4 + 3 * (q - 1)
        year = fy_start_year + (first_month - 1) // 12
        first_month = (first_month - 1) % 12 + 1
        return cls(
            date(year, first_month, 1),
            month_end(year, first_month + 2),
            SpanKind.FINANCIAL_QUARTER,
        )

    @classmethod
    def year(cls, year: int) -> Span:
        return cls(date(year, 1, 1), date(year, 12, 31), SpanKind.YEAR)

    @classmethod
    def financial_year(cls, start_year: int) -> Span:
        """1 April ``start_year`` to 31 March the year after (written 2021/22)."""
        return cls(date(start_year, 4, 1), date(start_year + 1, 3, 31), SpanKind.FINANCIAL_YEAR)

    @classmethod
    def academic_year(cls, start_year: int) -> Span:
        return cls(date(start_year, 9, 1), date(start_year + 1, 8, 31), SpanKind.ACADEMIC_YEAR)

    @classmethod
    def reporting_year(cls, census: date) -> Span:
        """The year up to and including a census date (for example 30 September 2023)."""
        start = _add_years(census, -1) + timedelta(days=1)
        return cls(start, census, SpanKind.REPORTING_YEAR)

    @classmethod
    def containing(cls, d: date, kind: SpanKind) -> Span:
        """The month, quarter, financial quarter, year, financial or academic year holding ``d``; the
        day itself for any other kind (a day, a range, a reporting year have no fixed calendar)."""
        if kind is SpanKind.MONTH:
            return cls.month(d.year, d.month)
        if kind is SpanKind.QUARTER:
            return cls.quarter(d.year, (d.month - 1) // 3 + 1)
        if kind is SpanKind.FINANCIAL_QUARTER:
            return cls.financial_quarter(d.year if d.month >= 4 else d.year - 1, ((d.month - 4) % 12) // 3 + 1)
        if kind is SpanKind.YEAR:
            return cls.year(d.year)
        if kind is SpanKind.FINANCIAL_YEAR:
            return cls.financial_year(d.year if d.month >= 4 else d.year - 1)
        if kind is SpanKind.ACADEMIC_YEAR:
            return cls.academic_year(d.year if d.month >= 9 else d.year - 1)
        return cls.day(d)

    # -- queries ------------------------------------------------------------------------
    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start <= other.end and other.start <= self.end

    def union(self, other: Span) -> Span:
        return Span(min(self.start, other.start), max(self.end, other.end))

    @property
    def label(self) -> str:
        """How a UK reader writes this span: 31 Mar 2022, Mar 2022, 2021/22, Q3 2023/24 ..."""
        k = self.kind
        if k is SpanKind.DAY:
            return format_date(self.start)
        if k is SpanKind.MONTH:
            return f"{calendar.month_abbr[self.start.month]} {self.start.year}"
        if k is SpanKind.QUARTER:
            return f"Q{(self.start.month - 1) // 3 + 1} {self.start.year}"
        if k is SpanKind.FINANCIAL_QUARTER:
            fy = self.start.year if self.start.month >= 4 else self.start.year - 1
            q = ((self.start.month - 4) % 12) // 3 + 1
            return f"Q{q} {fy}/{(fy + 1) % 100:02d}"
        if k is SpanKind.YEAR:
            return str(self.start.year)
        if k in (SpanKind.FINANCIAL_YEAR, SpanKind.ACADEMIC_YEAR):
            return f"{self.start.year}/{(self.start.year + 1) % 100:02d}"
        if k is SpanKind.REPORTING_YEAR:
            return f"year to {format_date(self.end)}"
        return format_range(self.start, self.end)

    def iso(self) -> tuple[str, str]:
        return self.start.isoformat(), self.end.isoformat()

    def __str__(self) -> str:
        return self.label


def month_end(year: int, month: int) -> date:
    """Last day of ``month`` (which may run past 12 into the next year)."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def format_date(d: date | None, empty: str = "") -> str:
    """UK style, unambiguous: ``31 Mar 2022``."""
    if d is None:
        return empty
    return f"{d.day} {calendar.month_abbr[d.month]} {d.year:04d}"


def format_range(start: date | None, end: date | None) -> str:
    """``6-17 Dec 2021``, ``28 Jun-2 Jul 2021`` or ``30 Dec 2021-3 Jan 2022``."""
    if start is None:
        return format_date(end)
    if end is None or end == start:
        return format_date(start)
    if start.year != end.year:
        return f"{format_date(start)}-{format_date(end)}"
    if start.month != end.month:
        return f"{start.day} {calendar.month_abbr[start.month]}-{format_date(end)}"
    return f"{start.day}-{format_date(end)}"


# the kinds of date known only to a period, never to a day ("Nov 2019", "Q3 2022/23", "2022/23")
PERIOD_PRECISIONS = frozenset({SpanKind.MONTH, SpanKind.QUARTER, SpanKind.FINANCIAL_QUARTER, SpanKind.YEAR,
                               SpanKind.FINANCIAL_YEAR, SpanKind.ACADEMIC_YEAR})


def when_label(start: date, end: date | None, precision: SpanKind = SpanKind.DAY) -> str:
    """A dated record's dates, no more precise than known: ``Nov 2019``, ``Q3 2022/23``, ``2022/23``
    for a start known to that period; ``Q3 2022/23 to 15 Jan 2023`` with an end; else ``format_range``."""
    if precision not in PERIOD_PRECISIONS:
        return format_range(start, end)
    label = Span.containing(start, precision).label
    return label if end is None else f"{label} to {format_date(end)}"

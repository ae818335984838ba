"""Dates and periods as researchers type them, day first: the one UK date parser.

``parse_when`` reads any date or period a cell may hold (31/03/2022, Mar 2022, 2021/22, Q3 2023/24,
an Excel serial) as the span it stands for; ``parse_date``/``parse_due`` take its first/last day.
``parse_typed_date`` is the same parser for one day typed by a user (a command-line flag, a
dialog's field): it returns None rather than raising. A slash date is never read month-first.
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import date, datetime, timedelta

from bcpviewer.model.spans import Span
from bcpviewer.model.vocab import squash

MIN_YEAR, MAX_YEAR = 1900, 2100
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1 Jan 1900, allowing for Excel's 1900 leap-year bug
# Serial numbers we accept as dates: 1 Jan 1950 to 31 Dec 2100.
SERIAL_MIN, SERIAL_MAX = 18264, 73415

# Words meaning "no date (yet)": understood, not a problem.
NO_DATE_WORDS = frozenset(
    squash(w)
    for w in [
        "tbc", "tbd", "tba", "to be confirmed", "to be decided", "ongoing", "on going", "n/a", "na",
        "none", "unknown", "not known", "-", "various", "continuous", "continual", "monthly",
        "quarterly", "annually", "weekly", "as required", "bau", "business as usual", "not set",
        "not applicable",
    ]
)

_MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    _MONTHS[calendar.month_name[_i].lower()] = _i
    _MONTHS[calendar.month_abbr[_i].lower()] = _i
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

_PREFIX = re.compile(
    r"^(?:as\s+(?:at|of)|w/?e|week\s+ending|by|due|date|dated|from|on|end\s+of|before)\s*:?\s+",
    re.I,
)
_WEEKDAY = re.compile(
    r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*,?\s+", re.I
)
_ISO = re.compile(  # matched against lower-case text: "t" and "z", not "T" and "Z"
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?z?$"
)
_ISO_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_D_MON_Y = re.compile(
    rf"^(\d{{1,2}})(?:st|nd|rd|th)?[\s\-/.]*({_MONTH_RE})\.?,?[\s\-/.]*(\d{{4}}|\d{{2}})$", re.I
)
_MON_D_Y = re.compile(
    rf"^({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$", re.I
)
_MON_Y = re.compile(rf"^({_MONTH_RE})\.?[\s\-/.']*(\d{{4}}|\d{{2}})$", re.I)
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_M_Y = re.compile(r"^(\d{1,2})[/.](\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_FY = re.compile(r"^(?:fy\s*|financial\s+year\s*)?(\d{4}|\d{2})\s*[/\-\u2013]\s*(\d{4}|\d{2})$", re.I)
_FY_COMPACT = re.compile(r"^(?:fy\s*)?(\d{4})(\d{2})$", re.I)
_FY_PREFIXED_SHORT = re.compile(r"^fy\s*(\d{2})$", re.I)
_Q_FY = re.compile(
    r"^q([1-4])\s*(?:fy\s*)?(\d{4}|\d{2})\s*[/\-\u2013]\s*(\d{4}|\d{2})$", re.I
)
_FY_Q = re.compile(
    r"^(?:fy\s*)?(\d{4}|\d{2})\s*[/\-\u2013]\s*(\d{4}|\d{2})\s*q([1-4])$", re.I
)
_Q_Y = re.compile(r"^q([1-4])\s*(\d{4})$", re.I)
_Y_Q = re.compile(r"^(\d{4})\s*q([1-4])$", re.I)
_SPACES = re.compile(r"\s+")

DATE_EXPECTED = "a date such as 31/03/2022, 31 Mar 2022 or 2022-03-31 (day first)"
PERIOD_EXPECTED = (
    "a date or period such as 31/03/2022, Mar 2022, 2021/22, Q3 2023/24 or 2023"
)


def _year(y: str) -> int:
    n = int(y)
    if len(y) == 2:
        n += 2000 if n < 70 else 1900
    return n


def _check_year(y: int, text: object) -> int:
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise ValueError(f"year {y} is outside {MIN_YEAR}-{MAX_YEAR}; expected {DATE_EXPECTED}")
    return y


def _make_date(y: int, m: int, d: int) -> date:
    _check_year(y, None)
    if not 1 <= m <= 12:
        raise ValueError(f"there is no month {m}; expected {DATE_EXPECTED}")
    last = calendar.monthrange(y, m)[1]
    if not 1 <= d <= last:
        raise ValueError(
            f"{calendar.month_name[m]} {y} has no day {d}; expected {DATE_EXPECTED}"
        )
    return date(y, m, d)


def _fy_start(a: str, b: str) -> int:
    """Start year of a financial year written a/b (2021/22, 21/22, 2021/2022)."""
    start = _year(a)
    end = _year(b) if len(b) == 4 or len(a) == 2 else (start // 100) * 100 + int(b)
    if len(b) == 2 and len(a) == 4 and end < start:
        end += 100
    if end != start + 1 or len(a) < len(b):  # 01/2002 is January 2002, not 2001/02
        raise ValueError(
            f"{a}/{b} is not a financial year; expected consecutive years such as 2021/22"
        )
    return _check_year(start, None)


def _consecutive(a: str, b: str) -> bool:
    try:
        _fy_start(a, b)
    except ValueError:
        return False
    return True


def _shown(n: float) -> str:
    """A number for a message (a huge int cannot be formatted as a float)."""
    return f"{n:g}" if isinstance(n, float) or abs(n) < 10**15 else "that large"


def _month(name: str) -> int:
    """Month number of a matched name; casefold, as re.I also matches 'ſep' (long s)."""
    return _MONTHS[name.casefold()]


def serial_to_date(n: float) -> date:
    """An Excel serial day number (1900 system) as a date."""
    # the time of day is dropped before the range is checked: 73415.5 is noon on 31 Dec 2100
    day = math.floor(n) if isinstance(n, int) or math.isfinite(n) else SERIAL_MAX + 1
    if not SERIAL_MIN <= day <= SERIAL_MAX:
        raise ValueError(f"the number {_shown(n)} is not a date; expected {DATE_EXPECTED}")
    return EXCEL_EPOCH + timedelta(days=day)


def parse_when(v: object) -> Span | None:
    """Any date or period a researcher might type, as the span it stands for.

    Returns None for blanks and no-date words (TBC, ongoing, n/a). Raises ValueError otherwise.
    """
    if v is None:
        return None
    if isinstance(v, datetime):
        v = v.date()
    if isinstance(v, date):
        _check_year(v.year, v)  # 30 Dec 1899 is Excel's day 0: an empty date cell, not a date
        return Span.day(v)
    if isinstance(v, bool):
        raise ValueError(f"a true/false value is not a date; expected {DATE_EXPECTED}")
    if isinstance(v, (int, float)):
        if isinstance(v, float) and not math.isfinite(v):
            raise ValueError(f"not a number; expected {DATE_EXPECTED}")
        if MIN_YEAR <= v <= MAX_YEAR and v == int(v):
            return Span.year(int(v))
        return Span.day(serial_to_date(v))
    if isinstance(v, timedelta):
        raise ValueError(f"a duration is not a date; expected {DATE_EXPECTED}")
    if not isinstance(v, str):
        raise ValueError(f"expected {DATE_EXPECTED}")
    return _parse_when_text(v)


def _parse_when_text(raw: str) -> Span | None:
    text = _SPACES.sub(" ", raw.strip())
    if not text or squash(text) in NO_DATE_WORDS:
        return None
    text = _PREFIX.sub("", text)
    text = _WEEKDAY.sub("", text).strip().rstrip(".")
    if squash(text) in NO_DATE_WORDS:  # "due: TBC", "as at ongoing"
        return None
    low = text.lower()

    if m := _ISO.match(low):
        return Span.day(_make_date(int(m[1]), int(m[2]), int(m[3])))
    if m := _DMY.match(low):
        return Span.day(_make_date(_year(m[4]), int(m[3]), int(m[1])))
    if m := _D_MON_Y.match(low):
        return Span.day(_make_date(_year(m[3]), _month(m[2]), int(m[1])))
    if m := _MON_D_Y.match(low):
        return Span.day(_make_date(int(m[3]), _month(m[1]), int(m[2])))
    if m := _ISO_SLASH.match(low):
        return Span.day(_make_date(int(m[1]), int(m[2]), int(m[3])))
    if (m := _FY.match(low)) and _consecutive(m[1], m[2]):
        return Span.financial_year(_fy_start(m[1], m[2]))
    if m := _MON_Y.match(low):
        return Span.month(_check_year(_year(m[2]), raw), _month(m[1]))
    if m := _ISO_MONTH.match(low):
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            raise ValueError(f"there is no month {mo}; expected {PERIOD_EXPECTED}")
        return Span.month(_check_year(y, raw), mo)
    if m := _M_Y.match(low):
        mo = int(m[1])
        if not 1 <= mo <= 12:
            raise ValueError(f"there is no month {mo}; expected {PERIOD_EXPECTED}")
        return Span.month(_check_year(int(m[2]), raw), mo)
    if m := _Q_FY.match(low):
        return Span.financial_quarter(_fy_start(m[2], m[3]), int(m[1]))
    if m := _FY_Q.match(low):
        return Span.financial_quarter(_fy_start(m[1], m[2]), int(m[3]))
    if m := _Q_Y.match(low):
        return Span.quarter(_check_year(int(m[2]), raw), int(m[1]))
    if m := _Y_Q.match(low):
        return Span.quarter(_check_year(int(m[1]), raw), int(m[2]))
    if m := _FY.match(low):
        return Span.financial_year(_fy_start(m[1], m[2]))  # raises: the years are not consecutive
    if m := _FY_COMPACT.match(low):
        start = _check_year(int(m[1]), raw)
        if (start + 1) % 100 != int(m[2]):
            raise ValueError(
                f"{text} is not a financial year; expected one such as 202324 (2023/24)"
            )
        return Span.financial_year(start)
    if m := _FY_PREFIXED_SHORT.match(low):
        end = _year(m[1])
        return Span.financial_year(end - 1)
    if m := _YEAR.match(low):
        return Span.year(_check_year(int(m[1]), raw))
    raise ValueError(f"expected {PERIOD_EXPECTED}")


def parse_date(v: object) -> date | None:
    """A day (the start of a coarser period: 'Mar 2022' is 1 Mar 2022). None when blank or TBC."""
    span = parse_when(v)
    return None if span is None else span.start


def parse_due(v: object) -> date | None:
    """A deadline: a coarser period means its last day ('Mar 2023' is due by 31 Mar 2023)."""
    span = parse_when(v)
    return None if span is None else span.end


def parse_typed_date(text: str | None) -> date | None:
    """One day typed by a user ("1 Jan 2024", "01/01/2024", "1-1-2024", "2024-01-01",
    "1 January 2024"), day first; None when the text is blank or is not exactly one day (a
    month-first date such as 12/31/2024, a period such as "Mar 2024", a word, a number)."""
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        span = _parse_when_text(text)
    except ValueError:
        return None
    if span is None or span.start != span.end:
        return None
    return span.start

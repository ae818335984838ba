"""Cell values as researchers type them: UK dates, periods, numbers with codes, RAG and grade words.

Every parser takes what a spreadsheet reader gives (str, float, int, bool, date, datetime, time,
timedelta or None) and returns the value, ``None`` for "nothing here", or raises ``ValueError``
whose message says what was expected. A slash date is never read month-first.
"""

from __future__ import annotations

import calendar
import itertools
import math
import re
from datetime import date, datetime, timedelta

from bcpviewer.model.spans import Span
from bcpviewer.model.vocab import (
    GRADE_WORDS,
    KIND_WORDS,
    NO_GRADE_WORDS,
    POLARITY_WORDS,
    STATUS_WORDS,
    SUPPRESSION_CODES,
    EventKind,
    Grade,
    Polarity,
    Status,
    squash,
)

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
NUMBER_EXPECTED = "a number such as 37.4, 37.4% or 1,234 (or a code such as c, x, z, low)"


def is_blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


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
    if not SERIAL_MIN <= n <= SERIAL_MAX:
        raise ValueError(f"the number {_shown(n)} is not a date; expected {DATE_EXPECTED}")
    return EXCEL_EPOCH + timedelta(days=int(n))


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


def parse_number(v: object) -> tuple[float | None, str | None]:
    """A figure, as ``(value, None)``, ``(None, code)`` for a suppression code, ``(None, None)`` blank.

    Accepts 37.4, '37.4%', '1,234', '+3', '£1,200'. Raises ValueError for anything else.
    """
    if v is None:
        return None, None
    if isinstance(v, bool):
        raise ValueError(f"a true/false value is not a number; expected {NUMBER_EXPECTED}")
    if isinstance(v, (int, float)):
        f = float(v) if isinstance(v, float) or abs(v) < 10**300 else math.inf  # no OverflowError
        if not math.isfinite(f):
            raise ValueError(f"not a finite number; expected {NUMBER_EXPECTED}")
        return f, None
    if not isinstance(v, str):
        raise ValueError(f"expected {NUMBER_EXPECTED}")
    text = v.strip()
    if not text:
        return None, None
    low = text.lower()
    if low in SUPPRESSION_CODES:
        return None, low
    t = text.replace("\u2212", "-").replace("£", "").replace(" ", "").replace("\u00a0", "")
    if t.endswith("%"):
        t = t[:-1]
    if t.startswith("(") and t.endswith(")"):
        t = "-" + t[1:-1]
    if "," in t:
        if not re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", t):
            raise ValueError("expected a number such as 1,234 or 37.4")
        t = t.replace(",", "")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", t):
        raise ValueError(f"expected {NUMBER_EXPECTED}")
    f = float(t)
    if not math.isfinite(f):
        raise ValueError(f"not a finite number; expected {NUMBER_EXPECTED}")
    return f, None


def text_of(v: object) -> str:
    """A cell as plain text: numbers without a needless .0, dates as ISO (2022-03-31)."""
    if v is None:
        return ""
    if isinstance(v, str):
        return v.strip()
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if isinstance(v, datetime):
        v = v.date()
    if isinstance(v, date):
        return v.isoformat()
    return str(v)


def _fraction_done(v: object) -> float | None:
    """0-1 from a '% complete' cell: a fraction (a cell formatted as %) or text such as '80%'."""
    if isinstance(v, float) and 0.0 <= v <= 1.0:
        return v
    if isinstance(v, str) and (t := v.strip()).endswith("%"):
        try:
            pct = float(t[:-1].strip())
        except ValueError:
            return None
        if 0.0 <= pct <= 100.0:
            return pct / 100.0
    return None


def parse_status(v: object) -> Status | None:
    """RAG/BRAG words, or a percentage complete (0.8 or '80%': in progress). None when blank;
    ValueError for an unknown word."""
    done = _fraction_done(v)
    if done is not None:
        return Status.NOT_STARTED if done == 0 else Status.COMPLETE if done == 1 else Status.GREEN
    text = text_of(v)
    if not text:
        return None
    key = squash(text)
    if key in STATUS_WORDS:
        return STATUS_WORDS[key]
    # "Amber - some slippage", "Complete (March)", "Green: on track"
    first = squash(re.split(r"[\s\-:/(,]+", text.strip(), maxsplit=1)[0])
    if first in STATUS_WORDS and len(first) > 1:
        return STATUS_WORDS[first]
    if status := _status_phrase(text):
        return status
    raise ValueError(
        "expected a status: Red/Amber/Green/Blue (R, A, G, B), Complete, On track, At risk, "
        "Off track or Not started"
    )


_STATUS_PHRASES = sorted(
    ((w, s) for w, s in STATUS_WORDS.items() if len(w) >= 5), key=lambda p: -len(p[0])
)
_WORD = re.compile(r"[^\W_]+")
_NEGATIONS = frozenset({"not", "no", "never", "nor"})


def _status_phrase(text: str) -> Status | None:
    """A status phrase that starts a word and is not negated.

    "Remain on track" is green, but "Incomplete" and "not yet complete" are not complete.
    """
    words = _WORD.findall(text.casefold())
    key = "".join(words)
    starts = list(itertools.accumulate((len(w) for w in words[:-1]), initial=0))
    for phrase, status in _STATUS_PHRASES:
        for i, at in enumerate(starts):
            if key.startswith(phrase, at) and not _NEGATIONS.intersection(words[max(i - 2, 0) : i]):
                return status
    return None


def parse_grade(v: object) -> Grade | None:
    """Ofsted grade words or numbers 1-4. None when blank or 'not graded'."""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if v in (1, 2, 3, 4):
            return Grade(int(v))
        raise ValueError("expected a grade 1-4 or Outstanding/Good/Requires improvement/Inadequate")
    text = text_of(v)
    key = squash(text)
    if key in NO_GRADE_WORDS:
        return None
    if key in GRADE_WORDS:
        return GRADE_WORDS[key]
    for word, grade in _GRADE_PHRASES:
        if key.startswith(word):
            return grade
    raise ValueError("expected a grade: Outstanding, Good, Requires improvement (RI) or Inadequate")


_GRADE_PHRASES = sorted(
    ((w, g) for w, g in GRADE_WORDS.items() if len(w) >= 4), key=lambda p: -len(p[0])
)


def parse_kind(v: object) -> EventKind:
    """Event kind words (FV, MV, ILACS, JTAI, statutory direction...). Unknown words are OTHER."""
    key = squash(text_of(v))
    if not key:
        return EventKind.OTHER
    if key in KIND_WORDS:
        return KIND_WORDS[key]
    for word, kind in _KIND_PHRASES:
        if word in key:
            return kind
    return EventKind.OTHER


# Longest first, but a revocation wins ("statutory direction revoked" is not a new direction)
# and the bare word "inspection" loses ("JTAI inspection" is a JTAI, not a standard inspection).
_KIND_PHRASES = sorted(
    (
        (w, k)
        for w, k in KIND_WORDS.items()
        if (len(w) >= 6 or k is EventKind.JTAI) and k is not EventKind.OTHER
    ),
    key=lambda p: (p[1] is not EventKind.DIRECTION_REVOKED, p[0] == "inspection", -len(p[0])),
)


_DIRECTION_WORD = re.compile(r"[a-z]+")  # not _WORD: that name is the status phrases' word
_LOWER_WORDS = frozenset({"lower", "low", "less", "decrease", "decreasing", "down", "fewer", "reduce",
                          "reduction", "smaller", "below"})
_HIGHER_WORDS = frozenset({"higher", "high", "more", "increase", "increasing", "up", "greater",
                           "bigger", "above"})


def parse_polarity(v: object) -> Polarity | None:
    """Which direction is good news ('lower is better', 'High', '+'); None when blank."""
    text = text_of(v).strip()
    if not text:
        return None
    if text in ("+", "\u2191", "^"):
        return Polarity.HIGHER_IS_BETTER
    if text in ("-", "\u2193", "v"):
        return Polarity.LOWER_IS_BETTER
    key = squash(text)
    if key in POLARITY_WORDS:
        return POLARITY_WORDS[key]
    # The first direction word decides: "High is good, low is bad" is higher-is-better.
    for word in _DIRECTION_WORD.findall(text.casefold()):
        if word in _LOWER_WORDS:
            return Polarity.LOWER_IS_BETTER
        if word in _HIGHER_WORDS:
            return Polarity.HIGHER_IS_BETTER
    raise ValueError("expected a direction: 'higher is better', 'lower is better' or 'neutral'")

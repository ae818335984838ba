"""Cell values as researchers type them: numbers with codes, plain text, RAG, grade, event-kind and
direction words. (Dates and periods are read by io/dates.py.)

Every parser takes what a spreadsheet reader gives (str, float, int, bool, date, datetime, time,
timedelta or None) and returns the value, ``None`` for "nothing here", or raises ``ValueError``
whose message says what was expected.
"""

from __future__ import annotations

import itertools
import math
import re
from datetime import date, datetime

from bcpviewer.io.durations import describe, parse_duration
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

NUMBER_EXPECTED = "a number such as 37.4, 37.4% or 1,234 (or a code such as c, x, z, low)"


def is_blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())




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
        raise ValueError(_not_a_number(v))
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
        raise ValueError(_not_a_number(v))
    f = float(t)
    if not math.isfinite(f):
        raise ValueError(f"not a finite number; expected {NUMBER_EXPECTED}")
    return f, None


def _not_a_number(v: object) -> str:
    d = parse_duration(v)
    return f"{describe(d)}; expected a number" if d is not None else f"expected {NUMBER_EXPECTED}"


def parse_figure(v: object) -> tuple[float | None, str | None, str | None]:
    """A figure as ``(value, code, unit)``: ``parse_number``'s (value, code) with unit None, or a
    duration's size in its unit (``durations.MINUTES`` for hh:mm, ``DAYS`` for "12 days")."""
    d = parse_duration(v)
    if d is not None:
        return d.value, None, d.unit
    value, code = parse_number(v)
    return value, code, None


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

"""Durations in cells of figures: ``00:10`` / ``1:30:15`` (hours and minutes, seconds optional),
``12 days`` / ``3.5 days`` / ``1 day``, and the time or duration cells a spreadsheet reader gives for a
cell formatted ``h:mm`` or ``[h]:mm``.

A duration is read in one stated unit: hours and minutes in **minutes** (``00:10`` is 10 minutes,
``1:30`` is 90 minutes; whole minutes stay whole, with no rounding), days in **days**. The readers of
figures use ``values.parse_figure``; ``values.parse_number`` names a duration it cannot read rather than
calling it a bad number.

Text written ``N:MM`` is also how a ratio is written ("1:15"), so the readers of series take it as hours
and minutes only where the metric or its stated unit names a duration (``names_a_duration``,
``stated_unit``); a time or duration cell from a spreadsheet is a duration wherever it is.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from typing import NamedTuple

MINUTES, HOURS, DAYS = "minutes", "hours", "days"
HHMM = "hh:mm"  # a stated unit "hh:mm" / "h:mm": read in minutes
# the words a series' stated unit may use for each duration unit (compared squashed: "h:mm" is "hmm")
UNIT_WORDS = {MINUTES: frozenset({"minutes", "minute", "mins", "min", "m"}),
              HOURS: frozenset({"hours", "hour", "hrs", "hr", "h"}),
              DAYS: frozenset({"days", "day", "d"}),
              HHMM: frozenset({"hhmm", "hmm", "hhmmss", "hmmss"})}
_HHMM = re.compile(r"([+-]?)(\d{1,5}):([0-5]\d)(?::([0-5]\d(?:\.\d+)?))?")
_DAYS = re.compile(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*days?", re.IGNORECASE)


class Duration(NamedTuple):
    """A duration as read: its size in ``unit`` (MINUTES or DAYS) and how it was written."""

    value: float
    unit: str
    form: str  # "hh:mm", "days", "a time cell" or "a duration cell"


def parse_duration(v: object) -> Duration | None:
    """``v`` as a duration, or None when it is not written as one."""
    if isinstance(v, timedelta):
        return Duration(v.total_seconds() / 60, MINUTES, "a duration cell")
    if isinstance(v, time):
        return Duration(v.hour * 60 + v.minute + (v.second + v.microsecond / 1e6) / 60, MINUTES, "a time cell")
    if isinstance(v, datetime) or not isinstance(v, str):
        return None
    text = v.strip()
    if m := _HHMM.fullmatch(text):
        sign, hours, minutes, seconds = m.groups()
        size = int(hours) * 60 + int(minutes) + (float(seconds) / 60 if seconds else 0)
        return Duration(float(-size if sign == "-" else size), MINUTES, "hh:mm")
    if m := _DAYS.fullmatch(text):
        return Duration(float(m.group(1)), DAYS, "days")
    return None


def describe(d: Duration) -> str:
    """``a duration (a time cell)``, ``a duration in days``, or for text ``N:MM`` (which may as well be a
    ratio, "1:15") ``hh:mm or a ratio``: what a cell holds, for a problem's message."""
    if d.form == "hh:mm":
        return "written n:nn (hours and minutes, or a ratio)"
    return "a duration in days" if d.unit == DAYS else f"a duration ({d.form})"


def stated_unit(unit: str) -> str | None:
    """The duration unit (MINUTES, HOURS, DAYS or HHMM) a series' stated unit names, or None."""
    word = re.sub(r"[\W_]+", "", unit.casefold())
    return next((k for k, words in UNIT_WORDS.items() if word in words), None)


_DURATION_HEADER = re.compile(r"\b(time\s+(to|taken|for|between|from|in)|duration|durations|hours?|hrs|"
                              r"minutes?|mins|days?|wait|waiting|response\s+time|average\s+time|"
                              r"length\s+of)\b", re.IGNORECASE)


def names_a_duration(header: str) -> bool:
    """Does a column header name a duration ("Time to strategy meeting", "Days to adoption",
    "Average wait (hh:mm)")? A column of times under a bare "Time" is the time of day of an event."""
    return bool(_DURATION_HEADER.search(header))

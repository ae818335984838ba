"""Durations in cells of figures: ``00:10`` / ``1:30:15`` (hours and minutes, seconds optional),
``12 days`` / ``3.5 days`` / ``1 day``, and the time or duration cells a spreadsheet reader gives for a
cell formatted ``h:mm`` or ``[h]:mm``.

A duration is read in one stated unit: hours and minutes in **minutes** (``00:10`` is 10 minutes,
``1:30`` is 90 minutes; whole minutes stay whole, with no rounding), days in **days**. The readers of
figures use ``values.parse_figure``; ``values.parse_number`` names a duration it cannot read ("a
duration (hh:mm); expected a number") rather than calling it a bad number.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from typing import NamedTuple

MINUTES, DAYS = "minutes", "days"
# the words a series' stated unit may use for each duration unit
UNIT_WORDS = {MINUTES: frozenset({"minutes", "minute", "mins", "min", "m"}),
              DAYS: frozenset({"days", "day", "d"})}
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
    """``a duration (hh:mm)``, ``a duration in days``: what a cell holds, for a problem's message."""
    return "a duration in days" if d.unit == DAYS else f"a duration ({d.form})"


_DURATION_HEADER = re.compile(r"\b(time\s+(to|taken|for|between|from|in)|duration|durations|hours?|hrs|"
                              r"minutes?|mins|days?|wait|waiting|response\s+time|average\s+time|"
                              r"length\s+of)\b", re.IGNORECASE)


def names_a_duration(header: str) -> bool:
    """Does a column header name a duration ("Time to strategy meeting", "Days to adoption",
    "Average wait (hh:mm)")? A column of times under a bare "Time" is the time of day of an event."""
    return bool(_DURATION_HEADER.search(header))

"""Chronologies: rows become Events (inspections with grades, visits, directions, meetings)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from bcpviewer.io.columns import Reader
from bcpviewer.io.tables import Table
from bcpviewer.io.dates import parse_date, parse_due, parse_when
from bcpviewer.io.values import parse_grade, parse_kind
from bcpviewer.model.ids import content_id, unique_ids
from bcpviewer.model.records import Event, Origin, Problem
from bcpviewer.model.spans import PERIOD_PRECISIONS, Span, SpanKind
from bcpviewer.model.vocab import SUBJUDGEMENTS, EventKind, Grade

_DASH = r"\s*(?:-|\u2013|\u2014|to|until)\s*"
# "6-17 Dec 2021", "28 Jun-2 Jul 2021", "6 Dec 2021 - 17 Dec 2021", "21-22 February 2024"
_DAY_RANGE = re.compile(rf"^(\d{{1,2}}){_DASH}(\d{{1,2}}\s+[A-Za-z]+\.?\s+\d{{2,4}})$")
_DAY_MON_RANGE = re.compile(
    rf"^(\d{{1,2}}\s+[A-Za-z]+\.?){_DASH}(\d{{1,2}}\s+[A-Za-z]+\.?\s+\d{{2,4}})$"
)
_FULL_RANGE = re.compile(rf"^(.+?\d{{2,4}}){_DASH}(.+\d{{2,4}})$")


def parse_date_range(v: object) -> tuple[Span, date | None] | None:
    """A date, a period, or a range of days such as '6-17 Dec 2021': (start span, end or None)."""
    if isinstance(v, str):
        text = " ".join(v.split())
        if m := _DAY_RANGE.match(text):
            end = parse_date(m[2])
            assert end is not None
            return Span.day(_make(end, int(m[1]), end.month, end.year)), end
        if m := _DAY_MON_RANGE.match(text):
            end = parse_date(m[2])
            first = parse_date(f"{m[1]} {end.year if end else ''}")
            if end and first:
                year = end.year - 1 if first > end else end.year
                return Span.day(first.replace(year=year)), end
        if (m := _FULL_RANGE.match(text)) and not _single(text):
            first_span, end = parse_when(m[1]), parse_due(m[2])
            if first_span is not None and end is not None and end >= first_span.start:
                return first_span, end
    span = parse_when(v)
    return None if span is None else (span, None)


def _single(text: str) -> bool:
    try:
        parse_when(text)
    except ValueError:
        return False
    return True


def _make(ref: date, day: int, month: int, year: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{ref:%B %Y} has no day {day}") from None


def read_events(table: Table) -> tuple[list[Event], list[Problem]]:
    r = Reader(table)
    blank = r.blank_rows()
    titles = r.texts("title")
    kinds_text = r.texts("kind")
    dates = r.parse("date", parse_date_range, skip=blank)
    ends = r.parse("end", parse_due, skip=blank)
    published = r.parse("published", parse_date, skip=blank)
    themes, leads = r.texts("theme"), r.texts("lead")
    sources, notes, ids = r.texts("source"), r.texts("notes"), r.texts("id")
    grades = {k: r.parse(k, parse_grade, skip=blank) for k, _ in SUBJUDGEMENTS if k in table.columns}
    outcomes = r.texts("outcome")
    date_col = table.columns["date"]

    events: list[Event] = []
    for i in range(len(r)):
        if i in blank:
            continue
        if not titles[i] and not kinds_text[i]:
            r.problem(i, table.columns.get("title", table.columns.get("kind")), "",
                      "row skipped: it has no title")
            continue
        if dates[i] is None:
            raw = r.rows[i][date_col] if date_col < len(r.rows[i]) else ""
            if raw in ("", None):
                r.problem(i, date_col, "", "row skipped: it has no date")
            continue  # an unreadable date was reported when the column was parsed
        span, range_end = dates[i]
        end = ends[i] or range_end
        if end is not None and end < span.start:
            r.problem(i, table.columns.get("end"), end.isoformat(),
                      "the end date is before the start date; the end is ignored")
            end = None
        kind = parse_kind(kinds_text[i]) if kinds_text[i] else parse_kind(titles[i])
        # a date known only to a month, quarter or year keeps that precision ("Q3 2022/23", "2022/23")
        precision = span.kind if span.kind in PERIOD_PRECISIONS else SpanKind.DAY
        title = titles[i] or (kind.label if kind is not EventKind.OTHER else kinds_text[i])
        events.append(
            Event(
                id=ids[i] or content_id("E", kind.value, span.start.isoformat(), title),
                kind=kind,
                title=title,
                start=span.start,
                end=end if end != span.start else None,
                published=published[i],
                kind_text=kinds_text[i],
                theme=themes[i] or None,
                lead=leads[i] or None,
                grades=_with_outcome({k: g[i] for k, g in grades.items() if g[i] is not None},
                                     outcomes[i]),
                source=sources[i] or None,
                notes=_outcome_note(notes[i], outcomes[i]) or None,
                origin=Origin(r.grid.file, r.grid.sheet, r.row_number(i)),
                precision=precision,
            )
        )
    new_ids = unique_ids([e.id for e in events])
    events = [e if e.id == n else replace(e, id=n) for e, n in zip(events, new_ids, strict=True)]
    return events, r.problems


def _outcome_grade(text: str) -> Grade | None:
    """An outcome that is a grade ("Inadequate", "RI"), else None (words such as "Letter")."""
    if not text:
        return None
    try:
        return parse_grade(text)
    except ValueError:
        return None


def _with_outcome(grades: dict[str, Grade], outcome: str) -> dict[str, Grade]:
    """An outcome column's grade is the overall judgement when no other column gives one."""
    g = _outcome_grade(outcome)
    if g is not None and "overall" not in grades:
        grades["overall"] = g
    return grades


def _outcome_note(notes: str, outcome: str) -> str:
    """An outcome in words (not a grade) is kept with the notes."""
    if not outcome or _outcome_grade(outcome) is not None:
        return notes
    return f"{notes}\nOutcome: {outcome}" if notes else f"Outcome: {outcome}"

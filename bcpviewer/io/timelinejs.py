"""Knight Lab TimelineJS timelines: the spreadsheet template (CSV or XLSX: Year, Month, Day, ...,
Headline, Text, Media, Type, Group) and the JSON formats (v2: root "timeline" with a "date" list;
v3: "events", "eras", "title"). Entries become events, Group their lane, Type "era" a shaded span;
HTML in text becomes plain text."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from bcpviewer.io.dates import MAX_YEAR, MIN_YEAR
from bcpviewer.io.errors import LoadError
from bcpviewer.io.grid import Grid
from bcpviewer.io import jsonfile
from bcpviewer.io.values import parse_kind, text_of
from bcpviewer.model.ids import content_id, unique_ids
from bcpviewer.model.records import Dataset, EraSpan, Event, Origin, Problem
from bcpviewer.model.spans import Span, month_end
from bcpviewer.model.vocab import squash

MAX_JSON_BYTES = 64_000_000
HEADER_SCAN_ROWS = 10
# squashed header -> field
COLUMNS = {
    "year": "year", "startyear": "year", "month": "month", "startmonth": "month",
    "day": "day", "startday": "day", "time": "time", "starttime": "time",
    "endyear": "end_year", "endmonth": "end_month", "endday": "end_day", "endtime": "end_time",
    "displaydate": "display_date", "headline": "headline", "title": "headline",
    "text": "text", "description": "text", "media": "media", "mediaurl": "media",
    "mediafilename": "media", "mediacredit": "media_credit", "mediacaption": "media_caption",
    "type": "type", "group": "group", "tag": "group", "id": "id", "uniqueid": "id",
}
_BLOCK_END = re.compile(r"<\s*br\s*/?\s*>|</\s*(?:p|div|li|blockquote|h[1-6])\s*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_INT = re.compile(r"^[+-]?\d+(?:\.0*)?$")


def line(text: object) -> str:
    """HTML as one line of plain text (a headline, a group)."""
    return " ".join(plain(text).splitlines())


def plain(text: object) -> str:
    """HTML as plain text: tags dropped (line breaks kept), entities decoded; never markup."""
    if text is None:
        return ""
    s = text if isinstance(text, str) else text_of(text)
    if "<" in s:
        s = _TAG.sub("", _BLOCK_END.sub("\n", s))
    s = html.unescape(s)
    lines = (_SPACES.sub(" ", ln).strip() for ln in s.splitlines())
    return "\n".join(ln for ln in lines if ln)


@dataclass
class Entry:
    """One slide of a timeline, whatever format it came from, with where it was read."""

    number: int  # row number (sheets) or position in the list (JSON), 1-based
    sheet: str | None
    start: tuple[object, object, object]  # year, month, day as given
    end: tuple[object, object, object]
    headline: str = ""
    text: str = ""
    media: str = ""
    credit: str = ""
    kind: str = ""  # TimelineJS Type: "title", "era" or blank
    group: str = ""
    display_date: str = ""
    uid: str = ""
    columns: tuple[str, str] = ("Year", "End Year")  # how the start and end are named in messages


# -- spreadsheets --------------------------------------------------------------------------------
@dataclass
class TimelineSheet:
    grid: Grid
    header_row: int
    columns: dict[str, int]


def find(grid: Grid) -> TimelineSheet | None:
    """A TimelineJS sheet: a header with Year and Headline (or Title) and Month, Day or Text."""
    for i, row in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        columns: dict[str, int] = {}
        for j, cell in enumerate(row):
            f = COLUMNS.get(squash(cell)) if isinstance(cell, str) else None
            if f is not None and f not in columns:
                columns[f] = j
        if "year" in columns and "headline" in columns and (
            {"month", "day", "text", "display_date", "end_year"} & columns.keys()
        ):
            return TimelineSheet(grid, i, columns)
    return None


def read_sheet(sheet: TimelineSheet, path: str) -> Dataset:
    grid, cols = sheet.grid, sheet.columns

    def get(row: list[object], field: str) -> object:
        j = cols.get(field)
        return row[j] if j is not None and j < len(row) else ""

    entries = []
    for i in range(sheet.header_row + 1, len(grid.rows)):
        row = grid.rows[i]
        if not any(text_of(c) for c in row):
            continue
        entries.append(Entry(
            number=grid.row_number(i), sheet=grid.sheet,
            start=(get(row, "year"), get(row, "month"), get(row, "day")),
            end=(get(row, "end_year"), get(row, "end_month"), get(row, "end_day")),
            headline=line(get(row, "headline")), text=plain(get(row, "text")),
            media=text_of(get(row, "media")), credit=plain(get(row, "media_credit")),
            kind=text_of(get(row, "type")).lower(), group=line(get(row, "group")),
            display_date=line(get(row, "display_date")), uid=text_of(get(row, "id")),
            columns=(_label(grid, sheet, "year"), _label(grid, sheet, "end_year")),
        ))
    return build(entries, grid.file, path)


def _label(grid: Grid, sheet: TimelineSheet, field: str) -> str:
    j = sheet.columns.get(field)
    if j is None:
        return field.replace("_", " ").title()
    return f"{grid.column_name(j)} ({text_of(grid.rows[sheet.header_row][j])})"


# -- JSON ----------------------------------------------------------------------------------------
def read_json(path: Path) -> Dataset:
    """A TimelineJS JSON file (v2 or v3). LoadError in one sentence when it is not one."""
    found = jsonfile.read_json(path, MAX_JSON_BYTES, "JSON file", "a timeline is far smaller; check the file")
    data, name = found.data, path.name
    if isinstance(data, dict) and isinstance(data.get("timeline"), dict):
        return _repaired(_v2(data["timeline"], name, str(path)), name, found.repaired)
    if isinstance(data, dict) and isinstance(data.get("events"), list):
        return _repaired(_v3(data, name, str(path)), name, found.repaired)
    raise LoadError(
        str(path),
        "This JSON file is not a TimelineJS timeline (it has neither an \"events\" list nor a "
        "\"timeline\" with dates): open a TimelineJS JSON file, a spreadsheet or a CSV file.",
    )


def _repaired(data: Dataset, name: str, count: int) -> Dataset:
    """The dataset with a problem saying how many characters were replaced, when any were."""
    if not count:
        return data
    problem = Problem(name, None, None, None, "\ufffd",
                      f"{count:,} character{'s' if count != 1 else ''} that no text file can hold (a "
                      "lone surrogate escape such as \\ud800) were replaced with \ufffd")
    return replace(data, problems=(*data.problems, problem))


def _dict(v: object) -> Mapping[str, object]:
    return v if isinstance(v, dict) else {}


def _list(v: object) -> list[object]:
    return v if isinstance(v, list) else []


def _str(v: object) -> str:
    if isinstance(v, str):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return text_of(v)
    return ""


def _v2_parts(v: object) -> tuple[object, object, object]:
    """'2011,12,12', '1896,9,10,12,06', '1899' (or a number) as (year, month, day)."""
    parts = [p.strip() for p in _str(v).split(",")]
    parts += [""] * (3 - len(parts))
    return parts[0], parts[1], parts[2]


def _v2(tl: Mapping[str, object], name: str, path: str) -> Dataset:
    entries: list[Entry] = []
    for n, raw in enumerate(_list(tl.get("date")), start=1):
        d = _dict(raw)
        asset = _dict(d.get("asset"))
        entries.append(Entry(
            number=n, sheet=None, start=_v2_parts(d.get("startDate")), end=_v2_parts(d.get("endDate")),
            headline=line(_str(d.get("headline"))), text=plain(_str(d.get("text"))),
            media=_str(asset.get("media")), credit=plain(_str(asset.get("credit"))),
            kind=_str(d.get("type")).lower() if _str(d.get("type")).lower() == "era" else "",
            group=line(_str(d.get("tag"))), uid=_str(d.get("id")),
            columns=("startDate", "endDate"),
        ))
    for n, raw in enumerate(_list(tl.get("era")), start=1):
        d = _dict(raw)
        entries.append(Entry(
            number=n, sheet="era", start=_v2_parts(d.get("startDate")), end=_v2_parts(d.get("endDate")),
            headline=line(_str(d.get("headline"))), text=plain(_str(d.get("text"))), kind="era",
            columns=("startDate", "endDate"),
        ))
    title = line(_str(tl.get("headline")))
    return build(entries, name, path, title=title)


def _v3_parts(v: object) -> tuple[object, object, object]:
    d = _dict(v)
    return d.get("year", ""), d.get("month", ""), d.get("day", "")


def _v3_entry(n: int, sheet: str | None, d: Mapping[str, object], kind: str = "") -> Entry:
    text, media = _dict(d.get("text")), _dict(d.get("media"))
    display = _str(d.get("display_date")) or _str(_dict(d.get("start_date")).get("display_date"))
    return Entry(
        number=n, sheet=sheet, start=_v3_parts(d.get("start_date")), end=_v3_parts(d.get("end_date")),
        headline=line(_str(text.get("headline"))), text=plain(_str(text.get("text"))),
        media=_str(media.get("url")), credit=plain(_str(media.get("credit"))),
        kind=kind or _str(d.get("type")).lower(), group=line(_str(d.get("group"))),
        display_date=line(display), uid=_str(d.get("unique_id")),
        columns=("start_date", "end_date"),
    )


def _v3(data: Mapping[str, object], name: str, path: str) -> Dataset:
    entries = [_v3_entry(n, None, _dict(d)) for n, d in enumerate(_list(data.get("events")), start=1)]
    entries += [_v3_entry(n, "eras", _dict(d), "era") for n, d in enumerate(_list(data.get("eras")), start=1)]
    title = line(_str(_dict(_dict(data.get("title")).get("text")).get("headline")))
    return build(entries, name, path, title=title)


# -- entries to records ----------------------------------------------------------------------------
class _Bad(ValueError):
    """A date part that cannot be used, with what was wrong."""


def _int_part(v: object, what: str) -> int | None:
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        if isinstance(v, float) and not v.is_integer():
            raise _Bad(f"the {what} {text_of(v)} is not a whole number")
        return int(v)
    s = str(v).strip()
    if not s:
        return None
    if not _INT.match(s) or len(s) > 24:
        raise _Bad(f"the {what} {s!r} is not a number")
    return int(float(s)) if "." in s else int(s)


def _when(parts: tuple[object, object, object]) -> Span | None:
    """The span a (year, month, day) names: the year, the month or the day; None when blank."""
    y, m, d = (_int_part(parts[0], "year"), _int_part(parts[1], "month"), _int_part(parts[2], "day"))
    if y is None:
        if m is not None or d is not None:
            raise _Bad("a month or day is given without a year")
        return None
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise _Bad(f"year {y} is outside {MIN_YEAR}-{MAX_YEAR}, the dates this app shows")
    if m is None:
        if d is not None:
            raise _Bad("a day is given without a month")
        return Span.year(y)
    if not 1 <= m <= 12:
        raise _Bad(f"there is no month {m}")
    if d is None:
        return Span.month(y, m)
    last = month_end(y, m).day
    if not 1 <= d <= last:
        raise _Bad(f"{date(y, m, 1):%B %Y} has no day {d}")
    return Span.day(date(y, m, d))


def build(entries: list[Entry], file: str, path: str, *, title: str = "") -> Dataset:
    """Events and eras from the entries; every entry that cannot be placed is a Problem."""
    events: list[Event] = []
    eras: list[EraSpan] = []
    problems: list[Problem] = []
    titles = [title] if title else []
    for e in entries:
        if e.kind == "title":
            if e.headline:
                titles.append(e.headline)
            continue
        what = "era" if e.kind == "era" else "entry"

        def problem(column: str, value: object, message: str, e: Entry = e) -> None:
            problems.append(Problem(file, e.sheet, e.number, column, text_of(value), message))

        try:
            span = _when(e.start)
        except _Bad as bad:
            problem(e.columns[0], _show(e.start), f"{bad}; this {what} was not read")
            continue
        if span is None:
            if e.headline or e.text:
                problem(e.columns[0], "", f"this {what} has no year; it was not read")
            continue
        try:
            end_span = _when(e.end)
        except _Bad as bad:
            problem(e.columns[1], _show(e.end), f"{bad}; the end is ignored")
            end_span = None
        end = end_span.end if end_span is not None else None
        if end is not None and end < span.start:
            problem(e.columns[1], _show(e.end), "the end is before the start; the end is ignored")
            end = None
        headline = e.headline or e.display_date or span.label
        if e.kind == "era":
            eras.append(EraSpan(headline, span.start, end or span.end, e.text or None,
                                Origin(file, e.sheet, e.number)))
            continue
        precision = span.kind  # DAY, MONTH or YEAR: no more precise than the timeline says
        notes = [e.text] if e.text else []
        if e.display_date:
            notes.append(f"Dated in the timeline as: {e.display_date}")
        if e.credit:
            notes.append(f"Media credit: {e.credit}")
        kind = parse_kind(headline)
        events.append(Event(
            id=e.uid or content_id("E", "timelinejs", span.start.isoformat(), headline),
            kind=kind,
            title=headline,
            start=span.start,
            end=end if end is not None and end != span.start else None,
            kind_text="",
            theme=e.group or None,
            source=e.media if e.media.lower().startswith(("http://", "https://")) else None,
            notes="\n".join(notes) or None,
            origin=Origin(file, e.sheet, e.number),
            precision=precision,
            lane=e.group or None,
        ))
    new_ids = unique_ids([ev.id for ev in events])
    events = [ev if ev.id == n else replace(ev, id=n) for ev, n in zip(events, new_ids, strict=True)]
    notes = tuple(f"TimelineJS timeline: {t}" for t in titles[:1])
    if not events and not eras and not problems:
        problems.append(Problem(file, None, None, None, "", "the timeline has no dated entries"))
    return Dataset(events=tuple(events), problems=tuple(problems), files=(path,), notes=notes,
                   eras=tuple(eras))


def _show(parts: tuple[object, object, object]) -> str:
    return "-".join(text_of(p) for p in parts if text_of(p))

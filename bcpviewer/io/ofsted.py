"""Ofsted outcome tables: one row per council inspection or visit (fieldwork dates, publication
date, framework, inspector, grades), as Ofsted publishes them and analysts re-share them, turned
into graded events for one council. Found by their headers, below any title rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from bcpviewer.io import neighbours as sn
from bcpviewer.io.grid import Grid
from bcpviewer.io.tables import match_header
from bcpviewer.io.dates import parse_date
from bcpviewer.io.values import parse_grade, parse_kind, text_of
from bcpviewer.model.ids import content_id, unique_ids
from bcpviewer.model.records import Dataset, Event, Origin, Problem
from bcpviewer.model.vocab import EventKind, squash

HEADER_SCAN_ROWS = 40
GRADE_FIELDS = ("overall", "leaders", "help_protection", "in_care", "care_leavers")
# Cells that say a sub-judgement was not made (not yet part of the framework, or not applicable)
NOT_GRADED = frozenset(squash(w) for w in (
    "inspection_pre_dates_judgement", "[z]", "z", "[x]", "x", "not applicable", "not graded",
    "not judged", "n/a", "na", "-", "[c]", ":"))

# Squashed headers, exact.
_EXACT = {
    "council": {"localauthority", "la", "laname", "localauthorityname", "authority", "council",
                "localauthorityla", "nameoflocalauthority", "provider", "providername"},
    "urn": {"urn", "laurn", "uniquereferencenumber"},
    "code": {"lacode", "oldlacode", "lanumber", "lanum", "lacodeold", "dfelacode", "lano"},
    "new_code": {"newlacode", "onscode", "lacodenew", "gsscode", "onslacode"},
    "type": {"inspectionframework", "framework", "inspectiontype", "visittype", "typeofvisit",
             "eventtype", "type", "typeofinspection", "inspectionorvisittype", "inspectionvisittype",
             "typeofinspectionorvisit", "eventtypeinspectiontype"},
    "inspector": {"inspectorname", "leadinspector", "inspector", "hmi", "leadinspectorname"},
    "link": {"inspectionlink", "link", "url", "reportlink", "weblink", "reporturl", "letterlink"},
    "theme": {"focus", "theme", "visitfocus", "focusofvisit", "areaofpractice", "themeofvisit",
              "focusofthevisit", "areasofpracticeconsidered"},
}
_START_WORDS = ("startdate", "fieldworkstart", "inspectionstart", "visitstart", "firstday",
                "dateofvisit", "visitdate", "inspectiondate", "dateofinspection")
_END_WORDS = ("enddate", "fieldworkend", "inspectionend", "visitend", "lastday")
_PUBLISHED_WORDS = ("publicationdate", "datepublished", "published", "reportpublished",
                    "publishdate", "letterpublished")


def _grade_field(key: str) -> str | None:
    """Which sub-judgement a squashed grade header names (long official wording included)."""
    if "overalleffectiveness" in key or key in ("overall", "overallgrade", "overalljudgement"):
        return "overall"
    if "impactofleaders" in key or key in ("leadership", "leaders", "leadersgrade"):
        return "leaders"
    if "helpandprotection" in key or "helpprotection" in key:
        return "help_protection"
    if "childrenincareandcareleavers" in key or "childrenlookedafter" in key:
        return "in_care"
    if "careleavers" in key:
        return "care_leavers"
    if "incare" in key:
        return "in_care"
    return None


def field_of(cell: object) -> str | None:
    """The field an Ofsted table's header cell names, or None."""
    if not isinstance(cell, str):
        return None
    key = squash(cell)
    if not key or len(key) > 160:
        return None
    for f, words in _EXACT.items():
        if key in words:
            return f
    grade = _grade_field(key)
    if grade is not None and ("grade" in key or "judgement" in key or "effectiveness" in key
                              or "experiences" in key or "impact" in key or len(key) < 40):
        return grade
    if key.endswith(_PUBLISHED_WORDS) or key.startswith(_PUBLISHED_WORDS):
        return "published"
    if any(w in key for w in _END_WORDS):
        return "end"
    if any(w in key for w in _START_WORDS) or key in ("date", "start", "fieldworkdates"):
        return "start"
    return None


@dataclass
class OfstedTable:
    """A located outcomes table: its header row and the column of each field."""

    grid: Grid
    header_row: int
    columns: dict[str, int]
    context: str  # the sheet name and title rows: "Focused visits", "Monitoring visits"...

    @property
    def graded(self) -> bool:
        return any(g in self.columns for g in GRADE_FIELDS)


def find(grid: Grid) -> OfstedTable | None:
    """The outcomes table on a sheet: a header naming the council, a date, and grades, a
    framework or a URN; None when the sheet is something else."""
    for i, row in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        columns: dict[str, int] = {}
        for j, cell in enumerate(row):
            f = field_of(cell)
            if f is not None and f not in columns:
                columns[f] = j
        if "council" not in columns or "start" not in columns:
            continue
        if any(match_header("events", cell) == "title" for cell in row):
            continue  # a chronology that happens to name the council: the events reader's
        if not ({"type", "urn", "published"} & columns.keys() or any(g in columns for g in GRADE_FIELDS)):
            continue
        titles = [text_of(c) for r in grid.rows[:i] for c in r if text_of(c)]
        context = " ".join([grid.sheet or "", *titles])
        return OfstedTable(grid, i, columns, context)
    return None


def _name_matcher(council: str) -> Callable[[str, str, str, str], bool]:
    """Does a row (name, urn, old code, new code) belong to ``council`` (a code, URN or name)?"""
    want = council.strip()
    code = sn.find_code(want)
    keys = {sn.council_key(want)} - {""}
    if code is not None:
        keys |= {sn.council_key(n) for n in sn.names_of(code)}

    def matches(name: str, urn: str, old: str, new: str) -> bool:
        if want in (urn, old, new) and want:
            return True
        if code is not None and old == code:
            return True
        return bool(keys) and sn.council_key(name) in keys

    return matches


def council_key_of(name: str) -> str:
    """One key per council however a table spells it (its old LA code when known)."""
    return sn.find_code(name) or sn.council_key(name)


def councils_in(table: OfstedTable) -> list[sn.Council]:
    """The councils a table lists, by name: with their old LA code when it is known (so one
    remembered choice serves DfE and Ofsted files), else their URN or name."""
    out: dict[str, sn.Council] = {}
    for row in table.grid.rows[table.header_row + 1:]:
        name = _cell(row, table.columns.get("council"))
        if not name:
            continue
        code = _cell(row, table.columns.get("code")) or sn.find_code(name) or \
            _cell(row, table.columns.get("urn")) or name
        if code not in out:
            known = sn.council_name(code)
            out[code] = sn.Council(code, known or _title(name))
    return sorted(out.values(), key=lambda c: c.name.casefold())


def _title(name: str) -> str:
    """'bournemouth, christchurch & poole' as a reader writes it."""
    if name != name.lower():
        return name
    small = {"and", "of", "upon", "on", "the", "&"}
    return " ".join(w if (k and w in small) else w[:1].upper() + w[1:]
                    for k, w in enumerate(name.split(" ")))


def _cell(row: list[object], j: int | None) -> str:
    if j is None or j >= len(row):
        return ""
    return text_of(row[j])


def names_in(table: OfstedTable) -> set[str]:
    """The councils' names as the table writes them."""
    col = table.columns["council"]
    return {_cell(r, col) for r in table.grid.rows[table.header_row + 1:]} - {""}


def read(table: OfstedTable, path: str, council: str | None, *, one_council: bool | None = None) -> Dataset:
    """Events of ``council`` from the table; without one, every row when the file holds one
    council only (``one_council``; by default, this table), else none, with a note to choose."""
    grid, cols = table.grid, table.columns
    rows = grid.rows[table.header_row + 1:]
    problems: list[Problem] = []
    council = (council or "").strip()
    names = names_in(table)
    if one_council is None:
        one_council = len(names) <= 1
    if council:
        matches = _name_matcher(council)
        keep = [i for i, r in enumerate(rows)
                if matches(_cell(r, cols["council"]), _cell(r, cols.get("urn")),
                           _cell(r, cols.get("code")), _cell(r, cols.get("new_code")))]
        if not keep:
            problems.append(Problem(grid.file, grid.sheet, None, None, council,
                                    "no council with this code, URN or name in the Ofsted table"))
            return Dataset(problems=tuple(problems), files=(path,))
    elif one_council:
        keep = list(range(len(rows)))
    else:
        note = (f"Ofsted outcomes for {len(names)} council{'s' if len(names) != 1 else ''}{_on(grid)}: "
                "choose a council (for example --council 839, or its name) to see its inspections")
        return Dataset(files=(path,), notes=(note,))

    context_kind = parse_kind(table.context) if table.context else EventKind.OTHER
    events: list[Event] = []
    for i in keep:
        row = rows[i]
        if not any(text_of(c) for c in row):
            continue
        event = _event(table, row, grid.row_number(table.header_row + 1 + i), context_kind, problems)
        if event is not None:
            events.append(event)
    new_ids = unique_ids([e.id for e in events])
    events = [e if e.id == n else replace(e, id=n) for e, n in zip(events, new_ids, strict=True)]
    return Dataset(events=tuple(events), problems=tuple(problems), files=(path,))


def _on(grid: Grid) -> str:
    return f" on sheet '{grid.sheet}'" if grid.sheet else ""


def _event(table: OfstedTable, row: list[object], number: int, context_kind: EventKind,
           problems: list[Problem]) -> Event | None:
    grid, cols = table.grid, table.columns

    def problem(field: str, value: object, message: str) -> None:
        j = cols.get(field)
        header = text_of(grid.rows[table.header_row][j]) if j is not None else ""
        column = f"{grid.column_name(j)} ({header})" if j is not None else None
        problems.append(Problem(grid.file, grid.sheet, number, column, text_of(value), message))

    def when(field: str):
        j = cols.get(field)
        raw = row[j] if j is not None and j < len(row) else ""
        try:
            return parse_date(raw)
        except ValueError as e:
            problem(field, raw, str(e))
            return None

    start = when("start")
    if start is None:
        j = cols["start"]
        raw = row[j] if j < len(row) else ""
        if text_of(raw) == "":
            problem("start", "", "row skipped: it has no inspection or visit start date")
        return None
    end, published = when("end"), when("published")
    if end is not None and end < start:
        problem("end", end.isoformat(), "the end date is before the start date; the end is ignored")
        end = None
    grades = {}
    for g in GRADE_FIELDS:
        j = cols.get(g)
        if j is None or j >= len(row):
            continue
        if squash(text_of(row[j])) in NOT_GRADED:
            continue
        try:
            grade = parse_grade(row[j])
        except ValueError as e:
            problem(g, row[j], str(e))
            continue
        if grade is not None:
            grades[g] = grade
    type_text = _cell(row, cols.get("type"))
    kind = parse_kind(type_text) if type_text else EventKind.OTHER
    if kind is EventKind.OTHER:
        kind = context_kind
    if kind is EventKind.OTHER and (grades or table.graded):
        kind = EventKind.STANDARD_INSPECTION
    name = _cell(row, cols["council"])
    theme = _cell(row, cols.get("theme")) or None
    title = _event_title(kind, type_text, theme)
    urn = _cell(row, cols.get("urn"))
    link = _cell(row, cols.get("link")) or None
    return Event(
        id=content_id("E", "ofsted", urn or sn.council_key(name), kind.value, start.isoformat()),
        kind=kind,
        title=title,
        start=start,
        end=end if end != start else None,
        published=published,
        kind_text=type_text,
        theme=theme,
        lead=_cell(row, cols.get("inspector")) or None,
        grades=grades,
        source=link,
        notes=f"Ofsted outcomes table: {_title(name)}" + (f", URN {urn}" if urn else ""),
        origin=Origin(grid.file, grid.sheet, number),
    )


def _event_title(kind: EventKind, type_text: str, theme: str | None) -> str:
    if kind in (EventKind.STANDARD_INSPECTION, EventKind.SHORT_INSPECTION):
        base = f"ILACS {kind.label.lower()}"
    elif kind is EventKind.OTHER:
        base = f"Ofsted {type_text}" if type_text else "Ofsted inspection or visit"
    else:
        base = kind.label
    return f"{base}: {theme}" if theme else base

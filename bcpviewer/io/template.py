"""Write a workbook in the app's own layout: the blank template, or the bundled sample with rows."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from bcpviewer.io.atomic import write_atomic
from bcpviewer.io.layout import FIELDS, KINDS, SHEET_NAMES, Field
from bcpviewer.io.xlsx_cells import put
from bcpviewer.model.vocab import SUBJUDGEMENTS, EventKind

STATUS_CHOICES = ("Red", "Amber", "Green", "Blue", "Complete", "Not started")
GRADE_CHOICES = ("Outstanding", "Good", "Requires improvement", "Inadequate")
POLARITY_CHOICES = ("higher is better", "lower is better", "neutral")
KIND_CHOICES = tuple(k.label for k in EventKind)

DATE_FORMAT = "dd/mm/yyyy"
VALIDATED_ROWS = 2000  # drop-down lists and formats reach at least this row

# Date columns of each kind (get the UK date format).
DATE_FIELDS: dict[str, frozenset[str]] = {
    "actions": frozenset({"start", "due", "revised_due", "completed", "status_date"}),
    "events": frozenset({"date", "end", "published"}),
    "metrics": frozenset({"period", "target_date"}),
    "sources": frozenset({"published"}),
}

# (title on the Lists sheet, choices); (kind, field) -> the list it draws from.
_LISTS: dict[str, tuple[str, ...]] = {
    "Status": STATUS_CHOICES,
    "Grade": GRADE_CHOICES,
    "Event type": KIND_CHOICES,
    "Polarity": POLARITY_CHOICES,
}
_LIST_OF: dict[tuple[str, str], str] = {
    ("actions", "status"): "Status",
    ("actions", "impact"): "Status",
    ("events", "kind"): "Event type",
    ("metrics", "polarity"): "Polarity",
    **{("events", key): "Grade" for key, _label in SUBJUDGEMENTS},
}

_SHEET_HELP = {
    "actions": "One row per improvement-plan action, or per status update of an action (see "
    "'Status history' above). A row needs at least the action (what will be done) and its "
    "due date.",
    "events": "One row per dated event: inspections and visits with their grades, directions, "
    "adviser reports, committee meetings, press reports. A row needs a date and a title.",
    "metrics": "One row per figure: one metric in one period, with England, regional and "
    "statistical-neighbour figures beside it if you have them. A row needs Metric, Period and "
    "Value.",
    "sources": "One row per document that facts come from, with the ID you type in the Source "
    "columns of the other sheets.",
}

# Plain-English help for columns whose layout Field carries none.
_EXTRA_HELP: dict[tuple[str, str], str] = {
    ("actions", "notes"): "Anything else: the latest progress update, why it slipped.",
    ("events", "id"): "Your reference for the event (optional).",
    ("events", "end"): "The last day of fieldwork, for inspections and visits that lasted more "
    "than a day.",
    ("events", "published"): "When the report or letter was published (usually 6-8 weeks after "
    "fieldwork).",
    ("events", "title"): "A short headline: 'Monitoring visit 2: children in need'.",
    ("events", "theme"): "The focus of a visit, or the area an event is about.",
    ("events", "lead"): "The lead inspector (HMI), or the adviser or person leading.",
    ("events", "overall"): "Ofsted's overall effectiveness grade: Outstanding, Good, Requires "
    "improvement or Inadequate. Leave blank when the event has no grade.",
    ("events", "leaders"): "The grade for the impact of leaders.",
    ("events", "help_protection"): "The grade for the experiences and progress of children who "
    "need help and protection.",
    ("events", "in_care"): "The grade for children in care (before 2023 this was one judgement: "
    "children in care and care leavers; put it here).",
    ("events", "care_leavers"): "The grade for care leavers (judged separately since "
    "January 2023).",
    ("events", "source"): "The ID of the source on the Sources sheet (such as S1), or a link.",
    ("events", "notes"): "Anything else, including doubts: 'date not found', 'sources disagree'.",
    ("metrics", "metric"): "The name of the measure. Use exactly the same name on every row of "
    "one measure, and in the Metric column of the Actions sheet.",
    ("metrics", "unit"): "What the number counts: %, per 10,000 children, cases per social worker.",
    ("metrics", "england"): "The England figure for the same period.",
    ("metrics", "region"): "The regional figure for the same period (you may head this column "
    "with the region's name, such as South West).",
    ("metrics", "neighbours"): "The statistical neighbours' figure (say in Notes whether it is "
    "the median or the average, and which model).",
    ("metrics", "target"): "The council's target for this measure, if it has one.",
    ("metrics", "target_date"): "When the target should be met.",
    ("metrics", "polarity"): "Which way is better: higher is better, lower is better, or neutral "
    "(for measures of demand with no better direction).",
    ("metrics", "theme"): "A group for the measure: Workforce, Children in care, Care leavers...",
    ("metrics", "source"): "The ID of the source on the Sources sheet (such as S1), or a link.",
    ("metrics", "release"): "Which publication (vintage) the figure came from: official figures "
    "are revised in later releases.",
    ("metrics", "notes"): "Anything else about the figure.",
    ("sources", "id"): "A short ID such as S1, typed in the Source columns of the other sheets.",
    ("sources", "title"): "The document's title: report, letter, committee paper, article.",
    ("sources", "url"): "A web address, if it has a stable one.",
    ("sources", "publisher"): "Who published it: Ofsted, DfE, the council, a newspaper.",
    ("sources", "published"): "When it was published.",
    ("sources", "notes"): "Anything else: where to find it, what it says.",
}

_GENERAL_HELP: tuple[tuple[str, str], ...] = (
    ("Sheets", "Fill in the Actions, Events, Metrics and Sources sheets; leave a sheet empty if "
     "you have nothing for it. Keep the headings in row 1. The app finds columns by their "
     "headings, so you may reorder them; columns it does not recognise are not read."),
    ("Dates", "Type dates day first, UK style: 31/03/2024 or 31 Mar 2024. 03/04/2024 is "
     "3 April, never 4 March. If you only know the month or the year, type that: Nov 2019, 2020, "
     "2021/22 (a financial year) or Q3 2023/24 (a quarter)."),
    ("Due dates", "A month or other period in a due-date column means its last day: 'Mar 2023' "
     "is due by 31 March 2023."),
    ("Gaps and codes", "Official statistics print codes instead of numbers: c (confidential), "
     "x (not available), z (not applicable), k (rounds to zero), u (low reliability), low. Type "
     "the code as printed: the app keeps it as a gap, never as zero."),
    ("Status history", "To record how an action's status changed over time, repeat the action "
     "on another row with the same ID and a different 'As at' date. Those rows together are its "
     "history; the row with the latest 'As at' date is its current status."),
    ("Drop-down lists", "Status, Impact, Type, the grade columns and Polarity offer drop-down "
     "lists. Other words the app understands (R, A, G, On track, RI...) are accepted too: Excel "
     "warns, and you may keep them."),
    ("Sources", "Give each document an ID such as S1 on the Sources sheet and type that ID in "
     "the Source column of an action, event or metric, so every fact keeps its source."),
)

_MIN_WIDTH = {
    "title": 45, "notes": 40, "success_measure": 30, "workstream": 30, "owner": 22, "url": 40,
    "theme": 24, "metric": 30, "lead": 20, "release": 18, "kind": 20, "polarity": 16,
}
_MAX_WIDTH = 60
_HEADER_FILL = "D9E1F2"


def help_for(kind: str, field: Field) -> str:
    """Plain-English help for one column of the app's layout."""
    return field.help or _EXTRA_HELP.get((kind, field.key), "")


def write_template(
    path: str | os.PathLike[str],
    rows: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
    *,
    intro: Sequence[str] = (),
    region_label: str | None = None,
) -> None:
    """Write the app's workbook layout to ``path`` (atomically), optionally filled with rows.

    ``rows`` maps a kind ("actions", "events", "metrics", "sources") to dicts of field key ->
    value; values are written as they are (dates as Excel dates, text never as a formula).
    ``intro`` adds paragraphs at the top of the Instructions sheet; ``region_label`` heads the
    metrics' region column (for example "South West") instead of "Region".
    """
    from openpyxl import Workbook

    rows = rows or {}
    unknown = set(rows) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kind(s) of rows: {', '.join(sorted(unknown))}")
    wb = Workbook()
    _write_instructions(wb.active, intro)
    sheets = {kind: wb.create_sheet(SHEET_NAMES[kind][0]) for kind in KINDS}
    list_refs = _write_lists(wb.create_sheet("Lists"))
    for kind, ws in sheets.items():
        _write_records(ws, kind, rows.get(kind, ()), list_refs, region_label)
    write_atomic(path, wb.save, what="workbook")


def _header(kind: str, field: Field, region_label: str | None) -> str:
    if kind == "metrics" and field.key == "region" and region_label:
        return region_label
    return field.header


def _write_records(
    ws: Any,
    kind: str,
    records: Sequence[Mapping[str, Any]],
    list_refs: Mapping[str, str],
    region_label: str | None,
) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    fields = FIELDS[kind]
    known = {f.key for f in fields}
    bold, fill = Font(bold=True), PatternFill("solid", start_color=_HEADER_FILL)
    for col, field in enumerate(fields, start=1):
        cell = ws.cell(row=1, column=col, value=_header(kind, field, region_label))
        cell.font, cell.fill = bold, fill
    for r, record in enumerate(records, start=2):
        extra = set(record) - known
        if extra:
            raise ValueError(f"{kind} row {r}: unknown field(s) {', '.join(sorted(extra))}")
        for col, field in enumerate(fields, start=1):
            value = record.get(field.key)
            if value is not None and value != "":
                _put(ws.cell(row=r, column=col), value)
    last_row = max(VALIDATED_ROWS, len(records) + 1)
    for col, field in enumerate(fields, start=1):
        letter = get_column_letter(col)
        dim = ws.column_dimensions[letter]
        dim.width = _width(field, ws, col, _header(kind, field, region_label))
        if field.key in DATE_FIELDS[kind]:
            dim.number_format = DATE_FORMAT
        list_name = _LIST_OF.get((kind, field.key))
        if list_name:
            dv = DataValidation(
                type="list", formula1=list_refs[list_name], allow_blank=True,
                showErrorMessage=True, errorStyle="warning",
                errorTitle="Not in the list",
                error="This is not one of the listed values. Keep it only if the app "
                "understands it (see the Instructions sheet).",
            )
            dv.add(f"{letter}2:{letter}{last_row}")
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(fields))}{len(records) + 1}"


def _put(cell: Any, value: Any) -> None:
    """Write one value through the exports' one text-safe writer; dates as Excel dates shown the
    way they are typed into the template (31/03/2022)."""
    put(cell, value)
    if isinstance(value, (date, datetime)):
        cell.number_format = DATE_FORMAT


def _width(field: Field, ws: Any, col: int, header: str) -> float:
    longest = len(header) + 4  # room for the filter button
    for (value,) in ws.iter_rows(min_row=2, min_col=col, max_col=col, values_only=True):
        if isinstance(value, (date, datetime)):
            longest = max(longest, 12)
        elif value is not None:
            longest = max(longest, len(str(value)) + 2)
    return float(min(max(longest, _MIN_WIDTH.get(field.key, 10)), _MAX_WIDTH))


def _write_lists(ws: Any) -> dict[str, str]:
    """The vocabularies, one per column, on a hidden sheet; returns list name -> range formula."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    refs: dict[str, str] = {}
    for col, (name, choices) in enumerate(_LISTS.items(), start=1):
        letter = get_column_letter(col)
        ws.cell(row=1, column=col, value=name).font = Font(bold=True)
        for r, choice in enumerate(choices, start=2):
            ws.cell(row=r, column=col, value=choice)
        refs[name] = f"Lists!${letter}$2:${letter}${len(choices) + 1}"
        ws.column_dimensions[letter].width = max(len(c) for c in choices) + 4
    ws.sheet_state = "hidden"
    return refs


def _write_instructions(ws: Any, intro: Sequence[str]) -> None:
    from openpyxl.styles import Alignment, Font

    ws.title = "Instructions"
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    row = 1

    def put(a: str, b: str = "", c: str = "", font: Any = None) -> None:
        nonlocal row
        for col, text in enumerate((a, b, c), start=1):
            cell = ws.cell(row=row, column=col, value=text or None)
            cell.alignment = wrap
            if font is not None:
                cell.font = font
            elif col == 1:
                cell.font = bold
        row += 1

    put("BCP Viewer workbook", font=Font(bold=True, size=14))
    put("", "This workbook is laid out so that BCP Viewer can read it. This sheet explains each "
        "sheet and every column in plain English.")
    for paragraph in intro:
        put("Please note", paragraph)
    row += 1
    put("How to fill it in", font=Font(bold=True, size=12))
    for label, text in _GENERAL_HELP:
        put(label, text)
    for kind in KINDS:
        row += 1
        put(f"Sheet: {SHEET_NAMES[kind][0]}", font=Font(bold=True, size=12))
        put("", _SHEET_HELP[kind])
        put("Column", "What to put in it", "Other headings the app recognises", font=bold)
        for field in FIELDS[kind]:
            text = help_for(kind, field)
            if field.required:
                text = f"{text} Needed for a row to count."
            put(field.header, text.strip(), ", ".join(field.synonyms[1:]))
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 90
    ws.column_dimensions["C"].width = 50

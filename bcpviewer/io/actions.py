"""Improvement-plan trackers: rows become Actions; rows sharing an ID are one action's history."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from bcpviewer.io.as_at import title_as_at
from bcpviewer.io.columns import Reader
from bcpviewer.io.tables import Table
from bcpviewer.io.dates import parse_date, parse_due, parse_when
from bcpviewer.io.values import parse_status
from bcpviewer.model.ids import content_id
from bcpviewer.model.records import PROBLEM_NOT_KNOWN, Action, Origin, Problem, StatusUpdate
from bcpviewer.model.vocab import Status


def read_actions(table: Table) -> tuple[list[Action], list[Problem]]:
    r = Reader(table)
    blank = r.blank_rows()
    ids = r.texts("id")
    titles = r.texts("title")
    workstreams = r.texts("workstream")
    owners = r.texts("owner")

    # Section headings: a row with one filled cell and no title names the workstream below it.
    headings: dict[int, str] = {}
    for i, row in enumerate(r.rows):
        if i in blank or titles[i]:
            continue
        filled = [c for c in row if c != "" and c is not None]
        if len(filled) == 1 and isinstance(filled[0], str):
            headings[i] = filled[0].strip()
    skip = blank | set(headings)

    start = r.parse("start", parse_date, skip=skip)
    due = r.parse("due", parse_due, skip=skip)
    revised_cols = [r.parse_at(j, parse_due, skip=skip) for j in _all_columns(table, "revised_due")]
    completed = r.parse("completed", parse_date, skip=skip)
    for key, what in NOT_KNOWN.items():
        for j in _all_columns(table, key):
            report_not_known(r, j, skip, what)
    status = r.parse("status", parse_status, skip=skip)
    status_date = r.parse("status_date", parse_date, skip=skip)
    impact = r.parse("impact", parse_status, skip=skip)
    status_text = r.texts("status")
    measures, metrics = r.texts("success_measure"), r.texts("metric")
    sources, notes = r.texts("source"), _joined_texts(r, _all_columns(table, "notes"))
    revised = _revisions(revised_cols, len(r))

    groups: dict[str, list[int]] = defaultdict(list)
    explicit: dict[str, bool] = {}
    section = ""
    last_ws = ""
    ws_col = "workstream" in table.columns
    row_ws: dict[int, str] = {}
    for i in range(len(r)):
        if i in blank:
            continue
        if i in headings:
            section = headings[i]
            last_ws = ""
            continue
        if not titles[i]:
            r.problem(i, table.columns["title"], "", "row skipped: it has no action title")
            continue
        ws = workstreams[i] or (last_ws if ws_col else "") or section
        if workstreams[i]:
            last_ws = workstreams[i]
        row_ws[i] = ws
        key = ids[i] or content_id("A", ws, titles[i])
        explicit[key] = bool(ids[i])
        groups[key].append(i)

    cols = {
        "status_date": status_date, "status": status, "status_text": status_text, "notes": notes,
        "revised": revised, "completed": completed, "due": due, "titles": titles,
        "row_ws": row_ws, "owners": owners, "start": start, "impact": impact,
        "measures": measures, "metrics": metrics, "sources": sources,
    }
    as_at = title_as_at(table.grid, table.header_row) or max(filter(None, status_date), default=None)
    cols["as_at"] = as_at
    actions: list[Action] = []
    for key, rows in groups.items():
        if len(rows) > 1 and not explicit[key] and not any(status_date[i] for i in rows):
            # The same words on several rows with no ID or date: separate actions, not history.
            for n, i in enumerate(rows, start=1):
                actions.append(_action(r, f"{key}~{n}" if n > 1 else key, [i], cols))
            continue
        if len(rows) > 1 and explicit[key] and not all(status_date[i] for i in rows):
            r.problem(
                rows[1], table.columns.get("id"), key,
                f"ID {key} is on rows {_row_list([r.row_number(i) for i in rows])} without an "
                "'As at' date on each: later rows are read as later updates of the same action",
            )
        actions.append(_action(r, key, rows, cols))
    for a in actions:
        if a.due and a.start and a.due < a.start:
            r.problems.append(
                Problem(table.grid.file, table.grid.sheet, a.origin.row if a.origin else None,
                        None, a.id, "the due date is before the start date")
            )
    return actions, r.problems


# date fields whose no-date words ("TBC", "to be confirmed") are kept as not known, with a problem
NOT_KNOWN = {
    "due": "the due date is not known: the action has no due date, so it is never counted overdue",
    "revised_due": "the revised due date is not known: the action is judged against its earlier "
                   "due date",
    "completed": "the completion date is not known",
}


def _all_columns(table: Table, key: str) -> list[int]:
    """The field's column and any further columns naming it, left to right."""
    first = table.columns.get(key)
    return [] if first is None else sorted([first, *table.extra.get(key, [])])


def report_not_known(r: Reader, j: int, skip: set[int], what: str) -> None:
    """A cell holding a no-date word ("TBC", "tbc", "to be confirmed") is read as no date: say
    so, with its sheet, row, column and value."""
    words = set()
    for v in r.distinct_at(j):
        if isinstance(v, str) and v.strip():
            try:
                if parse_when(v) is None:
                    words.add(v)
            except ValueError:
                continue
    if not words:
        return
    for i, v in enumerate(r.raw_at(j)):
        if i not in skip and v in words:
            r.problem(i, j, v, what, PROBLEM_NOT_KNOWN)


def _revisions(cols: list[list[date | None]], n: int) -> list[tuple[date, ...]]:
    """Each row's revised due dates, left to right (one per revised-date column)."""
    if not cols:
        return [()] * n
    return [tuple(d for d in ds if d is not None) for ds in zip(*cols, strict=True)]


def _joined_texts(r: Reader, cols: list[int]) -> list[str]:
    """One text per row from one or more note columns ("Notes", "Update / commentary"); with
    several, each non-blank part is led by its header."""
    if not cols:
        return [""] * len(r)
    if len(cols) == 1:
        return r.texts_at(cols[0])
    per = [(r.table.headers.get(j, r.grid.column_name(j)), r.texts_at(j)) for j in cols]
    return ["\n".join(f"{h}: {t[i]}" for h, t in per if t[i]) for i in range(len(r))]


def _row_list(numbers: list[int], shown: int = 8) -> str:
    """'3, 4, 5' or, for many rows, '3, 4, 5, 6, 7, 8, 9, 10 and 392 more'."""
    head = ", ".join(str(n) for n in numbers[:shown])
    return head if len(numbers) <= shown else f"{head} and {len(numbers) - shown:,} more"


def _action(r: Reader, aid: str, rows: list[int], c: dict[str, Any]) -> Action:
    """One action from its rows (oldest update first when they carry 'As at' dates)."""
    status_date: list[date | None] = c["status_date"]
    rows = sorted(rows, key=lambda i: (status_date[i] or date.min, i))
    latest = rows[-1]

    def pick(values: Any, default: Any = None) -> Any:
        for i in reversed(rows):
            if values[i]:
                return values[i]
        return default

    history = tuple(
        StatusUpdate(status_date[i], c["status"][i] or Status.UNKNOWN, c["status_text"][i],
                     c["notes"][i] or None)
        for i in rows
        if c["status"][i] is not None
    )
    revised: list[date] = []
    for i in rows:
        for d in c["revised"][i]:
            if not revised or revised[-1] != d:
                revised.append(d)
    completed = pick(c["completed"])
    status = c["status"][latest] or pick(c["status"]) or Status.UNKNOWN
    if completed is not None and status is Status.UNKNOWN:
        status = Status.COMPLETE
    due = next((c["due"][i] for i in rows if c["due"][i]), None)  # the baseline is the first
    if due is not None and revised and revised[0] == due:
        revised = revised[1:]
    return Action(
        id=aid,
        title=c["titles"][latest] or pick(c["titles"], ""),
        workstream=c["row_ws"].get(latest) or None,
        owner=pick(c["owners"]),
        start=pick(c["start"]),
        due=due,
        revised_due=tuple(revised),
        completed=completed,
        status=status,
        history=history,
        impact=pick(c["impact"]),
        success_measure=pick(c["measures"]),
        metric=pick(c["metrics"]),
        source=pick(c["sources"]),
        notes=pick(c["notes"]),
        origin=Origin(r.grid.file, r.grid.sheet, r.row_number(rows[0])),
        as_at=c["as_at"],
    )

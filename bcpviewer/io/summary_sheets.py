"""The data sheets of the summary workbook: Summary (at a glance), Actions, Events, Metrics,
Annotations and Sources, and their rows without looks (for checks)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from bcpviewer.io.summary_analyses import analysis_summary
from bcpviewer.io.xlsx_cells import (
    BETTER_COLOUR,
    COUNT_FORMAT,
    DATE_FORMATS,
    STATUS_COLOUR,
    WORSE_COLOUR,
    Column,
    Styled,
    figure_cell,
    grade_cell,
    print_setup,
    put,
    put_styled,
    status_cell,
    table_sheet,
    tint,
    wrapped_lines,
)
from bcpviewer.model import glance as g
from bcpviewer.model.briefing import ActionRow, Briefing, Note
from bcpviewer.model.briefing_series import better_when, date_precision, start_precision
from bcpviewer.model.records import Event, MetricSeries
from bcpviewer.model.spans import when_label
from bcpviewer.model.vocab import SUBJUDGEMENTS, Polarity, Status


def _verdict(better: bool | None, polarity: Polarity, difference: float) -> Styled:
    """``✓ better`` / ``✗ worse`` with a fill; neutral measures say higher or lower without a verdict."""
    if polarity is Polarity.NEUTRAL:
        word = "higher" if difference > 0 else "lower" if difference < 0 else "the same"
        return Styled(f"{g.NEUTRAL} {word} (no better direction)")
    if better is None:
        return Styled(f"{g.LEVEL} level")
    return Styled(f"{g.BETTER} better", tint(BETTER_COLOUR)) if better else \
        Styled(f"{g.WORSE} worse", tint(WORSE_COLOUR))


def _notes_text(notes: Sequence[Note]) -> str | None:
    """Every public note on a record, one per line, with its source."""
    if not notes:
        return None
    lines = []
    for n in notes:
        a = n.annotation
        line = f"• {a.text.strip()}"
        source = a.source_title or a.source_url
        if source:
            both = f", {a.source_url}" if a.source_title and a.source_url else ""
            line += f" [source: {source}{both}]"
        lines.append(line)
    return "\n".join(lines)



def summary_sheet(wb: Any, b: Briefing) -> None:
    from openpyxl.styles import Alignment, Font

    gl = b.glance
    rows: list[tuple[str, Any, Any]] = [
        ("Council", b.council or "not stated", None),
        ("Period covered: from", b.period.start if b.period else "no dates", None),
        ("Period covered: to", b.period.end if b.period else "no dates", None),
        ("Figures as at", b.as_of, b.overdue_counted),
        ("Tracker last updated", b.data_as_at or "not stated", "the latest 'as at' date of a status"),
        ("Generated", b.generated, "UTC"),
    ]
    if b.options.author:
        rows.insert(1, ("Prepared by", b.options.author, None))
    rows.append(("", None, None))
    j = gl.last_judgement
    rows.append(("Last judgement", g.judgement_text(j) if j else "no graded inspection in the data", None))
    if j is not None:
        changed = {k: before for k, before, _now in j.changes()}
        for key, grade in j.grades:
            before = changed.get(key)
            detail = None if key not in changed else f"was {before.label}" if before else "not graded before"
            rows.append((f"  {dict(SUBJUDGEMENTS).get(key, key)}", grade_cell(grade), detail))
    bad = gl.inadequate
    if bad is not None and (j is None or bad.event is not j.event):
        rows.append(("Inadequate judgement", g.judgement_text(bad), None))
    if gl.visits_since_start is not None:
        rows.append(("Ofsted visits since the Inadequate judgement", gl.visits_since_start.count,
                     g.visits_text(gl.visits_since_start, "the Inadequate judgement")))
    rows.append(("", None, None))
    rows.append(("Actions in this summary", len(b.actions), None))
    counts: dict[Status, int] = {}
    for r in b.actions:
        counts[r.action.status] = counts.get(r.action.status, 0) + 1
    for status in Status:
        if counts.get(status):
            rows.append((f"  {status.label}", counts[status], status_cell(status)))
    rows.append(("Overdue actions", len(b.overdue), g.overdue_text(gl.overdue)))
    for owner, n in gl.overdue.by_owner:
        rows.append((f"  overdue, owner {owner}", n, None))
    rows.append(("At risk (Red or Amber, not yet overdue)", len(b.at_risk), None))
    rows.append(("", None, None))
    worse = gl.worse
    rows.append(("Metrics worse than England or the neighbours now", len(worse),
                 "; ".join(m.series.name for m in worse) or None))
    rows.append(("Metrics in this summary", len(b.series), None))
    rows += analysis_summary(b)
    rows.append(("Public notes in this summary", len(b.notes), "private notes are never exported"))
    ws = wb.create_sheet("Summary")
    put(ws["A1"], b.title)  # the title is typed by the user: text, never a formula
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "At a glance"
    ws["A2"].font = Font(bold=True, size=12)
    for c, header in enumerate(("Figure", "Value", "Detail"), start=1):
        cell = ws.cell(row=3, column=c, value=header)
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    widths = {"A": 48, "B": 40, "C": 70}
    for r, (label, value, detail) in enumerate(rows, start=4):
        lines = max(wrapped_lines(v, widths[c]) for c, v in (("A", label), ("B", value), ("C", detail)))
        if lines > 1:  # spreadsheets do not grow a row for wrapped text written by a program
            ws.row_dimensions[r].height = 15 * lines
        put(ws.cell(row=r, column=1), label)
        ws.cell(row=r, column=1).alignment = wrap
        for col, v in ((2, value), (3, detail)):
            cell = ws.cell(row=r, column=col)
            if isinstance(v, int) and not isinstance(v, bool):
                v = Styled(v, number_format=COUNT_FORMAT)
            put_styled(cell, v)
            cell.alignment = wrap
        ws.cell(row=r, column=2).alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A4"
    print_setup(ws, landscape=True)


def actions_sheet(wb: Any, b: Briefing) -> None:
    columns = [
        Column("ID", 8), Column("Action", 50, "wrap"), Column("Workstream", 30, "wrap"),
        Column("Owner", 18), Column("Status", 20), Column("Start", 12, "date"),
        Column("Due (first date)", 12, "date"), Column("Revised due", 12, "date"),
        Column("Completed", 12, "date"), Column("Days overdue", 9, "days"),
        Column("Days late against first due date", 12, "days"), Column("Slippage (days re-dated)", 12, "days"),
        Column("Times re-dated", 8, "int"), Column("Impact", 16), Column("Metric", 24, "wrap"),
        Column("Success measure", 30, "wrap"), Column("Source", 10), Column("Notes", 40, "wrap"),
        Column("Annotations", 50, "wrap"),
    ]
    table_sheet(wb, "Actions", columns, [action_row(r) for r in b.actions])


def action_row(r: ActionRow) -> list[Any]:
    a, o, s = r.action, r.overdue, r.slip
    late = Styled(o.days_late, tint(STATUS_COLOUR[Status.RED]), bold=True) if o else None
    return [
        a.id, a.title, a.workstream, a.owner, status_cell(a.status), a.start, a.due,
        a.revised_due[-1] if a.revised_due else None, a.completed, late,
        o.days_late_baseline if o else None, s.revised_by_days, s.revisions or None,
        status_cell(a.impact) if a.impact else None, a.metric, a.success_measure, a.source, a.notes,
        _notes_text(r.notes),
    ]


def events_sheet(wb: Any, b: Briefing) -> None:
    columns = [
        Column("ID", 8), Column("Dates as written", 16), Column("Date", 12, "date"),
        Column("Precision", 10), Column("End", 12, "date"),
        Column("Published", 12, "date"), Column("Type", 20), Column("Title", 50, "wrap"),
        Column("Focus", 24, "wrap"), Column("Lead", 18),
        *(Column(label, 16) for _key, label in SUBJUDGEMENTS),
        Column("Source", 10), Column("Notes", 40, "wrap"), Column("Annotations", 50, "wrap"),
    ]
    rows = [event_row(e, b.event_notes.get(e.id, ())) for e in b.events]
    table_sheet(wb, "Events", columns, rows)


def event_row(e: Event, notes: Sequence[Note]) -> list[Any]:
    kind = e.kind_text if e.kind.value == "other" and e.kind_text else e.kind.label
    known = start_precision(e.precision)  # the start is known to its period even when the event has an end
    return [
        e.id, when_label(e.start, e.end, e.precision), Styled(e.start, number_format=DATE_FORMATS[known]),
        known, e.end, e.published, kind, e.title, e.theme, e.lead,
        *(grade_cell(e.grades.get(key)) for key, _label in SUBJUDGEMENTS),
        e.source, e.notes, _notes_text(notes),
    ]


def metrics_sheet(wb: Any, b: Briefing) -> None:
    columns = [
        Column("Metric", 34, "wrap"), Column("Theme", 16), Column("Unit", 14), Column("Better when", 16),
        Column("Latest period", 16), Column("Period end", 12, "date"), Column("Latest", 10, "number"),
        Column("England", 10, "number"), Column("Against England", 16), Column("Trend against England", 26),
        Column("Neighbours", 10, "number"), Column("Against neighbours", 16),
        Column("Trend against neighbours", 26), Column("Target", 10, "number"),
        Column("Target date", 12, "date"), Column("In words", 60, "wrap"), Column("Source", 10),
        Column("Release", 16), Column("Annotations", 50, "wrap"),
    ]
    by_id = {m.series.id: m for m in b.glance.metrics}
    rows = [metric_row(s, by_id.get(s.id) or g.metric_glance(s, b.glance.since, b.as_of),
                        b.series_notes.get(s.id, ()), b.glance.since) for s in b.series]
    table_sheet(wb, "Metrics", columns, rows)


def metric_row(s: MetricSeries, m: g.MetricGlance, notes: Sequence[Note], since: date | None) -> list[Any]:
    comps = {c.kind: c for c in m.comparisons}
    cells: list[Any] = []
    for kind in ("england", "neighbours"):
        c = comps.get(kind)
        if c is None:
            cells += [None, None, None]
            continue
        verdict = _verdict(c.better, s.polarity, c.now.difference)
        if c.now.observation.period != (m.latest.period if m.latest else None):
            verdict = Styled(f"{verdict.value} (at {c.now.observation.period.label})", verdict.fill)
        trend = f"{c.trend} {g.since_words(c, since)}".strip() if c.trend else None
        cells += [c.now.comparator_value, verdict, trend]
    target = s.targets[-1] if s.targets else None
    fig = figure_cell(s)
    latest = m.latest
    end = Styled(latest.period.end, number_format=DATE_FORMATS[date_precision(latest.period.kind)]) \
        if latest else None
    return [
        s.name, s.theme, s.unit, better_when(s.polarity), latest.period.label if latest else "no figures",
        end, fig(latest.value if latest else None),
        fig(cells[0]), cells[1], cells[2], fig(cells[3]), cells[4], cells[5],
        fig(target.value if target else None), target.due if target else None, m.text, s.source, s.release,
        _notes_text(notes),
    ]



def annotations_sheet(wb: Any, b: Briefing) -> None:
    columns = [
        Column("On", 40, "wrap"), Column("Date", 12, "date"), Column("Note", 60, "wrap"), Column("Tags", 18),
        Column("Source", 30, "wrap"), Column("Source link", 30, "link"), Column("Reference", 9, "int"),
        Column("In briefing", 10), Column("Author", 16), Column("Created (UTC)", 17, "datetime"),
        Column("Edited (UTC)", 17, "datetime"),
    ]
    rows = []
    for n in b.notes:
        a = n.annotation
        rows.append([n.where, n.when, a.text, ", ".join(a.tags) or None, a.source_title or None,
                     a.source_url or None, n.reference, "Yes" if a.include_in_briefing else "No",
                     a.author or None, a.created, a.edited])
    table_sheet(wb, "Annotations", columns, rows, freeze="A2")


def sources_sheet(wb: Any, b: Briefing) -> None:
    columns = [
        Column("Reference", 9, "int"), Column("ID", 8), Column("Title", 60, "wrap"),
        Column("Link", 40, "link"),
        Column("Publisher", 20), Column("Published", 12, "date"), Column("Notes", 50, "wrap"),
    ]
    number = {r.source_id: r.number for r in b.references if r.source_id}
    rows: list[list[Any]] = [[number.get(s.id), s.id, s.title, s.url, s.publisher, s.published, s.notes]
                             for s in b.sources]
    for r in b.references:
        if not r.source_id:  # a note's source, or one typed into a record rather than listed
            rows.append([r.number, None, r.title, r.url or None, r.publisher or None, r.published,
                         "cited by a note or a record; not on the Sources sheet"])
    table_sheet(wb, "Sources", columns, rows, freeze="C2")

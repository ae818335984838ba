"""The summary workbook: at-a-glance figures, actions, events, metrics, public notes and sources as XLSX."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bcpviewer.io.template import _save_atomically
from bcpviewer.model import glance as g
from bcpviewer.model.briefing import ActionRow, Briefing, Note, effect_text, margin_text, outcome_text
from bcpviewer.model.impact import Effect
from bcpviewer.model.journeys import judged_on
from bcpviewer.model.links import safe_url
from bcpviewer.model.records import Event, MetricSeries
from bcpviewer.model.targets import Outcome
from bcpviewer.model.versions import Change
from bcpviewer.model.vocab import SUBJUDGEMENTS, Grade, Polarity, Status

SHEETS = ("Summary", "Actions", "Events", "Metrics", "Annotations", "Sources")
# The analyses' sheets (after Metrics, each only when there is something to show).
ANALYSIS_SHEET_NAMES = ("Impact", "Targets", "Plan changes", "Journeys", "Sources differ")

DATE_FORMAT = "d mmm yyyy"  # 31 Mar 2022: UK order, and no reader can take it for 3 December
DATETIME_FORMAT = "d mmm yyyy hh:mm"
MAX_CELL = 32_767  # Excel's limit on the characters in one cell
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# The Okabe-Ito colours of plots/style.py (io has no Qt, so the hex is repeated), as light fills.
_STATUS_COLOUR = {
    Status.RED: "D55E00", Status.AMBER: "E69F00", Status.GREEN: "009E73", Status.COMPLETE: "0072B2",
    Status.NOT_STARTED: "999999", Status.UNKNOWN: "C8C8C8",
}
_STATUS_GLYPH = {Status.RED: "●", Status.AMBER: "▲", Status.GREEN: "■", Status.COMPLETE: "✓",
                 Status.NOT_STARTED: "○", Status.UNKNOWN: "?"}
_GRADE_COLOUR = {Grade.OUTSTANDING: "0072B2", Grade.GOOD: "009E73", Grade.REQUIRES_IMPROVEMENT: "E69F00",
                 Grade.INADEQUATE: "D55E00"}
_BETTER_COLOUR, _WORSE_COLOUR = "009E73", "D55E00"
_HEADER_FILL, _HEADER_INK = "1F3864", "FFFFFF"
_MIN_WIDTH, _MAX_WIDTH = 8, 70


def tint(hex_colour: str, strength: float = 0.28) -> str:
    """A light fill of ``hex_colour`` (RRGGBB): mixed with white, keeping ``strength`` of the colour."""
    rgb = [int(hex_colour[i:i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(255 - (255 - v) * strength):02X}" for v in rgb)


def status_text(status: Status) -> str:
    """``● Red (off track)``: the glyph and the word, so the status never rests on colour alone."""
    return f"{_STATUS_GLYPH[status]} {status.label}"


@dataclass(frozen=True, slots=True)
class Column:
    """A column: heading, width in characters, and how its cells look (text, date, number, wrap...)."""

    header: str
    width: float
    kind: str = "text"  # text, wrap, date, datetime, int, number, link


@dataclass(frozen=True, slots=True)
class Styled:
    """A value with a fill (RRGGBB) and/or bold text."""

    value: Any
    fill: str | None = None
    bold: bool = False


def write_summary(path: str | os.PathLike[str], briefing: Briefing,
                  progress: Callable[[float, str], None] | None = None) -> None:
    """Write the summary workbook of ``briefing`` to ``path`` atomically (OSError when it cannot be)."""
    from openpyxl import Workbook

    say = progress or (lambda _f, _m: None)
    wb = Workbook()
    wb.remove(wb.active)
    steps: list[tuple[Callable[[Any, Briefing], None], str]] = [
        (_summary, "summary"), (_actions, "actions"), (_events, "events"), (_metrics, "metrics")]
    steps += [(fn, name) for key, fn, name in ANALYSIS_SHEETS if briefing.shows(key)]
    steps += [(_annotations, "annotations"), (_sources, "sources")]
    for i, (fn, name) in enumerate(steps):
        say(i / (len(steps) + 1), f"Writing the {name} sheet")
        fn(wb, briefing)
    wb.properties.title = clean(briefing.title)
    wb.properties.creator = clean(briefing.options.author) or "BCP Viewer"
    say(len(steps) / (len(steps) + 1), "Saving the workbook")
    _save_atomically(wb, Path(path))
    say(1.0, "Workbook written")


# -- cells -------------------------------------------------------------------------------------------
def clean(text: str) -> str:
    """Text a workbook can hold: control characters dropped, at most MAX_CELL characters."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def put(cell: Any, value: Any, kind: str = "text", *, style: bool = True) -> None:
    """Write one value as it is: dates as Excel dates, numbers as numbers, text never as a formula.

    Links are made only for http and https addresses. ``style=False`` leaves the number format, the
    text prefix and the link style to the caller (who copies them from a cell styled before).
    """
    if isinstance(value, datetime):
        cell.value = value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    elif isinstance(value, str):
        text = clean(value)
        cell.value = text
        if text.startswith(FORMULA_STARTS):
            cell.data_type = "s"  # openpyxl would store "=..." as a formula
        url = safe_url(text) if kind == "link" else None
        if url and url.lower().startswith(("http://", "https://")):
            cell.hyperlink = url
    elif value is not None:
        cell.value = value
    if style:
        _style_value(cell, value)


def _look(cell: Any, value: Any) -> str:
    """What about a value changes its cell's style: a date, a date and time, text kept as text, a link."""
    if isinstance(value, datetime):
        return "datetime"
    if isinstance(value, date):
        return "date"
    if cell.hyperlink is not None:
        return "link"
    if isinstance(value, str) and cell.data_type == "s" and str(cell.value).startswith(FORMULA_STARTS):
        return "text"
    return ""


def _style_value(cell: Any, value: Any) -> None:
    look = _look(cell, value)
    if look == "link":
        cell.style = "Hyperlink"
    elif look == "datetime":
        cell.number_format = DATETIME_FORMAT
    elif look == "date":
        cell.number_format = DATE_FORMAT
    elif look == "text":
        cell.quotePrefix = True  # Excel keeps it as text when the cell is edited


def _sheet(wb: Any, title: str, columns: Sequence[Column], rows: Sequence[Sequence[Any]],
           freeze: str = "B2") -> Any:
    """A sheet with a styled header, frozen panes, an autofilter and sized columns."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    head_font = Font(bold=True, color=_HEADER_INK)
    head_fill = PatternFill("solid", start_color=_HEADER_FILL)
    head_align = Alignment(vertical="center", wrap_text=True)
    for c, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=c, value=col.header)
        cell.font, cell.fill, cell.alignment = head_font, head_fill, head_align
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    bold = Font(bold=True)
    # Styling a cell through openpyxl's descriptors costs more than writing it; each combination of
    # look is made once and its style record copied to the other cells that share it.
    looks: dict[tuple[Any, ...], Any] = {}
    for r, row in enumerate(rows, start=2):
        for c, (col, value) in enumerate(zip(columns, row, strict=True), start=1):
            fill, strong = None, False
            if isinstance(value, Styled):
                fill, strong, value = value.fill, value.bold, value.value
            if value is None and fill is None:
                continue  # an empty cell needs no style: it is not written at all
            cell = ws.cell(row=r, column=c)
            put(cell, value, col.kind, style=False)
            key = (col.kind == "wrap", fill, strong, _look(cell, value))
            known = looks.get(key)
            if known is not None:
                cell._style = copy(known)
                continue
            _style_value(cell, value)
            if fill:
                cell.fill = PatternFill("solid", start_color=fill)
            if strong:
                cell.font = bold
            cell.alignment = wrap if col.kind == "wrap" else top
            looks[key] = copy(cell._style)
    widths = [_width(col, rows, i) for i, col in enumerate(columns)]
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    wrapped = [i for i, col in enumerate(columns) if col.kind == "wrap"]
    for r, row in enumerate(rows, start=2):  # spreadsheets do not grow rows for text a program wraps
        lines = max((_lines(row[i], widths[i]) for i in wrapped), default=1)
        if lines > 1:
            ws.row_dimensions[r].height = 15 * min(lines, 20)
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = freeze
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 2)}"
    _print_setup(ws, landscape=True, pages_wide=1 if sum(widths) < 220 else 2)
    ws.print_title_rows = "1:1"  # the header row on every printed page
    return ws


def _print_setup(ws: Any, landscape: bool, pages_wide: int = 1) -> None:
    """Printed on A4, one or two pages wide: a sheet never prints one column per page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = pages_wide
    ws.page_setup.fitToHeight = 0  # as many pages down as it needs
    ws.print_options.gridLines = True


def _width(col: Column, rows: Sequence[Sequence[Any]], i: int) -> float:
    if col.kind in ("date", "datetime"):
        return max(col.width, 13 if col.kind == "date" else 18)
    longest = max(len(w) for w in col.header.split()) + 3  # the header wraps: its longest word counts
    for row in rows[:2000]:  # enough to size a column; a long list must not slow the save
        v = row[i].value if isinstance(row[i], Styled) else row[i]
        if v is not None and not isinstance(v, (date, datetime)):
            longest = max(longest, max((len(line) for line in str(v).splitlines()), default=0) + 2)
    return float(min(max(longest, col.width, _MIN_WIDTH), _MAX_WIDTH))


def _lines(value: Any, width: float) -> int:
    """Roughly how many lines ``value`` wraps to in a column ``width`` characters wide."""
    v = value.value if isinstance(value, Styled) else value
    if not isinstance(v, str) or not v:
        return 1
    return sum(max(1, -(-len(line) // int(width * 0.95))) for line in v.splitlines())


def _status(status: Status) -> Styled:
    return Styled(status_text(status), tint(_STATUS_COLOUR[status]))


def _grade(grade: Grade | None) -> Styled | None:
    return None if grade is None else Styled(grade.label, tint(_GRADE_COLOUR[grade], 0.35))


def _verdict(better: bool | None, polarity: Polarity, difference: float) -> Styled:
    """``✓ better`` / ``✗ worse`` with a fill; neutral measures say higher or lower without a verdict."""
    if polarity is Polarity.NEUTRAL:
        word = "higher" if difference > 0 else "lower" if difference < 0 else "the same"
        return Styled(f"{g.NEUTRAL} {word} (no better direction)")
    if better is None:
        return Styled(f"{g.LEVEL} level")
    return Styled(f"{g.BETTER} better", tint(_BETTER_COLOUR)) if better else \
        Styled(f"{g.WORSE} worse", tint(_WORSE_COLOUR))


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


def plain_rows(b: Briefing) -> dict[str, list[list[Any]]]:
    """The values of the Actions, Events and Metrics sheets, and of the analyses shown, without their
    looks (checks, benchmarks)."""
    by_id = {m.series.id: m for m in b.glance.metrics}
    sheets = {
        "Actions": [_action_row(r) for r in b.actions],
        "Events": [_event_row(e, b.event_notes.get(e.id, ())) for e in b.events],
        "Metrics": [_metric_row(s, by_id.get(s.id) or g.metric_glance(s, b.glance.since, b.as_of),
                                b.series_notes.get(s.id, ()), b.glance.since) for s in b.series],
    }
    for key, (name, table, _freeze) in _ANALYSIS_TABLES.items():
        if b.shows(key):
            sheets[name] = table(b)[1]
    return {name: [[v.value if isinstance(v, Styled) else v for v in row] for row in rows]
            for name, rows in sheets.items()}


# -- sheets ------------------------------------------------------------------------------------------
def _summary(wb: Any, b: Briefing) -> None:
    from openpyxl.styles import Alignment, Font

    gl = b.glance
    rows: list[tuple[str, Any, Any]] = [
        ("Council", b.council or "not stated", None),
        ("Period covered: from", b.period.start if b.period else "no dates", None),
        ("Period covered: to", b.period.end if b.period else "no dates", None),
        ("Figures as at", b.as_of, "overdue days are counted to this date"),
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
            rows.append((f"  {dict(SUBJUDGEMENTS).get(key, key)}", _grade(grade), detail))
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
            rows.append((f"  {status.label}", counts[status], _status(status)))
    rows.append(("Overdue actions", len(b.overdue), g.overdue_text(gl.overdue)))
    for owner, n in gl.overdue.by_owner:
        rows.append((f"  overdue, owner {owner}", n, None))
    rows.append(("At risk (Red or Amber, not yet overdue)", len(b.at_risk), None))
    rows.append(("", None, None))
    worse = gl.worse
    rows.append(("Metrics worse than England or the neighbours now", len(worse),
                 "; ".join(m.series.name for m in worse) or None))
    rows.append(("Metrics in this summary", len(b.series), None))
    rows += _analysis_summary(b)
    rows.append(("Public notes in this summary", len(b.notes), "private notes are never exported"))
    ws = wb.create_sheet("Summary")
    ws["A1"] = clean(b.title)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "At a glance"
    ws["A2"].font = Font(bold=True, size=12)
    for c, header in enumerate(("Figure", "Value", "Detail"), start=1):
        cell = ws.cell(row=3, column=c, value=header)
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    widths = {"A": 48, "B": 40, "C": 70}
    for r, (label, value, detail) in enumerate(rows, start=4):
        lines = max(_lines(v, widths[c]) for c, v in (("A", label), ("B", value), ("C", detail)))
        if lines > 1:  # spreadsheets do not grow a row for wrapped text written by a program
            ws.row_dimensions[r].height = 15 * lines
        put(ws.cell(row=r, column=1), label)
        ws.cell(row=r, column=1).alignment = wrap
        for col, v in ((2, value), (3, detail)):
            cell = ws.cell(row=r, column=col)
            if isinstance(v, Styled):
                from openpyxl.styles import PatternFill

                cell.fill = PatternFill("solid", start_color=v.fill) if v.fill else cell.fill
                v = v.value
            put(cell, v)
            cell.alignment = wrap
        ws.cell(row=r, column=2).alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A4"
    _print_setup(ws, landscape=True)


def _actions(wb: Any, b: Briefing) -> None:
    columns = [
        Column("ID", 8), Column("Action", 50, "wrap"), Column("Workstream", 30, "wrap"),
        Column("Owner", 18), Column("Status", 20), Column("Start", 12, "date"),
        Column("Due (first date)", 12, "date"), Column("Revised due", 12, "date"),
        Column("Completed", 12, "date"), Column("Days overdue", 9, "int"),
        Column("Days late against first due date", 12, "int"), Column("Slippage (days re-dated)", 12, "int"),
        Column("Times re-dated", 8, "int"), Column("Impact", 16), Column("Metric", 24, "wrap"),
        Column("Success measure", 30, "wrap"), Column("Source", 10), Column("Notes", 40, "wrap"),
        Column("Annotations", 50, "wrap"),
    ]
    _sheet(wb, "Actions", columns, [_action_row(r) for r in b.actions])


def _action_row(r: ActionRow) -> list[Any]:
    a, o, s = r.action, r.overdue, r.slip
    late = Styled(o.days_late, tint(_STATUS_COLOUR[Status.RED]), bold=True) if o else None
    return [
        a.id, a.title, a.workstream, a.owner, _status(a.status), a.start, a.due,
        a.revised_due[-1] if a.revised_due else None, a.completed, late,
        o.days_late_baseline if o else None, s.revised_by_days, s.revisions or None,
        status_text(a.impact) if a.impact else None, a.metric, a.success_measure, a.source, a.notes,
        _notes_text(r.notes),
    ]


def _events(wb: Any, b: Briefing) -> None:
    columns = [
        Column("ID", 8), Column("Date", 12, "date"), Column("Dates as known", 16), Column("End", 12, "date"),
        Column("Published", 12, "date"), Column("Type", 20), Column("Title", 50, "wrap"),
        Column("Focus", 24, "wrap"), Column("Lead", 18),
        *(Column(label, 16) for _key, label in SUBJUDGEMENTS),
        Column("Source", 10), Column("Notes", 40, "wrap"), Column("Annotations", 50, "wrap"),
    ]
    rows = [_event_row(e, b.event_notes.get(e.id, ())) for e in b.events]
    _sheet(wb, "Events", columns, rows)


def _event_row(e: Event, notes: Sequence[Note]) -> list[Any]:
    kind = e.kind_text if e.kind.value == "other" and e.kind_text else e.kind.label
    return [
        e.id, e.start, e.when_label, e.end, e.published, kind, e.title, e.theme, e.lead,
        *(_grade(e.grades.get(key)) for key, _label in SUBJUDGEMENTS),
        e.source, e.notes, _notes_text(notes),
    ]


def _metrics(wb: Any, b: Briefing) -> None:
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
    rows = [_metric_row(s, by_id.get(s.id) or g.metric_glance(s, b.glance.since, b.as_of),
                        b.series_notes.get(s.id, ()), b.glance.since) for s in b.series]
    _sheet(wb, "Metrics", columns, rows)


def _metric_row(s: MetricSeries, m: g.MetricGlance, notes: Sequence[Note], since: date | None) -> list[Any]:
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
    polarity = {Polarity.LOWER_IS_BETTER: "lower", Polarity.HIGHER_IS_BETTER: "higher"}.get(s.polarity,
                                                                                          "no direction")
    latest = m.latest
    return [
        s.name, s.theme, s.unit, polarity, latest.period.label if latest else "no figures",
        latest.period.end if latest else None, latest.value if latest else None,
        cells[0], cells[1], cells[2], cells[3], cells[4], cells[5],
        target.value if target else None, target.due if target else None, m.text, s.source, s.release,
        _notes_text(notes),
    ]


def _annotations(wb: Any, b: Briefing) -> None:
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
    _sheet(wb, "Annotations", columns, rows, freeze="A2")


def _sources(wb: Any, b: Briefing) -> None:
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
    _sheet(wb, "Sources", columns, rows, freeze="C2")



# -- the analyses --------------------------------------------------------------------------------------------
_EFFECT_FILL = {Effect.IMPROVED: tint(_BETTER_COLOUR), Effect.WORSENED: tint(_WORSE_COLOUR)}
_OUTCOME_FILL = {Outcome.MET: tint(_BETTER_COLOUR), Outcome.MISSED: tint(_WORSE_COLOUR)}
_AIM = {True: "at most (lower is better)", False: "at least (higher is better)"}


def _analysis_summary(b: Briefing) -> list[tuple[str, Any, Any]]:
    """Lines of the Summary sheet that point to the analysis sheets."""
    rows: list[tuple[str, Any, Any]] = []
    if b.shows("impact"):
        concerns = b.impact_concerns
        rows.append(("Actions rated Green or Complete whose metric got worse", len(concerns),
                     "; ".join(f"{c.action.id} {c.action.title}" for c in concerns) or "none (sheet Impact)"))
    if b.shows("targets"):
        missed = [t for t in b.targets if t.outcome is Outcome.MISSED]
        rows.append(("Targets missed", len(missed),
                     "; ".join(f"{t.series.name}: {t.label}" for t in missed) or "none (sheet Targets)"))
    if b.shows("versions"):
        c = b.comparison
        assert c is not None
        rows.append(("Plan versions compared", f"{c.old_label} with {c.new_label}", c.summary()))
    if b.shows("journeys"):
        rows.append(("Councils compared (sheet Journeys)", len(b.journeys),
                     b.journey_anchor or None))
    if b.shows("disagreements"):
        rows.append(("Where sources disagree (sheet Sources differ)", len(b.disagreements),
                     "both accounts are kept"))
    if rows:
        rows.insert(0, ("", None, None))
    return rows


Table = tuple[list[Column], list[list[Any]]]


def _impact_table(b: Briefing) -> Table:
    columns = [
        Column("ID", 8), Column("Action", 50, "wrap"), Column("Owner", 18), Column("Status", 20),
        Column("Concern", 16), Column("Effect", 18), Column("Metric", 30, "wrap"),
        Column("Linked in the app", 10), Column("Measured from", 12, "date"),
        Column("Before", 10, "number"), Column("Before period end", 12, "date"), Column("Before period", 14),
        Column("Latest", 10, "number"), Column("Latest period end", 12, "date"), Column("Latest period", 14),
        Column("Change", 10, "number"), Column("Unit", 12), Column("Better when", 16),
        Column("In words", 60, "wrap"),
    ]
    rows = []
    for c in b.impact:
        a, s = c.action, c.series
        concern = Styled("Yes: rated done, metric worse", tint(_WORSE_COLOUR), bold=True) if c.concern else "No"
        before, after = c.before, c.after
        rows.append([
            a.id, a.title, a.owner, _status(a.status), concern,
            Styled(effect_text(c.effect), _EFFECT_FILL.get(c.effect)),
            s.name if s is not None else f"{c.metric_text} (no such metric loaded)",
            "Yes" if c.linked_in_app else "No", c.since,
            before.value if before else None, before.period.end if before else None,
            before.period.label if before else None,
            after.value if after else None, after.period.end if after else None,
            after.period.label if after else None,
            round(c.change, 10) if c.change is not None else None,
            s.unit if s is not None else None, s.polarity.label if s is not None else None, c.explanation,
        ])
    return columns, rows


def _targets_table(b: Briefing) -> Table:
    columns = [
        Column("Metric", 30, "wrap"), Column("Unit", 12), Column("Target", 30, "wrap"),
        Column("Target value", 10, "number"), Column("Target date", 12, "date"), Column("Aim", 24),
        Column("Outcome", 18), Column("Judged period", 14), Column("Judged period end", 12, "date"),
        Column("Judged figure", 10, "number"), Column("Margin", 10, "number"), Column("By how much", 30),
        Column("Latest period", 14), Column("Latest", 10, "number"), Column("Meeting it now", 10),
        Column("Entered in the app", 10), Column("In words", 60, "wrap"), Column("Source", 10),
    ]
    rows = []
    for t in b.targets:
        s, j, latest = t.series, t.judged_on, t.latest
        now = None if t.meeting_now is None else ("Yes" if t.meeting_now else "No")
        rows.append([
            s.name, s.unit or None, t.label, t.target.value, t.target.due, _AIM[t.aim_lower],
            Styled(outcome_text(t.outcome), _OUTCOME_FILL.get(t.outcome), bold=t.outcome is Outcome.MISSED),
            j.period.label if j else None, j.period.end if j else None, j.value if j else None,
            round(t.margin, 10) if t.margin is not None else None, margin_text(t) or None,
            latest.period.label if latest else None, latest.value if latest else None, now,
            "Yes" if t.entered_in_app else "No", t.explanation, s.source,
        ])
    return columns, rows


def _changes_table(b: Briefing) -> Table:
    c = b.comparison
    assert c is not None
    columns = [
        Column("ID", 8), Column("ID before", 8), Column("Action", 50, "wrap"), Column("Changes", 24, "wrap"),
        Column("Due before", 12, "date"), Column("Due now", 12, "date"), Column("Shift (days)", 9, "int"),
        Column("Owner before", 18), Column("Owner now", 18), Column("Status before", 20),
        Column("Status now", 20), Column("Workstream before", 24, "wrap"), Column("Workstream now", 24, "wrap"),
        Column("Matched by", 10), Column("Titles alike", 9, "number"), Column("In words", 60, "wrap"),
    ]
    rows = []
    for r in c.changed:
        o, n = r.old, r.new
        words = ", ".join(x.label for x in Change if x in r.changes)
        rows.append([
            r.action.id, o.id if o else None, r.action.title, words,
            o.current_due if o else None, n.current_due if n else None,
            r.shift_days if Change.REDATED in r.changes else None,
            o.owner if o else None, n.owner if n else None,
            _status(o.status) if o else None, _status(n.status) if n else None,
            o.workstream if o else None, n.workstream if n else None,
            {"id": "ID", "title": "title"}.get(r.matched_by), round(r.similarity, 2) if o and n else None,
            r.describe(),
        ])
    return columns, rows


_MONTHS_AT = (0, 12, 24, 36)


def _journeys_table(b: Briefing) -> Table:
    unit = f" ({b.journey_unit.strip()})" if b.journey_unit.strip() else ""
    judged = "Judged inadequate" if "inadequate" in b.journey_anchor.lower() else "Anchor date"
    columns = [
        Column("Council", 30, "wrap"), Column("Own council", 8), Column(judged, 12, "date"),
        Column("Judgement", 30, "wrap"), Column("Re-inspected", 12, "date"),
        Column("Months to re-inspection", 10, "number"), Column("Months so far", 10, "number"),
        Column("Grade reached", 16), Column("Outcome", 36, "wrap"),
        *(Column(f"{b.journey_metric or 'Figure'}{unit}, month {m}", 12, "number") for m in _MONTHS_AT),
    ]
    rows = []
    for j in b.journeys:
        a, r = j.anchor, j.reinspection
        rows.append([
            j.council, "Yes" if j.council == b.journey_own else "No", judged_on(a) if a else None,
            a.title if a else None, judged_on(r) if r else None,
            _round1(j.months_to_reinspection), _round1(j.months_so_far),
            _grade(j.grade_reached), j.outcome, *(j.value_at(m) if a else None for m in _MONTHS_AT),
        ])
    return columns, rows


def _round1(v: float | None) -> float | None:
    return None if v is None else round(v, 1)


def _disagreements_table(b: Briefing) -> Table:
    columns = [
        Column("Number", 8, "int"), Column("Event or figure", 36, "wrap"), Column("What differs", 18),
        Column("Date", 12, "date"), Column("Value", 30, "wrap"), Column("Source", 50, "wrap"),
        Column("Reference", 9, "int"), Column("Item", 14),
    ]
    sources = {s.id: s for s in b.sources}
    rows = []
    for i, d in enumerate(b.disagreements, start=1):
        for c in d.claims:
            rows.append([i, d.subject, d.field, d.when, c.value, c.cited(sources), b.reference_for(c.source),
                         c.key])
    return columns, rows


# section key -> (sheet, its table, the cell its panes freeze at)
_ANALYSIS_TABLES: dict[str, tuple[str, Callable[[Briefing], Table], str]] = {
    "impact": ("Impact", _impact_table, "B2"), "targets": ("Targets", _targets_table, "B2"),
    "versions": ("Plan changes", _changes_table, "B2"), "journeys": ("Journeys", _journeys_table, "B2"),
    "disagreements": ("Sources differ", _disagreements_table, "C2"),
}


def header_text(text: str, limit: int = 240) -> str:
    """Text for a printed page header: '&' starts Excel's header codes, so it is doubled; Excel
    refuses headers over 255 characters, so a long one is cut at a word with an ellipsis."""
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text.replace("&", "&&")


def _analysis_sheet(key: str) -> Callable[[Any, Briefing], None]:
    def write(wb: Any, b: Briefing) -> None:
        name, table, freeze = _ANALYSIS_TABLES[key]
        columns, rows = table(b)
        ws = _sheet(wb, name, columns, rows, freeze=freeze)
        header = _print_header(key, b)
        if header:
            ws.oddHeader.center.text = header_text(clean(header))
    return write


def _print_header(key: str, b: Briefing) -> str:
    """What a printed page of an analysis sheet says at its top (the comparison's versions, the axis)."""
    if key == "versions" and b.comparison is not None:
        return f"{b.comparison.old_label} compared with {b.comparison.new_label}"
    if key == "journeys" and b.journey_anchor:
        return f"{b.journey_metric}: {b.journey_anchor}"
    return ""


ANALYSIS_SHEETS: tuple[tuple[str, Callable[[Any, Briefing], None], str], ...] = tuple(
    (key, _analysis_sheet(key), name.lower()) for key, (name, _t, _f) in _ANALYSIS_TABLES.items())

"""The analysis sheets of the summary workbook (Impact, Targets, Plan changes, Journeys, Sources
differ): one table each, and the Summary sheet's lines that point to them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bcpviewer.io.xlsx_cells import (
    BETTER_COLOUR,
    WORSE_COLOUR,
    Column,
    Styled,
    clean,
    figure_cell,
    grade_cell,
    header_text,
    status_cell,
    table_sheet,
    tint,
)
from bcpviewer.model.briefing import Briefing, effect_text, margin_text, outcome_text
from bcpviewer.model.impact import Effect
from bcpviewer.model.records import judged_on
from bcpviewer.model.targets import Outcome
from bcpviewer.model.versions import Change

_EFFECT_FILL = {Effect.IMPROVED: tint(BETTER_COLOUR), Effect.WORSENED: tint(WORSE_COLOUR)}
_OUTCOME_FILL = {Outcome.MET: tint(BETTER_COLOUR), Outcome.MISSED: tint(WORSE_COLOUR)}
_AIM = {True: "at most (lower is better)", False: "at least (higher is better)"}


def analysis_summary(b: Briefing) -> list[tuple[str, Any, Any]]:
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
        concern = Styled("Yes: rated done, metric worse", tint(WORSE_COLOUR), bold=True) if c.concern else "No"
        before, after = c.before, c.after
        fig, change = figure_cell(s), figure_cell(s, difference=True)
        rows.append([
            a.id, a.title, a.owner, status_cell(a.status), concern,
            Styled(effect_text(c.effect), _EFFECT_FILL.get(c.effect)),
            s.name if s is not None else f"{c.metric_text} (no such metric loaded)",
            "Yes" if c.linked_in_app else "No", c.since,
            fig(before.value if before else None), before.period.end if before else None,
            before.period.label if before else None,
            fig(after.value if after else None), after.period.end if after else None,
            after.period.label if after else None,
            change(round(c.change, 10) if c.change is not None else None),
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
        fig, margin = figure_cell(s), figure_cell(s, difference=True)
        rows.append([
            s.name, s.unit or None, t.label, fig(t.target.value), t.target.due, _AIM[t.aim_lower],
            Styled(outcome_text(t.outcome), _OUTCOME_FILL.get(t.outcome), bold=t.outcome is Outcome.MISSED),
            j.period.label if j else None, j.period.end if j else None, fig(j.value if j else None),
            margin(round(t.margin, 10) if t.margin is not None else None), margin_text(t) or None,
            latest.period.label if latest else None, fig(latest.value if latest else None), now,
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
            status_cell(o.status) if o else None, status_cell(n.status) if n else None,
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
            grade_cell(j.grade_reached), j.outcome, *(j.value_at(m) if a else None for m in _MONTHS_AT),
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
ANALYSIS_TABLES: dict[str, tuple[str, Callable[[Briefing], Table], str]] = {
    "impact": ("Impact", _impact_table, "B2"), "targets": ("Targets", _targets_table, "B2"),
    "versions": ("Plan changes", _changes_table, "B2"), "journeys": ("Journeys", _journeys_table, "B2"),
    "disagreements": ("Sources differ", _disagreements_table, "C2"),
}




def _analysis_sheet(key: str) -> Callable[[Any, Briefing], None]:
    def write(wb: Any, b: Briefing) -> None:
        name, table, freeze = ANALYSIS_TABLES[key]
        columns, rows = table(b)
        ws = table_sheet(wb, name, columns, rows, freeze=freeze)
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
    (key, _analysis_sheet(key), name.lower()) for key, (name, _t, _f) in ANALYSIS_TABLES.items())

"""The analyses in a briefing pack: progress against impact, targets, plan changes, journeys, disagreements."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor

from bcpviewer.model import briefing as bf
from bcpviewer.model.briefing import Briefing
from bcpviewer.model.impact import Effect, ImpactCheck, figure
from bcpviewer.model.journeys import judged_on, median_months_to_reinspection
from bcpviewer.model.records import Observation
from bcpviewer.model.spans import format_date
from bcpviewer.model.targets import Outcome, TargetCheck
from bcpviewer.model.versions import ActionChange, Change
from bcpviewer.plots import style
from bcpviewer.report.journey_chart import JourneyChart, legend_height
from bcpviewer.report.page import MUTED, Flow, Fonts
from bcpviewer.report.sections import MAX_TABLE_ROWS, grade_cell, ref, status_cell
from bcpviewer.report.tables import Cell, Column, add_table

BETTER_FILL = style.tint(style.OKABE_ITO["bluish_green"], 0.22)
WORSE_FILL = style.tint(style.OKABE_ITO["vermillion"], 0.22)


def _capped(n: int) -> str:
    return (f" The first {MAX_TABLE_ROWS} are listed; the summary workbook lists all {n:,}."
            if n > MAX_TABLE_ROWS else "")


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


# -- progress against impact -------------------------------------------------------------------------------
def effect_cell(effect: Effect, strong: bool = False) -> Cell:
    fill = WORSE_FILL if effect is Effect.WORSENED else BETTER_FILL if effect is Effect.IMPROVED else None
    return Cell(bf.effect_text(effect), fill=fill, bold=strong,
                ink=MUTED if effect is Effect.NO_DATA else None)


_IMPACT_COLUMNS = [Column("ID", 1, fit=True), Column("Action", 3.6), Column("Status", 1, fit=True),
                   Column("Metric", 2.4), Column("Before the action", 1.7), Column("Latest", 1.7),
                   Column("Effect", 2.0)]


def _impact_row(b: Briefing, c: ImpactCheck) -> list[Cell | str | None]:
    a = c.action
    since = f"\nfrom {format_date(c.since)}" if c.since else ""
    if c.series is None:
        metric = Cell(f"{c.metric_text}\n(no such metric loaded)", ink=MUTED)
    else:
        how = "\nlinked in the app" if c.linked_in_app else ""
        metric = Cell(f"{c.series.name}{ref(b.reference_for(c.series.source))}{how}")
    unit = c.series.unit if c.series is not None else ""
    before = _figure_lines(c.before, unit)
    if c.baseline_after_start and c.before is not None:
        before += "\n(first figure after the start)"
    return [a.id, a.title + since, status_cell(a.status), metric, before, _figure_lines(c.after, unit),
            effect_cell(c.effect, strong=c.concern)]


def _figure_lines(o: Observation | None, unit: str) -> str:
    if o is None or o.value is None:
        return "–"
    return f"{figure(o.value, unit)}\n{o.period.label}"


def impact_section(flow: Flow, b: Briefing, f: Fonts) -> None:
    mm = flow.geometry.mm
    checks = b.impact
    concerns = b.impact_concerns
    flow.heading("Progress against impact", f.h1, keep=mm(25))
    flow.paragraph("Each action that names a metric (in the tracker's Metric column, or linked in the app): "
                   "the metric's figure before the action started against its latest figure as at "
                   f"{format_date(b.as_of)}, read the way the metric is read (lower or higher is better). "
                   f"{_effect_key()}", f.small, colour=MUTED, after=mm(2))
    worse = sum(1 for c in checks if c.effect is Effect.WORSENED)
    better = sum(1 for c in checks if c.effect is Effect.IMPROVED)
    none = sum(1 for c in checks if c.effect is Effect.NO_DATA)
    flow.paragraph(f"{_plural(len(checks), 'action')} name{'s' * (len(checks) == 1)} a metric: {len(concerns):,} rated Green or Complete "
                   f"while the metric got worse; {worse:,} got worse in all; {better:,} improved; "
                   f"{none:,} with no figures to compare.", f.body, after=mm(2))
    flow.heading("Rated Green or Complete, but the metric got worse", f.h2, before=mm(2), keep=mm(16))
    if concerns:
        flow.paragraph("The check scrutiny asks for: the action is reported as on track or done, yet the "
                       "figure it should move went the wrong way." + _capped(len(concerns)), f.small,
                       colour=MUTED, after=mm(1.5))
        add_table(flow, _IMPACT_COLUMNS, [_impact_row(b, c) for c in concerns[:MAX_TABLE_ROWS]], f.table,
                  f.table_bold)
    else:
        flow.paragraph("None: no action rated Green or Complete has a metric that got worse.", f.body)
    rest = tuple(c for c in checks if not c.concern)
    if rest:
        flow.heading("Other actions with a metric", f.h2, before=mm(5), keep=mm(16))
        flow.paragraph("Got worse first, then no change, then improved; each in ID order."
                       + _capped(len(rest)), f.small, colour=MUTED, after=mm(1.5))
        add_table(flow, _IMPACT_COLUMNS, [_impact_row(b, c) for c in rest[:MAX_TABLE_ROWS]], f.table,
                  f.table_bold)


def _effect_key() -> str:
    glyph = bf.EFFECT_GLYPHS
    return (f"{glyph[Effect.IMPROVED]} improved · {glyph[Effect.WORSENED]} got worse · "
            f"{glyph[Effect.UNCHANGED]} no change · {glyph[Effect.NO_DIRECTION]} changed, "
            "no better direction.")


# -- targets -------------------------------------------------------------------------------------------------
def outcome_cell(outcome: Outcome) -> Cell:
    fill = BETTER_FILL if outcome is Outcome.MET else WORSE_FILL if outcome is Outcome.MISSED else None
    return Cell(bf.outcome_text(outcome), fill=fill, bold=outcome is Outcome.MISSED,
                ink=MUTED if outcome in (Outcome.NO_DATE,) else None)


_TARGET_COLUMNS = [Column("Metric", 2.8), Column("Target", 2.6), Column("Outcome", 1.6),
                   Column("Judged on", 2), Column("By how much", 2), Column("Latest", 2.2)]


def _target_row(b: Briefing, t: TargetCheck) -> list[Cell | str | None]:
    s = t.series
    label = t.label + ("\nentered in the app" if t.entered_in_app else "")
    judged = bf.observation_text(t.judged_on, s.unit) if t.judged_on else "–"
    if t.skipped:
        judged += "\nearlier figures suppressed: " + ", ".join(o.period.label for o in t.skipped)
    latest = bf.observation_text(t.latest, s.unit)
    if t.meeting_now is not None:
        latest += "\nmeets the target" if t.meeting_now else "\ndoes not meet the target"
    margin = bf.margin_text(t)
    if not margin:
        margin = (f"due {format_date(t.target.due)}" if t.outcome is Outcome.NOT_YET_DUE and t.target.due
                  else "–")
    return [Cell(f"{s.name}{ref(b.reference_for(s.source))}", bold=True), label, outcome_cell(t.outcome),
            judged, Cell(margin, bold=t.outcome is Outcome.MISSED), latest]


def targets_section(flow: Flow, b: Briefing, f: Fonts) -> None:
    mm = flow.geometry.mm
    checks = b.targets
    flow.heading("Targets", f.h1, keep=mm(25))
    flow.paragraph("Each target is judged on the first figure for a period ending on or after its date "
                   f"(figures as at {format_date(b.as_of)}); before that date it is not yet due. "
                   f"{bf.OUTCOME_GLYPHS[Outcome.MET]} met · {bf.OUTCOME_GLYPHS[Outcome.MISSED]} missed · "
                   f"{bf.OUTCOME_GLYPHS[Outcome.NOT_YET_DUE]} not yet due · "
                   f"{bf.OUTCOME_GLYPHS[Outcome.NO_FIGURE]} due, no figure yet.", f.small, colour=MUTED,
                   after=mm(2))
    counts = {o: sum(1 for t in checks if t.outcome is o) for o in Outcome}
    parts = [f"{counts[o]:,} {o.label.lower()}" for o in Outcome if counts[o]]
    flow.paragraph(f"{_plural(len(checks), 'target')}: {', '.join(parts)}.", f.body, after=mm(2))
    ordered = sorted(checks, key=lambda t: (_OUTCOME_ORDER[t.outcome], t.target.due or b.as_of))
    add_table(flow, _TARGET_COLUMNS, [_target_row(b, t) for t in ordered[:MAX_TABLE_ROWS]], f.table,
              f.table_bold)
    if len(ordered) > MAX_TABLE_ROWS:
        flow.paragraph(_capped(len(ordered)).strip(), f.small, colour=MUTED)


_OUTCOME_ORDER = {Outcome.MISSED: 0, Outcome.NO_FIGURE: 1, Outcome.MET: 2, Outcome.NOT_YET_DUE: 3,
                  Outcome.NO_DATE: 4}


# -- changes to the plan -----------------------------------------------------------------------------------
def _id_cell(r: ActionChange) -> str:
    a = r.action
    if r.old is not None and r.new is not None and r.old.id != r.new.id:
        return f"{r.new.id}\n(was {r.old.id})"
    return a.id


def versions_section(flow: Flow, b: Briefing, f: Fonts) -> None:
    mm = flow.geometry.mm
    c = b.comparison
    assert c is not None
    flow.heading("Changes to the plan", f.h1, keep=mm(25))
    flow.paragraph(f"{c.old_label} compared with {c.new_label}. Actions are matched by ID, else by how alike "
                   "their titles are (plans are often renumbered when refreshed).", f.small, colour=MUTED,
                   after=mm(2))
    flow.paragraph(c.summary()[:1].upper() + c.summary()[1:], f.bold, after=mm(2))
    groups: list[tuple[Change, str, list[Column], list[list[Cell | str | None]]]] = []
    redated = sorted(c.with_change(Change.REDATED), key=lambda r: (-(r.shift_days or 0), r.action.id))
    groups.append((Change.REDATED, "Re-dated: the expected date moved (later first)",
                   [Column("ID", 1, fit=True), Column("Action", 4), Column("Due before", 1, fit=True),
                    Column("Due now", 1, fit=True), Column("Shift", 1, right=True, fit=True),
                    Column("Owner", 2.4)],
                   [[_id_cell(r), r.action.title, format_date(r.old.current_due if r.old else None, "none"),
                     format_date(r.new.current_due if r.new else None, "none"),
                     Cell(bf.shift_text(r.shift_days), bold=True,
                          ink=QColor(style.OVERDUE_TEXT) if (r.shift_days or 0) > 0 else None),
                     r.action.owner or "not named"] for r in redated]))
    groups.append((Change.ADDED, f"Added: in {c.new_label} only",
                   [Column("ID", 1, fit=True), Column("Action", 5), Column("Owner", 2),
                    Column("Due", 1, fit=True), Column("Status", 1, fit=True)],
                   [[r.action.id, r.action.title, r.action.owner or "not named",
                     format_date(r.action.current_due, "none"), status_cell(r.action.status)]
                    for r in c.with_change(Change.ADDED)]))
    groups.append((Change.DROPPED, f"Dropped: in {c.old_label} only",
                   [Column("ID", 1, fit=True), Column("Action", 5), Column("Owner", 2),
                    Column("Was due", 1, fit=True), Column("Last status", 1, fit=True)],
                   [[r.action.id, r.action.title, r.action.owner or "not named",
                     format_date(r.action.current_due, "none"), status_cell(r.action.status)]
                    for r in c.with_change(Change.DROPPED)]))
    groups.append((Change.REOWNED, "Re-owned: a new owner",
                   [Column("ID", 1, fit=True), Column("Action", 5), Column("Owner before", 2),
                    Column("Owner now", 2)],
                   [[_id_cell(r), r.action.title, (r.old.owner if r.old else None) or "not named",
                     (r.new.owner if r.new else None) or "not named"] for r in c.with_change(Change.REOWNED)]))
    groups.append((Change.RERATED, "Re-rated: a new status",
                   [Column("ID", 1, fit=True), Column("Action", 5), Column("Status before", 1, fit=True),
                    Column("Status now", 1, fit=True)],
                   [[_id_cell(r), r.action.title, status_cell(r.old.status) if r.old else "–",
                     status_cell(r.new.status) if r.new else "–"] for r in c.with_change(Change.RERATED)]))
    empty = []
    for change, title, columns, rows in groups:
        if not rows:
            empty.append(change.label.lower())
            continue
        flow.heading(f"{title} ({len(rows):,})", f.h2, before=mm(4), keep=mm(16))
        if len(rows) > MAX_TABLE_ROWS:
            flow.paragraph(_capped(len(rows)).strip(), f.small, colour=MUTED, after=mm(1))
        add_table(flow, columns, rows[:MAX_TABLE_ROWS], f.table, f.table_bold)
    others = [f"{len(c.with_change(x)):,} {x.label.lower()}" for x in (Change.RETITLED, Change.MOVED)
              if c.with_change(x)]
    tail = []
    if empty:
        tail.append("None " + ", none ".join(empty) + ".")
    if others:
        tail.append(f"Also {' and '.join(others)} (listed in the summary workbook).")
    if tail:
        flow.space(mm(2.5))
        flow.paragraph(" ".join(tail), f.small, colour=MUTED, after=mm(1))


# -- journeys across councils ------------------------------------------------------------------------------
def journeys_section(flow: Flow, b: Briefing, f: Fonts) -> None:
    g = flow.geometry
    mm = g.mm
    js = b.journeys
    anchor = b.journey_anchor or "months since the inadequate judgement"
    flow.heading("Journeys across councils", f.h1, keep=mm(25))
    metric = b.journey_metric or "the metric"
    unit = f" ({b.journey_unit})" if b.journey_unit.strip() else ""
    own = f"; {b.journey_own} is drawn in bold black" if b.journey_own else ""
    flow.paragraph(f"{metric}{unit} for each council, lined up on {anchor}{own}. Each council has its own "
                   "colour, dash and marker; ◇ marks its re-inspection, with the grade reached.", f.small,
                   colour=MUTED, after=mm(2))
    plotted = [j for j in js if any(p.value is not None for p in j.points)]
    if plotted:
        chart = JourneyChart(plotted, b.journey_own, metric, b.journey_unit, anchor, f)
        height = min(flow.body.height() * 0.5, flow.width * (0.62 if not g.landscape else 0.42))
        flow.add(height, chart.draw, keep=mm(2))
        key_h = legend_height(flow, plotted, f)
        flow.space(mm(1.5))
        flow.add(key_h, chart.draw_legend)
    else:
        flow.paragraph(f"No council has figures for {metric} to draw.", f.body)
    inadequate = "inadequate" in anchor.lower()
    rows = []
    for j in js:
        a, r = j.anchor, j.reinspection
        months = j.months_to_reinspection
        if months is not None:
            m_text = f"{months:.0f}"
        elif j.months_so_far is not None:
            m_text = f"{j.months_so_far:.0f} so far"
        else:
            m_text = "–"
        rows.append([Cell(j.council, bold=j.council == b.journey_own),
                     format_date(judged_on(a)) if a else Cell("not in the outcomes table", ink=MUTED),
                     format_date(judged_on(r)) if r else Cell("not yet" if a else "–", ink=MUTED),
                     m_text, grade_cell(j.grade_reached, short=True) if r else Cell("–", ink=MUTED)])
    flow.heading("Time to re-inspection", f.h2, before=mm(4), keep=mm(16))
    median = median_months_to_reinspection(js)
    done = sum(1 for j in js if j.months_to_reinspection is not None)
    said = (f"Median {median:.0f} months from judgement to re-inspection ({_plural(done, 'council')} "
            "re-inspected). " if median is not None else "")
    flow.paragraph(said + "Dates are when each report was published.", f.small, colour=MUTED, after=mm(1.5))
    add_table(flow, [Column("Council", 4), Column("Judged inadequate" if inadequate else "Anchor event", 1.6,
                                                   fit=True),
                     Column("Re-inspected", 1.6, fit=True), Column("Months", 1, right=True, fit=True),
                     Column("Grade reached", 1.6, fit=True)], rows, f.table, f.table_bold)


# -- where sources disagree --------------------------------------------------------------------------------
def disagreements_section(flow: Flow, b: Briefing, f: Fonts) -> None:
    mm = flow.geometry.mm
    found = b.disagreements
    flow.heading("Where sources disagree", f.h1, keep=mm(25))
    flow.paragraph("Two or more sources give different dates, grades or figures for the same event or figure. "
                   "Both accounts are kept in the data and shown side by side; neither has been chosen over "
                   "the other. Numbers refer to the Sources list at the end.", f.small, colour=MUTED,
                   after=mm(2))
    sources = {s.id: s for s in b.sources}
    rows = []
    for d in found[:MAX_TABLE_ROWS]:
        said = "\n".join(f"• {c.value} — {c.cited(sources)}{ref(b.reference_for(c.source))}"
                         for c in d.claims)
        rows.append([Cell(d.subject, bold=True), d.field, said])
    add_table(flow, [Column("Event or figure", 3), Column("What differs", 1.6), Column("What each source says",
                                                                                       6, max_lines=12)],
              rows, f.table, f.table_bold)
    if len(found) > MAX_TABLE_ROWS:
        flow.paragraph(_capped(len(found)).strip(), f.small, colour=MUTED)


def add_analyses(flow: Flow, b: Briefing, f: Fonts, keys: Sequence[str], titles: dict[str, str]) -> None:
    """The analysis sections among ``keys`` that the briefing shows, each on a new page."""
    draw = {"impact": impact_section, "targets": targets_section, "versions": versions_section,
            "journeys": journeys_section, "disagreements": disagreements_section}
    for key in keys:
        if b.shows(key):
            flow.start_section(titles[key])
            draw[key](flow, b, f)

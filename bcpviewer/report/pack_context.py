"""The context in the pack: changes to the plan, the timeline (one landscape overview, then a chronology
table), journeys across councils and where sources disagree."""

from __future__ import annotations

from collections.abc import Callable

from bcpviewer.model.briefing import Briefing, shift_text
from bcpviewer.model.journeys import judged_on, median_months_to_reinspection
from bcpviewer.model.keys import item_key
from bcpviewer.model.spans import SpanKind, format_date
from bcpviewer.model.versions import ActionChange, Change
from bcpviewer.plots.journey_chart import short_name
from bcpviewer.report import typst_markup as t
from bcpviewer.report.figures import Chart
from bcpviewer.report.pack_front import MAX_TABLE_ROWS, capped, grade_cell, ref, status_cell

AddChart = Callable[[Chart], str]


# -- changes to the plan -------------------------------------------------------------------------------------
def _id(r: ActionChange) -> str:
    if r.old is not None and r.new is not None and r.old.id != r.new.id:
        return f"{r.new.id}\n(was {r.old.id})"
    return r.action.id


def versions(b: Briefing) -> str:
    c = b.comparison
    if not b.shows("versions") or c is None:
        return ""
    out = [t.heading(1, "Changes to the plan", page_break=True),
           t.note(f"{c.old_label} compared with {c.new_label}. Actions are matched by ID, else by how alike their "
                  "titles are (plans are often renumbered when refreshed)."),
           t.par(t.strong(c.summary()[:1].upper() + c.summary()[1:]))]
    redated = sorted(c.with_change(Change.REDATED), key=lambda r: (-(r.shift_days or 0), r.action.id))
    groups = [
        (Change.REDATED, "Re-dated: the expected date moved (later first)",
         ["ID", "Action", "Due before", "Due now", "Shift", "Owner"],
         [[_id(r), r.action.title, format_date(r.old.current_due if r.old else None, "none"),
           format_date(r.new.current_due if r.new else None, "none"),
           t.Cell(shift_text(r.shift_days), bold=True, right=True), r.action.owner or "not named"] for r in redated]),
        (Change.ADDED, f"Added: in {c.new_label} only", ["ID", "Action", "Owner", "Due", "Status"],
         [[r.action.id, r.action.title, r.action.owner or "not named", format_date(r.action.current_due, "none"),
           status_cell(r.action.status)] for r in c.with_change(Change.ADDED)]),
        (Change.DROPPED, f"Dropped: in {c.old_label} only", ["ID", "Action", "Owner", "Was due", "Last status"],
         [[r.action.id, r.action.title, r.action.owner or "not named", format_date(r.action.current_due, "none"),
           status_cell(r.action.status)] for r in c.with_change(Change.DROPPED)]),
        (Change.REOWNED, "Re-owned: a new owner", ["ID", "Action", "Owner before", "Owner now"],
         [[_id(r), r.action.title, (r.old.owner if r.old else None) or "not named",
           (r.new.owner if r.new else None) or "not named"] for r in c.with_change(Change.REOWNED)]),
        (Change.RERATED, "Re-rated: a new status", ["ID", "Action", "Status before", "Status now"],
         [[_id(r), r.action.title, status_cell(r.old.status) if r.old else "–",
           status_cell(r.new.status) if r.new else "–"] for r in c.with_change(Change.RERATED)]),
    ]
    empty = []
    for change, title, head, rows in groups:
        if not rows:
            empty.append(change.label.lower())
            continue
        out.append(t.heading(2, f"{title} ({len(rows):,})"))
        if len(rows) > MAX_TABLE_ROWS:
            out.append(t.note(capped(len(rows)).strip()))
        cols = ["auto", "2.5fr", *(["1fr"] * (len(head) - 2))]
        out.append(t.table(cols, head, rows[:MAX_TABLE_ROWS]))  # type: ignore[arg-type]
    others = [f"{len(c.with_change(x)):,} {x.label.lower()}" for x in (Change.RETITLED, Change.MOVED)
              if c.with_change(x)]
    tail = (["None " + ", none ".join(empty) + "."] if empty else []) + (
        [f"Also {' and '.join(others)} (listed in the summary workbook)."] if others else [])
    if tail:
        out.append(t.note(" ".join(tail)))
    return "".join(out)


# -- timeline ------------------------------------------------------------------------------------------------
def timeline(b: Briefing, add: AddChart, make: Callable[[], Chart | None]) -> str:
    """A landscape page with the whole plan, then every event and milestone in a chronology table."""
    if not b.has("timeline") or b.period is None or not (b.selection.actions or b.selection.events):
        return ""
    chart = make()
    out = []
    if chart is not None:
        out.append("#page(flipped: true)[\n" + t.heading(1, "Timeline")
                   + t.figure(add(chart), chart.alt, t.q(
                       f"The plan from {format_date(b.period.start)} to {format_date(b.period.end)}: events by kind, "
                       "workstreams folded to one row each. Labels that would overlap are left off the drawing; "
                       "every event is in the chronology that follows."), width="100%") + "]\n")
    else:
        out.append(t.heading(1, "Timeline", page_break=True))
    disputed = {k: d.field for d in b.disagreements for k in d.keys}
    rows: list[tuple[object, list[t.Cell | str | None]]] = []
    for e in b.selection.events:
        when = e.when_label + (" (approximate)" if e.precision is not SpanKind.DAY else "")
        field = disputed.get(item_key(e))
        if field:
            when += f"\nsources disagree on the {field}"
        rows.append((e.start, [when, t.Cell(e.kind.label, bold=e.kind.is_inspection),
                               f"{e.title}{ref(b.reference_for(e.source))}"]))
    for a in b.selection.actions:
        if a.completed:
            rows.append((a.completed, [format_date(a.completed), "Action completed", f"{a.id}: {a.title}"]))
    rows.sort(key=lambda r: r[0])  # type: ignore[arg-type, return-value]
    out.append(t.heading(2, f"Chronology ({len(rows):,} entries)"))
    out.append(t.note("Events with dates as precise as the data (a month or a year where that is all that is "
                      "known, marked approximate; where sources disagree, it says so), and the dates actions were "
                      "completed." + capped(len(rows))))
    out.append(t.table(["auto", "1fr", "3fr"], ["When", "What", "Event or action [source]"],
                       [r for _d, r in rows[:MAX_TABLE_ROWS]]))
    return "".join(out)


# -- journeys ------------------------------------------------------------------------------------------------
def journeys(b: Briefing, add: AddChart, make: Callable[[], Chart | None]) -> str:
    if not b.shows("journeys"):
        return ""
    anchor = b.journey_anchor or "months since the inadequate judgement"
    metric = b.journey_metric or "the metric"
    out = [t.heading(1, "Journeys across councils", page_break=True),
           t.note(f"{metric}{f' ({b.journey_unit})' if b.journey_unit.strip() else ''} for each council, lined up "
                  f"on {anchor}. The same chart as in the app: each council has its own colour, dash and "
                  "marker; a star marks its re-inspection, with the grade reached.")]
    chart = make()
    if chart is not None:
        out.append(t.figure(add(chart), chart.alt, None))
    else:
        out.append(t.par(t.q(f"No council has figures for {metric} to draw.")))
    rows = []
    for j in b.journeys:
        a, r = j.anchor, j.reinspection
        months = (f"{j.months_to_reinspection:.0f}" if j.months_to_reinspection is not None else
                  f"{j.months_so_far:.0f} so far" if j.months_so_far is not None else "–")
        rows.append([t.Cell(short_name(j.council), bold=j.council == b.journey_own),
                     format_date(judged_on(a)) if a else "not in the outcomes table",
                     format_date(judged_on(r)) if r else ("not yet" if a else "–"), t.Cell(months, right=True),
                     grade_cell(j.grade_reached) if r else "–"])
    median = median_months_to_reinspection(b.journeys)
    done = sum(1 for j in b.journeys if j.months_to_reinspection is not None)
    said = (f"Median {median:.0f} months from judgement to re-inspection ({done:,} re-inspected). "
            if median is not None else "")
    out += [t.heading(2, "Time to re-inspection"), t.note(said + "Dates are when each report was published."),
            t.table(["2fr", "1fr", "1fr", "auto", "1fr"],
                    ["Council", "Judged inadequate" if "inadequate" in anchor.lower() else "Anchor event",
                     "Re-inspected", "Months", "Grade reached"], rows)]
    return "".join(out)


# -- disagreements -------------------------------------------------------------------------------------------
def disagreements(b: Briefing) -> str:
    if not b.shows("disagreements"):
        return ""
    sources = {s.id: s for s in b.sources}
    rows = [[t.Cell(d.subject, bold=True), d.field,
             "\n".join(f"{c.value}: {c.cited(sources)}{ref(b.reference_for(c.source))}" for c in d.claims)]
            for d in b.disagreements[:MAX_TABLE_ROWS]]
    return (t.heading(1, "Where sources disagree", page_break=True)
            + t.note("Two or more sources give different dates, grades or figures for the same event or figure. "
                     "Both accounts are kept and shown side by side; neither has been chosen over the other."
                     + capped(len(b.disagreements)))
            + t.table(["1.3fr", "1fr", "2.5fr"], ["Event or figure", "What differs", "What each source says"], rows))

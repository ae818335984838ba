"""The front of the pack, in the order a committee reads it: cover (purpose, recommendation, caveats),
key messages, plan progress by workstream, overdue and at-risk actions, inspections and visits."""

from __future__ import annotations

from datetime import UTC

import bcpviewer
from bcpviewer.model.briefing import ActionRow, Briefing
from bcpviewer.model.briefing_content import PROGRESS_COLUMNS, TOTAL
from bcpviewer.model.briefing_words import published_text
from bcpviewer.model.spans import format_date
from bcpviewer.model.vocab import SUBJUDGEMENTS, Grade, Status
from bcpviewer.report import typst_markup as t

MAX_TABLE_ROWS = 250  # a briefing pack lists this many at most; the workbook has them all
STATUS_FILL = {Status.RED: "#F4C7C3", Status.AMBER: "#FBE3B5", Status.GREEN: "#CDEBD8",
               Status.COMPLETE: "#CFE0F5"}
GRADE_FILL = {Grade.INADEQUATE: "#F4C7C3", Grade.REQUIRES_IMPROVEMENT: "#FBE3B5", Grade.GOOD: "#CDEBD8",
              Grade.OUTSTANDING: "#CFE0F5"}


def ref(n: int | None) -> str:
    return f" [{n}]" if n else ""


def capped(n: int) -> str:
    return (f" The first {MAX_TABLE_ROWS} are listed; the summary workbook lists all {n:,}."
            if n > MAX_TABLE_ROWS else "")


def status_cell(status: Status) -> t.Cell:
    """The status in words; the fill only repeats it."""
    return t.Cell(status.label, fill=STATUS_FILL.get(status))


def grade_cell(grade: Grade | None, short: bool = True) -> t.Cell:
    if grade is None:
        return t.Cell("–")
    return t.Cell(grade.short if short else grade.label, fill=GRADE_FILL.get(grade))


# -- cover -----------------------------------------------------------------------------------------------
def cover(b: Briefing) -> str:
    o = b.options
    out = [f"#text(size: 13pt, fill: rgb({t.q(t.MUTED)}), {t.q('Briefing pack')})\n",
           f"#heading(level: 1, outlined: false, bookmarked: true, {t.q(b.title)})\n"]
    if b.council:
        out.append(f"#text(size: 15pt, strong({t.q(b.council)}))\n")
    meeting = ", ".join(x for x in (o.meeting.strip(), format_date(o.meeting_date)) if x)
    facts: list[tuple[str, str]] = [
        ("Meeting", meeting or "not stated"),
        ("Prepared by", o.author.strip() or "not stated"),
        ("Period covered", b.period_text),
        ("Figures as at", format_date(b.as_of)
         + (f" (tracker last updated {format_date(b.data_as_at)})" if b.data_as_at else "")),
        ("Generated", f"{format_date(b.generated.date())} at {b.generated.astimezone(UTC):%H:%M} UTC by BCP Viewer "
                      f"{bcpviewer.__version__}"),
    ]
    rows = [[t.Cell(k, bold=True), v] for k, v in facts]
    out.append("#v(4mm)\n" + t.table(["auto", "1fr"], ["About this pack", ""], rows))
    out.append(t.heading(2, "Purpose", outlined=False))
    out.append(t.par(t.q(b.purpose)))
    out.append(t.heading(2, "Recommendation", outlined=False))
    out.append(t.par(t.strong(b.recommendation)))
    if b.caveats:
        out.append(t.heading(2, "Before you rely on these figures", outlined=False))
        out.append(t.bullets(t.q(c) for c in b.caveats))
    out.append(t.note("Colours always come with a word, so the pack reads the same printed in black and white. "
                      "Private notes are never included. Numbers in square brackets refer to the numbered "
                      "sources at the end."))
    out.append("#pagebreak()\n#outline(title: [Contents], depth: 1)\n")
    return "".join(out)


# -- key messages and plan progress -------------------------------------------------------------------------
def key_messages(b: Briefing) -> str:
    if not b.key_messages:
        return ""
    intro = ("Written by the author of this pack." if b.options.key_messages is not None else
             "Written from the data by BCP Viewer; the author can edit them before the pack is sent.")
    return t.heading(1, "Key messages") + t.note(intro) + t.bullets(t.q(m) for m in b.key_messages)


def plan_progress(b: Briefing) -> str:
    if not b.progress:
        return ""
    used = [i for i, _ in enumerate(PROGRESS_COLUMNS) if any(r.counts[i] for r in b.progress)
            or PROGRESS_COLUMNS[i][0] is not Status.UNKNOWN]
    header = ["Workstream", *(PROGRESS_COLUMNS[i][1] for i in used), "Total", "Overdue"]
    rows = []
    for r in b.progress:
        bold = r.workstream == TOTAL
        rows.append([t.Cell(r.workstream, bold=bold),
                     *(t.Cell(f"{r.counts[i]:,}", bold=bold, right=True) for i in used),
                     t.Cell(f"{r.total:,}", bold=True, right=True),
                     t.Cell(f"{r.overdue:,}", bold=bold or r.overdue > 0, right=True)])
    cols = ["1fr", *(["auto"] * (len(header) - 1))]
    return (t.heading(1, "Plan progress by workstream")
            + t.note(f"Actions in the period by their latest status (as at {format_date(b.data_as_at)} in the "
                     f"tracker), with how many are overdue. {b.overdue_counted}. "
                     "Complete includes Blue in BRAG trackers. A period never hides an overdue action.")
            + t.table(cols, header, rows))


# -- exceptions ----------------------------------------------------------------------------------------------
def _update(r: ActionRow, drop: str) -> str:
    """The action's latest update or mitigation: its newest status note, else its notes."""
    notes = [h.note for h in r.action.history if h.note]
    text = (notes[-1] if notes else r.action.notes or "").strip()
    if drop and text.startswith(drop):
        text = text[len(drop):].strip()
    return text or "No update recorded"


def _shared_opening(rows: tuple[ActionRow, ...]) -> str:
    """A first sentence every action's notes share (the sample's "Illustrative example, ..."), or ""."""
    firsts = {(r.action.notes or "").split(". ")[0] for r in rows}
    if len(firsts) == 1 and len(rows) > 1:
        first = firsts.pop().strip()
        return first + "." if first else ""
    return ""


def exceptions(b: Briefing) -> str:
    out = [t.heading(1, "Overdue and at-risk actions", page_break=True)]
    overdue, risky = b.overdue, b.at_risk
    drop = _shared_opening(b.actions)
    if drop:
        out.append(t.note(f"Every action's notes begin \u201c{drop}\u201d; that sentence is left out of the "
                          "updates below."))
    out.append(t.heading(2, f"Overdue actions ({len(overdue):,})"))
    out.append(t.note(f"Not complete by their current due date; longest overdue first, whatever period the "
                      f"pack covers. {b.overdue_counted}." + capped(len(overdue))))
    if overdue:
        rows = []
        for r in overdue[:MAX_TABLE_ROWS]:
            a, o = r.action, r.overdue
            assert o is not None
            first = f"first due {format_date(a.due)}" if a.revised_due else ""
            rows.append([t.Cell(a.id, bold=True), f"{a.title}\n{a.workstream or ''}".strip(),
                         a.owner or "not named", "\n".join(x for x in (format_date(o.due), first) if x),
                         t.Cell(f"{o.days_late:,}", bold=True, right=True), status_cell(a.status),
                         _update(r, drop)])
        # the owner column fits a long word ("Commissioning", "Intelligence") without running into the next
        out.append(t.table(["auto", "1.8fr", "1.45fr", "1.1fr", "auto", "0.9fr", "1.8fr"],
                           ["ID", "Action and workstream", "Owner", "Due now", "Days late", "Status",
                            "Latest update"], rows))
    else:
        out.append(t.par(t.q("No actions are overdue.")))
    out.append(t.heading(2, f"At-risk actions ({len(risky):,})"))
    out.append(t.note("Rated Red or Amber and not yet past their due date; soonest due first." + capped(len(risky))))
    if risky:
        rows = [[t.Cell(r.action.id, bold=True), f"{r.action.title}\n{r.action.workstream or ''}".strip(),
                 r.action.owner or "not named", format_date(r.action.current_due, "not given"),
                 status_cell(r.action.status), _update(r, drop)] for r in risky[:MAX_TABLE_ROWS]]
        out.append(t.table(["auto", "1.8fr", "1.45fr", "1.1fr", "0.9fr", "1.8fr"],
                           ["ID", "Action and workstream", "Owner", "Due", "Status", "Latest update"], rows))
    else:
        out.append(t.par(t.q("No actions are at risk.")))
    return "".join(out)


# -- inspections ---------------------------------------------------------------------------------------------
def inspections(b: Briefing) -> str:
    events = b.inspections
    if not events:
        return ""
    out = [t.heading(1, "Inspections and visits", page_break=True),
           t.note("Ofsted inspections and visits in the period: dates as precise as the data, the grade of each "
                  "judgement, and the theme and findings where the data has them. Monitoring visits are not "
                  "graded. RI: requires improvement to be good.")]
    rows = []
    for e in events:
        when = e.when_label + (f"\npublished {published_text(e)}" if e.published else "")
        graded = "; ".join(f"{label}: {g.short}" for key, label in SUBJUDGEMENTS
                           if key != "overall" and (g := e.grades.get(key)) is not None)
        found = "\n".join(x for x in (e.theme and f"Theme: {e.theme}", graded, e.notes) if x)
        rows.append([t.Cell(e.kind.label, bold=True), f"{e.title}{ref(b.reference_for(e.source))}", when,
                     grade_cell(e.overall), found or "–"])
    out.append(t.table(["1fr", "1.6fr", "1.1fr", "auto", "2.2fr"],
                       ["Kind", "Inspection or visit [source]", "Dates", "Overall", "Grades, theme and findings"],
                       rows))
    return "".join(out)

"""What real committee packs carry besides tables: caveats, key messages, plan progress by workstream,
questions for members and a glossary of the abbreviations used, all worked out from the briefing's data."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bcpviewer.model import glance as g
from bcpviewer.model.briefing_words import margin_text
from bcpviewer.model.scorecard import ScoreRow, scorecard
from bcpviewer.model.spans import SpanKind, format_date
from bcpviewer.model.targets import Outcome
from bcpviewer.model.vocab import Status

if TYPE_CHECKING:
    from bcpviewer.model.briefing import Briefing

DEFAULT_PURPOSE = ("To brief members on progress with the children's services improvement plan, the "
                   "inspection findings and the measures that show whether children's experiences are improving.")
DEFAULT_RECOMMENDATION = "That the committee notes this briefing and scrutinises the progress and the concerns it raises."
# Columns of the plan-progress table, in the order trackers report them ("Blue" is complete in BRAG).
PROGRESS_COLUMNS: tuple[tuple[Status, str], ...] = (
    (Status.COMPLETE, "Complete (Blue)"), (Status.GREEN, "Green"), (Status.AMBER, "Amber"),
    (Status.RED, "Red"), (Status.NOT_STARTED, "Not started"), (Status.UNKNOWN, "Not stated"),
)
NO_WORKSTREAM = "No workstream given"
TOTAL = "Total"
MAX_QUESTIONS_EACH = 3  # questions of one kind (overdue, worse measures, ...): the first few, worst first
_ILLUSTRATIVE = re.compile(r"\b(illustrative|fictional|synthetic|made[- ]up)\b", re.IGNORECASE)

# Abbreviations a pack may use, with what they stand for; the glossary lists those the pack uses.
ABBREVIATIONS: dict[str, str] = {
    "BRAG": "Blue, Red, Amber, Green: a tracker's status colours (Blue is complete)",
    "CIN": "Child in need",
    "CLA": "Children looked after (in care)",
    "CP": "Child protection",
    "DfE": "Department for Education",
    "FTE": "Full-time equivalent",
    "FV": "Focused visit (Ofsted)",
    "HMI": "His Majesty's Inspector (Ofsted)",
    "HMO": "House in multiple occupation",
    "ILACS": "Inspecting local authority children's services (Ofsted's framework since 2018)",
    "JTAI": "Joint targeted area inspection",
    "LA": "Local authority",
    "MASH": "Multi-agency safeguarding hub",
    "MV": "Monitoring visit (Ofsted)",
    "NEET": "Not in education, employment or training",
    "O&S": "Overview and scrutiny (committee)",
    "Ofsted": "Office for Standards in Education, Children's Services and Skills",
    "RAG": "Red, Amber, Green: a tracker's status colours",
    "RI": "Requires improvement to be good (an Ofsted grade)",
    "SEND": "Special educational needs and disabilities",
    "SIF": "Single inspection framework (Ofsted, 2013 to 2017)",
}


@dataclass(frozen=True, slots=True)
class WorkstreamCount:
    """One row of the plan-progress table: actions by status, their total and how many are overdue."""

    workstream: str
    counts: tuple[int, ...]  # in PROGRESS_COLUMNS order
    total: int
    overdue: int


def with_content(b: Briefing) -> Briefing:
    """``b`` with its caveats, key messages, plan progress and questions filled in."""
    b = replace(b, scorecard=scorecard(b.series, b.as_of))
    b = replace(b, caveats=caveats(b), progress=progress(b), questions=questions(b))
    key = b.options.key_messages
    return replace(b, key_messages=tuple(m.strip() for m in key if m.strip()) if key is not None else key_messages(b))


def progress(b: Briefing) -> tuple[WorkstreamCount, ...]:
    """Actions in scope by workstream (in the tracker's order) and status, then the total row."""
    order: dict[str, list[int]] = {}
    overdue: dict[str, int] = {}
    index = {s: i for i, (s, _label) in enumerate(PROGRESS_COLUMNS)}
    for r in b.actions:
        name = (r.action.workstream or "").strip() or NO_WORKSTREAM
        row = order.setdefault(name, [0] * len(PROGRESS_COLUMNS))
        row[index[Status.COMPLETE if r.action.is_complete else r.action.status]] += 1
        overdue[name] = overdue.get(name, 0) + (r.overdue is not None)
    if not order:
        return ()
    rows = [WorkstreamCount(n, tuple(c), sum(c), overdue[n]) for n, c in order.items()]
    total = tuple(sum(r.counts[i] for r in rows) for i in range(len(PROGRESS_COLUMNS)))
    return (*rows, WorkstreamCount(TOTAL, total, sum(total), sum(overdue.values())))


def caveats(b: Briefing) -> tuple[str, ...]:
    """What a reader must know before relying on the pack: illustrative data, dates, disagreements."""
    out: list[str] = []
    acts = [r.action for r in b.actions]
    said = [a for a in acts if _ILLUSTRATIVE.search(" ".join(filter(None, (a.notes, a.source))))]
    if said:
        out.append(f"The tracker's actions are illustrative, not the council's real plan: {len(said):,} of "
                   f"{len(acts):,} actions say so in their notes. Use the figures for the method, not as facts "
                   "about the council.")
    elif acts:
        out.append("The actions and their statuses are as the tracker reports them; they have not been "
                   "checked against the council's own records.")
    targets = [t for s in b.series for t in s.targets if _ILLUSTRATIVE.search(t.label)]
    if targets:
        out.append(f"{len(targets):,} metric target{'s are' if len(targets) != 1 else ' is'} marked illustrative "
                   "in the workbook, not the council's own.")
    when = [f"figures as at {format_date(b.as_of)}", b.overdue_counted[:1].lower() + b.overdue_counted[1:]]
    if b.data_as_at:
        when.append(f"tracker last updated {format_date(b.data_as_at)}")
    latest = max((o.period.end for s in b.series for o in s.observations if o.value is not None), default=None)
    if latest:
        when.append(f"latest published metric figure for a period ending {format_date(latest)}")
    out.append("Dates: " + "; ".join(when) + ".")
    rough = [e for e in b.events if e.precision is not SpanKind.DAY]
    if rough:
        out.append(f"{len(rough):,} event date{'s are' if len(rough) != 1 else ' is'} known only to the month or "
                   "year and printed that way (for example \u201c" + rough[0].when_label + "\u201d).")
    if b.disagreements:
        out.append(f"Sources disagree on {len(b.disagreements):,} point{'s' * (len(b.disagreements) != 1)}; "
                   "both accounts are shown, neither is chosen.")
    return tuple(out)


def key_messages(b: Briefing) -> tuple[str, ...]:
    """A few sentences a member can read first, each stating a figure from the data."""
    out: list[str] = []
    j = b.glance.last_judgement
    if j is not None:
        out.append(f"Last Ofsted judgement: {g.judgement_text(j)}.")
    if b.glance.visits_since_start is not None:
        out.append(g.visits_text(b.glance.visits_since_start, "the Inadequate judgement") + ".")
    if b.progress:
        t = b.progress[-1]
        c = dict(zip((s for s, _l in PROGRESS_COLUMNS), t.counts, strict=True))
        out.append(f"Of {t.total:,} actions in the plan, {c[Status.COMPLETE]:,} are complete, {c[Status.GREEN]:,} "
                   f"Green, {c[Status.AMBER]:,} Amber and {c[Status.RED]:,} Red; {t.overdue:,} "
                   f"{'is' if t.overdue == 1 else 'are'} overdue.")
    late = b.overdue
    if late:
        first = late[0]
        assert first.overdue is not None
        out.append(f"The longest overdue action is {first.action.id} ({first.action.title}), "
                   f"{first.overdue.days_late:,} days past its due date of {format_date(first.overdue.due)}.")
    worse = _worse(b.scorecard)
    if b.scorecard:
        names = ", ".join(r.series.name for r in worse[:4]) + (" and others" if len(worse) > 4 else "")
        out.append(f"{len(worse):,} of {len(b.scorecard):,} measures are worse than England, the region or the "
                   "statistical neighbours by more than 5%" + (f": {names}." if worse else "."))
    if b.impact_concerns:
        out.append(f"{len(b.impact_concerns):,} action{'s are' if len(b.impact_concerns) != 1 else ' is'} rated "
                   "Green or Complete while the measure it should move got worse.")
    missed = [t for t in b.targets if t.outcome is Outcome.MISSED]
    if missed:
        out.append(f"{len(missed):,} of {len(b.targets):,} targets were missed.")
    return tuple(out)


def questions(b: Briefing) -> tuple[str, ...]:
    """Lines of enquiry from the concerns: overdue actions, worse or missed measures, disagreements."""
    out: list[str] = []
    for r in b.overdue[:MAX_QUESTIONS_EACH]:
        assert r.overdue is not None
        who = f" ({r.action.owner})" if r.action.owner else ""
        out.append(f"Action {r.action.id}, \u201c{r.action.title}\u201d, is {r.overdue.days_late:,} days overdue: "
                   f"what is stopping it, what is the realistic date, and who{who} is accountable?")
    for r in _worse(b.scorecard)[:MAX_QUESTIONS_EACH]:
        against = " and ".join(f"{a.label} ({r.figure(a.value)})" for a in r.worse_than)
        now = f" ({r.figure(r.latest.value)}, {r.latest.period.label})" if r.latest else ""
        out.append(f"{r.series.name}{now} is worse than {against}: what will close the gap, and by when?")
    for c in b.impact_concerns[:MAX_QUESTIONS_EACH]:
        metric = c.series.name if c.series is not None else c.metric_text
        out.append(f"Action {c.action.id} is rated {c.action.status.label.split(' (')[0]} but {metric} got worse: "
                   "what evidence shows the action is making a difference for children?")
    for t in [t for t in b.targets if t.outcome is Outcome.MISSED][:MAX_QUESTIONS_EACH]:
        by = f" ({margin_text(t)})" if margin_text(t) else ""
        out.append(f"The {t.series.name} target, {t.label}, was missed{by}: what has changed since, "
                   "and is the target still right?")
    for d in b.disagreements[:MAX_QUESTIONS_EACH]:
        out.append(f"Sources disagree on {d.subject} ({d.field}): which account is right, and has the record "
                   "been corrected?")
    return tuple(out)


def _worse(rows: tuple[ScoreRow, ...]) -> list[ScoreRow]:
    return [r for r in rows if r.worse_than]


def abbreviations_in(texts: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """The abbreviations (of ``ABBREVIATIONS``) that occur in ``texts`` as words, alphabetically, with
    also those written "MV3" (a visit's number after the letters)."""
    found: set[str] = set()
    for text in texts:
        for abbr in ABBREVIATIONS:
            if abbr not in found and re.search(rf"(?<![\w&]){re.escape(abbr)}(?=\d|\b)(?!&)", text):
                found.add(abbr)
    return tuple((a, ABBREVIATIONS[a]) for a in sorted(found, key=str.casefold))


__all__ = ["ABBREVIATIONS", "DEFAULT_PURPOSE", "DEFAULT_RECOMMENDATION", "PROGRESS_COLUMNS", "WorkstreamCount",
           "abbreviations_in", "caveats", "key_messages", "progress", "questions", "with_content"]

"""The Details page as HTML: every field of an action or event in plain English (dates, revisions,
days overdue, slippage, the metric it names, status history, grades), where each fact came from, the
user's notes, and where sources disagree. Every data value is escaped; links are numbered anchors
the Details view resolves itself."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import PurePath

from bcpviewer.model.analysis import counted_on, overdue_actions, slippage
from bcpviewer.model.annotations import Annotation
from bcpviewer.model.disagreements import Disagreement, for_key
from bcpviewer.model.impact import resolve_metric
from bcpviewer.model.keys import ACTION, split_key
from bcpviewer.model.links import safe_url
from bcpviewer.model.records import PROBLEM_UNUSED_COLUMN, Action, Dataset, Event, MetricSeries, Observation
from bcpviewer.model.records import Origin, Problem, Source
from bcpviewer.model.spans import format_date, when_label
from bcpviewer.model.vocab import SUBJUDGEMENT_LABELS, EventKind, Status, squash
from bcpviewer.plots import style

MISSING = "<span style='color:{muted}'>Not recorded</span>"
LINK = "item-link:"  # our own anchors: the address itself never goes into the markup as a link target
CSS = (
    "h2 {{ margin: 0 0 4px 0; font-size: large; }}"
    " th {{ text-align: left; color: {muted}; font-weight: normal;"
    " padding: 2px 12px 2px 0; white-space: nowrap; }} td {{ padding: 2px 0; }}"
    " .kind {{ color: {muted}; margin: 0; }} h3 {{ margin: 12px 0 2px 0; }}"
    " .differ {{ margin: 6px 0 2px 0; }} .claims td {{ padding: 2px 14px 2px 0; }}"
    " .claims th {{ padding: 2px 14px 2px 0; }}"
)
DIFFER_NOTE = "Both records are kept; neither has been picked."
DIFFER_NOTE_MANY = "All {n} records are kept; none has been picked."
METRIC_DIFFERS_SHOWN = 5  # disagreeing figures listed under an action's metric; the panel has the rest
UNUSED_SHOWN = 12  # columns not used named under "Read from"; the Problems tab has the rest
SERIES_NOTES_SHOWN = 4  # a linked metric's notes shown under it
Copy = tuple[Origin | None, str | None]  # another place an event was read from, and the source it cites


def esc(value: object) -> str:
    """Data as text, never as markup."""
    return html.escape(str(value), quote=True)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _days(n: int) -> str:
    return f"{n:,} day" + ("" if n == 1 else "s")


def _status_html(status: Status) -> str:
    mark = style.status_mark(status)
    return f"<span style='color:{mark.colour}'>{esc(mark.glyph)}</span> {esc(status.label)}"


def find_record(dataset: Dataset, key: str) -> Action | Event | None:
    """The action or event with item key ``key`` in ``dataset`` (None when absent or not an item key)."""
    try:
        kind, rid = split_key(key)
    except ValueError:
        return None
    records: Iterable[Action | Event] = dataset.actions if kind == ACTION else dataset.events
    return next((r for r in records if r.id == rid), None)


class Page:
    """Builds the HTML for one record; every data value passes through esc()."""

    def __init__(self, dataset: Dataset, links: list[str], as_of: date,
                 disagreements: Sequence[Disagreement] = (), sources: Mapping[str, Source] | None = None,
                 *, against_today: bool = False) -> None:
        self.dataset = dataset
        self.against_today = against_today  # overdue counted against as_of, not the tracker's date
        self.links = links
        self.as_of = as_of
        self.disagreements = disagreements
        self.sources = {**dataset.source_by_id(), **(sources or {})}
        self.missing = MISSING.format(muted=style.MUTED)

    # -- pieces ---------------------------------------------------------------------------
    def text(self, value: object | None) -> str:
        return self.missing if value is None or value == "" else esc(value)

    def when(self, d: date | None) -> str:
        return self.missing if d is None else esc(format_date(d))

    def rows(self, pairs: Iterable[tuple[str, str]]) -> str:
        cells = "".join(f"<tr><th>{esc(label)}</th><td>{value}</td></tr>" for label, value in pairs)
        return f"<table cellspacing='0'>{cells}</table>"

    def heading(self, kind: str, title: str) -> str:
        return f"<p class='kind'>{esc(kind)}</p><h2>{esc(title)}</h2>"

    def link(self, address: str) -> str:
        """A link to a safe address (by index, so the address is only ever shown as text)."""
        self.links.append(address)
        return f"<a href='{LINK}{len(self.links) - 1}'>{esc(address)}</a>"

    def url(self, address: str | None) -> str:
        if not address:
            return ""
        safe = safe_url(address)
        if safe is None:
            return f"{esc(address)} <span style='color:{style.MUTED}'>(not a web link; shown as text)</span>"
        return self.link(safe)

    # -- shared sections ------------------------------------------------------------------
    def source(self, ref: str | None) -> str:
        if not ref:
            return f"<h3>Source</h3><p>{self.missing}</p>"
        src = self.dataset.source_by_id().get(ref)
        if src is None:
            shown = self.url(ref) if safe_url(ref) else esc(ref)
            return f"<h3>Source</h3><p>{shown}</p>"
        pairs = [("Reference", esc(src.id)), ("Title", esc(src.title))]
        if src.publisher:
            pairs.append(("Publisher", esc(src.publisher)))
        if src.published:
            pairs.append(("Published", self.when(src.published)))
        if src.url:
            pairs.append(("Address", self.url(src.url)))
        if src.notes:
            pairs.append(("Notes", esc(src.notes)))
        return "<h3>Source</h3>" + self.rows(pairs)

    def provenance(self, origin: Origin | None, copies: Sequence[Copy] = ()) -> str:
        """Where the record was read from (and every other place the same event was read from), the
        columns of that file no field read, and the problems on its row."""
        where = esc(where_from(origin)) if origin else self.missing
        problems = _problems_for(self.dataset.problems, origin)
        if problems:
            items = "".join(f"<li>{esc(_problem_text(p))}</li>" for p in problems)
            listed = f"<ul>{items}</ul>"
        unused = self.unused(origin)
        if not problems:
            listed = "" if origin is None else "<p>None, apart from the columns not used above.</p>" if unused \
                else "<p>None: every value on this row was understood.</p>"
        return (f"<h3>Read from</h3><p>{where}</p>{self.copies(copies)}{unused}"
                f"<h3>Import problems on this row</h3>{listed}")

    def copies(self, copies: Sequence[Copy]) -> str:
        """``Also read from``: the other sheets and files that gave the same event (and agree with it)."""
        if not copies:
            return ""
        items = []
        for where, cited in copies:
            place = esc(where_from(where)) if where is not None else "A place not recorded"
            src = self.sources.get(cited or "")
            said = f" <span style='color:{style.MUTED}'>(cites {esc(src.title if src else cited)})</span>" \
                if cited else ""
            items.append(f"<li>{place}{said}</li>")
        return (f"<h3>Also read from</h3><ul>{''.join(items)}</ul>"
                f"<p style='color:{style.MUTED}'>These sources agree on its dates and grades; where "
                "sources disagree, each claim is kept and listed under Sources differ.</p>")

    def unused(self, origin: Origin | None) -> str:
        """``Columns not used in this file``: the columns of the record's file that no field read."""
        if origin is None:
            return ""
        name = PurePath(origin.file).name
        found = [p for p in self.dataset.problems
                 if p.kind == PROBLEM_UNUSED_COLUMN and PurePath(p.file).name == name]
        if not found:
            return ""
        names = [esc(p.column or p.value) + (f" (sheet {esc(p.sheet)})" if p.sheet != origin.sheet and p.sheet
                                              else "") for p in found[:UNUSED_SHOWN]]
        more = f" and {len(found) - UNUSED_SHOWN:,} more (see the Problems tab)" if len(found) > UNUSED_SHOWN else ""
        return (f"<h3>Columns not used in this file</h3><p>{'; '.join(names)}{more}. "
                f"<span style='color:{style.MUTED}'>Their values were not read.</span></p>")

    def annotations(self, notes: Sequence[Annotation]) -> str:
        """The researchers' annotations on this item, newest last; empty when there are none."""
        if not notes:
            return ""
        parts = []
        for n in notes:
            text = esc(n.text).replace("\n", "<br>")
            meta = [f"By {esc(n.author)}" if n.author else "Author not recorded",
                    esc(format_date(n.created.date()))]
            if n.edited != n.created:
                meta.append(f"edited {esc(format_date(n.edited.date()))}")
            flags = [w for w, on in (("in briefing", n.include_in_briefing), ("private", n.private)) if on]
            extra = [f"Tags: {esc(', '.join(n.tags))}"] if n.tags else []
            if n.source_title or n.source_url:
                title = esc(n.source_title) if n.source_title else ""
                extra.append(f"Source: {title}{' ' if title and n.source_url else ''}{self.url(n.source_url)}")
            lines = "".join(f"<br>{e}" for e in extra)
            mark = f" · <b>{esc(', '.join(flags))}</b>" if flags else ""
            parts.append(f"<li>{text}{lines}<br><span style='color:{style.MUTED}'>{' · '.join(meta)}</span>"
                         f"{mark}</li>")
        return f"<h3>Annotations ({len(notes)})</h3><ul>{''.join(parts)}</ul>"

    def differ(self, found: Sequence[Disagreement], here: str | None, heading: str = "Sources differ",
               limit: int | None = None) -> str:
        """What each source says where records disagree, side by side; empty when none do."""
        if not found:
            return ""
        shown = list(found if limit is None else found[:limit])
        parts = [f"<h3>{esc(heading)}</h3>"]
        for d in shown:
            parts.append(f"<p class='differ'><b>{esc(d.field[:1].upper() + d.field[1:])}</b>"
                         f" <span style='color:{style.MUTED}'>· {esc(d.subject)}</span></p>")
            rows = "".join(self.claim(c.value, c.cited(self.sources), c.origin, c.key == here)
                           for c in d.claims)
            parts.append(f"<table class='claims' cellspacing='0'><tr><th>Says</th><th>Source</th></tr>"
                         f"{rows}</table>")
        if limit is not None and len(found) > limit:
            more = len(found) - limit
            parts.append(f"<p style='color:{style.MUTED}'>And {more:,} more: see the Sources differ "
                         "panel.</p>")
        most = max(len(d.claims) for d in shown)
        note = DIFFER_NOTE if most <= 2 else DIFFER_NOTE_MANY.format(n=most)
        parts.append(f"<p><i>{esc(note)}</i></p>")
        return "".join(parts)

    def claim(self, value: str, cited: str, origin: Origin | None, this: bool) -> str:
        mine = f" <span style='color:{style.MUTED}'>(this record)</span>" if this else ""
        where = ""
        if origin is not None and cited != origin.describe():
            where = f"<br><span style='color:{style.MUTED}'>{esc(where_from(origin))}</span>"
        return f"<tr><td>{esc(value)}{mine}</td><td>{esc(cited)}{where}</td></tr>"

    def event_differs(self, e: Event) -> str:
        key = f"event:{e.id}"
        return self.differ(for_key(self.disagreements, key), key)

    def metric_differs(self, a: Action) -> str:
        """Disagreeing figures of the action's linked metric (every series of that name)."""
        found = resolve_metric(a.metric, self.dataset.series) if self.disagreements else None
        if found is None:
            return ""
        name = squash(found.name)
        keys = {f"metric:{s.id}" for s in self.dataset.series if squash(s.name) == name}
        hits = [d for d in self.disagreements if keys.intersection(d.keys)]
        return self.differ(hits, None, "Sources differ on the linked metric", METRIC_DIFFERS_SHOWN)

    # -- records --------------------------------------------------------------------------
    def action(self, a: Action) -> str:
        pairs = [
            ("ID", esc(a.id)),
            ("Workstream", self.text(a.workstream)),
            ("Owner", self.text(a.owner)),
            ("Start", self.when(a.start)),
            ("Baseline due", self.when(a.due)),
            *self.revisions(a),
            ("Completed", self.when(a.completed) if a.completed else "Not completed"),
            ("Status", _status_html(a.status)),
            ("Overdue", self.overdue(a)),
            ("Slippage", self.slip(a)),
            ("Impact", _status_html(a.impact) if a.impact is not None else self.missing),
            ("Success measure", self.text(a.success_measure)),
            ("Linked metric", self.metric(a.metric)),
            ("Notes", self.text(a.notes)),
        ]
        return "".join(
            [self.heading(f"Action {a.id}", a.title), self.rows(pairs), self.history(a),
             self.metric_differs(a), self.source(a.source), self.provenance(a.origin)]
        )

    def revisions(self, a: Action) -> list[tuple[str, str]]:
        if not a.revised_due:
            return [("Revised due", "Not re-dated")]
        return [(f"Revised due ({_ordinal(i)})", self.when(d)) for i, d in enumerate(a.revised_due, 1)]

    def overdue(self, a: Action) -> str:
        late = overdue_actions([a], self.as_of, against_today=self.against_today)
        day = counted_on(a, self.as_of, against_today=self.against_today)
        as_of = esc(format_date(day)) + (", the tracker's date" if day != self.as_of else ", today")
        if not late:
            if a.is_complete:
                return "No (complete)"
            return f"No, at {as_of}" if a.current_due else "No due date recorded"
        o = late[0]
        text = f"<b>Yes: {_days(o.days_late)} late</b> at {as_of} (due {esc(format_date(o.due))})"
        if o.days_late_baseline != o.days_late:
            text += f"; {_days(o.days_late_baseline)} after the baseline due date"
        return text

    def slip(self, a: Action) -> str:
        s = slippage(a)
        parts = []
        if s.revised_by_days is not None and s.revisions:
            times = "once" if s.revisions == 1 else f"{s.revisions} times"
            moved = s.revised_by_days
            direction = "later" if moved >= 0 else "earlier"
            parts.append(f"Due date moved {_days(abs(moved))} {direction} (re-dated {times})")
        if s.completed_late_by_days is not None:
            d = s.completed_late_by_days
            if d > 0:
                parts.append(f"Completed {_days(d)} after the baseline due date")
            elif d < 0:
                parts.append(f"Completed {_days(-d)} before the baseline due date")
            else:
                parts.append("Completed on the baseline due date")
        return "; ".join(parts) if parts else "None"

    def metric(self, name: str | None) -> str:
        if not name:
            return self.missing
        wanted = name.casefold()
        series = next(
            (s for s in self.dataset.series if wanted in (s.id.casefold(), s.name.casefold())), None
        )
        if series is None or (latest := series.latest()) is None:
            return esc(name)
        unit = f" {series.unit}" if series.unit and series.unit != "%" else series.unit
        said = f"{esc(series.name)} (latest {esc(f'{latest.value:g}{unit}')}, {esc(latest.period.label)})"
        return said + self.series_notes(series, latest)

    def series_notes(self, series: MetricSeries, latest: Observation) -> str:
        """Where a linked metric's figures come from (release, source, file) and its notes, such as
        which statistical neighbours had no figure."""
        src = self.sources.get(series.source or "")
        release = latest.release or series.release
        facts = [f"Release: {esc(release)}"] if release else []
        if series.source:
            facts.append(f"Source: {esc(src.title if src else series.source)}")
        if series.origin is not None:
            facts.append(f"Read from {esc(where_from(series.origin))}")
        notes = [series.notes] if series.notes else []
        notes += [f"{c.label}: {n}" for c in series.comparators for n in c.notes]
        lines = [" · ".join(facts)] if facts else []
        lines += [esc(n) for n in notes[:SERIES_NOTES_SHOWN]]
        if len(notes) > SERIES_NOTES_SHOWN:
            lines.append(f"and {len(notes) - SERIES_NOTES_SHOWN:,} more notes")
        return "".join(f"<br><span style='color:{style.MUTED}'>{line}</span>" for line in lines)

    def history(self, a: Action) -> str:
        if not a.history:
            return ""
        items = []
        for h in a.history:
            note = f" — {esc(h.note)}" if h.note else ""
            when = self.when(h.as_at) if h.as_at else "Undated"
            items.append(f"<li>{when}: {_status_html(h.status)}{note}</li>")
        return f"<h3>Status history</h3><ul>{''.join(items)}</ul>"

    def event(self, e: Event) -> str:
        kind = e.kind_text if e.kind is EventKind.OTHER and e.kind_text else e.kind.label
        pairs = [
            ("ID", esc(e.id)),
            ("Kind", esc(kind)),
            ("Dates", esc(when_label(e.start, e.end, e.precision))),
            ("Published", self.when(e.published)),
            ("Theme", self.text(e.theme)),
            ("Lead", self.text(e.lead)),
            ("Notes", self.text(e.notes)),
        ]
        return "".join(
            [self.heading(kind, e.title), self.rows(pairs), self.grades(e), self.event_differs(e),
             self.source(e.source), self.provenance(e.origin, e.copies)]
        )

    def grades(self, e: Event) -> str:
        graded = list(e.graded())
        if not graded:
            body = "<p>No grades (not a graded inspection, or none recorded).</p>"
            return f"<h3>Grades</h3>{body}" if e.kind.is_inspection else ""
        rows = []
        for key, grade in graded:
            mark = style.grade_mark(grade)
            value = (
                f"<span style='color:{mark.colour}'>■</span> {esc(grade.label)} (grade {int(grade)})"
            )
            rows.append((SUBJUDGEMENT_LABELS.get(key, key), value))
        return "<h3>Grades</h3>" + self.rows(rows)


def where_from(origin: Origin) -> str:
    """Which file, sheet and row an item was read from, in words: a TimelineJS JSON file has
    entries, not rows."""
    if PurePath(origin.file).suffix.lower() == ".json" and origin.row:
        what = "era" if origin.sheet in ("era", "eras") else "entry"
        return f"{origin.file}, {what} {origin.row} of the timeline"
    return origin.describe()


def _problems_for(problems: Iterable[Problem], origin: Origin | None) -> list[Problem]:
    """Problems on the same file (by name), sheet and row as ``origin``."""
    if origin is None or origin.row is None:
        return []
    name = PurePath(origin.file).name
    return [
        p for p in problems
        if p.row == origin.row and p.sheet == origin.sheet and PurePath(p.file).name == name
    ]


def _problem_text(p: Problem) -> str:
    column = f"{p.column}: " if p.column else ""
    value = f"“{p.value}” — " if p.value != "" else ""
    return f"{column}{value}{p.message}"

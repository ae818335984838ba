"""What a briefing pack or summary workbook holds: the period, its records, public notes, numbered sources."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from types import MappingProxyType

from bcpviewer.model import glance as g
from bcpviewer.model.analysis import Overdue, Slippage, overdue_actions, slippage
from bcpviewer.model.annotations import METRIC, Annotation, AnnotationSet, DateTarget, RangeTarget
from bcpviewer.model.disagreements import Disagreement, find_disagreements
from bcpviewer.model.filtering import Filter, action_matches, event_matches
from bcpviewer.model.impact import Effect, ImpactCheck, check_impact, figure
from bcpviewer.model.journeys import Journey
from bcpviewer.model.keys import item_key, split_key
from bcpviewer.model.records import Action, Dataset, Event, MetricSeries, Observation, Source, Target
from bcpviewer.model.spans import Span, format_date, format_range
from bcpviewer.model.targets import Outcome, TargetCheck, check_targets, with_targets
from bcpviewer.model.versions import PlanComparison
from bcpviewer.model.vocab import EventKind, Status, squash

# Sections of a briefing pack, in pack order (the cover and the sources are always there).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("glance", "At a glance"),
    ("timeline", "Timeline"),
    ("charts", "Metric charts"),
    ("actions", "Overdue and at-risk actions"),
    ("impact", "Progress against impact"),
    ("targets", "Targets"),
    ("versions", "Changes to the plan"),
    ("inspections", "Inspections and grades"),
    ("journeys", "Journeys across councils"),
    ("disagreements", "Where sources disagree"),
    ("annotations", "Notes for the committee"),
)
SECTION_KEYS = tuple(k for k, _label in SECTIONS)
# The analyses (issue 10): each is a pack section and a summary sheet, shown only when it has something.
ANALYSIS_KEYS = ("impact", "targets", "versions", "journeys", "disagreements")
PORTRAIT, LANDSCAPE = "portrait", "landscape"
DEFAULT_TITLE = "Children's services improvement: briefing for scrutiny"
AT_RISK = frozenset({Status.RED, Status.AMBER})


@dataclass(frozen=True, slots=True)
class BriefOptions:
    """What the user chose to export. Dates left as None reach to the ends of the data."""

    title: str = DEFAULT_TITLE
    council: str = ""  # "" : guessed from the data where it can be
    author: str = ""
    start: date | None = None
    end: date | None = None
    as_of: date | None = None  # the date overdue days are counted to (None: today)
    metrics: tuple[str, ...] | None = None  # metric names; None: every metric
    sections: frozenset[str] = frozenset(SECTION_KEYS)
    orientation: str = PORTRAIT

    def __post_init__(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"the period ends ({format_date(self.end)}) before it starts "
                             f"({format_date(self.start)})")
        if self.orientation not in (PORTRAIT, LANDSCAPE):
            raise ValueError(f"orientation must be {PORTRAIT} or {LANDSCAPE}, not {self.orientation!r}")
        unknown = set(self.sections) - set(SECTION_KEYS)
        if unknown:
            raise ValueError(f"unknown section(s): {', '.join(sorted(unknown))}")


@dataclass(frozen=True, slots=True)
class Reference:
    """A numbered source in the pack's Sources section: a document from the Sources sheet or a note's."""

    number: int
    title: str
    url: str = ""
    publisher: str = ""
    published: date | None = None
    source_id: str = ""  # the ID on the Sources sheet, when it came from there


@dataclass(frozen=True, slots=True)
class Note:
    """A public annotation as an export shows it: where it is, in words, and its source's number."""

    annotation: Annotation
    where: str
    when: date | None  # for ordering: the item's or range's first date
    reference: int | None = None

    @property
    def text(self) -> str:
        return self.annotation.text


@dataclass(frozen=True, slots=True)
class ActionRow:
    """An action in the export with its lateness, slippage and public notes."""

    action: Action
    overdue: Overdue | None
    slip: Slippage
    notes: tuple[Note, ...] = ()

    @property
    def at_risk(self) -> bool:
        """Red or Amber, not complete and not (yet) overdue."""
        return self.overdue is None and not self.action.is_complete and self.action.status in AT_RISK


@dataclass(frozen=True)
class Briefing:
    """Everything an export draws or writes, worked out once from the data, the notes and the options."""

    options: BriefOptions
    period: Span | None
    as_of: date
    generated: datetime
    council: str
    data_as_at: date | None  # the latest status update in the tracker
    actions: tuple[ActionRow, ...]
    events: tuple[Event, ...]
    series: tuple[MetricSeries, ...]
    glance: g.Glance
    notes: tuple[Note, ...]  # every public note in scope (the workbook)
    references: tuple[Reference, ...]
    sources: tuple[Source, ...]
    selection: Dataset  # the actions and events in the period, the chosen series (what the timeline draws)
    event_notes: dict[str, tuple[Note, ...]] = field(default_factory=dict)  # event id -> notes
    series_notes: dict[str, tuple[Note, ...]] = field(default_factory=dict)  # series id -> notes
    source_refs: dict[str, int] = field(default_factory=dict)  # source text or id -> reference number
    pack_reference_count: int = 0  # references 1..n are those the pack cites; the rest only the workbook's
    # The analyses (issue 10), each shown only when its section is chosen and it has something to show.
    impact: tuple[ImpactCheck, ...] = ()  # actions in scope that name a metric, concerns first
    targets: tuple[TargetCheck, ...] = ()  # the chosen metrics' targets, the workbook's and the app's
    comparison: PlanComparison | None = None  # two versions of the tracker, when the user compared them
    journeys: tuple[Journey, ...] = ()  # councils lined up on months since an event
    journey_metric: str = ""  # the metric the journeys chart (its name), its unit and the anchor's words
    journey_unit: str = ""
    journey_anchor: str = ""
    journey_own: str = ""  # the council, as the journeys name it, drawn bold: the briefing's own
    disagreements: tuple[Disagreement, ...] = ()  # sources that differ on an event or a figure in scope

    @property
    def title(self) -> str:
        return self.options.title.strip() or DEFAULT_TITLE

    @property
    def overdue(self) -> tuple[ActionRow, ...]:
        """Overdue actions, longest late first."""
        rows = [r for r in self.actions if r.overdue is not None]
        rows.sort(key=lambda r: (-r.overdue.days_late, r.action.id))  # type: ignore[union-attr]
        return tuple(rows)

    @property
    def at_risk(self) -> tuple[ActionRow, ...]:
        """Red or Amber actions not yet overdue, soonest due first."""
        rows = [r for r in self.actions if r.at_risk]
        rows.sort(key=lambda r: (r.action.current_due or date.max, r.action.id))
        return tuple(rows)

    @property
    def inspections(self) -> tuple[Event, ...]:
        """Ofsted inspections and visits, and any graded event, in date order."""
        return tuple(e for e in self.events
                     if e.kind.is_inspection or e.overall or any(True for _ in e.graded()))

    @property
    def briefing_notes(self) -> tuple[Note, ...]:
        """The public notes marked "include in briefing", in date order."""
        return tuple(n for n in self.notes if n.annotation.include_in_briefing)

    @property
    def pack_references(self) -> tuple[Reference, ...]:
        """The sources the briefing pack cites (charts, inspections, notes), by number."""
        return self.references[: self.pack_reference_count]

    @property
    def period_text(self) -> str:
        return "no dates in the data" if self.period is None else \
            f"{format_date(self.period.start)} to {format_date(self.period.end)}"

    def has(self, section: str) -> bool:
        return section in self.options.sections

    def shows(self, section: str) -> bool:
        """Is ``section`` chosen and, for an analysis, is there something to show?"""
        return self.has(section) and _has_content(self, section)

    @property
    def impact_concerns(self) -> tuple[ImpactCheck, ...]:
        """Actions rated Green or Complete whose metric got worse."""
        return tuple(c for c in self.impact if c.concern)

    def reference_for(self, source: str | None) -> int | None:
        """The reference number of a record's source (an ID on the Sources sheet, or text)."""
        return self.source_refs.get((source or "").strip()) if source else None


def _has_content(b: Briefing, section: str) -> bool:
    if section == "impact":
        return bool(b.impact)
    if section == "targets":
        return bool(b.targets)
    if section == "versions":
        return b.comparison is not None
    if section == "journeys":
        return bool(b.journeys)
    if section == "disagreements":
        return bool(b.disagreements)
    return True


_NO_LINKS: Mapping[str, str] = MappingProxyType({})
_NO_TARGETS: Mapping[str, Sequence[Target]] = MappingProxyType({})


def build_briefing(dataset: Dataset, annotations: AnnotationSet | Iterable[Annotation],
                   options: BriefOptions = BriefOptions(), *, visible: set[str] | None = None,
                   today: date | None = None, now: datetime | None = None,
                   metric_links: Mapping[str, str] = _NO_LINKS,
                   extra_targets: Mapping[str, Sequence[Target]] = _NO_TARGETS,
                   comparison: PlanComparison | None = None, journeys: Sequence[Journey] = (),
                   journey_metric: str = "", journey_unit: str = "", journey_anchor: str = "",
                   journey_own: str = "") -> Briefing:
    """The briefing of ``dataset`` for ``options``. Private annotations are left out, always.

    ``visible`` narrows the actions and events to those item keys (the app's filter); KeyError-free:
    unknown metric names raise ValueError (check them first with ``unknown_metrics``).

    The analyses: ``metric_links`` (action key -> series id, made in the app) and the actions' own
    Metric column give the progress-against-impact checks, as at the briefing date; ``extra_targets``
    (series id -> targets entered in the app) join the workbook's targets in the targets table and on
    the charts; ``comparison`` is two versions of the plan; ``journeys`` are councils lined up on
    ``journey_anchor`` with ``journey_metric`` (in ``journey_unit``), ``journey_own`` the one drawn
    bold (default: the journey whose council matches the briefing's council).
    """
    as_of = options.as_of or today or date.today()
    span = dataset.span()
    start = options.start or (span.start if span else None)
    end = options.end or (span.end if span else None)
    if start and end and end < start:
        start, end = end, start
    period = Span(start, end) if start and end else None
    flt = Filter(start=options.start, end=options.end)
    actions = [a for a in dataset.actions if action_matches(a, flt)
               and (visible is None or item_key(a) in visible)]
    events = sorted((e for e in dataset.events if event_matches(e, flt)
                     and (visible is None or item_key(e) in visible)), key=lambda e: (e.start, e.id))
    chosen = chosen_series(dataset, options.metrics)
    series = with_targets(chosen, extra_targets)
    impact = tuple(check_impact(actions, dataset.series, as_of, metric_links))
    targets = tuple(check_targets(chosen, as_of, extra_targets))
    names = {squash(s.name) for s in chosen}  # every series of a chosen name: two sources of one figure
    disagreements = tuple(find_disagreements(replace(
        dataset, events=tuple(events), series=tuple(s for s in dataset.series if squash(s.name) in names))))
    keys = {item_key(r) for r in (*actions, *events)}
    records = {item_key(r): r for r in (*dataset.actions, *dataset.events)}
    public = [a for a in (annotations.values() if isinstance(annotations, AnnotationSet) else annotations)
              if not a.private]
    series_keys = {f"{METRIC}:{s.id}": s for s in series}
    scoped = [a for a in public if _in_scope(a, keys, records, series_keys, options)]
    sources = dataset.source_by_id()
    refs = _References(sources)
    cited: dict[str, Callable[[], Iterable[str | None]]] = {  # in pack order, so numbers run 1, 2, 3 ...
        "charts": lambda: (s.source for s in series),
        "impact": lambda: (c.series.source for c in impact if c.series is not None),
        "targets": lambda: (t.series.source for t in targets),
        "inspections": lambda: (e.source for e in events
                                if e.kind.is_inspection or any(True for _ in e.graded())),
        "disagreements": lambda: (c.source for d in disagreements for c in d.claims),
    }
    for key in SECTION_KEYS:
        if key in options.sections and key in cited:
            for text in cited[key]():
                refs.cite_record(text)
    ordered = sorted(scoped, key=lambda a: (_when(a, records) or date.max, a.created, a.id))
    for a in ordered:  # the pack's notes first, so its references run 1, 2, 3 ...
        if a.include_in_briefing and "annotations" in options.sections:
            refs.cite_note(a)
    in_pack = len(refs.references)
    notes = [Note(a, _where(a, records, series_keys), _when(a, records), refs.cite_note(a)) for a in ordered]
    by_key: dict[str, list[Note]] = {}
    for n in notes:
        if n.annotation.key:
            by_key.setdefault(n.annotation.key, []).append(n)
    rows = tuple(ActionRow(a, _overdue(a, as_of), slippage(a), tuple(by_key.get(item_key(a), ())))
                 for a in actions)
    selection = replace(dataset, actions=tuple(actions), events=tuple(events), series=series, problems=())
    glance_data = replace(dataset, actions=tuple(actions), series=series, problems=())
    return Briefing(
        options=options, period=period, as_of=as_of,
        generated=(now or datetime.now(UTC)).replace(microsecond=0),
        council=options.council.strip() or guess_council(dataset), data_as_at=data_as_at(dataset),
        actions=rows, events=tuple(events), series=series, glance=g.glance(glance_data, as_of),
        notes=tuple(notes), references=tuple(refs.references), sources=dataset.sources,
        selection=selection,
        event_notes={e.id: tuple(by_key[item_key(e)]) for e in events if item_key(e) in by_key},
        series_notes={s.id: tuple(by_key[k]) for k, s in series_keys.items() if k in by_key},
        source_refs=dict(refs.by_text), pack_reference_count=in_pack,
        impact=impact, targets=targets, comparison=comparison, journeys=tuple(journeys),
        journey_metric=journey_metric, journey_unit=journey_unit, journey_anchor=journey_anchor,
        journey_own=journey_own or own_council([j.council for j in journeys],
                                               options.council.strip() or guess_council(dataset)),
        disagreements=disagreements,
    )


def analyses_available(dataset: Dataset, *, today: date,
                       metric_links: Mapping[str, str] = _NO_LINKS,
                       extra_targets: Mapping[str, Sequence[Target]] = _NO_TARGETS,
                       comparison: PlanComparison | None = None,
                       journeys: Sequence[Journey] = ()) -> dict[str, bool]:
    """Which analyses have something to show for the whole of ``dataset`` (an export dialog greys
    out the others)."""
    return {
        "impact": bool(check_impact(dataset.actions, dataset.series, today, metric_links)),
        "targets": any(s.targets or extra_targets.get(s.id) for s in dataset.series),
        "versions": comparison is not None,
        "journeys": bool(journeys),
        "disagreements": bool(find_disagreements(dataset)),
    }


_MINOR_WORDS = frozenset({"and", "of", "the", "upon", "on", "in", "with", "council", "city", "county",
                          "borough", "metropolitan", "district", "royal"})


def own_council(names: Sequence[str], council: str) -> str:
    """The name in ``names`` that is ``council``: the same words, "BCP Council" as the initials of
    "Bournemouth, Christchurch and Poole", or one name inside the other; "" when none is."""
    if not council.strip():
        return ""
    whole = squash(council)
    bare = squash(re.sub(r"\bcouncil\b", " ", council, flags=re.IGNORECASE))
    for n in names:
        if squash(n) in (whole, bare):
            return n
    for n in names:
        words = [w for w in re.findall(r"[^\W_]+", n.casefold()) if w not in _MINOR_WORDS]
        if len(words) >= 2 and "".join(w[0] for w in words) == bare:
            return n
    if len(bare) >= 4:
        for n in names:
            sn = squash(n)
            if sn and (bare in sn or sn in bare):
                return n
    return ""


# -- the analyses in words (the pack, the workbook and the command line say them the same way) --------
EFFECT_GLYPHS = {Effect.IMPROVED: g.BETTER, Effect.WORSENED: g.WORSE, Effect.UNCHANGED: g.LEVEL,
                 Effect.NO_DIRECTION: g.NEUTRAL, Effect.NO_DATA: "–"}
OUTCOME_GLYPHS = {Outcome.MET: g.BETTER, Outcome.MISSED: g.WORSE, Outcome.NOT_YET_DUE: "○",
                  Outcome.NO_FIGURE: "?", Outcome.NO_DATE: "–"}


def effect_text(effect: Effect) -> str:
    """``✗ Got worse``: the glyph and the word, so the effect never rests on colour alone."""
    return f"{EFFECT_GLYPHS[effect]} {effect.label}"


def outcome_text(outcome: Outcome) -> str:
    """``✗ Missed``, ``○ Not yet due``."""
    return f"{OUTCOME_GLYPHS[outcome]} {outcome.label}"


def observation_text(o: Observation | None, unit: str) -> str:
    """``28.3% (30 Sep 2025)``, or a dash."""
    if o is None or o.value is None:
        return "–"
    return f"{figure(o.value, unit)} ({o.period.label})"


def margin_text(t: TargetCheck) -> str:
    """``missed by 8.3 percentage points``, ``beaten by 2``, ``met exactly``; "" before a verdict."""
    m = t.margin
    if m is None or t.outcome not in (Outcome.MET, Outcome.MISSED):
        return ""
    if m == 0:
        return "met exactly"
    unit = t.series.unit
    by = f"{figure(abs(m))} percentage points" if unit.strip().startswith("%") else figure(abs(m), unit)
    return f"{'beaten' if m > 0 else 'missed'} by {by}"


def shift_text(days: int | None) -> str:
    """``+183 days``; a dash when either version has no date."""
    return "–" if days is None else f"{days:+,} day{'s' * (abs(days) != 1)}"


# -- choosing ----------------------------------------------------------------------------------------
def chosen_series(dataset: Dataset, names: Sequence[str] | None) -> tuple[MetricSeries, ...]:
    """The series named (by name or id, ignoring case and punctuation) in the order given; None: all."""
    if names is None:
        return dataset.series
    index = _series_index(dataset)
    out: list[MetricSeries] = []
    for name in names:
        s = index.get(squash(name))
        if s is None:
            raise ValueError(f"unknown metric {name!r}")
        if s not in out:
            out.append(s)
    return tuple(out)


def unknown_metrics(dataset: Dataset, names: Sequence[str]) -> list[str]:
    """The names in ``names`` that match no metric series of ``dataset``."""
    index = _series_index(dataset)
    return [n for n in names if squash(n) not in index]


def _series_index(dataset: Dataset) -> dict[str, MetricSeries]:
    index: dict[str, MetricSeries] = {}
    for s in dataset.series:
        index.setdefault(squash(s.id), s)
    for s in dataset.series:  # names win over ids
        index[squash(s.name)] = s
    return index


def guess_council(dataset: Dataset) -> str:
    """``BCP Council`` from an event such as "BCP Council formed from ...", else ""."""
    for e in dataset.events:
        if e.kind is EventKind.COUNCIL_FORMED:
            m = re.match(r"\s*(.{2,80}?\bcouncil)\b", e.title, re.IGNORECASE)
            if m:
                return m.group(1).strip()
    return ""


def data_as_at(dataset: Dataset) -> date | None:
    """The latest "as at" date of any action's status: when the tracker was last updated."""
    dates = [h.as_at for a in dataset.actions for h in a.history if h.as_at is not None]
    return max(dates, default=None)



def _overdue(a: Action, as_of: date) -> Overdue | None:
    found = overdue_actions((a,), as_of)
    return found[0] if found else None


# -- notes -------------------------------------------------------------------------------------------
def _in_scope(a: Annotation, keys: set[str], records: dict[str, Action | Event],
              series_keys: dict[str, MetricSeries], options: BriefOptions) -> bool:
    t = a.target
    if isinstance(t, DateTarget):
        return _overlaps(t.day, t.day, options)
    if isinstance(t, RangeTarget):
        return _overlaps(t.start, t.end, options)
    key = t.key
    if key.startswith(f"{METRIC}:"):
        return key in series_keys
    if key in records:
        return key in keys
    return options.start is None and options.end is None  # an orphan: only in an export of everything


def _overlaps(first: date, last: date, options: BriefOptions) -> bool:
    return not ((options.start and last < options.start) or (options.end and first > options.end))


def _where(a: Annotation, records: dict[str, Action | Event], series_keys: dict[str, MetricSeries]) -> str:
    t = a.target
    if isinstance(t, DateTarget):
        return format_date(t.day)
    if isinstance(t, RangeTarget):
        return format_range(t.start, t.end)
    if t.key in series_keys:
        return f"Metric: {series_keys[t.key].name}"
    record = records.get(t.key)
    if isinstance(record, Action):
        return f"Action {record.id}: {record.title}"
    if isinstance(record, Event):
        return f"{record.kind.label}: {record.title} ({record.when_label})"
    try:
        kind, rid = split_key(t.key)
    except ValueError:
        kind, rid = "item", t.key
    return f"{kind} {rid} (not in the data now)"


def _when(a: Annotation, records: dict[str, Action | Event]) -> date | None:
    t = a.target
    if isinstance(t, DateTarget):
        return t.day
    if isinstance(t, RangeTarget):
        return t.start
    record = records.get(t.key)
    if isinstance(record, Event):
        return record.start
    if isinstance(record, Action):
        return record.start or record.current_due
    return None


class _References:
    """Numbers sources in order of first citation; the same document always gets the same number."""

    def __init__(self, sources: dict[str, Source]) -> None:
        self._sources = sources
        self.references: list[Reference] = []
        self.by_text: dict[str, int] = {}  # source id or text as cited -> number
        self._by_identity: dict[tuple[str, str], int] = {}

    def _add(self, identity: tuple[str, str], make: Callable[[int], Reference]) -> int:
        number = self._by_identity.get(identity)
        if number is None:
            number = len(self.references) + 1
            self.references.append(make(number))
            self._by_identity[identity] = number
        return number

    def cite_record(self, cited: str | None) -> int | None:
        """A record's Source cell: an ID on the Sources sheet, or a title or link typed in."""
        text = (cited or "").strip()
        if not text:
            return None
        s = self._sources.get(text)
        if s is not None:
            number = self._add(_identity(s.title, s.url or ""), lambda n: Reference(
                n, s.title, s.url or "", s.publisher or "", s.published, s.id))
        else:
            is_link = text.lower().startswith(("http://", "https://"))
            number = self._add(_identity("" if is_link else text, text if is_link else ""),
                               lambda n: Reference(n, text, text if is_link else ""))
        self.by_text[text] = number
        return number

    def cite_note(self, a: Annotation) -> int | None:
        title, url = a.source_title.strip(), a.source_url.strip()
        if not title and not url:
            return None
        return self._add(_identity(title, url), lambda n: Reference(n, title or url, url))


def _identity(title: str, url: str) -> tuple[str, str]:
    return (squash(title), url.strip().rstrip("/").casefold())


# -- file names --------------------------------------------------------------------------------------
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def suggest_filename(title: str, suffix: str, day: date | None = None, limit: int = 80) -> str:
    """A safe file name from a title typed or found in data: letters, digits, - and _ only."""
    words = re.sub(r"[^\w]+", "-", title, flags=re.ASCII).strip("-_")
    stem = re.sub(r"-{2,}", "-", words)[:limit].strip("-_") or "briefing"
    if stem.casefold() in _RESERVED:
        stem += "-briefing"
    if day is not None:
        stem += f"-{day.isoformat()}"
    return stem + suffix

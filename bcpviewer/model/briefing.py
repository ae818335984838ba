"""What a briefing pack or summary workbook holds: the period, its records, public notes, numbered sources."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import PurePath
from types import MappingProxyType

from bcpviewer.model import glance as g
from bcpviewer.model.analysis import Overdue, Slippage, counted_on_text, overdue_actions, slippage
from bcpviewer.model.annotations import METRIC, Annotation, AnnotationSet
from bcpviewer.model.briefing_content import (
    DEFAULT_PURPOSE,
    DEFAULT_RECOMMENDATION,
    WorkstreamCount,
    with_content,
)
from bcpviewer.model.briefing_refs import Note, Reference, References, in_scope, when, where
from bcpviewer.model.briefing_words import (  # noqa: F401 - these names are imported from here too
    EFFECT_GLYPHS,
    OUTCOME_GLYPHS,
    chosen_series,
    data_as_at,
    effect_text,
    guess_council,
    margin_text,
    observation_text,
    outcome_text,
    own_council,
    shift_text,
    suggest_filename,
    unknown_metrics,
)
from bcpviewer.model.disagreements import Disagreement, find_disagreements
from bcpviewer.model.filtering import Filter, action_matches, event_matches
from bcpviewer.model.impact import ImpactCheck, check_impact
from bcpviewer.model.journeys import Journey
from bcpviewer.model.keys import item_key
from bcpviewer.model.scorecard import ScoreRow
from bcpviewer.model.records import Action, Dataset, Event, MetricSeries, Source, Target
from bcpviewer.model.spans import Span, format_date
from bcpviewer.model.targets import TargetCheck, check_targets, with_targets
from bcpviewer.model.versions import PlanComparison
from bcpviewer.model.vocab import Status, squash

# Sections a user can choose, in the order a committee reads them. The cover, the key messages, plan
# progress by workstream, questions for members, the glossary and the sources are always there (when
# they have something to say).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("actions", "Overdue and at-risk actions"),
    ("inspections", "Inspections and visits"),
    ("glance", "Scorecard"),
    ("charts", "Metric charts"),
    ("impact", "Progress against impact"),
    ("targets", "Targets"),
    ("versions", "Changes to the plan"),
    ("timeline", "Timeline"),
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
    against_today: bool = False  # count overdue at as_of even when a tracker gives an earlier date
    metrics: tuple[str, ...] | None = None  # metric names; None: every metric
    sections: frozenset[str] = frozenset(SECTION_KEYS)
    orientation: str = PORTRAIT
    meeting: str = ""  # the committee and meeting the pack is for
    meeting_date: date | None = None
    purpose: str = ""  # "" : the usual purpose (briefing_content.DEFAULT_PURPOSE)
    recommendation: str = ""  # "" : "to note and scrutinise" (briefing_content.DEFAULT_RECOMMENDATION)
    key_messages: tuple[str, ...] | None = None  # None: written from the data; () : none

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
    # What real committee packs carry (issue 18), worked out in briefing_content.
    scorecard: tuple[ScoreRow, ...] = ()  # each chosen measure against its comparators, with a tolerance
    caveats: tuple[str, ...] = ()  # what a reader must know before trusting the figures
    key_messages: tuple[str, ...] = ()  # as chosen by the user, else written from the data
    progress: tuple[WorkstreamCount, ...] = ()  # RAG counts by workstream; the last row is the total
    questions: tuple[str, ...] = ()  # questions members could ask, from the concerns
    glossary: tuple[tuple[str, str], ...] = ()  # the abbreviations the pack uses, with their meanings

    @property
    def title(self) -> str:
        return self.options.title.strip() or DEFAULT_TITLE

    @property
    def purpose(self) -> str:
        return self.options.purpose.strip() or DEFAULT_PURPOSE

    @property
    def recommendation(self) -> str:
        return self.options.recommendation.strip() or DEFAULT_RECOMMENDATION

    @property
    def overdue_counted(self) -> str:
        """Which day overdue is counted on: "Overdue counted at 31 Oct 2026 (the tracker's date)"."""
        chosen = self.options.as_of is not None and self.options.as_of != self.generated.date()
        return counted_on_text((r.action for r in self.actions), self.as_of,
                               against_today=self.options.against_today,
                               as_of_name="the date chosen for this pack" if chosen else "today")

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
    # A period never hides an open overdue action: what is late is late whatever the period says.
    actions = [a for a in dataset.actions
               if (action_matches(a, flt) or _overdue(a, as_of, options.against_today) is not None)
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
    scoped = [a for a in public if in_scope(a, keys, records, series_keys, options.start, options.end)]
    sources = dataset.source_by_id()
    refs = References(sources)
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
    ordered = sorted(scoped, key=lambda a: (when(a, records) or date.max, a.created, a.id))
    for a in ordered:  # the pack's notes first, so its references run 1, 2, 3 ...
        if a.include_in_briefing and "annotations" in options.sections:
            refs.cite_note(a)
    if any(c.kind == "neighbours" for x in series for c in x.comparators):  # the neighbour grouping used
        for src in dataset.sources:
            if "neighbour" in src.title.casefold():
                refs.cite_record(src.id)
    for path in dataset.files:  # the tracker itself is a source
        refs.cite_record(f"Data file this pack was made from: {PurePath(path).name}")
    in_pack = len(refs.references)
    notes = [Note(a, where(a, records, series_keys), when(a, records), refs.cite_note(a)) for a in ordered]
    by_key: dict[str, list[Note]] = {}
    for n in notes:
        if n.annotation.key:
            by_key.setdefault(n.annotation.key, []).append(n)
    late = options.against_today
    rows = tuple(ActionRow(a, _overdue(a, as_of, late), slippage(a), tuple(by_key.get(item_key(a), ())))
                 for a in actions)
    selection = replace(dataset, actions=tuple(actions), events=tuple(events), series=series, problems=())
    glance_data = replace(dataset, actions=tuple(actions), series=series, problems=())
    briefing = Briefing(
        options=options, period=period, as_of=as_of,
        generated=(now or datetime.now(UTC)).replace(microsecond=0),
        council=options.council.strip() or guess_council(dataset), data_as_at=data_as_at(dataset),
        actions=rows, events=tuple(events), series=series, glance=g.glance(glance_data, as_of, against_today=late),
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
    return with_content(briefing)


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


def _overdue(a: Action, as_of: date, against_today: bool = False) -> Overdue | None:
    found = overdue_actions((a,), as_of, against_today=against_today)
    return found[0] if found else None

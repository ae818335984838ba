"""Immutable records of the domain: actions, events, metric series, sources, import problems."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from types import MappingProxyType
from typing import Any, NamedTuple

from bcpviewer.model.same_event import one_per_event
from bcpviewer.model.spans import Span, SpanKind, when_label
from bcpviewer.model.vocab import SUBJUDGEMENTS, EventKind, Grade, Polarity, Status


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record was read from (row is the spreadsheet's 1-based row number)."""

    file: str
    sheet: str | None = None
    row: int | None = None

    def describe(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row:
            parts.append(f"row {self.row}")
        return ", ".join(parts)


# What a Problem is: a real error (a value not read, a row skipped), a column of a table that no
# field uses, a value kept as not known (a due date of "TBC"), or a row of words under a table of
# figures read as a footnote.
PROBLEM_ERROR = "error"
PROBLEM_UNUSED_COLUMN = "unused_column"
PROBLEM_NOT_KNOWN = "not_known"
PROBLEM_SKIPPED = "skipped"  # a row read as a heading or footnote, not data


@dataclass(frozen=True, slots=True)
class Problem:
    """A value that was not understood, or a row that was skipped, and what was expected; or
    (``kind``) a column no field uses, or a value kept as not known."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str
    message: str
    kind: str = PROBLEM_ERROR

    @property
    def is_error(self) -> bool:
        """A value not read or a row skipped (not a column left unused nor a value not known)."""
        return self.kind == PROBLEM_ERROR

    def describe(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        value = f" {self.value!r}:" if self.value != "" else ""
        return f"{', '.join(where)}:{value} {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class Source:
    """A document a fact comes from: a report, a letter, committee papers, a news story."""

    id: str
    title: str
    url: str | None = None
    publisher: str | None = None
    published: date | None = None
    notes: str | None = None

    @property
    def is_web_link(self) -> bool:
        return bool(self.url) and self.url.lower().startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class StatusUpdate:
    """One reported status of an action, as at a date (rows of a tracker make its history)."""

    as_at: date | None
    status: Status
    text: str = ""  # the word as written in the tracker
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Action:
    """An improvement-plan item: what, who, and when it was due, re-dated and done."""

    id: str
    title: str
    workstream: str | None = None
    owner: str | None = None
    start: date | None = None
    due: date | None = None  # the baseline (original) due date
    revised_due: tuple[date, ...] = ()  # each re-dating, oldest first
    completed: date | None = None
    status: Status = Status.UNKNOWN  # the latest status
    history: tuple[StatusUpdate, ...] = ()
    impact: Status | None = None
    success_measure: str | None = None
    metric: str | None = None  # the name of the metric the action should move
    source: str | None = None
    notes: str | None = None
    origin: Origin | None = None
    # the date the tracker describes ("Updated: 14/03/2023" over its table, else its latest
    # update): overdue is counted against it, never against a later day the tracker cannot speak for
    as_at: date | None = None

    @property
    def current_due(self) -> date | None:
        """The date the action is now expected by: the latest revision, else the baseline."""
        return self.revised_due[-1] if self.revised_due else self.due

    @property
    def is_complete(self) -> bool:
        return self.completed is not None or self.status is Status.COMPLETE


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event: an inspection or visit (with grades), a direction, a meeting, a report."""

    id: str
    kind: EventKind
    title: str
    start: date
    end: date | None = None  # fieldwork end; None for a one-day event
    published: date | None = None
    kind_text: str = ""  # the kind as written, kept when it is not in the vocabulary
    theme: str | None = None
    lead: str | None = None
    grades: Mapping[str, Grade | None] = field(default_factory=lambda: MappingProxyType({}))
    source: str | None = None
    notes: str | None = None
    origin: Origin | None = None
    precision: SpanKind = SpanKind.DAY  # MONTH or YEAR when only "Nov 2019" or "2020" is known
    lane: str | None = None  # a lane of its own on the timeline (a TimelineJS group), else by kind
    # the other places the same inspection was read from (another sheet or file that agrees):
    # (where, the source it cites) each; one event per real-world event
    copies: tuple[tuple[Origin | None, str | None], ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.grades, MappingProxyType):
            object.__setattr__(self, "grades", MappingProxyType(dict(self.grades)))

    @property
    def span(self) -> Span:
        return Span(self.start, self.end or self.start)

    @property
    def when_label(self) -> str:
        """The dates as a UK reader writes them, no more precise than what is known."""
        return when_label(self.start, self.end, self.precision)

    @property
    def overall(self) -> Grade | None:
        return self.grades.get("overall")

    def graded(self) -> Iterator[tuple[str, Grade]]:
        """(sub-judgement, grade) pairs in report order, skipping blanks."""
        for key, _label in SUBJUDGEMENTS:
            g = self.grades.get(key)
            if g is not None:
                yield key, g

    def __hash__(self) -> int:
        return hash((self.id, self.kind, self.start))


def judged_on(e: Event) -> date:
    """When a judgement became public: its publication date, else the end of fieldwork, else its start."""
    return e.published or e.end or e.start


class Observation(NamedTuple):
    """One period's figure: a value, or a suppression code standing in for it (never both).

    A named tuple rather than a dataclass: long series hold hundreds of thousands of these.
    """

    period: Span
    value: float | None = None
    code: str | None = None
    release: str | None = None  # which publication (vintage) the figure came from

    @property
    def is_gap(self) -> bool:
        return self.value is None


@dataclass(frozen=True, slots=True)
class Comparator:
    """A series to compare the council with: England, its region, its statistical neighbours."""

    kind: str  # "england", "region", "neighbours" or "other"
    label: str
    observations: tuple[Observation, ...] = ()
    notes: tuple[str, ...] = ()  # how it was made: for neighbours, who had no figure in which period


@dataclass(frozen=True, slots=True)
class Target:
    """A target on a metric, optionally by a date."""

    value: float
    due: date | None = None
    label: str = ""


@dataclass(frozen=True, slots=True)
class MetricSeries:
    """A performance measure over time with its comparators, targets and provenance."""

    id: str
    name: str
    unit: str = ""
    polarity: Polarity = Polarity.NEUTRAL
    theme: str | None = None
    observations: tuple[Observation, ...] = ()
    comparators: tuple[Comparator, ...] = ()
    targets: tuple[Target, ...] = ()
    source: str | None = None
    release: str | None = None
    origin: Origin | None = None
    notes: str | None = None  # the notes written beside its figures, each once
    # ids and names it was known by before it took the catalogue's (a project's targets, links and
    # notes made under those still find it)
    also_known_as: tuple[str, ...] = ()

    def known_as(self, key: str) -> bool:
        """True when ``key`` is this series' id, or an id or name it was known by."""
        return key == self.id or key in self.also_known_as

    def comparator(self, kind: str) -> Comparator | None:
        for c in self.comparators:
            if c.kind == kind:
                return c
        return None

    def latest(self) -> Observation | None:
        """The latest period that has a value (gaps skipped)."""
        for obs in reversed(self.observations):
            if obs.value is not None:
                return obs
        return None


@dataclass(frozen=True, slots=True)
class EraSpan:
    """A named period a source shades on its timeline (a TimelineJS era), not an item."""

    label: str
    start: date
    end: date
    notes: str | None = None
    origin: Origin | None = None


@dataclass(frozen=True, slots=True)
class Dataset:
    """Everything read from one or more files, with every problem met on the way."""

    actions: tuple[Action, ...] = ()
    events: tuple[Event, ...] = ()
    series: tuple[MetricSeries, ...] = ()
    sources: tuple[Source, ...] = ()
    problems: tuple[Problem, ...] = ()
    files: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # what a reader should know that is not a problem
    eras: tuple[EraSpan, ...] = ()  # periods the sources shade (TimelineJS eras)

    @property
    def as_at(self) -> date | None:
        """The date the trackers describe (the latest, when several files say different dates);
        None when no tracker gives one."""
        return max((a.as_at for a in self.actions if a.as_at is not None), default=None)

    @property
    def observation_count(self) -> int:
        return self._known("count", lambda: sum(len(s.observations) for s in self.series))

    @property
    def is_empty(self) -> bool:
        return not (self.actions or self.events or self.series or self.sources)

    def _record_dates(self) -> Iterator[date]:
        """The dates of the actions, events and eras (the figures' are taken a list at a time)."""
        for a in self.actions:
            for d in (a.start, a.due, a.completed, *a.revised_due, *(h.as_at for h in a.history)):
                if d is not None:
                    yield d
        for e in self.events:
            for d in (e.start, e.end, e.published):
                if d is not None:
                    yield d
        for era in self.eras:
            yield era.start
            yield era.end

    def span(self) -> Span | None:
        """First to last date found anywhere in the data, or None when there are no dates."""
        return self._known("span", lambda: _span_of(self))

    def figures_span(self) -> Span | None:
        """From the start of the first figure to the end of the last, of every series and comparator
        (their figures kept in period order); None without figures."""
        return self._known("figures", lambda: _figures_span(self))

    def _known(self, what: str, work: Callable[[], Any]) -> Any:
        """``work()``, remembered: a dataset cannot change, and views, the status bar and the loading
        job (which works these out off the GUI thread) ask for the same sums over 10^5 figures."""
        of, known = _KNOWN.get((id(self), what), (None, None))  # one read each way: threads ask too
        if of is self:
            return known
        found = work()
        _KNOWN[(id(self), what)] = (self, found)
        while len(_KNOWN) > 12:  # the newest few datasets' (a dict keeps the order they came in)
            _KNOWN.pop(next(iter(_KNOWN)), None)
        return found

    def source_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}


_KNOWN: dict[tuple[int, str], tuple[Dataset, Any]] = {}  # (id, what) -> (the dataset, its sum), newest last
_STARTS, _ENDS = attrgetter("period.start"), attrgetter("period.end")


def _figures_span(data: Dataset) -> Span | None:
    firsts, lasts = [], []
    for s in data.series:
        for obs in (s.observations, *(c.observations for c in s.comparators)):
            if obs:
                firsts.append(obs[0].period.start)
                lasts.append(obs[-1].period.end)
    return Span(min(firsts), max(lasts)) if firsts else None


def _span_of(data: Dataset) -> Span | None:
    """Dataset.span: every date of the records, eras, figures' periods and targets."""
    dates = list(data._record_dates())
    for s in data.series:
        for obs in (s.observations, *(c.observations for c in s.comparators)):
            if obs:
                starts, ends = list(map(_STARTS, obs)), list(map(_ENDS, obs))
                dates += (min(starts), max(starts), min(ends), max(ends))
        dates += (t.due for t in s.targets if t.due is not None)
    return Span(min(dates), max(dates)) if dates else None


def merge_datasets(parts: Iterable[Dataset]) -> Dataset:
    """Combine datasets from several files, keeping every record and problem in file order."""
    actions: list[Action] = []
    events: list[Event] = []
    series: list[MetricSeries] = []
    sources: list[Source] = []
    problems: list[Problem] = []
    files: list[str] = []
    notes: list[str] = []
    eras: list[EraSpan] = []
    for p in parts:
        actions.extend(p.actions)
        events.extend(p.events)
        series.extend(p.series)
        sources.extend(p.sources)
        problems.extend(p.problems)
        files.extend(p.files)
        notes.extend(p.notes)
        eras.extend(p.eras)
    return Dataset(
        tuple(actions), one_per_event(events), tuple(series), tuple(sources), tuple(problems),
        tuple(files), tuple(notes), tuple(eras),
    )


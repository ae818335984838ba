"""Which actions and events a find-and-filter choice keeps: free text, workstream, status, kind, dates,
overdue only."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bcpviewer.model.analysis import overdue_actions
from bcpviewer.model.keys import item_key
from bcpviewer.model.records import Action, Dataset, Event
from bcpviewer.model.spans import Span
from bcpviewer.model.vocab import EventKind, Status

NO_WORKSTREAM = ""  # stands for actions with no workstream in Filter.workstreams


@dataclass(frozen=True, slots=True)
class Filter:
    """What to show. A facet left as None keeps everything; a set keeps only its members.

    Workstreams and statuses narrow the actions only, kinds narrow the events only, so a user can
    look at one workstream's actions against every inspection, or at monitoring visits beside every
    action. Text and dates narrow both. ``overdue_only`` keeps the overdue actions only (counted as
    ``analysis.overdue_actions`` counts them, on the day ``matching_keys`` is given); events stay, as
    the context the actions are late against.
    """

    text: str = ""
    workstreams: frozenset[str] | None = None
    statuses: frozenset[Status] | None = None
    kinds: frozenset[EventKind] | None = None
    start: date | None = None
    end: date | None = None
    overdue_only: bool = False

    @property
    def is_empty(self) -> bool:
        """True when nothing is filtered out, whatever the data."""
        return (
            not self.words
            and self.workstreams is None
            and self.statuses is None
            and self.kinds is None
            and self.start is None
            and self.end is None
            and not self.overdue_only
        )

    @property
    def words(self) -> tuple[str, ...]:
        """The search words, folded for case-insensitive matching."""
        return tuple(self.text.casefold().split())


def matching_keys(dataset: Dataset, flt: Filter, as_of: date | None = None, *,
                  against_today: bool = False) -> set[str]:
    """Item keys (``action:<id>``, ``event:<id>``) of the actions and events that ``flt`` keeps;
    ``as_of`` (today when None) and ``against_today`` say how overdue is counted for ``overdue_only``."""
    actions = dataset.actions
    if flt.overdue_only:
        late = overdue_actions(actions, as_of or date.today(), against_today=against_today)
        actions = [o.action for o in late]
    keys = {item_key(a) for a in actions if action_matches(a, flt)}
    keys.update(item_key(e) for e in dataset.events if event_matches(e, flt))
    return keys


def all_keys(dataset: Dataset) -> set[str]:
    """Every item key in ``dataset``."""
    return {item_key(r) for r in (*dataset.actions, *dataset.events)}


def action_matches(action: Action, flt: Filter) -> bool:
    if flt.workstreams is not None and (action.workstream or NO_WORKSTREAM) not in flt.workstreams:
        return False
    if flt.statuses is not None and action.status not in flt.statuses:
        return False
    if not _in_range(action_span(action), flt):
        return False
    return _has_words(_action_text(action), flt.words)


def event_matches(event: Event, flt: Filter) -> bool:
    if flt.kinds is not None and event.kind not in flt.kinds:
        return False
    if not _in_range(event.span, flt):
        return False
    return _has_words(_event_text(event), flt.words)


def action_span(action: Action) -> Span | None:
    """First to last date the action has (start, due, revisions, completion); None when undated."""
    dates = [d for d in (action.start, action.due, action.completed, *action.revised_due) if d is not None]
    return Span(min(dates), max(dates)) if dates else None


def _in_range(span: Span | None, flt: Filter) -> bool:
    if flt.start is None and flt.end is None:
        return True
    if span is None:  # an undated item cannot be said to fall in a date range
        return False
    if flt.start is not None and span.end < flt.start:
        return False
    return not (flt.end is not None and span.start > flt.end)


def _has_words(haystack: str, words: tuple[str, ...]) -> bool:
    return all(w in haystack for w in words)


def _fold(parts: Iterable[str | None]) -> str:
    return "\n".join(p for p in parts if p).casefold()


def _action_text(a: Action) -> str:
    return _fold(
        (a.id, a.title, a.workstream, a.owner, a.notes, a.success_measure, a.metric, a.status.label,
         *(h.note for h in a.history))
    )


def _event_text(e: Event) -> str:
    kind = e.kind_text if e.kind is EventKind.OTHER and e.kind_text else e.kind.label
    return _fold((e.id, e.title, kind, e.theme, e.lead, e.notes))

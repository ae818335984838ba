"""One event per real-world event: the same inspection or visit read from several sheets or files
(same kind, same start, and no field on which the copies disagree) becomes one event listing every
place it was read from. Copies that disagree on a date or a grade are all kept, so the sources can
be compared side by side (model.disagreements): nothing that differs is merged away."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bcpviewer.model.records import Event
    from bcpviewer.model.vocab import EventKind


def one_per_event(events: Iterable[Event]) -> tuple[Event, ...]:
    """The events with agreeing copies of one inspection or visit folded into the first."""
    out: list[Event] = []
    by_start: dict[tuple[EventKind, object], list[int]] = {}
    for e in events:
        if not e.kind.is_inspection:
            out.append(e)
            continue
        key = (e.kind, e.start)
        for k in by_start.get(key, ()):
            merged = same_event(out[k], e)
            if merged is not None:
                out[k] = merged
                break
        else:
            by_start.setdefault(key, []).append(len(out))
            out.append(e)
    return tuple(out)


def same_event(a: Event, b: Event) -> Event | None:
    """``a`` filled in from ``b`` when both describe one event and disagree on nothing, else None."""
    if (a.kind, a.start, a.precision) != (b.kind, b.start, b.precision):
        return None
    for x, y in ((a.end, b.end), (a.published, b.published)):
        if x is not None and y is not None and x != y:
            return None
    if any(a.grades.get(k) != g for k, g in b.grades.items() if k in a.grades):
        return None
    return replace(a, end=a.end or b.end, published=a.published or b.published,
                   grades={**b.grades, **a.grades}, theme=a.theme or b.theme, lead=a.lead or b.lead,
                   source=a.source or b.source, notes=a.notes or b.notes,
                   copies=(*a.copies, (b.origin, b.source), *b.copies))

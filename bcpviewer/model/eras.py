"""Background periods of the timeline, derived from events: "Judged inadequate" (from an inadequate
overall judgement to the next better one) and a direction or notice "in force" (until revoked or a
Good judgement), and the periods a source itself names; stacked into rows where they overlap."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bcpviewer.model.records import Dataset, Event, judged_on
from bcpviewer.model.spans import format_date
from bcpviewer.model.vocab import EventKind, Grade


@dataclass(frozen=True, slots=True)
class Era:
    """A shaded background period derived from events: judged inadequate, a direction in force."""

    key: str
    label: str
    kind: str  # "judgement", "intervention" or "source" (an era the data itself names)
    start: date
    end: date
    open_ended: bool = False
    row: int = 0
    y: float = 0.0

    @property
    def dates_label(self) -> str:
        return f"{format_date(self.start)} to {'now' if self.open_ended else format_date(self.end)}"


def era_at(e: Era, row: int, y: float = 0.0) -> Era:
    return Era(e.key, e.label, e.kind, e.start, e.end, e.open_ended, row, y)


_DIRECTION_LABELS = {
    EventKind.STATUTORY_DIRECTION: "Statutory direction in force",
    EventKind.IMPROVEMENT_NOTICE: "Improvement notice in force",
}


def derive_eras(events: Iterable[Event], as_of: date) -> list[Era]:
    """Background periods: "Judged inadequate" and "... in force" (direction or notice), in time order."""
    evs = sorted(events, key=lambda e: (e.start, e.id))
    eras: list[Era] = []
    # Judged inadequate: from an inadequate overall publication to the next better overall one.
    judged = sorted((e for e in evs if e.overall is not None), key=lambda e: (judged_on(e), e.id))
    opened: date | None = None
    for e in judged:
        when = judged_on(e)
        if e.overall is Grade.INADEQUATE and opened is None:
            opened = when
        elif e.overall is not None and e.overall < Grade.INADEQUATE and opened is not None:
            eras.append(Era(f"era:inadequate:{opened.isoformat()}", "Judged inadequate", "judgement",
                            opened, when))
            opened = None
    if opened is not None:
        eras.append(Era(f"era:inadequate:{opened.isoformat()}", "Judged inadequate", "judgement",
                        opened, max(opened, as_of), open_ended=True))
    # Intervention: a notice or direction until revoked or a Good/Outstanding overall judgement.
    ends = sorted(
        [e.start for e in evs if e.kind is EventKind.DIRECTION_REVOKED]
        + [judged_on(e) for e in evs if e.overall is not None and e.overall <= Grade.GOOD]
    )
    current: tuple[EventKind, date] | None = None
    for e in evs:
        if e.kind not in _DIRECTION_LABELS:
            continue
        if current is not None:
            end = _first_end(ends, current[1], before=e.start)
            if end is None:  # still in force: a direction after a notice escalates it
                eras.append(_intervention(current, e.start))
                current = (e.kind, e.start)
                continue
            eras.append(_intervention(current, end))
        current = (e.kind, e.start)
    if current is not None:
        end = _first_end(ends, current[1], before=None)
        eras.append(_intervention(current, end) if end else
                    _intervention(current, max(current[1], as_of), open_ended=True))
    eras.sort(key=lambda era: (era.start, era.key))
    return eras


def source_eras(dataset: Dataset) -> list[Era]:
    """The periods the sources themselves shade (TimelineJS eras), as eras of kind "source"."""
    return [Era(f"era:source:{i}:{e.start.isoformat()}", e.label, "source", e.start, e.end)
            for i, e in enumerate(dataset.eras)]


def _first_end(ends: list[date], after: date, before: date | None) -> date | None:
    """The first end date on or after ``after`` (and on or before ``before``), by bisection."""
    i = bisect_left(ends, after)
    if i == len(ends) or (before is not None and ends[i] > before):
        return None
    return ends[i]


def _intervention(current: tuple[EventKind, date], end: date, open_ended: bool = False) -> Era:
    kind, start = current
    return Era(f"era:{kind.value}:{start.isoformat()}", _DIRECTION_LABELS[kind], "intervention",
               start, end, open_ended)


def stack_eras(eras: list[Era]) -> tuple[Era, ...]:
    """Give overlapping eras their own rows of the era strip (first fit)."""
    ends: list[date] = []
    out = []
    for e in eras:
        row = next((i for i, end in enumerate(ends) if end < e.start), len(ends))
        if row == len(ends):
            ends.append(e.end)
        else:
            ends[row] = e.end
        out.append(era_at(e, row))
    return tuple(out)

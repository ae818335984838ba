"""The pack's numbered sources and public notes: which notes are in scope, where each is, and its number."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bcpviewer.model.annotations import METRIC, Annotation, DateTarget, RangeTarget
from bcpviewer.model.keys import split_key
from bcpviewer.model.records import Action, Event, MetricSeries, Source
from bcpviewer.model.spans import format_date, format_range
from bcpviewer.model.vocab import squash


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


def in_scope(a: Annotation, keys: set[str], records: dict[str, Action | Event],
             series_keys: dict[str, MetricSeries], start: date | None, end: date | None) -> bool:
    """Is the note about something in the briefing: a date or range in the period, a chosen metric,
    an item in scope; a note on an item no longer in the data only in an export of everything."""
    t = a.target
    if isinstance(t, DateTarget):
        return _overlaps(t.day, t.day, start, end)
    if isinstance(t, RangeTarget):
        return _overlaps(t.start, t.end, start, end)
    key = t.key
    if key.startswith(f"{METRIC}:"):
        return key in series_keys
    if key in records:
        return key in keys
    return start is None and end is None  # an orphan: only in an export of everything


def _overlaps(first: date, last: date, start: date | None, end: date | None) -> bool:
    return not ((start and last < start) or (end and first > end))


def where(a: Annotation, records: dict[str, Action | Event], series_keys: dict[str, MetricSeries]) -> str:
    """Where a note is, in words: a date, a range, a metric, an action or an event."""
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


def when(a: Annotation, records: dict[str, Action | Event]) -> date | None:
    """The first date of what a note is about, for ordering; None when it has none."""
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


class References:
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

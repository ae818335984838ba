"""Annotations a researcher pins on an item, a date or a date range, and pure edits of their document."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

from bcpviewer.model.filtering import all_keys
from bcpviewer.model.records import Dataset
from bcpviewer.model.spans import format_date, format_range

METRIC = "metric"  # ``metric:<series id>``: an annotation on a whole metric series


@dataclass(frozen=True, slots=True)
class ItemTarget:
    """An annotation on one item: ``action:<id>``, ``event:<id>`` or ``metric:<id>``."""

    key: str

    @property
    def label(self) -> str:
        return self.key


@dataclass(frozen=True, slots=True)
class DateTarget:
    """An annotation on one day."""

    day: date

    @property
    def label(self) -> str:
        return format_date(self.day)


@dataclass(frozen=True, slots=True)
class RangeTarget:
    """An annotation on a run of days, ``start`` to ``end`` inclusive."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"the range ends ({self.end}) before it starts ({self.start})")

    @property
    def label(self) -> str:
        return format_range(self.start, self.end)


Target = ItemTarget | DateTarget | RangeTarget


def now_utc() -> datetime:
    """The time now in UTC, to the second (what ``created`` and ``edited`` hold)."""
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True, slots=True)
class Annotation:
    """A note with its place, tags, source and flags; ``private`` ones are never exported."""

    id: str
    target: Target
    text: str
    tags: tuple[str, ...] = ()
    source_title: str = ""
    source_url: str = ""
    include_in_briefing: bool = False
    private: bool = False
    author: str = ""
    created: datetime = datetime(1970, 1, 1, tzinfo=UTC)
    edited: datetime = datetime(1970, 1, 1, tzinfo=UTC)

    @property
    def key(self) -> str | None:
        """The item key for an annotation on an item, else None."""
        return self.target.key if isinstance(self.target, ItemTarget) else None


def new_annotation(target: Target, text: str, *, now: datetime | None = None, id: str | None = None,
                   **fields: object) -> Annotation:
    """A new annotation with a fresh id, created and edited now (UTC)."""
    when = now or now_utc()
    return Annotation(id or uuid.uuid4().hex, target, text, created=when, edited=when,
                      **fields)  # type: ignore[arg-type]


def edited(annotation: Annotation, *, now: datetime | None = None, **fields: object) -> Annotation:
    """A copy with ``fields`` changed and ``edited`` set to now."""
    return dataclasses.replace(annotation, edited=now or now_utc(), **fields)  # type: ignore[arg-type]


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags trimmed, blanks dropped, repeats (ignoring case) removed, first spelling kept."""
    out: list[str] = []
    seen: set[str] = set()
    for t in tags:
        t = " ".join(t.split())
        if t and t.casefold() not in seen:
            seen.add(t.casefold())
            out.append(t)
    return tuple(out)


class AnnotationSet(Mapping[str, Annotation]):
    """An immutable document of annotations by id, always in (created, id) order."""

    __slots__ = ("_items",)

    def __init__(self, annotations: Iterable[Annotation] = ()) -> None:
        items: dict[str, Annotation] = {}
        for a in sorted(annotations, key=lambda a: (a.created, a.id)):
            if a.id in items:
                raise ValueError(f"two annotations have the id {a.id!r}")
            items[a.id] = a
        self._items = items

    def __getitem__(self, key: str) -> Annotation:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, AnnotationSet):
            return list(self._items.items()) == list(other._items.items())
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self._items.values()))

    def __repr__(self) -> str:
        return f"AnnotationSet({list(self._items.values())!r})"


EMPTY = AnnotationSet()


# -- pure edits: each returns a new document, the old one is untouched ----------------------------
def add(doc: AnnotationSet, annotation: Annotation) -> AnnotationSet:
    """``doc`` with ``annotation`` added; ValueError when its id is taken."""
    if annotation.id in doc:
        raise ValueError(f"an annotation with id {annotation.id!r} is already there")
    return AnnotationSet((*doc.values(), annotation))


def change(doc: AnnotationSet, annotation: Annotation) -> AnnotationSet:
    """``doc`` with the annotation of the same id replaced; KeyError when there is none."""
    if annotation.id not in doc:
        raise KeyError(annotation.id)
    return AnnotationSet(annotation if a.id == annotation.id else a for a in doc.values())


def delete(doc: AnnotationSet, annotation_id: str) -> AnnotationSet:
    """``doc`` without the annotation ``annotation_id``; KeyError when there is none."""
    if annotation_id not in doc:
        raise KeyError(annotation_id)
    return AnnotationSet(a for a in doc.values() if a.id != annotation_id)


def move(doc: AnnotationSet, annotation_id: str, target: Target, *, now: datetime | None = None
         ) -> AnnotationSet:
    """``doc`` with one annotation moved to ``target`` (and marked edited)."""
    return change(doc, edited(doc[annotation_id], now=now, target=target))


# -- queries ---------------------------------------------------------------------------------------
def dataset_keys(dataset: Dataset) -> set[str]:
    """Every key an annotation can be attached to in ``dataset``: items and metric series."""
    return all_keys(dataset) | {f"{METRIC}:{s.id}" for s in dataset.series}


def orphans(doc: AnnotationSet, dataset: Dataset) -> list[Annotation]:
    """Annotations on items no longer in ``dataset``: kept, to be marked, never deleted."""
    keys = dataset_keys(dataset)
    return [a for a in doc.values() if a.key is not None and a.key not in keys]


def for_item(doc: AnnotationSet, key: str) -> list[Annotation]:
    """The annotations on item ``key``, oldest first."""
    return [a for a in doc.values() if a.key == key]


def all_tags(doc: AnnotationSet) -> list[str]:
    """Every tag used, once each (ignoring case), sorted."""
    return sorted(clean_tags(t for a in doc.values() for t in a.tags), key=str.casefold)


@dataclass(frozen=True, slots=True)
class AnnotationFilter:
    """Which annotations a list shows: words in any text, a tag, and flags (None: either)."""

    text: str = ""
    tag: str | None = None
    briefing: bool | None = None
    private: bool | None = None
    orphaned: bool | None = None


def matches(a: Annotation, flt: AnnotationFilter, orphan_ids: frozenset[str] = frozenset(),
            where: str = "") -> bool:
    """True when ``a`` passes ``flt``; ``where`` is extra text to search (the item's title)."""
    if flt.tag is not None and flt.tag.casefold() not in {t.casefold() for t in a.tags}:
        return False
    for wanted, actual in ((flt.briefing, a.include_in_briefing), (flt.private, a.private),
                           (flt.orphaned, a.id in orphan_ids)):
        if wanted is not None and wanted != actual:
            return False
    hay = "\n".join((a.text, *a.tags, a.source_title, a.source_url, a.author, a.target.label,
                     where)).casefold()
    return all(w in hay for w in flt.text.casefold().split())

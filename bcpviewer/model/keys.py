"""One key per timeline item, shared by the timeline, the tables, filters and annotations."""

from __future__ import annotations

from bcpviewer.model.records import Action, Event

ACTION, EVENT = "action", "event"


def item_key(record: Action | Event) -> str:
    """``action:<id>`` or ``event:<id>``: stable as long as the record's id is."""
    return f"{ACTION if isinstance(record, Action) else EVENT}:{record.id}"


def split_key(key: str) -> tuple[str, str]:
    """``("action", "A1.01")`` from ``"action:A1.01"``; ValueError for anything else."""
    kind, sep, rid = key.partition(":")
    if not sep or kind not in (ACTION, EVENT) or not rid:
        raise ValueError(f"not an item key: {key!r}")
    return kind, rid

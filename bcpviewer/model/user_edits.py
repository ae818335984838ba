"""What a researcher adds to the data in the app: links from actions to metrics, targets on metrics, and the
briefing pack's cover as typed in the export dialog."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from bcpviewer.model.cover import EMPTY_COVER, Cover
from bcpviewer.model.keys import ACTION, split_key
from bcpviewer.model.records import Target


def _frozen(mapping: Mapping) -> MappingProxyType:
    return mapping if isinstance(mapping, MappingProxyType) else MappingProxyType(dict(mapping))


@dataclass(frozen=True, slots=True)
class UserEdits:
    """Metric links (``action:<id>`` → series id; they override the tracker's Metric column) and
    targets entered in the app (series id → targets, in the order entered), and the pack's cover. Never holds
    empty entries."""

    metric_links: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    targets: Mapping[str, tuple[Target, ...]] = field(default_factory=lambda: MappingProxyType({}))
    cover: Cover = EMPTY_COVER

    def __post_init__(self) -> None:
        object.__setattr__(self, "metric_links", _frozen(self.metric_links))
        object.__setattr__(self, "targets", _frozen({k: tuple(v) for k, v in self.targets.items() if v}))

    def __hash__(self) -> int:
        return hash((frozenset(self.metric_links.items()), frozenset(self.targets.items()), self.cover))

    @property
    def is_empty(self) -> bool:
        return not self.metric_links and not self.targets and self.cover.is_empty

    @property
    def target_count(self) -> int:
        return sum(len(t) for t in self.targets.values())

    def link_of(self, action_key: str) -> str | None:
        """The series an action is linked to in the app, if any."""
        return self.metric_links.get(action_key)

    def targets_of(self, series_id: str) -> tuple[Target, ...]:
        return self.targets.get(series_id, ())


EMPTY_EDITS = UserEdits()


def check_action_key(action_key: str) -> str:
    """``action_key`` when it is an ``action:<id>`` key; ValueError otherwise."""
    kind, _rid = split_key(action_key)
    if kind != ACTION:
        raise ValueError(f"only actions link to metrics, not {action_key!r}")
    return action_key


def check_target_value(target: Target) -> Target:
    """``target`` when its value is a finite number; ValueError otherwise."""
    value = target.value
    try:
        finite = not isinstance(value, bool) and isinstance(value, int | float) and math.isfinite(value)
    except OverflowError:  # an int too big for a float
        finite = False
    if not finite:
        raise ValueError(f"a target's value must be a finite number, not {str(value)[:20]!r}")
    return target


def _with_targets(edits: UserEdits, series_id: str, targets: tuple[Target, ...]) -> UserEdits:
    new = dict(edits.targets)
    if targets:
        new[series_id] = targets
    else:
        new.pop(series_id, None)
    return replace(edits, targets=new)


def link(edits: UserEdits, action_key: str, series_id: str | None) -> UserEdits:
    """Link the action ``action:<id>`` to a series; None removes the app's link (the tracker's
    Metric column applies again)."""
    check_action_key(action_key)
    links = dict(edits.metric_links)
    if series_id is None:
        links.pop(action_key, None)
    else:
        if not series_id.strip():
            raise ValueError("a metric link needs the metric's id")
        links[action_key] = series_id
    return replace(edits, metric_links=links)


def add_target(edits: UserEdits, series_id: str, target: Target, index: int | None = None) -> UserEdits:
    """Add a target to a series (at ``index`` among the app's targets, else last); ValueError when
    the series already has the same target."""
    if not series_id:
        raise ValueError("a target needs the metric's id")
    check_target_value(target)
    old = edits.targets_of(series_id)
    if target in old:
        raise ValueError("the metric already has this target")
    at = len(old) if index is None else max(0, min(index, len(old)))
    return _with_targets(edits, series_id, (*old[:at], target, *old[at:]))


def remove_target(edits: UserEdits, series_id: str, target: Target) -> UserEdits:
    """Remove a target entered in the app; KeyError when the series has no such target."""
    old = edits.targets_of(series_id)
    if target not in old:
        raise KeyError(f"no target {target!r} on {series_id!r}")
    at = old.index(target)
    return _with_targets(edits, series_id, old[:at] + old[at + 1:])


def target_index(edits: UserEdits, series_id: str, target: Target) -> int:
    """Where ``target`` is among the series' targets entered in the app; KeyError when absent."""
    old = edits.targets_of(series_id)
    if target not in old:
        raise KeyError(f"no target {target!r} on {series_id!r}")
    return old.index(target)


def change_target(edits: UserEdits, series_id: str, old: Target, new: Target) -> UserEdits:
    """Replace a target in place; KeyError when ``old`` is absent, ValueError when ``new`` would
    repeat another of the series' targets."""
    targets = edits.targets_of(series_id)
    at = target_index(edits, series_id, old)
    check_target_value(new)
    if new != old and new in targets:
        raise ValueError("the metric already has this target")
    return _with_targets(edits, series_id, (*targets[:at], new, *targets[at + 1:]))


def with_cover(edits: UserEdits, cover: Cover) -> UserEdits:
    """``edits`` with the pack's cover replaced."""
    return replace(edits, cover=cover)

"""Two versions of the same improvement-plan tracker: what was added, dropped, re-dated, re-owned
and re-rated between them.

Actions are matched by id; those left over are matched by how alike their titles are (ids are
often renumbered when a plan is refreshed), best pairs first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from enum import Enum

from bcpviewer.model.records import Action
from bcpviewer.model.spans import format_date

TITLE_THRESHOLD = 0.6  # how alike two titles must be (0-1) to count as the same action
_WORDS = re.compile(r"[a-z0-9]+")


class Change(str, Enum):
    ADDED = "added"
    DROPPED = "dropped"
    REDATED = "redated"
    REOWNED = "reowned"
    RERATED = "rerated"
    RETITLED = "retitled"
    MOVED = "moved"  # to another workstream

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Change.ADDED: "Added",
    Change.DROPPED: "Dropped",
    Change.REDATED: "Re-dated",
    Change.REOWNED: "Re-owned",
    Change.RERATED: "Re-rated",
    Change.RETITLED: "Re-worded",
    Change.MOVED: "Moved workstream",
}


@dataclass(frozen=True, slots=True)
class ActionChange:
    """One action across the two versions (``old`` or ``new`` is None when added or dropped)."""

    old: Action | None
    new: Action | None
    changes: frozenset[Change] = field(default_factory=frozenset)
    matched_by: str = ""  # "id", "title" or "" (added / dropped)
    similarity: float = 1.0  # of the titles, 0-1

    @property
    def action(self) -> Action:
        a = self.new or self.old
        assert a is not None
        return a

    @property
    def shift_days(self) -> int | None:
        """Days the expected date moved (later is positive); None when either has no date."""
        if self.old is None or self.new is None:
            return None
        o, n = self.old.current_due, self.new.current_due
        return None if o is None or n is None else (n - o).days

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def describe(self) -> str:
        """What changed, in words: "due 31 Mar 2023 → 30 Sep 2023 (+183 days); owner DCS → Head of…"."""
        if Change.ADDED in self.changes:
            return "New in this version."
        if Change.DROPPED in self.changes:
            return "Not in this version."
        old, new = self.old, self.new
        assert old is not None and new is not None
        parts = []
        if Change.REDATED in self.changes:
            shift = self.shift_days
            by = "" if shift is None else f" ({shift:+,} days)"
            parts.append(f"due {format_date(old.current_due, 'none')} → "
                         f"{format_date(new.current_due, 'none')}{by}")
        if Change.REOWNED in self.changes:
            parts.append(f"owner {old.owner or 'none'} → {new.owner or 'none'}")
        if Change.RERATED in self.changes:
            parts.append(f"status {old.status.label} → {new.status.label}")
        if Change.MOVED in self.changes:
            parts.append(f"workstream {old.workstream or 'none'} → {new.workstream or 'none'}")
        if Change.RETITLED in self.changes:
            parts.append(f"was \u201c{old.title}\u201d")
        if self.matched_by == "title" and old.id != new.id:
            parts.append(f"matched to {old.id} by title ({self.similarity:.0%} alike)")
        return "; ".join(parts) + "." if parts else "No change."


@dataclass(frozen=True, slots=True)
class PlanComparison:
    old_label: str
    new_label: str
    rows: tuple[ActionChange, ...]

    def with_change(self, change: Change) -> tuple[ActionChange, ...]:
        return tuple(r for r in self.rows if change in r.changes)

    @property
    def changed(self) -> tuple[ActionChange, ...]:
        return tuple(r for r in self.rows if r.changes)

    def counts(self) -> dict[Change, int]:
        return {c: len(self.with_change(c)) for c in Change}

    def summary(self) -> str:
        """"3 added, 2 dropped, 7 re-dated (median +92 days), ...": one line for a status bar."""
        counts = self.counts()
        parts = []
        for c in (Change.ADDED, Change.DROPPED, Change.REDATED, Change.REOWNED, Change.RERATED):
            n = counts[c]
            if not n:
                continue
            text = f"{n} {c.label.lower()}"
            if c is Change.REDATED:
                shifts = sorted(s for r in self.with_change(c) if (s := r.shift_days) is not None)
                if shifts:
                    mid = len(shifts) // 2
                    median = shifts[mid] if len(shifts) % 2 else round((shifts[mid - 1] + shifts[mid]) / 2)
                    text += f" (median {median:+,} days)"
            parts.append(text)
        matched = sum(1 for r in self.rows if r.old is not None and r.new is not None)
        return (", ".join(parts) or "no changes") + f"; {matched} actions in both versions."


def _words(title: str) -> str:
    return " ".join(_WORDS.findall(title.casefold()))


def title_similarity(a: str, b: str) -> float:
    """0-1: how alike two titles are, ignoring case, punctuation and spacing."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    if wa == wb:
        return 1.0
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _id(a: Action) -> str:
    return a.id.strip().casefold()


def _changes(old: Action, new: Action) -> frozenset[Change]:
    found = set()
    if old.current_due != new.current_due:
        found.add(Change.REDATED)
    if _norm(old.owner) != _norm(new.owner):
        found.add(Change.REOWNED)
    if old.status is not new.status:
        found.add(Change.RERATED)
    if _norm(old.workstream) != _norm(new.workstream):
        found.add(Change.MOVED)
    if _norm(old.title) != _norm(new.title):
        found.add(Change.RETITLED)
    return frozenset(found)


def _latest(actions: Sequence[Action]) -> list[Action]:
    """One action per id (a tracker lists an action once per update; the record is the latest)."""
    seen: dict[str, Action] = {}
    for a in actions:
        seen[_id(a)] = a
    return list(seen.values())


def compare_plans(old: Sequence[Action], new: Sequence[Action], *, old_label: str = "Older version",
                  new_label: str = "Newer version", threshold: float = TITLE_THRESHOLD) -> PlanComparison:
    """Match ``old`` to ``new`` (by id, then by title) and say what changed for each action.

    Rows come in the newer version's order, each dropped action after the row it followed.
    """
    olds, news = _latest(old), _latest(new)
    old_by_id = {_id(a): a for a in olds}
    pairs: dict[int, tuple[Action, str, float]] = {}  # new index -> (old, how, similarity)
    used: set[str] = set()
    for i, a in enumerate(news):
        o = old_by_id.get(_id(a))
        if o is not None:
            pairs[i] = (o, "id", title_similarity(o.title, a.title))
            used.add(_id(o))
    left_old = [o for o in olds if _id(o) not in used]
    left_new = [i for i in range(len(news)) if i not in pairs]
    candidates = []
    new_words = {ni: _words(news[ni].title) for ni in left_new}
    for oi, o in enumerate(left_old):
        ow = _words(o.title)
        for ni in left_new:
            nw = new_words[ni]
            if not ow or not nw:
                continue
            m = SequenceMatcher(None, ow, nw, autojunk=False)
            if m.real_quick_ratio() < threshold or m.quick_ratio() < threshold:
                continue
            s = 1.0 if ow == nw else m.ratio()
            if s >= threshold:
                same_ws = _norm(o.workstream) == _norm(news[ni].workstream)
                candidates.append((-s, not same_ws, abs(oi - ni), oi, ni))
    candidates.sort()
    taken_old: set[int] = set()
    for neg_s, _ws, _dist, oi, ni in candidates:
        if oi in taken_old or ni in pairs:
            continue
        pairs[ni] = (left_old[oi], "title", -neg_s)
        taken_old.add(oi)
    matched_old = {_id(p[0]) for p in pairs.values()}
    rows: list[ActionChange] = []
    old_pos = {_id(o): k for k, o in enumerate(olds)}
    # dropped actions go after the last matched old action that preceded them
    dropped = [o for o in olds if _id(o) not in matched_old]
    dropped_after: dict[int, list[Action]] = {}
    lead: list[Action] = []
    for d in dropped:
        k = old_pos[_id(d)]
        prev = max((old_pos[_id(p[0])] for p in pairs.values() if old_pos[_id(p[0])] < k),
                   default=None)
        if prev is None:
            lead.append(d)
        else:
            dropped_after.setdefault(prev, []).append(d)
    rows.extend(ActionChange(d, None, frozenset({Change.DROPPED}), "", 0.0) for d in lead)
    for i, a in enumerate(news):
        if i in pairs:
            o, how, sim = pairs[i]
            rows.append(ActionChange(o, a, _changes(o, a), how, sim))
            for d in dropped_after.pop(old_pos[_id(o)], []):
                rows.append(ActionChange(d, None, frozenset({Change.DROPPED}), "", 0.0))
        else:
            rows.append(ActionChange(None, a, frozenset({Change.ADDED}), "", 0.0))
    for rest in dropped_after.values():
        rows.extend(ActionChange(d, None, frozenset({Change.DROPPED}), "", 0.0) for d in rest)
    return PlanComparison(old_label, new_label, tuple(rows))


@dataclass(frozen=True, slots=True)
class Ghost:
    """An older version's dates for an action, drawn faintly behind the current bar."""

    key: str | None  # ``action:<id>`` of the matching current action; None for a dropped one
    start: date | None
    due: date
    title: str
    dropped: bool = False


def ghosts(comparison: PlanComparison) -> tuple[Ghost, ...]:
    """The older version's dates of every action that was re-dated or dropped."""
    out = []
    for r in comparison.rows:
        o = r.old
        if o is None or o.current_due is None:
            continue
        if r.new is not None and Change.REDATED in r.changes:
            out.append(Ghost(f"action:{r.new.id}", o.start, o.current_due, o.title))
        elif r.new is None:
            out.append(Ghost(None, o.start, o.current_due, o.title, dropped=True))
    return tuple(out)

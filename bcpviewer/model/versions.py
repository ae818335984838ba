"""Two versions of the same improvement-plan tracker: what was added, dropped, re-dated, re-owned
and re-rated between them.

Actions are matched by id; those left over are matched by how alike their titles are (ids are
often renumbered when a plan is refreshed), best pairs first.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from enum import Enum

from bcpviewer.model.records import Action
from bcpviewer.model.spans import format_date

TITLE_THRESHOLD = 0.6  # how alike two titles must be (0-1) to count as the same action
SAME_ID_THRESHOLD = 0.4  # below this, two actions with one id are different actions (the id was reused)
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
        if self.matched_by == "title":
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
    if not wa or not wb:  # titles of punctuation only: alike only when the same
        return 1.0 if a.strip().casefold() == b.strip().casefold() else 0.0
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


class _TitleIndex:
    """Old titles by their words, so that a new title is compared (character by character) only
    with the few old titles that share its less common words: two plans of thousands of actions
    compare in moments, not hours."""

    MAX_CANDIDATES = 6

    def __init__(self, titles: Sequence[str]) -> None:
        self.words = [_words(t) for t in titles]
        self.tokens = [frozenset(w.split()) for w in self.words]
        index: dict[str, list[int]] = {}
        for k, toks in enumerate(self.tokens):
            for tok in toks:
                index.setdefault(tok, []).append(k)
        common = max(50, len(titles) // 20)  # words in more titles than this say little
        self.index = {tok: ks for tok, ks in index.items() if len(ks) <= common}

    def candidates(self, title: str) -> list[int]:
        """Old titles sharing the most informative words with ``title``, best first."""
        toks = frozenset(_words(title).split())
        shared: dict[int, int] = {}
        for tok in toks:
            for k in self.index.get(tok, ()):
                shared[k] = shared.get(k, 0) + 1
        if not shared:
            return []
        ranked = sorted(shared, key=lambda k: (-2 * shared[k] / (len(toks) + len(self.tokens[k])), k))
        return ranked[: self.MAX_CANDIDATES]

    def similar(self, k: int, title: str, threshold: float) -> float | None:
        """The similarity of old title ``k`` and ``title`` when at least ``threshold``, else None."""
        ow, nw = self.words[k], _words(title)
        if not ow or not nw:
            return None
        if ow == nw:
            return 1.0
        m = SequenceMatcher(None, ow, nw, autojunk=False)
        if m.real_quick_ratio() < threshold or m.quick_ratio() < threshold:
            return None
        r = m.ratio()
        return r if r >= threshold else None


def compare_plans(old: Sequence[Action], new: Sequence[Action], *, old_label: str = "Older version",
                  new_label: str = "Newer version", threshold: float = TITLE_THRESHOLD) -> PlanComparison:
    """Match ``old`` to ``new`` (by id, then by title) and say what changed for each action.

    Rows come in the newer version's order, each dropped action after the row it followed.
    """
    olds, news = _latest(old), _latest(new)
    old_by_id = {_id(a): a for a in olds}
    old_index = {_id(a): k for k, a in enumerate(olds)}
    titles = _TitleIndex([o.title for o in olds])
    pairs: dict[int, tuple[Action, str, float]] = {}  # new index -> (old, how, similarity)
    used: set[str] = set()
    for i, a in enumerate(news):
        o = old_by_id.get(_id(a))
        if o is not None:
            alike = title_similarity(o.title, a.title)
            if alike < SAME_ID_THRESHOLD:
                continue  # the id was reused for another action: let the titles decide
            own = old_index[_id(o)]
            if alike < threshold and any(k != own and titles.similar(k, a.title, threshold) is not None
                                         for k in titles.candidates(a.title)):
                continue  # another old action has (nearly) this title: the id was reused
            pairs[i] = (o, "id", alike)
            used.add(_id(o))
    left = {k for k, o in enumerate(olds) if _id(o) not in used}
    candidates = []
    for ni in range(len(news)):
        if ni in pairs:
            continue
        title = news[ni].title
        for k in titles.candidates(title):
            if k not in left:
                continue
            sim = titles.similar(k, title, threshold)
            if sim is not None:
                same_ws = _norm(olds[k].workstream) == _norm(news[ni].workstream)
                candidates.append((-sim, not same_ws, abs(k - ni), k, ni))
    candidates.sort()
    taken_old: set[int] = set()
    for neg_s, _ws, _dist, k, ni in candidates:
        if k in taken_old or ni in pairs:
            continue
        pairs[ni] = (olds[k], "title", -neg_s)
        taken_old.add(k)
    matched_old = {_id(p[0]) for p in pairs.values()}
    rows: list[ActionChange] = []
    old_pos = {_id(o): k for k, o in enumerate(olds)}
    # dropped actions go after the last matched old action that preceded them
    dropped = [o for o in olds if _id(o) not in matched_old]
    dropped_after: dict[int, list[Action]] = {}
    lead: list[Action] = []
    matched_pos = sorted(old_pos[_id(p[0])] for p in pairs.values())
    for d in dropped:
        k = old_pos[_id(d)]
        at = bisect_left(matched_pos, k)
        prev = matched_pos[at - 1] if at else None
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

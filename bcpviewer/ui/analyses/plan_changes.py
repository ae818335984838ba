"""The plan-comparison table: one row per action across two versions of the tracker, with what
changed (added, dropped, re-dated, re-owned, re-rated, re-worded, moved), then → now for its due
date, owner and status, and the filter by kind of change."""

from __future__ import annotations

from PySide6.QtGui import QColor

from bcpviewer.model.records import Action
from bcpviewer.model.spans import format_date
from bcpviewer.model.versions import ActionChange, Change
from bcpviewer.plots import style
from bcpviewer.ui.items.table_models import Column, RecordSortProxy, RecordTableModel, natural_key

NOT_IN = "–"  # a date, owner or status the version does not have (the action is not in it)
ARROW = " → "
CHANGE_ORDER = (Change.ADDED, Change.DROPPED, Change.REDATED, Change.REOWNED, Change.RERATED,
                Change.MOVED, Change.RETITLED)

# The filter: (label, which rows); "All changes" is the default.
ALL_CHANGES, EVERYTHING = "All changes", "Everything"
FILTERS: tuple[tuple[str, Change | str], ...] = (
    (ALL_CHANGES, ALL_CHANGES),
    ("Added", Change.ADDED),
    ("Dropped", Change.DROPPED),
    ("Re-dated", Change.REDATED),
    ("Re-owned", Change.REOWNED),
    ("Re-rated", Change.RERATED),
    ("Re-worded", Change.RETITLED),
    ("Moved workstream", Change.MOVED),
    (EVERYTHING, EVERYTHING),
)
_CHANGE_FILL = {  # a light tint behind the Change cell; the words say the same
    Change.ADDED: style.OKABE_ITO["bluish_green"],
    Change.DROPPED: style.OKABE_ITO["vermillion"],
    Change.REDATED: style.OKABE_ITO["orange"],
}


def _words(r: ActionChange) -> str:
    if not r.changes:
        return "No change"
    return ", ".join(c.label for c in CHANGE_ORDER if c in r.changes)


def _then_now(old: str | None, new: str | None, r: ActionChange) -> str:
    """"then → now", or one value when it did not change; "–" for a version without the action."""
    if r.old is None:
        return f"{NOT_IN}{ARROW}{new}"
    if r.new is None:
        return f"{old}{ARROW}{NOT_IN}"
    return old if old == new else f"{old}{ARROW}{new}"


def _due(a: Action | None) -> str:
    return NOT_IN if a is None else format_date(a.current_due, "none")


def _owner(a: Action | None) -> str:
    return NOT_IN if a is None else (" ".join((a.owner or "").split()) or "none")


def _status(a: Action | None) -> str:
    return NOT_IN if a is None else style.status_mark(a.status).text


def _action_text(r: ActionChange) -> str:
    a = r.action
    if r.old is not None and r.new is not None and r.old.id != r.new.id:
        return f"{r.new.id} (was {r.old.id}) {a.title}"
    return f"{a.id} {a.title}"


def _workstream(r: ActionChange) -> str:
    if Change.MOVED in r.changes and r.old is not None and r.new is not None:
        return f"{r.old.workstream or 'none'}{ARROW}{r.new.workstream or 'none'}"
    return r.action.workstream or ""


def _matched(r: ActionChange) -> str:
    if r.matched_by == "id":
        return "id"
    if r.matched_by == "title":
        return f"title ({r.similarity:.0%} alike)"
    return ""


def _shift(r: ActionChange) -> int | None:
    s = r.shift_days
    return s if s else None


def _tip(r: ActionChange) -> str:
    lines = [_action_text(r), r.describe()]
    if r.old is not None and r.new is not None and r.old.title != r.new.title:
        lines.append(f"Older title: {r.old.title}")
    return "\n".join(lines)


_STATUS_ORDER = {s: i for i, s in enumerate(style.STATUS_MARKS)}


def _status_key(r: ActionChange) -> tuple[int, int]:
    o = _STATUS_ORDER[r.old.status] if r.old is not None else -1
    n = _STATUS_ORDER[r.new.status] if r.new is not None else -1
    return n, o


def _status_accessible(r: ActionChange) -> str:
    def say(a: Action | None) -> str:
        return "not in this version" if a is None else a.status.label
    return f"Status: {say(r.old)} then, {say(r.new)} now"


def _fill(r: ActionChange) -> QColor | None:
    for c in CHANGE_ORDER:
        if c in r.changes and c in _CHANGE_FILL:
            return style.tint(_CHANGE_FILL[c], 0.22)
    return None


def change_columns() -> list[Column[ActionChange]]:
    """The comparison table's columns."""
    return [
        Column("Change", "What changed between the two versions", _words,
               sort_key=lambda r: tuple(CHANGE_ORDER.index(c) for c in CHANGE_ORDER if c in r.changes)
               or (len(CHANGE_ORDER),), background=_fill, tip=_tip, max_chars=30),
        Column("Action", "The action's id now (and before, if renumbered) and its title", _action_text,
               sort_key=lambda r: natural_key(r.action.id), tip=_tip, main=True, max_chars=40),
        Column("Workstream", "The workstream (older → newer when it moved)", _workstream, max_chars=22),
        Column("Due then → now", "The date the action was expected by, in the older and newer version",
               lambda r: _then_now(_due(r.old), _due(r.new), r),
               sort_key=lambda r: r.action.current_due, max_chars=30),
        Column("Shift (days)", "How many days the expected date moved (later is +)",
               lambda r: "" if _shift(r) is None else f"{_shift(r):+,}", sort_key=_shift, numeric=True,
               foreground=lambda r: style.qcolor(style.OVERDUE_TEXT) if (_shift(r) or 0) > 0 else None,
               accessible=lambda r: (f"Moved {abs(s):,} days {'later' if s > 0 else 'earlier'}"
                                     if (s := _shift(r)) else "Date not moved")),
        Column("Owner then → now", "Who was accountable, in the older and newer version",
               lambda r: _then_now(_owner(r.old), _owner(r.new), r), max_chars=30),
        Column("Status then → now", "The reported status (RAG), in the older and newer version",
               lambda r: _then_now(_status(r.old), _status(r.new), r), sort_key=_status_key,
               accessible=_status_accessible, max_chars=30),
        Column("Matched by", "How the two versions of the action were paired: the same id, or "
               "alike titles when ids were renumbered", _matched, max_chars=18),
    ]


class ChangeTableModel(RecordTableModel[ActionChange]):
    """One row per action across the two versions; the key is the open version's ``action:<id>``."""

    def __init__(self, parent=None) -> None:
        self.open_is_newer = True
        super().__init__(change_columns(), (), parent)

    def key_of(self, record: ActionChange) -> str | None:
        a = record.new if self.open_is_newer else record.old
        return None if a is None else f"action:{a.id}"


class ChangeProxy(RecordSortProxy):
    """Sorted rows, kept by kind of change: one Change, every changed row, or everything."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._which: Change | str = ALL_CHANGES

    def set_which(self, which: Change | str) -> None:
        if which != self._which:
            self._change_filter(lambda: setattr(self, "_which", which))

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # noqa: N802 (Qt's name)
        model = self.sourceModel()
        if isinstance(model, RecordTableModel) and self._which != EVERYTHING:
            r = model.record(source_row)
            if self._which == ALL_CHANGES:
                if not r.changes:
                    return False
            elif self._which not in r.changes:
                return False
        return super().filterAcceptsRow(source_row, source_parent)

"""Plan versions: compare the open tracker with another version of it (read off the GUI thread),
list what was added, dropped, re-dated, re-owned and re-rated, and show the older dates on the
timeline."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from bcpviewer.model.records import Action, Dataset
from bcpviewer.model.spans import format_date
from bcpviewer.model.versions import ActionChange, Change, Ghost, PlanComparison, compare_plans, ghosts
from bcpviewer.plots import style
from bcpviewer.ui.items.items import ItemTable
from bcpviewer.ui.loading.loading import Loader
from bcpviewer.ui.items.table_models import Column, RecordSortProxy, RecordTableModel, natural_key

if TYPE_CHECKING:
    from bcpviewer.ui.timeline.timeline_view import TimelineView

TITLE = "Plan versions"
EMPTY_TEXT = ("Open an older version of the tracker to see what changed: "
              "Analysis › Compare plan versions…")
FILE_FILTER = ("Trackers (*.xlsx *.xls *.xlsm *.ods *.csv);;"
               "Excel workbooks (*.xlsx *.xls *.xlsm);;OpenDocument (*.ods);;CSV (*.csv);;All files (*)")
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


# -- versions: which is older, and what to call each ---------------------------------------------
def latest_update(dataset: Dataset) -> date | None:
    """The latest status date in a tracker (the "as at" of its newest update), or None."""
    dates = [h.as_at for a in dataset.actions for h in a.history if h.as_at is not None]
    return max(dates) if dates else None


def version_label(dataset: Dataset, name: str | None = None) -> str:
    """"bcp-improvement-plan-2023.xlsx (updates to 31 Mar 2023)": the file and its latest update."""
    if name is None:
        files = list(dict.fromkeys(Path(a.origin.file).name for a in dataset.actions
                                   if a.origin is not None and a.origin.file))
        files = files or [Path(f).name for f in dataset.files]
        name = ", ".join(files[:2]) + (f" and {len(files) - 2} more" if len(files) > 2 else "") \
            if files else "the open data"
    latest = latest_update(dataset)
    return f"{name} (updates to {format_date(latest)})" if latest else f"{name} (no update dates)"


def which_is_older(chosen: Dataset, open_data: Dataset, name: str = "") -> tuple[bool, str]:
    """(whether the chosen file is the older version, why, as a sentence): by their latest status
    dates; when that cannot tell, the chosen file is taken as the older one."""
    a, b = latest_update(chosen), latest_update(open_data)
    the_file = f"The file {name}" if name else "The chosen file"
    if a is None:
        return True, f"{the_file} has no status dates, so it is taken as the older version."
    if b is None:
        return True, (f"The open data has no status dates, so {the_file[0].lower()}{the_file[1:]} "
                      "is taken as the older version.")
    if a < b:
        return True, (f"{the_file} has updates to {format_date(a)} and the open data to "
                      f"{format_date(b)}, so the file is the older version.")
    if a > b:
        return False, (f"{the_file} has updates to {format_date(a)}, later than the open data's "
                       f"{format_date(b)}, so the open data is the older version.")
    return True, (f"{the_file} and the open data both have updates to {format_date(a)}, so the "
                  "file is taken as the older version.")


# -- the table ----------------------------------------------------------------------------------
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


class _Table(ItemTable):
    """The comparison table: Enter on a row says which action it is."""

    entered = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.entered.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


# -- the panel ----------------------------------------------------------------------------------
class PlanVersionsPanel(QWidget):
    """The "Plan versions" dock: both versions named, what changed in a sortable, filterable table,
    and a switch for the older dates on the timeline."""

    ghosts_toggled = Signal(bool)
    compare_requested = Signal()
    cancel_requested = Signal()
    item_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plan_versions")
        self.setAccessibleName(TITLE)
        self._comparison: PlanComparison | None = None
        self.model = ChangeTableModel(self)
        self.proxy = ChangeProxy(self)
        self.proxy.setSourceModel(self.model)

        self.heading = QLabel(self)
        self.heading.setObjectName("plan_versions_heading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.heading.setAccessibleName("The two versions compared")
        self.status = QLabel(self)
        self.status.setObjectName("plan_versions_status")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Comparison progress")
        self.status.setStyleSheet(f"color: {style.MUTED};")
        self.status.hide()

        self.filter_combo = QComboBox(self)
        self.filter_combo.setAccessibleName("Show changes")
        self.filter_combo.view().setAccessibleName("Kinds of change to show")
        self.filter_combo.setToolTip("Which actions to list: one kind of change, every changed "
                                     "action, or every action in either version")
        for label, which in FILTERS:
            self.filter_combo.addItem(label, which)
        self.filter_combo.currentIndexChanged.connect(self._on_filter_changed)
        show = QLabel("&Show:", self)
        show.setBuddy(self.filter_combo)
        self.ghosts_check = QCheckBox("Show the older &dates on the timeline", self)
        self.ghosts_check.setAccessibleName("Show the older dates on the timeline")
        self.ghosts_check.setToolTip("Draw the older version's dates as pale dashed bars under each "
                                     "re-dated action, and dropped actions in a lane at the bottom")
        self.ghosts_check.setEnabled(False)
        self.ghosts_check.toggled.connect(self.ghosts_toggled)
        self.compare_button = QPushButton("&Compare with another version…", self)
        self.compare_button.setAccessibleName("Compare with another version")
        self.compare_button.setToolTip("Choose another version of the tracker (an older one, "
                                       "usually) to compare with the open data")
        self.compare_button.clicked.connect(self.compare_requested)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName("Cancel reading the other version")
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.cancel_button.hide()

        self.table = _Table(self)
        self.table.setObjectName("plan_versions_table")
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Changes between the two versions")
        self.table.setAccessibleDescription(
            "One row per action: what changed, its dates, owner and status then and now; click a "
            "header to sort, Enter or a click shows the action on the timeline")
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # plan order until a header is clicked
        self.table.setSortingEnabled(True)
        self.table.clicked.connect(self._on_row_chosen)
        self.table.entered.connect(self._on_row_chosen)
        self.shown_label = QLabel(self)
        self.shown_label.setStyleSheet(f"color: {style.MUTED};")

        self.empty = QLabel(EMPTY_TEXT, self)
        self.empty.setObjectName("plan_versions_empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAccessibleName("No comparison yet")
        self.empty.setStyleSheet(f"color: {style.MUTED}; padding: 12px;")
        table_page = QWidget(self)
        tbox = QVBoxLayout(table_page)
        tbox.setContentsMargins(0, 0, 0, 0)
        tbox.setSpacing(2)
        tbox.addWidget(self.table, 1)
        tbox.addWidget(self.shown_label)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.empty)
        self.pages.addWidget(table_page)

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(show)
        controls.addWidget(self.filter_combo)
        controls.addSpacing(12)
        controls.addWidget(self.ghosts_check)
        controls.addStretch(1)
        controls.addWidget(self.cancel_button)
        controls.addWidget(self.compare_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.setSpacing(4)
        box.addWidget(self.heading)
        box.addWidget(self.status)
        box.addLayout(controls)
        box.addWidget(self.pages, 1)
        self.set_comparison(None)

    # -- public API ----------------------------------------------------------------------------
    @property
    def comparison(self) -> PlanComparison | None:
        return self._comparison

    def set_comparison(self, cmp: PlanComparison | None) -> None:
        """Show ``cmp`` (None: the empty state, saying how to start)."""
        self._comparison = cmp
        self.model.set_records(cmp.rows if cmp is not None else ())
        if cmp is None:
            self.heading.setText("<b>No comparison yet</b>")
            self.pages.setCurrentWidget(self.empty)
            self.ghosts_check.setEnabled(False)
            self.filter_combo.setEnabled(False)
        else:
            self.filter_combo.setEnabled(True)
            self.heading.setText(
                f"<b>Older:</b> {html.escape(cmp.old_label)} &nbsp;→&nbsp; "
                f"<b>Newer:</b> {html.escape(cmp.new_label)}<br>{html.escape(cmp.summary())}")
            self.pages.setCurrentWidget(self.table.parentWidget())
            self.ghosts_check.setEnabled(self.model.open_is_newer)
        self._update_filter_counts()
        self._after_filter()

    def set_open_is_newer(self, newer: bool) -> None:
        """Say whether the open data (on the timeline) is the newer version (the usual case): rows
        then name its actions in ``item_selected``, and the older dates can be drawn on it."""
        if newer == self.model.open_is_newer:
            return
        self.model.open_is_newer = newer
        self.model.set_records(self.model.records)
        self.ghosts_check.setEnabled(newer and self._comparison is not None)
        self.ghosts_check.setToolTip(
            "Draw the older version's dates as pale dashed bars under each re-dated action, and "
            "dropped actions in a lane at the bottom" if newer else
            "The open data is the older version: open the newer one to see the older dates on it")

    def set_filter(self, which: Change | str) -> None:
        """Show one kind of change, ``ALL_CHANGES`` or ``EVERYTHING``."""
        for i in range(self.filter_combo.count()):
            if self.filter_combo.itemData(i) == which:
                self.filter_combo.setCurrentIndex(i)
                return
        raise ValueError(f"not a filter: {which!r}")

    def set_busy(self, busy: bool) -> None:
        """While another version is being read: a Cancel button, no second compare."""
        self.cancel_button.setVisible(busy)
        self.compare_button.setEnabled(not busy)

    def set_message(self, text: str) -> None:
        """A line under the heading: progress, or why a comparison could not be made ('' hides it)."""
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def shown_rows(self) -> list[ActionChange]:
        """The rows as listed now (filtered and sorted)."""
        return [self.model.record(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
                for r in range(self.proxy.rowCount())]

    def row_texts(self) -> list[list[str]]:
        """Every cell of the rows listed now, as shown."""
        return [[self.proxy.index(r, c).data() for c in range(self.proxy.columnCount())]
                for r in range(self.proxy.rowCount())]

    # -- internals ------------------------------------------------------------------------------
    def _update_filter_counts(self) -> None:
        cmp = self._comparison
        counts = cmp.counts() if cmp is not None else {}
        changed = len(cmp.changed) if cmp is not None else 0
        total = len(cmp.rows) if cmp is not None else 0
        for i, (label, which) in enumerate(FILTERS):
            n = changed if which == ALL_CHANGES else total if which == EVERYTHING else counts.get(which, 0)
            self.filter_combo.setItemText(i, f"{label} ({n:,})" if cmp is not None else label)

    @Slot(int)
    def _on_filter_changed(self, index: int) -> None:
        self.proxy.set_which(self.filter_combo.itemData(index))
        self._after_filter()

    def _after_filter(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.shown_label.setText(f"{shown:,} of {total:,} actions listed"
                                 + ("" if shown else ": none with this kind of change"))
        self.fit_columns()

    def fit_columns(self) -> None:
        """Columns as wide as their contents, capped; spare width goes to the Action column."""
        view = self.table
        view.resizeColumnsToContents()
        header = view.horizontalHeader()
        char = view.fontMetrics().averageCharWidth()
        widths = [min(header.sectionSize(c), max(col.max_chars * char, header.sectionSizeHint(c)))
                  for c, col in enumerate(self.model.columns)]
        main = next(c for c, col in enumerate(self.model.columns) if col.main)
        room = view.viewport().width() if view.isVisible() else view.width() - 2 * view.frameWidth()
        spare = room - view.verticalScrollBar().sizeHint().width() - sum(widths)
        if spare > 0:
            widths[main] = min(header.sectionSize(main), widths[main] + spare)
        for c, width in enumerate(widths):
            header.resizeSection(c, width)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width() and self._comparison is not None:
            self.fit_columns()

    def _on_row_chosen(self, index: QModelIndex) -> None:
        key = self.proxy.key_at(index)
        if key is not None:
            self.item_selected.emit(key)


# -- the workflow -------------------------------------------------------------------------------
class PlanVersionsController(QObject):
    """Reads another version of the tracker off the GUI thread and compares it with the open data.

    Which is older is decided by each version's latest status date (``which_is_older``) and said
    in ``message``; progress goes to ``message``, a file that cannot be used to ``failed`` (one
    sentence), and every new comparison (or None) to ``comparison_changed``.
    """

    comparison_changed = Signal(object)  # PlanComparison | None
    message = Signal(str)
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._loader = Loader(self)
        self._loader.progressed.connect(self._on_progressed)
        self._loader.loaded.connect(self._on_loaded)
        self._loader.failed.connect(self._on_failed)
        self._loader.cancelled.connect(self._on_cancelled)
        self._current = Dataset()
        self._current_label: str | None = None
        self._other: Dataset | None = None  # the version read from a file
        self._other_label = ""
        self._path = ""
        self._comparison: PlanComparison | None = None
        self._open_is_newer = True
        self.last_directory = ""

    # -- state ---------------------------------------------------------------------------------
    @property
    def comparison(self) -> PlanComparison | None:
        return self._comparison

    @property
    def open_is_newer(self) -> bool:
        """Whether the open data is the newer version (the older dates can then go on its timeline)."""
        return self._open_is_newer

    @property
    def is_loading(self) -> bool:
        return self._loader.is_loading

    def ghosts(self) -> tuple[Ghost, ...]:
        """The older version's dates for the open data's timeline (none when the open data is the
        older version, or nothing is compared)."""
        if self._comparison is None or not self._open_is_newer:
            return ()
        return ghosts(self._comparison)

    def ghost_label(self) -> str:
        """"Older version: bcp-improvement-plan-2023.xlsx (updates to 31 Mar 2023)"."""
        return f"Older version: {self._comparison.old_label}" if self._comparison else ""

    # -- actions -------------------------------------------------------------------------------
    def choose(self, parent: QWidget | None = None) -> bool:
        """Ask for another version of the tracker and start reading it; False when none was chosen."""
        path, _ = QFileDialog.getOpenFileName(parent, "Compare with another version of the tracker",
                                              self.last_directory, FILE_FILTER)
        if not path:
            return False
        self.last_directory = str(Path(path).parent)
        self.load(path)
        return True

    def load(self, path: str) -> None:
        """Read ``path`` off the GUI thread, then compare it with the open data."""
        self._path = str(path)
        self.busy_changed.emit(True)
        self.message.emit(f"Reading {Path(path).name} to compare…")
        self._loader.start([self._path])

    def cancel(self) -> None:
        """Stop reading the other version (the comparison shown, if any, stays)."""
        if self._loader.is_loading:
            self._loader.cancel()

    def wait(self) -> None:
        """Cancel and wait for the reading thread (on closing the window)."""
        self._loader.wait()

    def compare(self, older: Dataset, current: Dataset, older_label: str = "Older version",
                current_label: str = "Newer version") -> PlanComparison:
        """Compare ``older`` with the newer ``current`` version and show the result."""
        cmp = compare_plans(older.actions, current.actions, old_label=older_label,
                            new_label=current_label)
        self._set(cmp)
        return cmp

    def set_current(self, dataset: Dataset, label: str | None = None) -> None:
        """The open data changed: compare it again with the other version, if one was read."""
        self._current = dataset
        self._current_label = label
        if self._other is not None:
            self._recompare(announce=False)

    def clear(self) -> None:
        """Forget the other version and the comparison."""
        self._other = None
        self._set(None)

    # -- internals -----------------------------------------------------------------------------
    def _set(self, cmp: PlanComparison | None) -> None:
        self._comparison = cmp
        self.comparison_changed.emit(cmp)

    def _recompare(self, announce: bool) -> None:
        other = self._other
        assert other is not None
        if not self._current.actions:
            self._set(None)
            self.failed.emit("The open data has no improvement-plan actions to compare with.")
            return
        open_label = self._current_label or version_label(self._current)
        chosen_older, why = which_is_older(other, self._current, Path(self._path).name)
        self._open_is_newer = chosen_older
        if chosen_older:
            cmp = self.compare(other, self._current, self._other_label, open_label)
        else:
            cmp = self.compare(self._current, other, open_label, self._other_label)
        if announce:
            self.message.emit(why)

    @Slot(float, str)
    def _on_progressed(self, fraction: float, text: str) -> None:
        self.message.emit(f"Reading {Path(self._path).name}: {fraction:.0%} · {text}")

    @Slot(object, object, object)
    def _on_loaded(self, _paths: object, dataset: object, errors: object) -> None:
        self.busy_changed.emit(False)
        name = Path(self._path).name
        errs = list(errors) if isinstance(errors, list) else []
        if errs:
            self.failed.emit(f"{name} could not be read: {_sentence(str(errs[0]))}")
            return
        if not isinstance(dataset, Dataset) or not dataset.actions:
            self.failed.emit(f"{name} has no improvement-plan actions to compare.")
            return
        self._other = dataset
        self._other_label = version_label(dataset, name)
        self._recompare(announce=True)

    @Slot(str)
    def _on_failed(self, text: str) -> None:
        self.busy_changed.emit(False)
        self.failed.emit(text)

    @Slot()
    def _on_cancelled(self) -> None:
        self.busy_changed.emit(False)
        self.message.emit("Comparison cancelled.")

    # -- wiring --------------------------------------------------------------------------------
    def attach(self, panel: PlanVersionsPanel, timeline: TimelineView | None = None,
               parent: Callable[[], QWidget | None] | None = None) -> None:
        """Connect a panel (and the timeline, for the older dates) to this controller: the
        panel's button chooses a file, its switch draws the ghosts, messages show in it."""

        def changed(cmp: object) -> None:
            panel.set_open_is_newer(self._open_is_newer)
            panel.set_comparison(cmp if isinstance(cmp, PlanComparison) else None)
            if timeline is not None:
                show(panel.ghosts_check.isChecked())

        def show(on: bool) -> None:
            if timeline is not None:
                g = self.ghosts() if on else ()
                timeline.set_ghosts(g, self.ghost_label() if g else "")

        self.comparison_changed.connect(changed)
        self.message.connect(panel.set_message)
        self.failed.connect(panel.set_message)
        self.busy_changed.connect(panel.set_busy)
        panel.compare_requested.connect(lambda: self.choose(parent() if parent else panel.window()))
        panel.cancel_requested.connect(self.cancel)
        panel.ghosts_toggled.connect(show)


def _sentence(text: str) -> str:
    """A reason as the end of a sentence: first letter lower-cased unless it starts a name."""
    text = text.strip()
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


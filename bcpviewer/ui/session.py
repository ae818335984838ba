"""The session: everything the window shows and the user has done, in one place, with change signals.

The open dataset and its data files, the filter and the items it keeps, the selected item, the charted
metrics, the annotations and the links and targets made in the app, the undo stack and the plan
comparison. Views and controllers take the session, subscribe to its signals and change it through its
methods; none of them reaches into the main window. Each change is told once: a new dataset arrives with
its filter already applied (``dataset_changed`` only, no ``filter_changed``), so the timeline is laid
out once per change.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from bcpviewer.model.annotations import EMPTY, AnnotationSet
from bcpviewer.model.filtering import Filter, matching_keys
from bcpviewer.model.keys import item_key
from bcpviewer.model.records import Dataset, MetricSeries
from bcpviewer.model.records import Target as MetricTarget
from bcpviewer.model.user_edits import EMPTY_EDITS, UserEdits


class Session(QObject):
    """The state of one window's work. Every setter emits its signal only when something changed."""

    dataset_changed = Signal(object)  # Dataset: new data, with the filter already applied
    filter_changed = Signal(object)  # Filter: ``visible_keys`` is up to date when this is emitted
    selection_changed = Signal(str)  # the selected item's key, "" for none
    activated = Signal(str)  # an item was opened (Enter, double-click): show its details
    metrics_changed = Signal(object)  # tuple[str, ...]: the charted metrics, in order
    document_changed = Signal(object)  # AnnotationSet
    edits_changed = Signal(object)  # UserEdits: metric links and targets made in the app
    comparison_changed = Signal(object)  # PlanComparison | None
    message = Signal(str, int)  # a line for the status bar and how long to show it (ms)
    counting_changed = Signal(bool)  # count_against_today: overdue is counted on another day

    def __init__(self, today: date | None = None, stack: QUndoStack | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.today = today  # None: days overdue are counted to the real today
        self.undo_stack = stack if stack is not None else QUndoStack(self)
        self._dataset = Dataset()
        self._sources: tuple[str, ...] = ()
        self._filter = Filter()
        self._keys: set[str] | None = None
        self._selected: str | None = None
        self._metrics: tuple[str, ...] = ()
        self._document: AnnotationSet = EMPTY
        self._edits: UserEdits = EMPTY_EDITS
        self._comparison: object | None = None
        self._against_today = False

    # -- dates ---------------------------------------------------------------------------------
    @property
    def as_of(self) -> date:
        """The date days overdue and targets are judged at: the fixed today, else the real one."""
        return self.today or date.today()

    @property
    def count_against_today(self) -> bool:
        """Overdue and days late are counted against ``as_of`` (today) rather than each tracker's own
        as-at date (the default: what a tracker says stands as at its date)."""
        return self._against_today

    def set_count_against_today(self, on: bool) -> None:
        """Count overdue against today (True) or each tracker's date (False). Emits ``counting_changed``;
        when the filter keeps overdue actions only, the items it keeps change too (``filter_changed``)."""
        on = bool(on)
        if on == self._against_today:
            return
        self._against_today = on
        keys_change = self._filter.overdue_only
        if keys_change:
            self._keys = self._matching(self._filter)
        self.counting_changed.emit(on)
        if keys_change:
            self.filter_changed.emit(self._filter)
            if self._keys is not None and self._selected is not None and self._selected not in self._keys:
                self.select(None)

    # -- data ----------------------------------------------------------------------------------
    @property
    def dataset(self) -> Dataset:
        return self._dataset

    @property
    def sources(self) -> tuple[str, ...]:
        """The data files (absolute paths) the dataset was read from, missing ones included."""
        return self._sources

    def set_sources(self, paths: Iterable[str | Path]) -> None:
        """Record the data files without showing new data (a project whose files are being read)."""
        self._sources = tuple(str(p) for p in paths)

    def set_data(self, dataset: Dataset, sources: Iterable[str | Path] | None = None, *,
                 filter: Filter | None = None) -> None:  # noqa: A002 - the filter to apply
        """Show ``dataset`` (read from ``sources``, when given). The filter's text and dates are kept and
        its workstreams, statuses and kinds are reset (they named the old data's), unless ``filter`` is
        given; the selection is cleared. Emits ``dataset_changed`` once, filter already applied."""
        if sources is not None:
            self.set_sources(sources)
        self._dataset = dataset
        self._filter = filter if filter is not None else dataclasses.replace(
            self._filter, workstreams=None, statuses=None, kinds=None)
        self._keys = self._matching(self._filter)
        self._selected = None
        self.dataset_changed.emit(dataset)

    # -- filter and selection --------------------------------------------------------------------
    @property
    def filter(self) -> Filter:
        return self._filter

    @property
    def visible_keys(self) -> set[str] | None:
        """Keys of the items the filter keeps (None: all)."""
        return self._keys

    def set_filter(self, flt: Filter) -> None:
        """Apply ``flt``; the selection is cleared when its item is filtered out."""
        if flt == self._filter:
            return
        self._filter = flt
        self._keys = self._matching(flt)
        self.filter_changed.emit(flt)
        if self._keys is not None and self._selected is not None and self._selected not in self._keys:
            self.select(None)

    def _matching(self, flt: Filter) -> set[str] | None:
        return None if flt.is_empty else matching_keys(self._dataset, flt, self.as_of,
                                                       against_today=self._against_today)

    def shown_counts(self) -> tuple[int, int]:
        """(actions and events the filter keeps, actions and events in the data)."""
        records = (*self._dataset.actions, *self._dataset.events)
        total = len(records)
        shown = total if self._keys is None else sum(item_key(r) in self._keys for r in records)
        return shown, total

    @property
    def selected(self) -> str | None:
        return self._selected

    def select(self, key: str | None) -> None:
        """Select ``key`` everywhere (None or "" clears)."""
        key = key or None
        if key == self._selected:
            return
        self._selected = key
        self.selection_changed.emit(key or "")

    def activate(self, key: str | None) -> None:
        """Select ``key`` and ask for its details to be shown."""
        self.select(key)
        self.activated.emit(key or "")

    # -- charts ----------------------------------------------------------------------------------
    @property
    def metrics(self) -> tuple[str, ...]:
        return self._metrics

    def set_metrics(self, names: Sequence[str]) -> None:
        """Chart these metrics; a name a series was known by before it took the official name (a
        project saved then) charts that series."""
        renamed = {old: s.name for s in self._dataset.series for old in s.also_known_as}
        names = tuple(dict.fromkeys(renamed.get(n, n) for n in names))
        if names != self._metrics:
            self._metrics = names
            self.metrics_changed.emit(names)

    def charted_dataset(self) -> Dataset:
        """The data the charts draw: the series with the targets entered in the app."""
        if not self._edits.targets:
            return self._dataset
        return dataclasses.replace(self._dataset, series=self.charted_series(self._dataset.series))

    def charted_series(self, series: Sequence[MetricSeries]) -> tuple[MetricSeries, ...]:
        """``series`` with the targets entered in the app added."""
        from bcpviewer.model.targets import with_targets

        return with_targets(series, self._edits.targets)

    # -- annotations, links and targets (changed by the undo commands) ----------------------------
    @property
    def document(self) -> AnnotationSet:
        return self._document

    def set_document(self, doc: AnnotationSet) -> None:
        self._document = doc
        self.document_changed.emit(doc)

    @property
    def edits(self) -> UserEdits:
        return self._edits

    def set_edits(self, edits: UserEdits) -> None:
        self._edits = edits
        self.edits_changed.emit(edits)

    @property
    def metric_links(self) -> Mapping[str, str]:
        """``action:<id>`` → series id: links made in the app (they override the tracker's Metric)."""
        return self._edits.metric_links

    @property
    def user_targets(self) -> Mapping[str, tuple[MetricTarget, ...]]:
        """Series id → the targets entered in the app."""
        return self._edits.targets

    def push(self, command: QUndoCommand) -> None:
        """Do ``command`` and keep it on the undo stack."""
        self.undo_stack.push(command)

    # -- plan comparison ------------------------------------------------------------------------
    @property
    def comparison(self) -> object | None:
        """The comparison with an older version of the plan (a PlanComparison), if one was made."""
        return self._comparison

    def set_comparison(self, comparison: object | None) -> None:
        if comparison is not self._comparison:
            self._comparison = comparison
            self.comparison_changed.emit(comparison)

    # -- messages ----------------------------------------------------------------------------------
    def tell(self, text: str, ms: int = 8000) -> None:
        """A line for the status bar."""
        self.message.emit(text, ms)

"""The Progress vs impact panel: each action against the metric it should move, concerns first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bcpviewer.model.impact import Effect, ImpactCheck
from bcpviewer.model.keys import item_key
from bcpviewer.model.spans import format_date
from bcpviewer.plots import style
from bcpviewer.ui.analyses.analysis_table import (
    FitOnResize,
    difference_text,
    empty_or_table,
    explanation_label,
    make_table,
    observation_text,
)
from bcpviewer.ui.items.table_models import Column, RecordTableModel, natural_key

EMPTY_TEXT = ("No action names a metric. Add a Metric column to the tracker, or select an action and "
              "use Link to metric…")
NO_SELECTION_TEXT = "Select an action to see how its metric moved."
CONCERN_TIP = "Rated Green or Complete, but its metric got worse"

# (label, which checks it keeps)
FILTERS: tuple[tuple[str, Callable[[ImpactCheck], bool] | None], ...] = (
    ("All", None),
    ("Rated done but worse", lambda c: c.concern),
    ("Worse", lambda c: c.effect is Effect.WORSENED),
    ("Improved", lambda c: c.effect is Effect.IMPROVED),
    ("No figures", lambda c: c.effect is Effect.NO_DATA),
)

_EFFECT_ORDER = {Effect.WORSENED: 0, Effect.UNCHANGED: 1, Effect.NO_DIRECTION: 2, Effect.IMPROVED: 3,
                 Effect.NO_DATA: 4}
_EFFECT_COLOUR = {Effect.WORSENED: style.OKABE_ITO["vermillion"],
                  Effect.IMPROVED: style.OKABE_ITO["bluish_green"]}


def _arrow(check: ImpactCheck) -> str:
    """Which way the figure moved: ▲ up, ▼ down, = the same, – no figures."""
    change = check.change
    if change is None:
        return "–"
    return "▲" if change > 0 else "▼" if change < 0 else "="


_VERDICT = {Effect.IMPROVED: "✓", Effect.WORSENED: "✗"}  # as in Details, the pack and the CLI


def effect_text(check: ImpactCheck) -> str:
    """"⚠ ✗ Got worse": ✓/✗ say whether the change is good news (as everywhere in the app); for a
    measure with no better direction, the arrow says which way it moved."""
    text = f"{_VERDICT.get(check.effect) or _arrow(check)} {check.effect.label}"
    return f"⚠ {text}" if check.concern else text


def _effect_tip(check: ImpactCheck) -> str:
    lines = [check.explanation]
    if check.concern:
        lines.insert(0, f"⚠ {CONCERN_TIP}.")
    if check.change is not None:
        lines.append("The Change column shows which way the figure moved; ✓ or ✗ says whether that is better.")
    return "\n".join(lines)


def _change_text(check: ImpactCheck) -> str:
    change = check.change
    if change is None or check.series is None:
        return ""
    return difference_text(change, check.series.unit, with_unit=False)


def _change_tip(check: ImpactCheck) -> str | None:
    change = check.change
    if change is None or check.series is None:
        return None
    said = difference_text(change, check.series.unit, spelt=True)
    return f"{said} between the figure before the action and the latest"


def _metric_text(check: ImpactCheck) -> str:
    if check.series is not None:
        return check.series.name
    return f"{check.metric_text} (not loaded)"


def _metric_tip(check: ImpactCheck) -> str:
    how = ("Linked to this metric in the app" if check.linked_in_app
           else f"Named in the tracker's Metric column as '{check.metric_text}'")
    if check.series is None:
        return f"{how}; no metric of that name is loaded."
    extra = f" ({check.series.polarity.label})" if check.series.polarity.label else ""
    return f"{check.series.name}{extra}\n{how}"


def _before_tip(check: ImpactCheck) -> str | None:
    if check.before is None:
        return None
    since = f"the action started {format_date(check.since)}" if check.since else "the action started"
    if check.baseline_after_start:
        return f"No figure before {since}: the first one after it is the baseline"
    return f"The latest figure on or before {since}"


def _effect_background(check: ImpactCheck) -> QColor | None:
    colour = _EFFECT_COLOUR.get(check.effect)
    return style.tint(colour) if colour else None


def _effect_foreground(check: ImpactCheck) -> QColor | None:
    return style.qcolor(style.OVERDUE_TEXT) if check.effect is Effect.WORSENED else None


class ImpactTableModel(RecordTableModel[ImpactCheck]):
    """One row per action that names (or is linked to) a metric."""

    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("Action", "The action's id and what it does", lambda c: f"{c.action.id} {c.action.title}",
                   sort_key=lambda c: natural_key(c.action.id), main=True, max_chars=36,
                   tip=lambda c: f"{c.action.id}: {c.action.title}"),
            Column("Status", "The latest reported status (RAG/BRAG)",
                   lambda c: style.status_mark(c.action.status).text,
                   sort_key=lambda c: _STATUS_ORDER[c.action.status],
                   background=lambda c: style.status_fill(c.action.status),
                   tip=lambda c: c.action.status.label,
                   accessible=lambda c: f"Status: {c.action.status.label}", max_chars=14),
            Column("Metric", "The metric the action should move", _metric_text, tip=_metric_tip,
                   max_chars=30),
            Column("Before", "The figure before the action started (else the first after it)",
                   lambda c: observation_text(c.before, c.series.unit if c.series else ""),
                   sort_key=lambda c: c.before.period.end if c.before else None, tip=_before_tip,
                   max_chars=26),
            Column("Latest", "The latest figure", lambda c: observation_text(c.after, c.series.unit
                                                                              if c.series else ""),
                   sort_key=lambda c: c.after.period.end if c.after else None, max_chars=26),
            Column("Change", "Latest minus before (pp: percentage points)", _change_text,
                   sort_key=lambda c: c.change, tip=_change_tip, numeric=True, max_chars=12),
            Column("Effect", "Better or worse, the way the metric's polarity reads it", effect_text,
                   sort_key=lambda c: (0 if c.concern else 1, _EFFECT_ORDER[c.effect]),
                   background=_effect_background, foreground=_effect_foreground,
                   bold=lambda c: c.effect is Effect.WORSENED, tip=_effect_tip,
                   accessible=lambda c: (f"{CONCERN_TIP}. " if c.concern else "") + c.effect.label,
                   max_chars=30),
            Column("Link", "Where the link to the metric comes from: the tracker, or made in the app",
                   lambda c: "Linked in app" if c.linked_in_app else "Tracker",
                   tip=lambda c: "Linked in the app (Link to metric…)" if c.linked_in_app
                   else "The tracker's Metric column", max_chars=16),
        ], (), parent)

    def key_of(self, record: ImpactCheck) -> str:
        return item_key(record.action)


_STATUS_ORDER = {s: i for i, s in enumerate(style.STATUS_MARKS)}


def summary_text(checks: Sequence[ImpactCheck], as_of: date | None = None) -> str:
    """"1 action rated Green or Complete whose metric got worse · 7 improved · …"."""
    concern = sum(c.concern for c in checks)
    worse = sum(c.effect is Effect.WORSENED and not c.concern for c in checks)
    counts = {e: sum(c.effect is e for c in checks) for e in Effect}
    head = f"{concern} action{'s' if concern != 1 else ''} rated Green or Complete whose metric got worse"
    parts = [head]
    if worse:
        parts.append(f"{worse} other{'s' if worse != 1 else ''} got worse")
    parts.append(f"{counts[Effect.IMPROVED]} improved")
    if counts[Effect.UNCHANGED]:
        parts.append(f"{counts[Effect.UNCHANGED]} no change")
    parts.append(f"{counts[Effect.NO_DIRECTION]} no better direction")
    parts.append(f"{counts[Effect.NO_DATA]} without figures")
    text = " · ".join(parts)
    return f"{text} (figures to {format_date(as_of)})" if as_of else text


class ImpactPanel(QWidget):
    """Actions against their metrics; ``item_selected`` (an ``action:<id>`` key) on click or Enter,
    ``link_requested`` (the same key) from Link to metric…"""

    item_selected = Signal(str)
    link_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("impact_panel")
        self.setAccessibleName("Progress vs impact")
        self._checks: tuple[ImpactCheck, ...] = ()
        self._outside_key: str | None = None  # the action selected elsewhere (timeline, tables)
        self.model = ImpactTableModel(self)
        self.view, self.proxy = make_table(
            self.model, "impact_table", "Progress vs impact table",
            "Each action against its metric, concerns first; click a header to sort, Enter shows the "
            "action", self)
        self.summary = QLabel()
        self.summary.setObjectName("impact_summary")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Progress vs impact summary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.filter_box = QComboBox()
        self.filter_box.setObjectName("impact_filter")
        self.filter_box.setAccessibleName("Show actions")
        self.filter_box.setToolTip("Which actions to show")
        for label, _keep in FILTERS:
            self.filter_box.addItem(label)
        self.filter_box.view().setAccessibleName("Which actions to show")
        self.show_label = show = QLabel("&Show:")
        show.setBuddy(self.filter_box)
        self.link_button = QPushButton("&Link to metric…")
        self.link_button.setObjectName("impact_link_button")
        self.link_button.setAccessibleName("Link the selected action to a metric")
        self.link_button.setToolTip("Choose the metric the selected action should move (Ctrl+L)")
        self.explanation = explanation_label(NO_SELECTION_TEXT, "impact_explanation",
                                             "What happened to the selected action's metric")
        self.stack, self.empty = empty_or_table(self.view, EMPTY_TEXT, "impact_empty", "No progress vs impact checks")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(show)
        top.addWidget(self.filter_box)
        bottom = QHBoxLayout()
        bottom.addWidget(self.explanation, 1)
        bottom.addWidget(self.link_button, 0, Qt.AlignmentFlag.AlignTop)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        box.addLayout(top)
        box.addWidget(self.stack, 1)
        box.addLayout(bottom)
        self.fitter = FitOnResize(self.view, self.model)
        self.setFocusProxy(self.view)
        self.filter_box.currentIndexChanged.connect(self._apply_filter)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.clicked.connect(self._on_activated)
        self.view.activated.connect(self._on_activated)
        self.link_button.clicked.connect(self._on_link_clicked)
        self.set_checks(())

    # -- data --------------------------------------------------------------------------------------
    def set_checks(self, checks: Sequence[ImpactCheck], as_of: date | None = None,
                   texts: list[list[str]] | None = None) -> None:
        """Show ``checks`` (from ``check_impact``), keeping the selected action when it is still there;
        ``texts``: the rows' texts, when worked out already (``model.texts_for``)."""
        keep = self.selected_key()
        self._checks = tuple(checks)
        self.model.set_records(self._checks, texts)
        self.summary.setText(summary_text(self._checks, as_of) if self._checks else "")
        for widget in (self.summary, self.show_label, self.filter_box):
            widget.setVisible(bool(self._checks))
        self.stack.setCurrentWidget(self.view if self._checks else self.empty)
        self._apply_filter()
        self.fitter.fit()
        if keep is not None:
            self.select(keep)
        self._show_explanation()

    @property
    def checks(self) -> tuple[ImpactCheck, ...]:
        return self._checks

    def shown_keys(self) -> list[str]:
        """The action keys of the rows shown, top to bottom."""
        return [k for r in range(self.proxy.rowCount()) if (k := self.proxy.key_at(self.proxy.index(r, 0)))]

    def selected_key(self) -> str | None:
        return self.proxy.key_at(self.view.currentIndex())

    def selected_check(self) -> ImpactCheck | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.record(self.proxy.mapToSource(index).row())

    def select(self, key: str | None) -> None:
        """Make ``key``'s row current (emits nothing); an action not in the table is remembered for
        Link to metric…"""
        self._outside_key = key if key and key.startswith("action:") else None
        index = self.proxy.index_of_key(key) if key else QModelIndex()
        self.view.blockSignals(True)
        self.view.selectionModel().blockSignals(True)
        try:
            if index.isValid():
                self.view.selectRow(index.row())
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
            else:
                self.view.selectionModel().clear()
        finally:
            self.view.selectionModel().blockSignals(False)
            self.view.blockSignals(False)
        self._show_explanation()

    def set_filter(self, label: str) -> None:
        """Choose a filter by its label ("All", "Rated done but worse", "Worse", …)."""
        self.filter_box.setCurrentIndex([f for f, _ in FILTERS].index(label))

    # -- handlers ------------------------------------------------------------------------------------
    @Slot()
    def _apply_filter(self, *_args: object) -> None:
        keep = FILTERS[max(self.filter_box.currentIndex(), 0)][1]
        self.proxy.set_keys(None if keep is None else {item_key(c.action) for c in self._checks if keep(c)})
        shown, total = self.proxy.rowCount(), len(self._checks)
        self.view.setToolTip(f"{shown} of {total} actions shown" if shown != total else "")
        if self._checks and not shown:
            self.explanation.setText(f"No action is '{self.filter_box.currentText()}'. Choose All to see "
                                     "every action.")
        else:
            self._show_explanation()

    def _show_explanation(self) -> None:
        check = self.selected_check()
        if check is not None:
            lead = f"⚠ {CONCERN_TIP}. " if check.concern else ""
            self.explanation.setText(f"{check.action.id}: {lead}{check.explanation}")
        elif self._checks:
            self.explanation.setText(NO_SELECTION_TEXT)
        else:
            self.explanation.setText("")
        self.link_button.setEnabled(self._link_key() is not None)

    def _link_key(self) -> str | None:
        return self.selected_key() or self._outside_key

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._outside_key = None
        self._show_explanation()

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        key = self.proxy.key_at(index)
        if key is not None:
            self.item_selected.emit(key)

    @Slot()
    def _on_link_clicked(self) -> None:
        key = self._link_key()
        if key is not None:
            self.link_requested.emit(key)

"""The find and filter bar: a search box, checkable menus for workstream, status and kind, an "Overdue
only" switch, a date range."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)

from bcpviewer.model.filtering import NO_WORKSTREAM, Filter
from bcpviewer.model.records import Dataset
from bcpviewer.model.vocab import EventKind, Status
from bcpviewer.plots import style
from bcpviewer.ui.timeline.date_box import DateBox

DEBOUNCE_MS = 150
PLACEHOLDER = "Find actions and events: title, owner, theme…"


class _StayOpenMenu(QMenu):
    """A menu whose checkable items toggle without closing it, so several can be ticked in one go."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.actionAt(event.position().toPoint())
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self.activeAction()
        if event.key() == Qt.Key.Key_Space and action is not None and action.isCheckable():
            action.trigger()
            return
        super().keyPressEvent(event)


class FacetButton(QToolButton):
    """A drop-down of checkable choices; ``selected()`` is None while every choice is ticked."""

    changed = Signal()

    def __init__(self, noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.noun = noun
        self.setObjectName(f"{noun.lower().replace(' ', '_')}_filter")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setAccessibleName(f"Filter by {noun.lower()}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._menu = _StayOpenMenu(self)
        self._menu.setAccessibleName(f"{noun} to show")
        self.setMenu(self._menu)
        self._choices: list[tuple[Hashable, QAction]] = []
        self.set_choices([])

    @property
    def actions_by_value(self) -> dict[Hashable, QAction]:
        return {value: act for value, act in self._choices}

    def set_choices(self, choices: Sequence[tuple[Hashable, str]]) -> None:
        """Replace the choices (value, text), all ticked."""
        self._menu.clear()
        show_all = self._menu.addAction("Show &all")
        show_all.triggered.connect(lambda: self._set_all(True))
        show_none = self._menu.addAction("Show &none")
        show_none.triggered.connect(lambda: self._set_all(False))
        self._menu.addSeparator()
        self._choices = []
        for value, text in choices:
            act = self._menu.addAction(text.replace("&", "&&"))
            act.setCheckable(True)
            act.setChecked(True)
            act.toggled.connect(self._on_toggled)
            self._choices.append((value, act))
        self.setEnabled(bool(choices))
        self._update_text()

    def selected(self) -> frozenset | None:
        """The ticked values, or None when all are ticked (nothing filtered out)."""
        ticked = frozenset(v for v, act in self._choices if act.isChecked())
        return None if len(ticked) == len(self._choices) else ticked

    def set_selected(self, values: frozenset | None) -> None:
        """Tick exactly ``values`` (None ticks all), emitting ``changed`` once."""
        self._apply(lambda v: values is None or v in values)

    def _set_all(self, checked: bool) -> None:
        self._apply(lambda _v: checked)

    def _apply(self, want: Callable[[Hashable], bool]) -> None:
        before = self.selected()
        for value, act in self._choices:
            act.blockSignals(True)
            act.setChecked(want(value))
            act.blockSignals(False)
        self._update_text()
        if self.selected() != before:
            self.changed.emit()

    @Slot(bool)
    def _on_toggled(self, _checked: bool) -> None:
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        chosen = self.selected()
        total = len(self._choices)
        if chosen is None:
            summary = "all"
        elif len(chosen) == 1:
            summary = next(a.text().replace("&&", "&") for v, a in self._choices if v in chosen)
            summary = summary if len(summary) <= 24 else summary[:23] + "…"
        else:
            summary = f"{len(chosen)} of {total}"
        self.setText(f"{self.noun}: {summary}")
        self.setToolTip(f"Choose which {self.noun.lower()} to show")
        self.setAccessibleDescription(f"Showing {summary} {self.noun.lower()}")


class FilterBar(QToolBar):
    """Find and filter controls; emits ``filter_changed`` with a Filter after typing pauses."""

    filter_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Find and filter", parent)
        self.setObjectName("filter_bar")
        self.setAccessibleName("Find and filter")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)
        self._last = Filter()
        self._build()

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("search_box")
        self.search.setPlaceholderText(PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Find actions and events")
        self.search.setAccessibleDescription(
            "Shows only actions and events containing every word typed; Escape clears"
        )
        char = self.search.fontMetrics().averageCharWidth()
        self.search.setMinimumWidth(char * 30)  # narrow windows: the placeholder may be cut, not the bar
        self.search.setMaximumWidth(char * 64)
        self.search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.search.textChanged.connect(self._on_text_changed)
        clear = QAction("Clear search", self.search)
        clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear.triggered.connect(self.search.clear)
        self.search.addAction(clear)
        find_label = QLabel("&Find:")
        find_label.setBuddy(self.search)
        self.addWidget(find_label)
        self.addWidget(self.search)
        self.addSeparator()

        self.workstreams = FacetButton("Workstreams")
        self.statuses = FacetButton("Statuses")
        self.kinds = FacetButton("Event kinds")
        for button in (self.workstreams, self.statuses, self.kinds):
            button.changed.connect(self._emit)
            self.addWidget(button)
        self.overdue = QToolButton()
        self.overdue.setObjectName("overdue_filter")
        self.overdue.setText("&Overdue only")
        self.overdue.setCheckable(True)
        self.overdue.setToolTip("Show only the actions past their due date and not complete (Alt+O); "
                                "events stay. Counted on the tracker's date unless View › Count overdue "
                                "against today is ticked")
        self.overdue.setAccessibleName("Overdue actions only")
        self.overdue.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.overdue.toggled.connect(lambda _on: self._emit())
        self.addWidget(self.overdue)
        self.addSeparator()

        self.from_date = DateBox("From date")
        self.to_date = DateBox("To date", end=True)
        self.from_date.setToolTip("Show items that run on or after this date (type 1 Jan 2024, 01/01/2024 "
                                  "or Jan 2024)")
        self.to_date.setToolTip("Show items that run on or before this date (type 31 Dec 2024, 31/12/2024 "
                                "or Dec 2024)")
        for text, box in (("F&rom:", self.from_date), ("&To:", self.to_date)):
            label = QLabel(text)
            label.setBuddy(box)
            label.setContentsMargins(6, 0, 2, 0)
            self.addWidget(label)
            self.addWidget(box)
            box.dateChanged.connect(self._emit)
        self.clear_dates_button = QToolButton()
        self.clear_dates_button.setText("Any date")
        self.clear_dates_button.setToolTip("Clear the date range")
        self.clear_dates_button.setAccessibleName("Clear the date range")
        self.clear_dates_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.clear_dates_button.clicked.connect(self._on_clear_dates)
        self.addWidget(self.clear_dates_button)
        self.addSeparator()

        self.clear_button = QToolButton()
        self.clear_button.setText("Clear filters")
        self.clear_button.setToolTip("Show every action and event again")
        self.clear_button.setAccessibleName("Clear all filters")
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.clear_button.clicked.connect(self.clear)
        self.addWidget(self.clear_button)
        self._update_buttons()

    # -- public ---------------------------------------------------------------------------
    def current_filter(self) -> Filter:
        """The filter the controls show now (including text still waiting for the pause)."""
        return Filter(
            text=self.search.text().strip(),
            workstreams=self.workstreams.selected(),
            statuses=self.statuses.selected(),
            kinds=self.kinds.selected(),
            start=self.from_date.value(),
            end=self.to_date.value(),
            overdue_only=self.overdue.isChecked(),
        )

    def set_dataset(self, dataset: Dataset) -> None:
        """Offer the workstreams, statuses and kinds in ``dataset`` (all ticked); text and dates are kept."""
        streams = sorted({a.workstream or NO_WORKSTREAM for a in dataset.actions}, key=str.casefold)
        self.workstreams.set_choices([(w, w or "(no workstream)") for w in streams])
        present = {a.status for a in dataset.actions}
        self.statuses.set_choices(
            [(s, f"{style.status_mark(s).glyph} {s.label}") for s in Status if s in present]
        )
        kinds = {e.kind for e in dataset.events}
        self.kinds.set_choices([(k, k.label) for k in EventKind if k in kinds])
        span = dataset.span()
        if span is not None:
            for box in (self.from_date, self.to_date):
                box.set_bounds(span.start, span.end)
        self._emit(force=True)

    def set_filter(self, flt: Filter) -> None:
        """Show ``flt`` in the controls and apply it at once."""
        for w in (self.search, self.from_date, self.to_date, self.overdue):
            w.blockSignals(True)
        self.overdue.setChecked(flt.overdue_only)
        self.search.setText(flt.text)
        self.from_date.set_value(flt.start)
        self.to_date.set_value(flt.end)
        for w in (self.search, self.from_date, self.to_date, self.overdue):
            w.blockSignals(False)
        for button, values in ((self.workstreams, flt.workstreams), (self.statuses, flt.statuses),
                               (self.kinds, flt.kinds)):
            button.blockSignals(True)
            button.set_selected(values)
            button.blockSignals(False)
        self._emit()

    @Slot()
    def clear(self) -> None:
        """Show everything again."""
        self.set_filter(Filter())

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def flush(self) -> None:
        """Apply typing at once instead of after the pause."""
        if self._timer.isActive():
            self._timer.stop()
            self._emit()

    # -- handlers -------------------------------------------------------------------------
    @Slot(str)
    def _on_text_changed(self, _text: str) -> None:
        self._timer.start()

    @Slot()
    def _on_clear_dates(self) -> None:
        self.from_date.blockSignals(True)
        self.from_date.clear_date()
        self.from_date.blockSignals(False)
        self.to_date.clear_date()
        self._emit()

    def _emit(self, force: bool = False) -> None:
        self._timer.stop()
        flt = self.current_filter()
        self._update_buttons()
        if force or flt != self._last:
            self._last = flt
            self.filter_changed.emit(flt)

    def _update_buttons(self) -> None:
        flt = self.current_filter()
        self.clear_button.setEnabled(not flt.is_empty)
        self.clear_dates_button.setEnabled(flt.start is not None or flt.end is not None)

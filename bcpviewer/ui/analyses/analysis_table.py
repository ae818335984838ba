"""Shared parts of the analysis panels' tables: a sortable read-only view, column fitting, figure texts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QLabel, QStackedWidget, QTableView, QWidget

from bcpviewer.model.impact import figure
from bcpviewer.model.records import Observation
from bcpviewer.plots import style
from bcpviewer.ui.items.items import ItemTable, style_table
from bcpviewer.ui.items.table_models import RecordSortProxy, RecordTableModel

POINTS = "pp"  # percentage points, in a table cell (tooltips spell it out)


def make_table(model: RecordTableModel, name: str, accessible: str, description: str,
               parent: QWidget | None = None) -> tuple[QTableView, RecordSortProxy]:
    """A sortable, single-row-selecting, read-only table over ``model`` (unsorted until a header click)."""
    proxy = RecordSortProxy(parent)
    proxy.setSourceModel(model)
    view = ItemTable(parent)
    view.setObjectName(name)
    view.setModel(proxy)
    view.setAccessibleName(accessible)
    view.setAccessibleDescription(description)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    style_table(view)
    return view, proxy



def explanation_label(text: str, name: str, accessible: str) -> QLabel:
    """The selectable line under a panel's table that explains the selected row."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setAccessibleName(accessible)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def empty_or_table(view: QTableView, text: str, name: str, accessible: str) -> tuple[QStackedWidget, QLabel]:
    """The table, or in its place a quiet sentence saying why there is nothing to show."""
    empty = QLabel(text)
    empty.setObjectName(name)
    empty.setWordWrap(True)
    empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
    empty.setAccessibleName(accessible)
    empty.setStyleSheet(f"color: {style.MUTED}; padding: 12px;")
    stack = QStackedWidget()
    stack.addWidget(empty)
    stack.addWidget(view)
    return stack, empty


def fit_columns(view: QTableView, model: RecordTableModel) -> None:
    """Columns as wide as their contents, each capped at its ``max_chars`` (never clipping the header);
    width to spare goes to the capped columns (the main one last), and when the view is too narrow the
    long text columns give way (the main one last) so every column stays in sight where it can."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)  # else the last column's natural width is the room left
    view.resizeColumnsToContents()
    char = view.fontMetrics().averageCharWidth()
    natural = [header.sectionSize(c) for c in range(header.count())]
    widths = [min(natural[c], max(col.max_chars * char, header.sectionSizeHint(c)))
              for c, col in enumerate(model.columns)]
    spare = view.viewport().width() - sum(widths) - 2
    main = next((c for c, col in enumerate(model.columns) if col.main), None)
    order = sorted(range(len(widths)), key=lambda c: c == main)
    for c in order:
        if spare <= 0:
            break
        give = min(spare, natural[c] - widths[c])
        widths[c] += give
        spare -= give
    if spare < 0:  # too narrow: shorten the long text columns, the main one last; short ones stay whole
        for pass_main in (False, True):
            floors = [w if w <= 18 * char else max(header.sectionSizeHint(c), (14 if c == main else 12) * char)
                      for c, w in enumerate(widths)]
            give = [max(0, w - f) if (c == main) == pass_main else 0
                    for c, (w, f) in enumerate(zip(widths, floors, strict=True))]
            if sum(give) and spare < 0:
                cut = min(1.0, -spare / sum(give))
                widths = [w - int(g * cut) for w, g in zip(widths, give, strict=True)]
                spare = view.viewport().width() - sum(widths) - 2
    for c, width in enumerate(widths):
        header.resizeSection(c, width)
    header.setStretchLastSection(True)


class FitOnResize(QObject):
    """Refits a table's columns when its width changes (after the resizing pauses)."""

    def __init__(self, view: QTableView, model: RecordTableModel) -> None:
        super().__init__(view)
        self.view, self.model, self._width = view, model, -1
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(100)
        self.timer.timeout.connect(self.fit)
        view.viewport().installEventFilter(self)

    def fit(self) -> None:
        """Fit now when the table is in sight, else when it is first shown or painted (a hidden analysis,
        or one on a tab behind another, costs nothing until it is looked at)."""
        if not self.view.isVisible() or self.view.visibleRegion().isEmpty():  # a tab behind another
            self._width = -1
            return
        self._width = self.view.viewport().width()
        fit_columns(self.view, self.model)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Paint) \
                and self.view.viewport().width() != self._width:  # first painted: in sight at last
            self.timer.start()
        return False


def is_percent(unit: str) -> bool:
    """Is a change in this unit a change in percentage points?"""
    return unit.strip().startswith("%")


def observation_text(obs: Observation | None, unit: str) -> str:
    """"28.3% (30 Sep 2025)": a figure with its unit and period; blank when there is none."""
    if obs is None:
        return ""
    value = figure(obs.value, unit) if obs.value is not None else (obs.code or "no figure")
    return f"{value} ({obs.period.label})"


def difference_text(diff: float, unit: str, *, signed: bool = True, spelt: bool = False,
                    with_unit: bool = True) -> str:
    """"+0.3 cases per FTE" ("+0.3" without the unit), "−9.1 pp" (percentage points for % units,
    spelt out when ``spelt``), "0"."""
    sign = ("+" if diff > 0 else "−" if diff < 0 else "") if signed else ""
    if is_percent(unit):
        return f"{sign}{figure(abs(diff))} {'percentage points' if spelt else POINTS}"
    return f"{sign}{figure(abs(diff), unit if with_unit else '')}"

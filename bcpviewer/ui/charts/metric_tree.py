"""The metrics tree's rows (metric series by theme, each with a tick box) and the sums the metrics panel
makes over a whole dataset, kept quick for datasets of thousands of series."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from operator import attrgetter

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from bcpviewer.model.records import Dataset, MetricSeries
from bcpviewer.model.themes import THEMES, theme_for
from bcpviewer.ui.charts.chart_widget import describe_series

NAME_ROLE = Qt.ItemDataRole.UserRole
_PERIOD_END = attrgetter("period.end")


class MetricTree(QTreeWidget):
    """The metrics by theme, one row each (one line: rows are measured once). A metric's tooltip, its
    description, is written when first asked for: a big dataset's thousands of descriptions would hold
    up showing it, and plain items (no Python per row) keep a tree of thousands quick to fill."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUniformRowHeights(True)
        self.series: dict[str, MetricSeries] = {}

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            self.describe(self.itemAt(event.pos()))
        return super().viewportEvent(event)

    def describe(self, item: QTreeWidgetItem | None) -> None:
        """Give ``item`` (a metric's row) its tooltip, if it has none yet."""
        s = self.series.get(item.data(0, NAME_ROLE)) if item is not None else None
        if s is not None and not item.toolTip(0):
            was = self.blockSignals(True)  # a tooltip is no change of what is ticked
            try:
                item.setToolTip(0, describe_series(s))
            finally:
                self.blockSignals(was)


def fill_tree(tree: MetricTree, series: dict[str, MetricSeries]) -> dict[str, QTreeWidgetItem]:
    """Replace ``tree``'s rows with ``series`` by theme (unticked, expanded); each metric's row by name,
    in tree order."""
    tree.clear()
    tree.series = series
    items: dict[str, QTreeWidgetItem] = {}
    groups: dict[str, list[str]] = {}
    for name, s in series.items():
        groups.setdefault(s.theme or theme_for(s.name), []).append(name)
    order = [t for t in THEMES if t in groups] + sorted(t for t in groups if t not in THEMES)
    theme_flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
    row = QTreeWidgetItem()  # each metric's row is a copy: one call for flags and tick box, not two
    row.setFlags(flags)
    row.setCheckState(0, Qt.CheckState.Unchecked)
    for theme in order:
        top = QTreeWidgetItem([f"{theme} ({len(groups[theme])})"])
        top.setFlags(theme_flags)
        font = top.font(0)
        font.setBold(True)
        top.setFont(0, font)
        top.setToolTip(0, f"Tick to chart every {theme.lower()} metric")
        tree.addTopLevelItem(top)
        children = []
        for name in groups[theme]:
            item = row.clone()
            item.setText(0, name)
            item.setData(0, NAME_ROLE, name)
            children.append(item)
            items[name] = item
        top.addChildren(children)  # at once: one update of the tree, not one per metric
        top.setExpanded(True)
    return items


def figure_span(dataset: Dataset) -> tuple:
    """(first, last) period end of every figure and comparator figure, or () when there are none. The
    ends as a set first: a big dataset has 10^5-10^6 figures but few distinct periods, and a set of dates
    is built in C much faster than dates are compared."""
    ends = set(map(_PERIOD_END, chain.from_iterable(
        obs for s in dataset.series for obs in (s.observations, *(c.observations for c in s.comparators)))))
    return (min(ends), max(ends)) if ends else ()


def by_name(series: Iterable[MetricSeries]) -> dict[str, MetricSeries]:
    """Series by name; a repeated name gets its id added so both can be charted."""
    out: dict[str, MetricSeries] = {}
    for s in series:
        out[s.name if s.name not in out else f"{s.name} [{s.id}]"] = s
    return out

"""The Metrics list says which statistical neighbours had no figure, not only the chart."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication

from bcpviewer.model.records import Comparator, Dataset, MetricSeries, Observation
from bcpviewer.model.spans import Span
from bcpviewer.ui.charts.metrics_panel import MetricsPanel


def test_tree_tooltip_lists_the_neighbour_notes(qtbot) -> None:
    p = Span.day(date(2023, 9, 30))
    sn = Comparator("neighbours", "Statistical neighbours (median, 2021 model)", (Observation(p, 13.55),),
                    notes=("30 Sep 2023: median of 8 of 10 neighbours; no figure for Kent, Devon",))
    series = MetricSeries("M-1", "Agency rate fte", unit="%", observations=(Observation(p, 36.7),),
                          comparators=(sn,))
    panel = MetricsPanel()
    qtbot.addWidget(panel)
    panel.resize(800, 400)
    panel.show()
    panel.set_dataset(Dataset(series=(series,)))
    tips = []
    tree = panel.tree
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount()):
            item = top.child(j)
            assert item.toolTip(0) == ""  # written when first asked for, not for every metric at once
            where = tree.visualItemRect(item).center()
            QApplication.sendEvent(tree.viewport(), QHelpEvent(QEvent.Type.ToolTip, where,
                                                               tree.viewport().mapToGlobal(where)))
            tips.append(item.toolTip(0))
    assert any("no figure for Kent, Devon" in t and "Statistical neighbours (median, 2021 model)" in t
               for t in tips), tips

"""The Metrics list says which statistical neighbours had no figure, not only the chart."""

from __future__ import annotations

from datetime import date

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
    panel.set_dataset(Dataset(series=(series,)))
    tips = []
    tree = panel.tree
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        tips += [top.child(j).toolTip(0) for j in range(top.childCount())]
    assert any("no figure for Kent, Devon" in t and "Statistical neighbours (median, 2021 model)" in t
               for t in tips), tips

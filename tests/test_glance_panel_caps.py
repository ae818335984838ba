"""At a glance lists metrics in words up to a cap per group and counts the rest (a dataset of
thousands of series would make a panel no one reads, and a document that takes long to lay out)."""

from __future__ import annotations

from datetime import date

from bcpviewer.model import glance as g
from bcpviewer.model.records import Comparator, Dataset, MetricSeries, Observation
from bcpviewer.model.spans import Span
from bcpviewer.model.vocab import Polarity
from bcpviewer.ui.charts.glance_panel import MAX_METRICS_LISTED, render


def _series(i: int) -> MetricSeries:
    at = Span.day(date(2024, 9, 30))
    return MetricSeries(f"M-{i}", f"Indicator {i:03d}", "%", Polarity.LOWER_IS_BETTER,
                        observations=(Observation(at, 30.0 + i % 7),),
                        comparators=(Comparator("england", "England", (Observation(at, 15.0),)),))


def test_a_long_group_lists_its_first_metrics_and_counts_the_rest() -> None:
    n = MAX_METRICS_LISTED + 40
    text = render(g.glance(Dataset(series=tuple(_series(i) for i in range(n))), date(2026, 12, 7)))
    assert f"({n})" in text  # the group still says how many it holds
    assert "Indicator 000" in text and f"Indicator {MAX_METRICS_LISTED - 1:03d}" in text
    assert f"Indicator {MAX_METRICS_LISTED:03d}" not in text
    assert "and 40 more" in text


def test_a_short_group_lists_every_metric() -> None:
    text = render(g.glance(Dataset(series=tuple(_series(i) for i in range(5))), date(2026, 12, 7)))
    assert all(f"Indicator {i:03d}" in text for i in range(5)) and "more:" not in text

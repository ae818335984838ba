"""Views that show big data without holding up the window: charts made as they come into sight, the
glance worked out in the background, table columns fitted when their tab is shown. What they show in the
end is what they showed when all was done at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from bcpviewer.model.glance import glance
from bcpviewer.model.records import Dataset
from bcpviewer.ui.charts import glance_panel
from bcpviewer.ui.charts.glance_panel import GlancePanel
from bcpviewer.ui.charts.metrics_panel import MetricsPanel
from bcpviewer.ui.items.items import ItemsPanel

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2025, 10, 20)


@pytest.fixture(scope="module")
def sample() -> Dataset:
    from bcpviewer.io.loader import load_file

    return load_file(str(ROOT / "resources/samples/bcp-childrens-services.xlsx"))


def test_charts_are_made_as_they_come_into_sight(qtbot, sample: Dataset) -> None:
    panel = MetricsPanel()
    qtbot.addWidget(panel)
    panel.resize(1400, 800)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_dataset(sample)
    names = panel.visible_names()[:9]
    panel.set_checked(names)
    assert panel.checked() == names
    assert panel.charts_so_far() == []  # made as the event loop turns, never in one go (issue 19)
    assert panel.making
    qtbot.waitUntil(lambda: not panel.making)
    made = [c.name for c in panel.charts_so_far()]
    assert 1 < len(made) < len(names) and made == names[: len(made)]  # those in sight, in order
    bar = panel.scroll.verticalScrollBar()
    bar.setValue(bar.maximum())  # scrolled to the foot: the last ones are made too
    qtbot.waitUntil(lambda: not panel.making)
    assert names[-1] in [c.name for c in panel.charts_so_far()]
    assert [c.name for c in panel.charts()] == names  # every chart, made on demand
    assert panel.charts() == panel.charts_so_far()


def test_charts_asked_for_are_made_at_once(qtbot, sample: Dataset) -> None:
    panel = MetricsPanel()
    qtbot.addWidget(panel)
    panel.set_dataset(sample)
    names = panel.visible_names()[:5]
    panel.set_checked(names)
    charts = panel.charts()
    assert [c.name for c in charts] == names
    assert all(c.drawing.series is not None and c.drawing.series.name == n for c, n in zip(charts, names))


def test_glance_of_big_data_is_worked_out_in_the_background(qtbot, sample: Dataset, monkeypatch) -> None:
    at_once = GlancePanel()
    qtbot.addWidget(at_once)
    at_once.set_dataset(sample, AS_OF)
    assert not at_once.busy
    monkeypatch.setattr(glance_panel, "BIG", 0)  # every dataset counts as big
    panel = GlancePanel()
    qtbot.addWidget(panel)
    panel.set_dataset(sample, AS_OF)
    assert panel.busy and "Working out the figures" in panel.text()
    qtbot.waitUntil(lambda: not panel.busy, timeout=20_000)
    assert panel.glance() == glance(sample, AS_OF)
    assert panel.text() == at_once.text()
    panel.set_since(date(2024, 1, 1))
    panel.set_since(None)  # the first result is dropped: only the newest is shown
    qtbot.waitUntil(lambda: not panel.busy, timeout=20_000)
    assert panel.glance() == glance(sample, AS_OF) and panel.text() == at_once.text()


def test_table_columns_are_fitted_when_their_tab_is_shown(qtbot, sample: Dataset) -> None:
    panel = ItemsPanel(today=AS_OF)
    qtbot.addWidget(panel)
    panel.resize(1200, 500)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_dataset(sample)
    metrics = panel.views["metrics"]
    before = [metrics.horizontalHeader().sectionSize(c) for c in range(3)]
    panel.setCurrentWidget(metrics)
    QApplication.processEvents()
    after = [metrics.horizontalHeader().sectionSize(c) for c in range(3)]
    panel.fit_columns(metrics)  # as fitting every tab at once would have made them
    assert after == [metrics.horizontalHeader().sectionSize(c) for c in range(3)]
    assert after != before


def test_checks_of_big_data_are_worked_out_in_the_background(make_window, qtbot, sample: Dataset,
                                                             monkeypatch) -> None:
    at_once = make_window("a.ini", today=AS_OF, autosave_ms=3_600_000)
    at_once.session.set_data(sample)
    assert not at_once.analysis.checking
    from bcpviewer.ui.analyses import controller as analysis

    monkeypatch.setattr(analysis, "BIG", 0)  # every dataset counts as big
    window = make_window("b.ini", today=AS_OF, autosave_ms=3_600_000)
    window.session.set_data(sample)
    assert window.analysis.checking
    qtbot.waitUntil(lambda: not window.analysis.checking, timeout=20_000)
    assert window.analysis.impact_checks == at_once.analysis.impact_checks
    assert window.analysis.target_checks == at_once.analysis.target_checks
    panel, expected = window.analysis.targets_panel, at_once.analysis.targets_panel
    assert panel.model.rowCount() == expected.model.rowCount() > 0
    assert panel.summary.text() == expected.summary.text()
    for mine, theirs in ((panel.model, expected.model),
                         (window.analysis.impact_panel.model, at_once.analysis.impact_panel.model)):
        assert [[mine.text(r, c) for c in range(mine.columnCount())] for r in range(mine.rowCount())] == \
            [[theirs.text(r, c) for c in range(theirs.columnCount())] for r in range(theirs.rowCount())]


def test_tables_of_big_data_are_filled_from_the_background(qtbot, sample: Dataset, monkeypatch) -> None:
    at_once = ItemsPanel(today=AS_OF)
    qtbot.addWidget(at_once)
    at_once.set_dataset(sample)
    assert not at_once.filling
    from bcpviewer.ui.items import items

    monkeypatch.setattr(items, "BIG", 0)  # every dataset counts as big
    panel = ItemsPanel(today=AS_OF)
    qtbot.addWidget(panel)
    panel.set_dataset(sample)
    assert panel.filling and panel.models["actions"].rowCount() == 0  # emptied at once
    qtbot.waitUntil(lambda: not panel.filling, timeout=20_000)
    for key, model in panel.models.items():
        expected = at_once.models[key]
        assert model.rowCount() == expected.rowCount()
        cells = [[model.text(r, c) for c in range(model.columnCount())] for r in range(model.rowCount())]
        assert cells == [[expected.text(r, c) for c in range(expected.columnCount())]
                         for r in range(expected.rowCount())]
    assert panel.models["actions"].rowCount() > 0 and panel.tabText(0) == at_once.tabText(0)

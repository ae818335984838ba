"""The action's metric chart under Details: verdict in words, the action's dates, rings, link button."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from bcpviewer.io.loader import load_file
from bcpviewer.model.impact import Effect, chart_window, check_action
from bcpviewer.model.records import Action, Dataset, MetricSeries, Observation, Target
from bcpviewer.model.spans import Span
from bcpviewer.model.vocab import Polarity, Status
from bcpviewer.plots.timeline_axes import to_seconds
from bcpviewer.ui.charts.action_metric_view import (
    CHANGE_TEXT,
    LINK_TEXT,
    NO_METRIC,
    ActionMetricView,
    chart_key,
    label_rows,
    verdict_text,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "bcp-childrens-services.xlsx"
AS_OF = date(2026, 11, 23)


@pytest.fixture(scope="module")
def sample() -> Dataset:
    if not SAMPLE.is_file():
        pytest.skip(f"the bundled sample is missing: {SAMPLE}")
    return load_file(SAMPLE)


def _action(sample: Dataset, aid: str) -> Action:
    return next(a for a in sample.actions if a.id == aid)


def _view(qtbot, width: int = 520) -> ActionMetricView:
    view = ActionMetricView()
    qtbot.addWidget(view)
    view.resize(width, 260)
    return view


def _show(qtbot, view: ActionMetricView) -> None:
    view.show()
    qtbot.waitExposed(view)


def _year(y: int) -> MetricSeries:
    return MetricSeries(
        "M9", "Re-referrals within 12 months", "%", Polarity.LOWER_IS_BETTER, "Children in need",
        tuple(Observation(Span(date(y, 3, 31), date(y, 3, 31)), v)
              for y, v in ((2020, 22.0), (2021, 24.5), (2022, 21.0), (2023, 19.5))),
        targets=(Target(18.0, date(2024, 3, 31), "Plan"),),
    )


def test_a605_says_got_worse_in_words_and_rings_the_figures_compared(qtbot, sample):
    a = _action(sample, "A6.05")
    check = check_action(a, sample.series, AS_OF)
    assert check is not None and check.effect is Effect.WORSENED and check.concern
    view = _view(qtbot)
    view.show_action(a, check, check.series, sample.events)
    _show(qtbot, view)
    text = view.verdict_line
    assert "✗ Got worse" in text and "Rated Complete while its metric got worse" in text
    assert "14.3 cases per FTE (30 Sep 2021) to 14.6 cases per FTE (30 Sep 2025)" in text
    assert view.has_chart and view.isVisible() and not view.chart.isHidden()
    # The before and after figures are ringed where the council's line has them.
    xs, ys = view.rings.getData()
    assert list(xs) == [to_seconds(date(2021, 9, 30)), to_seconds(date(2025, 9, 30))]
    assert list(ys) == [14.3, 14.6]
    assert "Before the action: 14.3 cases per FTE (30 Sep 2021)" in view.rings.data[0]["data"]
    # The window takes in the action's chart window and both ringed figures.
    (x0, x1), _ = view.plot_item.getViewBox().viewRange()
    window = chart_window(a, check.series)
    assert window is not None
    assert x0 <= to_seconds(window.start) and x1 >= to_seconds(date(2025, 9, 30))
    assert x1 - x0 < 6 * 365 * 86400  # a window around the action, not the whole series
    assert "figures compared" in view.note.text() and "England" in view.note.text()
    assert view.button.text() == CHANGE_TEXT


def test_action_dates_are_marked_with_labels_and_dashes_and_meeting_labels_do_not_overlap(qtbot, sample):
    a = _action(sample, "A6.05")  # due and completed on the same day
    check = check_action(a, sample.series, AS_OF)
    view = _view(qtbot)
    view.show_action(a, check, None, sample.events)
    _show(qtbot, view)
    assert view.marker_labels() == ["Start", "Due", "Done"]
    assert [line.value() for line in view.markers] == [
        to_seconds(d) for d in (date(2022, 4, 1), date(2023, 3, 31), date(2023, 3, 31))]
    dashes = {line.pen.style() for line in view.markers}
    assert len(dashes) == 3  # each kind of date has its own dash, not only its own colour
    rows = view.marker_rows()
    assert rows[1] != rows[2]  # "Due" and "Done" on one day sit at different heights
    tips = [line.toolTip() for line in view.markers]
    assert tips[0] == "Start: 1 Apr 2022" and tips[2] == "Done: 31 Mar 2023"


def test_every_revision_gets_a_marker(qtbot, sample):
    a = _action(sample, "A6.01")
    view = _view(qtbot)
    view.show_action(a, check_action(a, sample.series, AS_OF), None, sample.events)
    _show(qtbot, view)
    assert view.marker_labels() == ["Start", "Due", "Revised 1", "Revised 2"]
    assert "✓ Improved" in view.verdict_line and "Rated" not in view.verdict_line
    # Redrawing another action leaves none of the first one's markers behind.
    b = _action(sample, "A6.05")
    view.show_action(b, check_action(b, sample.series, AS_OF), None)
    assert view.marker_labels() == ["Start", "Due", "Done"]
    lines = [i for i in view.plot_item.items if i in view.markers]
    assert len(lines) == 3


def test_an_action_without_a_metric_offers_a_link(qtbot, sample):
    a = next(a for a in sample.actions if not a.metric)
    view = _view(qtbot)
    view.show_action(a, check_action(a, sample.series, AS_OF), None)
    _show(qtbot, view)
    assert view.chart.isHidden() and view.verdict.isHidden()
    assert view.note.isVisible() and NO_METRIC in view.note.text()
    assert view.button.text() == LINK_TEXT and a.id in view.button.accessibleName()
    with qtbot.waitSignal(view.link_requested) as got:
        qtbot.mouseClick(view.button, Qt.MouseButton.LeftButton)
    assert got.args == [f"action:{a.id}"]


def test_a_metric_that_is_not_loaded_says_so_and_offers_to_change_it(qtbot):
    a = Action("X1", "Improve supervision", start=date(2023, 1, 1), metric="Supervision rate")
    check = check_action(a, (_year(2020),), AS_OF)
    assert check is not None and check.series is None
    view = _view(qtbot)
    view.show_action(a, check, None)
    _show(qtbot, view)
    assert "No metric called 'Supervision rate' is loaded." in view.verdict_line
    assert verdict_text(Effect.NO_DATA) in view.verdict_line
    assert view.chart.isHidden() and view.note.isHidden()
    assert view.button.text() == CHANGE_TEXT
    with qtbot.waitSignal(view.link_requested) as got:
        view.button.click()
    assert got.args == ["action:X1"]


def test_a_series_linked_without_a_check_is_charted_without_rings_and_with_its_target(qtbot):
    series = _year(2020)
    a = Action("X2", "Stop repeat referrals", start=date(2021, 6, 1), due=date(2022, 3, 31),
               status=Status.AMBER)
    view = _view(qtbot)
    view.show_action(a, None, series)
    _show(qtbot, view)
    assert view.has_chart and view.verdict.isHidden()
    assert len(view.rings.data) == 0
    assert "Target" in view.note.text() and "figures compared" not in view.note.text()
    assert view.marker_labels() == ["Start", "Due"]
    assert view.chart.accessibleName() == "Chart of Re-referrals within 12 months around action X2"


def test_hidden_for_an_event_and_a_small_quiet_neighbour_of_the_details_text(qtbot, sample):
    view = _view(qtbot)
    a = _action(sample, "A6.05")
    view.show_action(a, check_action(a, sample.series, AS_OF), None, sample.events)
    _show(qtbot, view)
    assert 180 <= view.heightForWidth(520) <= 280
    assert view.chart.focusPolicy() == Qt.FocusPolicy.NoFocus  # never takes the keyboard on a click
    assert view.button.focusPolicy() & Qt.FocusPolicy.TabFocus  # yet reachable by Tab
    assert view.chart.accessibleName() and view.button.accessibleName() and view.verdict.accessibleName()
    assert "Got worse" in view.chart.accessibleDescription()
    view.show_action(None, None, None)
    assert view.isHidden() and view.key is None and view.markers == []


def test_a_rendered_chart_is_drawn_on_white(qtbot, sample, tmp_path):
    a = _action(sample, "A6.05")
    view = _view(qtbot)
    view.show_action(a, check_action(a, sample.series, AS_OF), None, sample.events)
    _show(qtbot, view)
    image = view.chart.grab().toImage()
    assert not image.isNull()
    corner = image.pixelColor(image.width() - 3, 3)
    assert corner.lightness() > 240
    # Something other than white is drawn inside the plot (lines, rings, markers).
    width, height = image.width(), image.height()
    dark = sum(1 for x in range(80, width - 10, 7) for y in range(10, height - 40, 7)
               if image.pixelColor(x, y).lightness() < 160)
    assert dark > 20


def test_label_rows_put_close_labels_on_separate_rows():
    assert label_rows([(0.0, 10.0), (20.0, 10.0), (40.0, 10.0)]) == [0, 0, 0]
    assert label_rows([(0.0, 10.0), (5.0, 10.0), (8.0, 10.0), (30.0, 5.0)]) == [0, 1, 2, 0]
    assert label_rows([(0.0, 10.0), (11.0, 1.0)], pad=2.0) == [0, 1]
    assert label_rows([]) == []


def test_chart_key_names_each_line_with_its_marker_shape_escaped():
    series = MetricSeries("M1", "Rate <script>", "%", observations=(
        Observation(Span(date(2020, 3, 31), date(2020, 3, 31)), 4.0),))
    key = chart_key(series, "BCP & partners", ringed=True)
    assert "BCP &amp; partners" in key and "●" in key and "figures compared" in key
    assert "Target" not in key and "<script>" not in key


def test_a_named_metric_without_a_check_is_not_called_missing(qtbot):
    view = _view(qtbot)
    view.show_action(Action("X3", "Audit files", metric="File audit grades"), None, None)
    assert "names the metric 'File audit grades', but no metric of that name is loaded" in view.note.text()
    assert view.button.text() == CHANGE_TEXT


def test_a_baseline_taken_after_the_start_is_said_so_on_its_ring(qtbot, sample):
    a = _action(sample, "A5.02")  # young people in HMOs: no figure before the action started
    check = check_action(a, sample.series, AS_OF)
    assert check is not None and check.baseline_after_start
    view = _view(qtbot)
    view.show_action(a, check, None, sample.events)
    assert view.rings.data[0]["data"].startswith("Baseline (no figure before the start: the first after it)")
    assert view.rings.data[1]["data"].startswith("Latest figure:")


def test_the_plot_fits_a_narrow_dock(qtbot, sample):
    """No title or legend left behind may hold the plot wider than the view (cutting off the
    latest figure's ring)."""
    a = _action(sample, "A6.04")
    view = _view(qtbot, width=380)
    view.show_action(a, check_action(a, sample.series, AS_OF), None, sample.events)
    _show(qtbot, view)
    assert view.plot_item.sceneBoundingRect().width() <= view.chart.viewport().width() + 1
    vb = view.plot_item.getViewBox()
    right = vb.mapViewToScene(vb.viewRect().topRight()).x()
    assert right <= view.chart.viewport().width() + 1
    (x0, x1), _ = vb.viewRange()
    assert all(x0 < x < x1 for x in view.rings.getData()[0])


@pytest.mark.parametrize("width", [350, 420])
def test_verdict_chart_key_and_button_do_not_overlap_at_the_details_width(qtbot, sample, width):
    """Under the Details page in its splitter, at the dock's usual widths: each part below the last."""
    from PySide6.QtWidgets import QSplitter, QTextBrowser

    a = _action(sample, "A1.05")  # a long verdict, four lines in the key and a target
    split = QSplitter(Qt.Orientation.Vertical)
    split.setChildrenCollapsible(False)
    split.addWidget(QTextBrowser())
    view = ActionMetricView()
    split.addWidget(view)
    split.setStretchFactor(0, 3)
    split.setStretchFactor(1, 0)
    qtbot.addWidget(split)
    split.resize(width, 620)
    view.show_action(a, check_action(a, sample.series, AS_OF), None, sample.events)
    split.show()
    qtbot.waitExposed(split)
    qtbot.waitUntil(lambda: view.height() >= view.heightForWidth(view.width()))
    verdict, chart, note, button = view.verdict.geometry(), view.chart.geometry(), view.note.geometry(), \
        view.button.geometry()
    assert verdict.bottom() < chart.top() and chart.bottom() < note.top() and note.bottom() < button.top()
    assert button.bottom() <= view.height() and button.right() <= view.width()
    assert note.height() >= view.note.heightForWidth(note.width())  # the key is not cut short
    assert "Target 15 cases per FTE by 31 Mar 2027" in view.note.text()  # named in the key...
    assert all(not line.label.isVisible() for line in view.drawing.target_lines)  # ...not over the figures
    assert all(line.toolTip() for line in view.drawing.target_lines)

"""Metric charts and the metrics panel: curves at period ends, targets, gaps, events, linking, export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from bcpviewer.model.records import Comparator, Dataset, Event, MetricSeries, Observation, Target
from bcpviewer.model.spans import Span
from bcpviewer.model.vocab import EventKind, Grade, Polarity
from bcpviewer.plots.chart_data import clip_to_range
from bcpviewer.plots.chart_style import DEFAULT_EVENT_KINDS
from bcpviewer.plots.timeline_axes import DAY, from_seconds, to_seconds
from bcpviewer.ui.charts.glance_panel import GlancePanel
from bcpviewer.ui.charts.chart_widget import MetricChart
from bcpviewer.ui.charts.metrics_panel import MetricsPanel

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 23)
AGENCY = "Agency social worker rate"
_SAMPLE: list[Dataset] = []
K = EventKind


def sample() -> Dataset:
    if not _SAMPLE:
        from bcpviewer.io.loader import load_file

        _SAMPLE.append(load_file(str(ROOT / "resources/samples/bcp-childrens-services.xlsx")))
    return _SAMPLE[0]


@pytest.fixture
def panel(qtbot) -> MetricsPanel:
    p = MetricsPanel()
    qtbot.addWidget(p)
    p.resize(1400, 800)
    p.show()
    qtbot.waitExposed(p)
    p.set_dataset(sample())
    p.set_checked([AGENCY])
    qtbot.waitUntil(lambda: not p.making)  # charts are made as the event loop turns
    QApplication.processEvents()
    return p


def chart(p: MetricsPanel, name: str = AGENCY) -> MetricChart:
    return next(c for c in p.charts() if c.name == name)


def curve_xy(c: MetricChart, key: str) -> tuple[np.ndarray, np.ndarray]:
    x, y = c.drawing.items[key].getOriginalDataset()
    return np.asarray(x), np.asarray(y)


def x_range(c: MetricChart | pg.PlotItem) -> tuple[float, float]:
    item = c.plot_item if isinstance(c, MetricChart) else c
    x0, x1 = item.getViewBox().viewRange()[0]
    return x0, x1


# -- one chart ------------------------------------------------------------------------------------------
def test_agency_chart_has_council_and_three_comparators_at_period_ends(panel: MetricsPanel) -> None:
    c = chart(panel)
    assert set(c.drawing.items) == {"council", "england", "region", "neighbours"}
    ends = [to_seconds(date(y, 9, 30)) for y in range(2019, 2026)]
    expected = {
        "council": [8.0, 17.2, 37.4, 36.6, 36.7, 33.3, 28.3],
        "england": [15.8, 15.4, 15.5, 17.6, 17.9, 16.2, 13.0],
        "region": [17.0, 16.4, 17.8, 19.5, 19.8, 18.7, 14.9],
        "neighbours": [12.2, 11.25, 12.95, 19.2, 13.55, 15.8, 11.7],
    }
    for key, values in expected.items():
        x, y = curve_xy(c, key)
        assert x.tolist() == ends
        assert y.tolist() == pytest.approx(values)
    labels = [label.text for _sample, label in c.drawing.legend.items]
    assert labels[:4] == ["Council", "England", "South West", "Statistical neighbours"]
    assert "Target" in labels


def test_each_series_has_a_second_cue_besides_colour(panel: MetricsPanel) -> None:
    items = chart(panel).drawing.items
    looks = {(i.opts["pen"].style(), i.opts["symbol"]) for i in items.values()}
    assert len(looks) == len(items)  # dash and symbol differ for every series
    colours = {i.opts["pen"].color().name() for i in items.values()}
    assert len(colours) == len(items)


def test_title_axis_and_target(panel: MetricsPanel) -> None:
    c = chart(panel)
    title = c.plot_item.titleLabel.text
    assert AGENCY in title and "lower is better" in title
    assert c.plot_item.getAxis("left").labelText == "% of FTE"
    [line] = c.drawing.target_lines
    assert line.value() == 20.0 and line.angle == 0
    assert line.label.format.startswith("Target 20%")
    x, y = c.drawing.target_markers.getData()
    assert x.tolist() == [to_seconds(date(2025, 3, 31))] and y.tolist() == [20.0]
    y0, y1 = c.plot_item.getViewBox().viewRange()[1]
    assert y0 <= 0 < 37.4 < y1  # from zero, with the highest figure in view


def tiny_dataset() -> Dataset:
    q = Span.quarter
    council = (Observation(q(2023, 1), 10.0), Observation(q(2023, 2), None, "c"),
               Observation(q(2023, 3), 12.0), Observation(q(2023, 4), 0.0))
    england = tuple(Observation(q(2023, i), 11.0) for i in range(1, 5))
    s = MetricSeries("m1", "Re-referrals within 12 months", "%", Polarity.LOWER_IS_BETTER, "Demand",
                     council, (Comparator("england", "England", england),),
                     (Target(9.0),))
    events = (Event("e1", K.MONITORING_VISIT, "Monitoring visit 3: children in care", date(2023, 5, 10)),
              Event("e2", K.STANDARD_INSPECTION, "ILACS inspection", date(2023, 6, 5), date(2023, 6, 16),
                    date(2023, 8, 1), grades={"overall": Grade.INADEQUATE}),
              Event("e3", K.SCRUTINY_MEETING, "O&S committee", date(2023, 9, 12)))
    return Dataset(events=events, series=(s,))


def test_suppressed_value_is_a_gap_with_a_coded_marker(qtbot) -> None:
    p = MetricsPanel()
    qtbot.addWidget(p)
    p.set_dataset(tiny_dataset())
    c = p.charts()[0]
    x, y = curve_xy(c, "council")
    assert x.tolist() == [to_seconds(d) for d in (date(2023, 3, 31), date(2023, 6, 30), date(2023, 9, 30),
                                                   date(2023, 12, 31))]
    assert np.isnan(y[1]) and y[3] == 0.0  # the gap is NaN, never zero; a real zero stays zero
    assert c.drawing.items["council"].opts["connect"] == "finite"
    gx, _gy = c.drawing.gap_markers.getData()
    [tip] = c.drawing.gap_markers.data["data"]
    assert gx.tolist() == [to_seconds(date(2023, 6, 30))]
    assert "c: confidential" in tip and "Q2 2023" in tip
    readout = c.readout_text(to_seconds(date(2023, 7, 15)))
    assert "Council c: confidential" in readout and "(Q2 2023)" in readout
    assert c.drawing.target_lines[0].value() == 9.0
    assert c.drawing.target_markers.getData()[0].tolist() == []  # no due date: a line only


def test_event_lines_at_event_dates_and_toggling_a_kind(qtbot) -> None:
    p = MetricsPanel()
    qtbot.addWidget(p)
    p.set_dataset(tiny_dataset())
    layer = p.charts()[0].drawing.events
    shown = {e.id: x for e, x in layer.visible()}
    assert shown == {"e1": to_seconds(date(2023, 5, 10)), "e2": to_seconds(date(2023, 6, 5))}
    assert K.SCRUTINY_MEETING not in DEFAULT_EVENT_KINDS  # meetings only when asked for
    assert layer.label_of(layer.events[0]) == "MV3"
    assert layer.label_of(layer.events[1]) == "ILACS: Inadequate"  # as on the timeline
    p.set_event_kinds_visible(DEFAULT_EVENT_KINDS - {K.MONITORING_VISIT} | {K.SCRUTINY_MEETING})
    assert {e.id for e, _x in layer.visible()} == {"e2", "e3"}
    menu = {a.data(): a for a in p.events_menu.actions()}
    assert not menu[K.MONITORING_VISIT].isChecked() and menu[K.SCRUTINY_MEETING].isChecked()
    menu[K.STANDARD_INSPECTION].setChecked(False)  # as the reader unticks it in the menu
    assert {e.id for e, _x in layer.visible()} == {"e3"}
    assert K.STANDARD_INSPECTION not in p.event_kinds_visible()


def test_sample_events_on_every_chart(panel: MetricsPanel) -> None:
    panel.set_checked([AGENCY, "Social worker vacancy rate"])
    for c in panel.charts():
        xs = {e.id: x for e, x in c.drawing.events.visible()}
        inspection = next(e for e in sample().events if e.start == date(2021, 12, 6))
        assert xs[inspection.id] == to_seconds(date(2021, 12, 6))
        assert len([e for e, _x in c.drawing.events.visible() if e.kind is K.MONITORING_VISIT]) == 6


def test_crosshair_readout_at_a_date(panel: MetricsPanel) -> None:
    c = chart(panel)
    x = to_seconds(date(2024, 1, 15))
    text = c.readout_text(x)
    assert text.startswith("At 15 Jan 2024: Council 36.7% (30 Sep 2023)")
    assert "England 17.9% (30 Sep 2023)" in text and "South West 19.8% (30 Sep 2023)" in text
    assert "Statistical neighbours 13.55% (30 Sep 2023)" in text
    assert "Council —" in c.readout_text(to_seconds(date(2019, 1, 1)))  # before the first figure
    c.hovered.emit(x)  # as the mouse does: every chart shows the crosshair and its readout
    assert c.drawing.crosshair.isVisible() and c.drawing.crosshair.value() == x
    assert c.readout.text() == text
    c.hovered.emit(None)
    assert not c.drawing.crosshair.isVisible()


def test_long_series_clip_and_downsample(qtbot) -> None:
    n = 100_000
    obs = tuple(Observation(Span.day(date.fromordinal(700_000 + i)), float(i % 97)) for i in range(n))
    p = MetricsPanel()
    qtbot.addWidget(p)
    p.set_dataset(Dataset(series=(MetricSeries("big", "Contacts", "count", observations=obs),)))
    item = p.charts()[0].drawing.items["council"]
    assert item.opts["clipToView"] and item.opts["autoDownsample"] and item.opts["downsampleMethod"] == "peak"
    assert item.opts["symbol"] is None  # symbols only on short series
    drawing = p.charts()[0].drawing
    assert drawing.is_dense("council")  # the whole range: many points a pixel, a thin solid trace
    assert item.opts["pen"].style() == Qt.PenStyle.SolidLine and not item.opts["antialias"]
    x0 = to_seconds(date.fromordinal(700_000))
    p.charts()[0].plot_item.getViewBox().setXRange(x0, x0 + 60 * DAY, padding=0)
    assert not drawing.is_dense("council") and item.opts["antialias"]


# -- the panel ------------------------------------------------------------------------------------------
def test_tree_groups_by_theme_and_search_filters(panel: MetricsPanel) -> None:
    tops = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert tops == ["Workforce (4)", "Children in care (1)", "Care leavers (1)"]
    panel.search.setText("social worker")
    assert panel.visible_names() == [AGENCY, "Social worker vacancy rate", "Social worker turnover rate",
                                     "Average caseload per social worker"]
    panel.search.setText("HMO")
    assert panel.visible_names() == ["Young people placed in HMOs"]
    assert panel.tree.topLevelItem(0).isHidden()
    panel.search.setText("care leavers")  # the theme's name matches too
    assert panel.visible_names() == ["Young people placed in HMOs"]
    panel.search.clear()
    assert len(panel.visible_names()) == 6


def test_ticking_charts_and_signal(panel: MetricsPanel, qtbot) -> None:
    assert panel.checked() == [AGENCY] and [c.name for c in panel.charts()] == [AGENCY]
    item = panel.tree.topLevelItem(0).child(2)
    with qtbot.waitSignal(panel.checked_changed) as sig:
        item.setCheckState(0, Qt.CheckState.Checked)  # as a click does
    assert sig.args == [[AGENCY, "Social worker turnover rate"]]
    assert [c.name for c in panel.charts()] == [AGENCY, "Social worker turnover rate"]
    with qtbot.waitSignal(panel.checked_changed):
        panel.set_checked(["Young people placed in HMOs", "no such metric"])
    assert [c.name for c in panel.charts()] == ["Young people placed in HMOs"]
    panel.set_checked([])
    assert panel.charts() == [] and panel.empty.isVisibleTo(panel)


def test_charts_share_the_time_axis(panel: MetricsPanel, qtbot) -> None:
    panel.set_checked([AGENCY, "Social worker vacancy rate", "Social worker turnover rate"])
    qtbot.waitUntil(lambda: not panel.making)  # the charts in sight are made one per event-loop turn
    QApplication.processEvents()
    a, b, c = panel.charts()
    x0, x1 = to_seconds(date(2022, 1, 1)), to_seconds(date(2023, 1, 1))
    b.plot_item.getViewBox().setXRange(x0, x1, padding=0)
    for other in (a, c):
        assert x_range(other) == pytest.approx((x0, x1), abs=DAY)
    panel.set_checked([AGENCY, "Average caseload per social worker"])  # a new chart joins at the shared range
    qtbot.waitUntil(lambda: not panel.making)  # made as the event loop turns
    QApplication.processEvents()  # laid out: linked views line up on screen, so sizes matter
    assert x_range(panel.charts()[1]) == pytest.approx((x0, x1), abs=DAY)


def test_link_x_moves_the_timeline_and_back(panel: MetricsPanel, qtbot) -> None:
    external = pg.PlotWidget()
    qtbot.addWidget(external)
    external.resize(1400, 300)
    external.show()
    panel.set_checked([AGENCY, "Social worker vacancy rate"])
    panel.link_x(external.getPlotItem())
    qtbot.waitUntil(lambda: not panel.making)  # charts are made as the event loop turns
    QApplication.processEvents()
    first, second = panel.charts()
    x0, x1 = to_seconds(date(2022, 1, 1)), to_seconds(date(2023, 1, 1))
    first.plot_item.getViewBox().setXRange(x0, x1, padding=0)
    e0, e1 = x_range(external.getPlotItem())
    # pyqtgraph lines linked views up on screen, so the timeline's range is the same dates where they overlap
    assert e0 < (x0 + x1) / 2 < e1 and 0.5 < (e1 - e0) / (x1 - x0) < 2
    assert x_range(second) == pytest.approx((x0, x1), abs=DAY)
    external.getPlotItem().getViewBox().setXRange(to_seconds(date(2020, 1, 1)), to_seconds(date(2020, 7, 1)),
                                                  padding=0)
    for c in panel.charts():
        lo, hi = x_range(c)
        assert from_seconds(lo).year == from_seconds(hi).year == 2020
    panel.link_x(None)  # unlinked: the charts still move together, the timeline stays put
    before = x_range(external.getPlotItem())
    second.plot_item.getViewBox().setXRange(x0, x1, padding=0)
    assert x_range(external.getPlotItem()) == before
    assert x_range(first) == pytest.approx((x0, x1), abs=DAY)


def test_link_x_with_the_real_timeline(panel: MetricsPanel, qtbot) -> None:
    from bcpviewer.ui.timeline.timeline_view import TimelineView

    tv = TimelineView()
    qtbot.addWidget(tv)
    tv.resize(1400, 500)
    tv.show()
    tv.set_dataset(sample(), AS_OF)
    panel.link_x(tv.plot_item)
    tv.zoom_to(date(2022, 1, 1), date(2022, 12, 31))
    lo, hi = x_range(chart(panel))
    assert lo < to_seconds(date(2022, 7, 1)) < hi


# -- copy and export ------------------------------------------------------------------------------------
def test_export_png_and_svg_via_the_file_dialog(panel: MetricsPanel, tmp_path: Path, monkeypatch) -> None:
    c = chart(panel)
    asked: list[str] = []

    def fake_dialog(parent, caption, start, filt):
        asked.append(start)
        return str(tmp_path / ("chart.png" if "PNG" in filt else "chart.svg")), filt

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    menu = {a.text(): a for a in c.context_menu().actions()}
    assert list(menu) == ["Copy as image", "Export PNG…", "Export SVG…"]
    menu["Export PNG…"].trigger()
    png = tmp_path / "chart.png"
    assert png.is_file() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert asked[0].endswith("agency-social-worker-rate.png")
    from PySide6.QtGui import QImage

    img = QImage(str(png))
    assert img.width() >= 2 * c.plot_item.sceneBoundingRect().width() - 2  # twice the screen pixels
    assert img.pixelColor(2, 2).name() == "#ffffff"  # white, print-friendly
    menu["Export SVG…"].trigger()
    svg = (tmp_path / "chart.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and AGENCY in svg
    assert c.drawing.items["council"].opts["symbol"] == "o"  # the chart is restored after a vector export
    assert c.drawing.target_markers.data["visible"].all() and c.drawing.target_markers.data["pen"][0] is None
    x, _y = curve_xy(c, "council")
    assert len(x) == 7


def test_export_never_replaces_a_file_silently(panel: MetricsPanel, tmp_path: Path, monkeypatch) -> None:
    c = chart(panel)
    existing = tmp_path / "report.png"
    existing.write_bytes(b"keep me")
    # The dialog confirmed "report" (no suffix); the panel adds .png and must ask before replacing.
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a: (str(tmp_path / "report"), "PNG image (*.png)")))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.No))
    assert c.export_png() is None
    assert existing.read_bytes() == b"keep me"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    assert c.export_png() is None  # cancelled


def test_right_click_opens_the_chart_menu(panel: MetricsPanel) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QContextMenuEvent

    c = chart(panel)
    shown: list[QPoint] = []

    class Menu:  # stands in for the QMenu, whose exec() would block the test
        def exec(self, pos: QPoint) -> None:
            shown.append(pos)

        def deleteLater(self) -> None:  # noqa: N802 (Qt's name)
            pass

    c.context_menu = Menu  # type: ignore[method-assign]
    vp = c.widget.viewport()
    pos = QPoint(vp.width() // 2, vp.height() // 2)
    QApplication.sendEvent(vp, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, vp.mapToGlobal(pos)))
    assert len(shown) == 1


def test_svg_without_qtsvg_writes_or_says_why(panel: MetricsPanel, tmp_path: Path, monkeypatch) -> None:
    import sys

    from bcpviewer.plots import chart_export

    monkeypatch.setitem(sys.modules, "PySide6.QtSvg", None)  # as if PySide6 came without QtSvg
    c = chart(panel)
    path = tmp_path / "fallback.svg"
    try:
        chart_export.export_svg(c.plot_item, path)
    except OSError as exc:  # pyqtgraph's own SVG writer fails on some charts: the user is told why
        assert "PNG" in str(exc)
    else:
        assert "<svg" in path.read_text(encoding="utf-8")


def test_copy_as_image(panel: MetricsPanel) -> None:
    c = chart(panel)
    c.copy_image()
    img = QApplication.clipboard().image()
    assert not img.isNull() and img.width() > 500


def test_curves_are_sorted_by_period_end() -> None:
    from bcpviewer.plots.chart_data import curve
    from bcpviewer.plots.chart_style import COUNCIL

    obs = [Observation(Span.year(2024), 3.0), Observation(Span.financial_year(2021), None, "x"),
           Observation(Span.quarter(2023, 2), 2.0)]
    c = curve("council", "Council", obs, COUNCIL)
    assert [from_seconds(x) for x in c.x] == [date(2022, 3, 31), date(2023, 6, 30), date(2024, 12, 31)]
    assert np.isnan(c.y[0]) and c.y[1:].tolist() == [2.0, 3.0] and c.codes[0] == "x"


def test_clip_to_range_interpolates_at_the_edges() -> None:
    x = np.array([0.0, 10.0, 20.0, 30.0])
    y = np.array([0.0, 10.0, np.nan, 30.0])
    xc, yc = clip_to_range(x, y, 5.0, 12.0)
    assert xc.tolist() == [5.0, 10.0] and yc.tolist() == [5.0, 10.0]  # no line into the gap
    xc, yc = clip_to_range(x, y, 2.0, 4.0)
    assert xc.tolist() == [2.0, 4.0] and yc.tolist() == [2.0, 4.0]


# -- the glance panel -----------------------------------------------------------------------------------
def test_glance_panel_shows_the_model(qtbot) -> None:
    from bcpviewer.model.glance import glance

    gp = GlancePanel()
    qtbot.addWidget(gp)
    gp.set_dataset(sample(), AS_OF)
    assert gp.glance() == glance(sample(), AS_OF)
    text = gp.text()
    assert "8 actions overdue" in text and "579 days late" in text
    assert "published 29 Jan 2025" in text and "1 year 9 months (663 days) ago" in text
    assert ("Agency social worker rate: 28.3% (30 Sep 2025), England 13.0% — ✗ worse, "
            "gap narrowing since Feb 2022") in text
    assert "6 Ofsted visits since the Inadequate judgement (11 Feb 2022)" in text
    gp.set_since(date(2024, 1, 1))
    assert gp.glance().since == date(2024, 1, 1) and "since Jan 2024" in gp.text()
    assert gp.reset_button.isEnabled()
    gp.reset_button.click()
    assert gp.glance().since == date(2022, 2, 11)

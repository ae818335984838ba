"""The journeys chart: one line per council on months since its anchor, gaps, re-inspections with
their grade, the highlighted council, the legend underneath and the hover readout."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest

from bcpviewer.io import journeys as ji
from bcpviewer.model.journeys import INADEQUATE, Anchor, Which, journeys
from bcpviewer.model.records import Event, MetricSeries, Observation
from bcpviewer.model.spans import Span
from bcpviewer.model.vocab import EventKind, Grade, Polarity
from bcpviewer.plots import style
from bcpviewer.plots.journey_chart import (
    HIGHLIGHT_STYLE,
    MAX_LEGEND_ROWS,
    JourneyPlot,
    anchor_word,
    journey_lines,
    line_style,
    short_name,
    x_label,
)
from tests.journeys_fixtures import BCP, SLOUGH, SOLIHULL, write_files

AS_OF = date(2025, 6, 1)


@pytest.fixture
def three(tmp_path: Path):
    outcomes, dfe = write_files(tmp_path)
    events, _p = ji.load_outcomes(outcomes)
    series, _p = ji.load_metric([dfe], [BCP, SOLIHULL, SLOUGH], "Agency social workers (% of FTE)")
    return journeys([SOLIHULL, BCP, SLOUGH], events, series, as_of=AS_OF)


@pytest.fixture
def chart(qtbot):
    jp = JourneyPlot()
    widget = pg.PlotWidget(background=style.BACKGROUND, plotItem=jp.plot)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return jp, widget


def test_lines_in_months_with_gaps_and_reinspections(three) -> None:
    lines = {line.council: line for line in journey_lines(three, highlight=BCP)}
    bcp = lines[BCP]
    # BCP judged inadequate 11 Feb 2022; its figures are at 30 Sep each year
    assert np.allclose(bcp.x, [-4.4, 7.6, 19.6, 31.6, 43.6], atol=0.1)
    assert list(bcp.y) == [37.4, 36.6, 36.7, 33.3, 28.3]
    assert bcp.grade is Grade.GOOD and 35 < bcp.reinspection_x < 36
    assert 33.3 > bcp.reinspection_y > 28.3  # on the line, between the figures either side
    solihull = lines[SOLIHULL]
    assert np.isnan(solihull.y[1]) and solihull.gaps == 1  # the suppressed 2022 figure is a gap
    assert solihull.reinspection_x is None and solihull.grade is None
    slough = lines[SLOUGH]
    assert slough.grade is Grade.REQUIRES_IMPROVEMENT and slough.gaps == 1
    assert 19.0 < slough.reinspection_y < 21.0  # between its 2022 and 2023 figures


def test_styles_distinct_and_the_highlighted_council_heavier_and_on_top(three) -> None:
    lines = journey_lines(three, highlight=BCP)
    assert lines[-1].council == BCP and lines[-1].style == HIGHLIGHT_STYLE
    others = [line.style for line in lines[:-1]]
    assert all(s.width < HIGHLIGHT_STYLE.width for s in others)
    looks = {(s.colour, s.dash, s.symbol) for s in (line_style(i) for i in range(40))}
    assert len(looks) == 40
    assert all(line_style(i).colour != style.OKABE_ITO["yellow"] for i in range(40))
    assert all(line_style(i).dash != line_style(i + 1).dash for i in range(40))  # not colour alone


def test_councils_without_the_anchor_are_left_out(three) -> None:
    lone = journeys(["Nowhere"], {}, {})
    assert journey_lines([*three, *lone]) and all(line.council != "Nowhere" for line in journey_lines(lone))


def test_chart_items_labels_legend_and_readout(chart, three) -> None:
    jp, _w = chart
    jp.set_journeys(three, "Agency social workers (% of FTE)", "%", Polarity.LOWER_IS_BETTER, highlight=BCP)
    assert set(jp.items) == {BCP, SOLIHULL, SLOUGH}
    assert jp.items[BCP].opts["pen"].widthF() > jp.items[SLOUGH].opts["pen"].widthF()
    assert jp.items[BCP].zValue() > jp.items[SOLIHULL].zValue()
    title = jp.plot.titleLabel.text
    assert "Agency social workers (% of FTE)" in title and "↓ lower is better" in title
    assert jp.plot.getAxis("bottom").labelText == "Months since the inadequate judgement"
    assert jp.plot.getAxis("left").labelText == "%"
    assert jp.anchor_line.value() == 0 and jp.anchor_line.label.format == "Judged inadequate"
    words = sorted(m.textItem.toPlainText() for m in jp.marks if isinstance(m, pg.TextItem))
    assert words == ["Good", "RI"]
    legend = [label.text for _sample, label in jp.legend.items]
    assert legend[0] == "Bournemouth, Christchurch and Poole: Good, 36 months"
    assert "Solihull: not yet (29 months so far)" in legend and "Slough: RI, 54 months" in legend
    assert jp.readout(24) == ("Month 24: Bournemouth, Christchurch and Poole 36.7% · Solihull 35.0% · "
                              "Slough no figure yet")
    # Solihull's Sep 2022 figure (month -3) was suppressed: not its older figure in its place
    assert "Solihull no figure (c)" in jp.readout(0) and "Slough 12.5%" in jp.readout(80)
    jp.hover(24)
    assert jp.crosshair.isVisible() and "Month 24" in jp.readout_label.text
    jp.hover(None)
    assert not jp.crosshair.isVisible()


def test_the_view_shows_every_figure_from_zero(chart, three) -> None:
    jp, _w = chart
    jp.set_journeys(three, "Agency social workers (% of FTE)", "%", Polarity.LOWER_IS_BETTER, highlight=BCP)
    (x0, x1), (y0, y1) = jp.plot.getViewBox().viewRange()
    every = np.concatenate([line.x for line in jp.lines])
    assert x0 < every.min() and x1 > every.max() and x0 < 0 < x1
    assert y0 == 0 and y1 > 44.7


def test_other_anchor_and_neutral_polarity_labels(chart, three) -> None:
    jp, _w = chart
    first = Anchor(which=Which.FIRST)
    jp.set_journeys(three, "Children looked after", "per 10,000", Polarity.NEUTRAL, anchor=first)
    assert jp.plot.getAxis("bottom").labelText == "Months since the first inadequate judgement"
    assert "no better direction" in jp.plot.titleLabel.text
    fv = Anchor(EventKind.FOCUSED_VISIT, None, Which.LATEST)
    assert anchor_word(fv) == "Focused visit" and x_label(fv) == "Months since the latest focused visit"
    assert anchor_word(INADEQUATE) == "Judged inadequate"
    events = {j.council: [j.anchor] for j in three}
    jp.set_journeys(journeys(list(events), events, {}, fv), "x", "", Polarity.NEUTRAL, anchor=fv)
    assert jp.lines == []
    assert jp.empty_text.textItem.toPlainText() == ("None of the chosen councils has a focused visit in the "
                                                    "outcomes table")
    jp.set_journeys([], "x", "", Polarity.NEUTRAL)
    assert jp.empty_text.textItem.toPlainText() == "Choose councils to compare"


def test_a_long_list_of_councils_keeps_the_legend_short(chart) -> None:
    jp, widget = chart
    events, series, names = {}, {}, []
    for i in range(30):
        name = f"Council {i:02d}"
        names.append(name)
        events[name] = [Event(f"e{i}", EventKind.STANDARD_INSPECTION, "ILACS", date(2020, 1, 1),
                              published=date(2020, 2, 1), grades={"overall": Grade.INADEQUATE})]
        obs = tuple(Observation(Span.day(date(y, 9, 30)), float(i + y - 2018)) for y in range(2018, 2025))
        series[name] = MetricSeries(name, "Agency social workers (% of FTE)", "%", observations=obs)
    jp.set_journeys(journeys(names, events, series, as_of=AS_OF), "Agency social workers (% of FTE)", "%",
                    Polarity.LOWER_IS_BETTER, highlight="Council 07")
    texts = [label.text for _s, label in jp.legend.items]
    assert texts[0].startswith("Council 07") and texts[-1].startswith("… and ")
    assert len(texts) <= jp.legend.columnCount * MAX_LEGEND_ROWS
    assert jp.plot.geometry().height() <= widget.height() + 1  # the legend never pushes the plot out
    image = widget.grab()
    assert not image.isNull()


def test_short_names() -> None:
    assert short_name(BCP) == "Bournemouth, Christchurch and Poole" and short_name("Slough") == "Slough"


def test_hover_from_the_scene(chart, three) -> None:
    jp, _w = chart
    jp.set_journeys(three, "Agency social workers (% of FTE)", "%", Polarity.LOWER_IS_BETTER, highlight=BCP)
    vb = jp.plot.getViewBox()
    inside = vb.mapViewToScene(pg.Point(24.2, 20.0))
    jp.hover_at_scene(inside)
    assert jp.crosshair.isVisible() and jp.crosshair.value() == 24
    assert "Month 24:" in jp.readout_label.text and "36.7%" in jp.readout_label.text
    jp.hover_at_scene(vb.sceneBoundingRect().bottomRight() + pg.Point(5, 5))
    assert not jp.crosshair.isVisible()

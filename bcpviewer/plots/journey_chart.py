"""Journeys across councils on one chart: each council's metric against months since its anchor
(its inadequate judgement), with the re-inspection and the grade reached marked on its line."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFontMetricsF

from bcpviewer.model.glance import format_value, value_decimals
from bcpviewer.model.journeys import INADEQUATE, Anchor, Journey, JourneyPoint
from bcpviewer.model.vocab import Grade, Polarity
from bcpviewer.plots import style
from bcpviewer.plots.chart_style import SeriesStyle
from bcpviewer.plots.metric_chart import style_axes
from bcpviewer.plots.timeline_text import font

Y_PAD = 0.08  # head room above the highest value, as a fraction of the range
X_PAD_MONTHS = 3.0
READOUT_POINTS = 9.0
MAX_LEGEND_ROWS = 5
MAX_LEGEND_COLUMNS = 4
LEGEND_POINTS = 9.0
_POLARITY_ARROW = {Polarity.LOWER_IS_BETTER: "↓", Polarity.HIGHER_IS_BETTER: "↑"}
_CODE = re.compile(r"\s*\([0-9]{3}\)\s*$")

# Colour-blind-safe colours (Okabe-Ito; yellow left out: it vanishes on white paper), each line
# also with its own dash and marker so colour is never the only cue. The highlighted council
# (the user's own) is always the heavy solid blue line with round markers.
HIGHLIGHT_COLOUR = style.OKABE_ITO["blue"]
COLOURS = (
    style.OKABE_ITO["vermillion"], style.OKABE_ITO["bluish_green"], "#B07A00",  # darkened orange
    style.OKABE_ITO["reddish_purple"], style.OKABE_ITO["sky_blue"], style.OKABE_ITO["black"], style.MUTED,
)
DASHES = (Qt.PenStyle.DashLine, Qt.PenStyle.DotLine, Qt.PenStyle.DashDotLine,
          Qt.PenStyle.DashDotDotLine, Qt.PenStyle.SolidLine)
SYMBOLS = ("s", "t", "d", "t1", "x", "p", "h", "+", "star", "t2")


HIGHLIGHT_STYLE = SeriesStyle(HIGHLIGHT_COLOUR, 3.4, Qt.PenStyle.SolidLine, "o", 9)


def line_style(index: int) -> SeriesStyle:
    """The look of the ``index``-th council other than the highlighted one: colour, dash and
    marker cycle at different rates, so no two of the first 70 lines look the same."""
    return SeriesStyle(COLOURS[index % len(COLOURS)], 1.8, DASHES[index % len(DASHES)],
                     SYMBOLS[index % len(SYMBOLS)], 8)


def short_name(council: str) -> str:
    """A council's name without its LA code: ``"Bournemouth, Christchurch and Poole"``."""
    return _CODE.sub("", council).strip() or council


@dataclass(frozen=True, eq=False)
class JourneyLine:
    """One council's line: x in months since its anchor, y with NaN for a suppressed figure, and
    where its re-inspection falls on the line (None when not re-inspected)."""

    council: str
    x: np.ndarray
    y: np.ndarray
    style: SeriesStyle
    highlighted: bool
    reinspection_x: float | None
    reinspection_y: float | None
    grade: Grade | None
    journey: Journey

    @property
    def gaps(self) -> int:
        return int(np.isnan(self.y).sum())


def journey_lines(journeys: Sequence[Journey], highlight: str | None = None) -> list[JourneyLine]:
    """The lines to draw, the highlighted council last (on top); councils with no anchor left out."""
    out: list[JourneyLine] = []
    k = 0
    for j in journeys:
        if j.anchor is None:
            continue
        lit = highlight is not None and j.council == highlight
        st = HIGHLIGHT_STYLE if lit else line_style(k)
        k += 0 if lit else 1
        pts = sorted(j.points, key=lambda p: p.months)
        x = np.array([p.months for p in pts], float)
        y = np.array([np.nan if p.value is None else p.value for p in pts], float)
        rx = j.months_to_reinspection
        ry = _y_at(x, y, rx) if rx is not None else None
        out.append(JourneyLine(j.council, x, y, st, lit, rx, ry, j.grade_reached, j))
    out.sort(key=lambda line: line.highlighted)
    return out


def _y_at(x: np.ndarray, y: np.ndarray, at: float) -> float | None:
    """The line's height at ``at``: interpolated between the figures either side, else the
    nearest figure (a re-inspection after the last published figure sits at its level)."""
    ok = ~np.isnan(y)
    xs, ys = x[ok], y[ok]
    if not len(xs):
        return None
    if at <= xs[0]:
        return float(ys[0])
    if at >= xs[-1]:
        return float(ys[-1])
    return float(np.interp(at, xs, ys))


def _plot_item() -> pg.PlotItem:
    plot = pg.PlotItem()
    style_axes(plot)
    plot.getAxis("bottom").setTickSpacing(12, 6)  # a year a major tick
    plot.hideButtons()
    plot.setMenuEnabled(False)
    vb = plot.getViewBox()
    vb.setMouseEnabled(x=False, y=False)
    vb.disableAutoRange()
    vb.setBackgroundColor(QColor(style.BACKGROUND))
    return plot


class JourneyPlot:
    """Draws journeys on a PlotItem (its own unless one is given): one line per council, a
    vertical line at month 0, the re-inspections with the grade reached, a legend underneath
    and a readout of every council's figure at the month under the mouse."""

    def __init__(self, plot: pg.PlotItem | None = None) -> None:
        self.plot = plot if plot is not None else _plot_item()
        self.lines: list[JourneyLine] = []
        self.items: dict[str, pg.PlotDataItem] = {}
        self.marks: list[pg.GraphicsObject] = []
        self.unit = ""
        self.decimals = 1
        self.anchor_line = pg.InfiniteLine(
            pos=0, angle=90, movable=False, pen=pg.mkPen(style.FOREGROUND, width=1.4, style=Qt.PenStyle.DashLine),
            label="Judged inadequate",
            labelOpts={"position": 0.97, "color": style.FOREGROUND, "fill": (255, 255, 255, 230),
                       "anchors": [(0, 0), (0, 0)]},
        )
        self.anchor_line.setZValue(-10)
        self.plot.addItem(self.anchor_line, ignoreBounds=True)
        self.crosshair = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen(style.OVERDUE_TEXT, width=1.2),
            label="", labelOpts={"position": 0.04, "color": "#FFFFFF", "fill": style.OVERDUE_TEXT,
                                 "anchors": [(0.5, 1), (0.5, 1)]},
        )
        self.crosshair.setVisible(False)
        self.crosshair.setZValue(-5)
        self.plot.addItem(self.crosshair, ignoreBounds=True)
        self.legend = pg.LegendItem(colCount=1, horSpacing=18, verSpacing=-4,
                                    labelTextColor=style.FOREGROUND, labelTextSize=f"{LEGEND_POINTS:g}pt")
        self.plot.layout.addItem(self.legend, 4, 1)  # under the axis: never over the lines
        self._legend_width = -1.0
        self.plot.geometryChanged.connect(self._on_geometry_changed)
        self.plot.layout.setRowSpacing(3, 2)
        self.readout_label = pg.LabelItem("", color=style.FOREGROUND, size=f"{READOUT_POINTS:g}pt", justify="left")
        self.plot.layout.addItem(self.readout_label, 5, 1)
        self.empty_text = pg.TextItem("", color=style.MUTED, anchor=(0.5, 0.5))
        self.empty_text.setFont(font(11))
        self.plot.addItem(self.empty_text, ignoreBounds=True)

    # -- data ------------------------------------------------------------------------------------
    def set_journeys(self, journeys: Sequence[Journey], title: str, unit: str, polarity: Polarity,
                     highlight: str | None = None, *, anchor: Anchor = INADEQUATE) -> None:
        """Replace what is drawn with ``journeys`` (x: months since ``anchor``)."""
        for item in [*self.items.values(), *self.marks]:
            self.plot.removeItem(item)
        self.items, self.marks = {}, []
        self.legend.clear()
        self.unit = unit
        self.lines = journey_lines(journeys, highlight)
        values = np.concatenate([line.y[~np.isnan(line.y)] for line in self.lines]) if self.lines else np.empty(0)
        self.decimals = max((value_decimals(float(v), 1) for v in values), default=1)
        for z, line in enumerate(self.lines):
            self._add_line(line, 10 + z if not line.highlighted else 50)
        self._fill_legend()
        self._set_labels(title, unit, polarity, anchor)
        missing = [short_name(j.council) for j in journeys if j.anchor is None]
        if not self.lines:
            self.empty_text.setText(f"None of the chosen councils has {_anchor_phrase(anchor)} in the outcomes table"
                                    if journeys else "Choose councils to compare")
        else:
            self.empty_text.setText("")
        self.empty_text.setToolTip("; ".join(missing))
        self.fit()
        self.readout_label.setText("Hover over the chart to read each council's figure at a month")
        self.readout_label.setMinimumWidth(0)

    def _add_line(self, line: JourneyLine, z: int) -> None:
        st = line.style
        item = pg.PlotDataItem(line.x, line.y, connect="finite", pen=st.pen(), antialias=True,
                               symbol=st.symbol if np.isfinite(line.y).any() else None,
                               symbolSize=st.symbol_size, symbolPen=pg.mkPen(st.colour, width=1.2),
                               symbolBrush=pg.mkBrush(st.colour))
        item.setZValue(z)
        self.plot.addItem(item)
        self.items[line.council] = item
        if line.reinspection_x is not None and line.reinspection_y is not None:
            self._add_reinspection(line, z)

    @staticmethod
    def _sample(st: SeriesStyle) -> pg.PlotDataItem:
        """The legend's copy of a line's look (one dummy point: the legend draws its symbol)."""
        return pg.PlotDataItem([0.0], [0.0], pen=st.pen(), symbol=st.symbol, symbolSize=st.symbol_size,
                               symbolPen=pg.mkPen(st.colour, width=1.2), symbolBrush=pg.mkBrush(st.colour))

    def _on_geometry_changed(self) -> None:
        if abs(self.plot.geometry().width() - self._legend_width) > 1:
            self._fill_legend()

    def _fill_legend(self) -> None:
        """Your council first, then the others, in as many columns as fit the chart's width and at
        most ``MAX_LEGEND_ROWS`` rows (the table lists every council): a legend taller or wider
        than the chart would push the plot out of its view."""
        self._legend_width = width = self.plot.geometry().width()
        self.legend.clear()
        ordered = sorted(self.lines, key=lambda line: not line.highlighted)
        texts = [self._legend_text(line) for line in ordered]
        metrics = QFontMetricsF(font(LEGEND_POINTS))
        widest = max((metrics.horizontalAdvance(t) for t in texts), default=0.0)
        cell = widest + 30 + 18 + 10  # the sample, the spacing and the label's margins
        cols = max(1, min(MAX_LEGEND_COLUMNS, int(max(width - 70, cell) // cell)))
        room = cols * MAX_LEGEND_ROWS
        shown = len(ordered) if len(ordered) <= room else room - 1
        if cols != self.legend.columnCount:
            self.legend.setColumnCount(cols)
        for line, text in zip(ordered[:shown], texts[:shown], strict=True):
            self.legend.addItem(self._sample(line.style), html.escape(text))
        if shown < len(ordered):
            rest = len(ordered) - shown
            blank = pg.PlotDataItem([0.0], [0.0], pen=None)
            self.legend.addItem(blank, f"… and {rest} more council{'s' if rest != 1 else ''} (see the table)")
        self.plot.layout.activate()  # place the legend now, not at the next event (a grab may come first)
        self._fit_view()

    def _fit_view(self) -> None:
        """Back to the view's size when the chart is a view's central item: a layout grown for a
        bigger legend is not shrunk by Qt when the legend gets smaller."""
        scene = self.plot.scene()
        for view in scene.views() if scene is not None else ():
            if getattr(view, "centralWidget", None) is self.plot:
                self.plot.setGeometry(view.range)

    @staticmethod
    def _legend_text(line: JourneyLine) -> str:
        name = short_name(line.council)
        m = line.journey.months_to_reinspection
        if m is not None and line.grade is not None:
            return f"{name}: {line.grade.short}, {m:.0f} months"
        so_far = line.journey.months_so_far
        return f"{name}: not yet" + (f" ({so_far:.0f} months so far)" if so_far is not None else "")

    def _add_reinspection(self, line: JourneyLine, z: int) -> None:
        assert line.reinspection_x is not None and line.reinspection_y is not None
        st = line.style
        grade = line.grade
        edge = style.GRADE_MARKS[grade].colour if grade is not None else style.FOREGROUND
        dot = pg.ScatterPlotItem([line.reinspection_x], [line.reinspection_y], symbol="star", size=17,
                                 pen=pg.mkPen(style.FOREGROUND, width=1.2), brush=pg.mkBrush(edge),
                                 hoverable=True, tip=None)
        word = grade.short if grade is not None else "No grade"
        when = line.journey.reinspection
        tip = f"{short_name(line.council)} re-inspected: {word}"
        if when is not None:
            tip += f" ({line.journey.outcome})"
        dot.setToolTip(tip)
        dot.setZValue(z + 100)
        label = pg.TextItem(word, color=style.FOREGROUND, fill=pg.mkBrush(style.tint(edge, 0.35)),
                            border=pg.mkPen(st.colour, width=1.2), anchor=(0.5, 1.25))
        label.setFont(font(8.5, bold=line.highlighted))
        label.setPos(line.reinspection_x, line.reinspection_y)
        label.setZValue(z + 101)
        label.setToolTip(tip)
        for item in (dot, label):
            self.plot.addItem(item, ignoreBounds=True)
            self.marks.append(item)

    def _set_labels(self, title: str, unit: str, polarity: Polarity, anchor: Anchor) -> None:
        text = f"<b>{html.escape(title)}</b>"
        if polarity is not Polarity.NEUTRAL:
            text += (f"&nbsp;&nbsp;<span style='color:{style.MUTED}'>"
                     f"{_POLARITY_ARROW[polarity]} {polarity.label}</span>")
        else:
            text += f"&nbsp;&nbsp;<span style='color:{style.MUTED}'>(context: no better direction)</span>"
        self.plot.setTitle(text, size="11pt", color=style.FOREGROUND)
        self.plot.setLabel("left", unit or "value", color=style.FOREGROUND, size="9.5pt")
        self.plot.setLabel("bottom", x_label(anchor), color=style.FOREGROUND, size="9.5pt")
        self.anchor_line.label.setFormat(anchor_word(anchor))

    # -- view ------------------------------------------------------------------------------------
    def fit(self) -> None:
        """Show every figure and re-inspection; y from zero when every figure is zero or more."""
        xs = [line.x for line in self.lines if len(line.x)]
        xs.append(np.array([line.reinspection_x for line in self.lines if line.reinspection_x is not None]))
        allx = np.concatenate([*xs, np.array([0.0])])
        x0, x1 = float(allx.min()) - X_PAD_MONTHS, float(allx.max()) + X_PAD_MONTHS
        ys = [line.y[~np.isnan(line.y)] for line in self.lines]
        ally = np.concatenate(ys) if ys else np.empty(0)
        if len(ally):
            lo, hi = float(ally.min()), float(ally.max())
        else:
            lo, hi = 0.0, 1.0
        lo = min(lo, 0.0) if lo >= 0 else lo
        span = hi - lo or max(abs(hi), 1.0)
        y1 = hi + span * Y_PAD * 2.5  # room for the grade labels above the lines
        y0 = lo if lo >= 0 else lo - span * Y_PAD
        vb = self.plot.getViewBox()
        vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        self.empty_text.setPos((x0 + x1) / 2, (y0 + y1) / 2)

    def points_at(self, months: float) -> list[tuple[str, JourneyPoint | None]]:
        """Each council's latest point at or before ``months`` (a gap when that figure was
        suppressed; None before its first), the highlighted council first."""
        ordered = sorted(self.lines, key=lambda line: not line.highlighted)
        out: list[tuple[str, JourneyPoint | None]] = []
        for line in ordered:
            before = [p for p in line.journey.points if p.months <= months]
            out.append((line.council, max(before, key=lambda p: p.months) if before else None))
        return out

    def readout(self, months: float) -> str:
        """``Month 24: BCP 36.6% · Council X 20.1%``: each council's latest figure by then."""
        parts = []
        for council, point in self.points_at(months):
            if point is None:
                shown = "no figure yet"
            elif point.value is None:
                code = point.observation.code
                shown = f"no figure ({code})" if code else "no figure"
            else:
                shown = format_value(point.value, self.unit, self.decimals)
            parts.append(f"{short_name(council)} {shown}")
        return f"Month {months:.0f}: " + " · ".join(parts)

    def hover(self, months: float | None) -> None:
        """Move the crosshair to ``months`` and show the readout (None: hide it)."""
        self.crosshair.setVisible(months is not None and bool(self.lines))
        if months is None or not self.lines:
            return
        self.crosshair.setPos(months)
        self.crosshair.label.setFormat(f"Month {months:.0f}")
        text = self.readout(months)
        head, _sep, rest = text.partition(": ")
        metrics = QFontMetricsF(font(READOUT_POINTS))
        room = max(self.plot.geometry().width() - 90, 200.0) - metrics.horizontalAdvance(head + ": ")
        rows: list[list[str]] = [[]]
        for chunk in rest.split(" · "):
            if rows[-1] and metrics.horizontalAdvance(" · ".join([*rows[-1], chunk])) > room:
                rows.append([])
            rows[-1].append(chunk)
        body = "<br>".join(" · ".join(html.escape(c) for c in row) for row in rows)
        self.readout_label.setText(f"<b>{html.escape(head)}:</b> {body}")
        self.readout_label.setMinimumWidth(0)  # wrapped to the width now; never holds the chart wide

    def hover_at_scene(self, pos: QPointF) -> None:
        """For a scene's ``sigMouseMoved``: the readout at the month under the mouse."""
        vb = self.plot.getViewBox()
        if not vb.sceneBoundingRect().contains(pos):
            self.hover(None)
            return
        self.hover(round(vb.mapSceneToView(pos).x()))


def anchor_word(anchor: Anchor) -> str:
    """The month-0 line's label: ``Judged inadequate``, ``Focused visit``."""
    if anchor.kind is None and anchor.grade is not None:
        return f"Judged {anchor.grade.label.lower()}" if anchor.grade is not Grade.REQUIRES_IMPROVEMENT \
            else "Judged RI"
    if anchor.kind is None:
        return "Judgement"
    word = anchor.kind.label
    return f"{word}: {anchor.grade.short}" if anchor.grade is not None else word


def x_label(anchor: Anchor) -> str:
    """``Months since the inadequate judgement`` (which one, first or latest, when it matters)."""
    if anchor == INADEQUATE:
        return "Months since the inadequate judgement"
    text = anchor.label
    return text[:1].upper() + text[1:]


def _anchor_phrase(anchor: Anchor) -> str:
    """``an inadequate judgement``, ``a focused visit``."""
    what = anchor.label.removeprefix("months since the ").removeprefix("latest ").removeprefix("first ")
    return ("an " if what[:1] in "aeiou" else "a ") + what

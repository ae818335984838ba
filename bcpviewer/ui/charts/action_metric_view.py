"""Under the Details page: the selected action's metric charted around its dates, and what happened to it."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from bcpviewer.model.impact import Effect, ImpactCheck, chart_window, figure
from bcpviewer.model.records import Action, Event, MetricSeries, Observation
from bcpviewer.model.spans import format_date
from bcpviewer.model.vocab import EventKind
from bcpviewer.plots import style
from bcpviewer.plots.chart_data import series_curves
from bcpviewer.plots.metric_chart import MetricChartPlot, make_chart_plot_item
from bcpviewer.plots.timeline_axes import DAY, to_seconds

CHART_HEIGHT = 170  # with the verdict and key, about 240 px: a glance, not a second metrics panel
X_PAD = 0.03  # room either side of the window so a marker on its edge is not cut in half
NO_METRIC = "This action names no metric."
LINK_TEXT = "Link to metric…"
CHANGE_TEXT = "Change linked metric…"
RING_COLOUR = style.FOREGROUND
_WORSE_INK = style.OVERDUE_TEXT
_BETTER_INK = "#006B4E"  # a darkened bluish green that stays readable as text on white


@dataclass(frozen=True, slots=True)
class Verdict:
    """An effect as a glyph, a word and an ink: the word and glyph carry it, never the colour alone."""

    glyph: str
    ink: str


VERDICTS: dict[Effect, Verdict] = {
    Effect.IMPROVED: Verdict("✓", _BETTER_INK),
    Effect.WORSENED: Verdict("✗", _WORSE_INK),
    Effect.UNCHANGED: Verdict("■", style.FOREGROUND),
    Effect.NO_DIRECTION: Verdict("◆", style.FOREGROUND),
    Effect.NO_DATA: Verdict("–", style.MUTED),
}


@dataclass(frozen=True, slots=True)
class MarkerStyle:
    """One kind of date on the action: its label and its dash (a second cue besides the label)."""

    label: str
    dash: Qt.PenStyle
    colour: str
    width: float


MARKERS: dict[str, MarkerStyle] = {
    "start": MarkerStyle("Start", Qt.PenStyle.SolidLine, style.FOREGROUND, 1.4),
    "due": MarkerStyle("Due", Qt.PenStyle.DashLine, style.FOREGROUND, 1.4),
    "revised": MarkerStyle("Revised", Qt.PenStyle.DashDotLine, style.OVERDUE_TEXT, 1.4),
    "done": MarkerStyle("Done", Qt.PenStyle.DotLine, style.OKABE_ITO["blue"], 2.0),
}
_LABEL_ROWS = (0.12, 0.27, 0.42, 0.57)  # heights of the rows of date labels (fraction up the view)
LABEL_PAD_PX = 4.0  # room between two date labels on one row


_GLYPHS = {"o": "●", "s": "■", "t": "▼", "t1": "▲", "d": "◆", "x": "✕", "+": "+", "star": "★"}
_DASHES = {Qt.PenStyle.SolidLine: "━", Qt.PenStyle.DashLine: "╍", Qt.PenStyle.DotLine: "┈",
           Qt.PenStyle.DashDotLine: "╌", Qt.PenStyle.DashDotDotLine: "╌"}
# The kinds of event drawn behind the action's chart: the inspections, visits and directions.
EVENT_KINDS = frozenset({
    EventKind.STANDARD_INSPECTION, EventKind.SHORT_INSPECTION, EventKind.SIF_INSPECTION,
    EventKind.FOCUSED_VISIT, EventKind.MONITORING_VISIT, EventKind.STATUTORY_DIRECTION,
    EventKind.IMPROVEMENT_NOTICE,
})


def chart_key(series: MetricSeries, council_label: str = "Council", ringed: bool = False,
              targets: Sequence[str] = ()) -> str:
    """The chart's key as rich text: each line's marker shape and name, in its colour; each entry kept
    whole on a line of its own when they wrap. The targets are named here in full (``targets``: their
    words), rather than over the figures of a narrow chart."""
    parts = []
    for c in series_curves(series, council_label):
        if not np.isfinite(c.y).any():
            continue
        glyph = _GLYPHS.get(c.style.symbol, "●")
        dash = _DASHES.get(c.style.dash, "—")
        parts.append(f"<span style='color:{c.style.colour}'>{glyph}{dash}</span>&nbsp;{html.escape(c.label)}")
    if series.targets:
        mark = f"<span style='color:{style.FOREGROUND}'>★┈</span>&nbsp;"
        parts += [mark + html.escape(words) for words in targets] if targets else [mark + "Target"]
    if ringed:
        parts.append(f"<span style='color:{RING_COLOUR}'>◯</span>&nbsp;figures compared")
    entries = " &nbsp; ".join(f"<span style='white-space:nowrap'>{p}</span>" for p in parts)
    return f"<span style='color:{style.FOREGROUND}'>{entries}</span>"


def label_rows(spans: Sequence[tuple[float, float]], pad: float = 0.0) -> list[int]:
    """A row for each label given as (x, width), in order: each goes on the lowest row where it
    starts right of every label already there (labels are drawn to the right of their line)."""
    ends: list[float] = []
    rows = []
    for x, w in spans:
        row = next((r for r, end in enumerate(ends) if x > end + pad), None)
        if row is None:
            row = len(ends)
            ends.append(x + w)
        ends[row] = max(ends[row], x + w)
        rows.append(row)
    return rows


def verdict_text(effect: Effect) -> str:
    """``✗ Got worse``: the effect's glyph and word."""
    return f"{VERDICTS[effect].glyph} {effect.label}"


def action_dates(action: Action) -> list[tuple[str, str, date]]:
    """(kind, label, date) of the action's start, baseline due, each revised due and completion."""
    out: list[tuple[str, str, date]] = []
    if action.start:
        out.append(("start", MARKERS["start"].label, action.start))
    if action.due:
        out.append(("due", MARKERS["due"].label, action.due))
    many = len(action.revised_due) > 1
    for i, d in enumerate(action.revised_due, 1):
        out.append(("revised", f"{MARKERS['revised'].label} {i}" if many else MARKERS["revised"].label, d))
    if action.completed:
        out.append(("done", MARKERS["done"].label, action.completed))
    return out


class ActionMetricView(QWidget):
    """A compact chart of an action's metric with the action's dates, or a way to link one."""

    link_requested = Signal(str)  # the ``action:<id>`` key whose metric link the user wants to set

    def __init__(self, parent: QWidget | None = None, council_label: str = "Council") -> None:
        super().__init__(parent)
        self.setObjectName("action_metric_view")
        self.setAccessibleName("Linked metric of the selected action")
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), style.qcolor(style.BACKGROUND))
        pal.setColor(self.foregroundRole(), style.qcolor(style.FOREGROUND))
        self.setPalette(pal)
        self.action: Action | None = None
        self.check: ImpactCheck | None = None
        self.series: MetricSeries | None = None
        self.markers: list[pg.InfiniteLine] = []
        self.verdict_line = ""  # the verdict as plain text

        self.verdict = QLabel(self)
        self.verdict.setObjectName("impact_verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verdict.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.verdict.setAccessibleName("What happened to the linked metric")

        self.plot_item = make_chart_plot_item()
        self.chart = pg.PlotWidget(self, background=style.BACKGROUND, plotItem=self.plot_item)
        self.chart.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the Details text keeps the keyboard
        self.chart.setFixedHeight(CHART_HEIGHT)
        self.chart.setAccessibleName("Chart of the linked metric around the action's dates")
        self.council_label = council_label
        self.drawing = MetricChartPlot(self.plot_item, council_label)
        # The key is a line of text under the chart (it wraps in a narrow dock; the plot's own
        # legend, made for wide charts, would push the plot out of view).
        self.drawing.legend.setVisible(False)
        self.drawing.legend.setMaximumSize(0, 0)
        self.rings = pg.ScatterPlotItem(symbol="o", size=17, pen=pg.mkPen(RING_COLOUR, width=2.2),
                                        brush=pg.mkBrush(None), hoverable=True, tip=_tip)
        self.rings.setZValue(40)
        self.plot_item.addItem(self.rings, ignoreBounds=True)
        self.plot_item.getViewBox().sigResized.connect(self._place_labels)
        self.plot_item.getViewBox().sigXRangeChanged.connect(self._place_labels)

        self.note = QLabel(NO_METRIC, self)
        self.note.setObjectName("no_metric_note")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.setStyleSheet(f"color: {style.MUTED};")
        self.note.setAccessibleName("Key to the chart")
        self.button = QPushButton(LINK_TEXT, self)
        self.button.setObjectName("link_metric_button")
        self.button.setAutoDefault(False)
        self.button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable by Tab; a click leaves focus be
        self.button.clicked.connect(self._on_button_clicked)

        # The key has the whole width; the button goes under it, on the right: neither squeezes the other.
        self.note.setContentsMargins(6, 0, 6, 0)
        row = QHBoxLayout()
        row.setContentsMargins(6, 0, 6, 0)
        row.addStretch(1)
        row.addWidget(self.button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 4)
        box.setSpacing(2)
        self.verdict.setContentsMargins(6, 0, 6, 0)
        box.addWidget(self.verdict)
        box.addWidget(self.chart)
        box.addWidget(self.note)
        box.addLayout(row)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.show_action(None, None, None)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(420, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Never shorter than the verdict, chart, key and button need at the width it has: the splitter
        under Details may not squeeze the key over the chart's dates."""
        base, box = super().minimumSizeHint(), self.layout()
        need = box.totalHeightForWidth(self.width() or 420) if box is not None and box.hasHeightForWidth() else 0
        return QSize(base.width(), max(base.height(), need))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the wrapped verdict and key need another height

    @property
    def key(self) -> str | None:
        """``action:<id>`` of the action shown, or None."""
        return f"action:{self.action.id}" if self.action is not None else None

    @property
    def has_chart(self) -> bool:
        return self.series is not None and not self.chart.isHidden()

    def show_action(self, action: Action | None, check: ImpactCheck | None,
                    series: MetricSeries | None, events: Sequence[Event] = ()) -> None:
        """Chart ``series`` (else the check's) around ``action``'s dates; hide for no action (an event)."""
        self.action, self.check = action, check
        self.series = series if series is not None else (check.series if check is not None else None)
        self._clear_markers()
        if action is None:
            self.series = None
            self.rings.setData([], [])
            self.setVisible(False)
            return
        self.button.setText(CHANGE_TEXT if (check is not None or action.metric) else LINK_TEXT)
        what = "Change the metric linked to" if self.button.text() == CHANGE_TEXT else "Link a metric to"
        self.button.setAccessibleName(f"{what} action {action.id}")
        self._set_verdict(action, check)
        if self.series is None:
            self.chart.hide()
            self.rings.setData([], [])
            self.note.setVisible(check is None)  # else the verdict says why there is no chart
            self.note.setText(html.escape(no_metric_text(action), quote=False))
            self.note.setAccessibleName("No linked metric")
        else:
            self._draw(action, self.series, check, events)
            self.note.setText(chart_key(self.series, self.council_label, bool(len(self.rings.data)),
                                        self._targets_to_key()))
            self.note.setAccessibleName("Key to the chart")
            self.note.show()
            self.chart.show()
        self.setVisible(True)
        self.updateGeometry()

    # -- pieces --------------------------------------------------------------------------------
    def _set_verdict(self, action: Action, check: ImpactCheck | None) -> None:
        if check is None:
            self.verdict.hide()
            self.verdict.setText("")
            self.verdict_line = ""
            return
        v = VERDICTS[check.effect]
        word = html.escape(verdict_text(check.effect))
        concern = ""
        if check.concern:
            concern = (f" <b style='color:{_WORSE_INK}'>Rated {html.escape(action.status.label)} "
                       "while its metric got worse.</b>")
        self.verdict.setText(f"<b style='color:{v.ink}'>{word}</b> "
                             f"<span style='color:{style.FOREGROUND}'>{html.escape(check.explanation)}"
                             f"</span>{concern}")
        self.verdict_line = f"{verdict_text(check.effect)} {check.explanation}"
        if check.concern:
            self.verdict_line += f" Rated {action.status.label} while its metric got worse."
        self.verdict.setAccessibleDescription(self.verdict_line)
        self.verdict.show()

    def _draw(self, action: Action, series: MetricSeries, check: ImpactCheck | None,
              events: Sequence[Event]) -> None:
        self.drawing.set_events(events)
        self.drawing.set_event_kinds_visible(EVENT_KINDS)
        self.drawing.set_series(series)
        # The verdict line above names the metric and its polarity. Emptied before it is hidden:
        # a hidden title keeps the width of its text, and would push the plot out of a narrow dock.
        self.plot_item.setTitle("")
        self.plot_item.setTitle(None)
        ringed = ring_tips(check) if check is not None else []
        self.rings.setData(x=[to_seconds(o.period.end) for o, _tip_text in ringed],
                           y=[o.value for o, _tip_text in ringed], data=[t for _o, t in ringed])
        x_range = self._x_range(action, series, [o for o, _t in ringed])
        for kind, label, d in action_dates(action):
            self._add_marker(kind, label, d)
        if x_range is not None:
            x0, x1 = x_range
            pad = max((x1 - x0) * X_PAD, 15 * DAY)
            self.plot_item.getViewBox().setXRange(x0 - pad, x1 + pad, padding=0)
        self.drawing.fit_y()
        self._place_labels()
        description = f"{series.name} with the action's dates marked"
        if check is not None:
            description = f"{verdict_text(check.effect)}. {check.explanation}"
        self.chart.setAccessibleName(f"Chart of {series.name} around action {action.id}")
        self.chart.setAccessibleDescription(description)

    def _x_range(self, action: Action, series: MetricSeries,
                 ringed: Sequence[Observation]) -> tuple[float, float] | None:
        """The action's chart window, widened to take in the figures compared."""
        window = chart_window(action, series)
        xs = [to_seconds(o.period.end) for o in ringed]
        if window is not None:
            xs += [to_seconds(window.start), to_seconds(window.end)]
        if not xs:
            return self.drawing.data_x_range()
        return min(xs), max(xs)

    def _add_marker(self, kind: str, label: str, d: date) -> None:
        m = MARKERS[kind]
        pen = pg.mkPen(m.colour, width=m.width, style=m.dash)
        line = pg.InfiniteLine(
            pos=to_seconds(d), angle=90, movable=False, pen=pen, label=label,
            labelOpts={"position": _LABEL_ROWS[0], "color": m.colour,
                       "fill": (255, 255, 255, 235), "anchors": [(0, 0.5), (0, 0.5)]},
        )
        line.setToolTip(f"{label}: {format_date(d)}")
        line.setZValue(25)
        self.plot_item.addItem(line, ignoreBounds=True)
        self.markers.append(line)

    def _place_labels(self, *_args: object) -> None:
        """Put each date label on the lowest row where it clears the labels to its left."""
        if not self.markers:
            return
        vb = self.plot_item.getViewBox()
        x0, x1 = vb.viewRange()[0]
        width = vb.width()
        per_px = (x1 - x0) / width if width > 0 else 0.0
        spans = [(line.value(), line.label.boundingRect().width() * per_px) for line in self.markers]
        for line, row in zip(self.markers, label_rows(spans, LABEL_PAD_PX * per_px)):
            line.label.setPosition(_LABEL_ROWS[row % len(_LABEL_ROWS)])

    def _targets_to_key(self) -> list[str]:
        """The target lines' words, for the key; their labels leave the chart, where in a narrow dock
        they would lie over the figures and the event labels (each line keeps its words as a tooltip)."""
        for line in self.drawing.target_lines:
            line.label.setVisible(False)
        return [line.label.toPlainText() for line in self.drawing.target_lines]

    def marker_rows(self) -> list[float]:
        """Each date label's height up the view (a fraction), in marker order."""
        return [line.label.orthoPos for line in self.markers]

    def marker_labels(self) -> list[str]:
        """The labels of the date markers drawn, in date-kind order (for tests and readers)."""
        return [line.label.toPlainText() for line in self.markers]

    def _clear_markers(self) -> None:
        for line in self.markers:
            self.plot_item.removeItem(line)
        self.markers = []

    @Slot()
    def _on_button_clicked(self) -> None:
        if self.key is not None:
            self.link_requested.emit(self.key)


def _tip(x: float, y: float, data: object) -> str:
    return str(data)


def ring_tips(check: ImpactCheck) -> list[tuple[Observation, str]]:
    """The two figures a check compares, each with the words its ring's tooltip shows."""
    if check.before is None or check.after is None or check.series is None:
        return []
    unit = check.series.unit
    first = "Baseline (no figure before the start: the first after it)" if check.baseline_after_start \
        else "Before the action"
    return [(check.before, f"{first}: {figure(check.before.value, unit)} ({check.before.period.label})"),
            (check.after, f"Latest figure: {figure(check.after.value, unit)} ({check.after.period.label})")]


def no_metric_text(action: Action) -> str:
    """Why there is no chart, when there is no check to say so."""
    if action.metric and action.metric.strip():
        return f"This action names the metric '{action.metric.strip()}', but no metric of that name is loaded."
    return NO_METRIC

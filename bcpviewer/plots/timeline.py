"""The timeline drawing: a PlotItem with one graphics item per layer, fed from a TimelineLayout."""

from __future__ import annotations

from datetime import date
from operator import attrgetter

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPen

from bcpviewer.model.timeline import COLLAPSED_HEIGHT, ERA_ROW, ROW, ItemKind, Lane, Placed, TimelineLayout
from bcpviewer.model.versions import Ghost
from bcpviewer.plots import style
from bcpviewer.plots import timeline_style as ts
from bcpviewer.plots.timeline_axes import DAY, LaneAxis, UKDateAxis, dates_to_seconds, to_seconds
from bcpviewer.plots.timeline_layers import MarkerLayer, RectLayer, RectStyle
from bcpviewer.plots.timeline_background import BackgroundLayer
from bcpviewer.plots.timeline_ghosts import GhostLayer, GhostPlacement, place_ghosts
from bcpviewer.plots.timeline_text import BadgeLayer, LabelLayer, font, next_start_in_row

MIN_DAYS_SHOWN = 7
HIT_PX = 7.0  # how near (in pixels) a click must be to a point marker


def make_plot_item() -> pg.PlotItem:
    """A print-friendly PlotItem (white, dark ink) with a UTC date axis and a lane-label axis."""
    plot = pg.PlotItem(axisItems={"bottom": UKDateAxis(), "left": LaneAxis()})
    ink = QPen(style.qcolor(style.FOREGROUND))
    for name in ("bottom", "left"):
        axis = plot.getAxis(name)
        axis.setPen(QPen(style.qcolor(style.MUTED)))
        axis.setTextPen(ink)
    bottom = plot.getAxis("bottom")
    bottom.setStyle(tickFont=font(9.5))
    plot.hideButtons()
    plot.setMenuEnabled(False)
    vb = plot.getViewBox()
    vb.invertY(True)
    vb.setMouseEnabled(x=True, y=False)
    vb.disableAutoRange()
    return plot


class TimelinePlot:
    """Draws a TimelineLayout on a PlotItem: stripes and eras, an older version's dates (ghosts),
    bars, slippage, markers, badges, labels."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.plot = plot
        self.background = BackgroundLayer()
        self.ghosts = GhostLayer()
        self.spans = RectLayer(ts.span_styles(), min_width_px=2.0)
        self.bars = RectLayer(ts.bar_styles(), min_width_px=2.0)
        self.slips = RectLayer(ts.slip_styles())
        self.markers = MarkerLayer(ts.marker_styles(), row_height=ROW)
        self.badges = BadgeLayer(row_height=ROW)
        self.labels = LabelLayer()
        self.selection = RectLayer([RectStyle(_selection_pen(), QBrush(Qt.BrushStyle.NoBrush))],
                                   min_width_px=14.0)
        self.today = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen(style.FOREGROUND, width=1.5, style=Qt.PenStyle.DashLine),
            label="Today", labelOpts={"position": 0.02, "color": style.FOREGROUND,
                                      "fill": (255, 255, 255, 230), "anchors": [(0.5, 0), (0.5, 0)]},
        )
        layers = (self.background, self.ghosts, self.spans, self.bars, self.slips, self.markers, self.badges,
                  self.labels, self.today, self.selection)
        for z, item in enumerate(layers):
            item.setZValue(z - 10)
            plot.addItem(item, ignoreBounds=True)
        self.layout: TimelineLayout | None = None
        self._keys: list[str] = []
        self._index: dict[str, int] = {}
        self._hit = np.empty((0, 4))
        self._badge_px = np.empty(0)
        self._ghosts: tuple[Ghost, ...] = ()
        self._ghost_place: GhostPlacement | None = None
        self.ghost_lane_collapsed = False  # the "Dropped from the plan" lane, folded to one row

    # -- data ---------------------------------------------------------------------------------
    def set_layout(self, layout: TimelineLayout) -> None:
        """Replace everything drawn (one set_data per layer)."""
        self.layout = layout
        placed = layout.placed
        self._keys = list(map(_KEY, placed))
        self._index = {k: i for i, k in enumerate(self._keys)}
        start = dates_to_seconds(list(map(_START, placed)))
        drawn_end = dates_to_seconds(list(map(_END, placed)))
        y = np.fromiter(map(_Y, placed), float, len(placed))
        h = np.fromiter(map(_HEIGHT, placed), float, len(placed))
        kind = np.array(list(map(_KIND_VALUE, placed)), dtype=object)
        is_action = kind == ItemKind.ACTION.value
        inclusive = (kind == ItemKind.SPAN.value) | (kind == ItemKind.PERIOD.value)
        end = np.where(inclusive, drawn_end + DAY, drawn_end)
        self._set_bars(placed, start, end, y, h, is_action)
        self._set_spans(placed, start, end, y, h, kind)
        far = self._set_markers(placed, start, end, y, kind, is_action)
        self._set_labels(placed, start, end, far, y, h, is_action)
        self.today.setPos(to_seconds(layout.as_of))
        half = np.array([COLLAPSED_HEIGHT / 2 if lane.collapsed else ROW / 2 for lane in layout.lanes])
        lane_of = {lane.key: i for i, lane in enumerate(layout.lanes)}
        rowhalf = half[list(map(lane_of.__getitem__, map(_LANE, placed)))] if placed else np.empty(0)
        # Placed.last (end, slippage, completion, publication), to the day lateness is counted on when
        # overdue (the tracker's date, or today): by column
        last = drawn_end
        for get in (_SLIP_END, _COMPLETED, _PUBLISHED, _OVERDUE_TO):
            last = np.fmax(last, _seconds_or_nan(list(map(get, placed))))
        last = np.where(is_action, last, np.maximum(far, end))
        self._hit = np.column_stack((start, last, y, rowhalf)) if placed else np.empty((0, 4))
        self._place_ghosts()
        self.set_selection(None)

    def _set_bars(self, placed, start, end, y, h, is_action) -> None:
        a = np.flatnonzero(is_action)
        group = np.array([ts.bar_style_index(placed[i].status, placed[i].overdue_days is not None)
                          for i in a], int)
        self.bars.set_data(start[a], end[a], y[a], h[a], group)
        slip = [i for i in a if placed[i].slip_end is not None]
        tail = [i for i in a if placed[i].overdue_from is not None]
        x0 = np.concatenate((end[slip], dates_to_seconds([placed[i].overdue_from for i in tail])))
        x1 = np.concatenate((dates_to_seconds([placed[i].slip_end for i in slip]),
                             dates_to_seconds([placed[i].overdue_to for i in tail])))  # the day counted on
        hs = np.concatenate((h[slip], np.full(len(tail), ts.TAIL_HEIGHT)))
        ys = np.concatenate((y[slip], y[tail]))
        g = [ts.STATUSES.index(placed[i].status) for i in slip] + [len(ts.STATUSES)] * len(tail)
        self.slips.set_data(x0, x1, ys, hs, np.array(g, int))

    def _set_spans(self, placed, start, end, y, h, kind) -> None:
        s = np.flatnonzero((kind == ItemKind.SPAN.value) | (kind == ItemKind.PERIOD.value))
        groups = {key: i for i, key in enumerate(ts.GROUP_KEYS)}
        g = np.array([2 * groups.get(placed[i].lane_key, len(groups) - 1)
                      + int(placed[i].kind is ItemKind.PERIOD) for i in s], int)
        faint = np.array([placed[i].kind is ItemKind.PERIOD for i in s], bool)
        hs = np.where(faint, np.minimum(h[s] * 1.2, ROW * 0.9), h[s] * 0.8)
        self.spans.set_data(start[s], end[s], y[s], hs, g)

    def _set_markers(self, placed, start, end, y, kind, is_action) -> np.ndarray:
        """Markers and badges; returns, per item, the x where its drawing ends (for labels, hits)."""
        far = end.copy()
        xs, ys, gs = [], [], []
        done = [i for i in np.flatnonzero(is_action) if placed[i].completed is not None]
        xs.append(dates_to_seconds([placed[i].completed for i in done]))
        ys.append(y[done])
        gs.append(np.full(len(done), ts.COMPLETION))
        ev = np.flatnonzero(~is_action)
        point = kind[ev] == ItemKind.POINT.value
        period = kind[ev] == ItemKind.PERIOD.value
        xs.append(np.where(period, (start[ev] + end[ev]) / 2, start[ev]))
        ys.append(y[ev])
        gs.append(np.array([ts.marker_index(placed[i].event_kind, placed[i].kind is ItemKind.PERIOD)
                            for i in ev], int))
        far[ev[point]] = start[ev[point]]
        far[ev[period]] = (start[ev[period]] + end[ev[period]]) / 2  # named beside its mid-period marker
        pub = [i for i in ev if placed[i].published is not None]
        px = dates_to_seconds([placed[i].published for i in pub])
        xs.append(px)
        ys.append(y[pub])
        gs.append(np.full(len(pub), ts.PUBLICATION))
        far[pub] = np.maximum(far[pub], px)
        self.markers.set_data(np.concatenate(xs), np.concatenate(ys), np.concatenate(gs).astype(int))
        graded = [i for i in ev if placed[i].grade is not None]
        colours = [ts.grade_colours(placed[i].grade) for i in graded]
        texts = [badge_text(placed[i]) for i in graded]
        self.badges.set_data(far[graded], y[graded], texts, [c[0] for c in colours], [c[1] for c in colours])
        self._badge_px = np.zeros(len(placed))
        self._badge_px[graded] = [self.badges.badge_width(t) + 10 for t in texts]
        return far

    def _set_labels(self, placed, start, end, far, y, h, is_action) -> None:
        texts = []
        folded = {lane.key for lane in self.layout.lanes if lane.collapsed}
        for p in placed:
            if p.lane_key in folded:
                texts.append("")  # a collapsed lane is a summary strip: its items are not titled
            elif p.kind is ItemKind.ACTION:
                glyph = style.status_mark(p.status).glyph
                late = f" · {p.overdue_days:,} days overdue" if p.overdue_days is not None else ""
                texts.append(f"{glyph} {p.title}{late}")  # elided from the right: the title stays
            elif p.grade is not None and badge_text(p) == p.short:
                texts.append("")  # its badge names it: "ILACS: Inadequate"
            else:
                texts.append(p.short or p.title)
        slip_end = np.array([to_seconds(p.slip_end) if p.slip_end else np.nan for p in placed])
        x1 = np.where(is_action, np.fmax(end, slip_end), far)
        x0 = np.where(is_action, start, far)
        room = next_start_in_row(start, y)
        offset = 11.0 + self._badge_px
        label_h = np.where(is_action, h, np.minimum(h * 1.4, ROW * 0.95))
        self.labels.set_data(x0, x1, y, label_h, texts, offset, room, ~is_action)

    def _set_background(self, layout: TimelineLayout) -> None:
        era_x = (dates_to_seconds([e.start for e in layout.eras]),
                 dates_to_seconds([e.end for e in layout.eras]))
        self.background.set_data(self.lanes(), layout.eras, era_x, ERA_ROW)

    # -- an older version's dates --------------------------------------------------------------
    def set_ghosts(self, ghosts: tuple[Ghost, ...] | list[Ghost] | None) -> None:
        """Draw an older version's dates (None or empty: none), following the current layout."""
        self._ghosts = tuple(ghosts or ())
        if self.layout is not None:
            self._place_ghosts()

    def _place_ghosts(self) -> None:
        layout = self.layout
        assert layout is not None
        place = place_ghosts(self._ghosts, layout, collapsed=self.ghost_lane_collapsed) \
            if self._ghosts else None
        self._ghost_place = place
        if place is None:
            self.ghosts.set_data(np.empty(0), np.empty(0), np.empty(0), np.empty(0), np.empty(0), [])
        else:
            labels = [self._ghosts[i].title if d else "" for i, d in zip(place.index.tolist(),
                                                                      place.dropped.tolist())]
            self.ghosts.set_data(place.x0, place.x1, place.y, place.h, place.due, labels)
        self._set_background(layout)
        self.plot.getAxis("left").set_lanes(self.lanes(), _era_bottom(layout))

    def lanes(self) -> tuple[Lane, ...]:
        """The layout's lanes and, when older dates of dropped actions are shown, their lane."""
        lanes = self.layout.lanes if self.layout is not None else ()
        place = self._ghost_place
        return lanes + (place.lane,) if place is not None and place.lane is not None else lanes

    @property
    def height(self) -> float:
        """Everything drawn from the top, the dropped lane included (view units)."""
        if self.layout is None:
            return 0.0
        return self.layout.height + (self._ghost_place.height if self._ghost_place else 0.0)

    def ghost_for(self, key: str) -> Ghost | None:
        """The older version's dates drawn behind item ``key``, if any."""
        place = self._ghost_place
        if place is None:
            return None
        for i, dropped in zip(place.index.tolist(), place.dropped.tolist()):
            if not dropped and self._ghosts[i].key == key:
                return self._ghosts[i]
        return None

    def ghost_at(self, x: float, y: float) -> Ghost | None:
        """The dropped action's ghost drawn at view position (x, y), or None."""
        place = self._ghost_place
        if place is None or place.lane is None or not place.lane.y0 <= y < place.lane.y1:
            return None
        px = self.plot.getViewBox().viewPixelSize()[0]
        k = self.ghosts.hit(x, y, HIT_PX * px)
        return None if k is None else self._ghosts[int(place.index[k])]

    def ghost_counts(self) -> tuple[int, int]:
        """(ghosts drawn, ghosts given): those of hidden actions are not drawn."""
        return (len(self._ghost_place) if self._ghost_place else 0), len(self._ghosts)

    # -- queries -------------------------------------------------------------------------------
    def keys(self) -> list[str]:
        """Keys of the drawn items in time order."""
        return list(self._keys)

    def placed(self, key: str) -> Placed | None:
        """The layout's record of a drawn item, or None when it is not drawn."""
        i = self._index.get(key)
        return None if i is None or self.layout is None else self.layout.placed[i]

    def neighbour(self, key: str | None, step: int, x0: float, x1: float) -> str | None:
        """The item ``step`` places from ``key`` in time order; without ``key``, the first (step > 0)
        or last (step < 0) item starting inside [x0, x1], else the nearest one outside it."""
        if not self._keys:
            return None
        i = self._index.get(key) if key else None
        if i is not None:
            return self._keys[min(max(i + step, 0), len(self._keys) - 1)]
        starts = self._hit[:, 0]
        if step > 0:
            j = int(np.searchsorted(starts, x0, side="left"))
            return self._keys[min(j, len(self._keys) - 1)]
        j = int(np.searchsorted(starts, x1, side="right")) - 1
        return self._keys[max(j, 0)]

    def extent(self, key: str) -> tuple[float, float, float] | None:
        """(x0, x1, y) of an item's drawing, or None when it is not drawn."""
        i = self._index.get(key)
        if i is None:
            return None
        x0, x1, y, _half = self._hit[i]
        return float(x0), float(x1), float(y)

    def fit_range(self) -> tuple[float, float]:
        """The x-range showing everything, with a small margin."""
        span = self.layout.extent() if self.layout is not None else None
        place = self._ghost_place
        if span is None and not place:
            today = date.today()
            return to_seconds(today) - 365 * DAY, to_seconds(today) + 90 * DAY
        x0, x1 = (to_seconds(span.start), to_seconds(span.end) + DAY) if span else (np.inf, -np.inf)
        if place:  # an older version's dates may reach beyond this one's
            x0, x1 = min(x0, float(place.x0.min())), max(x1, float(place.x1.max()) + DAY)
        margin = max((x1 - x0) * 0.03, 7 * DAY)
        return x0 - margin, x1 + margin

    def item_at(self, x: float, y: float) -> str | None:
        """The item drawn at view position (x, y), the nearest within a few pixels, or None."""
        if not len(self._hit):
            return None
        px = self.plot.getViewBox().viewPixelSize()[0]
        x0, x1, yc, half = self._hit.T
        x1 = x1 + self._badge_px * px
        dist = np.maximum(np.maximum(x0 - x, x - x1), 0.0)
        dy = np.abs(yc - y)
        ok = np.flatnonzero((dy <= half) & (dist <= HIT_PX * px))
        if not len(ok):
            return None
        best = ok[np.lexsort((dy[ok], dist[ok]))[0]]
        return self._keys[best]

    def set_selection(self, key: str | None) -> None:
        """Outline one item (None clears)."""
        ext = self.extent(key) if key else None
        if ext is None:
            self.selection.set_data(np.empty(0), np.empty(0), np.empty(0), np.empty(0), np.empty(0, int))
            return
        x0, x1, y = ext
        i = self._index[key]
        h = self._hit[i, 3] * 2 * 0.92
        self.selection.set_data(np.array([x0]), np.array([x1]), np.array([y]), np.array([h]),
                                np.zeros(1, int))


_KEY, _START, _END, _Y, _HEIGHT = (attrgetter(n) for n in ("key", "start", "end", "y", "height"))
_KIND_VALUE, _LANE = attrgetter("kind.value"), attrgetter("lane_key")
_SLIP_END, _COMPLETED, _PUBLISHED = attrgetter("slip_end"), attrgetter("completed"), attrgetter("published")
_OVERDUE_TO = attrgetter("overdue_to")


def _seconds_or_nan(dates: list[date | None]) -> np.ndarray:
    """``dates_to_seconds`` with NaN where a date is None."""
    out = np.full(len(dates), np.nan)
    known = [i for i, d in enumerate(dates) if d is not None]
    if known:
        out[known] = dates_to_seconds([dates[i] for i in known])
    return out


def badge_text(p: Placed) -> str:
    """What an event's grade badge says: its short name with the overall grade ("ILACS: Inadequate"),
    or the grade alone when only a sub-judgement is graded."""
    if p.short.endswith(f": {p.grade.short}"):
        return p.short
    return p.grade.short


def _selection_pen() -> QPen:
    pen = QPen(QColor("#000000"), 2.5)
    pen.setCosmetic(True)
    return pen


def _era_bottom(layout: TimelineLayout) -> float:
    return layout.lanes[0].y0 if layout.lanes and layout.eras else 0.0

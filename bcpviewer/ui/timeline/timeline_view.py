"""The interactive timeline widget: lanes of events and actions, zoom in time, select, hover, keyboard."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, timedelta

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolTip, QVBoxLayout, QWidget

from bcpviewer.model.analysis import counted_on_text
from bcpviewer.model.keys import item_key
from bcpviewer.model.records import Action, Dataset, Event
from bcpviewer.model.spans import format_date
from bcpviewer.model.timeline import Lane, describe, layout
from bcpviewer.model.versions import Ghost
from bcpviewer.model.vocab import Status
from bcpviewer.plots import style
from bcpviewer.plots.timeline import MIN_DAYS_SHOWN, TimelinePlot, make_plot_item
from bcpviewer.plots.timeline_ghosts import GHOST_LANE, ghost_text, ghost_tooltip
from bcpviewer.plots.timeline_axes import DAY, from_seconds, to_seconds
from bcpviewer.ui.timeline.scrolling import VerticalScroller

DESCRIPTION = (
    "Inspections, intervention events and improvement-plan actions over time, one lane per group. "
    "Left and Right arrows move between items in time order, Enter opens the selected item, "
    "Home shows everything, plus and minus zoom, Page Up and Page Down scroll the lanes. The mouse wheel "
    "zooms in time (over the lane names it scrolls them) and dragging pans."
)


def _legend() -> str:
    marks = " ".join(
        f'<span style="color:{m.colour}">{m.glyph}</span> {m.word}'
        for m in (style.status_mark(s) for s in (Status.COMPLETE, Status.GREEN, Status.AMBER, Status.RED,
                                                 Status.NOT_STARTED))
    )
    return (f"Key: {marks} · hatched: later than first due date · dark red edge and line to the day "
            "counted on: overdue · ▼ report published")


LEGEND = _legend()
GHOST_KEY = "╌ ◇"  # how the legend draws a ghost: a dashed edge and a hollow diamond at the old due date


def _dates(x0: float, x1: float) -> tuple[date, date]:
    """The first and last day touched by the x-range [x0, x1)."""
    return from_seconds(x0), from_seconds(max(x0, x1 - 1))


class TimelineView(QWidget):
    """The timeline of one dataset, as of a date: zoomable in time, with selection and tooltips."""

    selected = Signal(str)
    activated = Signal(str)
    range_changed = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dataset = Dataset()
        self._as_of = date.today()
        self._against_today = False  # overdue counted on each tracker's own date (see analysis.counted_on)
        self._counted: str | None = None
        self._collapsed: set[str] = set()
        self._visible: set[str] | None = None
        self._selected: str | None = None
        self._hover: str | None = None
        self._ghosts: tuple[Ghost, ...] = ()
        self._ghost_label = ""
        self._records: dict[str, Action | Event] = {}
        self._plot_item = make_plot_item()
        self._widget = pg.PlotWidget(background=style.BACKGROUND, plotItem=self._plot_item)
        self._widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._widget.setAcceptDrops(False)  # files dropped here go to the window
        self._timeline = TimelinePlot(self._plot_item)
        self._timeline.labels.notes_outside = True  # "zoom in to read" goes in the caption, not over items
        self._timeline.labels.note_changed.connect(lambda _note: self._update_caption())
        self._layout = layout(self._dataset, as_of=self._as_of)
        self._caption = QLabel(self)
        self._caption.setStyleSheet(f"color: {style.MUTED};")
        self._caption.setTextFormat(Qt.TextFormat.RichText)
        self._caption.setWordWrap(True)
        self._scroller = VerticalScroller(self._plot_item.getViewBox(), self)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(0)
        row.addWidget(self._widget, 1)
        row.addWidget(self._scroller.bar)
        box.addLayout(row, 1)
        box.addWidget(self._caption)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Timeline")
        self.setAccessibleDescription(DESCRIPTION)
        scene = self._widget.scene()
        scene.sigMouseClicked.connect(self._on_scene_clicked)
        scene.sigMouseMoved.connect(self._on_mouse_moved)
        self._vb.sigXRangeChanged.connect(self._on_x_range_changed)
        self._plot_item.getAxis("left").lane_clicked.connect(self._on_lane_clicked)
        self._plot_item.getAxis("left").scrolled.connect(self._scroller.scroll_by)
        self._relayout()
        self.zoom_to_fit()

    # -- public API ----------------------------------------------------------------------------
    @property
    def plot_item(self) -> pg.PlotItem:
        return self._plot_item

    def set_dataset(self, dataset: Dataset, as_of: date | None = None, *,
                    visible: set[str] | None = None) -> None:
        """Show ``dataset`` as of ``as_of`` (today when None), only the items in ``visible`` (None: all),
        laid out once: fits everything and clears the selection (collapsed lanes stay collapsed)."""
        self._dataset = dataset
        self._as_of = as_of or date.today()
        self._records = {item_key(r): r for r in (*dataset.actions, *dataset.events)}
        self._visible = None if visible is None else set(visible)
        self._selected = None
        self._relayout()
        self.zoom_to_fit()

    def set_against_today(self, on: bool) -> None:
        """Count overdue against today (True) or each tracker's own date (False), laid out again."""
        if bool(on) != self._against_today:
            self._against_today = bool(on)
            self._relayout()

    def set_ghosts(self, ghosts: Sequence[Ghost] | None, label: str = "") -> None:
        """Draw an older version's dates faintly behind the actions they belong to, and the actions
        dropped since in a lane at the bottom (None or empty: hide them). ``label`` names the older
        version in the key under the timeline. The ghosts follow the rows: a ghost whose action is
        filtered out or in a collapsed lane is not drawn."""
        self._ghosts = tuple(ghosts or ())
        self._ghost_label = label if self._ghosts else ""
        self._timeline.ghost_lane_collapsed = GHOST_LANE in self._collapsed
        self._timeline.set_ghosts(self._ghosts)
        self._fit_height()
        self._update_caption()

    def ghosts(self) -> tuple[Ghost, ...]:
        """The older version's dates given to ``set_ghosts`` (drawn or not)."""
        return self._ghosts

    def ghost_counts(self) -> tuple[int, int]:
        """(older dates drawn, older dates given)."""
        return self._timeline.ghost_counts()

    def set_visible(self, keys: set[str] | None) -> None:
        """Draw only these items (None: all). A hidden selected item is deselected without a signal."""
        self._visible = None if keys is None else set(keys)
        if self._selected and self._visible is not None and self._selected not in self._visible:
            self._selected = None
        self._relayout()

    def select(self, key: str | None, *, scroll: bool = True) -> None:
        """Highlight an item (None clears) and, with ``scroll``, bring it into view; emits nothing."""
        self._selected = key if key and self._timeline.extent(key) is not None else None
        self._timeline.set_selection(self._selected)
        if scroll and self._selected:
            self._scroll_to(self._selected)

    def selected_key(self) -> str | None:
        return self._selected

    def item_at(self, x_seconds: float, y: float) -> str | None:
        return self._timeline.item_at(x_seconds, y)

    def zoom_to_fit(self) -> None:
        x0, x1 = self._timeline.fit_range()
        self._vb.setXRange(x0, x1, padding=0)

    def zoom_to(self, start: date, end: date) -> None:
        """Show ``start`` to ``end`` inclusive (at least a week)."""
        x0, x1 = sorted((to_seconds(start), to_seconds(end) + DAY))
        if x1 - x0 < MIN_DAYS_SHOWN * DAY:
            mid = (x0 + x1) / 2
            x0, x1 = mid - MIN_DAYS_SHOWN * DAY / 2, mid + MIN_DAYS_SHOWN * DAY / 2
        self._vb.setXRange(x0, x1, padding=0)

    def zoom_preset(self, days: int | None) -> None:
        """None: everything; else ``days`` centred on the selection, or ending just after today."""
        if days is None:
            self.zoom_to_fit()
            return
        ext = self._timeline.extent(self._selected) if self._selected else None
        if ext is not None:
            mid = from_seconds((ext[0] + ext[1]) / 2)
            start = mid - timedelta(days=days // 2)
        else:
            start = self._as_of + timedelta(days=max(days // 10, 7)) - timedelta(days=days)
        self.zoom_to(start, start + timedelta(days=days - 1))

    def visible_range(self) -> tuple[date, date]:
        """First and last day (partly) in view."""
        x0, x1 = self._vb.viewRange()[0]
        return _dates(x0, x1)

    def set_lane_collapsed(self, lane_key: str, collapsed: bool) -> None:
        if collapsed:
            self._collapsed.add(lane_key)
        else:
            self._collapsed.discard(lane_key)
        self._relayout()

    def lanes(self) -> tuple[Lane, ...]:
        """The lanes drawn, top to bottom (the "Dropped from the plan" lane last, when shown)."""
        return self._timeline.lanes()

    def caption_text(self) -> str:
        """The line under the timeline (rich text): counts, the date, the key, and any note on titles
        without room."""
        return self._caption.text()

    def counts(self) -> tuple[int, int]:
        """(items drawn, items in the dataset)."""
        return len(self._layout.placed), self._layout.total

    # -- internals -----------------------------------------------------------------------------
    @property
    def _vb(self) -> pg.ViewBox:
        return self._plot_item.getViewBox()

    def _relayout(self) -> None:
        self._counted = None
        self._layout = layout(self._dataset, as_of=self._as_of, collapsed=frozenset(self._collapsed),
                              visible=self._visible, against_today=self._against_today)
        self._timeline.ghost_lane_collapsed = GHOST_LANE in self._collapsed
        self._timeline.set_layout(self._layout)
        if self._selected and self._timeline.extent(self._selected) is None:
            self._selected = None
        self._timeline.set_selection(self._selected)
        self._fit_height()
        self._update_caption()

    def _fit_height(self) -> None:
        """Rows at a readable height, scrolling when the lanes do not all fit; allow panning a little
        beyond everything in time."""
        x0, x1 = self._timeline.fit_range()
        width = x1 - x0
        self._vb.setLimits(xMin=x0 - width, xMax=x1 + width, minXRange=MIN_DAYS_SHOWN * DAY,
                           maxXRange=3 * width)
        self._scroller.set_height(self._timeline.height)

    def placed_y(self, key: str) -> float | None:
        """The centre of item ``key``'s row (view units from the top), or None when it is not drawn."""
        ext = self._timeline.extent(key)
        return None if ext is None else ext[2]

    def lanes_scroll(self) -> bool:
        """Whether the lanes are taller than the view (it scrolls vertically)."""
        return not self._scroller.bar.isHidden()

    def visible_rows(self) -> tuple[float, float]:
        """The top and bottom of the view, in rows (view units) from the top of the timeline."""
        y0, y1 = self._vb.viewRange()[1]
        return float(y0), float(y1)

    def scroll_lanes(self, rows: float) -> None:
        """Scroll the lanes down (positive) or up by ``rows``."""
        self._scroller.scroll_by(rows)

    def _update_caption(self) -> None:
        shown, total = self.counts()
        text = f"Showing {shown:,} of {total:,} items · today {format_date(self._as_of)}"
        if self._dataset.actions:
            text += " · " + self._counted_text()
        if self._layout.unplaced:
            text += f" · {len(self._layout.unplaced):,} without dates not drawn"
        legend = LEGEND
        if self._ghosts:
            drawn, given = self.ghost_counts()
            older = self._ghost_label or "Older version"
            hidden = f" ({given - drawn:,} of hidden actions not drawn)" if drawn < given else ""
            legend += f" · {GHOST_KEY} dashed, pale: {html.escape(older)}{html.escape(hidden)}"
        note = self._timeline.labels.note
        note = f"<b style='color:{style.FOREGROUND}'>{html.escape(note)}</b> · " if note else ""
        self._caption.setText(f"{note}{html.escape(text)} &nbsp;&nbsp; {legend}")

    def _counted_text(self) -> str:
        """Which day overdue is counted on (worked out once per layout: captions redraw often)."""
        if self._counted is None:
            self._counted = counted_on_text(self._dataset.actions, self._as_of, against_today=self._against_today)
        return self._counted

    def _scroll_to(self, key: str) -> None:
        ext = self._timeline.extent(key)
        if ext is None:
            return
        (v0, v1), width = self._vb.viewRange()[0], None
        width = v1 - v0
        self._scroller.ensure_visible(ext[2])
        x0, x1 = ext[0], max(ext[1], ext[0])
        if x0 >= v0 and x1 <= v1:
            return
        if x1 - x0 < width * 0.9:
            mid = (x0 + x1) / 2
            self._vb.setXRange(mid - width / 2, mid + width / 2, padding=0)
        else:
            self._vb.setXRange(x0 - width * 0.05, x0 + width * 0.95, padding=0)

    def _move(self, step: int) -> None:
        v0, v1 = self._vb.viewRange()[0]
        key = self._timeline.neighbour(self._selected, step, v0, v1)
        if key is not None:
            self._choose(key, scroll=True)

    def _choose(self, key: str | None, *, scroll: bool) -> None:
        """Select as the user did: highlight and emit ``selected``."""
        self.select(key, scroll=scroll)
        self.selected.emit(self._selected or "")

    def _zoom_by(self, factor: float) -> None:
        v0, v1 = self._vb.viewRange()[0]
        mid, half = (v0 + v1) / 2, (v1 - v0) * factor / 2
        self._vb.setXRange(mid - half, mid + half, padding=0)

    def _tooltip(self, key: str) -> str:
        record = self._records.get(key)
        if record is None:
            return ""
        lines = [html.escape(line) for line in describe(record, self._timeline.placed(key))]
        ghost = self._timeline.ghost_for(key)
        if ghost is not None and isinstance(record, Action):
            lines.append(f"<i>{html.escape(ghost_text(ghost, record.current_due))}</i>")
        return f"<b>{lines[0]}</b><br>" + "<br>".join(lines[1:])

    def ghost_tooltip_at(self, x_seconds: float, y: float) -> str:
        """The tooltip of a dropped action's older dates drawn at (x, y), or ''."""
        ghost = self._timeline.ghost_at(x_seconds, y)
        if ghost is None:
            return ""
        lines = [html.escape(line) for line in ghost_tooltip(ghost)]
        return f"<b>{lines[0]}</b><br>" + "<br>".join(lines[1:])

    # -- handlers ------------------------------------------------------------------------------
    def _on_scene_clicked(self, ev) -> None:
        if ev.isAccepted() or ev.button() != Qt.MouseButton.LeftButton:
            return
        if not self._vb.sceneBoundingRect().contains(ev.scenePos()):
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = self._vb.mapSceneToView(ev.scenePos())
        key = self.item_at(pos.x(), pos.y())
        if ev.double():
            if key:
                self.activated.emit(key)
            else:
                self.zoom_to_fit()
            return
        self._choose(key, scroll=False)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        key, tip = None, ""
        if self._vb.sceneBoundingRect().contains(scene_pos):
            pos = self._vb.mapSceneToView(scene_pos)
            key = self.item_at(pos.x(), pos.y())
            if key is None and self._ghosts:
                tip = self.ghost_tooltip_at(pos.x(), pos.y())
                key = f"ghost:{tip}" if tip else None
        if key == self._hover:
            return
        self._hover = key
        if key is None:
            QToolTip.hideText()
            return
        view_pos = self._widget.mapFromScene(scene_pos)
        QToolTip.showText(self._widget.mapToGlobal(view_pos), tip or self._tooltip(key), self._widget)

    def _on_x_range_changed(self, _vb: object, x_range: tuple[float, float]) -> None:
        self.range_changed.emit(*_dates(*x_range))

    def _on_lane_clicked(self, lane_key: str) -> None:
        self.set_lane_collapsed(lane_key, lane_key not in self._collapsed)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        key = event.key()
        if key == Qt.Key.Key_Right:
            self._move(1)
        elif key == Qt.Key.Key_Left:
            self._move(-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._selected:
                self.activated.emit(self._selected)
        elif key == Qt.Key.Key_Home:
            self.zoom_to_fit()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self._zoom_by(0.5)
        elif key == Qt.Key.Key_Minus:
            self._zoom_by(2.0)
        elif key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            self._scroller.page(1 if key == Qt.Key.Key_PageDown else -1)
        elif key == Qt.Key.Key_Escape and self._selected:
            self._choose(None, scroll=False)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

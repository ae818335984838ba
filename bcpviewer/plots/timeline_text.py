"""Timeline text layers: title labels (capped, only where they fit) and grade badges."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from bcpviewer.plots import style
from bcpviewer.plots.timeline_layers import ViewLayer

MAX_LABELS = 300  # labels drawn at once; beyond this the view says so and the reader zooms in
MIN_LABEL_PX = 44.0  # narrower than this, an elided title would be a glyph and two letters
MIN_SHORT_PX = 14.0  # room for a short name such as "FV" (whole, never elided)
MAX_TRIES = 2  # titles tried per title drawn at most (crowded views stop early and say so)
MAX_ACTION_PX = 260.0  # how far an action's title may run past the end of its bar
HALO = QColor(255, 255, 255, 215)  # the ground of a title beside its marker or past its bar
HALO_IN_BAR = QColor(255, 255, 255, 175)  # inside its bar: the bar's colour still shows through
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CENTRE = Qt.AlignmentFlag.AlignCenter


def font(points: float, bold: bool = False) -> QFont:
    """A font of the application's family at ``points`` (make fonts only once QApplication exists)."""
    f = QFont()
    f.setPointSizeF(points)
    f.setBold(bold)
    return f


LABEL_POINTS = 9.0
BADGE_POINTS = 9.0


class LabelLayer(ViewLayer):
    """Titles inside bars or beside markers, only in the visible range, only where they fit, capped."""

    note_changed = Signal(str)  # with notes_outside: what to say of titles without room ("" for none)

    def __init__(self, max_labels: int = MAX_LABELS) -> None:
        super().__init__()
        self.max_labels = max_labels
        self.drawn = 0  # labels drawn by the last paint
        self.wanted = 0  # candidates: items in view whose bar or room is wide and tall enough
        self.hidden = 0  # items in view whose title the last paint had no room for (the view says so)
        self.shortened = 0  # titles the last paint drew elided (the full text is in the tooltip)
        self._capped = False
        self.note = ""  # what the last paint said of titles it had no room for ("" when none)
        self.notes_outside = False  # True: the note goes by note_changed, not onto the view
        self._said = ""
        self._font = font(LABEL_POINTS)
        self._fm = QFontMetricsF(self._font)
        self._pen = QPen(style.qcolor(style.FOREGROUND))
        self.set_data(np.empty(0), np.empty(0), np.empty(0), np.empty(0), [], np.empty(0),
                      np.empty(0), np.empty(0, bool))

    @property
    def capped(self) -> bool:
        """Whether the last paint stopped at ``max_labels`` with more titles that would have fitted."""
        return self._capped

    def set_data(self, x0: np.ndarray, x1: np.ndarray, y: np.ndarray, h: np.ndarray,
                 texts: Sequence[str], offset_px: np.ndarray, room_end: np.ndarray,
                 beside: np.ndarray) -> None:
        """Inside labels start at x0 and may run past the bar's end x1 up to room_end (the next item in
        the row); beside labels start offset_px right of x0, up to room_end. An empty text is not a
        label (the item's name is on its badge)."""
        self._x0, self._x1 = np.asarray(x0, float), np.asarray(x1, float)
        self._y, self._h = np.asarray(y, float), np.asarray(h, float)
        self._hmax = float(self._h.max(initial=0.0))
        self._texts = list(texts)
        self._named = np.fromiter((bool(t) for t in self._texts), bool, len(self._texts))
        self._offset, self._room = np.asarray(offset_px, float), np.asarray(room_end, float)
        self._beside = np.asarray(beside, bool)
        self._changed()

    def paint(self, p: QPainter, *args: object) -> None:
        self.drawn = self.wanted = self.hidden = self.shortened = 0
        self._capped = False
        dev = self._device(p)
        if dev is None or not len(self._x0):
            self._note(p, (), "")
            return
        sx, dx, sy, dy, vx0, vx1 = dev
        line = self._fm.height()
        left, right = sx * vx0 + dx, sx * vx1 + dx
        hpx = np.abs(sy * self._h)
        near = np.where(self._beside, self._x0 >= vx0, self._x1 >= vx0)  # a label needs its bar or marker
        vr = self.viewRect()
        rows = (self._y >= vr.normalized().top()) & (self._y <= vr.normalized().bottom()) if vr is not None \
            else np.ones(len(self._y), bool)  # the rows scrolled into view
        inview = np.flatnonzero(near & (self._x0 <= vx1) & self._named & rows)
        idx = inview[hpx[inview] >= line * 0.92]
        if len(inview) and not len(idx):  # every row too thin for text: say so, never leave it blank
            self.hidden = len(inview)
            self._note(p, dev, "Zoom in to read the titles")
            return
        if not len(inview):
            self._note(p, dev, "")
        beside = self._beside[idx]
        a = np.where(beside, sx * self._x0[idx] + dx + self._offset[idx],
                     np.maximum(sx * self._x0[idx] + dx, left + 2) + 4)
        bar_end = sx * self._x1[idx] + dx - 3
        room = sx * self._room[idx] + dx - 6
        cap = np.maximum(bar_end, a + MAX_ACTION_PX)  # an action's title may run past its bar, not far
        b = np.minimum(np.where(beside, room, np.maximum(bar_end, np.minimum(room, cap))), right - 2)
        a = np.maximum(a, left + 2)
        avail = b - a
        ok = avail >= MIN_SHORT_PX
        self.hidden = int(np.count_nonzero(~ok))
        idx, a, avail, beside, bar_end = idx[ok], a[ok], avail[ok], beside[ok], bar_end[ok]
        self.wanted = len(idx)
        order = np.lexsort((-avail, ~beside))  # events first, then the widest
        p.save()
        p.resetTransform()
        p.setFont(self._font)
        ys = sy * self._y[idx] + dy
        taken: dict[float, list[tuple[float, float]]] = {}  # per row: spans already labelled
        narrow = self.hidden
        for tried, i in enumerate(order.tolist()):
            if self.drawn >= self.max_labels or tried >= MAX_TRIES * self.max_labels:
                self._capped = self.drawn >= self.max_labels
                break
            x0, width = a[i], avail[i]
            row = taken.setdefault(round(ys[i]), [])
            ahead = [b0 for b0, b1 in row if b1 + 6 > x0 and b0 < x0 + width]
            if any(b0 <= x0 for b0 in ahead):  # starts under a label already drawn
                continue
            if ahead:  # shortened to end before the next label in its row
                width = min(ahead) - 6 - x0
            full = self._texts[idx[i]]
            text = self._fm.elidedText(full, Qt.TextElideMode.ElideRight, width)
            if not text or (text != full and (len(text) <= 3 or width < MIN_LABEL_PX)):
                continue
            x1 = x0 + self._fm.horizontalAdvance(text)
            row.append((x0, x1))
            box = QRectF(x0 - 2, ys[i] - line / 2, x1 - x0 + 4, line)
            p.fillRect(box, HALO if beside[i] or x1 > bar_end[i] else HALO_IN_BAR)  # over hatching too
            p.drawText(QRectF(x0, ys[i] - line / 2 - 1, width + 2, line + 2), _LEFT, text)
            self.drawn += 1
            self.shortened += text != full
        p.restore()
        self.hidden = narrow + self.wanted - self.drawn  # crowded out, shortened to nothing, or not tried
        if self.capped:  # say so, as a reader would otherwise think the rest have no titles
            self._note(p, dev, f"Titles shown for {self.drawn:,} items only: zoom in to read more")
        elif self.hidden:
            noun = "title" if self.hidden == 1 else "titles"
            self._note(p, dev, f"{self.hidden:,} {noun} without room here: zoom in to read")
        else:
            self._note(p, dev, "")

    def _emit_note(self) -> None:
        self.note_changed.emit(self.note)

    def _note(self, p: QPainter, dev: tuple[float, ...], note: str) -> None:
        """Say ``note``: by ``note_changed`` (a screen shows it beside the view), else at the bottom right
        of the view (on paper)."""
        self.note = note
        if self.notes_outside:
            if note != self._said:
                self._said = note
                QTimer.singleShot(0, self, self._emit_note)  # not while painting
            return
        if not note:
            return
        sx, dx, sy, dy, vx0, vx1 = dev
        vr = self.viewRect()
        if vr is None:
            return
        vr = vr.normalized()
        line = self._fm.height()
        right = sx * vx1 + dx
        bottom = max(sy * vr.top() + dy, sy * vr.bottom() + dy)
        width = self._fm.horizontalAdvance(note) + 12
        box = QRectF(right - width - 6, bottom - line - 8, width, line + 4)
        p.save()
        p.resetTransform()
        p.setFont(self._font)
        p.setPen(QPen(style.qcolor(style.MUTED)))
        p.fillRect(box, QColor(255, 255, 255, 235))
        p.drawRect(box)
        p.setPen(self._pen)
        p.drawText(box, _CENTRE, note)
        p.restore()


class BadgeLayer(ViewLayer):
    """Grade badges: small rounded boxes saying Inadequate, RI, Good or Outstanding."""

    def __init__(self, max_badges: int = MAX_LABELS, row_height: float = 1.0) -> None:
        super().__init__()
        self.max_badges = max_badges
        self.row_height = row_height
        self._font = font(BADGE_POINTS, bold=True)
        self._fm = QFontMetricsF(self._font)
        self._widths: dict[str, float] = {}
        self.set_data(np.empty(0), np.empty(0), [], [], [])

    def badge_width(self, text: str) -> float:
        width = self._widths.get(text)
        if width is None:  # few distinct texts: measured once each
            width = self._widths[text] = self._fm.horizontalAdvance(text) + 10
        return width

    def set_data(self, x: np.ndarray, y: np.ndarray, texts: Sequence[str],
                 fills: Sequence[QColor], inks: Sequence[QColor]) -> None:
        """Badges whose left edge is 8 px right of x (after the publication marker)."""
        order = np.argsort(np.asarray(x, float), kind="stable")
        self._x, self._y = np.asarray(x, float)[order], np.asarray(y, float)[order]
        self._texts = [texts[i] for i in order]
        self._fills = [fills[i] for i in order]
        self._inks = [inks[i] for i in order]
        self._changed()

    def paint(self, p: QPainter, *args: object) -> None:
        dev = self._device(p)
        if dev is None or not len(self._x):
            return
        sx, dx, sy, dy, vx0, vx1 = dev
        lo, hi = np.searchsorted(self._x, [vx0 - 200 / max(abs(sx), 1e-12), vx1])
        h = self._fm.height() + 3
        if abs(sy) * self.row_height < h * 0.95:  # rows too thin: the tooltip tells the grade
            return
        p.save()
        p.resetTransform()
        p.setFont(self._font)
        row_end: dict[float, float] = {}
        drawn = 0
        vr = self.viewRect()
        span = np.arange(lo, hi)
        if vr is not None:  # only the rows scrolled into view
            ys = self._y[lo:hi]
            span = span[(ys >= vr.normalized().top()) & (ys <= vr.normalized().bottom())]
        span = span[: 4 * self.max_badges]
        # Python floats, not numpy scalars, in the loop; one pen and brush per colour (a few grades)
        rows, lefts = self._y[span].tolist(), (sx * self._x[span] + dx + 8).tolist()
        centres = (sy * self._y[span] + dy).tolist()
        tools: dict[tuple[int, int], tuple[QPen, QBrush, QPen]] = {}
        for i, row_y, x, y in zip(span.tolist(), rows, lefts, centres):
            if drawn >= self.max_badges:
                break
            if x < row_end.get(row_y, -np.inf):
                continue
            w = self.badge_width(self._texts[i])
            row_end[row_y] = x + w + 2
            rect = QRectF(x, y - h / 2, w, h)
            fill, ink = self._fills[i], self._inks[i]
            key = (fill.rgba(), ink.rgba())
            pens = tools.get(key)
            if pens is None:
                pens = tools[key] = (QPen(fill.darker(140), 1), QBrush(fill), QPen(ink))
            p.setPen(pens[0])
            p.setBrush(pens[1])
            p.drawRoundedRect(rect, 3, 3)
            p.setPen(pens[2])
            p.drawText(rect, _CENTRE, self._texts[i])
            drawn += 1
        p.restore()


def next_start_in_row(start: np.ndarray, y: np.ndarray) -> np.ndarray:
    """For each item, the start of the next item in the same (sub-)row, inf when none: how far its
    label may run before it would cover a neighbour."""
    room = np.full(len(start), np.inf)
    if not len(start):
        return room
    order = np.lexsort((start, y))
    same = y[order][1:] == y[order][:-1]
    room[order[:-1]] = np.where(same, start[order][1:], np.inf)
    return room

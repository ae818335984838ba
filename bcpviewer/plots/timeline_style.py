"""How the timeline draws each thing: status bars with a second cue, event symbols, grade badges."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen, QPolygonF

from bcpviewer.model.timeline import EVENT_GROUPS
from bcpviewer.model.vocab import EventKind, Grade, Status
from bcpviewer.plots import style
from bcpviewer.plots.timeline_layers import MarkerStyle, RectStyle

K = EventKind
STATUSES: tuple[Status, ...] = tuple(Status)
GROUP_KEYS: tuple[str, ...] = tuple(key for key, _l, _k in EVENT_GROUPS)
GROUP_COLOURS: dict[str, str] = {
    "events:inspections": style.FOREGROUND,
    "events:visits": style.OKABE_ITO["blue"],
    "events:intervention": style.OKABE_ITO["reddish_purple"],
    "events:scrutiny": "#3A8FBF",  # a darker sky blue, readable on white
    "events:other": style.MUTED,
}
KIND_SYMBOLS: dict[EventKind, str] = {
    K.STANDARD_INSPECTION: "d", K.SHORT_INSPECTION: "d", K.SIF_INSPECTION: "s",
    K.FOCUSED_VISIT: "t1", K.MONITORING_VISIT: "o", K.JTAI: "p", K.AREA_SEND: "h",
    K.ANNUAL_ENGAGEMENT: "star",
    K.IMPROVEMENT_NOTICE: "s", K.STATUTORY_DIRECTION: "s", K.DIRECTION_REVOKED: "x",
    K.ADVISER_APPOINTED: "t1", K.ADVISER_REPORT: "d", K.PLAN_SUBMITTED: "t2", K.PLAN_APPROVED: "star",
    K.IMPROVEMENT_BOARD: "h",
    K.SCRUTINY_MEETING: "o", K.CABINET: "s", K.LEADERSHIP_CHANGE: "t1", K.COUNCIL_FORMED: "star",
    K.PRESS_REPORT: "p", K.OTHER: "o",
}
KINDS: tuple[EventKind, ...] = tuple(EventKind)
TAIL_HEIGHT = 0.16  # the overdue tail, from the current due date to today, in row units


def _pen(colour: str | QColor, width: float = 1.0, line: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(QColor(colour), width, line)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    return pen


def bar_styles() -> list[RectStyle]:
    """Action bars, index ``status_index * 2 + overdue``: a light fill, a status edge; overdue edged bold."""
    out = []
    for s in STATUSES:
        colour = style.status_mark(s).colour
        fill = QBrush(style.tint(colour, 0.5))
        edge = _pen(colour, 1.2)
        if s is Status.NOT_STARTED:
            fill, edge = QBrush(QColor("#FFFFFF")), _pen(style.MUTED, 1.2, Qt.PenStyle.DashLine)
        elif s is Status.UNKNOWN:
            fill, edge = QBrush(QColor("#EEEEEE")), _pen(style.MUTED, 1.0, Qt.PenStyle.DotLine)
        solid = QBrush(QColor(colour if s is not Status.NOT_STARTED else style.LIGHT_GREY))
        out.append(RectStyle(edge, fill, solid))
        out.append(RectStyle(_pen(style.OVERDUE_TEXT, 2.5), fill, QBrush(QColor(style.OVERDUE_TEXT))))
    return out


def bar_style_index(status: Status, overdue: bool) -> int:
    return STATUSES.index(status) * 2 + int(overdue)


def slip_styles() -> list[RectStyle]:
    """Slippage (hatched in the status colour), one per status, then the overdue tail."""
    out = []
    for s in STATUSES:
        colour = style.status_mark(s).colour if s not in (Status.NOT_STARTED, Status.UNKNOWN) \
            else style.MUTED
        hatch = QBrush(style.tint(colour, 0.6), Qt.BrushStyle.BDiagPattern)
        out.append(RectStyle(_pen(colour, 1.0), hatch, QBrush(style.tint(colour, 0.45))))
    out.append(RectStyle(QPen(Qt.PenStyle.NoPen), QBrush(QColor(style.OVERDUE_TEXT))))
    return out


def span_styles() -> list[RectStyle]:
    """Per event group: fieldwork spans (index 2g), then faint month/year spans (index 2g + 1)."""
    out = []
    for key in GROUP_KEYS:
        colour = GROUP_COLOURS[key]
        out.append(RectStyle(_pen(colour, 1.0), QBrush(style.tint(colour, 0.55)), QBrush(QColor(colour))))
        faint = QBrush(style.tint(colour, 0.12))
        out.append(RectStyle(_pen(colour, 1.0, Qt.PenStyle.DotLine), faint, faint))
    return out


def marker_styles() -> list[MarkerStyle]:
    """0: completion tick; 1: publication; then per event kind, filled (2 + 2k) and hollow (3 + 2k)."""
    white = _pen("#FFFFFF", 1.2)
    out = [
        MarkerStyle(tick_path(), 13, white, QBrush(QColor(style.FOREGROUND))),
        MarkerStyle("t", 11, _pen("#FFFFFF", 1.0), QBrush(QColor(style.FOREGROUND))),
    ]
    colours = {kind: GROUP_COLOURS[key] for key, _l, kinds in EVENT_GROUPS for kind in kinds}
    for kind in KINDS:
        colour = colours.get(kind, style.MUTED)
        symbol = KIND_SYMBOLS.get(kind, "o")
        out.append(MarkerStyle(symbol, 12, _pen("#FFFFFF", 1.0), QBrush(QColor(colour))))
        out.append(MarkerStyle(symbol, 11, _pen(colour, 1.6), QBrush(QColor("#FFFFFF"))))
    return out


def marker_index(kind: EventKind, hollow: bool) -> int:
    return 2 + 2 * KINDS.index(kind) + int(hollow)


COMPLETION, PUBLICATION = 0, 1


def tick_path() -> QPainterPath:
    """A check mark as a filled outline, for completion (the same cue as the tables' ✓)."""
    pts = [(-0.5, 0.02), (-0.32, -0.16), (-0.1, 0.08), (0.32, -0.42), (0.5, -0.25), (-0.1, 0.42)]
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF(x, y) for x, y in pts]))
    path.closeSubpath()
    return path


def grade_colours(grade: Grade) -> tuple[QColor, QColor]:
    """(fill, text) of a grade badge: the grade colour with white text, dark text on orange."""
    fill = QColor(style.grade_mark(grade).colour)
    ink = QColor(style.FOREGROUND) if grade is Grade.REQUIRES_IMPROVEMENT else QColor("#FFFFFF")
    return fill, ink

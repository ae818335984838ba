"""Tables in a briefing pack: wrapped cells, fills with words beside colours, headers on every page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from bcpviewer.report.page import INK, RULE, Flow, draw_lines, wrap

ZEBRA = QColor("#F4F4F4")
HEAD_FILL = QColor("#E3E7EE")
HEAD_RULE = QColor("#4D4D4D")


@dataclass(frozen=True)
class Cell:
    """A table cell: text, and optionally a light fill, bold, a colour swatch drawn before the text."""

    text: str
    fill: QColor | None = None
    bold: bool = False
    swatch: QColor | None = None
    ink: QColor | None = None


@dataclass(frozen=True)
class Column:
    header: str
    share: float  # of the table's width
    right: bool = False  # right-aligned (numbers)
    max_lines: int = 6
    fit: bool = False  # as wide as its widest cell (dates, numbers, short words); the rest share what is left


def add_table(flow: Flow, columns: Sequence[Column], rows: Sequence[Sequence[Cell | str | None]],
              body: QFont, bold: QFont) -> None:
    """Place a table on the flow; a row never splits, and the header starts every page it reaches."""
    pad = flow.geometry.mm(1.1)
    fm = flow.metrics(body)
    line = fm.lineSpacing()
    widths = _widths(flow, columns, rows, body, bold, pad)
    head_lines = [wrap(c.header, bold, w - 2 * pad, flow.device)
                  for c, w in zip(columns, widths, strict=True)]
    head_h = max(len(ls) for ls in head_lines) * flow.metrics(bold).lineSpacing() + 2 * pad

    def draw_head(p: QPainter, r: QRectF) -> None:
        p.fillRect(r, HEAD_FILL)
        x = r.left()
        for c, w, ls in zip(columns, widths, head_lines, strict=True):
            align = Qt.AlignmentFlag.AlignRight if c.right else Qt.AlignmentFlag.AlignLeft
            draw_lines(p, QRectF(x + pad, r.top() + pad, w - 2 * pad, r.height()), ls, bold, INK, align)
            x += w
        p.setPen(QPen(HEAD_RULE, max(flow.geometry.mm(0.3), 1.0)))
        p.drawLine(r.bottomLeft(), r.bottomRight())

    prepared = []
    for row in rows:
        cells = [c if isinstance(c, Cell) else Cell("" if c is None else str(c)) for c in row]
        lines = []
        for c, col, w in zip(cells, columns, widths, strict=True):
            room = w - 2 * pad - (_swatch_size(line) + pad if c.swatch is not None else 0)
            ls = wrap(c.text, bold if c.bold else body, room, flow.device)
            if len(ls) > col.max_lines:
                ls = ls[: col.max_lines]
                ls[-1] = ls[-1].rstrip(" .") + " …"
            lines.append(ls)
        prepared.append((cells, lines, max(1, *(len(ls) for ls in lines)) * line + 2 * pad))
    first_h = prepared[0][2] if prepared else 0.0
    flow.add(head_h, draw_head, keep=first_h)
    for i, (cells, lines, h) in enumerate(prepared):
        if not flow.fits(h):
            flow.new_page()
            flow.add(head_h, draw_head)
        flow.add(h, lambda p, r, c=cells, ls=lines, z=i % 2 == 1: _draw_row(
            p, r, columns, widths, c, ls, pad, body, bold, z))


def _widths(flow: Flow, columns: Sequence[Column], rows: Sequence[Sequence[Cell | str | None]], body: QFont,
            bold: QFont, pad: float) -> list[float]:
    """Fitted columns as wide as their widest cell (at most a quarter of the table), the rest by share."""
    fm, fb = flow.metrics(body), flow.metrics(bold)
    swatch = _swatch_size(fm.lineSpacing()) + pad
    fitted: dict[int, float] = {}
    for i, col in enumerate(columns):
        if not col.fit:
            continue
        widest = max((fb.horizontalAdvance(w) for w in col.header.split()), default=0.0)
        for row in rows:
            c = row[i]
            cell = c if isinstance(c, Cell) else Cell("" if c is None else str(c))
            f = fb if cell.bold else fm
            text_w = max(f.horizontalAdvance(line) for line in cell.text.split("\n"))  # the widest line
            widest = max(widest, text_w + (swatch if cell.swatch is not None else 0))
        fitted[i] = min(widest + 2 * pad + 1, flow.width / 4)
    rest = flow.width - sum(fitted.values())
    shares = sum(c.share for i, c in enumerate(columns) if i not in fitted)
    if shares <= 0 or rest < flow.width * 0.15:  # no room left: every column by share
        total = sum(c.share for c in columns)
        return [flow.width * c.share / total for c in columns]
    widths = [fitted.get(i, rest * c.share / shares) for i, c in enumerate(columns)]
    flexible = [i for i in range(len(columns)) if i not in fitted]
    widest = max(flexible, key=lambda i: widths[i])
    for i in flexible:  # words never break (headings, owners): the widest column gives way
        words = {w for row in rows[:500] for w in _text(row[i]).split()}
        least = min(max((fm.horizontalAdvance(w) for w in words), default=0.0), flow.width / 5)
        least = max(least, max((fb.horizontalAdvance(w) for w in columns[i].header.split()), default=0.0))
        least += 2 * pad + 1
        if i != widest and widths[i] < least and widths[widest] - (least - widths[i]) > flow.width * 0.15:
            widths[widest] -= least - widths[i]
            widths[i] = least
    return widths


def _text(c: Cell | str | None) -> str:
    return c.text if isinstance(c, Cell) else "" if c is None else str(c)


def _swatch_size(line: float) -> float:
    return line * 0.62


def _draw_row(p: QPainter, r: QRectF, columns: Sequence[Column], widths: list[float], cells: list[Cell],
              lines: list[list[str]], pad: float, body: QFont, bold: QFont, zebra: bool) -> None:
    if zebra:
        p.fillRect(r, ZEBRA)
    x = r.left()
    for col, w, cell, ls in zip(columns, widths, cells, lines, strict=True):
        box = QRectF(x, r.top(), w, r.height())
        if cell.fill is not None:
            p.fillRect(box.adjusted(0.5, 0.5, -0.5, -0.5), cell.fill)
        left = x + pad
        f = bold if cell.bold else body
        if cell.swatch is not None:
            size = _swatch_size(_line(f, p))
            p.setPen(QPen(cell.swatch.darker(130), 0.8))
            p.setBrush(QBrush(cell.swatch))
            p.drawRect(QRectF(left, r.top() + pad + (_line(f, p) - size) / 2, size, size))
            left += size + pad
        align = Qt.AlignmentFlag.AlignRight if col.right else Qt.AlignmentFlag.AlignLeft
        draw_lines(p, QRectF(left, r.top() + pad, x + w - pad - left, r.height()), ls, f,
                   cell.ink or INK, align)
        x += w
    p.setPen(QPen(RULE, 0.6))
    p.drawLine(r.bottomLeft(), r.bottomRight())


def _line(f: QFont, p: QPainter) -> float:
    return QFontMetricsF(f, p.device()).lineSpacing()

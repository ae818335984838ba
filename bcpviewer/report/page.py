"""Pages of a briefing pack: geometry, fonts, and the flow that places blocks on pages before painting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPaintDevice,
    QPainter,
    QPen,
    QTextLayout,
    QTextOption,
)

from bcpviewer.plots import style

Draw = Callable[[QPainter, QRectF], None]
INK = QColor(style.FOREGROUND)
MUTED = QColor(style.MUTED)
RULE = QColor("#BFBFBF")
HEADER_MM, FOOTER_MM, GAP_MM = 9.0, 9.0, 3.0


def font(points: float, bold: bool = False, italic: bool = False) -> QFont:
    """The application's font family at ``points`` (fonts are embedded in the PDF as used)."""
    f = QFont()
    f.setPointSizeF(points)
    f.setBold(bold)
    f.setItalic(italic)
    f.setKerning(True)
    for tag in ("liga", "clig"):  # no "ﬁ" glyphs: text copied or searched in the PDF reads "fi"
        f.setFeature(QFont.Tag(tag), 0)
    return f


@dataclass(frozen=True)
class Fonts:
    """The pack's type scale."""

    title: QFont = field(default_factory=lambda: font(24, bold=True))
    h1: QFont = field(default_factory=lambda: font(15, bold=True))
    h2: QFont = field(default_factory=lambda: font(11.5, bold=True))
    body: QFont = field(default_factory=lambda: font(10))
    bold: QFont = field(default_factory=lambda: font(10, bold=True))
    small: QFont = field(default_factory=lambda: font(8.5))
    small_bold: QFont = field(default_factory=lambda: font(8.5, bold=True))
    table: QFont = field(default_factory=lambda: font(8.5))
    table_bold: QFont = field(default_factory=lambda: font(8.5, bold=True))
    figure: QFont = field(default_factory=lambda: font(26, bold=True))


@dataclass(frozen=True)
class Geometry:
    """Where things go on each page, in device units (the painter's origin is the printable area's corner)."""

    dpi: float
    width: float
    height: float

    @classmethod
    def of(cls, device: QPaintDevice) -> Geometry:
        return cls(float(device.logicalDpiY()), float(device.width()), float(device.height()))

    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4

    @property
    def header(self) -> QRectF:
        return QRectF(0, 0, self.width, self.mm(HEADER_MM))

    @property
    def footer(self) -> QRectF:
        h = self.mm(FOOTER_MM)
        return QRectF(0, self.height - h, self.width, h)

    @property
    def body(self) -> QRectF:
        top = self.mm(HEADER_MM + GAP_MM)
        return QRectF(0, top, self.width, self.height - top - self.mm(FOOTER_MM + GAP_MM))

    @property
    def landscape(self) -> bool:
        return self.width > self.height


@dataclass
class Block:
    rect: QRectF
    draw: Draw


@dataclass
class Page:
    """What one page shows: its section (for the running header) and its blocks."""

    section: str
    blocks: list[Block] = field(default_factory=list)
    cover: bool = False


class Flow:
    """Places blocks top to bottom, starting a page when one does not fit; nothing is painted yet."""

    def __init__(self, geometry: Geometry, device: QPaintDevice) -> None:
        self.geometry = geometry
        self.device = device
        self.pages: list[Page] = []
        self.section_pages: dict[str, int] = {}  # section title -> its first page (1-based)
        self.y = 0.0
        self.section = ""

    @property
    def body(self) -> QRectF:
        return self.geometry.body

    @property
    def width(self) -> float:
        return self.body.width()

    def metrics(self, f: QFont) -> QFontMetricsF:
        return QFontMetricsF(f, self.device)

    def start_section(self, title: str, *, cover: bool = False) -> None:
        """A new section starts on a new page."""
        self.section = title
        self.new_page(cover=cover)
        self.section_pages.setdefault(title, len(self.pages))

    def new_page(self, *, cover: bool = False) -> None:
        self.pages.append(Page(self.section, cover=cover))
        self.y = self.body.top() if not cover else 0.0

    def room(self) -> float:
        return self.body.bottom() - self.y if self.pages else 0.0

    def fits(self, height: float) -> bool:
        return bool(self.pages) and height <= self.room() + 0.01

    def add(self, height: float, draw: Draw, *, keep: float = 0.0, x: float | None = None,
            width: float | None = None) -> QRectF:
        """A block ``height`` high; a new page first unless it (and ``keep`` more) fits on this one."""
        if not self.fits(height + keep) and self.y > self.body.top() + 0.5:
            self.new_page()
        left = self.body.left() if x is None else x
        rect = QRectF(left, self.y, self.width if width is None else width, height)
        self.pages[-1].blocks.append(Block(rect, draw))
        self.y += height
        return rect

    def space(self, height: float) -> None:
        if self.y > self.body.top() + 0.5:  # never at the top of a page
            self.y = min(self.y + height, self.body.bottom())

    # -- text ---------------------------------------------------------------------------------------
    def heading(self, text: str, f: QFont, *, before: float = 0.0, colour: QColor = INK,
                keep: float = 0.0) -> None:
        """A heading kept with ``keep`` more height of what follows it."""
        fm = self.metrics(f)
        self.space(before)
        lines = wrap(text, f, self.width, self.device)
        h = fm.lineSpacing() * len(lines) + fm.descent()
        self.add(h, lambda p, r: draw_lines(p, r, lines, f, colour), keep=keep)

    def paragraph(self, text: str, f: QFont, *, colour: QColor = INK, indent: float = 0.0,
                  after: float = 0.0) -> None:
        """Wrapped text; long paragraphs run on to the next page line by line."""
        fm = self.metrics(f)
        line_h = fm.lineSpacing()
        for line in wrap(text, f, self.width - indent, self.device):
            self.add(line_h, lambda p, r, t=line: draw_lines(p, r, [t], f, colour),
                     x=self.body.left() + indent, width=self.width - indent)
        self.space(after)


def wrap(text: str, f: QFont, width: float, device: QPaintDevice) -> list[str]:
    """``text`` broken into lines ``width`` wide (at word boundaries, else anywhere); newlines kept."""
    out: list[str] = []
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    for para in text.split("\n"):
        if not para.strip():
            out.append("")
            continue
        layout = QTextLayout(para, f, device)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(width, 1.0))
            out.append(para[line.textStart(): line.textStart() + line.textLength()].rstrip())
        layout.endLayout()
    return out


def draw_lines(p: QPainter, rect: QRectF, lines: list[str], f: QFont, colour: QColor = INK,
               align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> None:
    """Lines of text from the top of ``rect`` (real text: selectable and searchable in the PDF)."""
    p.setFont(f)
    p.setPen(QPen(colour))
    fm = QFontMetricsF(f, p.device())
    y = rect.top() + fm.ascent()
    for line in lines:
        x = rect.left()
        if align & Qt.AlignmentFlag.AlignRight:
            x = rect.right() - fm.horizontalAdvance(line)
        elif align & Qt.AlignmentFlag.AlignHCenter:
            x = rect.left() + (rect.width() - fm.horizontalAdvance(line)) / 2
        p.drawText(QPointF(x, y), line)
        y += fm.lineSpacing()


def elide(text: str, f: QFont, width: float, device: QPaintDevice) -> str:
    return QFontMetricsF(f, device).elidedText(text, Qt.TextElideMode.ElideRight, width)


def paint_pages(device: QPagedPaintDevice, flow: Flow, header: Callable[[QPainter, Page, int, int], None],
                progress: Callable[[int, int], None] | None = None) -> int:
    """Paint every planned page on ``device``; returns the number of pages. OSError if it cannot start."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the PDF or printer could not be started")
    total = len(flow.pages)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        for i, page in enumerate(flow.pages, start=1):
            if i > 1 and not device.newPage():
                raise OSError("a new page could not be started")
            if not page.cover:
                header(painter, page, i, total)
            for block in page.blocks:
                painter.save()
                block.draw(painter, block.rect)
                painter.restore()
            if progress is not None:
                progress(i, total)
    finally:
        painter.end()
    return total

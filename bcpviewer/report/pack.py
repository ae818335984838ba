"""The briefing pack renderer: one painter-based layout for PDF files, printers and print preview."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPagedPaintDevice, QPainter, QPen

import bcpviewer
from bcpviewer.model.briefing import SECTIONS, Briefing
from bcpviewer.model.records import MetricSeries
from bcpviewer.model.spans import format_date
from bcpviewer.plots import style
from bcpviewer.report import sections as sec
from bcpviewer.report.analysis_pages import add_analyses
from bcpviewer.report.chart_pages import ChartPainter
from bcpviewer.report.page import (
    INK,
    MUTED,
    RULE,
    Flow,
    Fonts,
    Geometry,
    Page,
    draw_lines,
    elide,
    paint_pages,
    wrap,
)
from bcpviewer.report.timeline_pages import AXIS_MM, TOP_MM, Slice, TimelinePainter, plan, split

Progress = Callable[[float, str], None]
CHARTS_PER_PAGE = 2
TIMELINE_GAP_MM = 4.0
SECTION_TITLES = dict(SECTIONS)


@dataclass(frozen=True)
class PackResult:
    pages: int
    sections: dict[str, int]  # section title -> first page


def render_pack(device: QPagedPaintDevice, briefing: Briefing,
                progress: Progress | None = None) -> PackResult:
    """Lay out and paint the pack on ``device`` (a QPdfWriter or QPrinter, its page layout already set).

    The device's resolution should be the screen's logical DPI (see ``output.report_dpi``): plots measure
    their text with the screen's font metrics. Raises OSError when the device cannot be painted on.
    """
    say = progress or (lambda _f, _m: None)
    g = Geometry.of(device)
    f = Fonts()
    flow = Flow(g, device)
    say(0.02, "Laying out the cover")
    flow.start_section("Cover", cover=True)
    flow.add(g.height, lambda p, r: _cover(p, r, briefing, f, flow))
    b = briefing
    if b.has("glance"):
        say(0.05, "Laying out the figures at a glance")
        flow.start_section(SECTION_TITLES["glance"])
        sec.glance_section(flow, b, f)
    if b.has("timeline"):
        say(0.1, "Laying out the timeline")
        _timeline(flow, b, f)
    if b.has("charts") and b.series:
        say(0.2, "Laying out the metric charts")
        _charts(flow, b, f)
    if b.has("actions"):
        flow.start_section(SECTION_TITLES["actions"])
        sec.actions_section(flow, b, f)
    say(0.25, "Laying out the analyses")
    add_analyses(flow, b, f, ("impact", "targets", "versions"), SECTION_TITLES)
    if b.has("inspections"):
        flow.start_section(SECTION_TITLES["inspections"])
        sec.inspections_section(flow, b, f)
    add_analyses(flow, b, f, ("journeys", "disagreements"), SECTION_TITLES)
    if b.has("annotations"):
        flow.start_section(SECTION_TITLES["annotations"])
        sec.notes_section(flow, b, f)
    flow.start_section("Sources")
    sec.sources_section(flow, b, f)
    say(0.3, f"Drawing {len(flow.pages)} pages")
    pages = paint_pages(device, flow, lambda p, page, n, total: _running(p, g, f, b, page, n, total),
                        lambda n, total: say(0.3 + 0.7 * n / total, f"Drew page {n} of {total}"))
    return PackResult(pages, dict(flow.section_pages))


# -- cover and running header ------------------------------------------------------------------------
def _cover(p: QPainter, r: QRectF, b: Briefing, f: Fonts, flow: Flow) -> None:
    g = flow.geometry
    mm = g.mm
    x, width = r.left() + mm(4), r.width() - mm(8)
    y = r.top() + r.height() * 0.12
    p.fillRect(QRectF(r.left(), y - mm(8), mm(3), mm(60)), QColor(style.OKABE_ITO["blue"]))
    for text, font, colour, after in (
        ("Briefing pack", f.h2, MUTED, mm(2)),
        (b.title, f.title, INK, mm(4)),
        (b.council, f.h1, INK, mm(10)),
    ):
        if not text:
            continue
        lines = wrap(text, font, width, p.device())
        h = flow.metrics(font).lineSpacing() * len(lines)
        draw_lines(p, QRectF(x, y, width, h), lines, font, colour)
        y += h + after
    facts = [("Period covered", b.period_text),
             ("Figures as at", format_date(b.as_of) + (f" (tracker last updated {format_date(b.data_as_at)})"
                                                       if b.data_as_at else "")),
             ("Prepared by", b.options.author),
             ("Generated", f"{format_date(b.generated.date())} at {b.generated.astimezone(UTC):%H:%M} UTC "
                           f"by BCP Viewer {bcpviewer.__version__}")]
    label_w = mm(38)
    line = flow.metrics(f.body).lineSpacing()
    for label, value in facts:
        if not value:
            continue
        lines = wrap(value, f.body, width - label_w, p.device())
        draw_lines(p, QRectF(x, y, label_w, line), [label], f.bold, INK)
        draw_lines(p, QRectF(x + label_w, y, width - label_w, line * len(lines)), lines, f.body, INK)
        y += line * len(lines) + mm(1.5)
    y += mm(8)
    draw_lines(p, QRectF(x, y, width, line * 2), ["Contents"], f.h2, INK)
    y += flow.metrics(f.h2).lineSpacing() + mm(1)
    for title, page in flow.section_pages.items():
        if title == "Cover":
            continue
        draw_lines(p, QRectF(x, y, width - mm(20), line), [title], f.body, INK)
        draw_lines(p, QRectF(x, y, width, line), [f"page {page}"], f.body, INK, Qt.AlignmentFlag.AlignRight)
        p.setPen(QPen(RULE, 0.5, Qt.PenStyle.DotLine))
        p.drawLine(QPointF(x, y + line - 2), QPointF(x + width, y + line - 2))
        y += line + mm(0.8)
    note = ("How to read this pack: colours always come with a word or a symbol (✓ better, ✗ worse; "
            "● Red, ▲ Amber, ■ Green, ✓ Complete), so it reads the same printed in black and white. "
            "Private notes are never included.")
    lines = wrap(note, f.small, width, p.device())
    h = flow.metrics(f.small).lineSpacing() * len(lines)
    draw_lines(p, QRectF(x, r.bottom() - h - mm(6), width, h), lines, f.small, MUTED)


def _running(p: QPainter, g: Geometry, f: Fonts, b: Briefing, page: Page, n: int, total: int) -> None:
    """The running header (title, council, section) and footer (dates, page n of N) of a page."""
    head, foot = g.header, g.footer
    right = " · ".join(x for x in (b.council, page.section) if x)
    right_w = min(p.device().width() * 0.45, _advance(f.small, right, p) + 4)
    left = elide(b.title, f.small_bold, head.width() - right_w - g.mm(4), p.device())
    draw_lines(p, QRectF(head.left(), head.top(), head.width(), head.height()), [left], f.small_bold, INK)
    draw_lines(p, QRectF(head.right() - right_w, head.top(), right_w, head.height()),
               [elide(right, f.small, right_w, p.device())], f.small, MUTED, Qt.AlignmentFlag.AlignRight)
    y = head.top() + g.mm(5.2)
    p.setPen(QPen(RULE, 0.8))
    p.drawLine(QPointF(head.left(), y), QPointF(head.right(), y))
    y = foot.top() + g.mm(2.5)
    p.drawLine(QPointF(foot.left(), y), QPointF(foot.right(), y))
    text = (f"Figures as at {format_date(b.as_of)} · period {b.period_text} · "
            f"generated {format_date(b.generated.date())}")
    rect = QRectF(foot.left(), y + g.mm(1.2), foot.width(), foot.height())
    draw_lines(p, rect, [elide(text, f.small, foot.width() * 0.75, p.device())], f.small, MUTED)
    draw_lines(p, rect, [f"Page {n} of {total}"], f.small_bold, INK, Qt.AlignmentFlag.AlignRight)


def _advance(font: QFont, text: str, p: QPainter) -> float:
    return QFontMetricsF(font, p.device()).horizontalAdvance(text)


# -- timeline and charts -----------------------------------------------------------------------------
def _timeline(flow: Flow, b: Briefing, f: Fonts) -> None:
    g = flow.geometry
    title = SECTION_TITLES["timeline"]
    flow.start_section(title)
    if b.period is None or not (b.selection.actions or b.selection.events):
        flow.heading(title, f.h1)
        flow.paragraph("Nothing with dates to draw in the period.", f.body)
        return
    legend_h = flow.metrics(f.small).lineSpacing() * (2 if g.landscape else 3) + g.mm(2)
    head_h = flow.metrics(f.h2).lineSpacing() * 2 + g.mm(1.5)
    around = legend_h + head_h + g.mm(TIMELINE_GAP_MM + 1.5) + g.mm(AXIS_MM + TOP_MM)
    slices = plan(b.selection, b.period, b.as_of, g, flow.body.height() - around + g.mm(AXIS_MM + TOP_MM))
    painter: list[TimelinePainter] = []

    def draw(p: QPainter, r: QRectF, s: Slice) -> None:
        if not painter:
            painter.append(TimelinePainter(g, b.as_of))
        painter[0].draw(p, r, s)

    for whole in slices:
        rows = (flow.body.height() - around) / whole.row  # on a page of its own
        here = (flow.room() - around) / whole.row  # on what is left of this page
        first = here if here >= max(4.0, rows * 0.35) else rows  # else the heading's keep turns the page
        for s in split(whole, first, rows):
            flow.space(g.mm(TIMELINE_GAP_MM))
            flow.heading(f"Timeline: {s.title}", f.h2, keep=s.height(g))
            flow.add(s.height(g), lambda p, r, s=s: draw(p, r, s))
            flow.space(g.mm(1.5))
            sec.legend_line(flow, f, legend_h)


def _charts(flow: Flow, b: Briefing, f: Fonts) -> None:
    g = flow.geometry
    flow.start_section(SECTION_TITLES["charts"])
    by_id = {m.series.id: m for m in b.glance.metrics}
    line = flow.metrics(f.small).lineSpacing()
    text_h = line * 4 + g.mm(3)
    chart_h = (flow.body.height() - CHARTS_PER_PAGE * (text_h + g.mm(4))) / CHARTS_PER_PAGE
    painter: list[ChartPainter] = []

    def draw(p: QPainter, r: QRectF, s: MetricSeries) -> None:
        if not painter:
            painter.append(ChartPainter(b.selection.events, b.council or "Council"))
        painter[0].draw(p, r, s, b.period)

    for i, s in enumerate(b.series):
        if i and i % CHARTS_PER_PAGE == 0:
            flow.new_page()
        flow.add(chart_h, lambda p, r, s=s: draw(p, r, s), keep=line * 2)
        m = by_id.get(s.id)
        words = m.text if m else s.name
        source = b.reference_for(s.source)
        release = f", {s.release}" if s.release else ""
        extra = f" Source{sec.ref(source)}{release}." if source or s.release else ""
        flow.paragraph(words + "." + extra, f.small, colour=INK)
        for n in b.series_notes.get(s.id, ()):
            if n.annotation.include_in_briefing:
                flow.paragraph(f"Note: {n.text.strip()}{sec.ref(n.reference)}", f.small, colour=MUTED)
        flow.space(g.mm(4))

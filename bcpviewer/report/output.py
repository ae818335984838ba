"""Where a pack goes: a PDF file (PDF/UA-1, written atomically), page images, or a printer and its preview,
which paint the same Typst pages, so there is one layout."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QGuiApplication, QImage, QPagedPaintDevice, QPageLayout, QPageSize, QPainter

from bcpviewer.io.atomic import write_atomic
from bcpviewer.model.briefing import LANDSCAPE, Briefing
from bcpviewer.report.pack import PackError, PackResult, Progress, compile_pack, document

FALLBACK_DPI = 96
PREVIEW_PPI = 144.0  # page images for print preview; printing uses the printer's own resolution (at least this)
MAX_PRINT_PPI = 300.0
__all__ = ["PackError", "PackResult", "page_images", "page_layout", "pdf_bytes", "prepare", "render_pack",
           "report_dpi", "write_pdf"]


def report_dpi() -> int:
    """The screen's logical DPI: the printer a pack is printed on is set to it (Qt's page layout)."""
    app = QGuiApplication.instance()
    screen = QGuiApplication.primaryScreen() if app is not None else None
    return round(screen.logicalDotsPerInchY()) if screen is not None else FALLBACK_DPI


def page_layout(orientation: str) -> QPageLayout:
    """A4 without margins (the pages carry their own), in ``orientation``; pages turned landscape inside a
    portrait pack (the timeline) are scaled to fit the sheet."""
    turn = QPageLayout.Orientation.Landscape if orientation == LANDSCAPE else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), turn, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def prepare(device: QPagedPaintDevice, orientation: str) -> None:
    device.setPageLayout(page_layout(orientation))


def pdf_bytes(briefing: Briefing, progress: Progress | None = None) -> tuple[bytes, PackResult]:
    """The pack as a tagged PDF/UA-1 document, and what it holds."""
    say = progress or (lambda _f, _m: None)
    doc = document(briefing, say)
    say(0.7, "Typesetting the pack")
    pages, result = compile_pack(doc)
    say(1.0, "Done")
    return pages[0], result


def write_pdf(path: str | os.PathLike[str], briefing: Briefing, progress: Progress | None = None) -> PackResult:
    """Write the pack to ``path`` atomically (the old file stays whole on any failure); OSError on failure."""
    pdf, result = pdf_bytes(briefing, progress)
    if not pdf:
        raise OSError(f"nothing was written to {path}")
    write_atomic(Path(path), pdf, what="briefing pack")  # SaveError (an OSError) names the file and why
    return result


def page_images(briefing: Briefing, ppi: float = PREVIEW_PPI, progress: Progress | None = None) -> list[bytes]:
    """The pack's pages as PNG images at ``ppi`` pixels per inch: what print and print preview paint."""
    say = progress or (lambda _f, _m: None)
    doc = document(briefing, say)
    say(0.7, "Typesetting the pages")
    return compile_pack(doc, "png", ppi)[0]


def render_pack(device: QPagedPaintDevice, briefing: Briefing, progress: Progress | None = None) -> PackResult:
    """Paint the pack's pages on a printer or its preview: the Typst pages as images at the device's
    resolution (144 to 300 per inch), each scaled to fit the sheet, centred."""
    ppi = float(min(max(device.logicalDpiX(), PREVIEW_PPI), MAX_PRINT_PPI))
    pages = page_images(briefing, ppi, progress)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the printer could not be started")
    try:
        for i, png in enumerate(pages):
            if i:
                device.newPage()
            image = QImage.fromData(png, "PNG").convertToFormat(QImage.Format.Format_RGB888)  # no alpha: smaller
            sheet = QRectF(0, 0, device.width(), device.height())
            scale = min(sheet.width() / max(image.width(), 1), sheet.height() / max(image.height(), 1))
            w, h = image.width() * scale, image.height() * scale
            painter.drawImage(QRectF((sheet.width() - w) / 2, (sheet.height() - h) / 2, w, h), image)
    finally:
        painter.end()
    return PackResult(len(pages))

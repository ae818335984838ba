"""Where a pack goes: a PDF file (written atomically) or a printer, on A4 at the screen's logical DPI."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import (
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
)

from bcpviewer.model.briefing import LANDSCAPE, Briefing
from bcpviewer.report.pack import PackResult, Progress, render_pack

MARGIN_MM = 14.0
FALLBACK_DPI = 96


def report_dpi() -> int:
    """The resolution packs are drawn at: the screen's logical DPI, which plots measure text with.

    Coordinates in the PDF are real numbers, so this costs nothing in sharpness: lines and text
    stay vectors at any zoom.
    """
    app = QGuiApplication.instance()
    screen = QGuiApplication.primaryScreen() if app is not None else None
    return round(screen.logicalDotsPerInchY()) if screen is not None else FALLBACK_DPI


def page_layout(orientation: str) -> QPageLayout:
    """A4 with the pack's margins, in ``orientation`` ("portrait" or "landscape")."""
    turn = QPageLayout.Orientation.Landscape if orientation == LANDSCAPE else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), turn,
                       QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)


def prepare(device: QPagedPaintDevice, orientation: str) -> None:
    """Give a PDF writer or printer the pack's page layout (A4, margins, orientation)."""
    device.setPageLayout(page_layout(orientation))


def write_pdf(path: str | os.PathLike[str], briefing: Briefing,
              progress: Progress | None = None) -> PackResult:
    """Write the pack to ``path``: to a temporary file beside it, then moved into place (OSError on failure).

    The file at ``path`` is replaced only when the whole pack has been written.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".pdf.tmp", dir=folder)
    os.close(fd)
    try:
        writer = QPdfWriter(tmp)
        writer.setResolution(report_dpi())
        writer.setTitle(briefing.title)
        writer.setCreator("BCP Viewer")
        if briefing.options.author:
            writer.setAuthor(briefing.options.author)
        prepare(writer, briefing.options.orientation)
        result = render_pack(writer, briefing, progress)
        del writer  # the writer finishes the file when the painter ends; let go of it before the move
        if Path(tmp).stat().st_size == 0:
            raise OSError(f"nothing was written to {target}")
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else _default_mode())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return result


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask

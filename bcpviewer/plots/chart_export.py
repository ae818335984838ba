"""Charts to the clipboard, PNG and SVG: the PlotItem (title, axes, legend) rendered on white. The briefing
pack takes its charts from here as SVG, so print and screen draw with the same code."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem

from bcpviewer.plots import style

SCALE = 2.0  # exported images have twice the on-screen pixels: sharp on an A4 printout


@contextmanager
def _hidden(items: tuple[QGraphicsItem, ...]) -> Iterator[None]:
    """Hide hover-only items (the crosshair) while exporting."""
    was = [i.isVisible() for i in items]
    for i in items:
        i.setVisible(False)
    try:
        yield
    finally:
        for i, v in zip(items, was):
            i.setVisible(v)


def render_image(plot: pg.PlotItem, scale: float = SCALE, hide: tuple[QGraphicsItem, ...] = ()) -> QImage:
    """The chart as an image with ``scale`` times its on-screen pixels, on a white background.

    The image has a device pixel ratio of ``scale``, so items that draw in device pixels (the event
    labels) grow with everything else.
    """
    source = plot.sceneBoundingRect()
    w, h = max(1, round(source.width() * scale)), max(1, round(source.height() * scale))
    image = QImage(w, h, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.fill(QColor(style.BACKGROUND))
    painter = QPainter(image)
    try:
        _render(plot, painter, QRectF(0, 0, source.width(), source.height()), hide)
    finally:
        painter.end()
    return image


def copy_image(plot: pg.PlotItem, hide: tuple[QGraphicsItem, ...] = ()) -> QImage:
    """Put the chart on the clipboard as an image; returns it."""
    image = render_image(plot, hide=hide)
    QGuiApplication.clipboard().setImage(image)
    return image


def export_png(plot: pg.PlotItem, path: str | Path, hide: tuple[QGraphicsItem, ...] = ()) -> None:
    """Write the chart to ``path`` as PNG; OSError when it cannot be written."""
    if not render_image(plot, hide=hide).save(str(path), "PNG"):
        raise OSError(f"could not write {path}")


def export_svg(plot: pg.PlotItem, path: str | Path, title: str = "",
               hide: tuple[QGraphicsItem, ...] = ()) -> None:
    """Write the chart to ``path`` as SVG (vector lines and text); OSError when it cannot be written."""
    try:
        from PySide6.QtSvg import QSvgGenerator  # noqa: F401 - is QtSvg there?
    except ImportError:  # PySide6 without QtSvg: pyqtgraph writes SVG itself
        from pyqtgraph.exporters import SVGExporter

        try:
            with _hidden(hide):
                SVGExporter(plot).export(fileName=str(path))
        except (ValueError, AttributeError) as exc:  # its path parser fails on some Qt output
            raise OSError(f"SVG export failed ({exc}); export a PNG instead") from exc
        return
    try:
        Path(path).write_bytes(svg_bytes(plot, title, hide))
    except OSError as exc:
        raise OSError(f"could not write {path} ({exc.strerror or exc})") from exc


def svg_bytes(plot: pg.PlotItem, title: str = "", hide: tuple[QGraphicsItem, ...] = (),
              description: str = "Exported from BCP Viewer") -> bytes:
    """The chart as an SVG document (vector lines, text as text), at its size in the scene."""
    from PySide6.QtSvg import QSvgGenerator

    source = plot.sceneBoundingRect()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buffer)
    gen.setSize(QSize(int(source.width()), int(source.height())))
    gen.setViewBox(QRectF(0, 0, source.width(), source.height()))
    gen.setResolution(96)  # the on-screen logical DPI: cached axis pictures replay at their size
    gen.setTitle(title)
    gen.setDescription(description)
    painter = QPainter()
    if not painter.begin(gen):
        raise OSError("could not draw the chart as SVG")
    try:
        target = QRectF(0, 0, source.width(), source.height())
        painter.fillRect(target, QColor(style.BACKGROUND))
        _render(plot, painter, target, hide)
    finally:
        painter.end()
    buffer.close()
    return flatten_transforms(bytes(data.data()).decode("utf-8")).encode("utf-8")


_GROUP = re.compile(r'(<g [^>]*?)transform="matrix\(([^)]*)\)"([^>]*>)(.*?)(</g>)', re.S)
_SHAPE = re.compile(r'<(path|polyline|polygon) [^>]*/>')
_POINTS = re.compile(r'(\s(?:d|points)=")([^"]*)(")')
_PAIR = re.compile(r"(-?[\d.]+(?:e[-+]?\d+)?),(-?[\d.]+(?:e[-+]?\d+)?)")


def flatten_transforms(svg: str) -> str:
    """Apply each group's matrix to its paths' coordinates, so none is drawn in data units.

    Qt writes a curve as the data (x in seconds since 1970) under a matrix that scales it by about 1e-6;
    its lines keep their width on screen ("non-scaling-stroke"), but PDF readers that ignore that
    (poppler, some printers) draw lines a million units wide. Groups holding anything but paths are kept.
    """
    def group(m: re.Match[str]) -> str:
        head, matrix, rest, body, end = m.groups()
        inner = _SHAPE.sub("", body).strip()
        if inner or not body.strip():
            return m.group(0)
        a, b, c, d, e, f = (float(v) for v in matrix.split(","))

        def pair(p: re.Match[str]) -> str:
            x, y = float(p.group(1)), float(p.group(2))
            return f"{a * x + c * y + e:.3f},{b * x + d * y + f:.3f}"

        flat = _POINTS.sub(lambda q: q.group(1) + _PAIR.sub(pair, q.group(2)) + q.group(3), body)
        return f"{head}{rest}{flat}{end}"

    return _GROUP.sub(group, svg)


def render_plot(plot: pg.PlotItem, painter: QPainter, target: QRectF, hide: tuple[QGraphicsItem, ...] = ()
                ) -> None:
    """Draw ``plot`` (title, axes, legend, data) into ``target`` on any painter: PDF, printer, SVG, image.

    Items draw in export mode: symbols as vector paths, not cached bitmaps. The painter's device
    should have the screen's logical DPI, as items measure their text with the screen's metrics.
    """
    _render(plot, painter, target, hide)


def _render(plot: pg.PlotItem, painter: QPainter, target: QRectF, hide: tuple[QGraphicsItem, ...]) -> None:
    """Render the PlotItem's part of the scene in pyqtgraph's export mode (symbols as vector paths)."""
    opts = {"antialias": True, "background": QColor(style.BACKGROUND), "painter": painter,
            "resolutionScale": 1.0}
    items = _paint_items(plot)
    try:
        with _hidden(hide):
            for item in items:
                item.setExportMode(True, opts)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            plot.scene().render(painter, target, plot.sceneBoundingRect())
    finally:
        for item in items:
            item.setExportMode(False)


def _paint_items(root: QGraphicsItem) -> list[QGraphicsItem]:
    """``root`` and everything under it that understands pyqtgraph's export mode."""
    out, todo = [], [root]
    while todo:
        item = todo.pop()
        if hasattr(item, "setExportMode"):
            out.append(item)
        todo.extend(item.childItems())
    return out

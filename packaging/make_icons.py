"""Render resources/icons/bcpviewer.svg to the PNG, ICO (Windows) and ICNS (macOS) icons beside it.

    QT_QPA_PLATFORM=offscreen python packaging/make_icons.py

Run after changing the SVG and commit what it writes; the build does not need Pillow or any converter.
ICO and ICNS files may hold PNG images as they are, which is what this writes.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG = ICONS / "bcpviewer.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # hicolor theme folders
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256), (b"ic09", 512))


def render(renderer: QSvgRenderer, size: int) -> bytes:
    """The SVG drawn at ``size`` x ``size`` pixels, as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding the PNGs (Vista and later read PNG entries)."""
    sizes = [s for s in ICO_SIZES if s in pngs]
    out = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    for s in sizes:
        out += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(pngs[s]), offset)
        offset += len(pngs[s])
    return out + b"".join(pngs[s] for s in sizes)


def icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns holding the PNGs (types that take PNG data)."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[s])) + pngs[s] for kind, s in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QImage needs it
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"error: {SVG}: not a valid SVG", file=sys.stderr)
        return 1
    pngs = {s: render(renderer, s) for s in PNG_SIZES}
    for s, data in pngs.items():
        (ICONS / f"bcpviewer-{s}.png").write_bytes(data)
    (ICONS / "bcpviewer.ico").write_bytes(ico(pngs))
    (ICONS / "bcpviewer.icns").write_bytes(icns(pngs))
    print(f"wrote {len(pngs)} PNGs, bcpviewer.ico and bcpviewer.icns in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

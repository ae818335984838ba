"""Start the desktop app: the QApplication, the main window, the first load and the event loop."""

from __future__ import annotations

import importlib.resources
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import bcpviewer
from bcpviewer.ui import crash
from bcpviewer.ui.main_window import MainWindow
from bcpviewer.ui.settings import APPLICATION, ORGANISATION

log = logging.getLogger(__name__)

SAMPLE = "samples/bcp-childrens-services.xlsx"
MIN_POINT_SIZE = 10.0  # a readable default for tables full of dates and figures
QUIT_AFTER_ENV = "BCPVIEWER_QUIT_AFTER_MS"


def resources_path(relative: str) -> Path | None:
    """A bundled resource file: from the installed package, else the source tree's resources/ folder."""
    parts = [p for p in relative.split("/") if p]
    try:
        candidate = importlib.resources.files("bcpviewer.resources").joinpath(*parts)
        if candidate.is_file():
            return Path(str(candidate))
    except (ModuleNotFoundError, TypeError, ValueError, OSError):
        pass
    fallback = Path(bcpviewer.__file__).resolve().parent.parent / "resources" / Path(*parts)
    return fallback if fallback.is_file() else None


def sample_path() -> Path | None:
    """The bundled sample workbook of BCP Council's improvement journey, if installed."""
    return resources_path(SAMPLE)


def quit_after_ms() -> int | None:
    """Milliseconds after showing the window to quit (start-up benchmarks, smoke tests), if asked."""
    raw = os.environ.get(QUIT_AFTER_ENV, "").strip()
    try:
        return max(0, int(raw)) if raw else None
    except ValueError:
        return None


def _make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("BCP Viewer")
    app.setApplicationVersion(bcpviewer.__version__)
    font = app.font()
    if 0 < font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
        app.setFont(font)
    return app


def run(paths: Sequence[str]) -> int:
    """Open the main window on ``paths`` (or the bundled sample) and run until it closes.

    An unexpected error is logged (see crash.log_path()) and told to the user once; the app
    carries on.
    """
    crash.setup_logging()
    app = _make_application()
    handler = crash.install()  # before the window exists, so errors building it are caught too
    try:
        window = MainWindow()
    except Exception:  # no window to carry on with: log it, say so once, and stop cleanly
        handler.handle(*sys.exc_info())  # type: ignore[arg-type]
        app.processEvents()  # deliver the queued report: the dialog shows before we return
        crash.uninstall()
        return 1
    app.aboutToQuit.connect(window.shutdown)
    window.show()
    targets = [str(p) for p in paths]
    if not targets and (sample := sample_path()) is not None:
        targets = [str(sample)]
    if targets:
        QTimer.singleShot(0, lambda: window.open_files(targets))
    else:
        window.statusBar().showMessage("No sample is installed; use File › Open… to open your files.")
    delay = quit_after_ms()
    if delay is not None:
        QTimer.singleShot(delay, lambda: (app.closeAllWindows(), app.quit()))
    try:
        return app.exec()
    finally:
        if handler.count:
            log.warning("%d unexpected error(s) this session; details in %s", handler.count,
                        handler.log_file or "no log file")
        crash.uninstall()

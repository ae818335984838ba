"""Start the desktop app: the QApplication, the main window, the first load and the event loop."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

import bcpviewer
from bcpviewer.bundled import sample_path
from bcpviewer.ui.help.about import app_icon
from bcpviewer.ui.shell import crash
from bcpviewer.ui.shell.main_window import MainWindow
from bcpviewer.ui.shell.settings import APPLICATION, ORGANISATION

log = logging.getLogger(__name__)

MIN_POINT_SIZE = 10.0  # a readable default for tables full of dates and figures
QUIT_AFTER_ENV = "BCPVIEWER_QUIT_AFTER_MS"
BUILD_ANYWAY_MS = 500  # build the views by then even if the window's frame was never drawn


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
    app.setWindowIcon(app_icon())
    font = app.font()
    if 0 < font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
        app.setFont(font)
    return app


def run(paths: Sequence[str]) -> int:
    """Open the main window on ``paths`` (or the bundled sample) and run until it closes.

    Start-up is progressive: the window's frame is shown first, with a line saying what is being
    opened, and the views (pyqtgraph, numpy, the tables and charts) are built just after, from the
    event loop; then the files are read. An unexpected error is logged (see crash.log_path()) and
    told to the user once; the app carries on (if the window cannot be built, it stops cleanly).
    """
    crash.setup_logging(file=False)  # warnings to the terminal now; the log file once the window is up
    app = _make_application()
    handler = crash.install(open_log=False)  # before the window exists, so errors building it are caught too
    try:
        window = MainWindow(deferred=True)
    except Exception:  # no window to carry on with: log it, say so once, and stop cleanly
        return _give_up(app, handler)
    app.aboutToQuit.connect(window.shutdown)
    targets = [str(p) for p in paths]
    if not targets and (sample := sample_path()) is not None:
        targets = [str(sample)]
    if targets:
        window.open_files(targets)  # read once the window is built
    else:
        window.statusBar().showMessage("No sample is installed; use File › Open… to open your files.")
    window.show()
    delay = quit_after_ms()
    if delay is not None:
        QTimer.singleShot(delay, lambda: (app.closeAllWindows(), app.quit()))
    failed: list[int] = []
    started: list[bool] = []

    def finish() -> None:
        if started:
            return
        started.append(True)
        from bcpviewer.io.worker import prewarm, stop_spare

        prewarm()  # the reader's process starts on another core while the views are built
        app.aboutToQuit.connect(stop_spare)
        try:
            window.finish_building()  # an error here opens the log itself
        except Exception:
            failed.append(_give_up(app, handler, window))
        else:
            if window.is_built:  # not closed first
                handler.open_log()
                window.loading.ask_council_after_first_load()  # a first start: which council?

    # build the views once the frame is on the screen (a timer set now would run before it is drawn),
    # or in a moment if it is never drawn (minimised, or on another desktop)
    if window.placeholder is not None:
        window.placeholder.painted.connect(finish)
    QTimer.singleShot(BUILD_ANYWAY_MS, finish)
    try:
        code = app.exec()
        return failed[0] if failed else code
    finally:
        handler.show_pending()  # an error met just before quitting is still told
        if handler.count:
            log.warning("%d unexpected error(s) this session; details in %s", handler.count,
                        handler.log_file or "no log file")
        crash.uninstall()


def _give_up(app: QApplication, handler: crash.CrashHandler, window: QMainWindow | None = None) -> int:
    """The window could not be built: log why, say so once, close what there is and stop (exit code 1)."""
    handler.handle(*sys.exc_info())  # type: ignore[arg-type]
    app.processEvents()  # deliver the queued report: the dialog shows before we go on
    if window is None:
        crash.uninstall()
    else:
        window.hide()
        app.exit(1)
    return 1

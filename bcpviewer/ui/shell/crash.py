"""The last line of defence: an unexpected exception anywhere in the app is written, with its
traceback, to a log file in the user's data folder and told to the user once, in one sentence,
with the log's path. The app keeps running.

``sys.excepthook`` catches exceptions raised in slots and event handlers (PySide reports them
there, on whichever thread raised them); ``threading.excepthook`` catches those of Python threads.
Both may run off the GUI thread, so the dialog is shown through a signal, from the event loop.

Start-up stays quick: the app installs the hooks before its window exists but opens the log file
(and imports what writing it needs) once the window is up, or at the first error if that is sooner.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication

import bcpviewer

LOG_DIR_ENV = "BCPVIEWER_LOG_DIR"
LOG_NAME = "bcpviewer.log"
LOG_MAX_BYTES = 1_000_000  # per file; with the backups at most ~4 MB on disk
LOG_BACKUPS = 3
LOGGER = "bcpviewer"  # the package logger: every module's logger sends its records here

_crash_log = logging.getLogger("bcpviewer.crash")


def log_dir() -> Path:
    """Where the log files go: $BCPVIEWER_LOG_DIR if set, else the user's log folder
    (for example ~/.local/state/bcpviewer/log on Linux, %LOCALAPPDATA%\\BCP Viewer\\bcpviewer\\Logs
    on Windows, ~/Library/Logs/bcpviewer on macOS)."""
    override = os.environ.get(LOG_DIR_ENV, "").strip()
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_log_dir("bcpviewer", "BCP Viewer"))


def log_path() -> Path:
    return log_dir() / LOG_NAME


class _OneLineFormatter(logging.Formatter):
    """For the console: the message only, never a traceback (that goes to the log file)."""

    def format(self, record: logging.LogRecord) -> str:
        saved = record.exc_info, record.exc_text, record.stack_info
        record.exc_info = record.exc_text = record.stack_info = None
        try:
            return super().format(record)
        finally:
            record.exc_info, record.exc_text, record.stack_info = saved


_file_handler: logging.Handler | None = None


def setup_logging(console: bool = True, file: bool = True) -> Path | None:
    """Send the app's log records (information and worse) to a rotating, size-capped file in
    the user's log folder (unless ``file`` is false), and warnings and worse to stderr as one line each
    (never a traceback). Returns the log file's path, or None when no folder could be written (then the
    console line is all there is) or no file was asked for. Safe to call twice."""
    global _file_handler
    logger = logging.getLogger(LOGGER)
    logger.setLevel(logging.INFO)
    path: Path | None = None
    if _file_handler is None and file:
        from logging.handlers import RotatingFileHandler

        for folder in (log_dir(), Path(tempfile.gettempdir()) / "bcpviewer-logs"):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                handler = RotatingFileHandler(
                    folder / LOG_NAME, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS,
                    encoding="utf-8",
                )
            except OSError:
                continue
            handler.setFormatter(
                logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
            )
            handler.setLevel(logging.INFO)
            logger.addHandler(handler)
            _file_handler = handler
            break
    if isinstance(_file_handler, logging.FileHandler):
        path = Path(_file_handler.baseFilename)
    if console and not any(getattr(h, "_bcpviewer_console", False) for h in logger.handlers):
        stream = logging.StreamHandler()
        stream.setLevel(logging.WARNING)
        stream.setFormatter(_OneLineFormatter("%(levelname)s %(name)s: %(message)s"))
        stream._bcpviewer_console = True  # type: ignore[attr-defined]
        logger.addHandler(stream)
    return path


def teardown_logging() -> None:
    """Remove the handlers setup_logging added (tests)."""
    global _file_handler
    logger = logging.getLogger(LOGGER)
    for h in list(logger.handlers):
        if h is _file_handler or getattr(h, "_bcpviewer_console", False):
            logger.removeHandler(h)
            h.close()
    _file_handler = None


def error_key(kind: type[BaseException], tb: TracebackType | None) -> tuple[str, str, int, str]:
    """What makes two errors 'the same': the exception type and the line that raised it."""
    frames = traceback.extract_tb(tb) if tb is not None else []
    last = frames[-1] if frames else None
    return (
        f"{kind.__module__}.{kind.__qualname__}",
        last.filename if last else "",
        last.lineno or 0 if last else 0,
        last.name if last else "",
    )


def user_message(kind: type[BaseException], log_file: Path | None) -> tuple[str, str]:
    """The dialog's sentence and its detail line (where the log is)."""
    text = (
        f"BCP Viewer met an unexpected problem ({kind.__name__}) and carried on; your files were "
        "not changed, but what is shown may be incomplete."
    )
    if log_file is not None:
        detail = f"The details were saved to {log_file} (send this file to the developers)."
    else:
        detail = "The details could not be saved to a log file."
    return text, detail


class CrashHandler(QObject):
    """Installs the hooks; logs every unexpected exception and shows each distinct one once."""

    _report = Signal(object, str, str)  # key, text, detail: crosses to the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file: Path | None = None
        self.shown: set[tuple[str, str, int, str]] = set()
        self.count = 0  # unexpected exceptions seen (shown or not)
        self._pending: list[tuple[str, str]] = []
        self._showing = False
        self._lock = threading.Lock()
        self._previous_sys: Callable[..., object] | None = None
        self._previous_threading: Callable[..., object] | None = None
        self._previous_unraisable: Callable[..., object] | None = None
        self._installed = False
        self._log_open = False
        self._log_lock = threading.RLock()
        # queued from other threads; on the GUI thread the slot leaves the dialog to the event loop
        self._report.connect(self._on_report)

    # -- installing ------------------------------------------------------------------------
    def install(self, *, open_log: bool = True) -> CrashHandler:
        """Install the hooks, and open the log file unless ``open_log`` is false (then ``open_log()``
        opens it later, or the first error does)."""
        if self._installed:
            return self
        self._previous_sys, sys.excepthook = sys.excepthook, self.excepthook
        self._previous_threading, threading.excepthook = threading.excepthook, self._thread_hook
        self._previous_unraisable, sys.unraisablehook = sys.unraisablehook, self._unraisable_hook
        self._installed = True
        if open_log:
            self.open_log()
        return self

    def open_log(self) -> Path | None:
        """Start the log file (once) and note in it that the app started; returns its path, if any."""
        with self._log_lock:
            if not self._log_open:
                import platform

                self._log_open = True
                self.log_file = setup_logging(console=False)
                _crash_log.info(
                    "BCP Viewer %s started (Python %s, %s)", bcpviewer.__version__,
                    platform.python_version(), platform.platform(),
                )
        return self.log_file

    def uninstall(self) -> None:
        if not self._installed:
            return
        if sys.excepthook == self.excepthook and self._previous_sys is not None:
            sys.excepthook = self._previous_sys
        if threading.excepthook == self._thread_hook and self._previous_threading is not None:
            threading.excepthook = self._previous_threading  # type: ignore[assignment]
        if sys.unraisablehook == self._unraisable_hook and self._previous_unraisable is not None:
            sys.unraisablehook = self._previous_unraisable  # type: ignore[assignment]
        self._installed = False

    # -- hooks (any thread) ----------------------------------------------------------------
    def excepthook(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):  # Ctrl+C in the terminal that started us: quit
            app = QApplication.instance()
            if app is not None:
                app.quit()
            return
        try:
            self.handle(kind, exc, tb)
        except Exception:  # the handler itself must never raise into Qt; say so on stderr
            sys.stderr.write(f"BCP Viewer: unexpected {kind.__name__}; the error log failed too\n")

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)  # type: ignore[arg-type]

    def _unraisable_hook(self, unraisable: sys.UnraisableHookArgs) -> None:
        """An exception Python could not raise (in __del__, a finaliser, a callback during
        shutdown): logged with its traceback, never shown or printed; nothing can be done."""
        try:
            _crash_log.warning(
                "Ignored exception %s %r", unraisable.err_msg or "in", unraisable.object,
                exc_info=(unraisable.exc_type, unraisable.exc_value, unraisable.exc_traceback),
            )
        except Exception:
            pass  # the hook must not raise: there is nowhere left to report to

    def handle(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """Log the traceback, then ask the GUI thread to tell the user (once per distinct error)."""
        self.open_log()
        key = error_key(kind, tb)
        with self._lock:
            self.count += 1
            first = key not in self.shown
            self.shown.add(key)
        _crash_log.error(
            "Unexpected error%s", "" if first else " (seen before)", exc_info=(kind, exc, tb)
        )
        for h in logging.getLogger(LOGGER).handlers:
            h.flush()
        if first:
            text, detail = user_message(kind, self.log_file)
            self._report.emit(key, text, detail)

    # -- the dialog (GUI thread) -----------------------------------------------------------
    @Slot(object, str, str)
    def _on_report(self, _key: object, text: str, detail: str) -> None:
        from PySide6.QtCore import QMetaObject, Qt  # here, not at start-up (Qt's enums take a while)

        self._pending.append((text, detail))
        # never inside the hook: posted, so shown from the event loop
        QMetaObject.invokeMethod(self, "show_pending", Qt.ConnectionType.QueuedConnection)

    @Slot()
    def show_pending(self) -> None:
        """Show the dialogs of the errors not yet told (the app calls this too as it stops, for an error
        met just before it quit)."""
        if self._showing:  # a dialog is open (its own event loop runs): show this one after it
            return
        self._showing = True
        try:
            while self._pending:
                text, detail = self._pending.pop(0)
                self.show_dialog(text, detail)
        finally:
            self._showing = False

    def show_dialog(self, text: str, detail: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        box = QMessageBox(QMessageBox.Icon.Critical, "BCP Viewer", text,
                          QMessageBox.StandardButton.Ok, app.activeWindow())
        box.setInformativeText(detail)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()


_handler: CrashHandler | None = None


def install(*, open_log: bool = True) -> CrashHandler:
    """The app's crash handler (created and installed on first call); see CrashHandler.install."""
    global _handler
    if _handler is None:
        _handler = CrashHandler()
    return _handler.install(open_log=open_log)


def uninstall() -> None:
    global _handler
    if _handler is not None:
        _handler.uninstall()
        _handler.deleteLater()
        _handler = None

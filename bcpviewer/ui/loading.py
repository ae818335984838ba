"""Reading files off the GUI thread: a QThread around the loader, and a Loader that runs one at a time."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)


class LoadThread(QThread):
    """Calls the loader away from the GUI thread; every outcome arrives as a signal tagged with a token."""

    progressed = Signal(int, float, str)
    loaded = Signal(int, object, object)
    failed = Signal(int, str)
    was_cancelled = Signal(int)

    def __init__(self, token: int, paths: Sequence[str]) -> None:
        super().__init__()
        self.token = token
        self.paths = list(paths)
        self.done = False
        self._cancel = threading.Event()
        self._last: tuple[int, str] = (-1, "")

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            self._load()
        finally:
            self.done = True

    def _load(self) -> None:
        from bcpviewer.io.errors import Cancelled

        try:
            from bcpviewer.io.loader import load_files
        except ImportError as exc:
            log.exception("The file reader could not be imported")
            missing = exc.name or "the file reader"
            self.failed.emit(self.token, f"This copy of BCP Viewer cannot read files: {missing} is missing.")
            return
        try:
            dataset, errors = load_files(
                self.paths, progress=self._on_progress, cancelled=self._cancel.is_set
            )
        except Cancelled:
            self.was_cancelled.emit(self.token)
        except Exception as exc:  # a bug in the reader must not reach the user as a traceback
            log.exception("Loading %s failed", self.paths)
            self.failed.emit(self.token, f"BCP Viewer met an internal error while reading the files ({exc}).")
        else:
            if self._cancel.is_set():
                self.was_cancelled.emit(self.token)
            else:
                self.loaded.emit(self.token, dataset, list(errors))

    def _on_progress(self, fraction: float, message: str) -> None:
        key = (int(fraction * 100), message)
        if key != self._last:  # throttle: only changes cross to the GUI thread
            self._last = key
            self.progressed.emit(self.token, float(fraction), message)


def failure_text(errors: Sequence) -> str:
    """One bullet per file that could not be read, with the reason in plain words."""
    return "\n".join(f"• {Path(e.path).name}: {e.reason}" for e in errors)


class Loader(QObject):
    """Runs one load at a time; a newer load or a cancel makes older threads' results arrive nowhere."""

    progressed = Signal(float, str)
    loaded = Signal(object, object, object)  # paths, Dataset, [LoadError]
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._token = 0
        self._paths: list[str] = []
        self._threads: set[LoadThread] = set()

    @property
    def paths(self) -> list[str]:
        """The files being read now (empty when idle)."""
        return list(self._paths)

    @property
    def is_loading(self) -> bool:
        return bool(self._paths)

    def start(self, paths: Sequence[str]) -> None:
        """Read ``paths`` in a new thread, cancelling any load under way."""
        self.cancel()
        self._token += 1
        thread = LoadThread(self._token, paths)
        thread.progressed.connect(self._on_progressed)
        thread.loaded.connect(self._on_loaded)
        thread.failed.connect(self._on_failed)
        thread.was_cancelled.connect(self._on_cancelled)
        thread.finished.connect(self._on_thread_finished)
        self._threads.add(thread)
        self._paths = list(paths)
        thread.start()

    def cancel(self) -> None:
        """Ask every running thread to stop; the current load then reports ``cancelled``."""
        for t in self._threads:
            t.cancel()

    def wait(self) -> None:
        """Cancel and wait for every thread (on closing)."""
        self.cancel()
        for t in list(self._threads):
            t.wait()

    def _current(self, token: int) -> bool:
        return token == self._token and bool(self._paths)

    @Slot(int, float, str)
    def _on_progressed(self, token: int, fraction: float, message: str) -> None:
        if self._current(token):
            self.progressed.emit(fraction, message)

    @Slot(int, object, object)
    def _on_loaded(self, token: int, dataset: object, errors: object) -> None:
        if self._current(token):
            paths, self._paths = self._paths, []
            self.loaded.emit(paths, dataset, errors)

    @Slot(int, str)
    def _on_failed(self, token: int, message: str) -> None:
        if self._current(token):
            self._paths = []
            self.failed.emit(message)

    @Slot(int)
    def _on_cancelled(self, token: int) -> None:
        if self._current(token):
            self._paths = []
            self.cancelled.emit()

    @Slot()
    def _on_thread_finished(self) -> None:
        for t in [t for t in self._threads if t.done]:
            t.wait()
            self._threads.discard(t)
            t.deleteLater()

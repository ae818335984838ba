"""One piece of reading work off the GUI thread for the Journeys window: a QThread whose outcome
(a result, a one-sentence failure, or cancelled) arrives as one signal tagged with a token."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from bcpviewer.io.errors import Cancelled, LoadError

log = logging.getLogger(__name__)

Work = Callable[[Callable[[], bool], Callable[[str], None]], object]  # work(cancelled, progress)


class Job(QThread):
    """Runs ``work(cancelled, progress)``; never lets an exception out as a traceback."""

    progressed = Signal(int, str)
    succeeded = Signal(int, object)
    failed = Signal(int, str)
    was_cancelled = Signal(int)

    def __init__(self, token: int, work: Work) -> None:
        super().__init__()
        self.token = token
        self.work = work
        self._cancel = threading.Event()
        self.done = False

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            result = self.work(self._cancel.is_set, lambda text: self.progressed.emit(self.token, text))
        except Cancelled:
            self.was_cancelled.emit(self.token)
        except LoadError as e:
            name = Path(e.path).name
            self.failed.emit(self.token, f"{name}: {e}" if name else str(e))
        except Exception as e:  # a bug must reach the user as one sentence, never a traceback
            log.exception("Reading the journeys' files failed")
            self.failed.emit(self.token, f"BCP Viewer met an internal error while reading the files ({e}).")
        else:
            if self._cancel.is_set():
                self.was_cancelled.emit(self.token)
            else:
                self.succeeded.emit(self.token, result)
        finally:
            self.done = True

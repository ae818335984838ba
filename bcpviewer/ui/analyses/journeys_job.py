"""Reading work off the GUI thread for the Journeys window: what is read (the files or the bundled official
data, a metric), run by the one job runner (bcpviewer.ui.jobs), one read at a time, saying what is being read and dropping the
outcome of a read that was superseded."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Slot

from bcpviewer.io import journeys as ji
from bcpviewer.ui.jobs import Job, Work

log = logging.getLogger(__name__)


def read_files(ofsted_path: str, dfe_paths: Sequence[str]) -> Work:
    """The work of reading the outcomes table and the DfE files' indicators."""

    def work(cancelled: Callable[[], bool], progress: Callable[[str], None]) -> object:
        progress(f"Reading the Ofsted outcomes in {Path(ofsted_path).name}…")
        events, problems = ji.load_outcomes(ofsted_path, cancelled)
        names: list[str] = []
        if dfe_paths:
            progress("Reading the DfE statistics in " + ", ".join(Path(p).name for p in dfe_paths) + "…")
            names = ji.indicators(dfe_paths)
        return events, problems, names

    return work


def read_bundled() -> Work:
    """The work of reading every council's inspections and the rates offered from the official
    data bundled with the app (or the user's updated copy): no file needed."""

    def work(cancelled: Callable[[], bool], progress: Callable[[str], None]) -> object:
        from bcpviewer.io import official_journeys

        progress("Reading the bundled official data…")
        return official_journeys.outcomes(cancelled)

    return work


def read_metric(paths: Sequence[str], councils: Sequence[str], metric: str) -> Work:
    """The work of reading ``councils``' figures for ``metric`` from the DfE files (none: from the
    bundled official data)."""

    def work(cancelled: Callable[[], bool], progress: Callable[[str], None]) -> object:
        progress(f"Reading {metric[:1].lower()}{metric[1:]} for {len(councils)} councils…")
        if not paths:
            from bcpviewer.io import official_journeys

            return official_journeys.metric(councils, metric, cancelled)
        return ji.load_metric(paths, councils, metric, cancelled)

    return work


class Reads(QObject):
    """One read at a time for the Journeys window. A new read cancels the one running; only the latest
    read's outcome arrives (``on_done``). The window is told when it becomes busy or idle and what to say
    (``on_busy(busy, text)``; ``text`` None means "the standing note"), progress and one-sentence errors."""

    def __init__(self, parent: QObject, *, on_busy: Callable[[bool, str | None], None],
                 on_progress: Callable[[str], None], on_error: Callable[[str], None]) -> None:
        super().__init__(parent)
        self._on_busy = on_busy
        self._on_progress = on_progress
        self._on_error = on_error
        self._token = 0
        self._jobs: set[Job] = set()
        self._done: tuple[int, Callable[[object], None]] | None = None

    def start(self, work: Work, on_done: Callable[[object], None], text: str) -> None:
        """Run ``work`` (cancelling any read running) and hand its result to ``on_done``."""
        self.cancel()
        self._token += 1
        job = Job(self._token, work, "reading the journeys' files")
        job.progressed.connect(self._on_progressed)
        self._done = (self._token, on_done)
        job.succeeded.connect(self._on_succeeded)
        job.failed.connect(self._on_failed)
        job.was_cancelled.connect(self._on_cancelled)
        job.finished.connect(self._on_job_finished)
        self._jobs.add(job)
        self._on_busy(True, text)
        job.start()

    def cancel(self) -> None:
        """Ask every running read to stop."""
        for job in self._jobs:
            job.cancel()

    def forget(self) -> None:
        """Let the outcome of the reads running arrive nowhere."""
        self._token += 1

    def shutdown(self) -> None:
        """Stop and wait for every reading thread."""
        self.forget()
        for job in list(self._jobs):
            job.cancel()
        for job in list(self._jobs):
            job.wait()
        self._jobs.clear()

    @Slot(int, float, str)
    def _on_progressed(self, token: int, _fraction: float, text: str) -> None:
        if token == self._token:
            self._on_progress(text)

    @Slot(int, object)
    def _on_succeeded(self, token: int, result: object) -> None:
        if token != self._token or self._done is None or self._done[0] != token:
            return
        on_done = self._done[1]
        self._done = None
        self._on_busy(False, None)
        try:
            on_done(result)
        except Exception as e:  # never a traceback in front of the user
            log.exception("Showing the journeys failed")
            self._on_error(f"BCP Viewer met an internal error while showing the journeys ({e}).")

    @Slot(int, str)
    def _on_failed(self, token: int, message: str) -> None:
        if token == self._token:
            self._on_busy(False, None)
            self._on_error(message)

    @Slot(int)
    def _on_cancelled(self, token: int) -> None:
        if token == self._token:
            self._on_busy(False, "Cancelled: what is shown is unchanged.")

    @Slot()
    def _on_job_finished(self) -> None:
        for job in [j for j in self._jobs if j.done]:
            job.wait()
            self._jobs.discard(job)
            job.deleteLater()

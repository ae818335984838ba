"""The one background-job runner: a QThread that runs ``work(cancelled, progress)`` off the GUI thread and
reports its one outcome as a signal tagged with a token (a result, a one-sentence failure, or cancelled),
plus throttled progress. A newer job's token makes an older job's late signals easy to ignore.

No exception leaves a job as a traceback: a file that cannot be read or written is its FileError's
sentence, a bug is logged and told as one sentence.
"""

from __future__ import annotations

import atexit
import gc
import logging
import math
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QAbstractEventDispatcher, QCoreApplication, QObject, QThread, QTimer, Signal

from bcpviewer.io.errors import Cancelled, FileError

log = logging.getLogger(__name__)

Progress = Callable[..., None]  # progress(message, fraction=-1.0): fraction in 0..1, or -1 when unknown
Work = Callable[[Callable[[], bool], Progress], object]  # work(cancelled, progress) -> result


SWITCH_INTERVAL_S = 0.0005  # how long a job may hold the interpreter before the window gets a turn


def share_interpreter() -> None:
    """Jobs hand the interpreter (its lock) back to the window every 0.5 ms, not Python's 5 ms, so that
    the window answers while they work (receiving a read, filling tables): GUI stalls, issue 19."""
    if sys.getswitchinterval() > SWITCH_INTERVAL_S:
        sys.setswitchinterval(SWITCH_INTERVAL_S)


class _CollectorPause:
    """The cyclic garbage collector waits while any job runs, and what the jobs made is then kept out of
    its full collections (``gc.freeze``). A read brings a million objects (observations) into the window's
    process; each full collection walked them all, holding the interpreter for 0.1-0.7 s in whichever
    thread allocated next (a job unpacking a read, or the window): the GUI stalls of issue 19. A dataset
    has no reference cycles (those collections freed nothing); it is still freed by reference counting
    when replaced, frozen or not. A collector switched off by someone else stays off."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._resume = False

    def __enter__(self) -> None:
        with self._lock:
            if self._running == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._running += 1

    def __exit__(self, *_exc: object) -> None:
        with self._lock:
            self._running -= 1
            if self._running == 0 and self._resume:
                gc.freeze()  # what the jobs made is long-lived: full collections need not walk it
                gc.enable()


collector_pause = _CollectorPause()

TURN_S = 0.004  # how long jobs work each time the window has nothing to do
TICK_MS = 4  # the window's timer while jobs run: it wakes an idle window, which then gives another turn
LONGEST_WAIT_S = 0.1  # a job waits no longer than this for the window (a window stuck elsewhere)
LOOP_GONE_S = 1.0  # no "about to wait" for this long: a loop that never waits (processEvents), use ticks


class _Turns:
    """Jobs and the window take turns with the interpreter. Python lets one thread run at a time, and a
    window whose Qt calls back into Python many times per event (painting a table, sizing its columns)
    waited for the interpreter at each call while a job computed: 30 ms of the window's own work took
    400 ms (GUI stalls, issue 19). So jobs work for ``TURN_S`` each time the window's event loop is
    about to wait for events (it has nothing to do), and then wait for the next such moment; a timer
    ticking every ``TICK_MS`` while jobs run wakes an idle window so that the moments keep coming. In a
    loop that never waits (``processEvents``, ``qWait``) each tick gives the turn instead. A window busy
    with a long run of events gives no turns until it is done. ``pace()`` is where a job waits for its turn:
    every ``cancelled()`` and ``progress()`` of a Job, and the loops of the views' sums, call it. A GUI
    thread that waits for a job (``Job.wait``) lets every job run freely meanwhile; a job never waits
    longer than ``LONGEST_WAIT_S`` for one step."""

    def __init__(self) -> None:
        self._ready = threading.Condition()
        self._free_until = 0.0  # jobs may work until then
        self._idled = -math.inf  # when the window's event loop last was about to wait
        self._open = 0  # GUI-thread waits for jobs in progress: no turns while the window waits
        self._jobs = 0
        self._timer: QTimer | None = None
        self._local = threading.local()

    # -- the window's side (GUI thread) ---------------------------------------------------------------
    def job_started(self) -> bool:
        """A job starts (called on the GUI thread); False when there is no window to take turns with."""
        app = QCoreApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            return False
        if self._timer is None:
            dispatcher = QAbstractEventDispatcher.instance()
            if dispatcher is None:
                return False
            dispatcher.aboutToBlock.connect(self._idle)
            self._timer = QTimer()
            self._timer.setInterval(TICK_MS)
            self._timer.timeout.connect(self._ticked)
        with self._ready:
            self._jobs += 1
        if not self._timer.isActive():
            self._timer.start()
        return True

    def job_ended(self) -> None:
        """A job started with ``job_started`` ended (any thread); the timer stops at its next tick."""
        with self._ready:
            self._jobs -= 1

    def _idle(self) -> None:
        self._idled = now = time.perf_counter()
        self._give_turn(now)

    def _ticked(self) -> None:
        now = time.perf_counter()
        if now - self._idled > LOOP_GONE_S:
            self._give_turn(now)
        if self._jobs == 0 and self._timer is not None:
            self._timer.stop()

    def _give_turn(self, now: float) -> None:
        if self._jobs > 0 and now >= self._free_until:
            with self._ready:
                self._free_until = now + TURN_S
                self._ready.notify_all()

    @contextmanager
    def waiting(self) -> Iterator[None]:
        """``with turns.waiting():`` around a GUI-thread wait for a job: the jobs run freely meanwhile."""
        self._set_open(1)
        try:
            yield
        finally:
            self._set_open(-1)

    def _set_open(self, step: int) -> None:
        with self._ready:
            self._open += step
            self._ready.notify_all()

    # -- a job's side (its own thread) ------------------------------------------------------------------
    def begin(self) -> None:
        self._local.job = True

    def end(self) -> None:
        self._local.job = False

    def pace(self) -> None:
        if getattr(self._local, "job", False) and self._timer is not None \
                and time.perf_counter() >= self._free_until:
            with self._ready:
                self._ready.wait_for(lambda: time.perf_counter() < self._free_until or self._open > 0,
                                     timeout=LONGEST_WAIT_S)


turns = _Turns()


def pace() -> None:
    """A job's chance to let the window have its turn (see ``_Turns``): call it between units of work
    in anything a Job runs. Elsewhere it does nothing."""
    turns.pace()


class Job(QThread):
    """Runs ``work(cancelled, progress)`` once. ``what`` names the work in an internal-error sentence."""

    progressed = Signal(int, float, str)  # token, fraction (-1: unknown), message
    succeeded = Signal(int, object)  # token, the work's result
    failed = Signal(int, str)  # token, one sentence
    was_cancelled = Signal(int)  # token

    def __init__(self, token: int, work: Work, what: str = "reading the files") -> None:
        super().__init__()
        share_interpreter()
        self.token = token
        self.work = work
        self.what = what
        self.done = False
        self._cancel = threading.Event()
        self._last: tuple[int, str] = (-2, "")
        self._takes_turns = False

    def start(self, *args: object) -> None:
        self._takes_turns = turns.job_started()
        super().start(*args)

    def wait(self, *args: object) -> bool:
        """QThread.wait; the job runs without taking turns while the caller waits for it."""
        with turns.waiting():
            return super().wait(*args)

    def cancel(self) -> None:
        """Ask the work to stop (it checks ``cancelled()``); the job then reports ``was_cancelled``."""
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _cancelled(self) -> bool:
        pace()
        return self._cancel.is_set()

    def run(self) -> None:
        turns.begin()
        try:
            with collector_pause:
                result = self.work(self._cancelled, self._progress)
        except Cancelled:
            self.was_cancelled.emit(self.token)
        except FileError as e:  # a file not read or not written: its sentence
            name = Path(e.path).name if e.path else ""
            self.failed.emit(self.token, f"{name}: {e}" if name else str(e))
        except Exception as e:  # a bug must reach the user as one sentence, never a traceback
            log.exception("A background job failed while %s", self.what)
            self.failed.emit(self.token, f"BCP Viewer met an internal error while {self.what} ({e}).")
        else:
            if self._cancel.is_set():
                self.was_cancelled.emit(self.token)
            else:
                self.succeeded.emit(self.token, result)
        finally:
            turns.end()
            if self._takes_turns:
                turns.job_ended()
            self.done = True

    def _progress(self, message: str = "", fraction: float = -1.0) -> None:
        pace()
        key = (int(fraction * 100) if fraction >= 0 else -1, message)
        if key != self._last:  # throttle: only changes cross to the GUI thread
            self._last = key
            self.progressed.emit(self.token, float(fraction), message)


BIG = 20_000  # observations from which a view's sums are worked out off the GUI thread


class Latest(QObject):
    """Works out a view's contents off the GUI thread and hands back only the newest result: each
    ``run`` supersedes the one before (its late result is dropped). ``done`` carries the result.

    Running jobs are held here until they finish (a QThread must not be deleted while it runs)."""

    done = Signal(object)
    failed = Signal(str)  # one sentence (a bug): the view says it instead of its contents
    _running: set[Job] = set()  # every Latest's unfinished jobs, so none is collected while running
    _waits_at_exit = False

    def __init__(self, what: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.what = what
        if not Latest._waits_at_exit:  # a job still running when the app quits is waited for
            Latest._waits_at_exit = True
            atexit.register(Latest.wait_all)
        self._token = 0
        self._waiting = False

    @property
    def busy(self) -> bool:
        """The newest result is still being worked out."""
        return self._waiting

    def run(self, compute: Callable[[], object]) -> None:
        """Work out ``compute()`` in the background; ``done`` is emitted with it unless superseded."""
        self._token += 1
        self._waiting = True
        job = Job(self._token, lambda _cancelled, _progress: compute(), self.what)
        job.succeeded.connect(self._on_succeeded)
        job.failed.connect(self._on_failed)
        job.finished.connect(lambda j=job: Latest._release(j))
        Latest._running.add(job)
        job.start()

    def supersede(self) -> None:
        """Drop the result being worked out (the view was given its contents another way)."""
        self._token += 1
        self._waiting = False

    def _on_succeeded(self, token: int, result: object) -> None:
        if token == self._token:
            self._waiting = False
            self.done.emit(result)

    def _on_failed(self, token: int, sentence: str) -> None:
        if token == self._token:
            self._waiting = False
            self.failed.emit(sentence)

    @staticmethod
    def _release(job: Job) -> None:
        job.wait()
        Latest._running.discard(job)
        job.deleteLater()

    @staticmethod
    def wait_all() -> None:
        """Wait for every running job (before the application quits)."""
        for job in list(Latest._running):
            job.wait()

"""Reading files in a worker process, so that no file can take the app down.

A reader library that runs out of memory aborts its whole process (calamine does: "memory allocation of
3221225472 bytes failed"), and no Python code can catch that. The app therefore reads in a child process
with a memory limit (RLIMIT_AS) and a time limit: when the child is killed or aborts, the load fails with
one sentence and the window keeps its data. Progress and the result come back through a pipe; Cancel
terminates the child at once. The command line reads in-process (a failure there loses no work).

Starting a worker costs a fresh interpreter and the readers' imports (about half a second). The app
therefore keeps one spare worker waiting (``prewarm``): started while the window is being built, used
by the next read, and replaced after it. Each worker still reads once and exits, so one read's memory
and limits never carry over to the next.
"""

from __future__ import annotations

import copyreg
import dataclasses
import multiprocessing
import os
import pickle
import signal
import threading
import time
from array import array
from collections.abc import Callable, Sequence
from itertools import repeat
from types import MappingProxyType
from typing import Any

from bcpviewer.io.errors import Cancelled, LoadError
from bcpviewer.io.gc_pause import gc_paused
from bcpviewer.model.pacing import Pace, paced
from bcpviewer.model.records import Dataset, Observation

MEMORY_LIMIT = 3 * 1024**3  # bytes of address space the reader may use (Python and calamine included)
TIME_LIMIT_S = 600.0  # a read that takes longer is stopped
POLL_S = 0.05
ENV_MEMORY = "BCPVIEWER_READ_MEMORY_MB"  # another limit (tests)
ENV_INLINE = "BCPVIEWER_READ_INLINE"  # "1": read in this process (no worker)
ENV_PREFIX = "BCPVIEWER_"  # the app's environment settings, passed with each read (a spare started earlier)

Progress = Callable[[float, str], None]


def _proxy(mapping: dict) -> MappingProxyType:
    return MappingProxyType(mapping)


def _reduce_proxy(m: MappingProxyType) -> tuple[Any, tuple[dict]]:
    return _proxy, (dict(m),)


copyreg.pickle(MappingProxyType, _reduce_proxy)  # records keep read-only mappings (an event's grades)


def _columns(observations: tuple[Observation, ...]) -> tuple[tuple, ...]:
    return tuple(zip(*observations, strict=True)) if observations else ()


def _rows(columns: tuple[tuple, ...]) -> tuple[Observation, ...]:
    if not columns:
        return ()
    return tuple(map(tuple.__new__, repeat(Observation), zip(*columns, strict=True)))


def pack(dataset: Dataset) -> tuple[Dataset, list]:
    """The dataset without its observations, and the observations column by column (periods, values,
    codes, releases as plain tuples): a named tuple is pickled through a Python call each, and hundreds
    of thousands of them take seconds; columns of plain values do not."""
    series, columns = [], []
    for s in dataset.series:
        columns.append((_columns(s.observations), tuple(_columns(c.observations) for c in s.comparators)))
        series.append(dataclasses.replace(s, observations=(), comparators=tuple(
            dataclasses.replace(c, observations=()) for c in s.comparators)))
    return dataclasses.replace(dataset, series=tuple(series)), columns


def unpack(dataset: Dataset, columns: list, pace: Pace = None) -> Dataset:
    """``pack``'s inverse: the same dataset, observation for observation (``pace()`` before each
    series)."""
    series = tuple(
        dataclasses.replace(s, observations=_rows(obs), comparators=tuple(
            dataclasses.replace(c, observations=_rows(c_obs))
            for c, c_obs in zip(s.comparators, comparators, strict=True)))
        for s, (obs, comparators) in paced(zip(dataset.series, columns, strict=True), pace))
    return dataclasses.replace(dataset, series=series)


def to_pieces(columns: list) -> tuple[list, list[bytes]]:
    """``pack``'s columns as one list of the periods they use and one pickled piece per series, each
    period written as its number in that list: the app loads the pieces one at a time (no single call
    holds its interpreter, and so its window, for the whole result), and the periods, shared by
    thousands of figures, are sent and made once. A comparator whose periods are its series' own (the
    usual case: England, the region and the neighbours for the same periods) sends none."""
    spans: list = []
    number: dict[int, int] = {}

    def encode(cols: tuple, own: tuple | None = None) -> tuple:
        if not cols:
            return cols
        if own is not None and cols[0] == own:
            return (None, *cols[1:])
        ids = array("I")
        for p in cols[0]:
            n = number.get(id(p))
            if n is None:
                n = number[id(p)] = len(spans)
                spans.append(p)
            ids.append(n)
        return (ids.tobytes(), *cols[1:])

    pieces = [pickle.dumps((encode(obs), tuple(encode(c, obs[0] if obs else None) for c in comps)),
                           pickle.HIGHEST_PROTOCOL)
              for obs, comps in columns]
    return spans, pieces


def from_pieces(spans: list, pieces: list[bytes], pace: Pace = None) -> list:
    """``to_pieces``' inverse: the columns, each period the same object wherever it is used (``pace()``
    before each piece)."""
    def decode(cols: tuple, own: tuple = ()) -> tuple:
        if not cols:
            return cols
        if cols[0] is None:  # the series' own periods
            return (own, *cols[1:])
        ids = array("I")
        ids.frombytes(cols[0])
        return (tuple(map(spans.__getitem__, ids)), *cols[1:])

    out = []
    for piece in paced(pieces, pace):
        obs, comps = pickle.loads(piece)
        mine = decode(obs)
        out.append((mine, tuple(decode(c, mine[0] if mine else ()) for c in comps)))
    return out


def memory_limit() -> int:
    raw = os.environ.get(ENV_MEMORY, "").strip()
    return int(raw) * 1024**2 if raw.isdigit() else MEMORY_LIMIT


def _standby(conn: Any) -> None:
    """The worker: import the readers, wait for one job (paths, options, limit) and run it. A parent that
    goes away before sending one closes the pipe, and the worker ends."""
    from bcpviewer.io import loader  # noqa: F401  (before the job: the import is what a spare saves)

    try:
        paths, options, limit, env = conn.recv()
    except (EOFError, OSError):
        return
    for name in [n for n in os.environ if n.startswith(ENV_PREFIX) and n not in env]:
        del os.environ[name]
    os.environ.update(env)  # the app's settings as they are now, not as when this worker started
    _child(conn, paths, options, limit)


def _child(conn: Any, paths: list[str], options: dict[str, Any], limit: int) -> None:
    """In the worker: limit memory, read, send ("progress", f, m)…, then ("done", result) or ("error", …)."""
    from bcpviewer.io.loader import (  # before the limit: it bounds the reading
        LoadReport,
        load_files,
    )

    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: the in-process guards still apply
        pass

    last: list[tuple[int, str]] = [(-1, "")]

    def progress(fraction: float, message: str) -> None:
        key = (int(fraction * 100), message)
        if key != last[0]:  # only changes cross the pipe
            last[0] = key
            conn.send(("progress", fraction, message))

    try:
        report = LoadReport()
        dataset, errors = load_files(paths, progress=progress, report=report, **options)
        with gc_paused():
            shell, columns = pack(dataset)
            # each series' columns pickled apart: the app loads them one at a time, so no single call
            # holds its interpreter lock (and so its window) for the whole result
            spans, pieces = to_pieces(columns)
        conn.send_bytes(pickle.dumps(("done", (shell, spans, pieces, list(errors), report)),
                                     pickle.HIGHEST_PROTOCOL))
    except LoadError as e:
        conn.send(("error", e.path, e.reason))
    except MemoryError:
        conn.send(("error", "", "The files need more memory than BCP Viewer allows a read "
                                f"({limit // 1024**2:,} MB); split the workbook or remove unused sheets."))
    except Exception as e:  # a bug: one sentence, never a traceback
        conn.send(("error", "", f"BCP Viewer met an internal error while reading the files ({e})."))
    finally:
        conn.close()


def _died(exitcode: int | None, limit: int) -> LoadError:
    if exitcode is not None and exitcode < 0 and -exitcode in (signal.SIGABRT, signal.SIGKILL, signal.SIGSEGV):
        return LoadError("", "Reading the files needed more memory than BCP Viewer allows "
                             f"({limit // 1024**2:,} MB), so it was stopped; nothing was changed. The file "
                             "may be damaged or built to exhaust memory: open it in Excel and save a copy.")
    return LoadError("", f"The reader stopped unexpectedly (exit code {exitcode}); nothing was changed.")


def load_files_isolated(paths: Sequence[str], *, progress: Progress | None = None,
                        cancelled: Callable[[], bool] | None = None, time_limit: float = TIME_LIMIT_S,
                        **options: Any) -> tuple[Any, list[LoadError], Any]:
    """``load_files(paths, **options)`` in a worker process: (dataset, errors, report). A worker that is
    killed, aborts or runs past ``time_limit`` raises LoadError (one sentence); ``cancelled()`` raises
    Cancelled, the worker terminated."""
    if os.environ.get(ENV_INLINE) == "1":
        from bcpviewer.io.loader import LoadReport, load_files

        report = LoadReport()
        dataset, errors = load_files(list(paths), progress=progress, cancelled=cancelled, report=report,
                                     **options)
        return dataset, list(errors), report
    limit = memory_limit()
    job = (list(paths), options, limit, {n: v for n, v in os.environ.items() if n.startswith(ENV_PREFIX)})
    proc, receive = _take_spare() or _start()
    try:
        receive.send(job)
        sent = True
    except OSError:  # the spare died while waiting: start another
        _end(proc, receive)
        proc, receive = _start()
        sent = False
    started = time.monotonic()
    try:
        if not sent:
            receive.send(job)
        while True:
            if cancelled is not None and cancelled():
                raise Cancelled()
            if time.monotonic() - started > time_limit:
                raise LoadError("", f"Reading the files took longer than {time_limit / 60:.0f} minutes, so it "
                                    "was stopped; nothing was changed.")
            if receive.poll(POLL_S):
                try:
                    message = receive.recv_bytes()
                except (EOFError, OSError):  # the worker died without a word (or reset the pipe)
                    proc.join(5)
                    raise _died(proc.exitcode, limit) from None
                kind, *rest = pickle.loads(message)
                if kind == "progress" and progress is not None:
                    progress(*rest)
                elif kind == "done":
                    shell, spans, pieces, errors, report = rest[0]
                    with gc_paused():  # hundreds of thousands of figures rebuilt, no cycles
                        return unpack(shell, from_pieces(spans, pieces, cancelled), cancelled), errors, report
                elif kind == "error":
                    raise LoadError(rest[0], rest[1])
            elif not proc.is_alive():
                proc.join()
                raise _died(proc.exitcode, limit)
    finally:
        _end(proc, receive)
        if _keep_warm.is_set():
            prewarm()  # the next read's worker starts now, while this one's result is shown


_spare_lock = threading.Lock()
_spare: list[tuple[Any, Any]] = []  # at most one (process, its end of the pipe), waiting for a job
_keep_warm = threading.Event()  # set by prewarm(): replace the spare after each read


def _start() -> tuple[Any, Any]:
    ctx = multiprocessing.get_context("spawn")  # a fresh interpreter: no Qt, no threads inherited
    ours, theirs = ctx.Pipe(duplex=True)
    proc = ctx.Process(target=_standby, args=(theirs,), daemon=True, name="bcpviewer-reader")
    proc.start()
    theirs.close()
    return proc, ours


def _end(proc: Any, conn: Any) -> None:
    if proc.is_alive():
        proc.terminate()
        proc.join(5)
        if proc.is_alive():
            proc.kill()
            proc.join(5)
    conn.close()


def _take_spare() -> tuple[Any, Any] | None:
    with _spare_lock:
        while _spare:
            proc, conn = _spare.pop()
            if proc.is_alive():
                return proc, conn
            _end(proc, conn)
    return None


def prewarm() -> None:
    """Start a spare worker now (if none is waiting), and a new one after each read from now on: the
    app calls this once the window is up, so that reading a file does not wait for a new interpreter.
    A few milliseconds here; the worker's imports run in its own process."""
    if os.environ.get(ENV_INLINE) == "1":
        return
    _keep_warm.set()
    with _spare_lock:
        if any(proc.is_alive() for proc, _conn in _spare):
            return
        for proc, conn in _spare:
            _end(proc, conn)
        _spare[:] = [_start()]


def stop_spare() -> None:
    """End the waiting worker, and keep none from now on (the app quitting; tests)."""
    _keep_warm.clear()
    with _spare_lock:
        for proc, conn in _spare:
            _end(proc, conn)
        _spare.clear()

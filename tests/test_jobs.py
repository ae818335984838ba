"""The one job runner: its outcome arrives as one signal, and while it works the window gets the
interpreter back often (a job never holds it for Python's default 5 ms)."""

from __future__ import annotations

import gc
import sys
import threading
import time

from bcpviewer.ui.jobs import SWITCH_INTERVAL_S, Job


def test_a_job_reports_its_result_and_shares_the_interpreter(qtbot) -> None:
    job = Job(7, lambda cancelled, progress: (progress("halfway", 0.5), 42)[1], "adding up")
    assert sys.getswitchinterval() <= SWITCH_INTERVAL_S
    with qtbot.waitSignal(job.succeeded, timeout=10_000) as caught:
        job.start()
    assert caught.args == [7, 42]
    job.wait()


def test_a_job_that_fails_says_so_in_one_sentence(qtbot) -> None:
    def broken(cancelled, progress):
        raise ValueError("bad figure")

    job = Job(3, broken, "adding up")
    with qtbot.waitSignal(job.failed, timeout=10_000) as caught:
        job.start()
    token, sentence = caught.args
    job.wait()
    assert token == 3 and "adding up" in sentence and "\n" not in sentence


def test_a_file_that_cannot_be_written_is_its_own_sentence(qtbot) -> None:
    from bcpviewer.io.errors import SaveError

    def full_disk(cancelled, progress):
        raise SaveError("/data/copy.sqlite", "The copy could not be saved: the disk is full.")

    job = Job(5, full_disk, "saving")
    with qtbot.waitSignal(job.failed, timeout=10_000) as caught:
        job.start()
    job.wait()
    assert caught.args == [5, "copy.sqlite: The copy could not be saved: the disk is full."]

def test_the_collector_waits_while_jobs_run_and_resumes_after_the_last(qtbot) -> None:
    """Full collections walking a read's million objects stalled the window (issue 19): none runs while
    a job works, and the collector is back on once every job has ended, failed ones too."""
    assert gc.isenabled()
    seen: list[bool] = []
    release = threading.Event()

    def slow(cancelled, progress):
        seen.append(gc.isenabled())
        release.wait(10)
        return 1

    def broken(cancelled, progress):
        seen.append(gc.isenabled())
        raise ValueError("bad figure")

    first, second = Job(1, slow, "adding up"), Job(2, broken, "adding up")
    with qtbot.waitSignal(second.failed, timeout=10_000):
        first.start()
        qtbot.waitUntil(lambda: len(seen) == 1, timeout=10_000)
        second.start()
    assert not gc.isenabled()  # the first job still works
    with qtbot.waitSignal(first.succeeded, timeout=10_000):
        release.set()
    first.wait()
    second.wait()
    assert seen == [False, False]
    assert gc.isenabled()
    made = [[]]
    made[0].append(made)  # a cycle made after the jobs is still collected
    del made
    assert gc.collect() >= 1


def test_a_collector_switched_off_elsewhere_stays_off(qtbot) -> None:
    gc.disable()
    try:
        job = Job(4, lambda cancelled, progress: 2, "adding up")
        with qtbot.waitSignal(job.succeeded, timeout=10_000):
            job.start()
        job.wait()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_job_waits_for_its_turn_while_the_window_is_busy(qtbot) -> None:
    """A job works for at most TURN_S between the window's turns: while the GUI thread is busy (here:
    blocked, no event loop turning) a job calling ``pace()`` gets at most one turn per LONGEST_WAIT_S;
    once the event loop turns again it runs on to the end. Counted in steps of at least 0.5 ms each, so
    the bound holds however busy the machine is."""
    from bcpviewer.ui.jobs import LONGEST_WAIT_S, TURN_S, pace

    step_s = 0.0005
    steps: list[int] = []
    busy = threading.Event()

    def work(cancelled, progress):
        for i in range(400):
            until = time.perf_counter() + step_s
            while time.perf_counter() < until:
                pass
            pace()
            steps.append(i)
            if i == 5:
                busy.set()
        return len(steps)

    job = Job(9, work, "adding up")
    job.start()
    assert busy.wait(10)
    before, started = len(steps), time.perf_counter()
    time.sleep(0.3)  # the window busy: no ticks
    blocked_s = time.perf_counter() - started
    during = len(steps) - before
    turns_had = blocked_s / LONGEST_WAIT_S + 2
    assert during <= turns_had * (TURN_S / step_s + 1)
    assert during < 400 - 6  # it did not run to the end while the window was busy
    with qtbot.waitSignal(job.succeeded, timeout=60_000) as caught:
        pass  # the event loop turns: the job finishes
    assert caught.args == [9, 400]
    job.wait()


def test_waiting_for_a_job_on_the_gui_thread_lets_it_run_freely(qtbot) -> None:
    """Job.wait() blocks the GUI thread (no ticks); the job must still finish, not crawl a turn per
    LONGEST_WAIT_S."""
    from bcpviewer.ui.jobs import pace

    def work(cancelled, progress):
        for _ in range(2000):  # 1 s of work: 25 s if it took a turn per LONGEST_WAIT_S
            until = time.perf_counter() + 0.0005
            while time.perf_counter() < until:
                pass
            pace()
        return "done"

    job = Job(10, work, "adding up")
    job.start()
    assert job.wait(20_000)
    assert job.done

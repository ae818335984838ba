"""The one job runner: its outcome arrives as one signal, and while it works the window gets the
interpreter back often (a job never holds it for Python's default 5 ms)."""

from __future__ import annotations

import sys

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

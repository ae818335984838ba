"""Unexpected errors: logged with their traceback to a capped log file, told to the user once per
distinct error in one sentence with the log's path, and the app keeps running."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from bcpviewer.ui.shell import crash

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.qt_no_exception_capture  # our hook, not pytest-qt's, must see them


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    """Every crash dialog the handler opens, recorded instead of shown (nothing blocks)."""
    shown: list[dict[str, object]] = []

    def fake_exec(box: QMessageBox) -> int:
        app = QApplication.instance()
        shown.append({
            "text": box.text(), "detail": box.informativeText(),
            "gui_thread": app is not None and QThread.currentThread() is app.thread(),
        })
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


@pytest.fixture
def handler(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs):
    monkeypatch.setenv(crash.LOG_DIR_ENV, str(tmp_path / "logs"))
    crash.teardown_logging()
    h = crash.install()
    yield h
    crash.uninstall()
    crash.teardown_logging()


def _log_text(tmp_path: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted((tmp_path / "logs").glob("*.log*")))


def _boom() -> None:
    raise ZeroDivisionError("division by zero in a slot")


def test_log_folder_is_the_users_unless_overridden(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    import platformdirs

    monkeypatch.delenv(crash.LOG_DIR_ENV, raising=False)
    assert crash.log_dir() == Path(platformdirs.user_log_dir("bcpviewer", "BCP Viewer"))
    monkeypatch.setenv(crash.LOG_DIR_ENV, str(tmp_path))
    assert crash.log_path() == tmp_path / crash.LOG_NAME


def test_error_in_a_timer_slot_is_logged_shown_once_and_the_app_carries_on(
    qtbot, handler, dialogs, tmp_path: Path
) -> None:
    QTimer.singleShot(0, _boom)
    qtbot.waitUntil(lambda: len(dialogs) == 1, timeout=5000)
    log = _log_text(tmp_path)
    assert "Traceback (most recent call last)" in log
    assert "ZeroDivisionError: division by zero in a slot" in log
    assert "_boom" in log  # the traceback names the function that raised

    text, detail = str(dialogs[0]["text"]), str(dialogs[0]["detail"])
    assert "ZeroDivisionError" in text and "Traceback" not in text
    assert text.count(". ") == 0 and text.endswith(".")  # one sentence
    assert str(tmp_path / "logs" / crash.LOG_NAME) in detail
    assert dialogs[0]["gui_thread"]

    # the same error again: logged again, no second dialog
    QTimer.singleShot(0, _boom)
    qtbot.waitUntil(lambda: handler.count == 2, timeout=5000)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=5000)  # the event loop still turns
    timer.stop()
    assert len(dialogs) == 1
    assert _log_text(tmp_path).count("ZeroDivisionError: division by zero in a slot") == 2


def test_a_different_error_gets_its_own_dialog(qtbot, handler, dialogs) -> None:
    def other() -> None:
        {}["missing"]  # noqa: B018

    QTimer.singleShot(0, _boom)
    QTimer.singleShot(0, other)
    qtbot.waitUntil(lambda: len(dialogs) == 2, timeout=5000)
    assert "ZeroDivisionError" in str(dialogs[0]["text"])
    assert "KeyError" in str(dialogs[1]["text"])


def test_errors_in_threads_are_caught_and_shown_on_the_gui_thread(
    qtbot, handler, dialogs, tmp_path: Path
) -> None:
    t = threading.Thread(target=_boom, name="worker")
    t.start()
    t.join()

    class Failing(QThread):
        def run(self) -> None:
            raise RuntimeError("failed inside a QThread")

    q = Failing()
    q.start()
    q.wait()
    qtbot.waitUntil(lambda: len(dialogs) == 2, timeout=5000)
    assert all(d["gui_thread"] for d in dialogs)
    log = _log_text(tmp_path)
    assert "failed inside a QThread" in log and "division by zero in a slot" in log


def test_log_is_rotated_and_capped(qtbot, monkeypatch: pytest.MonkeyPatch, qapp, tmp_path, dialogs) -> None:
    monkeypatch.setenv(crash.LOG_DIR_ENV, str(tmp_path / "logs"))
    monkeypatch.setattr(crash, "LOG_MAX_BYTES", 4000)
    crash.teardown_logging()
    h = crash.install()
    try:
        for _ in range(60):
            try:
                _boom()
            except ZeroDivisionError:
                h.handle(*sys.exc_info())  # type: ignore[arg-type]
    finally:
        crash.uninstall()
        crash.teardown_logging()
    files = sorted((tmp_path / "logs").glob("*.log*"))
    assert 1 < len(files) <= crash.LOG_BACKUPS + 1
    assert all(f.stat().st_size <= 4000 + 3000 for f in files)  # one record may overshoot


def test_crash_handler_never_raises_when_the_log_folder_is_unwritable(
    qtbot, monkeypatch: pytest.MonkeyPatch, qapp, tmp_path, dialogs
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be")
    monkeypatch.setenv(crash.LOG_DIR_ENV, str(blocker / "logs"))
    monkeypatch.setattr(crash.tempfile, "gettempdir", lambda: str(blocker))
    crash.teardown_logging()
    h = crash.install()
    try:
        assert h.log_file is None
        QTimer.singleShot(0, _boom)
        qtbot.waitUntil(lambda: len(dialogs) == 1, timeout=5000)
        assert "could not be saved" in str(dialogs[0]["detail"])
    finally:
        crash.uninstall()
        crash.teardown_logging()


def test_the_app_logs_a_crash_and_prints_no_traceback(tmp_path: Path) -> None:
    """The real app: an error in a slot goes to the log, not to the terminal, and run() returns 0."""
    logs = tmp_path / "logs"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "BCPVIEWER_QUIT_AFTER_MS": "1500",
        crash.LOG_DIR_ENV: str(logs),
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication, QMessageBox\n"
        "shown = []\n"
        "QMessageBox.exec = lambda self: shown.append(self.text()) or 0\n"
        "app = QApplication(sys.argv[:1])\n"
        "def boom():\n"
        "    raise ValueError('an unexpected slot failure')\n"
        "QTimer.singleShot(200, boom)\n"
        "QTimer.singleShot(400, boom)\n"
        "from bcpviewer.ui.shell.app import run\n"
        "code = run(['/no/such/file.xlsx'])\n"
        "print('DIALOGS', len(shown))\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    assert "DIALOGS 1" in done.stdout
    log = (logs / crash.LOG_NAME).read_text(encoding="utf-8")
    assert log.count("ValueError: an unexpected slot failure") == 2
    assert "Traceback (most recent call last)" in log


def test_a_window_that_cannot_be_built_is_reported_not_printed(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", crash.LOG_DIR_ENV: str(logs),
           "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QMessageBox\n"
        "shown = []\n"
        "QMessageBox.exec = lambda self: shown.append(self.text()) or 0\n"
        "import bcpviewer.ui.shell.app as app\n"
        "def broken(*a, **k):\n"
        "    raise OSError('the settings folder is read-only')\n"
        "app.MainWindow = broken\n"
        "code = app.run([])\n"
        "print('DIALOGS', len(shown), 'EXIT', code)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr
    assert "DIALOGS 1 EXIT 1" in done.stdout, done.stdout + done.stderr
    assert "OSError: the settings folder is read-only" in (logs / crash.LOG_NAME).read_text("utf-8")


def test_unraisable_exceptions_are_logged_not_printed(qtbot, handler, dialogs, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    class Noisy:
        def __del__(self) -> None:
            raise ValueError("failed while being thrown away")

    Noisy()  # dropped at once: __del__ raises where nothing can catch it
    assert "failed while being thrown away" in _log_text(tmp_path)
    assert "Traceback" not in capsys.readouterr().err
    assert dialogs == []

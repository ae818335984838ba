"""Watch the project's source files and report, once things settle, which ones changed on disk."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

SETTLE_MS = 700  # editors save in several steps (write, rename): wait for the last one


class SourceWatcher(QObject):
    """A QFileSystemWatcher on the source files with a pause, so one save is reported once."""

    changed = Signal(list)  # [str] paths changed, replaced or removed since the last report

    def __init__(self, parent: QObject | None = None, settle_ms: int = SETTLE_MS) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_file_changed)
        self._pending: list[str] = []
        self._paths: list[str] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(settle_ms)
        self._timer.timeout.connect(self._report)

    def set_paths(self, paths: Sequence[str | Path]) -> None:
        """Watch exactly these files (those that exist now; the rest are remembered for rewatch)."""
        self._paths = [str(Path(p).absolute()) for p in paths]
        self._pending.clear()
        self._timer.stop()
        self.rewatch()

    def paths(self) -> list[str]:
        return list(self._paths)

    def watched(self) -> list[str]:
        return self._watcher.files()

    def rewatch(self) -> None:
        """Watch again any file that was replaced (a replaced file drops out of the watcher)."""
        current = set(self._watcher.files())
        stale = [p for p in current if p not in self._paths]
        if stale:
            self._watcher.removePaths(stale)
        wanted = [p for p in self._paths if p not in current and Path(p).is_file()]
        if wanted:
            self._watcher.addPaths(wanted)

    @Slot(str)
    def _on_file_changed(self, path: str) -> None:
        if path not in self._pending:
            self._pending.append(path)
        self._timer.start()

    @Slot()
    def _report(self) -> None:
        changed, self._pending = self._pending, []
        self.rewatch()
        if changed:
            self.changed.emit(changed)

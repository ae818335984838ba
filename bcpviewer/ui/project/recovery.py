"""Recovery files: this session's autosave, and the ones sessions that crashed left behind (by lock file)."""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile

from bcpviewer.io.project import Recovery, load_recovery, save_recovery
from bcpviewer.model.project import Project

SUFFIX = ".bcpv"


@dataclass
class Leftover:
    """A crashed session's recovery file, locked by this session while it is offered."""

    path: Path
    lock: QLockFile


def _lock(path: Path) -> QLockFile:
    lock = QLockFile(str(path.with_suffix(".lock")))
    lock.setStaleLockTime(0)  # stale only when its process is gone, however long it has been held
    return lock


class RecoveryStore:
    """One autosave file per session, in ``<data dir>/recovery``, locked while the session runs."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / "recovery"
        self.session = uuid.uuid4().hex
        self._lock: QLockFile | None = None

    @property
    def path(self) -> Path:
        """This session's recovery file (it exists only while there is unsaved work)."""
        return self.folder / f"{self.session}{SUFFIX}"

    def write(self, project: Project, original: Path | None) -> None:
        """Save unsaved work to this session's recovery file (OSError or SaveError on failure)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._lock is None:
            lock = _lock(self.path)
            if lock.tryLock(0):
                self._lock = lock
        save_recovery(self.path, project, original)

    def discard(self) -> None:
        """The work was saved or thrown away: remove this session's recovery file and its lock."""
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def leftovers(self) -> list[Leftover]:
        """Recovery files of sessions no longer running (crashed), newest first, each now locked."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in self.folder.glob(f"*{SUFFIX}"):
            if path.stem == self.session:
                continue
            lock = _lock(path)
            if lock.tryLock(0):  # its owner is gone (a running session holds its lock)
                found.append(Leftover(path, lock))
        return sorted(found, key=lambda f: _mtime(f.path), reverse=True)

    @staticmethod
    def read(leftover: Leftover) -> Recovery:
        """The unsaved work in ``leftover`` (LoadError when it cannot be read)."""
        return load_recovery(leftover.path)

    @staticmethod
    def set_aside(leftover: Leftover) -> Path | None:
        """A leftover that cannot be read: renamed ``….unreadable`` beside the others, so it is kept (for
        someone to look at) but never offered again. Returns the new name (None if it could not move)."""
        target = leftover.path.with_name(leftover.path.name + ".unreadable")
        try:
            leftover.path.replace(target)
        except OSError:
            target = None
        leftover.lock.unlock()
        return target

    @staticmethod
    def release(leftover: Leftover, *, remove: bool) -> None:
        """Stop offering ``leftover``; with ``remove`` its file is deleted for good."""
        if remove:
            with contextlib.suppress(OSError):
                leftover.path.unlink(missing_ok=True)
        leftover.lock.unlock()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def work_summary(project: Project) -> str:
    """"3 annotations, 1 metric link and 2 targets": what a project holds besides its data."""
    parts = [_plural(len(project.annotations), "annotation")]
    if project.edits.metric_links:
        parts.append(_plural(len(project.edits.metric_links), "metric link"))
    if project.edits.targets:
        parts.append(_plural(project.edits.target_count, "target"))
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]

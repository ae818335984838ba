"""Reading files off the GUI thread (one Job of bcpviewer.ui.jobs around the file loader), one read at a
time; between reading and showing, the Loader asks the user what only they can say (which council;
which column holds what) through an Asker, remembering the answers in the settings."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QDialog, QWidget

from bcpviewer.model.records import Dataset
from bcpviewer.ui.jobs import Job, Progress
from bcpviewer.ui.shell.settings import CouncilChoice, Settings

log = logging.getLogger(__name__)


def read_files(paths: Sequence[str], options: dict[str, Any], cancelled: Callable[[], bool],
               progress: Progress) -> tuple[Dataset, list, Any]:
    """The work of a load (run by a Job): the dataset, the files that could not be read, and the
    loader's report (which council, which sheets it could not match). The reading itself happens in a
    worker process (bcpviewer.io.worker), so a file that exhausts memory stops the worker, not the app."""
    from bcpviewer.io.worker import load_files_isolated

    dataset, errors, report = load_files_isolated(
        list(paths), progress=lambda fraction, message: progress(message, fraction), cancelled=cancelled,
        **options)
    # worked out off the GUI thread (the dataset remembers them for the timeline, charts and status bar)
    dataset.span(), dataset.figures_span(), dataset.observation_count  # noqa: B018
    return dataset, errors, report


OFFICIAL_NAME = "The bundled official data"
_warming: list[threading.Thread] = []


def warm_imports() -> None:
    """Import, once and off the GUI thread, the modules a first read needs on the GUI thread (the
    remembered column mappings' and the councils'): 0.1-0.2 s the first open would otherwise hold the
    window for (GUI stalls, issue 19)."""
    if _warming:
        return

    def work() -> None:
        try:
            import bcpviewer.io.mapping
            import bcpviewer.io.neighbours  # noqa: F401
        except Exception:  # the read then imports them itself, and says what failed
            log.exception("Importing the readers ahead of the first read failed")

    _warming.append(threading.Thread(target=work, name="bcpviewer-imports", daemon=True))
    _warming[0].start()


def all_councils() -> list[Any]:
    """The councils to offer: those in the bundled official data, else the neighbour models'."""
    from bcpviewer.io import neighbours as sn
    from bcpviewer.io.errors import LoadError
    from bcpviewer.io.official import OfficialData

    try:
        with OfficialData() as od:
            return od.councils(include_former=True)
    except LoadError:
        log.warning("The bundled official data cannot be read; offering the neighbour models' councils")
        return sn.all_councils()


def failure_text(errors: Sequence) -> str:
    """One bullet per file that could not be read, with the reason in plain words."""
    return "\n".join(f"• {Path(e.path).name}: {e.reason}" for e in errors)


class Asker(Protocol):
    """Asks the user, without blocking, and calls ``done`` with the answer (None: not answered)."""

    def ask_council(self, councils: list[Any], current: CouncilChoice | None, files: list[str],
                    done: Callable[[CouncilChoice | None, bool], None]) -> None: ...

    def ask_mapping(self, unmatched: Any, guess: Any, done: Callable[[Any, bool], None]) -> None: ...

    def dismiss(self) -> None: ...


class DialogAsker:
    """Asks with the council and column-mapping dialogs, window-modal and non-blocking (open(),
    never exec()): ``current`` is the dialog on screen, for tests to drive."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.current: QDialog | None = None

    def ask_council(self, councils: list[Any], current: CouncilChoice | None, files: list[str],
                    done: Callable[[CouncilChoice | None, bool], None]) -> None:
        from bcpviewer.ui.loading.council_dialog import CouncilDialog

        dialog = CouncilDialog(councils, current, self.parent, files)
        self._show(dialog, lambda ok: done(dialog.choice() if ok else None, dialog.remember))

    def ask_mapping(self, unmatched: Any, guess: Any, done: Callable[[Any, bool], None]) -> None:
        from bcpviewer.ui.loading.column_mapper import ColumnMapperDialog

        grid = unmatched.grid
        where = f"{Path(unmatched.path).name}" + (f", sheet '{grid.sheet}'" if grid.sheet else "")
        dialog = ColumnMapperDialog(grid, guess, self.parent, where)
        self._show(dialog, lambda ok: done(dialog.mapping() if ok else None, dialog.remember))

    def _show(self, dialog: QDialog, answer: Callable[[bool], None]) -> None:
        self.current = dialog

        def finished(result: int) -> None:
            if self.current is dialog:
                self.current = None
            dialog.deleteLater()
            answer(result == QDialog.DialogCode.Accepted)

        dialog.finished.connect(finished)
        dialog.open()

    def dismiss(self) -> None:
        """Close the dialog on screen without answering (the load was cancelled or replaced)."""
        dialog, self.current = self.current, None
        if dialog is not None:
            dialog.finished.disconnect()
            dialog.reject()
            dialog.deleteLater()


@dataclass
class _Flow:
    """One load from start to shown: what was read, and what is still to ask."""

    paths: list[str]
    council: CouncilChoice | None = None  # chosen in this load (remembered or not)
    council_asked: bool = False
    dataset: Dataset = field(default_factory=Dataset)
    errors: list[Any] = field(default_factory=list)
    unmatched: list[Any] = field(default_factory=list)
    waiting: bool = False  # a question is on screen


class Loader(QObject):
    """Runs one load at a time; a newer load or a cancel makes older threads' results arrive nowhere.

    With an ``asker``, a file holding many councils read without a (remembered) council makes it
    ask which council, and read the files again for it; each sheet with no table it can match
    makes it ask for a column mapping. Answers are remembered in ``choices`` when the user says so.
    The chosen council's bundled official data (inspections, indicators) is read with the files.
    """

    progressed = Signal(float, str)
    loaded = Signal(object, object, object)  # paths, Dataset, [LoadError]
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None, choices: Settings | None = None) -> None:
        super().__init__(parent)
        self._token = 0
        self._paths: list[str] = []
        self._running = False  # a load (of files, or of the bundled data alone) is under way
        self._threads: set[Job] = set()
        self._flow: _Flow | None = None
        self.choices = choices if choices is not None else Settings()  # where answers are remembered
        self.asker: Asker | None = None
        warm_imports()

    @property
    def paths(self) -> list[str]:
        """The files being read now (empty when idle)."""
        return list(self._paths)

    @property
    def is_loading(self) -> bool:
        return self._running

    @property
    def is_asking(self) -> bool:
        return self._flow is not None and self._flow.waiting

    def start(self, paths: Sequence[str]) -> None:
        """Read ``paths`` in a new thread, cancelling any load under way (and any question)."""
        self._drop_flow()
        self.cancel()
        self._flow = _Flow(list(paths))
        self._paths, self._running = list(paths), True
        self._launch()

    def change_council(self, paths: Sequence[str]) -> None:
        """Ask for the council and neighbour options again (every council in the bundled official
        data is offered), then read ``paths`` (none: the bundled data alone) for the answer."""
        if self.asker is None:
            return
        self._drop_flow()
        self.cancel()
        flow = self._flow = _Flow(list(paths), council_asked=True, waiting=True)
        self._paths, self._running = list(paths), True
        names = [Path(p).name for p in paths] or [OFFICIAL_NAME]
        self.asker.ask_council(all_councils(), self._current_council(), names,
                               lambda choice, remember: self._on_council(flow, choice, remember))

    def _current_council(self) -> CouncilChoice | None:
        return self.choices.council()

    def _options(self) -> dict[str, Any]:
        flow = self._flow
        council = flow.council if flow is not None and flow.council is not None else self._current_council()
        options: dict[str, Any] = {"mappings": self.choices.mappings()}
        if council is not None:  # its bundled official data too
            options.update(council=council.code, neighbour_model=council.model, neighbour_stat=council.stat,
                           official=council.code)
        return options

    def _launch(self) -> None:
        self._token += 1
        paths, options = list(self._paths), self._options()
        thread = Job(self._token, lambda cancelled, progress: read_files(paths, options, cancelled, progress))
        thread.progressed.connect(self._on_progressed)
        thread.succeeded.connect(self._on_loaded)
        thread.failed.connect(self._on_failed)
        thread.was_cancelled.connect(self._on_cancelled)
        thread.finished.connect(self._on_thread_finished)
        self._threads.add(thread)
        thread.start()

    def cancel(self) -> None:
        """Ask every running thread to stop; the current load then reports ``cancelled``. A
        question on screen is withdrawn and the load reports ``cancelled`` at once."""
        for t in self._threads:
            t.cancel()
        if self._flow is not None and self._flow.waiting:
            self._drop_flow()
            self._paths, self._running = [], False
            self.cancelled.emit()

    def _drop_flow(self) -> None:
        if self._flow is not None and self._flow.waiting and self.asker is not None:
            self.asker.dismiss()
        self._flow = None

    def wait(self) -> None:
        """Cancel and wait for every thread (on closing)."""
        self.cancel()
        for t in list(self._threads):
            t.wait()

    def _current(self, token: int) -> bool:
        return token == self._token and self._running

    @Slot(int, float, str)
    def _on_progressed(self, token: int, fraction: float, message: str) -> None:
        if self._current(token):
            self.progressed.emit(max(fraction, 0.0), message)

    @Slot(int, object)
    def _on_loaded(self, token: int, result: object) -> None:
        if not self._current(token):
            return
        dataset, errors, report = result  # type: ignore[misc]
        flow = self._flow
        if flow is None:  # a load started without a flow (never, but be safe): show what was read
            paths, self._paths, self._running = self._paths, [], False
            self.loaded.emit(paths, dataset, errors)
            return
        flow.dataset = dataset if isinstance(dataset, Dataset) else Dataset()
        flow.errors = list(errors) if isinstance(errors, list) else []
        flow.unmatched = list(getattr(report, "unmatched", []) or [])
        if (self.asker is not None and not flow.council_asked and report is not None
                and getattr(report, "needs_council", False)):
            flow.council_asked = flow.waiting = True
            names = [Path(p).name for p in report.councils]
            self.asker.ask_council(report.all_councils(), self._current_council(), names,
                                   lambda choice, remember: self._on_council(flow, choice, remember))
            return
        self._continue(flow)

    def _on_council(self, flow: _Flow, choice: CouncilChoice | None, remember: bool) -> None:
        if self._flow is not flow:
            return  # withdrawn
        flow.waiting = False
        if choice is None:  # not answered: show what was read (England's figures, with a note)
            if flow.dataset.files or flow.errors:
                self._continue(flow)
            else:  # asked from change_council before any read: nothing to show, nothing changed
                self._flow, self._paths, self._running = None, [], False
                self.cancelled.emit()
            return
        if remember:
            self.choices.set_council(choice)
        flow.council = choice
        self._launch()  # read again for the chosen council

    def _continue(self, flow: _Flow) -> None:
        if self.asker is not None and flow.unmatched:
            from bcpviewer.io import mapping as mp

            item = flow.unmatched.pop(0)
            flow.waiting = True
            self.asker.ask_mapping(item, mp.guess(item.grid),
                                   lambda m, remember: self._on_mapping(flow, item, m, remember))
            return
        self._flow = None
        paths, self._paths, self._running = self._paths, [], False
        self.loaded.emit(paths, flow.dataset, flow.errors)

    def _on_mapping(self, flow: _Flow, item: Any, mapping: Any, remember: bool) -> None:
        if self._flow is not flow:
            return
        flow.waiting = False
        if mapping is not None:
            from bcpviewer.io import mapping as mp

            if remember:
                self.choices.remember_mapping(mapping)
            flow.dataset = with_mapped(flow.dataset, item.grid, mp.apply(item.grid, mapping, item.path))
        self._continue(flow)

    @Slot(int, str)
    def _on_failed(self, token: int, message: str) -> None:
        if self._current(token):
            self._paths, self._running = [], False
            self._flow = None
            self.failed.emit(message)

    @Slot(int)
    def _on_cancelled(self, token: int) -> None:
        if self._current(token):
            self._paths, self._running = [], False
            self._flow = None
            self.cancelled.emit()

    @Slot()
    def _on_thread_finished(self) -> None:
        for t in [t for t in self._threads if t.done]:
            t.wait()
            self._threads.discard(t)
            t.deleteLater()


def with_mapped(dataset: Dataset, grid: Any, mapped: Dataset) -> Dataset:
    """``dataset`` with the records read through a column mapping from ``grid``, and without the
    "no table found" problem that sheet had."""
    from bcpviewer.io.loader import is_unmatched

    problems = tuple(p for p in dataset.problems
                     if not (p.file == grid.file and p.sheet == grid.sheet and is_unmatched(p)))
    return Dataset(
        dataset.actions + mapped.actions, dataset.events + mapped.events, dataset.series + mapped.series,
        dataset.sources + mapped.sources, problems + mapped.problems, dataset.files,
        dataset.notes + mapped.notes, dataset.eras + mapped.eras,
    )

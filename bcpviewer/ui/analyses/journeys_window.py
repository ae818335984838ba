"""The Journeys window: councils lined up on months since their inadequate judgement, from an
Ofsted outcomes table and DfE statistics for many councils (with no file chosen, from the bundled
official data); a chart, a table and a summary line."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from bcpviewer.io import journeys as ji
from bcpviewer.model.journeys import Anchor, Journey, councils_judged, journeys
from bcpviewer.model.records import Event, MetricSeries, Problem
from bcpviewer.model.vocab import Polarity
from bcpviewer.plots.journey_chart import short_name
from bcpviewer.ui.analyses.journeys_controls import CompareBox, FilesBox, JourneysResults
from bcpviewer.ui.analyses.journeys_councils import CouncilChecklist, find_council, latest_tips
from bcpviewer.ui.analyses.journeys_job import Reads, Work, read_bundled, read_files, read_metric

log = logging.getLogger(__name__)

JUDGED_SINCE = date(2018, 1, 1)  # ILACS began in January 2018
PREFERRED_METRIC = "Agency social workers (% of FTE)"
REFRESH_MS = 150  # wait this long after a tick before reading figures, so several ticks read once


class JourneysWindow(QMainWindow):
    """Compare councils' journeys after an inadequate judgement (non-modal)."""

    journeys_changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, ofsted_path: str | None = None,
                 dfe_paths: Sequence[str] = (), council: str | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.today = today  # None: months so far are counted to the real today
        self.setWindowTitle("Journeys across councils")
        self.setAccessibleName(self.windowTitle())
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.resize(1280, 860)
        self._wanted_council = council
        self._events: dict[str, list[Event]] = {}
        self._series: dict[str, MetricSeries] = {}
        self._indicators: list[str] = []
        self._file_problems: list[Problem] = []
        self._metric_problems: list[Problem] = []
        self._journeys: list[Journey] = []
        self._own: str | None = None
        self._metric: str | None = None
        self._unit = ""
        self._polarity = Polarity.NEUTRAL
        self._busy = False
        self._bundled = False  # the figures come from the bundled official data, not files
        self._reads = Reads(self, on_busy=self._set_busy, on_error=self._show_error,
                            on_progress=lambda text: self.progress_label.setText(text))
        self._note = ""
        self._files_note = ""
        self._build()
        self.ofsted_edit.setText(ofsted_path or "")
        self.dfe_edit.setText("; ".join(dfe_paths))
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self._read_metric)
        self._set_idle_text()
        QTimer.singleShot(0, self.load)  # the files given, else the bundled official data

    # -- building ------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.files_box = FilesBox()
        self.ofsted_edit = self.files_box.ofsted_edit
        self.ofsted_button = self.files_box.ofsted_button
        self.dfe_edit = self.files_box.dfe_edit
        self.dfe_button = self.files_box.dfe_button
        self.load_button = self.files_box.load_button
        self.cancel_button = self.files_box.cancel_button
        self.progress_label = self.files_box.progress_label
        self.error_label = self.files_box.error_label

        self.compare_box = CompareBox()
        self.own_box = self.compare_box.own_box
        self.anchor_box = self.compare_box.anchor_box
        self.metric_box = self.compare_box.metric_box
        self.model_box = self.compare_box.model_box

        self.councils_box = CouncilChecklist()
        self.council_list = self.councils_box.list
        self.search_edit = self.councils_box.search_edit
        self.judged_button = self.councils_box.judged_button
        self.neighbours_button = self.councils_box.neighbours_button
        self.clear_button = self.councils_box.clear_button

        side = QWidget()
        side.setMaximumWidth(440)
        sv = QVBoxLayout(side)
        sv.setContentsMargins(0, 0, 0, 0)
        sv.addWidget(self.files_box)
        sv.addWidget(self.compare_box)
        sv.addWidget(self.councils_box, 1)

        self.results = JourneysResults()
        self.chart = self.results.chart
        self.chart_widget = self.results.chart_widget
        self.table = self.results.table
        self.summary_label = self.results.summary_label
        self.problems_button = self.results.problems_button
        self.problems_text = self.results.problems_text
        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(side)
        main.addWidget(self.results)
        main.setStretchFactor(0, 0)
        main.setStretchFactor(1, 1)
        main.setSizes([400, 880])
        self.setCentralWidget(main)

        self.files_box.chosen.connect(self.load)
        self.load_button.clicked.connect(self.load)
        self.cancel_button.clicked.connect(self.cancel)
        self.ofsted_edit.returnPressed.connect(self.load)
        self.dfe_edit.returnPressed.connect(self.load)
        self.judged_button.clicked.connect(self.tick_judged)
        self.neighbours_button.clicked.connect(self.tick_neighbours)
        self.clear_button.clicked.connect(self.clear_councils)
        self.councils_box.changed.connect(self._schedule)
        self.own_box.currentIndexChanged.connect(self._on_own_changed)
        self.anchor_box.currentIndexChanged.connect(self._on_anchor_changed)
        self.metric_box.currentIndexChanged.connect(self._on_metric_changed)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, self.close)

    # -- the API the briefing pack and the lead use ------------------------------------------------------
    def current_journeys(self) -> list[Journey]:
        """The journeys shown: the ticked councils in list order, yours first."""
        return list(self._journeys)

    @property
    def metric_name(self) -> str | None:
        return self._metric

    @property
    def unit(self) -> str:
        return self._unit

    @property
    def polarity(self) -> Polarity:
        return self._polarity

    @property
    def anchor(self) -> Anchor:
        return self.compare_box.anchor

    @property
    def own_council(self) -> str | None:
        return self._own

    @property
    def is_busy(self) -> bool:
        """True while files or figures are being read."""
        return self._busy or self._refresh_timer.isActive()

    def councils(self) -> list[str]:
        """Every council in the outcomes table (display names)."""
        return list(self._events)

    def ticked(self) -> list[str]:
        """The councils ticked, in list order (yours included)."""
        return self.councils_box.ticked()

    def set_councils(self, councils: Sequence[str]) -> None:
        """Tick exactly ``councils`` (display names, codes or names) and your own council."""
        wanted = {self._key_for(c) for c in councils} - {None}
        self._tick(lambda key: key in wanted)

    def set_metric(self, name: str) -> None:
        i = self.metric_box.findData(name)
        if i >= 0:
            self.metric_box.setCurrentIndex(i)

    def set_anchor(self, anchor: Anchor) -> None:
        for i in range(self.anchor_box.count()):
            if self.anchor_box.itemData(i) == anchor:
                self.anchor_box.setCurrentIndex(i)
                return

    def summary(self) -> str:
        return self.summary_label.text()

    # -- files ---------------------------------------------------------------------------------------
    def _dfe_paths(self) -> list[str]:
        return self.files_box.dfe_paths()

    @Slot()
    def load(self) -> None:
        """Read the outcomes table and the DfE files' indicators off the GUI thread; with no file
        chosen, the bundled official data (every council's inspections and rates)."""
        ofsted_path = self.ofsted_edit.text().strip()
        dfe_paths = self._dfe_paths()
        if not ofsted_path and dfe_paths:
            self._show_error("Choose an Ofsted outcomes file: it says which councils were judged "
                             "inadequate and when they were re-inspected.")
            return
        self._bundled = not ofsted_path
        if self._bundled:
            self._start(read_bundled(), self._on_files_read, "Reading the bundled official data…")
            return
        self._start(read_files(ofsted_path, dfe_paths), self._on_files_read, "Reading the files…")

    def _start(self, work: Work, on_done: Callable[[object], None], text: str) -> None:
        self._reads.start(work, on_done, text)

    @Slot()
    def cancel(self, quiet: bool = False) -> None:
        """Stop reading; what is shown stays as it was."""
        self._reads.cancel()
        if self._busy and not quiet:
            self._reads.forget()  # the cancelled job's outcome arrives nowhere
            self._set_busy(False, "Cancelled: what is shown is unchanged.")

    def _set_busy(self, busy: bool, text: str | None = None) -> None:
        """Busy: ``text`` says what is being read. Idle: ``text``, else the standing note."""
        self._busy = busy
        self.files_box.set_busy(busy)
        self.progress_label.setText(text if text is not None else self._note)

    def _set_note(self, text: str) -> None:
        """What the window says when it is not reading (what was read, what is missing)."""
        self._note = text
        if not self._busy:
            self.progress_label.setText(text)

    def _show_error(self, message: str) -> None:
        self.files_box.show_error(message)

    def _on_files_read(self, result: object) -> None:
        events, problems, names = result  # type: ignore[misc]
        self._show_error("")
        self._events = events
        self._file_problems = list(problems)
        self._indicators = list(names)
        self._fill_own()
        self._fill_anchors()
        self._fill_metrics()
        self._fill_councils()
        n = len(events)
        metrics = f" and {len(names)} indicators" if names else "; no DfE statistics chosen, so no figures"
        text = f"Read {n} council{'s' if n != 1 else ''}{metrics}" + (
            " from the bundled official data (choose files to use others)." if self._bundled else ".")
        if self._wanted_council and self._own is None:
            text += f" Your council ({self._wanted_council}) is not in the outcomes table."
        self._files_note = text
        self._set_note(text)
        self._read_metric()

    # -- filling the choices ---------------------------------------------------------------------------
    def _key_for(self, council: str | None) -> str | None:
        return find_council(self._events, council)

    def _fill_own(self) -> None:
        self._own = self.compare_box.fill_own(list(self._events), self._key_for(self._own or self._wanted_council))
        self.councils_box.set_own(self._own, short_name(self._own) if self._own else None)

    def _fill_anchors(self) -> None:
        self.compare_box.fill_anchors(self._events)

    def _fill_metrics(self) -> None:
        self._metric = self.compare_box.fill_metrics(self._indicators, (self._metric, PREFERRED_METRIC))

    def _fill_councils(self) -> None:
        first_time = not self.councils_box.keys()
        ticked = set(councils_judged(self._events, since=JUDGED_SINCE)) if first_time else set(self.ticked())
        self.councils_box.set_councils(self._events, ticked, latest_tips(self._events))

    # -- presets -------------------------------------------------------------------------------------
    def _tick(self, keep: Callable[[str], bool]) -> None:
        self._set_note(self._files_note)
        self.councils_box.tick(keep)

    @Slot()
    def tick_judged(self) -> None:
        """Tick the councils judged inadequate since January 2018 (and yours)."""
        judged = set(councils_judged(self._events, since=JUDGED_SINCE))
        self._tick(lambda key: key in judged)

    @Slot()
    def tick_neighbours(self) -> None:
        """Tick your council's statistical neighbours in the chosen model (and yours)."""
        if not self._own:
            return
        near = {self._key_for(n) for n in ji.neighbours_of(self._own, self.model_box.currentData())}
        self._tick(lambda key: key in near)
        missing = len(ji.neighbours_of(self._own, self.model_box.currentData())) - len(near - {None})
        if missing:
            self._set_note(f"{self._files_note} {missing} of the neighbours are not in the outcomes table.")

    @Slot()
    def clear_councils(self) -> None:
        self._tick(lambda _key: False)

    # -- reacting ---------------------------------------------------------------------------------
    @Slot(int)
    def _on_own_changed(self, _i: int) -> None:
        self._own = self.own_box.currentData()
        self.councils_box.set_own(self._own, short_name(self._own) if self._own else None)
        self._schedule()

    @Slot(int)
    def _on_anchor_changed(self, _i: int) -> None:
        self._show()

    @Slot(int)
    def _on_metric_changed(self, _i: int) -> None:
        self._metric = self.metric_box.currentData()
        self._schedule()

    def _schedule(self) -> None:
        if self._events:
            self._refresh_timer.start()

    @Slot()
    def _read_metric(self) -> None:
        """Read the ticked councils' figures for the metric off the GUI thread, then show them."""
        self._refresh_timer.stop()
        councils = self.ticked()
        metric = self._metric
        paths = [] if self._bundled else self._dfe_paths()
        if not metric or not (paths or self._bundled) or not councils:
            self._on_metric_read(({}, []))
            return

        self._start(read_metric(paths, councils, metric), self._on_metric_read, f"Reading {metric.lower()}…")

    def _on_metric_read(self, result: object) -> None:
        series, problems = result  # type: ignore[misc]
        self._series = dict(series)
        self._metric_problems = list(problems)
        first = next(iter(self._series.values()), None)
        self._unit = first.unit if first is not None else ""
        self._polarity = first.polarity if first is not None else Polarity.NEUTRAL
        self._show()

    def _show(self) -> None:
        """Journeys from what was read, on the chart, in the table and in the summary line."""
        try:
            self._show_now()
        except Exception as e:  # never a traceback in front of the user
            log.exception("Showing the journeys failed")
            self._show_error(f"BCP Viewer met an internal error while showing the journeys ({e}).")

    def _show_now(self) -> None:
        ticked = self.ticked()
        order = ([self._own] if self._own in ticked else []) + [c for c in ticked if c != self._own]
        anchor = self.anchor
        self._journeys = journeys(order, self._events, self._series, anchor,
                                  as_of=self.today or date.today())
        title = self._metric or "No metric: choose DfE statistics files"
        self.chart.set_journeys(self._journeys, title, self._unit, self._polarity, self._own, anchor=anchor)
        self.table.show_journeys(self._journeys, self._series, self._own, anchor)
        if self._journeys:
            self.summary_label.setText(ji.summary_line(self._journeys, self._own, anchor))
        else:
            self.summary_label.setText("Tick councils to compare their journeys." if self._events else "")
        self._show_problems()
        self.journeys_changed.emit()

    def _show_problems(self) -> None:
        self.results.show_problems(self._file_problems + self._metric_problems)

    def _set_idle_text(self) -> None:
        self._set_note("Reading the bundled official data; or choose an Ofsted outcomes table and DfE "
                       "statistics for many councils, then read them.")
        self.chart.set_journeys([], "Journeys across councils", "", Polarity.NEUTRAL)
        self.summary_label.setText("")

    # -- closing ----------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self._refresh_timer.stop()
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop and wait for every reading thread."""
        self._reads.shutdown()
        if self._busy:  # a read was stopped half-way: say so, and let the user read again
            self._set_busy(False, "Reading stopped when the window was closed: read the files again.")

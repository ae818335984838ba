"""The Journeys window: councils lined up on months since their inadequate judgement, from an
Ofsted outcomes table and DfE statistics for many councils; a chart, a table and a summary line."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bcpviewer.io import journeys as ji
from bcpviewer.model.journeys import (
    INADEQUATE,
    Anchor,
    Journey,
    Which,
    councils_judged,
    journeys,
    judged_on,
)
from bcpviewer.model.records import Event, MetricSeries, Problem
from bcpviewer.model.spans import format_date
from bcpviewer.model.vocab import EventKind, Polarity
from bcpviewer.plots import style
from bcpviewer.plots.journey_chart import JourneyPlot, short_name
from bcpviewer.ui.analyses.journeys_councils import CouncilChecklist
from bcpviewer.ui.analyses.journeys_job import Job

log = logging.getLogger(__name__)

JUDGED_SINCE = date(2018, 1, 1)  # ILACS began in January 2018
PREFERRED_METRIC = "Agency rate fte"
REFRESH_MS = 150  # wait this long after a tick before reading figures, so several ticks read once
MAX_PROBLEMS_SHOWN = 500


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
        self._token = 0
        self._jobs: set[Job] = set()
        self._busy = False
        self._done: tuple[int, Callable[[object], None]] | None = None
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
        if ofsted_path:
            QTimer.singleShot(0, self.load)

    # -- building ------------------------------------------------------------------------------------
    def _build(self) -> None:
        # Files
        self.ofsted_edit = QLineEdit()
        self.ofsted_edit.setAccessibleName("Ofsted outcomes file")
        self.ofsted_edit.setPlaceholderText("An Ofsted outcomes table for many councils (.csv, .xlsx, .ods)")
        self.ofsted_button = QPushButton("Choose…")
        self.ofsted_button.setAccessibleName("Choose the Ofsted outcomes file")
        self.dfe_edit = QLineEdit()
        self.dfe_edit.setAccessibleName("DfE statistics files, separated by semicolons")
        self.dfe_edit.setPlaceholderText("DfE statistics files for many councils (.csv), separated by ;")
        self.dfe_button = QPushButton("Choose…")
        self.dfe_button.setAccessibleName("Choose the DfE statistics files")
        self.load_button = QPushButton("&Read the files")
        self.load_button.setAccessibleName("Read the files")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel reading")
        self.cancel_button.setEnabled(False)
        self.progress_label = QLabel()
        self.progress_label.setAccessibleName("Progress")
        self.progress_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setAccessibleName("Error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {style.OVERDUE_TEXT};")
        self.error_label.setVisible(False)
        files = QGroupBox("Files")
        form = QFormLayout(files)
        row1 = QHBoxLayout()
        row1.addWidget(self.ofsted_edit, 1)
        row1.addWidget(self.ofsted_button)
        row2 = QHBoxLayout()
        row2.addWidget(self.dfe_edit, 1)
        row2.addWidget(self.dfe_button)
        label1 = QLabel("&Ofsted outcomes:")
        label1.setBuddy(self.ofsted_edit)
        label2 = QLabel("&DfE statistics:")
        label2.setBuddy(self.dfe_edit)
        form.addRow(label1, row1)
        form.addRow(label2, row2)
        row3 = QHBoxLayout()
        row3.addWidget(self.load_button)
        row3.addWidget(self.cancel_button)
        row3.addStretch(1)
        form.addRow(row3)
        form.addRow(self.progress_label)
        form.addRow(self.error_label)

        # What to compare
        self.own_box = QComboBox()
        self.own_box.setAccessibleName("Your council (always shown, highlighted)")
        self.anchor_box = QComboBox()
        self.anchor_box.setAccessibleName("Line the councils up on")
        self.metric_box = QComboBox()
        self.metric_box.setAccessibleName("Metric")
        self.metric_box.setMinimumContentsLength(18)
        self.metric_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_box = QComboBox()
        self.model_box.setAccessibleName("Statistical neighbour model")
        for key in ji.sn.MODELS:
            self.model_box.addItem(f"{key} model", key)
        choose = QGroupBox("Compare")
        cform = QFormLayout(choose)
        for text, w in (("&Your council:", self.own_box), ("&Line up on:", self.anchor_box),
                        ("&Metric:", self.metric_box), ("Neighbour mode&l:", self.model_box)):
            lab = QLabel(text)
            lab.setBuddy(w)
            cform.addRow(lab, w)

        # Councils
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
        sv.addWidget(files)
        sv.addWidget(choose)
        sv.addWidget(self.councils_box, 1)

        # The chart, the table, the summary
        self.chart = JourneyPlot()
        self.chart_widget = pg.PlotWidget(background=style.BACKGROUND, plotItem=self.chart.plot)
        self.chart_widget.setAccessibleName("Journeys chart")
        self.chart_widget.setMinimumHeight(360)
        self.chart_widget.scene().sigMouseMoved.connect(self.chart.hover_at_scene)
        self.table = QTableWidget(0, len(ji.TABLE_COLUMNS))
        self.table.setAccessibleName("Time from inadequate to re-inspection, by council")
        self.table.setHorizontalHeaderLabels(ji.TABLE_COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName("Summary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold = QFont(self.summary_label.font())
        bold.setBold(True)
        self.summary_label.setFont(bold)
        self.problems_button = QPushButton()
        self.problems_button.setAccessibleName("Show the problems met in the files")
        self.problems_button.setCheckable(True)
        self.problems_button.setVisible(False)
        self.problems_text = QPlainTextEdit()
        self.problems_text.setAccessibleName("Problems met in the files")
        self.problems_text.setReadOnly(True)
        self.problems_text.setVisible(False)
        self.problems_text.setMaximumHeight(140)
        lower = QWidget()
        lo = QVBoxLayout(lower)
        lo.setContentsMargins(0, 0, 0, 0)
        lo.addWidget(self.summary_label)
        lo.addWidget(self.table, 1)
        prow = QHBoxLayout()
        prow.addWidget(self.problems_button)
        prow.addStretch(1)
        lo.addLayout(prow)
        lo.addWidget(self.problems_text)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.chart_widget)
        right.addWidget(lower)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(side)
        main.addWidget(right)
        main.setStretchFactor(0, 0)
        main.setStretchFactor(1, 1)
        main.setSizes([400, 880])
        self.setCentralWidget(main)

        self.ofsted_button.clicked.connect(self._choose_ofsted)
        self.dfe_button.clicked.connect(self._choose_dfe)
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
        self.problems_button.toggled.connect(self.problems_text.setVisible)
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
        a = self.anchor_box.currentData()
        return a if isinstance(a, Anchor) else INADEQUATE

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
        return [p.strip() for p in self.dfe_edit.text().split(";") if p.strip()]

    @Slot()
    def _choose_ofsted(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, "Choose the Ofsted outcomes file", self.ofsted_edit.text(),
                                               "Tables (*.csv *.xlsx *.xlsm *.xls *.ods);;All files (*)")
        if path:
            self.ofsted_edit.setText(path)
            self.load()

    @Slot()
    def _choose_dfe(self) -> None:
        start = self._dfe_paths()[0] if self._dfe_paths() else self.ofsted_edit.text()
        paths, _f = QFileDialog.getOpenFileNames(self, "Choose the DfE statistics files", start,
                                                 "DfE statistics (*.csv);;All files (*)")
        if paths:
            self.dfe_edit.setText("; ".join(paths))
            self.load()

    @Slot()
    def load(self) -> None:
        """Read the outcomes table and the DfE files' indicators off the GUI thread."""
        ofsted_path = self.ofsted_edit.text().strip()
        dfe_paths = self._dfe_paths()
        if not ofsted_path:
            self._show_error("Choose an Ofsted outcomes file: it says which councils were judged "
                             "inadequate and when they were re-inspected.")
            return

        def work(cancelled: Callable[[], bool], progress: Callable[[str], None]) -> object:
            progress(f"Reading the Ofsted outcomes in {Path(ofsted_path).name}…")
            events, problems = ji.load_outcomes(ofsted_path, cancelled)
            names: list[str] = []
            if dfe_paths:
                progress("Reading the DfE statistics in " + ", ".join(Path(p).name for p in dfe_paths) + "…")
                names = ji.indicators(dfe_paths)
            return events, problems, names

        self._start(work, self._on_files_read, "Reading the files…")

    def _start(self, work: Callable, on_done: Callable[[object], None], text: str) -> None:
        self.cancel(quiet=True)
        self._token += 1
        job = Job(self._token, work)
        job.progressed.connect(self._on_progressed)
        self._done = (self._token, on_done)
        job.succeeded.connect(self._on_succeeded)
        job.failed.connect(self._on_failed)
        job.was_cancelled.connect(self._on_cancelled)
        job.finished.connect(self._on_job_finished)
        self._jobs.add(job)
        self._set_busy(True, text)
        job.start()

    @Slot()
    def cancel(self, quiet: bool = False) -> None:
        """Stop reading; what is shown stays as it was."""
        for job in self._jobs:
            job.cancel()
        if self._busy and not quiet:
            self._token += 1  # the cancelled job's outcome arrives nowhere
            self._set_busy(False, "Cancelled: what is shown is unchanged.")

    def _set_busy(self, busy: bool, text: str | None = None) -> None:
        """Busy: ``text`` says what is being read. Idle: ``text``, else the standing note."""
        self._busy = busy
        self.cancel_button.setEnabled(busy)
        self.load_button.setEnabled(not busy)
        self.progress_label.setText(text if text is not None else self._note)

    def _set_note(self, text: str) -> None:
        """What the window says when it is not reading (what was read, what is missing)."""
        self._note = text
        if not self._busy:
            self.progress_label.setText(text)

    @Slot(int, str)
    def _on_progressed(self, token: int, text: str) -> None:
        if token == self._token:
            self.progress_label.setText(text)

    @Slot(int, object)
    def _on_succeeded(self, token: int, result: object) -> None:
        if token != self._token or self._done is None or self._done[0] != token:
            return
        on_done = self._done[1]
        self._done = None
        self._set_busy(False)
        try:
            on_done(result)
        except Exception as e:  # never a traceback in front of the user
            log.exception("Showing the journeys failed")
            self._show_error(f"BCP Viewer met an internal error while showing the journeys ({e}).")

    @Slot(int, str)
    def _on_failed(self, token: int, message: str) -> None:
        if token == self._token:
            self._set_busy(False)
            self._show_error(message)

    @Slot(int)
    def _on_cancelled(self, token: int) -> None:
        if token == self._token:
            self._set_busy(False, "Cancelled: what is shown is unchanged.")

    @Slot()
    def _on_job_finished(self) -> None:
        for job in [j for j in self._jobs if j.done]:
            job.wait()
            self._jobs.discard(job)
            job.deleteLater()

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

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
        text = f"Read {n} council{'s' if n != 1 else ''}{metrics}."
        if self._wanted_council and self._own is None:
            text += f" Your council ({self._wanted_council}) is not in the outcomes table."
        self._files_note = text
        self._set_note(text)
        self._read_metric()

    # -- filling the choices ---------------------------------------------------------------------------
    def _key_for(self, council: str | None) -> str | None:
        """The outcomes table's name for a code, a name or a display name (None when absent)."""
        if not council:
            return None
        if council in self._events:
            return council
        code = ji.code_of(council)
        want = ji.sn.council_key(ji.plain_name(council))
        for key in self._events:
            if (code is not None and ji.code_of(key) == code) or ji.sn.council_key(ji.plain_name(key)) == want:
                return key
        return None

    def _fill_own(self) -> None:
        current = self._own or self._wanted_council
        with QSignalBlocker(self.own_box):
            self.own_box.clear()
            self.own_box.addItem("(none)", None)
            for key in self._events:
                self.own_box.addItem(key, key)
            key = self._key_for(current)
            self.own_box.setCurrentIndex(max(self.own_box.findData(key), 0) if key else 0)
        self._own = self.own_box.currentData()
        self.councils_box.set_own(self._own, short_name(self._own) if self._own else None)

    def _fill_anchors(self) -> None:
        kinds: dict[EventKind, None] = {}
        for evs in self._events.values():
            for e in evs:
                kinds.setdefault(e.kind, None)
        current = self.anchor
        with QSignalBlocker(self.anchor_box):
            self.anchor_box.clear()
            self.anchor_box.addItem("Latest inadequate judgement", INADEQUATE)
            self.anchor_box.addItem("First inadequate judgement", Anchor(which=Which.FIRST))
            for kind in sorted(kinds, key=lambda k: k.label):
                self.anchor_box.addItem(f"Latest {kind.label.lower()}", Anchor(kind, None, Which.LATEST))
                self.anchor_box.addItem(f"First {kind.label.lower()}", Anchor(kind, None, Which.FIRST))
            i = next((i for i in range(self.anchor_box.count()) if self.anchor_box.itemData(i) == current), 0)
            self.anchor_box.setCurrentIndex(i)

    def _fill_metrics(self) -> None:
        current = self._metric
        with QSignalBlocker(self.metric_box):
            self.metric_box.clear()
            if not self._indicators:
                self.metric_box.addItem("(no DfE statistics)", None)
            for name in self._indicators:
                self.metric_box.addItem(name, name)
            for want in (current, PREFERRED_METRIC):
                i = self.metric_box.findData(want) if want else -1
                if i >= 0:
                    self.metric_box.setCurrentIndex(i)
                    break
        self._metric = self.metric_box.currentData()

    def _fill_councils(self) -> None:
        first_time = not self.councils_box.keys()
        ticked = set(councils_judged(self._events, since=JUDGED_SINCE)) if first_time else set(self.ticked())
        tips = {}
        for key, evs in self._events.items():
            if evs:
                last = evs[-1]
                grade = f", {last.overall.label}" if last.overall is not None else ""
                tips[key] = f"Latest in the table: {last.title} ({format_date(judged_on(last))}{grade})"
        self.councils_box.set_councils(self._events, ticked, tips)

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
        paths = self._dfe_paths()
        if not metric or not paths or not councils:
            self._on_metric_read(({}, []))
            return

        def work(cancelled: Callable[[], bool], progress: Callable[[str], None]) -> object:
            progress(f"Reading {metric.lower()} for {len(councils)} councils…")
            return ji.load_metric(paths, councils, metric, cancelled)

        self._start(work, self._on_metric_read, f"Reading {metric.lower()}…")

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
        self._fill_table(anchor)
        if self._journeys:
            self.summary_label.setText(ji.summary_line(self._journeys, self._own, anchor))
        else:
            self.summary_label.setText("Tick councils to compare their journeys." if self._events else "")
        self._show_problems()
        self.journeys_changed.emit()

    def _fill_table(self, anchor: Anchor) -> None:
        self.table.setHorizontalHeaderLabels(ji.table_columns(anchor))
        self.table.setRowCount(len(self._journeys))
        for r, j in enumerate(self._journeys):
            cells = ji.table_row(j, self._series.get(j.council))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 0 and j.council == self._own:
                    f = item.font()
                    f.setBold(True)
                    item.setFont(f)
                if c == 4 and j.grade_reached is not None:
                    item.setBackground(style.grade_fill(j.grade_reached))
                if c == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == 1 and j.anchor is not None:
                    item.setToolTip(f"{j.anchor.title}; fieldwork {j.anchor.when_label}")
                if c == 2 and j.reinspection is not None:
                    item.setToolTip(f"{j.reinspection.title}; fieldwork {j.reinspection.when_label}")
                self.table.setItem(r, c, item)

    def _show_problems(self) -> None:
        problems = self._file_problems + self._metric_problems
        self.problems_button.setVisible(bool(problems))
        self.problems_button.setText(f"Problems met in the files ({len(problems)})")
        lines = [p.describe() for p in problems[:MAX_PROBLEMS_SHOWN]]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            lines.append(f"… and {len(problems) - MAX_PROBLEMS_SHOWN} more")
        self.problems_text.setPlainText("\n".join(lines))
        if not problems:
            self.problems_button.setChecked(False)

    def _set_idle_text(self) -> None:
        self._set_note("Choose an Ofsted outcomes table and DfE statistics for many councils, then read them.")
        self.chart.set_journeys([], "Journeys across councils", "", Polarity.NEUTRAL)
        self.summary_label.setText("")

    # -- closing ----------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self._refresh_timer.stop()
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop and wait for every reading thread."""
        self._token += 1
        for job in list(self._jobs):
            job.cancel()
        for job in list(self._jobs):
            job.wait()
        self._jobs.clear()
        if self._busy:  # a read was stopped half-way: say so, and let the user read again
            self._set_busy(False, "Reading stopped when the window was closed: read the files again.")

